// grant-program: appropriations (budget authority) per year, outlaid over a spend-out
// profile; programs are sub-allocations that draw on the envelope, each with its own
// follow-on ratio (private follow-on funding attributed to grants). A grant may also be
// matched by private money committed alongside it (`coFinance`, OECD "simple
// co-financing"): that is private capital mobilized, not follow-on.
import * as z from 'zod';
import { type Diagnostic, type Loc } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Dec, displayMillions, Exact } from '../core/money.js';
import { type Case, casePicker, type FlowCtx, yearly } from '../kit/flows.js';
import { type Alloc, type Fig, type Horizon, type MechBase, type Profile, yearName } from '../model/scenario.js';
import { itemId, obj, once, parts, perGov, removeItem, sourced } from '../kit/figures.js';
import { allocFigs, allocSettings, defineKind, pct, uniqueFigs } from './kind.js';

/** The YAML the kind accepts (built on first use: kit/figures.ts `once`). */
const schema = once(() => {
  const { allocation, budget, common, note, profile, source, currentLaw } = parts();
  const program = obj({
    id: itemId('program'),
    label: z.string().optional().meta({ description: "The program's name in tables" }),
    amount: perGov(allocation).meta({ description: 'What the program draws from the envelope, per government' }),
    followOn: sourced('ratio').optional().meta({ description: 'Private follow-on funding per program dollar (e.g. 25x)' }),
    source: source.optional(),
    note: note.optional(),
    remove: removeItem('program').optional(),
  });

  return obj({
    ...common,
    kind: z.literal('grant-program'),
    appropriations: perGov(allocation).meta({
      description: 'Budget authority per government: what each appropriates to the program, per year or in total',
    }),
    spendOut: profile
      .optional()
      .meta({ description: 'How appropriations are outlaid over the years (default: assumptions.spendOut)' }),
    followOn: sourced('ratio').optional().meta({ description: 'Private follow-on per grant dollar outside the programs' }),
    coFinance: sourced('ratio').optional().meta({
      description:
        'Private matching money committed alongside each grant dollar (OECD simple co-financing), counted as private capital mobilized',
    }),
    programs: z.array(program).optional().meta({ description: 'Sub-allocations that draw on the envelope' }),
    budget: budget.optional(),
    currentLaw,
  });
});

export interface Program {
  id: string;
  label: string;
  amounts: Alloc[];
  followOn: Fig;
  source?: string;
  loc: Loc;
}

export interface GrantMech extends MechBase {
  kind: 'grant-program';
  appropriations: Alloc[];
  spendOut: Profile;
  followOn: Fig;
  /** Private matching per grant dollar (simple co-financing): private capital, unlike follow-on. */
  coFinance?: Fig;
  programs: Program[];
  /** Share of each government's appropriations current law already provides. */
  currentLaw: { gov: string; fig: Fig }[];
}

const CASES: Case[] = ['base', 'low', 'high'];

