// Tests each published claim against the computed metric it names.
import { Dec } from '../core/money.js';
import type { Claim } from '../normalize/types.js';
import type { Measure } from './metrics.js';

export interface ClaimResult {
  claim: Claim;
  computed: Dec | boolean | null;
  holds: boolean;
  /** computed - published (the base, or the nearest end of a range); null for booleans. */
  difference: Dec | null;
}

export function testClaims(m: Measure<Dec>): ClaimResult[] {
  return m.s.claims.map((claim) => {
    const computed = valueOf(m, claim.metric);
    if (typeof claim.published === 'boolean' || typeof computed === 'boolean' || computed === null) {
      return { claim, computed, holds: computed === claim.published, difference: null };
    }
    const { low, high } = claim.published;
    const tol = claim.tolerance;
    // The published figure widened by the tolerance: [low x (1 - tol), high x (1 + tol)].
    const lo = low.times(Dec.ONE.minus(tol));
    const hi = high.times(Dec.ONE.plus(tol));
    const holds =
      claim.comparison === 'atLeast'
        ? computed.gte(lo)
        : claim.comparison === 'atMost'
          ? computed.lte(hi)
          : computed.gte(lo) && computed.lte(hi);
    const difference = computed.lt(low) ? computed.minus(low) : computed.gt(high) ? computed.minus(high) : Dec.ZERO;
    return { claim, computed, holds, difference };
  });
}

/** A claim's metric: one path, or paths joined by + (amounts only, checked in normalize). */
export function valueOf(m: Measure<Dec>, metric: string): Dec | boolean | null {
  const terms = metric.split('+').map((x) => x.trim());
  if (terms.length === 1) return m.get(metric) ?? null;
  return terms.reduce((acc: Dec, t) => acc.plus((m.get(t) as Dec | null) ?? Dec.ZERO), Dec.ZERO);
}
