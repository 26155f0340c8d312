// run's output saved by everything but the plan's name (src/cli/run-memo.ts): a renamed plan
// is answered from the saved run with its new name put back, and nothing else may ever be.
// Every input of the key is changed here, one at a time, after a run that saved: each run
// must print exactly what the same run prints with every cache off, and a rename must be a
// hit. Runs bin/compact-model.js (the memo is keyed by the build), so `npm test` builds first.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LNode } from '../../src/read/tree.js';
import { jsonParts, memoKey, MEMO_LOG_VAR, type MemoOptions, treeKeyText } from '../../src/cli/run-memo.js';
import type { IO } from '../../src/cli/io.js';
import { markdownWithTitle } from '../../src/render/markdown.js';
import { tempDir, writeFiles } from '../support/scenario.js';
import { BIN as bin, ROOT, spawnCli } from '../support/spawn.js';

const root = ROOT;
const baseline = readFileSync(join(root, 'scenarios', 'compact-2026.yaml'), 'utf8');
const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;

const cm = spawnCli;

/** A folder with plan.yaml, a cache and a memo log; `run` gives [warm result, what the memo did]. */
function loop(text = baseline) {
  const dir = writeFiles({ 'plan.yaml': text });
  const cache = tempDir();
  const logFile = join(cache, 'memo.log');
  return {
    dir,
    cache,
    edit(f: (t: string) => string) {
      const p = join(dir, 'plan.yaml');
      const before = readFileSync(p, 'utf8');
      const after = f(before);
      expect(after).not.toBe(before); // the edit found its text
      writeFileSync(p, after);
    },
    /** Runs warm and off (they must agree); what the memo did on the warm run. */
    run(args: string[], env: Record<string, string> = {}) {
      rmSync(logFile, { force: true });
      const warm = cm(['run', 'plan.yaml', ...args], dir, { ...env, XDG_CACHE_HOME: cache, [MEMO_LOG_VAR]: logFile });
      const off = cm(['run', 'plan.yaml', ...args], dir, { ...env, COMPACT_MODEL_NO_CACHE: '1' });
      expect(warm).toEqual(off);
      const memo = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n') : [];
      return { out: warm, memo };
    },
  };
}

let renames = 0;
const rename =
  (n: number = ++renames) =>
  (t: string) =>
    t.replace(/\nname: .*\n/, `\nname: 'Renamed ${n}: *a* <b> | c [d](e) @f'\n`);
const FORMATS = [
  ['--width', '100'],
  ['--format', 'json'],
  ['--format', 'markdown'],
  ['--format', 'csv'],
];

