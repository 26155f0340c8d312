// `explain`: takes a metric path apart into the ledger flows that make it up (by
// mechanism and year), the rules and assumptions that produced them, and the input
// figures (with their citations) that feed each mechanism.
import { Dec } from '../core/money.js';
import type { FlowKind } from '../compute/ledger.js';
import { isActive } from '../compute/engine.js';
import type { Alloc, Fig, Mech, Scenario } from '../normalize/types.js';
import type { Measure } from './metrics.js';
import { metricFlows } from './metrics.js';
import { parseMetricPath, type MetricRef, type MoneyMetric } from './paths.js';

export interface ExplainMech {
  id: string;
  label: string;
  kind: Mech['kind'];
  total: Dec;
  /** Amount per year slot (index N = after the horizon); only slots the metric covers. */
  byYear: Dec[];
  rule: string;
  assumptions: { name: string; detail: string; source?: string }[];
  inputs: Fig[];
}

export interface ExplainPart {
  label: string;
  metric: MoneyMetric;
  scope: string;
  mech?: string;
  /** Year slots summed (0..N-1 for the horizon, [N] for after, [y] for one year). */
  slots: number[];
  flows: [FlowKind, 1 | -1][];
  total: Dec;
  mechanisms: ExplainMech[];
  /** Mechanisms in scope with nothing in this part, and why. */
  silent: { id: string; why: string }[];
}

export interface Explanation {
  path: string;
  ref: MetricRef;
  value: Dec | boolean | null;
  /** How the value is formed from the parts, in words. */
  formula: string;
  parts: ExplainPart[];
  /** Other figures the value depends on (the floor, the target). */
  extraInputs: Fig[];
}

const allocFigs = (a: Alloc): Fig[] => (a.mode === 'byYear' ? a.byYear.filter((f): f is Fig => f !== undefined) : [a.fig]);

