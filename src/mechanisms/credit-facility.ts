// credit-facility: direct loans (face value obligated per year) scored under federal
// credit reform: budget cost = subsidy rate x face value in the year of obligation,
// outlaid as the loans disburse; a partner's match is its own flow; private co-finance.
import * as z from 'zod';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { FlowCtx } from '../kit/flows.js';
import type { Alloc, Budget, Fig, MechBase, Profile } from '../model/scenario.js';
import type { Normalizer, Path } from '../kit/context.js';
import { obj, type ParsedFigure, once, parts, perGov, registerShape, scalarFigure, sourced } from '../kit/figures.js';
import { allocFigs, allocSettings, defineKind, pct, uniqueFigs } from './kind.js';

/** A subsidy rate: a fraction of face value; negative when fees exceed expected losses. */
export const subsidyRate = () =>
  sourced('rate', { signed: true, atMostOne: true }).meta({
    description:
      'Credit subsidy rate: the present value of expected net cost per dollar of face value (federal credit reform); may be negative',
  });

/** The YAML the kind accepts (built on first use: kit/figures.ts `once`). */
const schema = once(() => {
  const { allocation, allocationObject, budget, common, profile } = parts();
  const matchAllocation = z.union([
    scalarFigure('amount').transform((value): ParsedFigure => ({ value, unit: 'amount', cited: false })),
    allocationObject.extend({
      label: z.string().optional().meta({ description: 'Its name, e.g. "IIA match"' }),
      budget: budget.optional(),
    }),
  ]);
  registerShape([...Object.keys(allocationObject.shape), 'label', 'budget']);

  return obj({
    ...common,
    kind: z.literal('credit-facility'),
    obligations: perGov(allocation).meta({ description: 'Loan face value obligated per government, per year or in total' }),
    subsidyRate: subsidyRate().optional(),
    disbursement: profile
      .optional()
      .meta({ description: 'How obligated loans disburse over the years (default: assumptions.disbursement)' }),
    match: perGov(matchAllocation).optional().meta({ description: "A partner government's own money alongside the loans" }),
    coFinance: sourced('ratio').optional().meta({ description: 'Private co-finance per dollar of face value' }),
    budget: budget.optional(),
  });
});

export interface MatchAlloc {
  alloc: Alloc;
  label: string;
  budget: Budget;
}

export interface CreditMech extends MechBase {
  kind: 'credit-facility';
  obligations: Alloc[];
  subsidyRate: Fig;
  disbursement: Profile;
  match: MatchAlloc[];
  coFinance: Fig;
}

/** The subsidy rate of a credit mechanism: its own, the scenario's default, or a diagnostic. */
export function subsidyOf(c: Normalizer, raw: ParsedFigure | undefined, p: Path, what: string): Fig {
  let subsidy = raw !== undefined ? c.fig(raw, [...p, 'subsidyRate']) : c.defSubsidy;
  if (!subsidy) {
    c.diags.error('missing-key', `${c.pathText(p)}: ${M.subsidyMissing(what)}`, c.at(p), M.subsidyMissingHint);
    subsidy = c.zero([...p, 'subsidyRate'], 'default: none');
  }
  if (subsidy.value.high.gt(Dec.ONE))
    c.diags.error('rate-above-one', `${subsidy.path}: ${M.rateAboveOne('the subsidy rate')}`, subsidy.loc, M.subsidyRateHint);
  if (subsidy.value.low.lt(Dec.ONE.neg()))
    c.diags.error(
      'rate-above-one',
      `${subsidy.path}: ${M.rateBelowMinusOne('the subsidy rate')}`,
      subsidy.loc,
      M.subsidyRateHint,
    );
  return subsidy;
}

