// `diff` as a report model: the summary line, then sections of changed rows (headline,
// by mechanism, by year, inputs, verdicts, claims, thresholds), rendered by the terminal
// and markdown renderers like every other report.
import { millionsOf } from '../core/currency.js';
import type { Ranged, Unit } from '../core/amount.js';
import { type Dec, displayMillions } from '../core/money.js';
import type { ClaimRow, InputRow, InputSide, InputValue, Row, ScenarioDiff, VerdictRow } from '../measure/diff.js';
import type { Threshold, ThresholdCheck } from '../measure/thresholds.js';
import {
  moneyMetric,
  ratioMetric,
  type MoneyMetricId,
  type RatioMetricId,
  RATIO_METRIC_IDS,
  RATIO_METRICS,
} from '../model/metrics.js';
import { unitOfText } from '../model/paths.js';
import { type Column, left, type Report, right, type Section as ReportSection, type Table, text } from './model.js';
import { horizonText } from './run.js';

export interface DiffView {
  /** Show unchanged rows too. */
  all: boolean;
  thresholds: { t: Threshold; r: Extract<ThresholdCheck, { ok: true }> }[];
}

/** A row's label, from the metric registry. */
const label = (d: ScenarioDiff, metric: Row['metric']) =>
  (RATIO_METRIC_IDS as readonly string[]).includes(metric)
    ? ratioMetric(metric as RatioMetricId).label(d.labels)
    : moneyMetric(metric as MoneyMetricId).label(d.labels);

const signed = (s: string) => (s.startsWith('-') || /^[0.,]+x?$/.test(s) ? s : `+${s}`);
/** Ratios get 3 places: leverage moves in small steps that 2 places would round away. */
const value = (x: Dec | null, unit: Row['unit']) =>
  x === null ? 'n/a' : unit === 'amount' ? displayMillions(x) : `${x.toFixed(3)}x`;
const changeText = (r: { change: Dec | null; unit: Row['unit'] }) =>
  r.change === null ? 'n/a' : signed(value(r.change, r.unit));
/** A threshold's row: its change (or, for a verdict policy, the verdicts that flipped) and result. */
function thresholdRow(t: Threshold, r: Extract<ThresholdCheck, { ok: true }>): string[] {
  if (!r.applies) return [t.text, '—', '—', `n/a: ${r.why}`];
  const result = r.crossed ? 'CROSSED' : 'ok';
  if (r.flips) return [t.text, r.flips.map((f) => `${f.path} ${f.base} -> ${f.alt}`).join('; ') || 'none flipped', '—', result];
  return [t.text, changeText(r), pctText(r), result];
}

/** Percent of base; "new" when base is 0 and alt is not. */
const pctText = (r: Pick<Row, 'pct' | 'change' | 'base'>) =>
  r.pct !== null
    ? `${signed(r.pct.toFixed(1))}%`
    : r.base?.isZero() && r.change !== null && !r.change.isZero()
      ? 'new'
      : r.change?.isZero()
        ? '0.0%'
        : 'n/a';

const verdictText = (v: boolean | null) => (v === null ? 'n/a' : v ? 'MET' : 'NOT MET');

function figureText(v: Ranged, unit: Unit | undefined): string {
  const one = (x: Dec) =>
    unit === 'amount'
      ? displayMillions(x)
      : unit === 'rate'
        ? `${x.times(100).toPlain(4)}%`
        : unit === 'ratio'
          ? `${x.toPlain(4)}x`
          : x.toPlain(6);
  return v.low.eq(v.high) ? one(v.base) : `${one(v.base)} (${one(v.low)}-${one(v.high)})`;
}
const inputValueText = (v: InputValue) => (v.kind === 'figure' ? figureText(v.value, v.unit) : v.value);
const sideText = (s: InputSide | null) => (s === null ? '(absent)' : inputValueText(s.value));
/**
 * The source of the side that holds the value now (the alternative's, unless the input was
 * removed); a figure the alternative rewrote without a source keeps the base's, said so.
 */
const sourceOf = (r: InputRow) =>
  r.alt?.source ?? (r.alt && r.base?.source ? `${r.base.source} (the base's source)` : (r.base?.source ?? ''));
const whereOf = (r: InputRow) => {
  const l = (r.alt ?? r.base)?.loc;
  return l ? `${l.file}:${l.line}` : '';
};

function claimSideText(s: ClaimRow['base'], metric: string): string {
  if (s === null) return '(absent)';
  const c = s.computed;
  const v =
    c === null ? 'n/a' : typeof c === 'boolean' ? String(c) : unitOfText(metric) === 'amount' ? displayMillions(c) : c.toFixed(2);
  return `${v} (${s.verdict})`;
}

function mechLabel(r: Row) {
  return r.mech ?? '';
}

/** Rows shown: changed ones (or all), never a deprecated ratio (kept in JSON for scripts). */
const shown = (rows: Row[], all: boolean) =>
  rows.filter((r) => (all || r.changed) && !RATIO_METRICS.some((x) => x.deprecated && x.id === r.metric));

/** One line a reader takes in first: the headline, the budget cost per government, and counts. */
export function summaryLine(d: ScenarioDiff): string {
  const h = d.headline.find((r) => r.path === 'headlineMobilization.total')!;
  const govs = d.headline.filter((r) => r.metric === 'budgetCost' && r.scope !== 'total');
  const move = (r: Row) => (r.changed ? `${changeText(r)}${r.pct !== null ? ` (${pctText(r)})` : ''}` : 'unchanged');
  const flips = d.verdicts.filter((v) => v.changed).length;
  const claimFlips = d.claims.filter((c) => c.changed).length;
  const n = d.inputs.length;
  return [
    `headline mobilization ${move(h)}`,
    `budget cost ${govs.map((r) => `${r.scope} ${move(r)}`).join(', ')}`,
    `${n === 0 ? 'no input differs' : n === 1 ? '1 input differs' : `${n} inputs differ`}`,
    flips === 0 ? 'floor and target verdicts unchanged' : `${flips} floor/target verdict${flips === 1 ? '' : 's'} changed`,
    claimFlips === 0 ? 'claim verdicts unchanged' : `${claimFlips} claim${claimFlips === 1 ? '' : 's'} changed verdict`,
  ].join('; ');
}

