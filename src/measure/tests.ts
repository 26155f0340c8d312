// The tests a plan is judged by (the floor per government, the mobilization target) and
// the ratio rule, written once over Arith<T>: `run` applies them to exact sums, simulate
// to each trial's float64 sums, so the two cannot define them differently.
import type { Arith } from '../core/money.js';

export interface FloorResult<T> {
  floor: T | null;
  byYear: T[];
  average: T;
  /** The average test: the horizon's average at least the floor. */
  met: boolean | null;
  /** The literal reading of "at least ... per year": every year at least the floor. */
  everyYear: boolean | null;
  yearsMet: number | null;
  shortfall: T | null;
  yearMet: (boolean | null)[];
}

/**
 * Relative tolerance simulate's float64 comparisons allow (of the floor or target): a float
 * sum can land at 499,999,999.99999994 where the exact sum is 500,000,000, and `run` (exact)
 * says MET. 1e-9 of 500M is half a dollar, far above float error (~1e-7 dollars on these sums)
 * and far below any amount a scenario states.
 */
export const FLOAT_TOLERANCE = 1e-9;

/** "v is at least `bar`", allowing `tol` (zero for exact arithmetic). */
const atLeast = <T>(A: Arith<T>, v: T, bar: T, tol: T | undefined) => !A.lt(tol === undefined ? v : A.add(v, tol), bar);

/** The floor test over one government's yearly amounts; `tol` (simulate's float sums only): an absolute tolerance. */
export function floorTest<T>(A: Arith<T>, byYear: T[], floor: T | null, tol?: T): FloorResult<T> {
  const N = byYear.length;
  const total = byYear.reduce((a, b) => A.add(a, b), A.zero);
  const average = A.div(total, A.int(N));
  if (floor === null)
    return {
      floor,
      byYear,
      average,
      met: null,
      everyYear: null,
      yearsMet: null,
      shortfall: null,
      yearMet: byYear.map(() => null),
    };
  const yearMet = byYear.map((v) => atLeast(A, v, floor, tol));
  const needed = A.mul(floor, A.int(N));
  return {
    floor,
    byYear,
    average,
    met: atLeast(A, average, floor, tol),
    everyYear: yearMet.every(Boolean),
    yearsMet: yearMet.filter(Boolean).length,
    shortfall: A.lt(total, needed) ? A.sub(needed, total) : A.zero,
    yearMet,
  };
}

/**
 * floorTest(Fast, ...)'s `met` (bit 1) and `everyYear` (bit 2) for N float64 amounts at
 * row[offset..], without building its result: simulate asks this once per floor per trial,
 * and the arrays and objects of a full result were a third of a trial's time. Same sums in
 * the same order, same comparisons (test/simulate/floor-exact.test.ts holds them equal).
 */
export function floorBits(row: Float64Array, offset: number, N: number, floor: number, tol: number): number {
  let total = 0,
    every = 2;
  for (let y = 0; y < N; y++) {
    const v = row[offset + y]!;
    total += v;
    if (v + tol < floor) every = 0;
  }
  return (total / N + tol < floor ? 0 : 1) | every;
}

export interface TargetResult<T> {
  target: T | null;
  headline: T;
  met: boolean | null;
  shortfall: T | null;
}

/** The mobilization target test; `tol` as in floorTest. */
export function targetTest<T>(A: Arith<T>, headline: T, target: T | null, tol?: T): TargetResult<T> {
  if (target === null) return { target, headline, met: null, shortfall: null };
  return {
    target,
    headline,
    met: atLeast(A, headline, target, tol),
    shortfall: A.lt(headline, target) ? A.sub(target, headline) : A.zero,
  };
}

/** A ratio of two sums; null when the denominator is zero. */
export function ratioOf<T>(A: Arith<T>, numerator: T, denominator: T): T | null {
  return A.isZero(denominator) ? null : A.div(numerator, denominator);
}
