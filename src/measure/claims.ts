// Tests each published claim against the computed metric it names.
import { Dec } from '../core/money.js';
import type { Claim, ClaimTest } from '../model/scenario.js';
import type { Measure } from './measure.js';

export interface TestResult {
  computed: Dec | boolean | null;
  holds: boolean;
  /** computed - published (the base, or the nearest end of a range); null for booleans. */
  difference: Dec | null;
}

export interface ClaimResult extends TestResult {
  claim: Claim;
  /** The first test's figures are the claim's own fields; every test here. */
  tests: TestResult[];
  /** False when the claim's `when` event does not hold: nothing to test (it then counts as holding). */
  applicable: boolean;
}

export function testClaims(m: Measure<Dec>): ClaimResult[] {
  return m.s.claims.map((claim) => testClaim(m, claim));
}

export function testClaim(m: Measure<Dec>, claim: Claim): ClaimResult {
  const event = claim.when === undefined ? undefined : m.s.events.find((e) => e.key === claim.when);
  const applicable = event === undefined || event.holds;
  const tests = claim.tests.map((t) => testOne(m, t));
  const first = tests[0]!;
  return { claim, ...first, holds: !applicable || tests.every((t) => t.holds), tests, applicable };
}

function testOne(m: Measure<Dec>, t: ClaimTest): TestResult {
  const computed = m.expr(t.expr);
  if (typeof t.published === 'boolean' || typeof computed === 'boolean' || computed === null) {
    return { computed, holds: computed === t.published, difference: null };
  }
  const { low, high } = t.published;
  const tol = t.tolerance;
  // The published figure widened by the tolerance: [low x (1 - tol), high x (1 + tol)].
  const lo = low.times(Dec.ONE.minus(tol));
  const hi = high.times(Dec.ONE.plus(tol));
  const holds =
    t.comparison === 'atLeast'
      ? computed.gte(lo)
      : t.comparison === 'atMost'
        ? computed.lte(hi)
        : computed.gte(lo) && computed.lte(hi);
  const difference = computed.lt(low) ? computed.minus(low) : computed.gt(high) ? computed.minus(high) : Dec.ZERO;
  return { computed, holds, difference };
}
