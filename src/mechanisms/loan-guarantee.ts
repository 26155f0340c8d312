// loan-guarantee: guaranteed amounts per year on private loans. Under federal credit
// reform its budget cost is the subsidy rate x the guaranteed amount, recorded when the
// guarantee is committed (a negative rate when fees exceed expected losses gives a
// negative cost); the subsidy is outlaid as the guaranteed loans disburse. Fees are shown
// as offsetting collections (they are already inside the subsidy rate, so they are not
// subtracted again). The lending it backs counts once: the guaranteed amount is already
// the public commitment, so private capital is the backed lending beyond it.
import * as z from 'zod';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { FlowCtx } from '../kit/flows.js';
import type { Alloc, Fig, MechBase, Profile } from '../model/scenario.js';
import { obj, once, type ParsedFigure, parts, perGov, sourced } from '../kit/figures.js';
import type { Normalizer, Path } from '../kit/context.js';
import { subsidyOf, subsidyRate } from './credit-facility.js';
import { allocFigs, allocSettings, defineKind, pct, uniqueFigs } from './kind.js';

/** The YAML the kind accepts (built on first use: kit/figures.ts `once`). */
const schema = once(() => {
  const { allocation, budget, common, profile, source, note } = parts();
  return obj({
    ...common,
    kind: z.literal('loan-guarantee'),
    guarantees: perGov(allocation).meta({
      description: 'Guaranteed amount committed per government, per year or in total (written like obligations)',
    }),
    subsidyRate: subsidyRate().optional(),
    fees: sourced('rate', { atMostOne: true }).optional().meta({
      description: 'Fees as a rate on the guaranteed amount, collected when committed (shown as offsetting collections)',
    }),
    disbursement: profile
      .optional()
      .meta({ description: 'How the guaranteed loans disburse (default: assumptions.disbursement)' }),
    coFinance: sourced('ratio').optional().meta({
      description:
        'All the lending backed per guaranteed dollar, the guaranteed loan included (1x: the guarantee covers the whole loan); the lending beyond the guaranteed amount is private capital mobilized, so the backed lending counts once',
    }),
    budget: budget.optional(),
    provisioning: obj({
      rate: sourced('rate', { atMostOne: true }).meta({
        description: 'Share of the guaranteed amount the sponsor sets aside when it commits (EFSI: 50%)',
      }),
      schedule: z
        .record(z.string(), sourced('rate', { atMostOne: true }))
        .optional()
        .meta({
          description: 'The rate from a year on, when it changes: { FY2018: 35% } (each applies from its year until the next)',
        }),
      source: source.optional(),
      note: note.optional(),
    })
      .optional()
      .meta({
        description:
          'A provisioned guarantee (an EU budget guarantee): budget cost = the provisioning rate x the guaranteed amount, when committed, instead of a credit-reform subsidy; the rest is unprovisioned exposure',
      }),
  });
});

export interface GuaranteeMech extends MechBase {
  kind: 'loan-guarantee';
  guarantees: Alloc[];
  subsidyRate: Fig;
  fees: Fig;
  disbursement: Profile;
  coFinance: Fig;
  /** The provisioning rate in force each year of the horizon, when the guarantee is provisioned. */
  provisioning?: { byYear: Fig[]; figs: Fig[] };
}

