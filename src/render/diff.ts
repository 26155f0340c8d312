// `diff` for people and scripts: the terminal and markdown renderings of the diff report
// (a marker first in markdown, for a pull-request comment), and the versioned JSON and
// CSV documents (their shapes are documented in docs/reference/json.md).
import type { ChalkInstance } from 'chalk';
import type { Unit } from '../core/amount.js';
import { millionsOf, perPublicUnit } from '../core/currency.js';
import { type Dec, displayMillions, millions } from '../core/money.js';
import type { ClaimRow, InputSide, Row, ScenarioDiff } from '../measure/diff.js';
import type { Threshold, ThresholdCheck } from '../measure/thresholds.js';
import { unitOfText } from '../model/paths.js';
import { type DiffView, diffReport, summaryLine } from '../report/diff.js';
import { type CsvValue, toCsv } from './csv.js';
import { md, renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

export type { DiffView };
export const DIFF_JSON_VERSION = 1;

const shown = (rows: Row[], all: boolean) => rows.filter((r) => all || r.changed);

export function renderDiffTable(d: ScenarioDiff, v: DiffView, c: ChalkInstance, width: number): string {
  return renderTerminal(diffReport(d, v), c, { width, all: true });
}

/** Markdown for a pull-request comment; the first line is a marker a workflow can find to update the comment in place. */
export function renderDiffMarkdown(d: ScenarioDiff, v: DiffView): string {
  const r = diffReport(d, v);
  return `<!-- compact-model-diff -->\n${renderMarkdown({ ...r, title: `compact-model diff: ${d.base.name} → ${d.alt.name}` })}`;
}

void md;

// ---- json

const num = (x: Dec | null, unit: Row['unit']) => (x === null ? null : unit === 'amount' ? millions(x) : x.toPlain(6));
const pctJson = (x: Dec | null) => (x === null ? null : x.toPlain(6));

function rowJson(r: Row, cur: string) {
  return {
    path: r.path,
    metric: r.metric,
    scope: r.scope,
    ...(r.mech !== undefined ? { mechanism: r.mech } : {}),
    ...(r.year !== undefined ? { year: r.year } : {}),
    unit: r.unit === 'amount' ? millionsOf(cur) : 'ratio',
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

function inputSideJson(s: InputSide | null, cur: string) {
  if (s === null) return null;
  const where = { source: s.source ?? null, file: s.loc?.file ?? null, line: s.loc?.line ?? null };
  if (s.value.kind === 'setting') return { kind: 'setting', value: s.value.value, ...where };
  const { unit, value: v } = s.value;
  return {
    kind: 'figure',
    unit: unit === 'amount' ? millionsOf(cur) : unit === 'rate' ? 'fraction' : unit === 'ratio' ? 'ratio' : null,
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
    computed: c === null || typeof c === 'boolean' ? c : unitOfText(metric) === 'amount' ? millions(c) : c.toPlain(6),
    holds: s.holds,
    verdict: s.verdict,
  };
}

export function diffJson(d: ScenarioDiff, v: DiffView): unknown {
  const count = (xs: { changed: boolean }[]) => xs.filter((x) => x.changed).length;
  return {
    version: DIFF_JSON_VERSION,
    kind: 'compact-model.diff',
    units: { amounts: millionsOf(d.currency), ratios: perPublicUnit(d.currency), percent: 'change as a percentage of base' },
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
    headline: d.headline.map((r) => rowJson(r, d.currency)),
    byMechanism: shown(d.byMechanism, v.all).map((r) => rowJson(r, d.currency)),
    byYear: shown(d.byYear, v.all).map((r) => rowJson(r, d.currency)),
    inputs: d.inputs.map((r) => ({
      path: r.path,
      base: inputSideJson(r.base, d.currency),
      alt: inputSideJson(r.alt, d.currency),
    })),
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
    thresholds: v.thresholds.map(({ t, r }) => thresholdJson(t, r, d.currency)),
  };
}

/** One threshold in JSON: what it says, whether it applies, and (numeric) the figures it compared. */
function thresholdJson(t: Threshold, r: Extract<ThresholdCheck, { ok: true }>, currency: ScenarioDiff['currency']) {
  const head = { expression: t.text, path: t.path, form: t.form };
  if (!r.applies) return { ...head, applies: false, why: r.why, crossed: false };
  if (t.form === 'must-not-flip') return { ...head, applies: true, flipped: r.flips ?? [], crossed: r.crossed };
  return {
    ...head,
    applies: true,
    op: t.op,
    limit: t.limit.toPlain(6),
    limitIn: t.percent ? 'percent' : r.unit === 'amount' ? millionsOf(currency) : 'ratio',
    base: num(r.base, r.unit),
    alt: num(r.alt, r.unit),
    change: num(r.change, r.unit),
    percent: pctJson(r.pct),
    crossed: r.crossed,
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
        r.unit === 'amount' ? millionsOf(d.currency) : 'ratio',
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
