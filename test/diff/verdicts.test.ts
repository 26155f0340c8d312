// diff: the verdicts that changed (floors, the target's readings, the plan's tests) in every
// format, and --fail-if on an expression; compare --metrics with expressions.
//
// Base: test/fixtures/generic/targets-plan.yaml (public 700M, private 2 x 200 = 400M, target 1B).
// Alt: the fund's crowd-in 2x -> 5x, so private 5 x 200 = 1,000M, headline 700 + 1,000 = 1,700M.
//   target.met (headline): 1,100 and 1,700 >= 1,000: MET both sides, unchanged
//   target.private.met:    400 -> 1,000 against 1,000: NOT MET -> MET
//   targets.private (privateMobilized.total >= 1B): NOT MET -> MET
//   targets.multiplier (headline / public >= 15x): 1.57x -> 1,700 / 700 = 2.43x: NOT MET both, unchanged
//   targets.early, targets.cost: no change in public money: unchanged
// The ratio privateMobilized.total / publicCommitment.total: 400 / 700 = 0.571429 -> 1,000 / 700 = 1.428571,
//   a change of 600 / 700 = +0.857143 (+150%).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-diff-verdicts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASE = 'test/fixtures/generic/targets-plan.yaml';
const ALT = join(dir, 'alt.yaml');
writeFileSync(ALT, readFileSync(BASE, 'utf8').replace('crowdIn: 2x', 'crowdIn: 5x'));

describe('diff: verdicts that changed', () => {
  it('JSON: the target readings and the tests that flipped, and only those', async () => {
    const r = await cli(['diff', BASE, ALT, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.verdicts).toEqual([
      { path: 'target.private.met', label: 'Target: private capital only', base: false, alt: true, changed: true },
      {
        path: 'targets.private',
        label: 'Test private: privateMobilized.total >= 1B',
        base: false,
        alt: true,
        changed: true,
      },
    ]);
    expect(j.summary.text).toContain('2 verdicts changed');
    const all = JSON.parse((await cli(['diff', BASE, ALT, '--format', 'json', '--all'])).stdout);
    const multiplier = all.verdicts.find((v: { path: string }) => v.path === 'targets.multiplier');
    expect(multiplier).toMatchObject({ path: 'targets.multiplier', base: false, alt: false, changed: false });
  });

  it('table and markdown: a "Verdicts changed" list with base and alt', async () => {
    for (const format of ['table', 'markdown']) {
      const r = await cli(['diff', BASE, ALT, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Verdicts changed');
      expect(r.stdout).toMatch(/Target: private capital only\s*[│|]\s*NOT MET\s*[│|]\s*MET/);
      expect(r.stdout).toMatch(/Test private: privateMobilized\.total (>=|&gt;=) 1B\s*[│|]\s*NOT MET\s*[│|]\s*MET/);
      expect(r.stdout).not.toMatch(/Test multiplier/);
    }
  });

  it('nothing changed: says so', async () => {
    const r = await cli(['diff', BASE, BASE]);
    expect(r.stdout).toContain('No verdict changed (floors, target readings, tests).');
    expect(r.stdout).toContain('verdicts unchanged');
  });
});

describe('diff --fail-if on an expression', () => {
  const ratio = 'privateMobilized.total / publicCommitment.total';

  it('a change: +0.857143 > +0.5 is crossed (exit 1); > +1 is not (exit 0)', async () => {
    const r = await cli(['diff', BASE, ALT, '--format', 'json', '--fail-if', `${ratio} > +0.5`]);
    expect(r.code).toBe(1);
    const t = JSON.parse(r.stdout).thresholds[0];
    expect(t.crossed).toBe(true);
    expect(t.change).toBe('0.857143');
    expect((await cli(['diff', BASE, ALT, '--fail-if', `${ratio} > +1`])).code).toBe(0);
  });

  it('a level: 1.428571 > 1.4 level is crossed; > 1.5 level is not', async () => {
    expect((await cli(['diff', BASE, ALT, '--fail-if', `${ratio} > 1.4 level`])).code).toBe(1);
    expect((await cli(['diff', BASE, ALT, '--fail-if', `${ratio} > 1.5 level`])).code).toBe(0);
  });

  it('money: private - public goes from 400 - 700 = -300 to 1,000 - 700 = +300, a change of +600M', async () => {
    const r = await cli([
      'diff',
      BASE,
      ALT,
      '--format',
      'json',
      '--fail-if',
      'privateMobilized.total - publicCommitment.total > +599',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).thresholds[0].change).toBe('600');
  });

  it('must-not-flip on targets.* covers the plan tests and the target readings', async () => {
    const r = await cli(['diff', BASE, ALT, '--fail-if', 'targets.*: must-not-flip']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('targets.private false -> true');
    expect(r.stderr).toContain('target.private.met false -> true');
  });

  it('a bad expression: the column and a did-you-mean; true/false refused; exit 2', async () => {
    const r = await cli(['diff', BASE, ALT, '--fail-if', 'privateMobilized.total / publicComitment.total > +1']);
    expect(r.code).toBe(2);
    // "privateMobilized.total / " is 25 characters: the unknown path starts at column 26
    expect(r.stderr).toContain('column 26');
    expect(r.stderr).toContain('did you mean "publicCommitment"');
    const b = await cli(['diff', BASE, ALT, '--fail-if', 'targets.private / 2 > +1']);
    expect(b.code).toBe(2);
  });
});

describe('compare --metrics with expressions', () => {
  const ratio = 'privateMobilized.total / publicCommitment.total';

  it('an expression is a row in its unit: 400 / 700 = 0.571429 -> 1,000 / 700 = 1.428571, +150%', async () => {
    const r = await cli(['compare', BASE, ALT, '--metrics', `${ratio},target.private.met`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [row, verdict] = JSON.parse(r.stdout).rows;
    expect(row.unit).toBe('ratio');
    expect(row.values).toEqual(['0.571429', '1.428571']);
    // (1.428571 - 0.571429) / 0.571429 = 1.5
    expect(row.changes[1].percent).toBe('150');
    expect(verdict.values).toEqual([false, true]);
    const t = await cli(['compare', BASE, ALT, '--metrics', ratio]);
    expect(t.stdout).toMatch(/0\.57x\s*│\s*1\.43x\s*│\s*\+0\.86x/);
  });

  it('a bad expression: the column and a did-you-mean, exit 2', async () => {
    const r = await cli(['compare', BASE, ALT, '--metrics', 'privateMobilized.total / publicComitment.total']);
    expect(r.code).toBe(2);
    // "privateMobilized.total / " is 25 characters: column 26
    expect(r.stderr).toContain('column 26: unknown metric "publicComitment"');
    expect(r.stderr).toContain('did you mean "publicCommitment"');
  });
});
