// The esbuild plugin that swaps dependencies for the faster equivalents beside it (each
// shim says why): used by scripts/build.mjs, and by the bench so it measures the same code.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * cli-table3 merges the table's options into every cell (src/cell.js `setOption`, 20 names a
 * cell): each call split, capitalised and joined the option's name and filtered a new array
 * for the first defined value, ~20 ms of a first `run` in V8's interpreter. The same values,
 * the names converted once.
 */
const CELL_HELPERS_FROM = `function firstDefined(...args) {
  return args.filter((v) => v !== undefined && v !== null).shift();
}

// HELPER FUNCTIONS
function setOption(objA, objB, nameB, targetObj) {
  let nameA = nameB.split('-');
  if (nameA.length > 1) {
    nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);
    nameA = nameA.join('');
    targetObj[nameA] = firstDefined(objA[nameA], objA[nameB], objB[nameA], objB[nameB]);
  } else {
    targetObj[nameB] = firstDefined(objA[nameB], objB[nameB]);
  }
}
`;
const CELL_HELPERS_TO = `function firstDefined(...args) {
  for (const v of args) if (v !== undefined && v !== null) return v;
  return undefined;
}

// HELPER FUNCTIONS (shimmed: scripts/shims/plugin.mjs)
const camelNames = new Map();
function camelName(nameB) {
  let nameA = camelNames.get(nameB);
  if (nameA === undefined) {
    const parts = nameB.split('-');
    if (parts.length > 1) {
      parts[1] = parts[1].charAt(0).toUpperCase() + parts[1].substr(1);
      nameA = parts.join('');
    } else nameA = null;
    camelNames.set(nameB, nameA);
  }
  return nameA;
}
function setOption(objA, objB, nameB, targetObj) {
  const nameA = camelName(nameB);
  if (nameA !== null) {
    const a = objA[nameA];
    if (a !== undefined && a !== null) targetObj[nameA] = a;
    else {
      const b = objA[nameB];
      if (b !== undefined && b !== null) targetObj[nameA] = b;
      else targetObj[nameA] = firstDefined(objB[nameA], objB[nameB]);
    }
  } else {
    const a = objA[nameB];
    targetObj[nameB] = a !== undefined && a !== null ? a : firstDefined(objB[nameB]);
  }
}
`;

/** cli-table3's strlen (src/utils.js, every cell): string-width was called twice for each widest line. Once now. */
const STRLEN_FROM = `  return split.reduce(function (memo, s) {
    return stringWidth(s) > memo ? stringWidth(s) : memo;
  }, 0);`;
const STRLEN_TO = `  let widest = 0;
  for (const s of split) {
    const w = stringWidth(s);
    if (w > widest) widest = w;
  }
  return widest;`;

/** `text` with `from` replaced by `to`; a build error when `from` is not there (another version of the file). */
function patch(file, text, from, to) {
  if (!text.includes(from)) throw new Error(`shims: ${file} is not the file this shim was written for`);
  return text.replace(from, to);
}

export const shims = {
  name: 'shims',
  setup(b) {
    b.onResolve({ filter: /^ansi-regex$/ }, () => ({ path: fileURLToPath(new URL('ansi-regex.cjs', import.meta.url)) }));
    b.onLoad({ filter: /[\\/]cli-table3[\\/]src[\\/](cell|utils)\.js$/ }, async (args) => {
      const text = (await readFile(args.path, 'utf8')).replace(/\r\n/g, '\n');
      const contents = args.path.endsWith('cell.js')
        ? patch(args.path, text, CELL_HELPERS_FROM, CELL_HELPERS_TO)
        : patch(args.path, text, STRLEN_FROM, STRLEN_TO);
      return { contents, loader: 'js' };
    });
  },
};