export const loanGuarantee = defineKind<GuaranteeMech, z.output<ReturnType<typeof schema>>>({
  kind: 'loan-guarantee',
  title: 'Loan guarantee',
  mobilization: 'guarantees',
  description:
    'Guaranteed amounts per year on private loans. Budget cost = subsidy rate (may be negative) x guaranteed amount when committed (federal credit reform), outlaid as the loans disburse; fees shown as offsetting collections; the lending backed counts once: the guaranteed amount is public commitment, the lending beyond it (coFinance - 1 per guaranteed dollar) private capital mobilized.',
  schema,
  envelopeDraw: {
    what: 'its budget cost (subsidy or provisioning rate x guaranteed amount)',
    fix: 'lower its rate or the amount guaranteed',
  },
  normalize(c, m, p, base) {
    const fees = c.optional(m.fees, [...p, 'fees'], c.zero([...p, 'fees'], 'default: no fees'));
    if (fees.value.high.gt(Dec.ONE))
      c.diags.error('rate-above-one', `${fees.path}: ${M.rateAboveOne('the fee rate')}`, fees.loc, M.feeRateHint);
    const coFinance = c.optional(m.coFinance, [...p, 'coFinance'], c.defaultRatio('coFinance'));
    // Lending backed per guaranteed dollar includes the guaranteed dollar: below 1x (other than none) is a slip.
    if (m.coFinance !== undefined && coFinance.value.low.gt(Dec.ZERO) && coFinance.value.low.lt(Dec.ONE))
      c.diags.error('invalid-value', `${coFinance.path}: ${M.backedBelowGuarantee}`, coFinance.loc, M.backedBelowGuaranteeHint);
    return {
      ...base,
      kind: 'loan-guarantee',
      budget: m.budget ?? 'appropriated',
      events: [],
      conditions: [],
      guarantees: c.perGov(m.guarantees, [...p, 'guarantees']),
      // A provisioned guarantee is scored by its provisioning: a subsidy rate is not needed.
      subsidyRate:
        m.provisioning && m.subsidyRate === undefined
          ? c.zero([...p, 'subsidyRate'], 'default: none (scored by its provisioning)')
          : subsidyOf(c, m.subsidyRate, p, 'a loan guarantee'),
      fees,
      disbursement: c.profile(m.disbursement, [...p, 'disbursement'], c.defDisbursement),
      coFinance,
      ...(m.provisioning ? { provisioning: provisioningOf(c, m.provisioning, [...p, 'provisioning']) } : {}),
    };
  },
  flows<T>(m: GuaranteeMech, f: FlowCtx<T>) {
    const rate = f.fig(m.subsidyRate);
    const fee = f.fig(m.fees);
    // The backed lending less the guaranteed amount itself (already the public commitment): counted once.
    const beyond = f.A.max(f.A.sub(f.fig(m.coFinance), f.A.one), f.A.zero);
    for (const alloc of m.guarantees) {
      const g = f.gi(alloc.gov);
      const amount = f.yearly(alloc);
      f.book(g, 'commitment', amount);
      // Provisioned: the sponsor sets aside rate x amount when it commits, and pays it then.
      const prov = m.provisioning;
      const subsidy = prov ? amount.map((a, y) => f.A.mul(a, f.fig(prov.byYear[y]!))) : f.scale(amount, rate);
      f.budget(g, {
        type: prov ? 'provisioning' : 'creditSubsidy',
        appropriated: m.budget === 'appropriated',
        authority: subsidy,
        outlays: prov ? subsidy : f.spreadOf(subsidy, m.disbursement.shares),
      });
      // What is not set aside stays a contingent liability: reported, never a budget cost.
      if (prov && f.hasBudget(g))
        f.book(
          g,
          'unprovisioned',
          amount.map((a, y) => f.A.sub(a, subsidy[y]!)),
        );
      // Within an envelope of appropriations, a guarantee uses its budget cost, not the amount guaranteed.
      f.draw(g, 'commitment', subsidy);
      f.book(g, 'fee', f.scale(amount, fee));
      f.book(g, 'private', f.scale(amount, beyond));
    }
  },
  rule: (m) =>
    m.provisioning
      ? 'guaranteed amount committed per year; budget cost = provisioning rate x guaranteed amount in the year committed, paid then (a provisioned budget guarantee); the rest of the guaranteed amount is unprovisioned exposure, not a budget cost; fees are offsetting collections; the lending backed is counted once: private capital = (coFinance - 1) x guaranteed amount, the lending beyond the guarantee'
      : 'guaranteed amount committed per year; budget cost = subsidy rate x guaranteed amount in the year committed (federal credit reform; negative when fees exceed expected losses), outlaid as the loans disburse; fees are offsetting collections already inside the subsidy rate; the lending backed is counted once: private capital = (coFinance - 1) x guaranteed amount, the lending beyond the guarantee',
  inputs(m, kinds, gov) {
    const mine = m.guarantees.filter((a) => gov === undefined || a.gov === gov);
    const out: Fig[] = [];
    for (const a of mine) out.push(...allocFigs(a));
    if (kinds.some((k) => k === 'budgetCost' || k === 'outlay'))
      out.push(...(m.provisioning ? m.provisioning.figs : [m.subsidyRate]));
    if (kinds.includes('unprovisioned') && m.provisioning) out.push(...m.provisioning.figs);
    if (kinds.includes('fee')) out.push(m.fees);
    if (kinds.includes('private')) out.push(m.coFinance);
    return uniqueFigs(out);
  },
  assumptions: (m, kinds) =>
    kinds.includes('outlay')
      ? [
          {
            name: `disbursement ${m.disbursement.name}`,
            detail: `shares by year: ${m.disbursement.shares.map(pct).join(', ')}`,
            source: m.disbursement.source,
          },
        ]
      : [],
  settings: (m, fy) => [
    ...allocSettings(`${m.path}.guarantees`, m.guarantees, fy),
    { path: `${m.path}.disbursement`, value: m.disbursement.name, source: m.disbursement.source },
  ],
});

/** The provisioning rate by horizon year: `rate` from the start, each `schedule` entry from its year on. */
function provisioningOf(
  c: Normalizer,
  raw: { rate: ParsedFigure; schedule?: Record<string, ParsedFigure>; source?: string },
  p: Path,
): { byYear: Fig[]; figs: Fig[] } {
  const first = c.fig(raw.rate, [...p, 'rate'], raw.source);
  const figs = [first];
  const byYear: Fig[] = Array.from({ length: c.years }, () => first);
  const changes: [number, Fig][] = [];
  for (const [y, r] of Object.entries(raw.schedule ?? {})) {
    const i = c.yearIndex(y, [...p, 'schedule', y]);
    const fig = c.fig(r, [...p, 'schedule', y], raw.source);
    figs.push(fig);
    if (i !== undefined) changes.push([i, fig]);
  }
  for (const [i, fig] of changes.sort((a, b) => a[0] - b[0])) for (let y = i; y < c.years; y++) byYear[y] = fig;
  return { byYear, figs };
}
