// Metric paths: the names by which claims, assertions, diffs, thresholds and `explain`
// refer to a figure, e.g. budgetCost.US.perYear, privateMobilized.total.F-4,
// floor.IL.appropriated.met. A path is parsed once, against the scenario's names, into
// a typed MetricRef that every later stage passes around.
import { didYouMean } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import {
  FLOOR_FIELDS,
  FLOOR_READINGS,
  type FloorField,
  type FloorReading,
  MONEY_METRIC_IDS,
  type MoneyMetricId,
  RATIO_METRIC_IDS,
  type RatioMetricId,
  TARGET_FIELDS,
  TARGET_READINGS,
  type TargetField,
  type TargetReading,
  TEST_FIELDS,
  type TestField,
} from './metrics.js';

/** The government a figure covers; null is every government together (written `total`). */
export type Gov = string | null;
export type Period = 'perYear' | 'after' | number;

export type MetricRef =
  | { kind: 'money'; metric: MoneyMetricId; gov: Gov; mech?: string; period?: Period }
  | { kind: 'ratio'; metric: RatioMetricId; gov: Gov; mech?: string }
  | { kind: 'floor'; gov: string; reading: FloorReading; field: FloorField }
  | { kind: 'target'; field: TargetField; reading?: TargetReading }
  /** `unit`: the unit of the test's expression (its margin is in it), when the names knew it. */
  | { kind: 'test'; id: string; field: TestField; unit?: ExprUnit }
  /** `unit`: the unit of the measure's expression, when the names knew it (a ratio is shown as one). */
  | { kind: 'measure'; id: string; unit?: ExprUnit };

/** The unit of an expression: money is the plan's currency; ratio a plain multiple (15x); percent a share (35%); number a bare figure. */
export type ExprUnit = 'money' | 'ratio' | 'percent' | 'count' | 'number' | 'boolean';

/** A claim's metric: one path, or several money paths added up. */
export type ClaimRef = MetricRef[];

export type ValueUnit = 'amount' | 'ratio' | 'count' | 'boolean';

/** The names a path may use: the scenario's governments, mechanisms and years. */
export interface Names {
  govs: readonly string[];
  mechs: readonly string[];
  /** The scenario's own measures (measure.ID). */
  measures?: readonly string[];
  /** The unit of each of the plan's own measures (a ref to one carries it). */
  measureUnits?: ReadonlyMap<string, ExprUnit>;
  /** The ids of the plan's target tests (targets.ID). */
  tests?: readonly string[];
  /** The unit of each target test's expression (targets.ID.margin is in it). */
  testUnits?: ReadonlyMap<string, ExprUnit>;
  start: number;
  years: number;
  /** The plan's years are calendar years: a year in a path is written CY2015. */
  calendar?: boolean;
}

export type ParsedPath = { ok: true; ref: MetricRef } | { ok: false; message: string; hint: string };

const TOTAL = 'total';
/** Example paths for a hint, with a year of the plan's own horizon (FY2029, or CY2017 in a calendar-year plan starting in 2015). */
const examples = (n: Pick<Names, 'start' | 'years' | 'calendar'>) =>
  `budgetCost.US.perYear, publicCommitment.total.F-3.${n.calendar ? 'CY' : 'FY'}${n.start + Math.min(2, n.years - 1)}, leverage.commitment.total, floor.IL.appropriated.met or target.met`;

