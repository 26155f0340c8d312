// Thresholds (`diff --fail-if`, the review's `fail-if`): a rule on how an alternative may
// differ from its base. Three forms:
//   METRIC OP +N / -N / +N% / -N%   a change (alt - base), in USD millions for amounts
//   METRIC OP N level                a level: the alternative's own figure
//   VERDICT: must-not-flip           a verdict (floor.US.met, target.met, targets.*) that may not change
// N is any amount the scenario format accepts (100M, 0.1B, $1.2bn; a bare number is millions).
// An unsigned limit without `level` is the old form: a change, as it always was, with a
// deprecation warning (it will mean a level). A threshold whose path names a government,
// mechanism or measure a scenario does not have does not apply to it (n/a), not an error.
//
// The left side is a metric path (parsed by model/paths.ts) or an expression of the one
// expression language (model/expr.ts: `budgetCost.US / publicCommitment.US > +0.05`), parsed
// against each side's names; parseThreshold's left side and checkThreshold's `sideValue` are
// the only two places that read it.
import { parseFigure } from '../core/amount.js';
import { M } from '../core/messages.js';
import { Dec, MILLION } from '../core/money.js';
import { FLOOR_READINGS } from '../model/metrics.js';
import { type MetricRef, parseMetricPath, unitOf, valueUnit } from '../model/paths.js';
import { parseExpr } from '../model/expr.js';
import { namesOf } from '../model/names.js';
import type { Evaluation } from './evaluate.js';
import type { Measure } from './measure.js';
import { moneyOf, percent, type RowUnit, type VerdictRow } from './diff.js';
import { yearName } from '../model/scenario.js';

export type Op = '>' | '>=' | '<' | '<=';

export interface NumericThreshold {
  form: 'change' | 'level';
  text: string;
  path: string;
  op: Op;
  /** In USD millions for amounts, in the metric's own unit for ratios, or in percent. */
  limit: Dec;
  percent: boolean;
  /** Written with a unit (100M, 0.1B): an amount, refused on a ratio. */
  scaled: boolean;
  /** The old unsigned form, read as a change: deprecated. */
  legacy: boolean;
}

export interface PolicyThreshold {
  form: 'must-not-flip';
  text: string;
  /** A verdict path or pattern: floor.US.met, floor.*.met, target.met, targets.* */
  path: string;
}

export type Threshold = NumericThreshold | PolicyThreshold;

/** The left side (a path or an expression: no comparison in it), the operator, the limit. */
const NUMERIC = /^\s*([^<>=]*?[^\s<>=])\s*(>=|<=|>|<)\s*([+-]?)\s*([^\s%+-][^%]*?)\s*(%)?\s*(level)?\s*$/i;
/** A left side that is one metric path (else an expression). */
const PATH = /^[A-Za-z][\w.-]*$/;
const POLICY = /^\s*([A-Za-z][\w.*-]*)\s*:\s*must-not-flip\s*$/i;

/** The limit as written: a bare number (millions, or the metric's unit), or an amount with its unit. */
function limitOf(raw: string, pct: boolean): { value: Dec; scaled: boolean } | undefined {
  const bare = /^\$?(\d+(?:\.\d+)?|\.\d+)$/.exec(raw);
  if (bare) return { value: Dec.of(bare[1]!), scaled: false };
  if (pct) return undefined;
  const f = parseFigure(raw, 'amount');
  if (!f.ok || !f.value.low.eq(f.value.high)) return undefined;
  return { value: f.value.base.div(MILLION), scaled: true };
}

/** Parses one threshold; undefined when it is none of the three forms. */
export function parseThreshold(text: string): Threshold | undefined {
  const p = POLICY.exec(text);
  if (p) return { form: 'must-not-flip', text: text.trim(), path: p[1]! };
  const m = NUMERIC.exec(text);
  if (!m) return undefined;
  const [, path, op, sign, raw, pctMark, level] = m;
  const pct = pctMark === '%';
  const lim = limitOf(raw!, pct);
  if (!lim) return undefined;
  // A level is the figure itself: no sign, no percent.
  if (level && (sign || pct)) return undefined;
  const limit = sign === '-' ? lim.value.neg() : lim.value;
  const form = level ? 'level' : 'change';
  // An unsigned percentage can only be a change; an unsigned amount is the old form.
  const legacy = !level && !sign && !pct;
  return { form, text: text.trim(), path: path!, op: op as Op, limit, percent: pct, scaled: lim.scaled, legacy };
}

