// Samplers against their stated parameters, over 100k draws each (no timing).
import { describe, expect, it } from 'vitest';
import { normInv, sampler, Stream, Z95 } from '../../src/simulate/random.js';
import { summarize } from '../../src/simulate/stats.js';

const N = 100_000;
function draws(spec: Parameters<typeof sampler>[0], seed = 1): Float64Array {
  const f = sampler(spec),
    s = new Stream();
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = f(s.reset(seed, i));
  return out;
}

describe('random streams', () => {
  it('are a function of (seed, trial) alone', () => {
    const a = new Stream().reset(42, 7),
      b = new Stream().reset(42, 7),
      c = new Stream().reset(42, 8),
      d = new Stream().reset(43, 7);
    const xs = [a.u(), a.u(), a.u()];
    expect([b.u(), b.u(), b.u()]).toEqual(xs);
    expect(c.u()).not.toEqual(xs[0]);
    expect(d.u()).not.toEqual(xs[0]);
  });
  it('draw strictly inside (0, 1)', () => {
    const s = new Stream().reset(0, 0);
    for (let i = 0; i < 10_000; i++) {
      const u = s.u();
      expect(u > 0 && u < 1).toBe(true);
    }
  });
});

describe('samplers', () => {
  it('uniform(0, 1): P5 ~ 0.05, P50 ~ 0.5, P95 ~ 0.95, mean ~ 0.5', () => {
    // The standard error of a P5 estimate over 100k draws is sqrt(.05 * .95 / 1e5) ~ 0.0007: 0.005 is 7 of them.
    const s = summarize(draws({ kind: 'uniform', low: 0, mode: 0.5, high: 1 }));
    expect(s.p5).toBeCloseTo(0.05, 2);
    expect(Math.abs(s.p50 - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s.p95 - 0.95)).toBeLessThan(0.005);
    expect(Math.abs(s.mean - 0.5)).toBeLessThan(0.005);
    expect(s.min).toBeGreaterThanOrEqual(0);
    expect(s.max).toBeLessThanOrEqual(1);
  });
  it('triangular(100, 120, 200): mean (a + b + c) / 3 = 140; median 200 - sqrt(0.5 x 100 x 80) = 136.75', () => {
    const s = summarize(draws({ kind: 'triangular', low: 100, mode: 120, high: 200 }));
    expect(Math.abs(s.mean - 140)).toBeLessThan(0.5);
    // F(c) = 20/100 = 0.2 < 0.5, so the median is on the right: b - sqrt((1 - .5)(b - a)(b - c)) = 200 - sqrt(4000) = 136.754.
    expect(Math.abs(s.p50 - (200 - Math.sqrt(4000)))).toBeLessThan(0.7);
    expect(s.min).toBeGreaterThanOrEqual(100);
  });
  it('PERT(100, 120, 200): mean (a + 4m + b) / 6 = 780 / 6 = 130', () => {
    const s = summarize(draws({ kind: 'pert', low: 100, mode: 120, high: 200 }));
    expect(Math.abs(s.mean - 130)).toBeLessThan(0.3);
    expect(s.min).toBeGreaterThanOrEqual(100);
    expect(s.max).toBeLessThanOrEqual(200);
  });
  it('PERT with the mode at an end (alpha = 1) stays in range; mean (0 + 0 + 1) / 6', () => {
    const s = summarize(draws({ kind: 'pert', low: 0, mode: 0, high: 1 }));
    expect(Math.abs(s.mean - 1 / 6)).toBeLessThan(0.003);
  });
  it('normal given p5 = 100, p95 = 200 gives those percentiles back (mean 150, sd 50 / 1.645)', () => {
    const s = summarize(draws({ kind: 'normal', low: 100, mode: 150, high: 200 }));
    // sd = 30.4; the P5 estimate's standard error is ~ sd x 0.0069 / 0.103 = 0.2 here: allow 1.
    expect(Math.abs(s.p5 - 100)).toBeLessThan(1);
    expect(Math.abs(s.p95 - 200)).toBeLessThan(1);
    expect(Math.abs(s.mean - 150)).toBeLessThan(0.5);
  });
  it('lognormal given p5 = 100, p95 = 400 gives those back, median sqrt(100 x 400) = 200', () => {
    const s = summarize(draws({ kind: 'lognormal', low: 100, mode: 200, high: 400 }));
    expect(Math.abs(s.p5 / 100 - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.p95 / 400 - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.p50 / 200 - 1)).toBeLessThan(0.01);
  });
  it('normal draws are clamped to the allowed range (amounts are never negative)', () => {
    const s = summarize(draws({ kind: 'normal', low: 0, mode: 50, high: 100, min: 0 }));
    expect(s.min).toBe(0);
  });
  it('normInv: the 95th percentile of the standard normal is 1.6448536...', () => {
    expect(normInv(0.95)).toBeCloseTo(Z95, 8);
    expect(normInv(0.5)).toBeCloseTo(0, 12);
    expect(normInv(0.025)).toBeCloseTo(-1.959963985, 8);
    expect(normInv(0.001)).toBeCloseTo(-3.090232306, 7);
  });
});