export const grantProgram = defineKind<GrantMech, z.output<ReturnType<typeof schema>>>({
  kind: 'grant-program',
  title: 'Grant program',
  mobilization: 'coFinancing',
  description:
    'Appropriations per year, outlaid over a spend-out profile; budget cost = the appropriation in the year appropriated. Programs draw on the envelope; grant follow-on is reported apart from mobilization; private matching (`coFinance`) is private capital mobilized (simple co-financing).',
  schema,
  normalize(c, m, p, base) {
    const programIds = new Set<string>();
    const programs: Program[] = (m.programs ?? []).map((pr, j) => {
      const pp = [...p, 'programs', j];
      if (programIds.has(pr.id))
        c.diags.error('duplicate-id', M.duplicateId('program', pr.id), c.at([...pp, 'id']), M.duplicateIdHint);
      programIds.add(pr.id);
      return {
        id: pr.id,
        label: pr.label ?? pr.id,
        source: pr.source,
        loc: c.at(pp),
        amounts: c.perGov(pr.amount, [...pp, 'amount']),
        followOn: c.optional(pr.followOn, [...pp, 'followOn'], c.defaultRatio('followOn')),
      };
    });
    return {
      ...base,
      kind: 'grant-program',
      budget: m.budget ?? 'appropriated',
      events: [],
      conditions: [],
      appropriations: c.perGov(m.appropriations, [...p, 'appropriations']),
      spendOut: c.profile(m.spendOut, [...p, 'spendOut'], c.defSpendOut),
      followOn: c.optional(m.followOn, [...p, 'followOn'], c.defaultRatio('followOn')),
      // Not the scenario's default coFinance (written for credit): a grant is matched only when it says so.
      ...(m.coFinance !== undefined ? { coFinance: c.fig(m.coFinance, [...p, 'coFinance']) } : {}),
      programs,
      currentLaw: c.govShares(m.currentLaw, [...p, 'currentLaw']),
    };
  },
  flows<T>(m: GrantMech, f: FlowCtx<T>) {
    const { A } = f;
    for (const alloc of m.appropriations) {
      const g = f.gi(alloc.gov);
      const a = f.yearly(alloc);
      f.book(g, 'commitment', a);
      f.budget(g, {
        type: 'appropriation',
        appropriated: m.budget === 'appropriated',
        authority: a,
        outlays: f.spreadOf(a, m.spendOut.shares),
      });
      f.spread(g, 'deployed', a, m.spendOut.shares);
      if (m.coFinance) f.book(g, 'private', f.scale(a, f.fig(m.coFinance)));
      const law = m.currentLaw.find((x) => x.gov === alloc.gov);
      if (law) f.book(g, 'currentLaw', f.scale(a, f.fig(law.fig)));
      // Follow-on private funding: programs at their own ratio, the rest of the envelope at the mechanism's.
      let rest = a;
      for (const p of m.programs) {
        const pa = p.amounts.find((x) => x.gov === alloc.gov);
        if (!pa) continue;
        const amounts = f.yearly(pa);
        f.book(g, 'followOn', f.scale(amounts, f.fig(p.followOn)));
        rest = rest.map((r, y) => A.sub(r, amounts[y]!));
      }
      const ratio = f.fig(m.followOn);
      f.book(
        g,
        'followOn',
        rest.map((r) => A.mul(A.max(r, A.zero), ratio)),
      );
    }
  },
  rule: (m, kinds) =>
    m.budget === 'none' && kinds.includes('budgetCost')
      ? 'marked not appropriated (budget: none): no budget cost on the as-published basis; an appropriation on the federal basis'
      : `appropriations per year; budget cost = the appropriation, in the year appropriated; outlays follow the spend-out profile${m.coFinance && kinds.includes('private') ? '; private matching = coFinance x the appropriation, in the year appropriated (simple co-financing)' : ''}`,
  inputs(m, kinds, gov) {
    const out: Fig[] = [];
    for (const a of m.appropriations) if (gov === undefined || a.gov === gov) out.push(...allocFigs(a));
    if (kinds.includes('private') && m.coFinance) out.push(m.coFinance);
    if (kinds.includes('currentLaw')) for (const x of m.currentLaw) if (gov === undefined || x.gov === gov) out.push(x.fig);
    if (kinds.includes('followOn')) {
      for (const p of m.programs) {
        for (const a of p.amounts) if (gov === undefined || a.gov === gov) out.push(...allocFigs(a));
        out.push(p.followOn);
      }
      out.push(m.followOn);
    }
    return uniqueFigs(out);
  },
  assumptions: (m, kinds) =>
    kinds.some((k) => k === 'outlay' || k === 'deployed')
      ? [
          {
            name: `spend-out ${m.spendOut.name}`,
            detail: `shares by year: ${m.spendOut.shares.map(pct).join(', ')}`,
            source: m.spendOut.source,
          },
        ]
      : [],
  settings: (m, fy) => [
    ...allocSettings(`${m.path}.appropriations`, m.appropriations, fy),
    { path: `${m.path}.spendOut`, value: m.spendOut.name, source: m.spendOut.source },
    ...m.programs.flatMap((pr) => allocSettings(`${m.path}.programs[${pr.id}].amount`, pr.amounts, fy)),
  ],
  rules(m, s) {
    return envelopes(
      m,
      s.governments.map((x) => x.code),
      s.horizon.years,
      s.horizon,
      s.currency,
    );
  },
});

/**
 * program-overrun: the programs of a grant mechanism, summed per government and year, fit
 * inside its appropriations. One diagnostic per government, at the program whose amount
 * tips the sum over in the first year of overrun; the first case (base, low, high) that
 * overruns is reported.
 */
function envelopes(m: GrantMech, govs: string[], N: number, h: Horizon, cur: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (m.programs.length === 0) return out;
  for (const g of govs) {
    const progs = m.programs.flatMap((p) => {
      const a = p.amounts.find((x) => x.gov === g);
      return a ? [{ p, a }] : [];
    });
    if (progs.length === 0) continue;
    for (const c of CASES) {
      const pick = casePicker(Exact, c);
      const env = m.appropriations
        .filter((a) => a.gov === g)
        .map((a) => yearly(a, Exact, N, pick))
        .reduce((acc, ys) => acc.map((v, y) => v.plus(ys[y]!)), new Array<Dec>(N).fill(Dec.ZERO));
      const amounts = progs.map(({ p, a }) => ({ p, a, ys: yearly(a, Exact, N, pick) }));
      const overYears: number[] = [];
      for (let y = 0; y < N; y++) {
        const drawn = amounts.reduce((acc, x) => acc.plus(x.ys[y]!), Dec.ZERO);
        if (drawn.gt(env[y]!)) overYears.push(y);
      }
      if (overYears.length === 0) continue;
      const y0 = overYears[0]!;
      let run = Dec.ZERO;
      let culprit = amounts[amounts.length - 1]!;
      for (const x of amounts) {
        run = run.plus(x.ys[y0]!);
        if (run.gt(env[y0]!)) {
          culprit = x;
          break;
        }
      }
      const total = amounts.reduce((acc, x) => acc.plus(x.ys[y0]!), Dec.ZERO);
      out.push({
        severity: 'error',
        category: 'rule',
        code: 'program-overrun',
        message: M.envelopeOverrun(
          culprit.p.id,
          m.id,
          g,
          displayMillions(total, 'exact'),
          displayMillions(env[y0]!, 'exact'),
          yearName(h, y0),
          yearRuns(overYears, h),
          c,
          cur,
        ),
        loc: culprit.a.loc,
        hint: M.envelopeOverrunHint(m.id),
      });
      break;
    }
  }
  return out;
}

/** "FY2027-FY2029, FY2031" from year indices. */
export function yearRuns(ys: number[], h: Pick<Horizon, 'start' | 'calendar'>): string {
  const runs: string[] = [];
  for (let i = 0; i < ys.length;) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j]! + 1) j++;
    runs.push(i === j ? yearName(h, ys[i]!) : `${yearName(h, ys[i]!)}-${yearName(h, ys[j]!)}`);
    i = j + 1;
  }
  return runs.join(', ');
}