export type ThresholdCheck =
  | {
      ok: true;
      applies: true;
      crossed: boolean;
      base: Dec | null;
      alt: Dec | null;
      change: Dec | null;
      pct: Dec | null;
      unit: RowUnit;
      /** must-not-flip: the verdicts that changed. */
      flips?: VerdictRow[];
    }
  | { ok: true; applies: false; why: string }
  | { ok: false; message: string; hint: string };

/** A metric on one side; a fiscal year it does not model counts as zero, like the by-year rows. */
function valueOn(m: Measure<Dec>, ref: MetricRef, start: number): Dec | boolean | null {
  if (ref.kind === 'money' && typeof ref.period === 'number')
    return moneyOf(m, ref.metric, ref.gov ?? 'total', ref.mech, yearName({ ...m.s.horizon, start }, ref.period));
  if (ref.kind === 'money' || ref.kind === 'ratio') {
    if (ref.gov !== null && !m.govs.includes(ref.gov)) return ref.kind === 'money' ? Dec.ZERO : null;
    if (ref.mech !== undefined && !m.mechs.includes(ref.mech)) return ref.kind === 'money' ? Dec.ZERO : null;
  }
  return m.value(ref);
}

const union = (a: readonly string[], b: readonly string[]) => [...a, ...b.filter((x) => !a.includes(x))];

/** Checks a numeric threshold going from `a` to `b`. */
export function checkThreshold(t: NumericThreshold, a: Evaluation, b: Evaluation): ThresholdCheck {
  const govs = union(a.measure.govs, b.measure.govs);
  const mechs = union(a.measure.mechs, b.measure.mechs);
  const measures = union(
    a.scenario.measures.map((x) => x.id),
    b.scenario.measures.map((x) => x.id),
  );
  // Any path a row of the diff shows must work here: parse against both sides' years.
  const ha = a.scenario.horizon,
    hb = b.scenario.horizon;
  const start = Math.min(ha.start, hb.start);
  const years = Math.max(ha.start + ha.years, hb.start + hb.years) - start;
  if (!PATH.test(t.path)) return checkExpression(t, a, b);
  const names = { govs, mechs, measures, start, years };
  const r = parseMetricPath(t.path, names);
  if (!r.ok) {
    // Would it parse if the scenarios had the names it uses? Then it is a rule for other plans.
    const parts = t.path.split('.').slice(1);
    const wider = { ...names, govs: [...govs, ...parts], mechs: [...mechs, ...parts], measures: [...measures, ...parts] };
    if (parseMetricPath(t.path, wider).ok) {
      const missing = parts.filter((x) => !govs.includes(x) && !mechs.includes(x) && !measures.includes(x));
      return { ok: true, applies: false, why: M.thresholdNotApplicable(missing.join(', ')) };
    }
    return r;
  }
  const x = valueOn(a.measure, r.ref, start),
    y = valueOn(b.measure, r.ref, start);
  const measureUnits = new Map([...a.scenario.measures, ...b.scenario.measures].map((me) => [me.id, valueUnit(me.expr.unit)]));
  const ru = r.ref.kind === 'measure' ? (measureUnits.get(r.ref.id) ?? 'amount') : unitOf(r.ref);
  if (typeof x === 'boolean' || typeof y === 'boolean' || ru === 'boolean')
    return { ok: false, message: M.failIfBoolean(t.path), hint: M.failIfBooleanHint };
  return compareSides(t, x, y, ru === 'amount' ? 'amount' : 'ratio');
}

/**
 * A threshold whose left side is an expression: parsed against each side's own names (one
 * that names what a side lacks does not apply to it: n/a), evaluated on each side.
 */
