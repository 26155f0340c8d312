// Turns the validated scenario-as-written into the typed Scenario: parses figures,
// resolves years against the horizon, names against assumptions, applies defaults,
// and checks the rules that need the whole file. Problems are diagnostics, not throws.
import { parseFigure, parseYear, type Ranged, type Unit } from '../core/amount.js';
import { Diagnostics, didYouMean, type Loc } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Dec, sum } from '../core/money.js';
import { locate, type LMap } from '../read/tree.js';
import { describePath } from '../validate/validate.js';
import { parseMetricPath, metricUnit } from '../measure/paths.js';
import { normalizeAssertions, normalizeTotals } from './assertions.js';
import type { AllocationInput, DrawdownInput, FigureInput, MechanismInput, ProfileInput, ScenarioInput, SourcedInput } from '../validate/schema.js';
import type { Alloc, Budget, Claim, Commit, Drawdown, Fig, Gate, Mech, Profile, Program, Scenario, Wave, DistKind } from './types.js';
import { rangeObject, rangeScalar } from './dist.js';
import { normalizeValuation } from './valuation.js';

type Path = (string | number)[];

/** Named curves available to every scenario without declaring them. */
export const BUILTIN_PROFILES: Record<string, { shares: string[]; source: string }> = {
  immediate: { shares: ['1'], source: 'built-in: paid out in full the year it is committed' },
};
export const BUILTIN_DRAWDOWNS: Record<string, { rates: string[]; growth: string; bow: number; life: number; source: string }> = {
  'takahashi-alexander': {
    rates: ['0.25', '0.3333', '0.5'],
    growth: '0.10',
    bow: 2.5,
    life: 12,
    source: 'built-in: Takahashi & Alexander (2002), illustrative venture parameters (RC 25%/33%/50%, bow 2.5, life 12, growth 10%)',
  },
};

const ZERO_RANGE: Ranged = { low: Dec.ZERO, base: Dec.ZERO, high: Dec.ZERO };