export const creditFacility = defineKind<CreditMech, z.output<ReturnType<typeof schema>>>({
  kind: 'credit-facility',
  title: 'Credit facility (direct loans)',
  mobilization: 'loans',
  description:
    "Loan face value obligated per year. Budget cost = subsidy rate x face value in the year of obligation (federal credit reform, 1990), outlaid as the loans disburse; the loan itself is not a budget cost. A partner's match is its own appropriation.",
  schema,
  envelopeDraw: {
    what: 'its subsidy cost (subsidy rate x face value)',
    fix: 'lower its subsidy rate or its face value',
  },
  normalize(c, m, p, base) {
    const match = Object.entries(m.match ?? {}).flatMap(([g, raw]) => {
      const mp = [...p, 'match', g];
      if (!c.checkGov(g, mp)) return [];
      const alloc = c.allocation(g, raw, mp);
      if (!alloc) return [];
      const o = 'value' in raw ? {} : raw;
      return [{ alloc, label: o.label ?? `${g} match`, budget: o.budget ?? 'appropriated' }];
    });
    return {
      ...base,
      kind: 'credit-facility',
      budget: m.budget ?? 'appropriated',
      events: [],
      conditions: [],
      obligations: c.perGov(m.obligations, [...p, 'obligations']),
      subsidyRate: subsidyOf(c, m.subsidyRate, p, 'a credit facility'),
      disbursement: c.profile(m.disbursement, [...p, 'disbursement'], c.defDisbursement),
      match,
      coFinance: c.optional(m.coFinance, [...p, 'coFinance'], c.defaultRatio('coFinance')),
    };
  },
  flows<T>(m: CreditMech, f: FlowCtx<T>) {
    const rate = f.fig(m.subsidyRate);
    const coFinance = f.fig(m.coFinance);
    for (const alloc of m.obligations) {
      const g = f.gi(alloc.gov);
      const face = f.yearly(alloc);
      f.book(g, 'commitment', face);
      // The subsidy cost is recorded when the loan is obligated; it is outlaid as the loan disburses.
      const subsidy = f.scale(face, rate);
      f.budget(g, {
        type: 'creditSubsidy',
        appropriated: m.budget === 'appropriated',
        authority: subsidy,
        outlays: f.spreadOf(subsidy, m.disbursement.shares),
        // On a cash basis the loan itself is paid out as it disburses (repayments are not modeled).
        paid: f.spreadOf(face, m.disbursement.shares),
      });
      f.spread(g, 'deployed', face, m.disbursement.shares);
      f.book(g, 'private', f.scale(face, coFinance));
      // Within an envelope of appropriations, a loan uses its subsidy cost, not its face value.
      f.draw(g, 'commitment', subsidy);
      f.draw(g, 'deployed', f.spreadOf(subsidy, m.disbursement.shares));
    }
    for (const match of m.match) {
      const g = f.gi(match.alloc.gov);
      const amt = f.yearly(match.alloc);
      f.book(g, 'commitment', amt);
      f.budget(g, {
        type: 'appropriation',
        appropriated: match.budget === 'appropriated',
        authority: amt,
        outlays: f.spreadOf(amt, m.disbursement.shares),
      });
      f.spread(g, 'deployed', amt, m.disbursement.shares);
      f.draw(g, 'commitment', amt);
      f.draw(g, 'deployed', f.spreadOf(amt, m.disbursement.shares));
    }
  },
  rule: () =>
    "loan face value obligated per year; budget cost = subsidy rate x face value in the year of obligation (federal credit reform); a partner's match is its own flow (its full amount when appropriated)",
  inputs(m, kinds, gov) {
    const has = (...k: string[]) => k.some((x) => (kinds as string[]).includes(x));
    const mine = m.obligations.filter((a) => gov === undefined || a.gov === gov);
    const out: Fig[] = [];
    if (has('commitment', 'deployed', 'budgetCost', 'outlay', 'private')) for (const a of mine) out.push(...allocFigs(a));
    if (has('budgetCost', 'outlay') && mine.length) out.push(m.subsidyRate);
    if (has('private')) out.push(m.coFinance);
    for (const x of m.match)
      if ((gov === undefined || x.alloc.gov === gov) && (has('commitment', 'deployed') || has('budgetCost', 'outlay')))
        out.push(...allocFigs(x.alloc));
    return uniqueFigs(out);
  },
  assumptions: (m, kinds) =>
    kinds.some((k) => k === 'outlay' || k === 'deployed')
      ? [
          {
            name: `disbursement ${m.disbursement.name}`,
            detail: `shares by year: ${m.disbursement.shares.map(pct).join(', ')}`,
            source: m.disbursement.source,
          },
        ]
      : [],
  settings: (m, fy) => [
    ...allocSettings(`${m.path}.obligations`, m.obligations, fy),
    ...allocSettings(
      `${m.path}.match`,
      m.match.map((x) => x.alloc),
      fy,
    ),
    { path: `${m.path}.disbursement`, value: m.disbursement.name, source: m.disbursement.source },
  ],
});
