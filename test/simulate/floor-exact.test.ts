// run compares exact sums with the floor, simulate float64 sums: on a scenario that lands
// exactly on the floor they must give the same verdicts (measure/tests.ts FLOAT_TOLERANCE).
import { describe, expect, it } from 'vitest';
import { Fast } from '../../src/core/money.js';
import fc from 'fast-check';
import { FLOAT_TOLERANCE, floorBits, floorTest } from '../../src/measure/tests.js';
import { cli } from '../support/cli.js';

const file = 'test/simulate/fixtures/floor-exact.yaml';

describe('floor and target tests: run and simulate agree', () => {
  it('the float sum lands under the floor without a tolerance, on it with one', () => {
    // 0.05 x 1.3e9 + 0.29 x 1.5e9 = 65,000,000 + 435,000,000 = 500,000,000 exactly, but in float64:
    const y = 0.05 * 1.3e9 + 0.29 * 1.5e9;
    expect(y).toBeLessThan(5e8);
    expect(floorTest(Fast, [y, y], 5e8).everyYear).toBe(false);
    expect(floorTest(Fast, [y, y], 5e8, 5e8 * FLOAT_TOLERANCE).everyYear).toBe(true);
  });
  it("floorBits (simulate, per trial) gives floorTest(Fast)'s verdicts on any amounts", () => {
    // near the floor is where the two could part: amounts drawn around it, some exactly on it
    const amount = fc.oneof(
      fc.constant(5e8),
      fc.double({ min: 4.9e8, max: 5.1e8, noNaN: true }),
      fc.double({ min: -1e9, max: 2e9, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 12 }), fc.nat(3), fc.boolean(), (ys, pad, withTol) => {
        const tol = withTol ? 5e8 * FLOAT_TOLERANCE : 0;
        const row = new Float64Array([...Array<number>(pad).fill(7), ...ys]);
        const want = floorTest(Fast, ys, 5e8, withTol ? tol : undefined);
        const bits = floorBits(row, pad, ys.length, 5e8, tol);
        expect([Boolean(bits & 1), Boolean(bits & 2)]).toEqual([want.met, want.everyYear]);
      }),
    );
  });
  it('run and a one-trial simulate at the base values give the same verdict on every test', async () => {
    const run = JSON.parse((await cli(['run', file, '--format', 'json'])).stdout);
    const sim = JSON.parse((await cli(['simulate', file, '--trials', '1', '--format', 'json'])).stdout);
    // 500 a year in each of 10 years: MET on average and in every year, on both readings
    expect(run.metrics.floor.US.appropriated.everyYear).toBe(true);
    const probs = sim.probabilities as Record<string, number>;
    // Budget cost on the scenario's basis and on the other basis (floor.US.appropriated.BASIS.*),
    // and commitment: 3 readings x (average, every year) = 6 tests.
    expect(Object.keys(probs).length).toBe(6);
    for (const [k, p] of Object.entries(probs)) {
      const parts = k.split('.');
      const test = parts.at(-1) as 'met' | 'everyYear';
      const [, gov, reading] = parts as [string, string, string];
      const want = parts.length === 5 ? run.metrics.floorByBasis[parts[3]!][gov][test] : run.metrics.floor[gov][reading][test];
      expect([k, p]).toEqual([k, want ? 1 : 0]);
    }
  });
});

describe('simulate: Monte Carlo error and the base case (JSON, added fields)', () => {
  it('a scenario with nothing uncertain: no error, intervals on the value, the base is every trial', async () => {
    const j = JSON.parse((await cli(['simulate', file, '--trials', '20', '--format', 'json'])).stdout);
    // budget cost: 500 a year x 10 = 5000 in every trial: sd 0, so se 0 and every interval [5000, 5000]
    expect(j.monteCarloError.metrics.budgetCost.total).toEqual({
      meanStdError: 0,
      p5: [5000, 5000],
      p50: [5000, 5000],
      p95: [5000, 5000],
    });
    // Wilson, 20 of 20 (z = 1.959964): d = 1 + z^2/20 = 1.1920729; centre = (1 + z^2/40) / d = 0.9194374;
    // half = z / d x sqrt(z^2 / 1600) = 1.6441644 x 0.0489991 = 0.0805626; interval [0.838875, 1]
    expect(j.monteCarloError.probabilities['floor.US.appropriated.everyYear']).toEqual([0.838875, 1]);
    expect(j.baseCase.metrics.budgetCost.total).toBe(5000);
    expect(j.baseCase.headlineMobilization.shareOfTrialsBelowBase).toBe(0);
  });
  it('--precision says how many trials an interval needs', async () => {
    const r = await cli(['simulate', '--trials', '200', '--precision', '10M']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/For \+-10\.0 \(95%\) on headline mobilization: about [\d,]+ trials for the mean/);
    expect((await cli(['simulate', '--trials', '10', '--precision', 'soon'])).code).toBe(2);
  });
});
