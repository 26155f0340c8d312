// lp-fund-waves: anchor LP commitments per wave (a wave may be gated: it launches only if
// its gate holds); capital calls and distributions follow a Takahashi-Alexander drawdown
// curve; private LPs commit alongside at a crowd-in ratio.
import * as z from 'zod';
import type { Loc } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import type { FlowCtx } from '../kit/flows.js';
import type { Drawdown, Event, Fig, MechBase } from '../model/scenario.js';
import { itemId, obj, once, parts, perGov, removeItem, sourced } from '../kit/figures.js';
import { defineKind, pct, uniqueFigs } from './kind.js';

/** The YAML the kind accepts (built on first use: kit/figures.ts `once`). */
const schema = once(() => {
  const { budget, commitAmount, common, drawdown, gate, note, source, year } = parts();
  const wave = obj({
    id: itemId('wave'),
    label: z.string().optional().meta({ description: "The wave's name in tables" }),
    year: year.meta({ description: 'The year the wave is committed: FY2032, 2032 or a year number of the horizon' }),
    commit: perGov(commitAmount).meta({ description: 'Anchor LP commitment per government' }),
    gate: gate.optional().meta({ description: 'A condition the wave launches on' }),
    crowdIn: sourced('ratio').optional().meta({ description: 'Private LP commitments per public anchor dollar in this wave' }),
    source: source.optional(),
    note: note.optional(),
    remove: removeItem('wave').optional(),
  });

  return obj({
    ...common,
    kind: z.literal('lp-fund-waves'),
    waves: z.array(wave).min(1).meta({ description: 'Fund waves in the order they launch' }),
    drawdown: drawdown.optional(),
    crowdIn: sourced('ratio').optional().meta({ description: 'Private LP commitments per public anchor dollar' }),
    budget: budget.optional(),
  });
});

export interface Wave {
  id: string;
  label: string;
  /** 0-based index of the year the wave is committed. */
  year: number;
  commits: { gov: string; fig: Fig }[];
  /** Its gate, when it has one. */
  gate?: Event;
  gateLabel?: string;
  crowdIn: Fig;
  loc: Loc;
}

export interface LpMech extends MechBase {
  kind: 'lp-fund-waves';
  waves: Wave[];
  drawdown: Drawdown;
}

