// `diff` as a value: two measured evaluations in, every metric side by side with its
// change, the verdicts and claims that flipped, and the inputs that differ. Pure.
import { byCodePoint } from '../core/diagnostics.js';
import type { Ranged, Unit } from '../core/amount.js';
import type { Loc } from '../core/diagnostics.js';
import { Dec } from '../core/money.js';
import type { Case } from '../compute/engine.js';
import { kindOf } from '../mechanisms/registry.js';
import {
  FLOOR_READINGS,
  floorReadingLabel,
  type MetricContext,
  MONEY_METRICS,
  type MoneyMetricId,
  RATIO_METRICS,
  type RatioMetricId,
  unbookedLate,
} from '../model/metrics.js';
import type { FlowKind } from '../model/flows.js';
import { isActive, type Scenario, yearName } from '../model/scenario.js';
import { valueUnit, type ValueUnit } from '../model/paths.js';
import type { ClaimVerdict } from './claims.js';
import type { Evaluation } from './evaluate.js';
import { testVerdicts } from './targets.js';
import type { Measure } from './measure.js';

export type RowUnit = 'amount' | 'ratio';

/** One metric in both scenarios. `pct` is the change as a percentage of `base` (null when base is 0 or a side is n/a). */
export interface Row {
  /** A metric path (usable with --fail-if), e.g. budgetCost.US.F-3 or outlays.total.FY2029. */
  path: string;
  metric: MoneyMetricId | RatioMetricId;
  scope: string;
  mech?: string;
  year?: string;
  unit: RowUnit;
  base: Dec | null;
  alt: Dec | null;
  change: Dec | null;
  pct: Dec | null;
  changed: boolean;
}

export interface VerdictRow {
  path: string;
  /** The test as people say it: "Floor, US: budget, as published". */
  label: string;
  base: boolean | null;
  alt: boolean | null;
  changed: boolean;
}

export interface ClaimSide {
  computed: Dec | boolean | null;
  holds: boolean;
  /** The verdict in words ("identity" when it holds by construction). */
  verdict: ClaimVerdict;
}
export interface ClaimRow {
  id: string;
  text: string;
  metric: string;
  /** The unit of the claim's metric (a measure's is its expression's). */
  unit: ValueUnit;
  base: ClaimSide | null;
  alt: ClaimSide | null;
  changed: boolean;
}

/** A figure (a number, maybe a range) or a setting (a window, a gate, a study outcome) as written. */
export type InputValue = { kind: 'figure'; unit?: Unit; value: Ranged } | { kind: 'setting'; value: string };
export interface InputSide {
  value: InputValue;
  source?: string;
  loc?: Loc;
}
export interface InputRow {
  path: string;
  base: InputSide | null;
  alt: InputSide | null;
}

export interface SideInfo {
  name: string;
  file: string;
  chain: string[];
}

export interface ScenarioDiff {
  base: SideInfo;
  alt: SideInfo;
  case: Case;
  /** The alternative's horizon (the base's is baseHorizon). */
  horizon: { start: number; years: number; calendar?: boolean };
  baseHorizon: { start: number; years: number };
  /** The two sides name different governments. */
  govsDiffer: boolean;
  /** The currency amounts are in (the alternative's; two sides in different currencies are not compared). */
  currency: string;
  /** How metrics are labelled (the alternative's scoring basis and follow-on treatment). */
  labels: MetricContext;
  headline: Row[];
  byMechanism: Row[];
  byYear: Row[];
  verdicts: VerdictRow[];
  claims: ClaimRow[];
  /** Only the inputs that differ (present on one side only, or a different value or source). */
  inputs: InputRow[];
}

/** Money metrics shown by mechanism (all of them: a mechanism has few rows). */
export const MECHANISM_METRICS: readonly MoneyMetricId[] = MONEY_METRICS.map((m) => m.id);
/** Money metrics shown by year: the yearly flows budget staff track (the rest would repeat them year after year). */
export const YEAR_METRICS: readonly MoneyMetricId[] = MONEY_METRICS.filter((m) => m.byYear).map((m) => m.id);

const union = (a: readonly string[], b: readonly string[]) => [...a, ...b.filter((x) => !a.includes(x))];

/** Percentage change relative to base; null when base is zero (any change from 0 is unbounded). */
export function percent(base: Dec, change: Dec): Dec | null {
  return base.isZero() ? null : change.div(base.abs()).times(100);
}

function row(
  path: string,
  metric: Row['metric'],
  unit: RowUnit,
  base: Dec | null,
  alt: Dec | null,
  where: { scope: string; mech?: string; year?: string },
): Row {
  const both = base !== null && alt !== null;
  const change = both ? alt.minus(base) : null;
  return {
    path,
    metric,
    unit,
    ...where,
    base,
    alt,
    change,
    pct: both ? percent(base, change!) : null,
    changed: both ? !change!.isZero() : base !== alt,
  };
}

