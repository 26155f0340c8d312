// tax-credit: a credit at `rate` on qualified private investment, per sponsor whose
// revenue it reduces, claimed `lag` years after the investment. Its cost is revenue
// forgone (a tax expenditure) on its own line, never budget authority or outlays, and the
// same on every scoring basis; no public money is committed. The qualified investment is
// private capital mobilized, counted once (the credit is part of what the investor puts in).
import * as z from 'zod';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { FlowCtx } from '../kit/flows.js';
import type { Alloc, Fig, MechBase } from '../model/scenario.js';
import { obj, once, parts, perGov, sourced } from '../kit/figures.js';
import { allocFigs, allocSettings, defineKind, uniqueFigs } from './kind.js';

/** The YAML the kind accepts (built on first use: kit/figures.ts `once`). */
const schema = once(() => {
  const { allocation, common } = parts();
  return obj({
    ...common,
    kind: z.literal('tax-credit'),
    rate: sourced('rate', { atMostOne: true }).meta({
      description: 'The credit as a share of qualified investment (e.g. 25%)',
    }),
    investment: perGov(allocation).meta({
      description:
        'Qualified private investment per sponsor whose revenue the credit reduces, per year or in total (written like appropriations)',
    }),
    lag: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'Years from the investment to the year the credit is claimed (default 0: the same year)' }),
  });
});

export interface TaxCreditMech extends MechBase {
  kind: 'tax-credit';
  rate: Fig;
  investment: Alloc[];
  lag: number;
}

export const taxCredit = defineKind<TaxCreditMech, z.output<ReturnType<typeof schema>>>({
  kind: 'tax-credit',
  title: 'Tax credit',
  // A tax incentive is not one of the OECD DAC instruments: its investment is private
  // capital in the headline, in no instrument row.
  mobilization: 'none',
  description:
    'A credit at `rate` on qualified private investment, claimed `lag` years after it. Its cost is a revenue loss (a tax expenditure, metric revenueLoss) on its own line, the same on every basis, not budget authority or outlays; no public money is committed. The qualified investment counts once, as private capital mobilized.',
  schema,
  normalize(c, m, p, base) {
    const rate = c.fig(m.rate, [...p, 'rate']);
    if (rate.value.high.gt(Dec.ONE))
      c.diags.error('rate-above-one', `${rate.path}: ${M.rateAboveOne('the credit rate')}`, rate.loc, M.creditRateHint);
    return {
      ...base,
      kind: 'tax-credit',
      // A revenue loss is not appropriated: the plan's `budget:` convention does not apply.
      budget: 'none',
      events: [],
      conditions: [],
      rate,
      investment: c.perGov(m.investment, [...p, 'investment']),
      lag: m.lag ?? 0,
    };
  },
  flows<T>(m: TaxCreditMech, f: FlowCtx<T>) {
    const rate = f.fig(m.rate);
    const lagged = new Array<T>(m.lag).fill(f.A.zero);
    for (const alloc of m.investment) {
      const g = f.gi(alloc.gov);
      const inv = f.yearly(alloc);
      f.book(g, 'private', inv);
      // Claimed `lag` years after the investment; claims past the horizon land after it.
      if (f.hasBudget(g)) f.book(g, 'revenueLoss', [...lagged, ...f.scale(inv, rate)]);
    }
  },
  rule: (m, kinds) =>
    kinds.includes('revenueLoss')
      ? `revenue loss = credit rate x qualified investment, in the year claimed (${m.lag === 0 ? 'the year invested' : `${m.lag} year${m.lag === 1 ? '' : 's'} after the investment`}); a tax expenditure on its own line, the same on every scoring basis, not budget authority or outlays`
      : 'qualified private investment per year: private capital mobilized, counted once; no public money is committed (the credit is revenue forgone)',
  inputs(m, kinds, gov) {
    const out: Fig[] = [];
    for (const a of m.investment) if (gov === undefined || a.gov === gov) out.push(...allocFigs(a));
    if (kinds.includes('revenueLoss')) out.push(m.rate);
    return uniqueFigs(out);
  },
  assumptions: () => [],
  settings: (m, fy) => [
    ...allocSettings(`${m.path}.investment`, m.investment, fy),
    { path: `${m.path}.lag`, value: `${m.lag} year${m.lag === 1 ? '' : 's'}` },
  ],
});