export function normalize(input: ScenarioInput, tree: LMap, file: string, chain: string[], diags: Diagnostics): Scenario | undefined {
  const before = diags.errors().length;
  const at = (p: Path, key = false): Loc => locate(tree, p, key);
  const pathText = (p: Path) => describePath(tree, p);
  const figures: Fig[] = [];

  const fig = (raw: FigureInput, unit: Unit, p: Path, source?: string, outerDist?: DistKind): Fig => {
    let value: Ranged;
    let dist = outerDist;
    if (raw !== null && typeof raw === 'object') {
      const o = raw as Record<string, unknown> & { source?: string };
      const r = rangeObject(o, unit, outerDist);
      for (const e of r.problems) diags.error(e.code, `${pathText(p)}: ${e.message}`, at(p), e.hint);
      value = r.value;
      dist = r.dist;
      source = o.source ?? source;
    } else {
      const r = parseFigure(raw, unit);
      const d = rangeScalar(r.ok ? r.value : ZERO_RANGE, dist);
      for (const e of d.problems) diags.error(e.code, `${pathText(p)}: ${e.message}`, at(p), e.hint);
      value = d.value;
    }
    const f: Fig = { value, source, loc: at(p), path: pathText(p), unit, ...(dist ? { dist } : {}) };
    figures.push(f);
    return f;
  };
  const sourced = (raw: SourcedInput | undefined, unit: Unit, p: Path, fallback?: Fig): Fig => {
    if (raw === undefined) {
      if (fallback) return fallback;
      const f: Fig = { value: ZERO_RANGE, loc: at(p.slice(0, -1)), path: pathText(p), source: 'default: none' };
      return f;
    }
    if (raw !== null && typeof raw === 'object' && 'value' in raw) {
      const o = raw as { value: FigureInput; source?: string; dist?: DistKind };
      return fig(o.value, unit, [...p, 'value'], o.source, o.dist);
    }
    return fig(raw as FigureInput, unit, p);
  };

  // --- horizon
  const startYear = parseYear(input.horizon.start, 0, 0);
  if (!startYear.ok || startYear.value < 1900) diags.error('invalid-year', M.horizonStart, at(['horizon', 'start']), M.horizonStartHint);
  const start = startYear.ok ? startYear.value : 2000;
  const N = input.horizon.years;
  const end = start + N - 1;
  const yearIndex = (raw: unknown, p: Path): number | undefined => {
    const y = parseYear(raw, start, N);
    if (!y.ok) { diags.error('invalid-year', `${pathText(p)}: ${y.message}`, at(p), y.hint); return undefined; }
    if (y.value < start || y.value > end) { diags.error('year-outside-horizon', `${pathText(p)}: ${M.yearOutsideHorizon(y.value, start, end)}`, at(p), M.yearOutsideHint(start, end)); return undefined; }
    return y.value - start;
  };

  // --- governments
  const governments = Array.isArray(input.governments)
    ? input.governments.map((code) => ({ code, name: code }))
    : Object.entries(input.governments).map(([code, g]) => ({ code, name: g.name ?? code }));
  const govCodes = governments.map((g) => g.code);
  if (new Set(govCodes).size !== govCodes.length) diags.error('duplicate-id', M.duplicateId('government', govCodes.find((c, i) => govCodes.indexOf(c) !== i)!), at(['governments']), M.duplicateIdHint);
  const checkGov = (g: string, p: Path): boolean => {
    if (govCodes.includes(g)) return true;
    const dym = didYouMean(g, govCodes);
    diags.error('unknown-government', `${pathText(p.slice(0, -1))}: ${M.unknownGovernment(g, govCodes)}`, at(p, true), dym ? M.didYouMean(dym) : M.unknownGovernmentHint);
    return false;
  };

  // --- allocations
  const allocation = (gov: string, raw: AllocationInput, p: Path): Alloc | undefined => {
    if (typeof raw === 'string' || typeof raw === 'number') {
      return { gov, mode: 'total', fig: fig(raw, 'amount', p), mask: Array(N).fill(true), loc: at(p) };
    }
    const o = raw as Exclude<AllocationInput, string | number>;
    if (o.byYear !== undefined && o.amount !== undefined) { diags.error('invalid-allocation', `${pathText(p)}: ${M.allocationBoth}`, at(p), M.allocationHint); return undefined; }
    if (o.byYear !== undefined) {
      const byYear: (Fig | undefined)[] = Array(N).fill(undefined);
      for (const [y, amt] of Object.entries(o.byYear)) {
        const i = yearIndex(y, [...p, 'byYear', y]);
        if (i !== undefined) byYear[i] = fig(amt, 'amount', [...p, 'byYear', y], o.source);
      }
      return { gov, mode: 'byYear', byYear, source: o.source, loc: at(p) };
    }
    if (o.amount === undefined) { diags.error('invalid-allocation', `${pathText(p)}: ${M.allocationEmpty}`, at(p), M.allocationHint); return undefined; }
    const given = [o.from, o.to, o.years].filter((x) => x !== undefined).length;
    if (given > 2) { diags.error('invalid-allocation', `${pathText(p)}: ${M.windowConflict}`, at(p), M.allocationHint); return undefined; }
    let from = o.from !== undefined ? yearIndex(o.from, [...p, 'from']) : undefined;
    let to = o.to !== undefined ? yearIndex(o.to, [...p, 'to']) : undefined;
    if ((o.from !== undefined && from === undefined) || (o.to !== undefined && to === undefined)) return undefined;
    if (o.years !== undefined) {
      if (from === undefined && to === undefined) from = 0;
      if (from !== undefined) to = from + o.years - 1;
      else from = to! - o.years + 1;
      if (to! > N - 1 || from < 0) {
        diags.error('year-outside-horizon', `${pathText([...p, 'years'])}: ${o.years} years from FY${start + Math.min(from, to!)} run past the horizon FY${start}-FY${end}`, at([...p, 'years']), M.yearOutsideHint(start, end));
        return undefined;
      }
    }
    from ??= 0;
    to ??= N - 1;
    if (from > to) { diags.error('window-backwards', `${pathText(p)}: ${M.windowBackwards(start + from, start + to)}`, at(p), M.allocationHint); return undefined; }
    const mask = Array.from({ length: N }, (_, i) => i >= from! && i <= to!);
    return { gov, mode: o.per ?? 'total', fig: fig(o.amount, 'amount', [...p, 'amount'], o.source), mask, source: o.source, loc: at(p) };
  };
  const perGov = (raw: Record<string, AllocationInput>, p: Path): Alloc[] => {
    const out: Alloc[] = [];
    for (const [g, a] of Object.entries(raw)) {
      if (!checkGov(g, [...p, g])) continue;
      const al = allocation(g, a, [...p, g]);
      if (al) out.push(al);
    }
    return out;
  };
  /** Per-government commitments; a figure without its own source cites the enclosing item's (e.g. the wave's). */
  const commits = (raw: Record<string, FigureInput | { amount: FigureInput; source?: string }>, p: Path, source?: string): Commit[] => {
    const out: Commit[] = [];
    for (const [g, a] of Object.entries(raw)) {
      if (!checkGov(g, [...p, g])) continue;
      if (a !== null && typeof a === 'object' && 'amount' in a) out.push({ gov: g, fig: fig(a.amount, 'amount', [...p, g, 'amount'], a.source ?? source) });
      else out.push({ gov: g, fig: fig(a as FigureInput, 'amount', [...p, g], source) });
    }
    return out;
  };

  // --- named curves
  const A = input.assumptions ?? {};
  const profileShares = (raw: FigureInput[], p: Path): Dec[] => raw.map((r, i) => fig(r, 'rate', [...p, i]).value.base);
  const profiles = new Map<string, Profile>();
  for (const [name, b] of Object.entries(BUILTIN_PROFILES)) profiles.set(name, { name, shares: b.shares.map((s) => Dec.of(s)), source: b.source });
  for (const [name, pr] of Object.entries(A.profiles ?? {})) {
    const p: Path = ['assumptions', 'profiles', name];
    const shares = profileShares(pr.shares, [...p, 'shares']);
    const total = sum(shares);
    if (!total.eq(Dec.ONE)) diags.error('shares-sum', `${pathText(p)}: ${M.sharesSum(total.times(100).toPlain(4))}`, at([...p, 'shares']), M.sharesSumHint, 'rule');
    profiles.set(name, { name, shares, source: pr.source });
  }
  const drawdowns = new Map<string, Drawdown>();
  for (const [name, b] of Object.entries(BUILTIN_DRAWDOWNS)) {
    drawdowns.set(name, {
      name, rates: b.rates.map((r) => Dec.of(r)), bow: Dec.of(b.bow), life: b.life, source: b.source,
      growth: { value: { low: Dec.of(b.growth), base: Dec.of(b.growth), high: Dec.of(b.growth) }, source: b.source, loc: at(['assumptions']), path: `drawdown ${name}.growth` },
    });
  }
  const drawdownObj = (name: string, d: Exclude<DrawdownInput, string>, p: Path): Drawdown => {
    const rates = profileShares(d.rates, [...p, 'rates']);
    rates.forEach((r, i) => { if (r.gt(Dec.ONE)) diags.error('rate-above-one', `${pathText([...p, 'rates', i])}: ${M.rateAboveOne('a rate of contribution')}`, at([...p, 'rates', i]), M.contributionRateHint); });
    return {
      name, rates, source: d.source, life: d.life ?? 12, bow: Dec.of(d.bow ?? 2.5),
      growth: d.growth !== undefined ? fig(d.growth, 'rate', [...p, 'growth'], d.source) : { value: ZERO_RANGE, loc: at(p), path: pathText([...p, 'growth']), source: 'default: 0%' },
    };
  };
  for (const [name, d] of Object.entries(A.drawdowns ?? {})) drawdowns.set(name, drawdownObj(name, d, ['assumptions', 'drawdowns', name]));

  const profile = (raw: ProfileInput | undefined, p: Path, fallback: Profile): Profile => {
    if (raw === undefined) return fallback;
    if (typeof raw === 'string') {
      const found = profiles.get(raw);
      if (found) return found;
      const dym = didYouMean(raw, [...profiles.keys()]);
      diags.error('unknown-name', `${pathText(p)}: ${M.unknownName('profile', raw, [...profiles.keys()])}`, at(p), dym ? M.didYouMean(dym) : M.unknownNameHint('profile'));
      return fallback;
    }
    const shares = profileShares(raw.shares, [...p, 'shares']);
    const total = sum(shares);
    if (!total.eq(Dec.ONE)) diags.error('shares-sum', `${pathText(p)}: ${M.sharesSum(total.times(100).toPlain(4))}`, at([...p, 'shares']), M.sharesSumHint, 'rule');
    return { name: `${pathText(p)}`, shares, source: raw.source };
  };
  const drawdown = (raw: DrawdownInput | undefined, p: Path, fallback: Drawdown): Drawdown => {
    if (raw === undefined) return fallback;
    if (typeof raw === 'string') {
      const found = drawdowns.get(raw);
      if (found) return found;
      const dym = didYouMean(raw, [...drawdowns.keys()]);
      diags.error('unknown-name', `${pathText(p)}: ${M.unknownName('drawdown', raw, [...drawdowns.keys()])}`, at(p), dym ? M.didYouMean(dym) : M.unknownNameHint('drawdown'));
      return fallback;
    }
    return drawdownObj(pathText(p), raw, p);
  };

  const immediate = profiles.get('immediate')!;
  const defSpendOut = profile(A.spendOut, ['assumptions', 'spendOut'], immediate);
  const defDisbursement = profile(A.disbursement, ['assumptions', 'disbursement'], immediate);
  const defDrawdown = drawdown(A.drawdown, ['assumptions', 'drawdown'], drawdowns.get('takahashi-alexander')!);
  // One Fig per default, shared by every mechanism that uses it (so it is one input, listed once).
  const defaults = new Map<string, Fig>();
  const defaultRatio = (key: 'crowdIn' | 'followOn' | 'coInvest' | 'coFinance'): Fig => {
    let f = defaults.get(key);
    if (!f) {
      f = A[key] !== undefined ? sourced(A[key], 'ratio', ['assumptions', key]) : { value: ZERO_RANGE, loc: at(['assumptions']), path: `assumptions.${key}`, source: 'default: 0x (none assumed)' };
      defaults.set(key, f);
    }
    return f;
  };
  const defSubsidy = A.subsidyRate !== undefined ? sourced(A.subsidyRate, 'rate', ['assumptions', 'subsidyRate']) : undefined;
  const defDistributions = A.distributions;

  /** A commitment window that runs past the horizon books the rest after it; say so (nothing to add to the project). */
  const windowCheck = (id: string, endMonth: number, p: Path): void => {
    if (endMonth > N * 12) diags.warn('window-after-horizon', M.windowAfterHorizon(id, endMonth - N * 12), at(p), M.windowAfterHorizonHint);
  };

  // --- mechanisms
  const ids = new Map<string, number>();
  const mechanisms: Mech[] = [];
  const RESERVED = new Set(['total', 'perYear', 'after', ...govCodes]);
  input.mechanisms.forEach((m: MechanismInput, i) => {
    const p: Path = ['mechanisms', i];
    if (ids.has(m.id)) diags.error('duplicate-id', M.duplicateId('mechanism', m.id), at([...p, 'id']), M.duplicateIdHint);
    if (RESERVED.has(m.id) || /^FY\d+$/i.test(m.id)) diags.error('reserved-id', M.reservedId(m.id), at([...p, 'id']), M.reservedIdHint);
    ids.set(m.id, i);
    const base = { id: m.id, label: m.label ?? m.id, source: m.source, loc: at(p) };
    const budget = (dflt: Budget): Budget => m.budget ?? dflt;
    switch (m.kind) {
      case 'grant-program': {
        const programIds = new Set<string>();
        const programs: Program[] = (m.programs ?? []).map((pr, j) => {
          const pp: Path = [...p, 'programs', j];
          if (programIds.has(pr.id)) diags.error('duplicate-id', M.duplicateId('program', pr.id), at([...pp, 'id']), M.duplicateIdHint);
          programIds.add(pr.id);
          return {
            id: pr.id, label: pr.label ?? pr.id, source: pr.source, loc: at(pp),
            amounts: perGov(pr.amount, [...pp, 'amount']),
            followOn: sourced(pr.followOn, 'ratio', [...pp, 'followOn'], defaultRatio('followOn')),
          };
        });
        mechanisms.push({
          ...base, kind: m.kind, budget: budget('appropriated'),
          appropriations: perGov(m.appropriations, [...p, 'appropriations']),
          spendOut: profile(m.spendOut, [...p, 'spendOut'], defSpendOut),
          followOn: sourced(m.followOn, 'ratio', [...p, 'followOn'], defaultRatio('followOn')),
          programs,
        });
        return;
      }
      case 'equity-vehicle': {
        const d = m.distributions ?? defDistributions;
        const dp: Path = m.distributions ? [...p, 'distributions'] : ['assumptions', 'distributions'];
        mechanisms.push({
          ...base, kind: m.kind, budget: budget('none'),
          investments: perGov(m.investments, [...p, 'investments']),
          distributions: d ? { multiple: sourced(d.multiple, 'ratio', [...dp, 'multiple']), lag: d.lag, over: d.over, source: d.source } : undefined,
          coInvest: sourced(m.coInvest, 'ratio', [...p, 'coInvest'], defaultRatio('coInvest')),
        });
        return;
      }
      case 'credit-facility': {
        let subsidy = m.subsidyRate !== undefined ? sourced(m.subsidyRate, 'rate', [...p, 'subsidyRate']) : defSubsidy;
        if (!subsidy) {
          diags.error('missing-key', `${pathText(p)}: ${M.subsidyMissing}`, at(p), M.subsidyMissingHint);
          subsidy = { value: ZERO_RANGE, loc: at(p), path: pathText([...p, 'subsidyRate']) };
        }
        if (subsidy.value.high.gt(Dec.ONE)) diags.error('rate-above-one', `${subsidy.path}: ${M.rateAboveOne('the subsidy rate')}`, subsidy.loc, M.subsidyRateHint);
        const match = Object.entries(m.match ?? {}).flatMap(([g, raw]) => {
          const mp: Path = [...p, 'match', g];
          if (!checkGov(g, mp)) return [];
          const al = allocation(g, raw, mp);
          if (!al) return [];
          const o = typeof raw === 'object' && raw !== null ? (raw as { label?: string; budget?: Budget }) : {};
          return [{ alloc: al, label: o.label ?? `${g} match`, budget: o.budget ?? 'appropriated' }];
        });
        mechanisms.push({
          ...base, kind: m.kind, budget: budget('appropriated'),
          obligations: perGov(m.obligations, [...p, 'obligations']),
          subsidyRate: subsidy,
          disbursement: profile(m.disbursement, [...p, 'disbursement'], defDisbursement),
          match,
          coFinance: sourced(m.coFinance, 'ratio', [...p, 'coFinance'], defaultRatio('coFinance')),
        });
        return;
      }
      case 'lp-fund-waves': {
        const crowd = sourced(m.crowdIn, 'ratio', [...p, 'crowdIn'], defaultRatio('crowdIn'));
        const waveIds = new Set<string>();
        const waves: Wave[] = [];
        m.waves.forEach((w, j) => {
          const wp: Path = [...p, 'waves', j];
          if (waveIds.has(w.id)) diags.error('duplicate-id', M.duplicateId('wave', w.id), at([...wp, 'id']), M.duplicateIdHint);
          waveIds.add(w.id);
          const y = yearIndex(w.year, [...wp, 'year']);
          let gate: Gate | undefined;
          if (w.gate) {
            const prob = w.gate.probability !== undefined ? fig(w.gate.probability, 'rate', [...wp, 'gate', 'probability'], w.gate.source) : undefined;
            if (prob && prob.value.high.gt(Dec.ONE)) diags.error('invalid-probability', `${prob.path}: ${M.gateProbability}`, prob.loc, M.probabilityHint('80%', '0.8'));
            gate = { label: w.gate.label ?? 'gate', holds: w.gate.holds ?? true, probability: prob, source: w.gate.source, loc: at([...wp, 'gate']) };
          }
          if (y === undefined) return;
          waves.push({
            id: w.id, label: w.label ?? w.id, year: y, loc: at(wp), gate,
            commits: commits(w.commit, [...wp, 'commit'], w.source),
            crowdIn: sourced(w.crowdIn, 'ratio', [...wp, 'crowdIn'], crowd),
          });
        });
        for (let j = 1; j < waves.length; j++) if (waves[j]!.year < waves[j - 1]!.year)
          diags.error('wave-order', `${pathText([...p, 'waves', j])}: ${M.waveOrder(waves[j]!.id, start + waves[j]!.year)}`, waves[j]!.loc, M.waveOrderHint, 'rule');
        mechanisms.push({ ...base, kind: m.kind, budget: budget('none'), waves, drawdown: drawdown(m.drawdown, [...p, 'drawdown'], defDrawdown) });
        return;
      }
      case 'gated-project': {
        const s = m.study;
        const prob = s.probability !== undefined ? fig(s.probability, 'rate', [...p, 'study', 'probability'], s.source) : undefined;
        if (prob && prob.value.high.gt(Dec.ONE)) diags.error('invalid-probability', `${prob.path}: ${M.gateProbability}`, prob.loc, M.probabilityHint('60%', '0.6'));
        const startMonth = s.startMonth ?? 0;
        windowCheck(m.id, startMonth + s.months + m.window.months, [...p, 'window', 'months']);
        if (startMonth + s.months >= N * 12) diags.error('gate-timing', `${pathText([...p, 'study'])}: ${M.studyAfterHorizon(startMonth + s.months, N * 12)}`, at([...p, 'study', 'months']), M.studyAfterHint);
        mechanisms.push({
          ...base, kind: m.kind, budget: budget('appropriated'),
          study: { startMonth, months: s.months, passes: s.passes ?? true, probability: prob, source: s.source, loc: at([...p, 'study']) },
          windowMonths: m.window.months,
          commits: commits(m.commit, [...p, 'commit']),
          spendOut: profile(m.spendOut, [...p, 'spendOut'], defSpendOut),
          coFinance: sourced(m.coFinance, 'ratio', [...p, 'coFinance'], defaultRatio('coFinance')),
          fallback: m.fallback === undefined || m.fallback === 'none' ? undefined : m.fallback,
        });
        return;
      }
    }
  });

  // Fallbacks: the named mechanism runs only when its project's study fails.
  for (const m of mechanisms) {
    if (m.kind !== 'gated-project' || m.fallback === undefined) continue;
    const i = input.mechanisms.findIndex((x) => x.id === m.id);
    const fp: Path = ['mechanisms', i, 'fallback'];
    const target = mechanisms.find((x) => x.id === m.fallback);
    if (m.fallback === m.id) diags.error('invalid-fallback', M.fallbackSelf, at(fp), M.fallbackHint);
    else if (!target) {
      const dym = didYouMean(m.fallback, mechanisms.map((x) => x.id));
      diags.error('unknown-fallback', M.unknownFallback(m.fallback), at(fp), dym ? M.didYouMean(dym) : M.fallbackHint);
    } else if (target.fallbackOf !== undefined) {
      diags.error('invalid-fallback', M.fallbackTwice(target.id, target.fallbackOf, m.id), at(fp), M.fallbackHint);
    } else target.fallbackOf = m.id;
  }

  // --- targets
  const t = input.targets ?? {};
  const targets = {
    floor: t.floor !== undefined ? sourced(t.floor, 'amount', ['targets', 'floor']) : undefined,
    mobilization: t.mobilization !== undefined ? sourced(t.mobilization, 'amount', ['targets', 'mobilization']) : undefined,
    includeFollowOn: t.headlineIncludesFollowOn ?? false,
  };

  // --- claims
  const claimIds = new Set<string>();
  const mechIds = mechanisms.map((m) => m.id);
  const claims: Claim[] = [];
  (input.claims ?? []).forEach((c, i) => {
    const p: Path = ['claims', i];
    if (claimIds.has(c.id)) diags.error('duplicate-id', M.duplicateId('claim', c.id), at([...p, 'id']), M.duplicateIdHint);
    claimIds.add(c.id);
    // A claim may sum metric paths ("a + b"), since a published total may cover some mechanisms only.
    const terms = c.metric.split('+').map((x) => x.trim());
    const bad = terms.map((t) => parseMetricPath(t, govCodes, mechIds, start, N)).find((r) => !r.ok);
    if (bad && !bad.ok) { diags.error('unknown-metric', `${pathText([...p, 'metric'])}: ${bad.message}`, at([...p, 'metric']), bad.hint); return; }
    const unit = metricUnit(terms[0]!);
    if (terms.length > 1 && terms.some((t) => metricUnit(t) !== 'amount')) { diags.error('unknown-metric', `${pathText([...p, 'metric'])}: ${M.claimSumUnits}`, at([...p, 'metric']), M.claimSumHint); return; }
    let published: Ranged | boolean;
    if (unit === 'boolean') {
      if (typeof c.published !== 'string' || !/^(true|false)$/.test(c.published)) { diags.error('invalid-figure', M.publishedUnit(String(c.published), unit), at([...p, 'published']), M.booleanHint); return; }
      published = c.published === 'true';
    } else {
      const r = parseFigure(c.published, unit);
      if (!r.ok) { diags.error('invalid-figure', `${pathText([...p, 'published'])}: ${M.publishedUnit(String(c.published), unit)}: ${r.message}`, at([...p, 'published']), r.hint); return; }
      published = r.value;
    }
    claims.push({
      id: c.id, text: c.text, metric: c.metric, published, publishedText: String(c.published),
      comparison: c.comparison ?? 'approx',
      tolerance: c.tolerance !== undefined ? fig(c.tolerance, 'rate', [...p, 'tolerance']).value.base : Dec.ZERO,
      source: c.source, loc: at(p),
    });
  });

  // --- declared totals and assertions (checked by `check`)
  const nameCtx = { govs: govCodes, mechs: mechIds, start, years: N, at, pathText, diags };
  const totals = normalizeTotals(input.totals ?? [], nameCtx);
  const assertions = normalizeAssertions(input.assert ?? [], nameCtx);

  // --- present value and real dollars
  const valuation = normalizeValuation(A, { at, pathText, yearIndex, diags });

  if (diags.errors().length > before && diags.hasInputErrors) return undefined;
  return {
    ...valuation,
    name: input.name, description: input.description, file, chain,
    horizon: { start, years: N, source: input.horizon.source },
    governments, mechanisms, targets, claims, totals, assertions, figures,
  };
}
