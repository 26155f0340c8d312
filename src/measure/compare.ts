// compare: several evaluations on the same rows, each set against a reference (the
// baseline): the options table budget staff hand decision-makers. A row is one figure on
// a stated scoring basis. What a scenario cannot answer (a government it does not have)
// is n/a with the reason, and a change across different horizons is not computed: never
// a silent zero.
import { type Dec, Exact } from '../core/money.js';
import { M } from '../core/messages.js';
import { BASES, type Basis, basisApplies } from '../model/bases.js';
import { type Expr, parseExpr, refsOf } from '../model/expr.js';
import { namesOf } from '../model/names.js';
import { valueUnit, type ValueUnit } from '../model/paths.js';
import type { Evaluation } from './evaluate.js';
import { percent } from './diff.js';
import { ratioOf } from './tests.js';

export type CompareValue = Dec | boolean | null;

/** What a row asks of each scenario: a value, or why it has none. */
export type Answer = { value: CompareValue } | { na: string; hint?: string };

export interface RowSpec {
  /** The figure's metric path, as run's JSON and `explain` name it (e.g. budgetCost.US). */
  path: string;
  /** The scoring basis the figure is on (a basis id), or null when no basis enters it. */
  basis: string | null;
  label: string;
  unit: ValueUnit;
  /** A figure summed over the horizon: two horizons' totals are not comparable. */
  overHorizon: boolean;
  /** Where `run --basis BASIS --format json` has the same figure (a JSON pointer). */
  json?: string;
  answer(ev: Evaluation): Answer;
}

export interface Change {
  change: Dec | null;
  /** The change as a percentage of the baseline (money and ratios; null when the baseline is 0). */
  pct: Dec | null;
  /** A verdict that differs from the baseline's. */
  changed: boolean;
  /** Why no change is given. */
  na?: string;
}

export interface CompareRow {
  spec: RowSpec;
  answers: Answer[];
  /** One per scenario; the baseline's own is null. */
  changes: (Change | null)[];
}

export interface Comparison {
  evaluations: Evaluation[];
  /** Index of the reference scenario. */
  baseline: number;
  rows: CompareRow[];
  /** What is not comparable, said once each (different horizons, governments). */
  notes: string[];
}

const scopeKey = (g: string | null) => g ?? 'total';

/** The governments of every scenario: the baseline's first, then the others' in order of appearance. */
export function governmentsOf(evs: Evaluation[], baseline: number): string[] {
  const out: string[] = [];
  for (const ev of [evs[baseline]!, ...evs]) for (const g of ev.scenario.governments) if (!out.includes(g.code)) out.push(g.code);
  return out;
}

const has = (ev: Evaluation, g: string | null) => g === null || ev.measure.govs.includes(g);
const noGov = (g: string | null): Answer => ({ na: M.compareNoGovernment(g ?? '') });
const basisIndex = (id: string) => BASES.findIndex((b) => b.id === id);

const appliesTo = (ev: Evaluation, g: string, basis: string) => basisApplies(ev.scenario.governments, g, basis);

/**
 * A sponsor's answer on a basis: n/a where the sponsor is not in the scenario or the basis
 * does not apply to it (its figure there would be its own books', shown on their own row).
 */
function onBasis(ev: Evaluation, g: string, basis: string, answer: () => Answer): Answer {
  if (!has(ev, g)) return noGov(g);
  return appliesTo(ev, g, basis) ? answer() : { na: M.compareBasisNotApplicable(basis, g) };
}

function moneyRow(
  metric: 'publicCommitment' | 'budgetCost' | 'outlays' | 'privateMobilized' | 'headlineMobilization',
  g: string | null,
  basis: string | null,
  label: string,
): RowSpec {
  const key = metric === 'headlineMobilization' ? 'headlineMobilizationDetail' : metric;
  return {
    path: g === null && metric === 'headlineMobilization' ? metric : `${metric}.${scopeKey(g)}`,
    basis,
    label,
    unit: 'amount',
    overHorizon: true,
    json: `/metrics/${key}/${scopeKey(g)}`,
    answer: (ev) => {
      const value = () => ({
        value: ev.measure.money(metric, g, undefined, undefined, basis === null ? undefined : basisIndex(basis)),
      });
      if (g === null) return value();
      return basis === null ? (has(ev, g) ? value() : noGov(g)) : onBasis(ev, g, basis, value);
    },
  };
}