/** Input figures that feed `kinds` of mechanism `m` for government `gov` (undefined: all). */
export function mechInputs(m: Mech, kinds: FlowKind[], gov?: string): Fig[] {
  const has = (...k: FlowKind[]) => k.some((x) => kinds.includes(x));
  const forGov = <T extends { gov: string }>(xs: T[]) => xs.filter((x) => gov === undefined || x.gov === gov);
  const out: Fig[] = [];
  switch (m.kind) {
    case 'grant-program':
      for (const a of forGov(m.appropriations)) out.push(...allocFigs(a));
      if (has('followOn')) {
        for (const p of m.programs) {
          for (const a of forGov(p.amounts)) out.push(...allocFigs(a));
          out.push(p.followOn);
        }
        out.push(m.followOn);
      }
      break;
    case 'equity-vehicle':
      for (const a of forGov(m.investments)) out.push(...allocFigs(a));
      if (has('private')) out.push(m.coInvest);
      if (has('distribution') && m.distributions) out.push(m.distributions.multiple);
      break;
    case 'credit-facility': {
      const main = has('commitment', 'deployed', 'budgetCost', 'outlay', 'private');
      if (main) for (const a of forGov(m.obligations)) out.push(...allocFigs(a));
      if (has('budgetCost', 'outlay') && m.budget === 'appropriated' && forGov(m.obligations).length) out.push(m.subsidyRate);
      if (has('private')) out.push(m.coFinance);
      for (const x of m.match)
        if (
          (gov === undefined || x.alloc.gov === gov) &&
          (has('commitment', 'deployed') || (x.budget === 'appropriated' && has('budgetCost', 'outlay')))
        )
          out.push(...allocFigs(x.alloc));
      break;
    }
    case 'lp-fund-waves':
      for (const w of m.waves) {
        for (const c of w.commits) if (gov === undefined || c.gov === gov) out.push(c.fig);
        if (has('private')) out.push(w.crowdIn);
      }
      if (has('deployed', 'outlay', 'distribution')) out.push(m.drawdown.growth);
      break;
    case 'gated-project':
      for (const c of m.commits) if (gov === undefined || c.gov === gov) out.push(c.fig);
      if (has('private')) out.push(m.coFinance);
      break;
  }
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

const pct = (d: Dec) => `${d.times(100).toPlain(2)}%`;

/** How a mechanism's flows of `kinds` are formed: the rule, in words. */
export function mechRule(m: Mech, kinds: FlowKind[]): string {
  const noBudget = m.budget === 'none' && kinds.includes('budgetCost');
  switch (m.kind) {
    case 'grant-program':
      return noBudget
        ? 'not appropriated: no budget cost'
        : 'appropriations per year; budget cost = the appropriation, in the year appropriated; outlays follow the spend-out profile';
    case 'equity-vehicle':
      return noBudget
        ? "equity is not appropriated (the Compact's convention): no budget cost"
        : "investments per year; distributions return a multiple of each year's investment after a lag";
    case 'credit-facility':
      return "loan face value obligated per year; budget cost = subsidy rate x face value in the year of obligation (federal credit reform); a partner's match is its own flow (its full amount when appropriated)";
    case 'lp-fund-waves':
      return noBudget
        ? 'LP commitments are not appropriated: no budget cost'
        : "anchor commitments per wave in the wave's year; capital calls follow the drawdown curve; private LPs commit alongside at the crowd-in ratio";
    case 'gated-project':
      return `nothing until the ${m.study.months}-month feasibility study ends; then the commitment is spread over the ${m.windowMonths}-month window by months per fiscal year${m.budget === 'appropriated' ? ' and appropriated as committed' : ''}`;
  }
}

/** Named assumptions (profiles, curves, gates) a mechanism's flows of `kinds` used. */
export function mechAssumptions(m: Mech, kinds: FlowKind[]): ExplainMech['assumptions'] {
  const has = (...k: FlowKind[]) => k.some((x) => kinds.includes(x));
  const out: ExplainMech['assumptions'] = [];
  const profile = (what: string, p: { name: string; shares: Dec[]; source?: string }) =>
    out.push({ name: `${what} ${p.name}`, detail: `shares by year: ${p.shares.map(pct).join(', ')}`, source: p.source });
  if (m.kind === 'grant-program' && has('outlay', 'deployed')) profile('spend-out', m.spendOut);
  if (m.kind === 'gated-project' && has('outlay', 'deployed')) profile('spend-out', m.spendOut);
  if (m.kind === 'credit-facility' && has('outlay', 'deployed')) profile('disbursement', m.disbursement);
  if (m.kind === 'equity-vehicle' && has('distribution') && m.distributions)
    out.push({
      name: 'distributions',
      detail: `from ${m.distributions.lag} years after each investment, over ${m.distributions.over} years`,
      source: m.distributions.source,
    });
  if (m.kind === 'lp-fund-waves') {
    if (has('deployed', 'outlay', 'distribution'))
      out.push({
        name: `drawdown ${m.drawdown.name}`,
        detail: `contribution rates ${m.drawdown.rates.map(pct).join(', ')}; bow ${m.drawdown.bow.toPlain()}; life ${m.drawdown.life} years`,
        source: m.drawdown.source,
      });
    for (const w of m.waves)
      out.push({
        name: `wave ${w.id}`,
        detail: `committed in year ${w.year + 1}${w.gate ? `; gate "${w.gate.label}" ${w.gate.holds ? 'holds' : 'fails'} as written` : ''}`,
        source: w.gate?.source,
      });
  }
  if (m.kind === 'gated-project')
    out.push({
      name: 'feasibility study',
      detail: `${m.study.months} months from month ${m.study.startMonth}; ${m.study.passes ? 'passes' : 'fails'} as written`,
      source: m.study.source,
    });
  if (m.fallbackOf !== undefined) out.push({ name: 'fallback', detail: `runs only if ${m.fallbackOf}'s study fails` });
  return out;
}

function part(
  s: Scenario,
  ms: Measure<Dec>,
  label: string,
  metric: MoneyMetric,
  scope: string,
  mech: string | undefined,
  slots: number[],
): ExplainPart {
  const flows = metricFlows(metric, s.targets.includeFollowOn);
  const kinds = flows.map(([k]) => k);
  const mechanisms: ExplainMech[] = [];
  const silent: ExplainPart['silent'] = [];
  let total = Dec.ZERO;
  s.mechanisms.forEach((m) => {
    if (mech !== undefined && m.id !== mech) return;
    const byYear = slots.map((y) => ms.money(metric, scope, m.id, y));
    const t = byYear.reduce((a, b) => a.plus(b), Dec.ZERO);
    if (t.isZero() && byYear.every((x) => x.isZero())) {
      silent.push({
        id: m.id,
        why: !isActive(s, m)
          ? m.kind === 'gated-project'
            ? 'its study fails as written'
            : 'inactive fallback'
          : kinds.includes('budgetCost') && m.budget === 'none'
            ? mechRule(m, kinds)
            : 'no such flows in scope',
      });
      return;
    }
    total = total.plus(t);
    mechanisms.push({
      id: m.id,
      label: m.label,
      kind: m.kind,
      total: t,
      byYear,
      rule: mechRule(m, kinds),
      assumptions: mechAssumptions(m, kinds),
      inputs: mechInputs(m, kinds, scope === 'total' ? undefined : scope),
    });
  });
  return { label, metric, scope, mech, slots, flows, total, mechanisms, silent };
}

/** Explains a metric path, or returns the parse failure. */
export function explain(
  ms: Measure<Dec>,
  path: string,
): { ok: true; explanation: Explanation } | { ok: false; message: string; hint: string } {
  const s = ms.s;
  const N = s.horizon.years;
  const p = parseMetricPath(path, ms.govs, ms.mechs, s.horizon.start, N);
  if (!p.ok) return p;
  const r = p.ref;
  const horizon = Array.from({ length: N }, (_, y) => y);
  const value = ms.ref(r) as Dec | boolean | null;
  const fy = (y: number) => `FY${s.horizon.start + y}`;
  switch (r.kind) {
    case 'money': {
      const slots = r.period === 'after' ? [N] : typeof r.period === 'number' ? [r.period] : horizon;
      const where =
        typeof r.period === 'number'
          ? fy(r.period)
          : r.period === 'after'
            ? 'after the horizon'
            : `FY${s.horizon.start}-${fy(N - 1)}`;
      const pt = part(s, ms, `${r.metric} ${r.scope}${r.mech ? ` ${r.mech}` : ''}, ${where}`, r.metric, r.scope, r.mech, slots);
      return {
        ok: true,
        explanation: {
          path,
          ref: r,
          value,
          formula: r.period === 'perYear' ? `the ${N}-year total divided by ${N}` : 'the sum of the flows below',
          parts: [pt],
          extraInputs: [],
        },
      };
    }
    case 'leverage': {
      const den: MoneyMetric = r.basis === 'commitment' ? 'publicCommitment' : 'budgetCost';
      return {
        ok: true,
        explanation: {
          path,
          ref: r,
          value,
          formula: `private capital mobilized / ${den} (private dollars per public dollar)`,
          parts: [
            part(s, ms, 'numerator: private capital mobilized', 'privateMobilized', r.scope, r.mech, horizon),
            part(s, ms, `denominator: ${den}`, den, r.scope, r.mech, horizon),
          ],
          extraInputs: [],
        },
      };
    }
    case 'floor': {
      const metric: MoneyMetric = r.basis === 'appropriated' ? 'budgetCost' : 'publicCommitment';
      const f = ms.floor(r.gov, r.basis);
      const formula =
        f.floor === null
          ? `${metric} of ${r.gov} per year; the scenario sets no floor (targets.floor), so there is nothing to test`
          : `${metric} of ${r.gov} per year against the floor: met when the ${N}-year average (${f.average.div(1e6).toPlain(6)}M) is at least the floor; ${f.yearsMet ?? 0} of ${N} years reach it`;
      return {
        ok: true,
        explanation: {
          path,
          ref: r,
          value,
          formula,
          parts: [part(s, ms, `${metric} ${r.gov}, by year`, metric, r.gov, undefined, horizon)],
          extraInputs: s.targets.floor ? [s.targets.floor] : [],
        },
      };
    }
    case 'target':
      return {
        ok: true,
        explanation: {
          path,
          ref: r,
          value,
          formula: 'headline mobilization over the horizon against the mobilization target',
          parts: [part(s, ms, 'headline mobilization', 'headlineMobilization', 'total', undefined, horizon)],
          extraInputs: s.targets.mobilization ? [s.targets.mobilization] : [],
        },
      };
  }
}