export function parseMetricPath(path: string, n: Names): ParsedPath {
  const parts = path.split('.');
  const head = parts[0]!;
  const bad = (message: string, near?: string, options: readonly string[] = []): ParsedPath => {
    const dym = near !== undefined ? didYouMean(near, options) : undefined;
    return { ok: false, message, hint: dym ? M.didYouMean(dym) : M.metricHint(examples(n)) };
  };
  const scopes = [TOTAL, ...n.govs];
  // scope and mechanism, both optional, from parts[i]
  const scopeMech = (i: number) => {
    let gov: Gov = null;
    if (parts[i] !== undefined && scopes.includes(parts[i]!)) {
      gov = parts[i] === TOTAL ? null : parts[i]!;
      i++;
    }
    let mech: string | undefined;
    if (parts[i] !== undefined && n.mechs.includes(parts[i]!)) mech = parts[i++]!;
    return { gov, mech, i };
  };
  if ((MONEY_METRIC_IDS as readonly string[]).includes(head)) {
    const { gov, mech, i: j } = scopeMech(1);
    let i = j;
    let period: Period | undefined;
    const p = parts[i];
    if (p !== undefined) {
      const fy = (n.calendar ? /^CY(\d{4})$/ : /^FY(\d{4})$/).exec(p);
      if (p === 'perYear' || p === 'after') period = p;
      else if (fy && Number(fy[1]) >= n.start && Number(fy[1]) < n.start + n.years) period = Number(fy[1]) - n.start;
      else
        return bad(M.metricUnknownPart(p, path), p, [
          ...scopes,
          ...n.mechs,
          'perYear',
          'after',
          `${n.calendar ? 'CY' : 'FY'}${n.start}`,
        ]);
      i++;
    }
    if (i < parts.length) return bad(M.metricExtraParts(path, parts.slice(0, i).join('.')));
    return { ok: true, ref: { kind: 'money', metric: head as MoneyMetricId, gov, mech, period } };
  }
  // The longest id first: multiplier.commitment.US is that ratio, not multiplier's part "commitment".
  const ratio = [...RATIO_METRIC_IDS].sort((a, b) => b.length - a.length).find((id) => path === id || path.startsWith(`${id}.`));
  if (ratio) {
    const { gov, mech, i } = scopeMech(ratio.split('.').length);
    if (i < parts.length) return bad(M.metricUnknownPart(String(parts[i]), path), parts[i], [...scopes, ...n.mechs]);
    return { ok: true, ref: { kind: 'ratio', metric: ratio, gov, mech } };
  }
  if (RATIO_METRIC_IDS.some((id) => id.startsWith(`${head}.`))) {
    const options = RATIO_METRIC_IDS.filter((id) => id.startsWith(`${head}.`)).map((id) => id.slice(head.length + 1));
    return bad(M.ratioNeedsPart(head, options), parts[1], options);
  }
  if (head === 'floor') {
    const gov = parts[1];
    if (gov === undefined || !n.govs.includes(gov)) return bad(M.floorGovernment([...n.govs]), gov, n.govs);
    const reading = parts[2];
    if (!(FLOOR_READINGS as readonly (string | undefined)[]).includes(reading))
      return bad(M.floorBasis(gov, FLOOR_READINGS), reading, FLOOR_READINGS);
    const field = parts[3] ?? 'met';
    if (!(FLOOR_FIELDS as readonly string[]).includes(field) || parts.length > 4)
      return bad(M.metricUnknownPart(field, path), field, FLOOR_FIELDS);
    return { ok: true, ref: { kind: 'floor', gov, reading: reading as FloorReading, field: field as FloorField } };
  }
  if (head === 'target') {
    const reading = (TARGET_READINGS as readonly string[]).includes(parts[1] ?? '') ? (parts[1] as TargetReading) : undefined;
    const at = reading ? 2 : 1;
    const field = parts[at] ?? 'met';
    if (!(TARGET_FIELDS as readonly string[]).includes(field) || parts.length > at + 1)
      return bad(M.metricUnknownPart(field, path), field, reading ? TARGET_FIELDS : [...TARGET_READINGS, ...TARGET_FIELDS]);
    return { ok: true, ref: { kind: 'target', field: field as TargetField, ...(reading ? { reading } : {}) } };
  }
  if (head === 'targets') {
    const known = n.tests ?? [];
    const id = parts[1] ?? '';
    if (!known.includes(id)) return bad(M.unknownTargetTest(id, [...known]), id, known);
    const field = parts[2] ?? 'met';
    if (!(TEST_FIELDS as readonly string[]).includes(field) || parts.length > 3)
      return bad(M.metricUnknownPart(field, path), field, TEST_FIELDS);
    const unit = n.testUnits?.get(id);
    return { ok: true, ref: { kind: 'test', id, field: field as TestField, ...(unit ? { unit } : {}) } };
  }
  if (head === 'measure') {
    const id = parts.slice(1).join('.');
    const known = n.measures ?? [];
    if (!known.includes(id)) return bad(M.unknownMeasure(id, known), id, known);
    const unit = n.measureUnits?.get(id);
    return { ok: true, ref: { kind: 'measure', id, ...(unit ? { unit } : {}) } };
  }
  const heads = [...MONEY_METRIC_IDS, ...new Set(RATIO_METRIC_IDS.map((id) => id.split('.')[0]!)), 'floor', 'target', 'targets'];
  return bad(M.unknownMetric(head), head, heads);
}

