// A plan judged by its own tests (test/fixtures/generic/targets-plan.yaml, the plan of
// docs/guide/targets.md): every verdict worked out by hand, in every format.
//
// The plan, FY2031-FY2035, one government AA:
//   G-1 grants: 100M a year x 5 = 500M committed, 500M budget cost (as published).
//   L-1 fund: one wave of 200M in FY2031, crowd-in 2x = 400M private; as published its budget
//     cost is 0 (a fund commitment is not appropriated), on the federal basis 200M.
//   publicCommitment.total = 500 + 200 = 700M; privateMobilized.total = 400M;
//   headlineMobilization.total = 700 + 400 = 1,100M.
// Tests:
//   multiplier: 1,100 / 700 = 1.571428...x >= 15x -> NOT MET, margin 11/7 - 15 = -13.428571x
//   early: FY2031..FY2033 commitment = 3 x 100 + 200 = 500M >= 450M -> MET, margin +50M
//   private: 400M >= 1,000M -> NOT MET, margin -600M
//   cost: budgetCost.AA <= 650M: as published 500M (MET, margin -150M); federal 500 + 200 =
//     700M (NOT MET, margin +50M); the verdict is on the scenario's basis (as published).
// Target 1B: headline 1,100M MET (shortfall 0); private capital only 400M NOT MET (shortfall 600M).
// No floor: no floor table, and the section is titled "Target and tests".
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const FILE = 'test/fixtures/generic/targets-plan.yaml';
const dir = mkdtempSync(join(tmpdir(), 'cm-targets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a plan with target tests and no floor', () => {
  it('JSON: each test has its value, bar, verdict and margin; the target has both readings', async () => {
    const r = await cli(['run', FILE, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const t = j.metrics.targets;
    expect([t.multiplier.value, t.multiplier.bar, t.multiplier.met, t.multiplier.margin]).toEqual([
      '1.571429',
      '15',
      false,
      '-13.428571',
    ]);
    expect(t.multiplier.unit).toBe('ratio');
    expect(t.multiplier.byBasis).toBeNull(); // budget cost does not enter it
    expect([t.early.value, t.early.met, t.early.margin]).toEqual(['500', true, '50']);
    expect([t.private.value, t.private.met, t.private.margin]).toEqual(['400', false, '-600']);
    expect([t.cost.basis, t.cost.value, t.cost.met, t.cost.margin]).toEqual(['as-published', '500', true, '-150']);
    expect(t.cost.byBasis.federal).toEqual({ value: '700', bar: '650', met: false, margin: '50' });
    expect(j.metrics.target.byReading).toEqual({
      headline: { amount: '1100', met: true, shortfall: '0' },
      private: { amount: '400', met: false, shortfall: '600' },
    });
    expect(j.metrics.target.met).toBe(true);
    expect(j.metrics.floor.amount).toBeNull();
  });

  it('table and markdown: the verdicts side by side, no floor table', async () => {
    for (const format of ['table', 'markdown']) {
      const r = await cli(['run', FILE, '--format', format, '--width', '160']);
      expect(r.code, r.stderr).toBe(0);
      const out = r.stdout;
      expect(out).toContain('Target and tests');
      expect(out).not.toContain('Floor');
      const row = (id: string, basis: string) =>
        out.split('\n').find((l) => {
          const cells = l.split(/[│|]/).map((c) => c.trim());
          return cells.includes(id) && cells.includes(basis);
        }) ?? `(no ${id} row on ${basis})`;
      expect(row('multiplier', 'as published')).toMatch(/1\.57x.*-13\.43x.*NOT MET/);
      expect(row('early', 'as published')).toMatch(/500\.0.*50\.0.*MET/);
      expect(row('private', 'as published')).toMatch(/400\.0.*-600\.0.*NOT MET/);
      expect(row('cost', 'as published')).toMatch(/500\.0.*-150\.0.*MET/);
      expect(row('cost', 'federal')).toMatch(/700\.0.*50\.0.*NOT MET/);
      expect(out).toMatch(/headline \(public \+ private\).*1,000\.0.*1,100\.0.*0\.0.*MET/);
      expect(out).toMatch(/private capital only.*1,000\.0.*400\.0.*600\.0.*NOT MET/);
    }
  });

  it('HTML: each verdict is tied to its JSON pointer', async () => {
    const out = join(dir, 'plan.html');
    const r = await cli(['report', FILE, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('data-json="/metrics/targets/multiplier/margin"');
    expect(html).toContain('data-json="/metrics/target/byReading/private/met"');
    expect(html).not.toContain('table-floor');
  });

  it('paths: targets.ID, targets.ID.margin and the target readings in assertions', async () => {
    const file = join(dir, 'assert.yaml');
    writeFileSync(
      file,
      `${readFileSync(FILE, 'utf8')}assert:\n  - targets.early\n  - targets.early.margin == 50M\n  - target.headline.met\n  - target.private.met == false\n  - targets.multiplier.margin < -13x\n`,
    );
    const r = await cli(['check', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('assertions 5/5 hold');
    expect(r.code).toBe(0);
  });

  it('check --strict-targets: a miss is an error (exit 1); without it, a verdict only', async () => {
    expect((await cli(['check', FILE])).code).toBe(0);
    const r = await cli(['check', FILE, '--strict-targets']);
    expect(r.code).toBe(1);
    // multiplier and private miss; the target's headline reading is met
    expect(r.stderr.match(/error target-not-met/g)?.length).toBe(2);
    expect(r.stderr).toContain('targets.multiplier');
    expect(r.stderr).toContain('targets.private');
    // On the federal basis the cost test misses too: 700M > 650M.
    const f = await cli(['check', FILE, '--strict-targets', '--basis', 'federal']);
    expect(f.stderr.match(/error target-not-met/g)?.length).toBe(3);
  });

  it('solve meets the multiplier exactly: 15 x 700 = 10,500 headline, so 9,800 private, 9,800 / 200 = 49x crowd-in', async () => {
    const r = await cli(['solve', FILE, '--goal', 'targets.multiplier', '--vary', 'mechanisms[L-1].crowdIn', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.solution.value).toBe('49');
    expect(j.solution.method).toBe('exact');
  });

  it('solve with nothing to solve for says so (exit 2, with a hint)', async () => {
    const file = join(dir, 'bare.yaml');
    writeFileSync(file, readFileSync(FILE, 'utf8').replace(/targets:[\s\S]*?mechanisms:/, 'mechanisms:'));
    const r = await cli(['solve', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing to solve for');
    expect(r.stderr).toContain('hint');
  });
});
