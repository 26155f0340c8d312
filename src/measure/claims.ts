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

/**
 * A claim's verdict in words: "identity" when it holds by construction of the scenario (not
 * evidence, so not counted among the claims that hold); "n/a" when its `when` event fails.
 */
export type ClaimVerdict = 'holds' | 'identity' | 'does not hold' | 'n/a';

export interface ClaimResult extends TestResult {
  claim: Claim;
  verdict: ClaimVerdict;
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
  const holds = !applicable || tests.every((t) => t.holds);
  // An identity that fails is a finding (the scenario does not reproduce its own sentence).
  const verdict: ClaimVerdict = !applicable ? 'n/a' : !holds ? 'does not hold' : claim.identity ? 'identity' : 'holds';
  return { claim, ...first, holds, verdict, tests, applicable };
}

/** The claims that hold as evidence: neither identities nor out of their `when`. */
export function claimsHeld<C extends { verdict: ClaimVerdict }>(cs: readonly C[]): C[] {
  return cs.filter((c) => c.verdict === 'holds');
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

/** A claim's result on every scoring basis the plan is read on, in BASES order. */
export interface ClaimOnBases {
  basis: string;
  basisLabel: string;
  result: ClaimResult;
}

/**
 * Each claim on every scoring basis: a sentence may hold on one and fail on another (a cost
 * the source calls "not appropriated" is budget authority on the federal basis).
 */
export function claimsOnBases(m: Measure<Dec>, own: readonly ClaimResult[]): ClaimOnBases[][] {
  const others = m.planBases.map((b) => ({ b, results: b.id === m.basis.id ? own : testClaims(m.onBasis(b.id)) }));
  return own.map((_, i) => others.map(({ b, results }) => ({ basis: b.id, basisLabel: b.label, result: results[i]! })));
}

/** The bases (other than the measure's own) on which a claim's verdict differs from its own. */
export function claimDifferences(m: Measure<Dec>, onBases: readonly ClaimOnBases[]): ClaimOnBases[] {
  const own = onBases.find((x) => x.basis === m.basis.id)!.result.verdict;
  return onBases.filter((x) => x.basis !== m.basis.id && x.result.verdict !== own);
}
