// `diff` for people and scripts: a terminal table, markdown to paste as a pull-request
// comment, and a versioned JSON document (its shape is documented in the README).
import type { ChalkInstance } from 'chalk';
import type { Ranged, Unit } from '../core/amount.js';
import { toCsv, type CsvValue } from './csv.js';
import { type Dec, displayMillions, millions } from '../core/money.js';
import type {
  ClaimRow,
  InputRow,
  InputSide,
  InputValue,
  Row,
  ScenarioDiff,
  Threshold,
  ThresholdCheck,
  VerdictRow,
} from '../measure/diff.js';
import { metricUnit } from '../measure/paths.js';
import { table } from './table.js';

export const DIFF_JSON_VERSION = 1;

export interface DiffView {
  /** Show unchanged rows too. */
  all: boolean;
  thresholds: { t: Threshold; r: Extract<ThresholdCheck, { ok: true }> }[];
}

const LABELS: Record<Row['metric'], string> = {
  publicCommitment: 'Public commitment',
  budgetCost: 'Budget cost',
  outlays: 'Outlays',
  deployed: 'Public capital deployed',
  distributions: 'Distributions back',
  netAfterReturns: 'Commitment net of distributions',
  privateMobilized: 'Private capital mobilized',
  followOn: 'Grant follow-on',
  headlineMobilization: 'Headline mobilization',
  'leverage.commitment': 'Leverage, commitment basis',
  'leverage.budget': 'Leverage, budget-cost basis',
};

const signed = (s: string) => (s.startsWith('-') || /^[0.,]+x?$/.test(s) ? s : `+${s}`);
/** Ratios get 3 places: leverage moves in small steps that 2 places would round away. */
const value = (x: Dec | null, unit: Row['unit']) =>
  x === null ? 'n/a' : unit === 'amount' ? displayMillions(x) : `${x.toFixed(3)}x`;
const changeText = (r: { change: Dec | null; unit: Row['unit'] }) =>
  r.change === null ? 'n/a' : signed(value(r.change, r.unit));
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
/** The source of the side that holds the value now (the alternative's, unless the input was removed). */
const sourceOf = (r: InputRow) => (r.alt ?? r.base)?.source ?? '';
const whereOf = (r: InputRow) => {
  const l = (r.alt ?? r.base)?.loc;
  return l ? `${l.file}:${l.line}` : '';
};

function claimSideText(s: ClaimRow['base'], metric: string): string {
  if (s === null) return '(absent)';
  const c = s.computed;
  const v =
    c === null ? 'n/a' : typeof c === 'boolean' ? String(c) : metricUnit(metric) === 'amount' ? displayMillions(c) : c.toFixed(2);
  return `${v} (${s.holds ? 'holds' : 'does not hold'})`;
}

function mechLabel(r: Row) {
  return r.mech ?? '';
}

const shown = (rows: Row[], all: boolean) => rows.filter((r) => all || r.changed);

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

// ---- sections, shared by table and markdown: a title, a header and string rows

interface Section {
  title: string;
  head: string[];
  align: ('left' | 'right')[];
  rows: string[][];
  empty: string;
  fold?: boolean;
}

function sections(d: ScenarioDiff, v: DiffView): Section[] {
  const money = (r: Row) => [value(r.base, r.unit), value(r.alt, r.unit), changeText(r), pctText(r)];
  const out: Section[] = [];
  out.push({
    title: 'Headline (10-year totals)',
    head: ['Metric', 'Scope', 'Base', 'Alt', 'Change', '%'],
    align: ['left', 'left'],
    rows: shown(d.headline, v.all).map((r) => [LABELS[r.metric], r.scope, ...money(r)]),
    empty: 'No headline metric changed.',
  });
  out.push({
    title: 'By mechanism and government',
    head: ['Mechanism', 'Gov', 'Metric', 'Base', 'Alt', 'Change', '%'],
    align: ['left', 'left', 'left'],
    rows: shown(d.byMechanism, v.all).map((r) => [mechLabel(r), r.scope, LABELS[r.metric], ...money(r)]),
    empty: 'No mechanism changed.',
  });
  out.push({
    title: 'By year',
    head: ['Year', 'Scope', 'Metric', 'Base', 'Alt', 'Change', '%'],
    align: ['left', 'left', 'left'],
    rows: shown(d.byYear, v.all).map((r) => [r.year!, r.scope, LABELS[r.metric], ...money(r)]),
    empty: 'No year changed.',
    fold: true,
  });
  out.push({
    title: 'Inputs that differ',
    head: ['Input', 'Base', 'Alt', 'Source', 'Where'],
    align: ['left', 'left', 'left', 'left', 'left'],
    rows: d.inputs.map((r) => [r.path, sideText(r.base), sideText(r.alt), sourceOf(r), whereOf(r)]),
    empty: 'No input differs.',
  });
  const verdicts = d.verdicts.filter((x: VerdictRow) => v.all || x.changed);
  out.push({
    title: 'Floor and target verdicts',
    head: ['Test', 'Base', 'Alt'],
    align: ['left', 'left', 'left'],
    rows: verdicts.map((x) => [x.path, verdictText(x.base), verdictText(x.alt)]),
    empty: 'No floor or target verdict changed.',
  });
  const claims = d.claims.filter((c) => v.all || c.changed);
  out.push({
    title: 'Claims',
    head: ['Claim', 'Metric', 'Base', 'Alt'],
    align: ['left', 'left', 'left', 'left'],
    rows: claims.map((c) => [
      c.text,
      c.metric.replace(/ \+ /g, ' +\n'),
      claimSideText(c.base, c.metric),
      claimSideText(c.alt, c.metric),
    ]),
    empty: 'No claim changed its verdict.',
  });
  if (v.thresholds.length) {
    out.push({
      title: 'Thresholds (--fail-if)',
      head: ['Threshold', 'Change', '%', 'Result'],
      align: ['left', 'right', 'right', 'left'],
      rows: v.thresholds.map(({ t, r }) => [t.text, changeText(r), pctText(r), r.crossed ? 'CROSSED' : 'ok']),
      empty: '',
    });
  }
  return out;
}