export const lpFundWaves = defineKind<LpMech, z.output<ReturnType<typeof schema>>>({
  kind: 'lp-fund-waves',
  title: 'LP fund waves',
  mobilization: 'funds',
  description:
    'Anchor LP commitments per wave, a wave possibly gated; capital calls follow a Takahashi-Alexander drawdown curve; private LPs commit alongside at a crowd-in ratio. Not appropriated by default; on the federal basis the commitment is budget authority when signed, calls are outlays, distributions offsetting receipts.',
  schema,
  normalize(c, m, p, base) {
    const crowd = c.optional(m.crowdIn, [...p, 'crowdIn'], c.defaultRatio('crowdIn'));
    const waveIds = new Set<string>();
    const waves: Wave[] = [];
    const events: Event[] = [];
    m.waves.forEach((w, j) => {
      const wp = [...p, 'waves', j];
      if (waveIds.has(w.id)) c.diags.error('duplicate-id', M.duplicateId('wave', w.id), c.at([...wp, 'id']), M.duplicateIdHint);
      waveIds.add(w.id);
      const y = c.yearIndex(w.year, [...wp, 'year']);
      let ev: Event | undefined;
      if (w.gate) {
        const label = w.gate.label ?? 'gate';
        ev = {
          key: `${m.id}/${w.id}`,
          mech: m.id,
          label: `${m.id} ${w.id}: ${label}`,
          swing: `${m.id} ${w.id} gate`,
          words: ['fails', 'holds'],
          holds: w.gate.holds ?? true,
          outcome: c.pathText([...wp, 'gate', 'holds']),
          probability: c.statedOdds(
            c.probability(w.gate.probability, [...wp, 'gate', 'probability'], w.gate.source, ['80%', '0.8']),
            w.gate.holds,
            [...wp, 'gate', 'holds'],
            `the ${m.id} ${w.id} gate`,
            ['fails', 'holds'],
          ),
          source: w.gate.source,
          loc: c.at([...wp, 'gate']),
          ...(y !== undefined ? { decidedMonth: y * 12 } : {}),
        };
        events.push(ev);
      }
      if (y === undefined) return;
      waves.push({
        id: w.id,
        label: w.label ?? w.id,
        year: y,
        loc: c.at(wp),
        gate: ev,
        gateLabel: w.gate?.label ?? (w.gate ? 'gate' : undefined),
        commits: c.commits(w.commit, [...wp, 'commit'], w.source),
        crowdIn: c.optional(w.crowdIn, [...wp, 'crowdIn'], crowd),
      });
    });
    for (let j = 1; j < waves.length; j++)
      if (waves[j]!.year < waves[j - 1]!.year)
        c.diags.error(
          'wave-order',
          `${c.pathText([...p, 'waves', j])}: ${M.waveOrder(waves[j]!.id, c.start + waves[j]!.year, c.prefix)}`,
          waves[j]!.loc,
          M.waveOrderHint,
          'rule',
        );
    return {
      ...base,
      kind: 'lp-fund-waves',
      budget: m.budget ?? 'none',
      events,
      conditions: [],
      waves,
      drawdown: c.drawdown(m.drawdown, [...p, 'drawdown'], c.defDrawdown),
    };
  },
  flows<T>(m: LpMech, f: FlowCtx<T>) {
    const { A } = f;
    const dd = m.drawdown;
    const rates = dd.rates.map((r) => A.lift(r));
    const growth = A.add(A.one, f.fig(dd.growth));
    const life = A.int(dd.life);
    const bow = A.lift(dd.bow);
    // Takahashi and Alexander (2002), "Illiquid Alternative Asset Fund Modeling", Journal of
    // Portfolio Management 28(2): with t = 1, 2, ... the fund's year (t = age + 1: the year of
    // commitment is t = 1),
    //   C_t = RC_t x (commitment - paid-in_{t-1})        contributions (calls)
    //   D_t = RD_t x NAV_{t-1} x (1 + G)                  distributions
    //   NAV_t = NAV_{t-1} x (1 + G) + C_t - D_t,  RD_t = (t / L)^B, capped at 1.
    // So in year t = L (age L - 1) the grown NAV is paid out; the call of that year comes back
    // the year after (RD capped at 1), and no call follows. The model is linear in the
    // commitment, so the curves are worked out once for $1 and scaled.
    const callPerDollar: T[] = [];
    const distPerDollar: T[] = [];
    let paid = A.zero;
    let nav = A.zero;
    for (let age = 0; age <= dd.life; age++) {
      const call = age < dd.life ? A.mul(rates[Math.min(age, rates.length - 1)]!, A.sub(A.one, paid)) : A.zero;
      paid = A.add(paid, call);
      const grown = A.mul(nav, growth);
      const rd = A.min(A.one, A.pow(A.div(A.int(age + 1), life), bow));
      const dist = A.mul(rd, grown);
      nav = A.add(A.sub(grown, dist), call);
      callPerDollar.push(call);
      distPerDollar.push(dist);
    }
    for (const w of m.waves) {
      if (w.gate && !f.event(w.gate.key)) continue;
      const crowd = f.fig(w.crowdIn);
      for (const cm of w.commits) {
        const g = f.gi(cm.gov);
        const C = f.fig(cm.fig);
        f.add(g, 'commitment', w.year, C);
        f.add(g, 'private', w.year, A.mul(C, crowd));
        const authority: T[] = [];
        authority[w.year] = C;
        const calls: T[] = [];
        const back: T[] = [];
        for (let age = 0; age <= dd.life; age++) {
          const call = A.mul(C, callPerDollar[age]!);
          const dist = A.mul(C, distPerDollar[age]!);
          calls[w.year + age] = call;
          back[w.year + age] = dist;
          f.add(g, 'deployed', w.year + age, call);
          f.add(g, 'distribution', w.year + age, dist);
        }
        f.budget(g, {
          type: 'fundCommitment',
          appropriated: m.budget === 'appropriated',
          authority: dense(A, authority),
          outlays: dense(A, calls),
          receipts: dense(A, back),
        });
      }
    }
  },
  rule: (m, kinds) =>
    m.budget === 'none' && kinds.includes('budgetCost')
      ? "LP commitments are not appropriated by the plan's convention: no budget cost on the as-published basis; on the federal basis the commitment is budget authority when signed"
      : "anchor commitments per wave in the wave's year; capital calls follow the drawdown curve; private LPs commit alongside at the crowd-in ratio",
  inputs(m, kinds, gov) {
    const out: Fig[] = [];
    for (const w of m.waves) {
      for (const c of w.commits) if (gov === undefined || c.gov === gov) out.push(c.fig);
      if (kinds.includes('private')) out.push(w.crowdIn);
    }
    if (kinds.some((k) => k === 'deployed' || k === 'outlay' || k === 'distribution' || k === 'receipt'))
      out.push(m.drawdown.growth);
    return uniqueFigs(out);
  },
  assumptions(m, kinds) {
    const out = [];
    if (kinds.some((k) => k === 'deployed' || k === 'outlay' || k === 'distribution' || k === 'receipt'))
      out.push({
        name: `drawdown ${m.drawdown.name}`,
        detail: `contribution rates ${m.drawdown.rates.map(pct).join(', ')}; bow ${m.drawdown.bow.toPlain()}; life ${m.drawdown.life} years`,
        source: m.drawdown.source,
      });
    for (const w of m.waves)
      out.push({
        name: `wave ${w.id}`,
        detail: `committed in year ${w.year + 1}${w.gate ? `; gate "${w.gateLabel}" ${w.gate.holds ? 'holds' : 'fails'} as written` : ''}`,
        source: w.gate?.source,
      });
    return out;
  },
  settings: (m, fy) => [
    { path: `${m.path}.drawdown`, value: m.drawdown.name, source: m.drawdown.source },
    ...m.waves.flatMap((w) => [
      { path: `${m.path}.waves[${w.id}].year`, value: fy(w.year), loc: w.loc },
      ...(w.gate
        ? [{ path: `${m.path}.waves[${w.id}].gate.holds`, value: String(w.gate.holds), source: w.gate.source, loc: w.gate.loc }]
        : []),
    ]),
  ],
});

/** A sparse array (holes where nothing was set) as a dense one, zero-filled. */
function dense<T>(A: { zero: T }, xs: T[]): T[] {
  return Array.from({ length: xs.length }, (_, i) => xs[i] ?? A.zero);
}
