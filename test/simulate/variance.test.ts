// sensitivity --variance: first-order shares of variance, against a case worked by hand.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';
import { groupShare } from '../../src/simulate/variance.js';
import { Stream } from '../../src/simulate/random.js';

describe('sensitivity --variance', () => {
  it('a gate at 50% adding 100 and a uniform range 100 wide: 75% and 25% of the variance', async () => {
    const dir = writeFiles({
      'v.yaml': `name: v
horizon: { start: FY2027, years: 4 }
governments: [US]
mechanisms:
  - id: G
    kind: grant-program
    appropriations: { US: { amount: { low: 100M, high: 200M }, per: total, from: FY2027, years: 1 } }
  - id: P
    kind: gated-project
    study: { months: 6, passes: true, probability: 50% }
    window: { months: 12 }
    commit: { US: 100M }
`,
    });
    const r = await cli([
      'sensitivity',
      join(dir, 'v.yaml'),
      '--metric',
      'publicCommitment',
      '--variance',
      '--trials',
      '8000',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const by = Object.fromEntries(
      (JSON.parse(r.stdout).varianceShares.inputs as { path: string; share: number }[]).map((x) => [x.path, x.share]),
    );
    // Y = 100 G + X, G ~ Bernoulli(0.5), X ~ U(100, 200): Var(100 G) = 100^2 x 0.25 = 2500,
    // Var(X) = 100^2 / 12 = 833.3; total 3333.3: the gate 2500 / 3333.3 = 75%, the range 25%
    const gate = Object.entries(by).find(([k]) => k.startsWith('P'))![1];
    const range = by['mechanisms[G].appropriations.US.amount']!;
    expect(Math.abs(gate - 0.75)).toBeLessThan(0.03);
    expect(Math.abs(range - 0.25)).toBeLessThan(0.03);
    const se = (JSON.parse(r.stdout).varianceShares.inputs as { se: number }[]).map((x) => x.se);
    // each share's error: a few tenths of a percent at 8,000 trials, never zero
    for (const e of se) expect(e > 0 && e < 0.02).toBe(true);
  });
});

describe('first-order shares: the estimator against closed forms', () => {
  // Y = X1 + X2 + X1 X2 with X1, X2 ~ U(0, 1) and four inputs Y does not read (X3..X6).
  // E[Y | X1] = X1 + 1/2 + X1 / 2 = 1.5 X1 + 0.5, so Var(E[Y | X1]) = 2.25 / 12 = 27/144.
  // E[Y] = 1/2 + 1/2 + 1/4 = 5/4; E[Y^2] = 1/3 + 1/3 + 1/9 + 2(1/4) + 2(1/6) + 2(1/6) = 35/18
  // = 280/144, so Var(Y) = 280/144 - 225/144 = 55/144: S1 = S2 = 27/55 = 0.490909 and the
  // shares add up to 54/55 = 0.981818 (the rest, 1/55, is the interaction).
  const trial = (n: number, seed: number) => {
    const s = new Stream();
    const xs = Array.from({ length: 6 }, () => new Float64Array(n));
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s.reset(seed, i);
      for (const x of xs) x[i] = s.u();
      y[i] = xs[0]![i]! + xs[1]![i]! + xs[0]![i]! * xs[1]![i]!;
    }
    return { xs, y };
  };
  /** 50 equal-count bins of x, as varianceShares makes them at 10,000 trials. */
  const bins = (x: Float64Array, B: number) => {
    const order = Array.from(x.keys()).sort((a, b) => x[a]! - x[b]!);
    const g = new Uint16Array(x.length);
    order.forEach((i, r) => (g[i] = Math.floor((r * B) / x.length)));
    return g;
  };
  it('at the default 10,000 trials the six shares add up to 54/55 on average, not more', () => {
    // The uncorrected estimator adds about (bins - 1) / n x (1 - S) per input:
    // 49/10,000 x (0.51 + 0.51 + 4) = 0.0246, which made the sum 1.006 > 1.
    const sums: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const { xs, y } = trial(10_000, seed);
      sums.push(xs.reduce((a, x) => a + groupShare(y, bins(x, 50), 50), 0));
    }
    const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
    expect(Math.abs(mean - 54 / 55)).toBeLessThan(0.006);
    for (const s of sums) expect(s).toBeLessThan(1);
  });
  it('a gate: Y = 10 G + X, G ~ Bernoulli(0.3), X ~ U(0, 1): S_G = 21 / (21 + 1/12) = 0.996047', () => {
    // Var(10 G) = 100 x 0.3 x 0.7 = 21; Var(X) = 1/12
    const n = 10_000,
      s = new Stream();
    const g = new Uint16Array(n),
      y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s.reset(3, i);
      g[i] = s.u() < 0.3 ? 1 : 0;
      y[i] = 10 * g[i]! + s.u();
    }
    expect(Math.abs(groupShare(y, g, 2) - 21 / (21 + 1 / 12))).toBeLessThan(0.001);
  });
});
