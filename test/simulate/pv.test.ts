// Present value and real dollars against hand-worked numbers.
import { describe, expect, it } from 'vitest';
import { Dec, Exact, Fast } from '../../src/core/money.js';
import { discountFactors, rateAt, realFactors, weighted } from '../../src/measure/pv.js';
import { cli } from '../support/cli.js';

const flat = (r: string) => ({ byMaturity: [{ years: 1, rate: Dec.of(r) }], loc: { file: 't', line: 1, col: 1 } });

describe('present value (end-of-year convention)', () => {
  it('100 a year for 3 years at 5%: 100/1.05 + 100/1.05^2 + 100/1.05^3 = 95.238095 + 90.702948 + 86.383760 = 272.324803', () => {
    const df = discountFactors(flat('0.05'), 3);
    const pv = weighted(Exact, [Dec.of(100), Dec.of(100), Dec.of(100)], df);
    expect(pv.toFixed(6)).toBe('272.324803');
    expect(weighted(Fast, [100, 100, 100], df)).toBeCloseTo(272.3248029, 6);
  });
  it('rates by maturity: linear between listed maturities, flat beyond', () => {
    const d = {
      byMaturity: [
        { years: 1, rate: Dec.of('0.04') },
        { years: 3, rate: Dec.of('0.05') },
      ],
      loc: { file: 't', line: 1, col: 1 },
    };
    // maturity 2: 4% + (5% - 4%) x (2 - 1) / (3 - 1) = 4.5%; maturity 10: 5% (flat)
    expect(rateAt(d, 2).toPlain()).toBe('0.045');
    expect(rateAt(d, 10).toPlain()).toBe('0.05');
    // year 2's flow: 1 / 1.045^2 = 1 / 1.092025 = 0.915729951...
    expect(discountFactors(d, 2)[1]!.toFixed(9)).toBe('0.915729951');
  });
  it('real dollars at 2% in first-year dollars: 100 + 100/1.02 + 100/1.0404 = 100 + 98.039216 + 96.116878 = 294.156094', () => {
    const rf = realFactors({ rate: Dec.of('0.02'), base: 0, loc: { file: 't', line: 1, col: 1 } }, 3);
    expect(weighted(Exact, [Dec.of(100), Dec.of(100), Dec.of(100)], rf).toFixed(6)).toBe('294.156094');
  });
  it('run --format json shows present value and real beside nominal', async () => {
    const r = await cli(['run', 'test/simulate/fixtures/pv.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.presentValue.metrics.budgetCost.US).toEqual({
      nominal: '300',
      nominalAfterHorizon: '0',
      presentValue: '272.324803',
      presentValueHorizon: '272.324803',
      presentValueWholeLife: '272.324803',
      real: '294.156094',
    });
  });
  it('run --format json: present value over the whole life of the flows beside the horizon-only one', async () => {
    const r = await cli(['run', 'test/simulate/fixtures/pv-tail.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout).presentValue.metrics.outlays.US;
    // outlays 50/50 of 100 a year: FY2027 50, FY2028 100, FY2029 100, FY2030 (after the horizon) 50
    // horizon: 50/1.05 + 100/1.05^2 + 100/1.05^3 = 47.6190476 + 90.7029478 + 86.3837599 = 224.7057553
    // whole life: + 50/1.05^4 = 50/1.21550625 = 41.1351237 -> 265.8408790
    expect(o).toEqual({
      nominal: '250',
      nominalAfterHorizon: '50',
      presentValue: '224.705755',
      presentValueHorizon: '224.705755',
      presentValueWholeLife: '265.840879',
    });
  });
  it('simulate --discount: PV of a certain 300 over 3 years is 272.3 at every percentile', async () => {
    const r = await cli(['simulate', 'test/simulate/fixtures/pv.yaml', '--trials', '50', '--discount', '5%', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.presentValue.metrics.budgetCost.US).toEqual({ p5: 272.325, p50: 272.325, p95: 272.325, mean: 272.325 });
    expect(j.metrics.budgetCost.US.p50).toBe(300);
  });
  it('mid-year timing (OMB A-94): t = 0.5, 1.5, 2.5', async () => {
    const r = await cli(['run', 'test/simulate/fixtures/pv-midyear.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    // 100/1.05^0.5 + 100/1.05^1.5 + 100/1.05^2.5 = 97.590007 + 92.942864 + 88.517013 = 279.049885
    // (= the end-of-year 272.324803 x 1.05^0.5)
    expect(JSON.parse(r.stdout).presentValue.metrics.budgetCost.US.presentValue).toBe('279.049885');
  });
  it('a real rate stated on nominal flows draws a warning', async () => {
    const r = await cli(['run', 'test/simulate/fixtures/pv-real-rate.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning real-discount-rate: assumptions\.discount\.terms: a real discount rate/);
  });
  it('simulate: the tail after the horizon and the whole-life present value (fixture worked above)', async () => {
    const r = await cli(['simulate', 'test/simulate/fixtures/pv-tail.yaml', '--trials', '20', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    // 50 of FY2029's money is outlaid in FY2030, after the horizon; PV over the whole life 265.840879
    expect(j.afterHorizon.metrics.outlays.US).toEqual({ p5: 50, p50: 50, p95: 50, mean: 50 });
    expect(j.presentValue.wholeLife.metrics.outlays.US.p50).toBe(265.841);
    expect(j.presentValue.metrics.outlays.US.p50).toBe(224.706);
  });
});
