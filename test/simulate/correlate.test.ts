// Rank correlations (correlations:) applied by Iman-Conover reordering.
import { describe, expect, it } from 'vitest';
import { choleskyPsd } from '../../src/model/correlation.js';
import { imanConover, normalScoreCorrelation } from '../../src/simulate/correlate.js';
import { Stream } from '../../src/simulate/random.js';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';
import { join } from 'node:path';

function ranks(a: Float64Array): Float64Array {
  const order = Array.from(a.keys()).sort((p, q) => a[p]! - a[q]!);
  const r = new Float64Array(a.length);
  order.forEach((i, k) => (r[i] = k));
  return r;
}
function spearman(a: Float64Array, b: Float64Array): number {
  const ra = ranks(a),
    rb = ranks(b),
    n = a.length,
    m = (n - 1) / 2;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i]! - m) * (rb[i]! - m);
    saa += (ra[i]! - m) ** 2;
    sbb += (rb[i]! - m) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('Iman-Conover', () => {
  const n = 5000;
  const s = new Stream().reset(7, 0);
  const a = Float64Array.from({ length: n }, () => s.u());
  const b = Float64Array.from({ length: n }, () => Math.exp(s.u()));
  it('reaches the target rank correlation within Monte Carlo error and keeps every draw', () => {
    for (const rho of [0.9, 0.5, -0.5]) {
      const [x, y] = imanConover(
        [a, b],
        [
          [1, rho],
          [rho, 1],
        ],
        1,
      );
      // the standard error of a sample Spearman correlation is about (1 - rho^2) / sqrt(n) <= 1 / sqrt(5000) = 0.014
      expect(Math.abs(spearman(x!, y!) - rho)).toBeLessThan(3 * 0.014);
      // the marginals do not change: the same draws, in another order
      expect(Array.from(x!).sort()).toEqual(Array.from(a).sort());
      expect(Array.from(y!).sort()).toEqual(Array.from(b).sort());
    }
  });
  it("achieves the stated Spearman correlation, not the normal scores' (closed form)", () => {
    // Normal scores with Pearson rho have Spearman (6 / pi) asin(rho / 2). Imposing the stated
    // 0.8 on them gave (6 / pi) asin(0.4) = 1.909859 x 0.411517 = 0.785940, and -0.5 gave
    // (6 / pi) asin(-0.25) = 1.909859 x -0.252680 = -0.482584; imposing 2 sin(pi r / 6)
    // (0.8 -> 2 x 0.406737 = 0.813473) gives the stated value. At n = 100,000 a sample
    // Spearman's standard error is at most about 1 / sqrt(n) = 0.0032, and Iman-Conover
    // removes the scores' own sample correlation, so 0.005 separates the two (misses of 0.014, 0.017).
    expect(normalScoreCorrelation(0.8)).toBeCloseTo(0.813473, 6);
    expect(normalScoreCorrelation(-0.5)).toBeCloseTo(-0.517638, 6);
    const N = 100_000;
    const t = new Stream().reset(11, 0);
    const u = Float64Array.from({ length: N }, () => t.u());
    const v = Float64Array.from({ length: N }, () => Math.exp(3 * t.u()));
    for (const r of [0.8, -0.5]) {
      const [x, y] = imanConover(
        [u, v],
        [
          [1, r],
          [r, 1],
        ],
        5,
      );
      expect(Math.abs(spearman(x!, y!) - r)).toBeLessThan(0.005);
    }
  });
  it('PSD check: a consistent triangle passes, an impossible one fails', () => {
    expect(
      choleskyPsd([
        [1, 0.5, 0.5],
        [0.5, 1, 0.5],
        [0.5, 0.5, 1],
      ]),
    ).toBeDefined();
    // A ~ B 0.9, B ~ C 0.9, A ~ C -0.9: determinant 1 - 3(0.81) - 2(0.729) < 0
    expect(
      choleskyPsd([
        [1, 0.9, -0.9],
        [0.9, 1, 0.9],
        [-0.9, 0.9, 1],
      ]),
    ).toBeUndefined();
    // a correlation of 1 is allowed (singular but PSD)
    expect(
      choleskyPsd([
        [1, 1],
        [1, 1],
      ]),
    ).toBeDefined();
  });
});

describe('correlations: in a scenario', () => {
  it('the baseline with F-5 shares and the fund-2 gate correlated runs, the same whatever the workers', async () => {
    const one = await cli(['simulate', 'test/simulate/fixtures/correlated.yaml', '--trials', '3000', '--format', 'json']);
    const two = await cli([
      'simulate',
      'test/simulate/fixtures/correlated.yaml',
      '--trials',
      '3000',
      '--format',
      'json',
      '--workers',
      '2',
    ]);
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(two.stdout);
  });
  it('zero correlation reproduces the uncorrelated output byte for byte', async () => {
    const dir = writeFiles({
      'z.yaml': `extends: compact-2026
name: Compact 2026 as published
correlations:
  - between:
      - mechanisms[F-5].commit.US.amount
      - mechanisms[F-5].commit.IL.amount
    rank: 0
`,
    });
    const z = await cli(['simulate', join(dir, 'z.yaml'), '--trials', '2000', '--format', 'json']);
    const base = await cli(['simulate', '--trials', '2000', '--format', 'json']);
    const strip = (t: string) => ({ ...JSON.parse(t), scenario: null });
    expect(strip(z.stdout)).toEqual(strip(base.stdout));
    const tz = await cli(['simulate', join(dir, 'z.yaml'), '--trials', '2000']);
    const tb = await cli(['simulate', '--trials', '2000']);
    expect(tz.stdout.split('\n').slice(2).join('\n')).toBe(tb.stdout.split('\n').slice(2).join('\n'));
  });
  it('refuses correlations that cannot hold together, unknown inputs and an input with itself', async () => {
    const pair = (a: string, b: string, r: number) => `
  - between:
      - ${a}
      - ${b}
    rank: ${r}`;
    const dir = writeFiles({
      'bad.yaml': `extends: compact-2026
name: bad
correlations:${pair('mechanisms[F-5].commit.US.amount', 'mechanisms[F-5].commit.IL.amount', 0.9)}${pair('mechanisms[F-5].commit.IL.amount', 'mechanisms[F-4].crowdIn.value', 0.9)}${pair('mechanisms[F-5].commit.US.amount', 'mechanisms[F-4].crowdIn.value', -0.9)}
`,
      'unknown.yaml': `extends: compact-2026
name: unknown
correlations:${pair('mechanisms[F-4].crowdIn', 'F-5', 0.3)}${pair('F-5', 'F-5', 0.3)}
`,
    });
    const bad = await cli(['check', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stdout + bad.stderr).toMatch(/not positive semi-definite/);
    const unknown = await cli(['check', join(dir, 'unknown.yaml')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout + unknown.stderr).toMatch(/"mechanisms\[F-4\]\.crowdIn" is not an input or a gate/);
    expect(unknown.stdout + unknown.stderr).toMatch(/mechanisms\[F-4\]\.crowdIn\.value/);
    expect(unknown.stdout + unknown.stderr).toMatch(/"F-5" is correlated with itself/);
  });
});
