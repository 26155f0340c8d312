// Percentiles by selection against a sort, and small cases worked by hand.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { histogram, quantileRanks, summarize, wilson } from '../../src/simulate/stats.js';

function bySort(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b),
    h = (s.length - 1) * p,
    k = Math.floor(h);
  return k + 1 < s.length ? s[k]! + (h - k) * (s[k + 1]! - s[k]!) : s[k]!;
}

describe('summarize', () => {
  it('1..5: P5 = 1 + 0.2 x (2 - 1) = 1.2 (h = 4 x 0.05), P50 = 3, P95 = 4 + 0.8 = 4.8, mean 3', () => {
    const s = summarize(Float64Array.from([5, 3, 1, 4, 2]));
    expect(s.p5).toBeCloseTo(1.2, 12);
    expect(s.p50).toBe(3);
    expect(s.p95).toBeCloseTo(4.8, 12);
    expect(s.mean).toBe(3);
  });
  it('leaves out non-finite values', () => {
    const s = summarize(Float64Array.from([NaN, 2, Infinity, 4]));
    expect(s.n).toBe(2);
    expect(s.p50).toBe(3);
  });
  it("many values (pivots from a sample, selection when it misses): every figure equals the sorted values' (property)", () => {
    // Shapes that make the sample miss or the brackets tie: half the trials on one value
    // (a gate that fails), few distinct values, sorted and reversed runs, a tail of outliers.
    const shapes = ['uniform', 'halfTied', 'fewValues', 'sorted', 'reversed', 'outliers'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...shapes), fc.integer({ min: 32_768, max: 120_000 }), fc.integer(), (shape, n, seed) => {
        let x = seed >>> 0 || 1;
        const rnd = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        const xs = Array.from({ length: n }, (_, i) => {
          const u = rnd();
          if (shape === 'halfTied') return u < 0.5 ? 250 : 250 + 500 * rnd();
          if (shape === 'fewValues') return Math.floor(u * 7) * 125;
          if (shape === 'sorted') return i;
          if (shape === 'reversed') return n - i;
          if (shape === 'outliers') return u < 0.01 ? 1e12 * rnd() : u;
          return 1e9 * u;
        });
        const sorted = Float64Array.from(xs).sort();
        const s = summarize(Float64Array.from(xs));
        const rank = ([j, k]: [number, number]) => [sorted[j], sorted[k]];
        expect([s.p5, s.p50, s.p95]).toEqual([bySort(xs, 0.05), bySort(xs, 0.5), bySort(xs, 0.95)]);
        expect(s.ci).toEqual({
          p5: rank(quantileRanks(n, 0.05)),
          p50: rank(quantileRanks(n, 0.5)),
          p95: rank(quantileRanks(n, 0.95)),
        });
        expect([s.min, s.max, s.n]).toEqual([sorted[0], sorted[n - 1], n]);
      }),
      { numRuns: 40 },
    );
  });
  it('equals percentiles of the sorted values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = summarize(Float64Array.from(xs));
        for (const [p, v] of [
          [0.05, s.p5],
          [0.5, s.p50],
          [0.95, s.p95],
        ] as const)
          expect(v).toBeCloseTo(bySort(xs, p), 6);
      }),
    );
  });
});

describe('histogram', () => {
  it('puts every value in one of the bins, the maximum in the last', () => {
    const h = histogram(Float64Array.from([0, 1, 2, 3, 4, 10]), 5, 0, 10);
    expect(h.map((b) => b.count)).toEqual([2, 2, 1, 0, 1]);
  });
});

describe('Monte Carlo error', () => {
  it('standard error of the mean: sd / sqrt(n)', () => {
    // 1, 2, 3, 4, 5: mean 3; squared deviations 4 + 1 + 0 + 1 + 4 = 10; sd = sqrt(10 / 4) = 1.5811388;
    // se = 1.5811388 / sqrt(5) = 0.7071068
    expect(summarize(Float64Array.from([5, 3, 1, 4, 2])).se).toBeCloseTo(0.7071068, 7);
  });
  it('percentile intervals: order statistics ranked by the binomial', () => {
    // n = 10000, p = 0.5: np = 5000, z sqrt(np(1-p)) = 1.959964 x 50 = 97.998;
    // j = ceil(4902.002) - 1 = 4902, k = ceil(5097.998) - 1 = 5097 (0-based)
    expect(quantileRanks(10000, 0.5)).toEqual([4902, 5097]);
    // p = 0.05: np = 500, 1.959964 x sqrt(475) = 42.716; j = ceil(457.284) - 1 = 457, k = ceil(542.716) - 1 = 542
    expect(quantileRanks(10000, 0.05)).toEqual([457, 542]);
    // on 0..9999 (value = rank) the P50 interval is [4902, 5097], whatever the order
    const xs = Float64Array.from({ length: 10000 }, (_, i) => (i * 7919) % 10000);
    expect(summarize(xs).ci.p50).toEqual([4902, 5097]);
  });
  it('Wilson interval for a proportion', () => {
    // 0 of 10000: centre = (z^2 / 2n) / (1 + z^2 / n) = 0.000192074 / 1.000384148 = 0.000192000;
    // half = z / (1 + z^2/n) x sqrt(z^2 / 4n^2) = 1.959213 x 0.0000979982 = 0.000192000: [0, 0.000384]
    const [lo, hi] = wilson(0, 10000);
    expect(lo).toBeCloseTo(0, 12);
    expect(hi).toBeCloseTo(0.000384, 6);
    // 50 of 100: centre 0.5; half = 1.959964 / 1.038415 x sqrt(0.0025 + 0.000096) = 1.887454 x 0.050951 = 0.096167
    const [a, b] = wilson(50, 100);
    expect(a).toBeCloseTo(0.403833, 5);
    expect(b).toBeCloseTo(0.596167, 5);
  });
});