const sideLine = (s: ScenarioDiff['base']) =>
  `${s.file}${s.chain.length > 1 ? ` (extends ${s.chain.slice(1).join(' -> ')})` : ''}`;

// ---- the report model

const col = (head: string, align: 'left' | 'right' = 'left'): Column => (align === 'left' ? left(head) : right(head));

function section(
  id: string,
  title: string,
  head: string[],
  align: ('left' | 'right')[],
  rows: string[][],
  empty: string,
  detail = false,
  list?: Table['list'],
): ReportSection {
  const table: Table = {
    kind: 'table',
    id,
    columns: head.map((h, i) => col(h, align[i] ?? (i === 0 ? 'left' : 'right'))),
    rows: rows.map((r) => ({ cells: r.map((c) => text(c)), bad: id === 'diff-thresholds' && r[3] === 'CROSSED' })),
    empty,
    detail,
    list,
  };
  return { id, title, blocks: [table] };
}

export function diffReport(d: ScenarioDiff, v: DiffView): Report {
  const money = (r: Row) => [value(r.base, r.unit), value(r.alt, r.unit), changeText(r), pctText(r)];
  const sections: ReportSection[] = [];
  sections.push(
    section(
      'diff-headline',
      `Headline (${horizonText(d.horizon)} totals)`,
      ['Metric', 'Scope', 'Base', 'Alt', 'Change', '%'],
      ['left', 'left'],
      shown(d.headline, v.all).map((r) => [label(d, r.metric), r.scope, ...money(r)]),
      'No headline metric changed.',
    ),
    section(
      'diff-mechanisms',
      'By mechanism and government',
      ['Mechanism', 'Gov', 'Metric', 'Base', 'Alt', 'Change', '%'],
      ['left', 'left', 'left'],
      shown(d.byMechanism, v.all).map((r) => [mechLabel(r), r.scope, label(d, r.metric), ...money(r)]),
      'No mechanism changed.',
    ),
    section(
      'diff-years',
      'By year',
      ['Year', 'Scope', 'Metric', 'Base', 'Alt', 'Change', '%'],
      ['left', 'left', 'left'],
      shown(d.byYear, v.all).map((r) => [r.year!, r.scope, label(d, r.metric), ...money(r)]),
      'No year changed.',
      true,
    ),
    section(
      'diff-inputs',
      'Inputs that differ',
      ['Input', 'Base', 'Alt', 'Source', 'Where'],
      ['left', 'left', 'left', 'left', 'left'],
      d.inputs.map((r) => [r.path, sideText(r.base), sideText(r.alt), sourceOf(r), whereOf(r)]),
      'No input differs.',
      false,
      // In a terminal: the input, base and alt on a line; its source and where it is written beneath.
      { line: [0, 1, 2], beneath: [3, 4], named: 1 },
    ),
    section(
      'diff-verdicts',
      'Floor and target verdicts',
      ['Test', 'Base', 'Alt'],
      ['left', 'left', 'left'],
      d.verdicts.filter((x: VerdictRow) => v.all || x.changed).map((x) => [x.label, verdictText(x.base), verdictText(x.alt)]),
      'No floor or target verdict changed.',
    ),
    section(
      'diff-claims',
      'Claims',
      ['Claim', 'Base', 'Alt', 'Sentence', 'Metric'],
      ['left', 'left', 'left', 'left', 'left'],
      d.claims
        .filter((c) => v.all || c.changed)
        .map((c) => [c.id, claimSideText(c.base, c.metric), claimSideText(c.alt, c.metric), c.text, c.metric]),
      'No claim changed its verdict.',
      false,
      // In a terminal: the claim's id, base and alt on a line; the sentence beneath.
      { line: [0, 1, 2], beneath: [3], named: 1 },
    ),
  );
  if (v.thresholds.length)
    sections.push(
      section(
        'diff-thresholds',
        'Thresholds (--fail-if)',
        ['Threshold', 'Change', '%', 'Result'],
        ['left', 'right', 'right', 'left'],
        v.thresholds.map(({ t, r }) => thresholdRow(t, r)),
        '',
      ),
    );
  const notes: string[] = [];
  if (d.horizon.start !== d.baseHorizon.start || d.horizon.years !== d.baseHorizon.years)
    notes.push(
      `Note: the two scenarios model different horizons (base ${horizonText(d.baseHorizon)}, alt ${horizonText(d.horizon)}); years one side does not model count as zero there.`,
    );
  if (d.govsDiffer)
    notes.push('Note: the two scenarios name different governments; a government one side does not have counts as zero there.');
  return {
    title: `Diff: ${d.base.name} -> ${d.alt.name}`,
    meta: [
      `base: ${sideLine(d.base)}`,
      `alt:  ${sideLine(d.alt)}`,
      `case: ${d.case} · ${millionsOf(d.currency)} · change = alt - base; % of base${v.all ? '' : ' · unchanged rows hidden (--all shows them)'}`,
      ...notes,
    ],
    highlights: [],
    sections: [{ id: 'diff-summary', title: 'Summary', blocks: [{ kind: 'para', text: `${summaryLine(d)}.` }] }, ...sections],
    footer: [],
  };
}

void ({} as Ranged | Unit | InputValue | InputSide | InputRow | ClaimRow | Dec);