/** A money value of one side, zero for a government, mechanism or year that side does not have. */
export function moneyOf(m: Measure<Dec>, metric: MoneyMetricId, scope: string, mech?: string, year?: string): Dec {
  if (scope !== 'total' && !m.govs.includes(scope)) return Dec.ZERO;
  if (mech !== undefined && !m.mechs.includes(mech)) return Dec.ZERO;
  let y: number | undefined;
  if (year !== undefined) {
    const N = m.s.horizon.years;
    y = year === 'after' ? N : Number(year.slice(2)) - m.s.horizon.start;
    // A fiscal year outside this side's horizon is not modeled there (its flows sit in
    // that side's after-horizon bucket, which has its own row): zero, not the bucket.
    if (year !== 'after' && !(y >= 0 && y < N)) return Dec.ZERO;
  }
  return m.money(metric, scope === 'total' ? null : scope, mech, y);
}

/** A calendar-year plan's flag, written only when set (a fiscal-year plan's document is as it was). */
const cal = (s: Scenario) => (s.horizon.calendar ? { calendar: true } : {});

function yearLabels(s: Scenario): string[] {
  return [...Array.from({ length: s.horizon.years }, (_, y) => yearName(s.horizon, y)), 'after'];
}

export function diffEvaluations(a: Evaluation, b: Evaluation): ScenarioDiff {
  const A = a.measure,
    B = b.measure;
  const govs = union(A.govs, B.govs);
  const scopes = [...govs, 'total'];
  const mechs = union(A.mechs, B.mechs);
  const years = union(yearLabels(a.scenario), yearLabels(b.scenario)).sort((x, y) =>
    x === 'after' ? 1 : y === 'after' ? -1 : byCodePoint(x, y),
  );

  // A metric of flows added after version 1 is a row only when either side books them.
  const booked = (k: FlowKind) => [a, b].some((ev) => !ev.ledger.entries([k]).next().done);
  const mechMetrics = MECHANISM_METRICS.filter((m) => !unbookedLate(m, booked));
  const yearMetrics = YEAR_METRICS.filter((m) => !unbookedLate(m, booked));
  const headline: Row[] = [];
  for (const metric of mechMetrics)
    for (const scope of scopes) {
      headline.push(row(`${metric}.${scope}`, metric, 'amount', moneyOf(A, metric, scope), moneyOf(B, metric, scope), { scope }));
    }
  for (const r of RATIO_METRICS)
    for (const scope of scopes) {
      const ratio = (m: Measure<Dec>) =>
        scope === 'total' || m.govs.includes(scope) ? m.ratio(r.id, scope === 'total' ? null : scope) : null;
      headline.push(row(`${r.id}.${scope}`, r.id, 'ratio', ratio(A), ratio(B), { scope }));
    }

  const byMechanism: Row[] = [];
  for (const mech of mechs)
    for (const scope of govs)
      for (const metric of mechMetrics) {
        byMechanism.push(
          row(`${metric}.${scope}.${mech}`, metric, 'amount', moneyOf(A, metric, scope, mech), moneyOf(B, metric, scope, mech), {
            scope,
            mech,
          }),
        );
      }

  const byYear: Row[] = [];
  for (const year of years)
    for (const scope of scopes)
      for (const metric of yearMetrics) {
        byYear.push(
          row(
            `${metric}.${scope}.${year}`,
            metric,
            'amount',
            moneyOf(A, metric, scope, undefined, year),
            moneyOf(B, metric, scope, undefined, year),
            { scope, year },
          ),
        );
      }

  const verdicts: VerdictRow[] = [];
  const verdict = (path: string, label: string, x: boolean | null, y: boolean | null) =>
    verdicts.push({ path, label, base: x, alt: y, changed: x !== y });
  for (const g of govs)
    for (const reading of FLOOR_READINGS) {
      const met = (m: Measure<Dec>) => (m.govs.includes(g) ? m.floor(g, reading).met : null);
      verdict(`floor.${g}.${reading}.met`, `Floor, ${g}: ${floorReadingLabel(reading, B.basis.label)}`, met(A), met(B));
    }
  verdict('target.met', 'Target: headline mobilization', A.target().met, B.target().met);
  verdict('target.private.met', 'Target: private capital only', A.target('private').met, B.target('private').met);
  // The plan's own tests, each as run gives it (its own case and basis); absent on a side: null.
  const tests = (ev: Evaluation) => new Map(testVerdicts(ev).map((v) => [v.test.id, v]));
  const ta = tests(a),
    tb = tests(b);
  for (const id of union([...ta.keys()], [...tb.keys()])) {
    const x = ta.get(id),
      y = tb.get(id);
    verdict(`targets.${id}`, `Test ${id}: ${(y ?? x)!.test.that}`, x?.outcome.holds ?? null, y?.outcome.holds ?? null);
  }

  const claims: ClaimRow[] = [];
  const claimIds = union(
    a.claims.map((c) => c.claim.id),
    b.claims.map((c) => c.claim.id),
  );
  for (const id of claimIds) {
    const x = a.claims.find((c) => c.claim.id === id);
    const y = b.claims.find((c) => c.claim.id === id);
    const side = (c: typeof x): ClaimSide | null => (c ? { computed: c.computed, holds: c.holds, verdict: c.verdict } : null);
    const c = (y ?? x)!.claim;
    const unit = valueUnit(c.expr.unit);
    claims.push({
      id,
      text: c.text ?? id,
      metric: c.metric,
      unit,
      base: side(x),
      alt: side(y),
      changed: x?.verdict !== y?.verdict,
    });
  }

  return {
    base: { name: a.scenario.name, file: a.scenario.file, chain: a.scenario.chain },
    alt: { name: b.scenario.name, file: b.scenario.file, chain: b.scenario.chain },
    case: b.case,
    horizon: { start: b.scenario.horizon.start, years: b.scenario.horizon.years, ...cal(b.scenario) },
    baseHorizon: { start: a.scenario.horizon.start, years: a.scenario.horizon.years, ...cal(a.scenario) },
    govsDiffer: A.govs.join() !== B.govs.join(),
    currency: b.scenario.currency,
    labels: B.context,
    headline,
    byMechanism,
    byYear,
    verdicts,
    claims,
    inputs: diffInputs(a.scenario, b.scenario),
  };
}

