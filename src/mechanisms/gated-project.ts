// gated-project: nothing until a feasibility study concludes; if it passes, commitments
// are spread month by month over a window after it; if not, nothing, or a named fallback
// mechanism runs instead.
import * as z from 'zod';
import { M } from '../core/messages.js';
import type { FlowCtx } from '../kit/flows.js';
import type { Fig, MechBase, Profile } from '../model/scenario.js';
import { figure, obj, once, parts, perGov, sourced } from '../kit/figures.js';
import { defineKind, pct, uniqueFigs } from './kind.js';

/** The YAML the kind accepts (built on first use: kit/figures.ts `once`). */
const schema = once(() => {
  const { budget, commitAmount, common, note, profile, source, currentLaw } = parts();
  return obj({
    ...common,
    kind: z.literal('gated-project'),
    study: obj({
      startMonth: z
        .number()
        .int()
        .min(0)
        .optional()
        .meta({ description: 'Months from the start of the horizon to the study start (default 0)' }),
      months: z.number().int().min(0).meta({ description: 'Length of the feasibility study in months' }),
      passes: z.boolean().optional().meta({ description: 'Whether the study passes in run (default true)' }),
      probability: figure('rate', { atMostOne: true })
        .optional()
        .meta({ description: 'Chance the study passes, for simulation' }),
      source: source.optional(),
      note: note.optional(),
    }).meta({ description: 'The feasibility study nothing is committed before' }),
    window: obj({
      months: z.number().int().positive().meta({ description: 'Months after the study over which commitments are spread' }),
      source: source.optional(),
      note: note.optional(),
    }).meta({ description: 'The commitment window: once the study passes, commitments are spread over these months' }),
    commit: perGov(commitAmount).meta({ description: 'What each government commits if the study passes' }),
    spendOut: profile.optional().meta({ description: 'How commitments are outlaid (default: assumptions.spendOut)' }),
    coFinance: sourced('ratio').optional().meta({ description: 'Private co-finance per public dollar' }),
    fallback: z.string().optional().meta({ description: '"none", or the id of a mechanism that runs only if the study fails' }),
    budget: budget.optional(),
    currentLaw,
  });
});

export interface GatedMech extends MechBase {
  kind: 'gated-project';
  study: { startMonth: number; months: number; source?: string };
  windowMonths: number;
  commits: { gov: string; fig: Fig }[];
  spendOut: Profile;
  coFinance: Fig;
  fallback?: string;
  /** Share of each government's commitment current law already provides. */
  currentLaw: { gov: string; fig: Fig }[];
}

/** Months of the commitment window that fall in each fiscal year (the last slot: after the horizon). */
export function windowWeights(m: GatedMech, N: number): number[] {
  const from = m.study.startMonth + m.study.months;
  const to = from + m.windowMonths;
  const w = new Array<number>(N + 1).fill(0);
  for (let y = 0; y <= N; y++) {
    const a = y * 12;
    const b = y === N ? Number.POSITIVE_INFINITY : a + 12;
    w[y] = Math.max(0, Math.min(b, to) - Math.max(a, from));
  }
  return w;
}

