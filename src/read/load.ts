// Reads a scenario file and the chain of files it `extends`, into one located tree.
// The only stage that touches the file system. A Loader caches parsed files so a
// command over many scenarios reads a shared baseline once. Bytes come from a
// FileSource: the disk, or (for `diff --against`) a git revision.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Diagnostics, type Loc } from '../core/diagnostics.js';
import { inGitDir, isInside as inside, MAX_INPUT_BYTES, readAtMost, readInputFile, type InputRead } from '../core/files.js';
import { M } from '../core/messages.js';
import { isShortName, shippedDir, shippedNames } from './shipped.js';
import type { TreeCache } from './tree-cache.js';
import { parseByKeys } from './chunks.js';
import { getEntry, mergeTrees, parseTree, type LMap, type LNode } from './tree.js';
import { realish } from './realpath.js';

/** Scenario files are small; anything bigger is refused before the YAML parser sees it. */
export const MAX_FILE_BYTES = MAX_INPUT_BYTES;

/** How many files deep an extends chain may go (a real one is two or three). */
export const MAX_EXTENDS_DEPTH = 32;

/**
 * Mechanisms times horizon years, checked right after reading: the engine, the measures
 * and the renderers work per mechanism and year, so this bounds their time and memory.
 */
export const MAX_MECHANISM_YEARS = 10_000;

/** Top-level keys of the scenario format: a file with none of them is not a scenario. */
const SCENARIO_KEYS = [
  'extends',
  'name',
  'description',
  'sources',
  'horizon',
  'governments',
  'sponsors',
  'currency',
  'exchangeRates',
  'fiscalYear',
  'targets',
  'assumptions',
  'mechanisms',
  'claims',
  'totals',
  'assert',
];

/** The name standard input goes by (`-` on the command line). */
export const STDIN_NAME = '<stdin>';

export interface Loaded {
  /** The merged tree (extends applied), or undefined when the input is unusable. */
  tree?: LMap;
  /** Every file read, by display name, for excerpts in diagnostics. */
  sources: Map<string, string>;
  /** Display names of the chain, the file itself first. */
  chain: string[];
}

interface Parsed {
  tree?: LNode;
  diags: Diagnostics;
  /** The text as read (line ends normalized), for excerpts once it may be quoted. */
  text?: string;
  /** It parsed into a mapping holding at least one of a scenario's keys. */
  scenario?: boolean;
}

/** Why a file's bytes could not be had: a diagnostic's code, message and hint. */
export interface ReadFailure {
  code: string;
  message: string;
  hint: string;
}

/**
 * Where a file's bytes come from: the disk by default; `diff --against` reads a git
 * revision through the same checks (size, binary, UTF-8, empty, YAML) and the same cache.
 */
export interface FileSource {
  /** Keys the cache, so one path read from two sources is two files. */
  readonly id: string;
  /** The name a file goes by in diagnostics and `sources`, from its display path. */
  name(display: string): string;
  /** `roots`: real folders a symbolic link may lead into besides the name's own tree. */
  read(abs: string, name: string, roots?: readonly string[], trees?: Map<string, string>): { buf: Buffer } | ReadFailure;
}

export const DISK: FileSource = {
  id: 'disk',
  name: (display) => display,
  read(abs, name, roots, trees) {
    // The one reader of core/files.ts: regular files only, capped, nothing in .git, a
    // symbolic link only into the tree the name is in or an allowed folder.
    const got = readInputFile(abs, { cap: MAX_FILE_BYTES, roots, trees });
    return got.ok ? { buf: got.buf } : refusal(got, name);
  },
};

/** A refused read as a diagnostic's code, message and hint (never what the file holds). */
export function refusal(got: Exclude<InputRead, { ok: true }>, name: string): ReadFailure {
  const message = M.inputRefused(name, got.why, got.code, got.size, MAX_FILE_BYTES);
  const [code, hint] = (
    {
      missing: ['file-not-found', M.fileNotFoundHint],
      unreadable: ['file-not-found', M.fileNotFoundHint],
      directory: ['not-a-file', M.isDirectoryHint],
      'not-a-file': ['not-a-file', M.notRegularFileHint],
      'too-large': ['too-large', M.tooLargeHint],
      'outside-tree': ['outside-tree', M.linkOutsideTreeHint],
      'in-git-dir': ['in-git-dir', M.inGitDirHint],
    } as const
  )[got.why];
  return { code, message, hint };
}

/** Standard input (`-`): read up to the cap, whatever it is (a pipe, a file, a terminal). */
export const STDIN: FileSource = {
  id: 'stdin',
  name: () => STDIN_NAME,
  read(_abs, name) {
    try {
      return capped(readAtMost(0, MAX_FILE_BYTES + 1), name);
    } catch (e) {
      return {
        code: 'file-not-found',
        message: M.fileUnreadable(name, String((e as NodeJS.ErrnoException).code)),
        hint: M.fileNotFoundHint,
      };
    }
  },
};