/** The scoring bases options are compared on: those any of them is read on (model/bases.ts planBases). */
export function comparedBases(evs: readonly Evaluation[]): Basis[] {
  return BASES.filter((b) => evs.some((ev) => ev.measure.planBases.includes(b)));
}

/**
 * The rows a memo needs: public commitment, budget cost on each basis, outlays, private
 * capital mobilized, headline mobilization, the multiplier on each basis, every floor
 * verdict (each government, each basis and the commitment reading) and the target. A
 * sponsor has rows only on the bases that apply to it in one of the options (`evs`; a
 * sponsor on cash books has none on the federal basis), n/a in an option where one does not.
 */
export function defaultRows(
  govs: string[],
  floor: boolean,
  target: boolean,
  bases: readonly Basis[] = BASES,
  evs: readonly Evaluation[] = [],
): RowSpec[] {
  const scopes: (string | null)[] = [...govs, null];
  const who = (g: string | null) => (g === null ? 'total' : g);
  // Without the options to ask, every basis is shown for every sponsor (as before).
  const shown = (g: string | null, b: Basis) => g === null || !evs.length || evs.some((ev) => appliesTo(ev, g, b.id));
  const rows: RowSpec[] = scopes.map((g) => moneyRow('publicCommitment', g, null, `Public commitment, ${who(g)}`));
  for (const b of bases)
    for (const g of scopes) if (shown(g, b)) rows.push(moneyRow('budgetCost', g, b.id, `Budget cost (${b.label}), ${who(g)}`));
  for (const b of bases) rows.push(moneyRow('outlays', null, b.id, `Outlays (${b.label}), total`));
  rows.push(moneyRow('privateMobilized', null, null, 'Private capital mobilized, total'));
  rows.push(moneyRow('headlineMobilization', null, null, 'Headline mobilization'));
  for (const b of bases)
    rows.push({
      path: 'multiplier.total',
      basis: b.id,
      label: `Multiplier (${b.label}): total investment per budget dollar`,
      unit: 'ratio',
      overHorizon: false,
      json: '/metrics/multiplier/total',
      answer: (ev) => {
        const m = ev.measure;
        return {
          value: ratioOf(
            Exact,
            m.money('headlineMobilization'),
            m.money('budgetCost', null, undefined, undefined, basisIndex(b.id)),
          ),
        };
      },
    });
  if (floor)
    for (const g of govs) {
      for (const b of bases.filter((x) => shown(g, x)))
        for (const field of ['met', 'everyYear'] as const)
          rows.push({
            path: `floor.${g}.appropriated.${field}`,
            basis: b.id,
            label: `Floor ${g}, budget (${b.label}): ${field === 'met' ? 'average' : 'every year'}`,
            unit: 'boolean',
            overHorizon: false,
            json: `/metrics/floor/${g}/appropriated/${field}`,
            answer: (ev) => onBasis(ev, g, b.id, () => ({ value: ev.measure.floor(g, 'appropriated', basisIndex(b.id))[field] })),
          });
      for (const field of ['met', 'everyYear'] as const)
        rows.push({
          path: `floor.${g}.commitment.${field}`,
          basis: null,
          label: `Floor ${g}, commitment: ${field === 'met' ? 'average' : 'every year'}`,
          unit: 'boolean',
          overHorizon: false,
          json: `/metrics/floor/${g}/commitment/${field}`,
          answer: (ev) => (has(ev, g) ? { value: ev.measure.floor(g, 'commitment')[field] } : noGov(g)),
        });
    }
  if (target)
    rows.push({
      path: 'target.met',
      basis: null,
      label: 'Mobilization target',
      unit: 'boolean',
      overHorizon: false,
      json: '/metrics/target/met',
      answer: (ev) => ({ value: ev.measure.target().met }),
    });
  return rows;
}

