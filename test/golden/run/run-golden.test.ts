// Golden tests for `run`: the baseline report and one file per kind of bad input.
// Regenerate with UPDATE_GOLDEN=1, then read every changed file before committing it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden as checkGolden } from '../../support/golden.js';
import { cli } from '../../support/cli.js';

const here = 'test/golden/run';
const golden = (name: string, actual: string) => checkGolden(join(here, name), actual);

const show = (r: { code: number; stdout: string; stderr: string }) => `exit: ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;

describe('run: golden output', () => {
  it('baseline table (no colour when not a TTY)', async () => {
    const r = await cli(['run']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    golden('baseline.table.txt', r.stdout);
  });

  it('FORCE_COLOR colours, NO_COLOR does not', async () => {
    expect((await cli(['run'], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\x1b\[/);
    expect((await cli(['run'], { env: { NO_COLOR: '1' }, tty: true })).stdout).not.toMatch(/\x1b\[/);
  });

  const cases = readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.yaml') && f !== 'cycle-b.yaml').sort();
  for (const c of [...cases, 'missing-file.yaml', '.']) {
    it(`bad input: ${c}`, async () => {
      const arg = c === '.' ? join(here, 'cases') : join(here, 'cases', c);
      const r = await cli(['run', arg]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^\S+:\d+:\d+: error [a-z-]+: /m);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      golden(`${c === '.' ? 'directory' : c.replace(/\.yaml$/, '')}.err.txt`, show(r));
    });
  }
});