function capped(buf: Buffer, name: string): { buf: Buffer } | ReadFailure {
  return buf.length > MAX_FILE_BYTES
    ? { code: 'too-large', message: M.streamTooLarge(name, MAX_FILE_BYTES), hint: M.tooLargeHint }
    : { buf };
}

/** The git work tree holding `dir` (a folder with a `.git` entry), or `dir` itself. */
export function treeOf(dir: string): string {
  const start = realish(dir);
  for (let d = start; ;) {
    if (existsSync(join(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return start;
    d = up;
  }
}

export interface LoaderOptions {
  /** Folders `extends:` may also reach (`--root DIR`), besides each scenario's own tree. */
  roots?: string[];
  /** Caps other than the defaults (the bench lifts them to time large synthetic plans). */
  limits?: { mechanismYears?: number };
  /** Parsed trees saved between runs (single-scenario commands; see tree-cache.ts). */
  trees?: TreeCache;
  /**
   * Bytes of a file already read from disk by the same rules in this command, without
   * `roots` (check's saved results hash each file first): not read a second time.
   */
  bytes?: (abs: string) => Buffer | undefined;
}

export class Loader {
  private cache = new Map<string, Parsed>();
  /**
   * Texts of the files read, by display name, for excerpts in diagnostics: only files
   * that parsed as scenarios, and the files named on the command line, are quoted.
   */
  readonly sources = new Map<string, string>();
  private readonly roots: string[];
  private readonly maxMechanismYears: number;
  private readonly trees: TreeCache | undefined;
  private readonly bytes: LoaderOptions['bytes'];
  /** The git tree of each folder read from, found once per Loader (core/files.ts). */
  private readonly gitTrees = new Map<string, string>();
  /** treeOf each scenario's real folder, and the shipped folder's real path, once per Loader. */
  private readonly dirTrees = new Map<string, string>();
  private shippedReal: string | undefined;
  constructor(
    private readonly cwd: string = process.cwd(),
    opts: LoaderOptions = {},
  ) {
    this.roots = (opts.roots ?? []).map((r) => realish(resolve(cwd, r)));
    this.maxMechanismYears = opts.limits?.mechanismYears ?? MAX_MECHANISM_YEARS;
    this.trees = opts.trees;
    this.bytes = opts.bytes;
  }

  display(abs: string): string {
    const r = relative(this.cwd, abs);
    return r.startsWith('..') || isAbsolute(r) ? abs : r;
  }

  /** Reads and parses one file (cached); no extends handling. */
  private parseFile(abs: string, name: string, source: FileSource, roots: readonly string[], from?: Loc): Parsed {
    const key = `${source.id}\0${abs}`;
    const top = from === undefined;
    const hit = this.cache.get(key);
    if (hit) {
      if (top && hit.text !== undefined && quotable(abs, source)) this.sources.set(name, hit.text);
      return hit;
    }
    const diags = new Diagnostics();
    const result: Parsed = { diags };
    this.cache.set(key, result);
    const at: Loc = from ?? { file: name, line: 1, col: 1 };
    const pre = source === DISK ? this.bytes?.(abs) : undefined;
    const got = pre ? { buf: pre } : source.read(abs, name, roots, this.gitTrees);
    if (!('buf' in got)) {
      diags.error(got.code, got.message, at, got.hint);
      return result;
    }
    const buf = got.buf;
    if (buf.length > MAX_FILE_BYTES) {
      diags.error('too-large', M.fileTooLarge(name, buf.length, MAX_FILE_BYTES), at, M.tooLargeHint);
      return result;
    }
    if (buf.includes(0)) {
      diags.error('binary-file', M.binaryFile(name), at, M.binaryFileHint);
      return result;
    }
    let text = buf.toString('utf8');
    if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(buf)) {
      diags.error('not-utf8', M.notUtf8(name), at, M.binaryFileHint);
      return result;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is harmless; drop it
    // YAML counts a lone CR (old Mac line ends) as a line break; the parser does not, so
    // the whole file read as one line. CR -> LF keeps every offset, hence every column.
    if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
    result.text = text;
    // A file named on the command line is the user's own and quoted when it is a scenario
    // file by name; anything else only once it has parsed as a scenario (below), so a
    // file reached through `extends` that is not one (a config, a key file) is never echoed.
    if (top && quotable(abs, source)) this.sources.set(name, text);
    if (text.trim() === '' || /^\s*(#.*)?(\r?\n\s*(#.*)?)*$/.test(text)) {
      diags.error('empty-file', M.emptyFile, { file: name, line: 1, col: 1 }, M.emptyFileHint);
      return result;
    }
    // Saved whole, or by top-level keys (an edited file re-parses the keys it changed).
    let tree: LNode | undefined = this.trees?.get(name, text);
    const pieces = tree ? undefined : this.trees?.pieces(name);
    if (pieces?.known()) tree = parseByKeys(text, name, pieces);
    if (!tree) {
      // Parse errors quote nothing of a file that may not be the user's scenario.
      tree = parseTree(text, name, diags, top && quotable(abs, source));
      if (tree && diags.items.length === 0) {
        this.trees?.put(name, text, tree);
        pieces?.mark();
      }
    }
    if (tree && tree.kind !== 'map') {
      diags.error('not-a-mapping', M.notAMapping(tree.kind === 'seq' ? 'a list' : 'a single value'), tree.loc, M.notAMappingHint);
      return result;
    }
    result.tree = tree;
    if (tree?.entries.some((e) => SCENARIO_KEYS.includes(e.key))) {
      result.scenario = true;
      this.sources.set(name, text);
    }
    return result;
  }

  /** Loads `file` (`-`: standard input) with its extends chain merged; every problem goes to `diags`. */
  load(file: string, diags: Diagnostics, source: FileSource = DISK): Loaded {
    // `-`, and /dev/stdin (whose folder is not the scenario's), are standard input.
    const stdin = (file === '-' || resolve(this.cwd, file) === '/dev/stdin') && source === DISK;
    const abs = stdin ? join(this.cwd, STDIN_NAME) : resolve(this.cwd, file);
    const src = stdin ? STDIN : source;
    const chain: string[] = [];
    // The scenario's own tree: its git work tree, else its folder (standard input: the
    // current folder's); `extends` stays inside it, the --root folders and the shipped scenarios.
    const dir = stdin ? this.cwd : dirname(realish(abs));
    let tree = this.dirTrees.get(dir);
    if (tree === undefined) this.dirTrees.set(dir, (tree = treeOf(dir)));
    const roots = [tree, ...this.roots, (this.shippedReal ??= realish(shippedDir()))];
    const walk: Walk = { diags, stack: [], chain, roots };
    const merged = this.loadChain(abs, src.name(this.display(abs)), walk, src);
    if (merged && !this.withinBounds(merged, chain[0]!, diags)) return { sources: this.sources, chain };
    return { tree: merged, sources: this.sources, chain };
  }

  /** Mechanisms x horizon years within MAX_MECHANISM_YEARS (else a diagnostic, exit 2). */
  private withinBounds(tree: LMap, top: string, diags: Diagnostics): boolean {
    const mechs = getEntry(tree, 'mechanisms');
    const horizon = getEntry(tree, 'horizon')?.value;
    const years = horizon?.kind === 'map' ? getEntry(horizon, 'years')?.value : undefined;
    // A horizon the format does not allow is validation's to report, at its place.
    if (mechs?.value.kind !== 'seq' || years?.kind !== 'scalar' || typeof years.value !== 'number') return true;
    if (!Number.isInteger(years.value) || years.value < 1 || years.value > 200) return true;
    const n = mechs.value.items.length;
    if (n * years.value <= this.maxMechanismYears) return true;
    // At whichever of the two the scenario itself writes (the other may be inherited).
    const at = mechs.keyLoc.file === top || years.loc.file !== top ? mechs.keyLoc : years.loc;
    diags.error('too-large', M.tooManyMechanismYears(n, years.value, MAX_MECHANISM_YEARS), at, M.tooManyMechanismYearsHint);
    return false;
  }

  /**
   * Parents merged with what they extend, by file, source and roots: the variants of one
   * base share its merged tree (and so its nodes) instead of merging it again. Only a
   * chain read without a diagnostic is kept, with the files it read: it is reused where
   * none of them is among the files extending it (that would be a cycle, said afresh).
   */
  private readonly parents = new Map<string, { tree: LMap; names: string[]; files: string[] }>();

  private parentChain(abs: string, name: string, walk: Walk, source: FileSource, from: Loc): LMap | undefined {
    // The depth reached decides where a chain too deep stops.
    const key = JSON.stringify([source.id, abs, name, walk.roots, walk.stack.length]);
    const hit = this.parents.get(key);
    if (hit && !hit.files.some((f) => walk.stack.includes(f))) {
      walk.chain.push(...hit.names);
      walk.read?.push(...hit.files);
      return hit.tree;
    }
    const [n, c] = [walk.diags.items.length, walk.chain.length];
    const files: string[] = [];
    const tree = this.loadChain(abs, name, { ...walk, read: files }, source, from);
    if (tree && walk.diags.items.length === n) this.parents.set(key, { tree, names: walk.chain.slice(c), files });
    walk.read?.push(...files);
    return tree;
  }

  private loadChain(abs: string, name: string, walk: Walk, source: FileSource, from?: Loc): LMap | undefined {
    walk.read?.push(abs);
    const { diags, stack, chain } = walk;
    chain.push(name);
    // A file named on the command line may be a link into its own tree (checked by the
    // reader), --root or the shipped scenarios; a parent was checked against all the roots above.
    const parsed = this.parseFile(abs, name, source, from ? walk.roots : walk.roots.slice(1), from);
    for (const d of parsed.diags.items) diags.add(d);
    const tree = parsed.tree as LMap | undefined;
    if (!tree) return undefined;
    if (!parsed.scenario) {
      // Holds none of a scenario's keys: not one, and not validated (its keys and values
      // would be echoed in messages), whether reached through `extends` or named (a link
      // a pull request adds may lead to any file of the tree, a credentials file included).
      diags.error('not-a-scenario', M.notAScenario(name), from ?? tree.loc, from ? M.notAScenarioHint : M.notAScenarioTopHint);
      return undefined;
    }
    const ext = getEntry(tree, 'extends');
    if (!ext) return tree;
    if (ext.value.kind !== 'scalar' || typeof ext.value.value !== 'string' || ext.value.value.trim() === '') {
      diags.error('invalid-extends', M.extendsNotAPath, ext.value.loc, M.extendsHint);
      return undefined;
    }
    if (stack.length + 1 >= MAX_EXTENDS_DEPTH) {
      diags.error('extends-too-deep', M.extendsTooDeep(MAX_EXTENDS_DEPTH), ext.value.loc, M.extendsTooDeepHint);
      return undefined;
    }
    const spec = ext.value.value;
    let parentAbs: string;
    let parentSource = source;
    if (isShortName(spec)) {
      // `extends: compact-2026`: a shipped scenario, from anywhere, read from the disk.
      parentAbs = join(shippedDir(), `${spec}.yaml`);
      parentSource = DISK;
      if (!existsSync(parentAbs)) {
        diags.error('file-not-found', M.unknownShipped(spec), ext.value.loc, M.unknownShippedHint(shippedNames()));
        return undefined;
      }
    } else {
      // Standard input has no folder: its extends is read from the current one.
      parentAbs = resolve(source === STDIN ? this.cwd : dirname(abs), spec);
      if (source === STDIN) parentSource = DISK;
      // Installed packages are never in git: at a revision, a parent under node_modules is
      // read from the disk, and an uninstalled compact-model's scenario from this copy's.
      if (source !== DISK && /[\\/]node_modules[\\/]/.test(parentAbs)) {
        parentSource = DISK;
        const shipped = /[\\/]node_modules[\\/]compact-model[\\/]scenarios[\\/]([^\\/]+\.ya?ml)$/.exec(parentAbs);
        if (shipped && !existsSync(parentAbs)) parentAbs = join(shippedDir(), shipped[1]!);
      }
      const real = realish(parentAbs);
      if (!walk.roots.some((r) => inside(real, r)) || inGitDir(real)) {
        diags.error(
          'extends-outside',
          M.extendsOutside(spec, this.display(walk.roots[0]!) || '.'),
          ext.value.loc,
          M.extendsOutsideHint(shippedNames()),
        );
        return undefined;
      }
    }
    // A parent is read from the same source: at a git revision, the parent as it was then.
    const parentName = parentSource.name(this.display(parentAbs));
    if (parentAbs === abs || stack.includes(parentAbs)) {
      const cycle = [...stack, abs, parentAbs].map((p) => parentSource.name(this.display(p)));
      diags.error(
        'extends-cycle',
        M.extendsCycle(cycle.slice(cycle.indexOf(parentName)).join(' -> ')),
        ext.value.loc,
        M.extendsCycleHint,
      );
      return undefined;
    }
    const parent = this.parentChain(parentAbs, parentName, { ...walk, stack: [...stack, abs] }, parentSource, ext.value.loc);
    if (!parent) return undefined;
    const own: LMap = { ...tree, entries: tree.entries.filter((e) => e.key !== 'extends') };
    return mergeTrees(parent, own) as LMap;
  }
}

interface Walk {
  diags: Diagnostics;
  /** Absolute paths of the files extending the current one, outermost first. */
  stack: string[];
  chain: string[];
  /** Folders the chain may read from. */
  roots: string[];
  /** The absolute paths of the files this part of the chain read, when kept (Loader.parentChain). */
  read?: string[];
}

/** Whether a file named on the command line may be quoted before it parses: a .yaml/.yml file, outside .git. */
function quotable(abs: string, source: FileSource): boolean {
  if (source === STDIN) return true;
  const real = realish(abs);
  return /\.ya?ml$/i.test(real) && !inGitDir(real);
}