/**
 * A row for a metric of the user's (`--metrics`): a path or an expression of the one
 * expression language, read on each scenario's own basis. It is parsed against each
 * scenario's names: one that lacks a government or a mechanism it names answers n/a with the
 * parser's message (and its column).
 */
export function pathRow(path: string): RowSpec {
  const parsed = new WeakMap<Evaluation, { expr: Expr } | { na: string; hint: string }>();
  const exprOf = (ev: Evaluation) => {
    let r = parsed.get(ev);
    if (!r) {
      const p = parseExpr(path, namesOf(ev.scenario));
      r = p.ok ? { expr: p.value } : { na: M.exprColumn(p.error.offset + 1, p.error.message), hint: p.error.hint };
      parsed.set(ev, r);
    }
    return r;
  };
  const spec: RowSpec = {
    path,
    basis: null,
    label: path,
    unit: 'amount',
    overHorizon: true,
    answer: (ev) => {
      const r = exprOf(ev);
      if ('na' in r) return r;
      spec.unit = valueUnit(r.expr.unit);
      // A figure of one year or per year is comparable across horizons; an amount summed over the horizon is not.
      spec.overHorizon =
        r.expr.unit === 'money' &&
        refsOf(r.expr).some((x) => x.kind === 'money' && (x.period === undefined || x.period === 'after'));
      const v = ev.measure.expr(r.expr);
      return { value: v === undefined ? null : v };
    },
  };
  return spec;
}

/** Why a scenario's horizon totals cannot be set against the baseline's, if they cannot. */
function horizonMismatch(ev: Evaluation, base: Evaluation): string | undefined {
  const a = ev.scenario.horizon,
    b = base.scenario.horizon;
  return a.start === b.start && a.years === b.years ? undefined : M.compareOtherHorizon;
}

/** Why a scenario's amounts cannot be set against the baseline's: another currency. */
function currencyMismatch(ev: Evaluation, base: Evaluation): string | undefined {
  const a = ev.scenario.currency,
    b = base.scenario.currency;
  return a === b ? undefined : M.compareOtherCurrency(a, b);
}

function changeOf(spec: RowSpec, a: Answer, b: Answer, horizon: string | undefined, currency: string | undefined): Change {
  if ('na' in a || 'na' in b) return { change: null, pct: null, changed: false, na: 'n/a' };
  const x = b.value,
    y = a.value;
  if (typeof x === 'boolean' || typeof y === 'boolean' || x === null || y === null)
    return { change: null, pct: null, changed: x !== y };
  if (spec.overHorizon && horizon) return { change: null, pct: null, changed: false, na: horizon };
  if (spec.unit === 'amount' && currency) return { change: null, pct: null, changed: false, na: currency };
  const change = y.minus(x);
  return { change, pct: spec.unit === 'count' ? null : percent(x, change), changed: !change.isZero() };
}

export function compareEvaluations(evs: Evaluation[], baseline: number, specs: RowSpec[]): Comparison {
  const base = evs[baseline]!;
  const horizons = evs.map((ev) => horizonMismatch(ev, base));
  const currencies = evs.map((ev) => currencyMismatch(ev, base));
  const rows = specs.map((spec) => {
    const answers = evs.map((ev) => spec.answer(ev));
    const changes = answers.map((a, i) =>
      i === baseline ? null : changeOf(spec, a, answers[baseline]!, horizons[i], currencies[i]),
    );
    return { spec, answers, changes };
  });
  const notes: string[] = [];
  evs.forEach((ev, i) => {
    if (horizons[i]) notes.push(M.compareHorizonNote(ev.scenario.name, ev.scenario.horizon, base.scenario.horizon));
    if (currencies[i]) notes.push(M.compareCurrencyNote(ev.scenario.name, ev.scenario.currency, base.scenario.currency));
    const missing = base.measure.govs.filter((g) => !ev.measure.govs.includes(g));
    const extra = ev.measure.govs.filter((g) => !base.measure.govs.includes(g));
    if (missing.length || extra.length) notes.push(M.compareGovernmentsNote(ev.scenario.name, missing, extra));
  });
  return { evaluations: evs, baseline, rows, notes };
}
