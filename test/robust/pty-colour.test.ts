// Colour codes are never escaped as text: every command runs in a real pseudo-terminal
// (script(1)), with colour on, and its output must hold no `\u{1b}` written out as text.
// Untrusted text is escaped first and coloured after (never the other way round), so on
// the shipped scenarios (no control characters in them) no escaped ESC may appear.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './support.js';

const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'cm-pty-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BASE = 'scenarios/compact-2026.yaml';
const ALT = 'scenarios/f3-high.yaml';
const COMMANDS: string[] = [
  'run',
  'run --all',
  `diff ${BASE} ${ALT} --all`,
  'explain budgetCost.US.F-3',
  `report -o ${join(tmp, 'r.html')}`,
  `check ${BASE} ${ALT} test/golden/check/shares-sum.yaml`,
  'simulate --trials 200',
  'sensitivity',
  'sensitivity --variance --trials 500',
  'estimate',
  'solve',
  `init ${join(tmp, 'new')}`,
  'schema',
  'run --help',
];

/** Runs `args` in an 100-column pseudo-terminal; stdout and stderr both land in what script(1) prints. */
function inPty(args: string): string {
  const r = spawnSync('script', ['-qfc', `stty cols 100; node bin/compact-model.js ${args}`, '/dev/null'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmp, TERM: 'xterm-256color' },
  });
  return r.stdout;
}

describe.skipIf(!hasScript)('colour in a pseudo-terminal', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  for (const args of COMMANDS)
    it(args, () => {
      const out = inPty(args);
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toContain('\\u{1b}');
    });

  it('the terminal does get colour (so the test above sees coloured output)', () => {
    expect(inPty('sensitivity')).toMatch(/\u001b\[3[12]m█/);
    expect(inPty('run')).toMatch(/\u001b\[1m/);
  });
});
