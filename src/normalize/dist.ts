// Reads what a written range means for sampling (uniform, triangular, PERT, normal,
// lognormal) into a Ranged value and a distribution kind, with the checks it needs.
import { parseFigure, type Ranged, type Unit } from '../core/amount.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { DistKind } from './types.js';

export interface DistProblem {
  code: string;
  message: string;
  hint: string;
}

const PERCENTILE_KINDS: DistKind[] = ['normal', 'lognormal'];

/** The typical value `run` uses when none is written: the midpoint, or the median of a lognormal. */
function centre(low: Dec, high: Dec, dist: DistKind | undefined): Dec {
  if (dist === 'lognormal' && low.gt(Dec.ZERO)) return low.times(high).pow(0.5);
  return low.plus(high).div(2);
}

/**
 * `{ low, base?, high, dist? }` or `{ p5, p95, base?, dist: normal|lognormal }`. With an explicit
 * base and no dist the range is triangular with its mode at base; without a base, uniform.
 */
export function rangeObject(
  o: Record<string, unknown>,
  unit: Unit,
  outer?: DistKind,
): { value: Ranged; dist?: DistKind; problems: DistProblem[] } {
  const problems: DistProblem[] = [];
  const num = (x: unknown): Dec | undefined => {
    if (x === undefined) return undefined;
    const r = parseFigure(x, unit);
    return r.ok ? r.value.base : Dec.ZERO;
  };
  let dist = (o.dist as DistKind | undefined) ?? outer;
  const percentiles = dist !== undefined && PERCENTILE_KINDS.includes(dist);
  const [a, b] = percentiles ? ['p5', 'p95'] : ['low', 'high'];
  const [wrongA, wrongB] = percentiles ? ['low', 'high'] : ['p5', 'p95'];
  for (const k of [wrongA, wrongB])
    if (o[k] !== undefined) problems.push({ code: 'range-form', message: M.rangeWrongEnds(k, dist), hint: M.rangeFormHint });
  for (const k of [a, b])
    if (o[k] === undefined) problems.push({ code: 'missing-key', message: M.rangeMissingEnd(k, dist), hint: M.rangeFormHint });
  const low = num(o[a!]) ?? Dec.ZERO,
    high = num(o[b!]) ?? Dec.ZERO;
  const base = num(o.base) ?? centre(low, high, dist);
  if (dist === undefined && o.base !== undefined) dist = 'triangular';
  if (low.gt(high) || base.lt(low) || base.gt(high))
    problems.push({ code: 'range-order', message: M.rangeOrder(String(a), String(b)), hint: M.rangeOrderHint });
  problems.push(...distProblems({ low, base, high }, dist));
  return { value: { low, base, high }, dist, problems };
}

/** A range written as a string (`$2B-3B`) under `{ value, dist }`: for normal/lognormal its ends are P5/P95. */
export function rangeScalar(value: Ranged, dist: DistKind | undefined): { value: Ranged; problems: DistProblem[] } {
  if (dist === 'lognormal' && !value.low.eq(value.high) && value.low.gt(Dec.ZERO))
    value = { ...value, base: centre(value.low, value.high, dist) };
  return { value, problems: distProblems(value, dist) };
}

function distProblems(v: Ranged, dist: DistKind | undefined): DistProblem[] {
  if (dist === 'lognormal' && !v.low.gt(Dec.ZERO))
    return [{ code: 'range-form', message: M.lognormalPositive, hint: M.rangeFormHint }];
  return [];
}
