// Percentiles by selection against a sort, and small cases worked by hand.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { histogram, summarize } from '../../src/simulate/stats.js';

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