describe("run's output saved by all but the name: never a stale result", () => {
  it('a renamed plan is answered from the saved run, in every format, with its new name', { timeout: 300_000 }, () => {
    const l = loop();
    for (const f of FORMATS) expect(l.run(f).memo).toEqual(['miss', 'saved']);
    l.edit(rename(1));
    for (const f of FORMATS) {
      const r = l.run(f);
      expect(r.memo).toEqual(['hit']);
      if (f[1] !== 'csv') expect(r.out.stdout).toContain('Renamed 1');
    }
    // a name that wraps at the width and one spelt with characters each format escapes
    l.edit((t) => t.replace(/\nname: .*\n/, `\nname: "${'A long plan name '.repeat(12)}\\t<x> \`y\` #z"\n`));
    for (const f of [...FORMATS, ['--width', '40']]) l.run(f);
    expect(l.run(['--width', '100']).memo).toEqual(['hit']);
  });

  it('each input of the key, changed after a saved run, is a miss that prints the new figures', { timeout: 300_000 }, () => {
    const l = loop();
    const table = ['--width', '100'];
    expect(l.run(table).memo).toEqual(['miss', 'saved']);
    const miss = (f: (t: string) => string) => {
      l.edit(f);
      expect(l.run(table).memo).toEqual(['miss', 'saved']);
      // and the same edit renamed is a hit again
      l.edit(rename());
      expect(l.run(table).memo).toEqual(['hit']);
    };
    // a figure: F-2's U.S. appropriation
    miss((t) => t.replace(/(- id: F-2\n(?:.*\n)*?\s+US: \{ amount: )250M/, '$1300M'));
    // a sponsor's name, a rate (F-3's subsidy), a claim's published figure, the floor target
    miss((t) => t.replace('\n  US: { name: United States }\n', '\n  US: { name: The Other States }\n'));
    miss((t) => t.replace(/subsidyRate: \{ value: 5%/, 'subsidyRate: { value: 6%'));
    miss((t) => t.replace('\n    comparison: atLeast\n    published: 10B\n', '\n    comparison: atLeast\n    published: 12B\n'));
    miss((t) => t.replace('\n  floor: { value: 500M,', '\n  floor: { value: 600M,'));
    // a comment above everything moves every location; a description (not shown by run) is still in the key
    miss((t) => `# a comment\n${t}`);
    miss((t) => t.replace(/\ndescription: /, '\ndescription: Edited. '));
  });

  it('each option, the colour and the environment are in the key', { timeout: 300_000 }, () => {
    const l = loop();
    const base = ['--width', '100'];
    expect(l.run(base).memo).toEqual(['miss', 'saved']);
    for (const args of [
      ['--width', '80'],
      ['--width', '100', '--all'],
      ['--width', '100', '--case', 'low'],
      ['--width', '100', '--case', 'high'],
      ['--width', '100', '--basis', 'federal'],
      ['--width', '100', '--discount', '3%'],
      ['--width', '100', '--inflation', '2%'],
    ]) {
      l.edit(rename());
      expect(l.run(args).memo).toEqual(['miss', 'saved']);
    }
    for (const env of [{ FORCE_COLOR: '1', NO_COLOR: '' }, { FORCE_COLOR: '3', NO_COLOR: '' }, { COLUMNS: '60' }] as Record<
      string,
      string
    >[]) {
      l.edit(rename());
      expect(l.run(base, env).memo).toEqual(['miss', 'saved']);
      l.edit(rename());
      expect(l.run(base, env).memo).toEqual(['hit']);
    }
  });

  it('the file read, what it extends and where it stands are in the key', { timeout: 300_000 }, () => {
    const dir = writeFiles({
      'base.yaml': baseline,
      'plan.yaml': 'extends: base.yaml\nname: A variant\n',
      'copy.yaml': 'extends: base.yaml\nname: A variant\n',
    });
    mkdirSync(join(dir, 'sub'));
    const cache = tempDir();
    const logFile = join(cache, 'memo.log');
    const run = (cwd: string, file: string) => {
      rmSync(logFile, { force: true });
      const warm = cm(['run', file, '--format', 'json'], cwd, { XDG_CACHE_HOME: cache, [MEMO_LOG_VAR]: logFile });
      expect(warm).toEqual(cm(['run', file, '--format', 'json'], cwd, { COMPACT_MODEL_NO_CACHE: '1' }));
      expect(warm.code).toBe(0);
      return readFileSync(logFile, 'utf8').trim().split('\n');
    };
    expect(run(dir, 'plan.yaml')).toEqual(['miss', 'saved']);
    expect(run(dir, 'copy.yaml')).toEqual(['miss', 'saved']); // another file, the same tree but for its file name
    expect(run(join(dir, 'sub'), '../plan.yaml')).toEqual(['miss', 'saved']); // the same file seen from elsewhere
    // the parent's figure changed
    writeFileSync(join(dir, 'base.yaml'), baseline.replace(/(- id: F-2\n(?:.*\n)*?\s+US: \{ amount: )250M/, '$1275M'));
    expect(run(dir, 'plan.yaml')).toEqual(['miss', 'saved']);
    writeFileSync(join(dir, 'plan.yaml'), 'extends: base.yaml\nname: Another name\n');
    expect(run(dir, 'plan.yaml')).toEqual(['hit']);
  });

  it('a saved entry torn, spoiled or with parts that are not text is a miss', { timeout: 300_000 }, () => {
    const l = loop();
    expect(l.run(['--format', 'json']).memo).toEqual(['miss', 'saved']);
    const folder = join(l.cache, 'compact-model', 'runs');
    const [file] = readdirSync(folder);
    const saved = readFileSync(join(folder, file!), 'utf8');
    const body = saved.slice(saved.indexOf('\n') + 1);
    const entry = JSON.parse(body) as { parts: unknown[] };
    const spoilt = JSON.stringify({ ...entry, parts: [1, 2] });
    for (const text of [
      saved.slice(0, saved.length >> 1), // torn
      `${saved.slice(0, -5)}${saved.at(-5) === 'X' ? 'Y' : 'X'}${saved.slice(-4)}`, // a byte of the output changed under its checksum
      `${createHash('sha256').update(spoilt).digest('hex')}\n${spoilt}`, // a sound checksum over parts that are not text
    ]) {
      expect(text).not.toBe(saved);
      writeFileSync(join(folder, file!), text);
      l.edit(rename());
      expect(l.run(['--format', 'json']).memo).toEqual(['miss', 'saved']);
    }
  });

  it('a plan with a diagnostic, or a name the schema refuses, is never saved nor answered', { timeout: 300_000 }, () => {
    const l = loop();
    expect(l.run(['--format', 'json']).memo).toEqual(['miss', 'saved']);
    // a failed assertion: exit 1 and its diagnostic
    l.edit((t) => `${t}\nassert:\n  - budgetCost.US <= 1M\n`);
    const failed = l.run(['--format', 'json']);
    expect(failed.out.code).toBe(1);
    expect(failed.memo).toEqual(['miss']);
    l.edit(rename(7));
    expect(l.run(['--format', 'json']).memo).toEqual(['miss']);
    // names the schema refuses: empty, a number; and no name at all
    for (const name of ["''", '42']) {
      l.edit((t) => t.replace(/\nname: .*\n/, `\nname: ${name}\n`));
      const r = l.run(['--format', 'json']);
      expect(r.out.code).toBe(2);
      expect(r.memo).toEqual([]);
    }
    l.edit((t) => t.replace(/\nname: .*\n/, '\n'));
    expect(l.run(['--format', 'json']).out.code).toBe(2);
  });

  it.skipIf(!hasScript)('in a pseudo-terminal, its width and colour are in the key', { timeout: 300_000 }, () => {
    const l = loop();
    const inPty = (cols: number, cache: boolean) => {
      const env = cache ? `XDG_CACHE_HOME=${l.dir}/.cache` : 'COMPACT_MODEL_NO_CACHE=1';
      const r = spawnSync('script', ['-qfc', `stty cols ${cols}; env ${env} node ${bin} run plan.yaml`, '/dev/null'], {
        cwd: l.dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color' },
        timeout: 120_000,
      });
      return r.stdout;
    };
    for (const [i, cols] of [100, 100, 80, 80, 120].entries()) {
      l.edit(rename(i));
      const warm = inPty(cols, true);
      expect(warm).toContain('\u001b[1m'); // coloured
      expect(warm).toBe(inPty(cols, false));
    }
  });
});

describe('the memo key', () => {
  const tree = (name: unknown, extra: LNode[] = []): LNode => ({
    kind: 'map',
    loc: { file: 'p.yaml', line: 1, col: 1, length: 20 + String(name).length },
    entries: [
      {
        key: 'name',
        keyLoc: { file: 'p.yaml', line: 1, col: 1, length: 4 },
        value: { kind: 'scalar', value: name as string, loc: { file: 'p.yaml', line: 1, col: 7, length: String(name).length } },
      },
      ...extra.map((value, i) => ({ key: `k${i}`, keyLoc: { file: 'p.yaml', line: 2 + i, col: 1 }, value })),
    ],
  });
  const num = (v: number, line = 2): LNode => ({ kind: 'scalar', value: v, loc: { file: 'p.yaml', line, col: 5 } });

  it('leaves out a non-empty string name (and the file span its length moves), nothing else', () => {
    expect(treeKeyText(tree('A'))).toBe(treeKeyText(tree('A much longer name')));
    // not a name the schema takes: kept, so the key differs
    expect(treeKeyText(tree(''))).not.toBe(treeKeyText(tree('A')));
    expect(treeKeyText(tree(5))).not.toBe(treeKeyText(tree('5')));
    expect(treeKeyText(tree(5))).not.toBe(treeKeyText(tree(6)));
    // a nested `name:` is a value like any other
    const nested = (n: string): LNode => ({
      kind: 'map',
      loc: { file: 'p.yaml', line: 2, col: 3 },
      entries: [
        {
          key: 'name',
          keyLoc: { file: 'p.yaml', line: 2, col: 3 },
          value: { kind: 'scalar', value: n, loc: { file: 'p.yaml', line: 2, col: 9 } },
        },
      ],
    });
    expect(treeKeyText(tree('A', [nested('x')]))).not.toBe(treeKeyText(tree('A', [nested('y')])));
  });

  it('holds numbers exactly: -0, NaN and the infinities apart', () => {
    const keys = [0, -0, NaN, Infinity, -Infinity, 1e21, 0.1].map((v) => treeKeyText(tree('A', [num(v)])));
    expect(new Set(keys).size).toBe(keys.length);
    // a value's location: another line is another key
    expect(treeKeyText(tree('A', [num(1, 2)]))).not.toBe(treeKeyText(tree('A', [num(1, 3)])));
    // a string and a number of the same text
    expect(treeKeyText(tree('A', [{ kind: 'scalar', value: '1', loc: { file: 'p.yaml', line: 2, col: 5 } }]))).not.toBe(
      treeKeyText(tree('A', [num(1)])),
    );
  });

  it('changes with the build, every option, the streams, the folder and the environment', () => {
    const io: IO = { out: () => {}, err: () => {}, cwd: '/a', env: { A: '1' }, stdoutIsTTY: false, stderrIsTTY: false };
    const m: MemoOptions = { format: 'table', width: 100, opts: { case: 'base', format: 'table' } as Record<string, unknown> };
    const t = tree('A');
    const k = (io2: IO, build = 'b1', m2 = m, chain = ['p.yaml']) => memoKey(io2, build, m2, t, chain);
    const base = k(io);
    const variants = [
      k(io, 'b2'),
      k({ ...io, cwd: '/b' }),
      k({ ...io, env: { A: '2' } }),
      k({ ...io, env: { A: '1', FORCE_COLOR: '1' } }),
      k({ ...io, stdoutIsTTY: true }),
      k({ ...io, stderrIsTTY: true }),
      k({ ...io, columns: 80 }),
      k({ ...io, roots: ['/r'] }),
      k(io, 'b1', { ...m, width: 80 }),
      k(io, 'b1', { ...m, format: 'markdown' }),
      k(io, 'b1', { ...m, opts: { ...m.opts, case: 'low' } }),
      k(io, 'b1', { ...m, opts: { ...m.opts, all: true } }),
      k(io, 'b1', { ...m, opts: { ...m.opts, discount: { toString: () => '0.03' } } }),
      k(io, 'b1', m, ['p.yaml', 'base.yaml']),
      k(io, 'b1', m, ['q.yaml']),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
    // the memo's own log is not an input
    expect(k({ ...io, env: { A: '1', [MEMO_LOG_VAR]: '/tmp/x' } })).toBe(base);
  });

  it("finds JSON's scenario name where the writer puts it", () => {
    const out = `{\n  "version": "1",\n  "units": {\n    "name": "x"\n  },\n  "scenario": {\n    "name": "A \\"b\\"",\n    "file": "p"\n  }\n}\n`;
    expect(jsonParts(out, 'A "b"')).toEqual([out.slice(0, out.indexOf('"A')), out.slice(out.indexOf(',\n    "file"'))]);
    expect(jsonParts(out, 'A')).toBeUndefined();
  });

  it('re-titles markdown as rendering it whole does: blank lines collapsed once over the title and body', () => {
    // 3+ newlines collapse to 2 whether collapsed before the title is put on or after
    expect(markdownWithTitle('T', '\n\n\n\nx\n\n\n')).toBe('### T\n\nx\n');
    expect(markdownWithTitle('T', '\n\nx')).toBe('### T\n\nx\n');
    expect(markdownWithTitle('*T*', '')).toBe('### \\*T\\*\n');
  });
});
