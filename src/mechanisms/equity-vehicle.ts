// equity-vehicle: investments per year; distributions come back as a multiple of each
// year's investment after a lag; private co-investment alongside. The plan's convention
// may leave equity unappropriated; the federal basis scores the purchase when made.
import * as z from 'zod';
import type { FlowCtx } from '../kit/flows.js';
import type { Alloc, Fig, MechBase } from '../model/scenario.js';
import { obj, once, parts, perGov, sourced } from '../kit/figures.js';
import { allocFigs, allocSettings, defineKind, uniqueFigs } from './kind.js';

/** The YAML the kind accepts (built on first use: kit/figures.ts `once`). */
const schema = once(() => {
  const { allocation, budget, common, distributions } = parts();
  return obj({
    ...common,
    kind: z.literal('equity-vehicle'),
    investments: perGov(allocation).meta({ description: 'Equity each government invests, per year or in total' }),
    distributions: distributions
      .optional()
      .meta({ description: 'Money coming back: a multiple of each investment, after a lag, over some years' }),
    coInvest: sourced('ratio').optional().meta({ description: 'Private co-investment per public dollar' }),
    budget: budget.optional(),
  });
});

export interface EquityMech extends MechBase {
  kind: 'equity-vehicle';
  investments: Alloc[];
  distributions?: { multiple: Fig; lag: number; over: number; source?: string };
  coInvest: Fig;
}

export const equityVehicle = defineKind<EquityMech, z.output<ReturnType<typeof schema>>>({
  kind: 'equity-vehicle',
  title: 'Equity vehicle',
  mobilization: 'direct',
  description:
    'Investments per year, with distributions back after a lag. Not appropriated by default (the plan may say so); on the federal basis the purchase is budget authority and an outlay when made, and distributions are offsetting receipts.',
  schema,
  normalize(c, m, p, base) {
    const d = m.distributions ?? c.assumptions.distributions;
    const dp = m.distributions ? [...p, 'distributions'] : ['assumptions', 'distributions'];
    return {
      ...base,
      kind: 'equity-vehicle',
      budget: m.budget ?? 'none',
      events: [],
      conditions: [],
      investments: c.perGov(m.investments, [...p, 'investments']),
      distributions: d
        ? { multiple: c.fig(d.multiple, [...dp, 'multiple']), lag: d.lag, over: d.over, source: d.source }
        : undefined,
      coInvest: c.optional(m.coInvest, [...p, 'coInvest'], c.defaultRatio('coInvest')),
    };
  },
  flows<T>(m: EquityMech, f: FlowCtx<T>) {
    const { A } = f;
    for (const alloc of m.investments) {
      const g = f.gi(alloc.gov);
      const inv = f.yearly(alloc);
      f.book(g, 'commitment', inv);
      f.book(g, 'deployed', inv);
      f.book(g, 'private', f.scale(inv, f.fig(m.coInvest)));
      // Each year's investment returns `multiple` times itself, evenly over `over` years after `lag`.
      const back: T[] = [];
      const d = m.distributions;
      if (d) {
        const multiple = f.fig(d.multiple);
        inv.forEach((x, y) => {
          if (A.isZero(x)) return;
          f.splitEvenly(A.mul(x, multiple), new Array<number>(d.over).fill(1)).forEach((p, j) => {
            const at = y + d.lag + j;
            while (back.length <= at) back.push(A.zero);
            back[at] = A.add(back[at]!, p);
          });
        });
        f.book(g, 'distribution', back);
      }
      f.budget(g, {
        type: 'equityPurchase',
        appropriated: m.budget === 'appropriated',
        authority: inv,
        outlays: inv,
        receipts: back,
      });
    }
  },
  rule: (m, kinds) =>
    m.budget === 'none' && kinds.includes('budgetCost')
      ? "equity is not appropriated by the plan's convention: no budget cost on the as-published basis; on the federal basis the investment is budget authority when made"
      : "investments per year; distributions return a multiple of each year's investment after a lag",
  inputs(m, kinds, gov) {
    const out: Fig[] = [];
    for (const a of m.investments) if (gov === undefined || a.gov === gov) out.push(...allocFigs(a));
    if (kinds.includes('private')) out.push(m.coInvest);
    if ((kinds.includes('distribution') || kinds.includes('receipt')) && m.distributions) out.push(m.distributions.multiple);
    return uniqueFigs(out);
  },
  assumptions: (m, kinds) =>
    (kinds.includes('distribution') || kinds.includes('receipt')) && m.distributions
      ? [
          {
            name: 'distributions',
            detail: `from ${m.distributions.lag} years after each investment, over ${m.distributions.over} years`,
            source: m.distributions.source,
          },
        ]
      : [],
  settings: (m, fy) => [
    ...allocSettings(`${m.path}.investments`, m.investments, fy),
    ...(m.distributions
      ? [
          {
            path: `${m.path}.distributions.timing`,
            value: `after ${m.distributions.lag} years, over ${m.distributions.over}`,
            source: m.distributions.source,
          },
        ]
      : []),
  ],
});