export const gatedProject = defineKind<GatedMech, z.output<ReturnType<typeof schema>>>({
  kind: 'gated-project',
  title: 'Feasibility-gated project',
  mobilization: 'coFinancing',
  description:
    'Nothing until a feasibility study concludes; if it passes, commitments are spread month by month over a window and appropriated as committed; if it fails, nothing, or a named fallback mechanism runs.',
  schema,
  normalize(c, m, p, base) {
    const s = m.study;
    const months = c.years * 12;
    const prob = c.statedOdds(
      c.probability(s.probability, [...p, 'study', 'probability'], s.source, ['60%', '0.6']),
      s.passes,
      [...p, 'study', 'passes'],
      `the ${m.id} feasibility study`,
      ['fails', 'passes'],
    );
    const startMonth = s.startMonth ?? 0;
    const windowEnd = startMonth + s.months + m.window.months;
    // A window past the horizon books the rest after it: worth a warning, not an error.
    if (windowEnd > months)
      c.diags.warn(
        'window-after-horizon',
        M.windowAfterHorizon(m.id, windowEnd - months),
        c.at([...p, 'window', 'months']),
        M.windowAfterHorizonHint,
      );
    if (startMonth + s.months >= months)
      c.diags.error(
        'gate-timing',
        `${c.pathText([...p, 'study'])}: ${M.studyAfterHorizon(startMonth + s.months, months)}`,
        c.at([...p, 'study', 'months']),
        M.studyAfterHint,
      );
    return {
      ...base,
      kind: 'gated-project',
      budget: m.budget ?? 'appropriated',
      events: [
        {
          key: m.id,
          mech: m.id,
          label: `${m.id} feasibility study`,
          swing: `${m.id} feasibility study`,
          words: ['fails', 'passes'],
          holds: s.passes ?? true,
          outcome: c.pathText([...p, 'study', 'passes']),
          probability: prob,
          source: s.source,
          loc: c.at([...p, 'study']),
          decidedMonth: startMonth + s.months,
        },
      ],
      conditions: [{ event: m.id, holds: true }],
      study: { startMonth, months: s.months, source: s.source },
      windowMonths: m.window.months,
      commits: c.commits(m.commit, [...p, 'commit']),
      spendOut: c.profile(m.spendOut, [...p, 'spendOut'], c.defSpendOut),
      coFinance: c.optional(m.coFinance, [...p, 'coFinance'], c.defaultRatio('coFinance')),
      fallback: m.fallback === undefined || m.fallback === 'none' ? undefined : m.fallback,
      currentLaw: c.govShares(m.currentLaw, [...p, 'currentLaw']),
    };
  },
  flows<T>(m: GatedMech, f: FlowCtx<T>) {
    const weights = windowWeights(m, f.N);
    const coFinance = f.fig(m.coFinance);
    for (const cm of m.commits) {
      const g = f.gi(cm.gov);
      const amt = f.splitEvenly(f.fig(cm.fig), weights);
      f.book(g, 'commitment', amt);
      f.budget(g, {
        type: 'appropriation',
        appropriated: m.budget === 'appropriated',
        authority: amt,
        outlays: f.spreadOf(amt, m.spendOut.shares),
      });
      f.spread(g, 'deployed', amt, m.spendOut.shares);
      f.book(g, 'private', f.scale(amt, coFinance));
      const law = m.currentLaw.find((x) => x.gov === cm.gov);
      if (law) f.book(g, 'currentLaw', f.scale(amt, f.fig(law.fig)));
    }
  },
  rule: (m) =>
    `nothing until the ${m.study.months}-month feasibility study ends; then the commitment is spread over the ${m.windowMonths}-month window by months per fiscal year${m.budget === 'appropriated' ? ' and appropriated as committed' : ''}`,
  inputs(m, kinds, gov) {
    const out: Fig[] = [];
    for (const c of m.commits) if (gov === undefined || c.gov === gov) out.push(c.fig);
    if (kinds.includes('private')) out.push(m.coFinance);
    if (kinds.includes('currentLaw')) for (const x of m.currentLaw) if (gov === undefined || x.gov === gov) out.push(x.fig);
    return uniqueFigs(out);
  },
  assumptions(m, kinds) {
    const out = [];
    if (kinds.some((k) => k === 'outlay' || k === 'deployed'))
      out.push({
        name: `spend-out ${m.spendOut.name}`,
        detail: `shares by year: ${m.spendOut.shares.map(pct).join(', ')}`,
        source: m.spendOut.source,
      });
    const e = m.events[0]!;
    out.push({
      name: 'feasibility study',
      detail: `${m.study.months} months from month ${m.study.startMonth}; ${e.holds ? 'passes' : 'fails'} as written`,
      source: m.study.source,
    });
    return out;
  },
  settings: (m) => {
    const e = m.events[0]!;
    return [
      { path: `${m.path}.study.passes`, value: String(e.holds), source: m.study.source, loc: e.loc },
      {
        path: `${m.path}.study.timing`,
        value: `months ${m.study.startMonth}-${m.study.startMonth + m.study.months}`,
        source: m.study.source,
        loc: e.loc,
      },
      { path: `${m.path}.window.months`, value: String(m.windowMonths) },
      { path: `${m.path}.spendOut`, value: m.spendOut.name, source: m.spendOut.source },
      { path: `${m.path}.fallback`, value: m.fallback ?? 'none' },
    ];
  },
});
