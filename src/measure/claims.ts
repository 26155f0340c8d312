// Tests each published claim against the computed metric it names.
import { Dec } from '../core/money.js';
import type { ClaimRef } from '../model/paths.js';
import type { Claim } from '../model/scenario.js';
import type { Measure } from './measure.js';

export interface ClaimResult {
  claim: Claim;
  computed: Dec | boolean | null;
  holds: boolean;
  /** computed - published (the base, or the nearest end of a range); null for booleans. */
  difference: Dec | null;
}

export function testClaims(m: Measure<Dec>): ClaimResult[] {
  return m.s.claims.map((claim) => testClaim(m, claim));
}

export function testClaim(m: Measure<Dec>, claim: Claim): ClaimResult {
  const computed = valueOf(m, claim.refs);
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
}

/** A claim's metric: one ref, or money refs added up (checked in normalize). */
export function valueOf(m: Measure<Dec>, refs: ClaimRef): Dec | boolean | null {
  if (refs.length === 1) return m.value(refs[0]!);
  return refs.reduce((acc: Dec, r) => acc.plus((m.value(r) as Dec | null) ?? Dec.ZERO), Dec.ZERO);
}