export function renderDiffTable(d: ScenarioDiff, v: DiffView, c: ChalkInstance): string {
  const out: string[] = [];
  out.push(c.bold(`Diff: ${d.base.name} -> ${d.alt.name}`));
  out.push(`base: ${sideLine(d.base)}`);
  out.push(`alt:  ${sideLine(d.alt)}`);
  out.push(
    `case: ${d.case} · USD millions · change = alt - base; % of base${v.all ? '' : ' · unchanged rows hidden (--all shows them)'}`,
  );
  out.push('');
  out.push(`${c.bold('Summary:')} ${summaryLine(d)}.`);
  for (const s of sections(d, v)) {
    out.push('');
    out.push(c.bold(s.title));
    if (!s.rows.length) {
      out.push(c.dim(s.empty));
      continue;
    }
    const t = table(s.head, c, s.align);
    for (const r of s.rows)
      t.push(s.title.startsWith('Thresholds') && r[3] === 'CROSSED' ? [...r.slice(0, 3), c.red.bold(r[3])] : r);
    out.push(t.toString());
  }
  return out.join('\n') + '\n';
}

const mdCell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Markdown for a pull-request comment; the first line is a marker a workflow can find to update the comment in place. */
export function renderDiffMarkdown(d: ScenarioDiff, v: DiffView): string {
  const out: string[] = [];
  out.push('<!-- compact-model-diff -->');
  out.push(`### compact-model diff: ${mdCell(d.base.name)} → ${mdCell(d.alt.name)}`);
  out.push('');
  out.push(`**Summary:** ${mdCell(summaryLine(d))}.`);
  out.push('');
  out.push(
    `Base \`${d.base.file}\` → alt \`${d.alt.file}\` · case ${d.case} · USD millions · change = alt − base; % of base${v.all ? '' : ' · unchanged rows hidden'}`,
  );
  for (const s of sections(d, v)) {
    out.push('');
    const body: string[] = [];
    if (!s.rows.length) body.push(`_${s.empty}_`);
    else {
      body.push(`| ${s.head.map(mdCell).join(' | ')} |`);
      body.push(
        `|${s.head.map((_, i) => ((s.align[i] ?? (i === 0 ? 'left' : 'right')) === 'left' ? ' --- ' : ' ---: ')).join('|')}|`,
      );
      for (const r of s.rows) body.push(`| ${r.map(mdCell).join(' | ')} |`);
    }
    // Long sections fold away so the comment stays short; GitHub needs blank lines around the table.
    if (s.fold && s.rows.length > 12) {
      out.push(`<details><summary><b>${s.title}</b> (${s.rows.length} rows)</summary>`, '', ...body, '', '</details>');
    } else out.push(`#### ${s.title}`, '', ...body);
  }
  return out.join('\n') + '\n';
}

// ---- json

const num = (x: Dec | null, unit: Row['unit']) => (x === null ? null : unit === 'amount' ? millions(x) : x.toPlain(6));
const pctJson = (x: Dec | null) => (x === null ? null : x.toPlain(6));

function rowJson(r: Row) {
  return {
    path: r.path,
    metric: r.metric,
    scope: r.scope,
    ...(r.mech !== undefined ? { mechanism: r.mech } : {}),
    ...(r.year !== undefined ? { year: r.year } : {}),
    unit: r.unit === 'amount' ? 'USD millions' : 'ratio',
    base: num(r.base, r.unit),
    alt: num(r.alt, r.unit),
    change: num(r.change, r.unit),
    percent: pctJson(r.pct),
    changed: r.changed,
  };
}

