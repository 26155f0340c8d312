// Every claim of scenarios/compact-2026.yaml: the report's line, the measure the sentence
// names, the figures worked by hand from the Compact's own numbers, and why the verdict
// follows, on the as-published basis and (where it differs) the federal one.
//
// Hand figures used below (USD millions, base case = midpoints of ranges):
//   U.S. public commitment: F-1 1,000 + F-2 2,350 + Q-1 150 + F-3 2,500 + F-4 1,000 + F-5 750
//     + F-6 1,000 + S-1B 7.5 = 8,757.5; Israel: 1,000 + 2,350 + 150 + 200 (IIA match) + 1,000
//     + 375 + 1,000 + 7.5 = 6,082.5; both 14,840.
//   Private: F-4 crowd-in 2.0x (midpoint of 1.5-2.5x) on 1,000 per side = 2,000 each; S-1B
//     co-finance 1x on 7.5 per side; private total 4,015; headline 14,840 + 4,015 = 18,855.
//   Budget cost as published (F-1, F-4 not appropriated): U.S. F-2 2,350 + Q-1 150 + F-3 5% x
//     2,500 = 125 + F-5 750 + F-6 1,000 + S-1B 7.5 = 4,382.5; Israel 2,500 + 200 + 375 + 1,000
//     + 7.5 = 4,082.5. Federal: + F-1 1,000 + F-4 1,000 per side: 6,382.5 and 6,082.5.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/measure/evaluate.js';
import { loadScenario } from '../../src/normalize/load.js';
import { baselinePath } from '../../src/cli/io.js';
import { M } from '../support/scenario.js';

const loaded = loadScenario(baselinePath());
const pub = evaluate(loaded.scenario!);
const fed = evaluate({ ...loaded.scenario!, basis: 'federal' });
const on = (ev: typeof pub) => Object.fromEntries(ev.claims.map((c) => [c.claim.id, c]));
const P = on(pub);
const F = on(fed);
const computed = (c: (typeof pub.claims)[number]) => c.tests.map((t) => M(t.computed as never));

