// 80 columns: no line of any command's output for people (tables, paragraphs, diagnostics,
// summaries, help) is wider than 80 code points on the shipped scenarios with --width 80,
// nor in a real 80-column pseudo-terminal; and TERM=dumb gets no colour.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const ROOT = process.cwd();
const S = ['compact-2026', 'f3-high', 'f4-no-second-wave', 'f5-study-fails', 'f6-two-years-late'].map(
  (s) => `scenarios/${s}.yaml`,
);
const COMMANDS = ['run', 'diff', 'compare', 'explain', 'report', 'check', 'simulate', 'sensitivity', 'schema', 'init'];
const ANSI = /\u001b\[[0-9;]*m/g;
const tmp = mkdtempSync(join(tmpdir(), 'cm-w80-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tooWide(text: string): string[] {
  return text
    .replace(ANSI, '')
    .split('\n')
    .filter((l) => [...l.replace(/\r$/, '')].length > 80);
}

const CASES: string[][] = [
  ...S.flatMap((s) => [
    ['run', s, '--width', '80'],
    ['run', s, '--width', '80', '--all'],
    ['sensitivity', s, '--width', '80'],
    ['explain', s, 'budgetCost.US', '--width', '80'],
    ['explain', s, 'headlineMobilization', '--width', '80'],
    ['simulate', s, '--width', '80', '--trials', '200'],
  ]),
  ...S.slice(1).map((s) => ['diff', S[0]!, s, '--width', '80']),
  ['diff', S[0]!, S[1]!, '--width', '80', '--all'],
  ['check', '--width', '80', ...S],
  ['compare', 'scenarios/*.yaml', '--width', '80', '--simulate', '200'],
  ['check', '--width', '80', '--verbose', ...S],
  ['check', '--width', '80', 'test/golden/check/shares-sum.yaml', 'test/golden/check/year-outside-horizon.yaml'],
  ['--help'],
  ...COMMANDS.map((c) => [c, '--help']),
];

describe('80 columns', () => {
  for (const args of CASES)
    it(args.join(' '), async () => {
      const r = await cli(args, { cwd: ROOT });
      expect(r.stdout.length + r.stderr.length).toBeGreaterThan(0);
      expect(tooWide(r.stdout), 'stdout').toEqual([]);
      expect(tooWide(r.stderr), 'stderr').toEqual([]);
    });

  it('init and init --blank confirm in under 80 columns', async () => {
    for (const a of [
      ['init', 'a'],
      ['init', '--blank', 'b'],
    ]) {
      const r = await cli(a, { cwd: tmp });
      expect(r.code, r.stderr).toBe(0);
      expect(tooWide(r.stdout + r.stderr)).toEqual([]);
    }
  });

  it('help follows a terminal of 80 columns', async () => {
    for (const c of ['', ...COMMANDS]) {
      let out = '';
      const { runCli } = await import('../../src/cli/program.js');
      await runCli([c, '--help'].filter(Boolean), {
        out: (s) => (out += s),
        err: (s) => (out += s),
        cwd: ROOT,
        env: {},
        stdoutIsTTY: true,
        stderrIsTTY: true,
        columns: 80,
      });
      expect(tooWide(out), c).toEqual([]);
    }
  });

  const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('run in a real 80-column pseudo-terminal (script)', () => {
    const out = execFileSync('script', ['-qfc', 'stty cols 80; node bin/compact-model.js run', '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(out).toContain('Headline');
    expect(tooWide(out)).toEqual([]);
  });
});

describe('colour', () => {
  it('a terminal gets colour, TERM=dumb none, NO_COLOR none', async () => {
    const on = await cli(['run', '--width', '80'], { cwd: ROOT, tty: true, env: { TERM: 'xterm' } });
    expect(on.stdout).toMatch(ANSI);
    const dumb = await cli(['run', '--width', '80'], { cwd: ROOT, tty: true, env: { TERM: 'dumb' } });
    expect(dumb.stdout).not.toMatch(ANSI);
    const no = await cli(['check', 'test/golden/check/shares-sum.yaml'], { cwd: ROOT, tty: true, env: { TERM: 'dumb' } });
    expect(no.stdout + no.stderr).not.toMatch(ANSI);
  });
});

describe('help examples', () => {
  it('each example runs from the repository root (exit 0 or its documented 1)', async () => {
    const { HELP } = await import('../../src/cli/help.js');
    for (const spec of Object.values(HELP))
      for (const [cmd] of spec.examples) {
        // Needs git history or writes a file the example names: run with the file in a temporary folder.
        if (cmd.includes('--against') || cmd.includes('>')) continue;
        const args = cmd
          .replace(/^compact-model\s*/, '')
          .match(/'[^']*'|\S+/g)!
          .map((a) => a.replace(/^'(.*)'$/, '$1'))
          .flatMap((a) => (a === 'scenarios/*.yaml' ? S : [a]));
        const i = args.findIndex((a) => a === '-o');
        if (i >= 0) args[i + 1] = join(tmp, `${args[i + 1]}`);
        if (args[0] === 'init') args.push('--force');
        const r = await cli(args[0] === 'init' ? args.map((a, j) => (j === args.length - 2 ? join(tmp, a) : a)) : args, {
          cwd: ROOT,
        });
        expect([0, 1], `${cmd}: ${r.stderr}`).toContain(r.code);
      }
  }, 120_000);
});