function figureJson(x: Dec, unit: Unit | undefined) {
  return unit === 'amount' ? millions(x) : x.toPlain(6);
}

function inputSideJson(s: InputSide | null) {
  if (s === null) return null;
  const where = { source: s.source ?? null, file: s.loc?.file ?? null, line: s.loc?.line ?? null };
  if (s.value.kind === 'setting') return { kind: 'setting', value: s.value.value, ...where };
  const { unit, value: v } = s.value;
  return {
    kind: 'figure',
    unit: unit === 'amount' ? 'USD millions' : unit === 'rate' ? 'fraction' : unit === 'ratio' ? 'ratio' : null,
    low: figureJson(v.low, unit),
    base: figureJson(v.base, unit),
    high: figureJson(v.high, unit),
    ...where,
  };
}

function claimSideJson(s: ClaimRow['base'], metric: string) {
  if (s === null) return null;
  const c = s.computed;
  return {
    computed: c === null || typeof c === 'boolean' ? c : metricUnit(metric) === 'amount' ? millions(c) : c.toPlain(6),
    holds: s.holds,
  };
}

export function diffJson(d: ScenarioDiff, v: DiffView): unknown {
  const count = (xs: { changed: boolean }[]) => xs.filter((x) => x.changed).length;
  return {
    version: DIFF_JSON_VERSION,
    kind: 'compact-model.diff',
    units: { amounts: 'USD millions', ratios: 'private dollars per public dollar', percent: 'change as a percentage of base' },
    case: d.case,
    base: { name: d.base.name, file: d.base.file, extends: d.base.chain.slice(1) },
    alt: { name: d.alt.name, file: d.alt.file, extends: d.alt.chain.slice(1) },
    allRows: v.all,
    summary: {
      text: summaryLine(d),
      changed: {
        headline: count(d.headline),
        byMechanism: count(d.byMechanism),
        byYear: count(d.byYear),
        inputs: d.inputs.length,
        verdicts: count(d.verdicts),
        claims: count(d.claims),
      },
    },
    headline: d.headline.map(rowJson),
    byMechanism: shown(d.byMechanism, v.all).map(rowJson),
    byYear: shown(d.byYear, v.all).map(rowJson),
    inputs: d.inputs.map((r) => ({ path: r.path, base: inputSideJson(r.base), alt: inputSideJson(r.alt) })),
    verdicts: d.verdicts.filter((x) => v.all || x.changed),
    claims: d.claims
      .filter((c) => v.all || c.changed)
      .map((c) => ({
        id: c.id,
        text: c.text,
        metric: c.metric,
        base: claimSideJson(c.base, c.metric),
        alt: claimSideJson(c.alt, c.metric),
        changed: c.changed,
      })),
    thresholds: v.thresholds.map(({ t, r }) => ({
      expression: t.text,
      path: t.path,
      op: t.op,
      limit: t.limit.toPlain(6),
      limitIn: t.percent ? 'percent' : r.unit === 'amount' ? 'USD millions' : 'ratio',
      base: num(r.base, r.unit),
      alt: num(r.alt, r.unit),
      change: num(r.change, r.unit),
      percent: pctJson(r.pct),
      crossed: r.crossed,
    })),
  };
}

/** Tidy CSV: one row per metric shown (section, path, scope, mechanism, year, unit, base, alt, change, percent). */
export function diffCsv(d: ScenarioDiff, v: DiffView): string {
  const rows: CsvValue[][] = [];
  const add = (section: string, xs: Row[]) => {
    for (const r of xs)
      rows.push([
        section,
        r.path,
        r.metric,
        r.scope,
        r.mech,
        r.year,
        r.unit === 'amount' ? 'USD millions' : 'ratio',
        num(r.base, r.unit),
        num(r.alt, r.unit),
        num(r.change, r.unit),
        pctJson(r.pct),
      ]);
  };
  add('headline', shown(d.headline, v.all));
  add('byMechanism', shown(d.byMechanism, v.all));
  add('byYear', shown(d.byYear, v.all));
  return toCsv(['section', 'path', 'metric', 'scope', 'mechanism', 'year', 'unit', 'base', 'alt', 'change', 'percent'], rows);
}

/** A crossed threshold's figures as people read them: base, alt and the signed change (with %). */
export function thresholdValues(r: {
  base: Dec | null;
  alt: Dec | null;
  change: Dec | null;
  pct: Dec | null;
  unit: Row['unit'];
}): { base: string; alt: string; change: string } {
  const v = (x: Dec | null) => (x === null ? 'n/a' : r.unit === 'amount' ? displayMillions(x) : x.toFixed(2));
  const change =
    r.change === null
      ? 'n/a'
      : `${r.change.isNeg() ? '' : '+'}${v(r.change)}${r.pct !== null ? ` (${r.pct.isNeg() ? '' : '+'}${r.pct.toFixed(1)}%)` : ''}`;
  return { base: v(r.base), alt: v(r.alt), change };
}