describe('the claims of the Compact, as the report says them', () => {
  it('mobilize-over-10b (l.576) and north-star-3 (l.615): "over $10B" / "$10B+" is at least 10,000', () => {
    // headline 18,855 >= 10,000 on every basis (headline counts commitments, not budget cost).
    for (const id of ['mobilize-over-10b', 'north-star-3']) {
      expect(computed(P[id]!)).toEqual(['18855']);
      expect([P[id]!.holds, F[id]!.holds]).toEqual([true, true]);
    }
  });

  it('north-star-3-commitment (l.615): "~$500M/year" of public commitment, +-$50M (rounding to $100M)', () => {
    // 8,757.5 / 10 = 875.75 and 6,082.5 / 10 = 608.25, both above 550: the "~" understates the
    // commitment, where l.196 says "at least" (floor-architecture holds on the same figures).
    expect(computed(P['north-star-3-commitment']!)).toEqual(['875.75', '608.25']);
    expect(P['north-star-3-commitment']!.holds).toBe(false);
  });

  it('totals-row-appropriated (l.585/587) and f1-f4-not-appropriated (l.880): one inconsistency, failing once per basis', () => {
    // As published: F-1 0 + F-2 2,350 + Q-1 150 + F-4 0 + F-6 1,000 = 3,500, not 5,500 +- 50.05.
    expect(computed(P['totals-row-appropriated']!)).toEqual(['3500', '3500']);
    expect([P['totals-row-appropriated']!.holds, P['f1-f4-not-appropriated']!.holds]).toEqual([false, true]);
    // Federal: + 1,000 + 1,000 = 5,500 holds; F-1 + F-4 = 4,000 (both sides) is not "not appropriated".
    expect(computed(F['f1-f4-not-appropriated']!)).toEqual(['4000']);
    expect([F['totals-row-appropriated']!.holds, F['f1-f4-not-appropriated']!.holds]).toEqual([true, false]);
  });

  it("totals-row-headline (l.585): the row's own cells, 2 x 5,500 = 11,000 >= 10,000 (identity)", () => {
    expect(computed(P['totals-row-headline']!)).toEqual(['11000']);
    expect(P['totals-row-headline']!.holds).toBe(true);
  });

  it('appropriations-per-side (l.880, answering l.878): ~$500M +-50 per side, ~$1B +-50 combined', () => {
    // As published 438.25 and 408.25 (below 450), combined 846.5 (below 950): does not hold.
    expect(computed(P['appropriations-per-side']!)).toEqual(['438.25', '408.25', '846.5']);
    expect(P['appropriations-per-side']!.holds).toBe(false);
    // Federal 638.25 and 608.25 (above 550): does not hold either way.
    expect(computed(F['appropriations-per-side']!)).toEqual(['638.25', '608.25', '1246.5']);
    expect(F['appropriations-per-side']!.holds).toBe(false);
  });

  it('f3-budget-cost (l.598, l.581): 5% x 2,500 = 125 within $100-150M and at most ~$150M (identity)', () => {
    expect(computed(P['f3-budget-cost']!)).toEqual(['125', '125']);
    expect([P['f3-budget-cost']!.holds, F['f3-budget-cost']!.holds]).toEqual([true, true]);
  });

  it('headline-15b (l.880): 11,000 + F-4 private 4,000 + F-3 facility 2,500 = 17,500 >= 15,000', () => {
    expect(computed(P['headline-15b']!)).toEqual(['17500']);
    expect(P['headline-15b']!.holds).toBe(true);
  });

  it('baseline-10b-is-floor (l.880): the "$10B+ baseline" is public commitment, 14,840 >= 2 x 500 x 10', () => {
    expect(computed(P['baseline-10b-is-floor']!)).toEqual(['14840']);
    expect(P['baseline-10b-is-floor']!.holds).toBe(true);
  });

  it('f4-private-target (l.582): 2.0x x 2,000 = 4,000 within $3-5B (identity: the crowd-in was read from it)', () => {
    expect(computed(P['f4-private-target']!)).toEqual(['4000']);
    expect(P['f4-private-target']!.holds).toBe(true);
  });

  it('f5-combined (l.298, l.888 vs the table l.583): 750 + 375 + 0 private = 1,125 > 1,000; holds at the low end', () => {
    expect(computed(P['f5-combined']!)).toEqual(['1125']);
    expect(P['f5-combined']!.holds).toBe(false);
    // low case: 500 + 250 = 750, inside $500M-1B: the ranges overlap from 750 to 1,000.
    expect(on(evaluate(loaded.scenario!, 'low'))['f5-combined']!.holds).toBe(true);
  });

  it('f5-committed-12-months (l.888 vs the 24-month window, l.583): FY2029 still commits 6/24 of 1,125', () => {
    // Study months 0-6; window months 6-30: FY2027 6 months, FY2028 12, FY2029 6: 1,125 x 6/24 = 281.25.
    expect(computed(P['f5-committed-12-months']!)).toEqual(['281.25']);
    expect(P['f5-committed-12-months']!.holds).toBe(false);
  });

  it('floor-architecture (l.196): "public funding commitment of at least $500M" per side per year, on commitment', () => {
    // 875.75 and 608.25 >= 500 on every basis (the budget-cost readings are the floor table's).
    expect(computed(P['floor-architecture']!)).toEqual(['875.75', '608.25']);
    expect([P['floor-architecture']!.holds, F['floor-architecture']!.holds]).toEqual([true, true]);
  });

  it('floor-offsets (l.633): public plus private per side per year >= 500', () => {
    // U.S. (8,757.5 + 2,000 + 7.5) / 10 = 1,076.5; Israel (6,082.5 + 2,007.5) / 10 = 809.
    expect(computed(P['floor-offsets']!)).toEqual(['1076.5', '809']);
    expect(P['floor-offsets']!.holds).toBe(true);
  });

  it('q1-150m-bilateral (l.826 vs l.420): 2 x 150 = 300, not 150 (no "~": exact)', () => {
    expect(computed(P['q1-150m-bilateral']!)).toEqual(['300']);
    expect(P['q1-150m-bilateral']!.holds).toBe(false);
  });

  it('s1b-30m-combined (l.308): 7.5 + 7.5 + 15 private = 30 exactly (identity)', () => {
    expect(computed(P['s1b-30m-combined']!)).toEqual(['30']);
    expect(P['s1b-30m-combined']!.holds).toBe(true);
  });

  it('identities: the six claims whose inputs were read from their own sentence or cells', () => {
    // totals-row-headline (the row's cells summed), f1-f4-not-appropriated (the as-published
    // basis encodes "not appropriated"), f3-budget-cost (5% x $2-3B are its inputs),
    // headline-15b (11,000 + 3,000-5,000 + 2,000-3,000 >= 16,000 >= 15,000 at every end of the
    // report's ranges), f4-private-target (the crowd-in was read from the cell),
    // s1b-30m-combined (the $30M split into its inputs).
    const ids = [
      'totals-row-headline',
      'f1-f4-not-appropriated',
      'f3-budget-cost',
      'headline-15b',
      'f4-private-target',
      's1b-30m-combined',
    ];
    expect(pub.claims.filter((c) => c.claim.identity).map((c) => c.claim.id)).toEqual(ids);
    for (const id of ids) expect(P[id]!.verdict).toBe('identity');
    // An identity that fails is a finding, not an identity: F-1 + F-4 = 4,000 on the federal basis.
    expect(F['f1-f4-not-appropriated']!.verdict).toBe('does not hold');
  });

  it('counts: 17 claims; as published 5 hold, 6 are identities, 6 do not; federal 6, 5, 6', () => {
    // As published, of the 11 that hold 6 are identities: 11 - 6 = 5 hold as evidence. Federal:
    // totals-row-appropriated joins those that hold (5 + 1 = 6) and f1-f4-not-appropriated
    // leaves the identities for those that fail (6 - 1 = 5 identities, still 6 fail).
    expect(pub.claims.length).toBe(17);
    const count = (ev: typeof pub, v: string) => ev.claims.filter((c) => c.verdict === v).length;
    expect(['holds', 'identity', 'does not hold'].map((v) => count(pub, v))).toEqual([5, 6, 6]);
    expect(['holds', 'identity', 'does not hold'].map((v) => count(fed, v))).toEqual([6, 5, 6]);
    expect(pub.claims.filter((c) => c.holds).length).toBe(11);
  });
});
