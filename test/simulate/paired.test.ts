// simulate A --against B: common random numbers (each input's stream keyed by its path).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';

describe('paired comparisons on common random numbers', () => {
  it('f3-high minus the baseline: +500 expected, only F-3 left in the difference', async () => {
    const r = await cli([
      'simulate',
      'scenarios/f3-high.yaml',
      '--against',
      'scenarios/compact-2026.yaml',
      '--trials',
      '2000',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout).paired;
    // f3-high fixes F-3's face at 3000; the baseline draws it from U(2000, 3000) (mean 2500). Every
    // other input and gate gets the same draw in both, so trial by trial the headline differs by
    // 3000 - face, in [0, 1000]: expected difference 3000 - 2500 = 500; sd of U(2000, 3000) is
    // 1000 / sqrt(12) = 288.675, so at 2000 trials the standard error is 288.675 / sqrt(2000) = 6.455.
    const h = p.metrics.headlineMobilization.total;
    expect(h.interval95[0]).toBeLessThanOrEqual(500);
    expect(h.interval95[1]).toBeGreaterThanOrEqual(500);
    expect(h.stdError).toBeGreaterThan(6.455 * 0.9);
    expect(h.stdError).toBeLessThan(6.455 * 1.1);
    expect(h.p5).toBeGreaterThanOrEqual(0);
    expect(h.p95).toBeLessThanOrEqual(1000);
    // Israel's figures do not involve F-3: the difference is exactly zero in every trial
    expect(p.metrics.headlineMobilization.IL).toEqual({
      meanDifference: 0,
      stdError: 0,
      interval95: [0, 0],
      p5: 0,
      p50: 0,
      p95: 0,
    });
    // budget cost: 5% subsidy on the difference in face: 5% x 500 = 25 expected
    expect(Math.abs(p.metrics.budgetCost.US.meanDifference - 25)).toBeLessThan(4 * 0.05 * 6.455);
  });
  it('the same inputs read in another order get the same draws: the difference is zero', async () => {
    const mech = (id: string) => `
  - id: ${id}
    kind: grant-program
    appropriations: { US: { amount: { low: 100M, high: 200M }, per: year } }`;
    const head = 'name: t\nhorizon: { start: FY2027, years: 3 }\ngovernments: [US]\nmechanisms:';
    const dir = writeFiles({ 'a.yaml': head + mech('A') + mech('B'), 'b.yaml': head + mech('B') + mech('A') });
    const r = await cli([
      'simulate',
      join(dir, 'a.yaml'),
      '--against',
      join(dir, 'b.yaml'),
      '--trials',
      '50',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.paired.metrics.publicCommitment.total.meanDifference).toBe(0);
    expect(j.paired.metrics.publicCommitment.total.p95).toBe(0);
    expect(j.metrics.publicCommitment.total.p95).toBeGreaterThan(j.metrics.publicCommitment.total.p5);
  });
});