function checkExpression(t: NumericThreshold, a: Evaluation, b: Evaluation): ThresholdCheck {
  const pa = parseExpr(t.path, namesOf(a.scenario)),
    pb = parseExpr(t.path, namesOf(b.scenario));
  if (!pa.ok && !pb.ok) return { ok: false, message: M.exprColumn(pb.error.offset + 1, pb.error.message), hint: pb.error.hint };
  if (!pa.ok || !pb.ok) {
    const e = (pa.ok ? pb : pa) as { ok: false; error: { message: string } };
    return { ok: true, applies: false, why: e.error.message };
  }
  if (pa.value.unit === 'boolean' || pb.value.unit === 'boolean')
    return { ok: false, message: M.failIfBoolean(t.path), hint: M.failIfBooleanHint };
  const x = a.measure.expr(pa.value),
    y = b.measure.expr(pb.value);
  if (typeof x === 'boolean' || typeof y === 'boolean')
    return { ok: false, message: M.failIfBoolean(t.path), hint: M.failIfBooleanHint };
  return compareSides(t, x, y, pb.value.unit === 'money' ? 'amount' : 'ratio');
}

/** A numeric threshold on the two sides' values (null: not defined on that side). */
function compareSides(t: NumericThreshold, x: Dec | null, y: Dec | null, unit: RowUnit): ThresholdCheck {
  if (t.scaled && unit !== 'amount') return { ok: false, message: M.failIfScaled(t.path), hint: M.failIfScaledHint };
  const na = { ok: true as const, applies: true as const, crossed: false, change: null, pct: null, unit };
  if (t.form === 'level') {
    if (y === null) return { ...na, base: x, alt: y };
    const change = x === null ? null : y.minus(x);
    const v = unit === 'amount' ? y.div(MILLION) : y;
    return { ...na, crossed: cmp(v, t.op, t.limit), base: x, alt: y, change, pct: x && change ? percent(x, change) : null };
  }
  if (x === null || y === null) return { ...na, base: x, alt: y };
  const change = y.minus(x);
  const pct = percent(x, change);
  let crossed: boolean;
  if (t.percent && pct === null) {
    // From zero, any change is an unbounded percentage in its own direction.
    crossed = change.isZero() ? cmp(Dec.ZERO, t.op, t.limit) : change.isNeg() ? t.op.startsWith('<') : t.op.startsWith('>');
  } else {
    const v = t.percent ? pct! : unit === 'amount' ? change.div(MILLION) : change;
    crossed = cmp(v, t.op, t.limit);
  }
  return { ...na, crossed, base: x, alt: y, change, pct };
}

function cmp(v: Dec, op: Op, limit: Dec): boolean {
  switch (op) {
    case '>':
      return v.gt(limit);
    case '>=':
      return v.gte(limit);
    case '<':
      return v.lt(limit);
    case '<=':
      return v.lte(limit);
  }
}

/**
 * Whether a verdict path matches a policy's pattern: `*` is any run of characters,
 * `targets` is `target`, and `floor.G.met` stands for every reading (floor.G.appropriated.met, ...).
 */
export function verdictMatches(pattern: string, path: string): boolean {
  // `targets.*` names the plan's tests (targets.ID) and, as it always did, the target's readings.
  const res = [pattern, pattern.replace(/^targets(?=\.|$)/, 'target')].map(
    (p) =>
      new RegExp(
        `^${p
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ),
  );
  const readings = FLOOR_READINGS.join('|');
  const short = path.replace(new RegExp(`^(floor\\.[^.]+)\\.(?:${readings})\\.`), '$1.');
  return res.some((re) => re.test(path) || re.test(short));
}

/** A must-not-flip policy against the verdicts of a diff: crossed when a matching verdict changed. */
export function checkPolicy(t: PolicyThreshold, verdicts: readonly VerdictRow[]): ThresholdCheck {
  const matching = verdicts.filter((v) => verdictMatches(t.path, v.path));
  if (!matching.length) return { ok: true, applies: false, why: M.policyNotApplicable };
  const flips = matching.filter((v) => v.changed);
  return {
    ok: true,
    applies: true,
    crossed: flips.length > 0,
    base: null,
    alt: null,
    change: null,
    pct: null,
    unit: 'ratio',
    flips,
  };
}