/** The path a ref is written as (the inverse of parseMetricPath, given the same names' horizon). */
export function pathOf(ref: MetricRef, n: Pick<Names, 'start' | 'calendar'>): string {
  const scope = (gov: Gov) => gov ?? TOTAL;
  switch (ref.kind) {
    case 'money': {
      const period =
        ref.period === undefined
          ? ''
          : typeof ref.period === 'number'
            ? `.${n.calendar ? 'CY' : 'FY'}${n.start + ref.period}`
            : `.${ref.period}`;
      return `${ref.metric}.${scope(ref.gov)}${ref.mech ? `.${ref.mech}` : ''}${period}`;
    }
    case 'ratio':
      return `${ref.metric}.${scope(ref.gov)}${ref.mech ? `.${ref.mech}` : ''}`;
    case 'floor':
      return `floor.${ref.gov}.${ref.reading}.${ref.field}`;
    case 'target':
      return `target.${ref.reading ? `${ref.reading}.` : ''}${ref.field}`;
    case 'test':
      return `targets.${ref.id}${ref.field === 'met' ? '' : `.${ref.field}`}`;
    case 'measure':
      return `measure.${ref.id}`;
  }
}

/** What kind of value a ref names (for parsing a published figure or an assertion's value). */
export function unitOf(ref: MetricRef): ValueUnit {
  switch (ref.kind) {
    case 'money':
      return 'amount';
    case 'ratio':
      return 'ratio';
    case 'floor':
      return ref.field === 'met' || ref.field === 'everyYear' ? 'boolean' : ref.field === 'yearsMet' ? 'count' : 'amount';
    case 'target':
      return ref.field === 'met' ? 'boolean' : 'amount';
    case 'test':
      return ref.field === 'met' ? 'boolean' : valueUnit(ref.unit ?? 'money');
    case 'measure':
      return valueUnit(ref.unit ?? 'money');
  }
}

/** An expression's unit as a kind of value: a share and a plain number read as ratios do. */
export function valueUnit(u: ExprUnit): ValueUnit {
  return u === 'money' ? 'amount' : u === 'percent' || u === 'number' ? 'ratio' : u;
}

/**
 * What kind of value a path names, from its text alone (no names needed): validation
 * parses a claim's published figure or a declared total with it before names are known.
 */
export function unitOfText(path: string): ValueUnit {
  const parts = path.split('.');
  const head = parts[0];
  if (RATIO_METRIC_IDS.some((id) => path === id || path.startsWith(`${id}.`) || id.startsWith(`${head}.`))) return 'ratio';
  if (head === 'target') return parts[parts.length - 1] === 'shortfall' ? 'amount' : 'boolean';
  if (head === 'targets') return parts[2] === 'margin' ? 'amount' : 'boolean';
  if (head === 'floor') {
    const field = parts[3];
    return field === undefined || field === 'met' || field === 'everyYear'
      ? 'boolean'
      : field === 'yearsMet'
        ? 'count'
        : 'amount';
  }
  return 'amount';
}