// ---- inputs

/** Every input of a scenario by path: its figures, and the settings that are not numbers. */
export function inputsOf(s: Scenario): Map<string, InputSide> {
  const out = new Map<string, InputSide>();
  // A shared default (e.g. assumptions.followOn) is listed once per use; the first is enough.
  for (const f of s.figures)
    if (!out.has(f.path))
      out.set(f.path, { value: { kind: 'figure', unit: f.unit, value: f.value }, source: f.source, loc: f.loc });
  const set = (path: string, value: string, source?: string, loc?: Loc) => {
    if (!out.has(path)) out.set(path, { value: { kind: 'setting', value }, source, loc });
  };
  const fy = (i: number) => yearName(s.horizon, i);
  set('horizon', `${fy(0)}-${fy(s.horizon.years - 1)} (${s.horizon.years} years)`, s.horizon.source);
  set('targets.includeFollowOn', String(s.targets.includeFollowOn));
  set('scoring.basis', s.basis);
  for (const m of s.mechanisms) {
    set(m.path, `${m.kind}${isActive(s, m) ? '' : ' (inactive)'}`, m.source, m.loc);
    for (const x of kindOf(m).settings(m, fy)) set(x.path, x.value, x.source, x.loc);
  }
  return out;
}

function sameValue(x: InputValue, y: InputValue): boolean {
  if (x.kind === 'setting' || y.kind === 'setting') return x.kind === y.kind && x.value === y.value;
  return x.value.low.eq(y.value.low) && x.value.base.eq(y.value.base) && x.value.high.eq(y.value.high);
}

/**
 * A figure's path whatever form it is written in: `rate: { value: 8%, source }` and
 * `rate: 6%` are one input (`rate`), so a change between the forms is one change of value.
 */
export const inputKey = (path: string) => path.replace(/\.(value|amount)$/, '');

/** The inputs whose value or source differ, in the base's order, then those only the alternative has. */
export function diffInputs(a: Scenario, b: Scenario): InputRow[] {
  // Matched by the short form; a path whose short form names another input too (a setting
  // of the same item) keeps its own. Each side keeps the path it is written at.
  const byKey = (m: Map<string, InputSide>) =>
    new Map([...m].map(([path, side]) => [m.has(inputKey(path)) ? path : inputKey(path), { path, side }]));
  const x = byKey(inputsOf(a)),
    y = byKey(inputsOf(b));
  const rows: InputRow[] = [];
  for (const key of union([...x.keys()], [...y.keys()])) {
    const p = x.get(key)?.side ?? null,
      q = y.get(key)?.side ?? null;
    // A figure differs in its value or its source; a setting (whose source is its figure's) only in its value.
    // A figure rewritten without a source (`6%` over `{ value: 8%, source }`) differs only in its value.
    if (
      p &&
      q &&
      sameValue(p.value, q.value) &&
      (p.value.kind === 'setting' || (q.source ?? p.source ?? '') === (p.source ?? ''))
    )
      continue;
    // The path as the alternative writes it (the base's, for an input it removes).
    rows.push({ path: (y.get(key) ?? x.get(key))!.path, base: p, alt: q });
  }
  return rows;
}
