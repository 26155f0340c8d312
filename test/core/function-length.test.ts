// No function in src/ is longer than 150 lines (the house rule "no function over ~150
// lines"): each function, method, accessor and function expression, measured from its
// first line to its last with the TypeScript parser.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const MAX_LINES = 150;
const EXEMPT = new Set<string>();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each function in `text` longer than `max` lines, as "name (N lines) at line L". */
function longFunctions(file: string, text: string, max: number): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
      const last = sf.getLineAndCharacterOfPosition(n.getEnd()).line + 1;
      const name = n.name && ts.isIdentifier(n.name) ? n.name.text : '(anonymous)';
      if (last - first + 1 > max) out.push(`${name} (${last - first + 1} lines) at line ${first}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('function length', () => {
  it('finds a long function, an arrow and a method alike', () => {
    // 3 body lines + the two braces: 5 lines each, over a limit of 4.
    const body = '{\n  a;\n  b;\n  c;\n}';
    const text = `function f() ${body}\nconst g = () => ${body};\nclass C { m() ${body} }\nfunction short() { return 1; }\n`;
    expect(longFunctions('x.ts', text, 4)).toEqual([
      'f (5 lines) at line 1',
      '(anonymous) (5 lines) at line 6',
      'm (5 lines) at line 11',
    ]);
  });

  it(`no function in src/ is over ${MAX_LINES} lines`, () => {
    const found = sourceFiles(join(ROOT, 'src')).flatMap((f) => {
      const rel = relative(ROOT, f).split('\\').join('/');
      if (EXEMPT.has(rel)) return [];
      return longFunctions(rel, readFileSync(f, 'utf8'), MAX_LINES).map((x) => `${rel}: ${x}`);
    });
    expect(found).toEqual([]);
  });
});
