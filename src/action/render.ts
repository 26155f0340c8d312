// The review's comment and step summary. The comment is read in ten seconds: one verdict
// line with the counts and the total change of the headline figures, the failing rows
// first, the files that changed figures, and the rest (unchanged, or warnings only)
// folded. The summary has every row, what was not annotated, and the diffs that fit
// under 100 KB (failing files first); every diff is in the artifact.
import { DEFAULT_CURRENCY, millionsOf } from '../core/currency.js';
import type { Annotated, Annotation } from './annotate.js';
import type { Entry } from './changes.js';
import { html, md } from './escape.js';
import type { CheckDiag, CheckFile, Result } from './types.js';

export const MARKER = '<!-- compact-model-review -->';
/** GitHub refuses comments over 65,536 characters; stay well under. */
export const COMMENT_CAP = 60_000;
/** The step summary: well under GitHub's 1 MiB, small enough to open. */
export const SUMMARY_CAP = 100_000;

export interface Links {
  /** Prefix of a file's address at the head commit (…/blob/SHA/). */
  file?: string;
  /** The job's page, where the summary is. */
  summary?: string;
}

export interface ReportCtx {
  entries: Entry[];
  results: Result[];
  checkOf: Map<string, CheckFile>;
  exitCode: number;
  versionNote?: string;
  checkError?: string;
  total: number;
  /** Setup warnings: globs matching nothing, deprecated thresholds, thresholds that applied nowhere. */
  notes: string[];
  annotations: Annotated;
  strictClaims: boolean;
  links?: Links;
}

// ---------- numbers (display only; the CLI's JSON keeps the exact decimals) ----------

function grouped(x: number): string {
  const [int, frac] = Math.abs(x).toFixed(1).split('.');
  return `${x < 0 && Number(`${int}.${frac}`) !== 0 ? '-' : ''}${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

function amount(s: string | null | undefined): string {
  return s == null ? '—' : grouped(Number(s));
}

function change(s: string | number | null | undefined): string {
  if (s == null) return '—';
  const x = Number(s);
  if (Math.abs(x) < 0.05) return '±0';
  return (x > 0 ? '+' : '') + grouped(x);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------- currencies: each file's figures are in its own plan's ----------

/** The currencies of the files the review shows figures of, in order of first appearance. */
function currencies(c: ReportCtx): string[] {
  return [...new Set(c.results.flatMap((r) => (r.currency ? [r.currency] : [])))];
}

/** A figure's currency after it, when the review shows files in more than one (else the notes name it once). */
function tag(r: Result, c: ReportCtx): string {
  return r.currency && currencies(c).length > 1 ? ` ${r.currency}` : '';
}

// ---------- rows ----------

/** Why a file fails the review, or undefined. */
function failing(r: Result, c: ReportCtx): boolean {
  const ck = c.checkOf.get(r.entry.path);
  return (
    r.error !== undefined ||
    r.crossed.length > 0 ||
    (r.entry.status !== 'D' && ck !== undefined && ck.status !== 'ok') ||
    (c.strictClaims && r.broken.size > 0)
  );
}

/** Whether a file moves any headline figure (or is one-sided). */
function moves(r: Result): boolean {
  if (r.alone || r.entry.status === 'D') return true;
  return (r.diff?.headline ?? []).some(
    (x) => (x.metric === 'headlineMobilization' || x.metric === 'budgetCost') && Number(x.change ?? 0) !== 0,
  );
}

function headlineCell(r: Result, c: ReportCtx): string {
  const t = tag(r, c);
  if (r.alone) return `${amount(r.alone.headline)}${t} (${r.entry.status === 'A' ? 'new' : 'was'})`;
  const h = r.diff?.headline.find((x) => x.metric === 'headlineMobilization' && x.scope === 'total');
  if (!h) return '—';
  return r.entry.status === 'D' ? `${amount(h.base)}${t} (was)` : `${amount(h.alt)}${t} (${change(h.change)})`;
}

function budgetCell(r: Result, c: ReportCtx): string {
  const t = tag(r, c);
  if (r.alone) return r.alone.budget.map(([g, v]) => `${md(g)} ${amount(v)}${t}`).join('<br>');
  const rows = r.diff?.headline.filter((x) => x.metric === 'budgetCost' && x.scope !== 'total') ?? [];
  if (!rows.length) return '—';
  if (r.entry.status === 'D') return rows.map((x) => `${md(x.scope)} ${amount(x.base)}${t} (was)`).join('<br>');
  return rows.map((x) => `${md(x.scope)} ${change(x.change)}${t}`).join('<br>');
}

function resultCell(r: Result, c: ReportCtx): string {
  const out: string[] = [];
  const ck = r.entry.status === 'D' ? undefined : c.checkOf.get(r.entry.path);
  if (ck?.status === 'unusable') {
    const first = ck.diagnostics.find((d) => d.severity === 'error');
    return `❌ unusable: ${plural(ck.errors, 'error')}${first ? ` (${md(first.message)})` : ''}`;
  }
  if (r.error) return `❌ could not compare: ${md(r.error)}`;
  if (ck && ck.status !== 'ok') out.push(`❌ failed: ${plural(ck.errors, 'error')}`);
  for (const t of r.crossed)
    out.push(
      `❌ ${md(t.expression)}${t.form === 'level' ? ` (is ${amount(t.alt)})` : t.change != null ? ` (${change(t.change)})` : ''}`,
    );
  if (r.broken.size) out.push(`${c.strictClaims ? '❌' : '⚠️'} ${plural(r.broken.size, 'claim')} no longer held`);
  const w = (c.annotations.newWarnings.get(r.entry.path) ?? 0) - (c.strictClaims ? 0 : r.broken.size);
  if (w > 0) out.push(`⚠️ ${plural(w, 'warning')}`);
  return out.length ? out.join('<br>') : '✅';
}

function link(c: ReportCtx, path: string): string {
  if (!c.links?.file) return md(path);
  return `[${md(path)}](${c.links.file}${path.split('/').map(encodeURIComponent).join('/')})`;
}

function fileCell(r: Result, c: ReportCtx): string {
  const e = r.entry;
  const name = e.status === 'D' ? md(e.path) : link(c, e.path);
  const what =
    e.status === 'A'
      ? r.parent !== undefined
        ? `new (vs its parent ${md(r.parent)})`
        : 'new'
      : e.status === 'R'
        ? `renamed from ${md(e.from ?? '')}`
        : e.status === 'D'
          ? 'deleted (vs what it extended)'
          : e.status === 'E'
            ? 'unchanged; a file it extends changed'
            : '';
  return what ? `${name}<br><sub>${what}</sub>` : name;
}

function table(c: ReportCtx, rows: Result[]): string {
  return [
    '| | File | Headline mobilization | Budget cost change | Result |',
    '| --- | --- | ---: | --- | --- |',
    ...rows.map(
      (r) => `| ${r.entry.status} | ${fileCell(r, c)} | ${headlineCell(r, c)} | ${budgetCell(r, c)} | ${resultCell(r, c)} |`,
    ),
  ].join('\n');
}

/** The rows in three groups: failing, moving a figure, the rest (unchanged, or warnings only). */
function groups(c: ReportCtx): { bad: Result[]; moved: Result[]; quiet: Result[] } {
  const bad = c.results.filter((r) => failing(r, c));
  const moved = c.results.filter((r) => !failing(r, c) && moves(r));
  const quiet = c.results.filter((r) => !failing(r, c) && !moves(r));
  return { bad, moved, quiet };
}

// ---------- the verdict line ----------

/**
 * The total change of the headline figures over the files compared with their own earlier
 * version (M, R): one total per currency, since amounts in two currencies do not add up.
 */
function totals(c: ReportCtx): string {
  const own = c.results.filter((r) => (r.entry.status === 'M' || r.entry.status === 'R') && r.diff);
  if (!own.length) return '';
  const headline = new Map<string, number>();
  const budget = new Map<string, { scope: string; tag: string; v: number }>();
  for (const r of own) {
    const t = tag(r, c);
    for (const x of r.diff!.headline) {
      if (x.metric === 'headlineMobilization' && x.scope === 'total')
        headline.set(t, (headline.get(t) ?? 0) + Number(x.change ?? 0));
      if (x.metric === 'budgetCost' && x.scope !== 'total') {
        const b = budget.get(`${x.scope}\0${t}`) ?? { scope: x.scope, tag: t, v: 0 };
        budget.set(`${x.scope}\0${t}`, { ...b, v: b.v + Number(x.change ?? 0) });
      }
    }
  }
  const h = [...headline].map(([t, v]) => `${change(v)}${t}`).join(', ') || change(0);
  const b = [...budget.values()].map((x) => `${md(x.scope)} ${change(x.v)}${x.tag}`).join(', ');
  return ` · headline mobilization ${h}${b ? ` · budget cost ${b}` : ''}`;
}

export function verdictLine(c: ReportCtx): string {
  const bad = c.results.filter((r) => failing(r, c)).length;
  const crossed = c.results.reduce((n, r) => n + r.crossed.length, 0);
  const icon = c.exitCode === 0 ? '✅' : '❌';
  const word = c.exitCode === 0 ? 'passed' : c.exitCode === 1 ? 'failed' : 'could not use some input';
  return `### ${icon} compact-model ${word}: ${plural(c.entries.length, 'file')} changed · ${bad} failing · ${plural(crossed, 'threshold')} crossed${totals(c)}`;
}

/** The lines under the verdict: what the totals cover, warnings about the setup, inherited claims. */
function notes(c: ReportCtx): string[] {
  const out: string[] = [];
  const own = c.results.filter((r) => r.entry.status === 'M' || r.entry.status === 'R').length;
  const links = c.links?.summary ? ` Every diff: [the job summary](${c.links.summary}).` : ' Every diff is in the job summary.';
  const cur = currencies(c);
  const unit =
    cur.length > 1
      ? "amounts in millions of each file's currency, named after each figure"
      : `amounts in ${millionsOf(cur[0] ?? DEFAULT_CURRENCY)}`;
  out.push(
    `${c.total} scenario${c.total === 1 ? '' : 's'} checked. Totals over the ${plural(own, 'modified or renamed file')}; ${unit}.${links}`,
  );
  if (c.versionNote) out.push(`⚠️ ${md(c.versionNote)}`);
  if (c.checkError) out.push(`⚠️ check could not run: ${md(c.checkError)}`);
  for (const n of c.notes) out.push(`⚠️ ${md(n)}`);
  const inherited = [...c.annotations.inherited.values()].reduce((n, x) => n + x.length, 0);
  if (inherited)
    out.push(
      `ℹ️ ${plural(inherited, 'claim')} that did not hold at the base either (inherited, in ${plural(c.annotations.inherited.size, 'file')}) ${inherited === 1 ? 'is' : 'are'} not repeated here; the job summary lists them.`,
    );
  return out;
}

const LEGEND = 'A added · M modified · D deleted · R renamed · E unchanged, a file it extends changed.';

// ---------- the comment ----------

export function renderSetupError(msg: string): string {
  return `### ❌ compact-model could not review this pull request\n\n${md(msg)}\n\n${MARKER}\n`;
}

export function renderComment(c: ReportCtx): string {
  const head = `${verdictLine(c)}\n\n${notes(c).join('\n\n')}\n\n`;
  const tail = `\n\n<sub>${LEGEND}</sub>\n\n${MARKER}\n`;
  if (!c.entries.length) return `${head}No scenario file changed.\n\n${MARKER}\n`;
  const { bad, moved, quiet } = groups(c);
  const shown = [...bad, ...moved];
  // Rows first; the folded ones only while they fit; rows beyond the cap are counted.
  let rows = shown;
  const fold = (xs: Result[]) =>
    xs.length
      ? `\n\n<details><summary>${plural(xs.length, 'file')} unchanged or with warnings only</summary>\n\n${table(c, xs)}\n\n</details>`
      : '';
  const body = (rs: Result[], folded: Result[]) =>
    head + (rs.length ? table(c, rs) : 'No file failed or moved a figure.') + fold(folded);
  let text = body(rows, quiet);
  let folded = quiet;
  while (text.length + tail.length + 200 > COMMENT_CAP && folded.length) {
    folded = folded.slice(0, Math.floor(folded.length * 0.8));
    text = body(rows, folded);
  }
  while (text.length + tail.length + 200 > COMMENT_CAP && rows.length > 1) {
    rows = rows.slice(0, Math.max(1, Math.floor(rows.length * 0.9)));
    text = body(rows, folded);
  }
  const left = shown.length - rows.length + quiet.length - folded.length;
  if (left) text += `\n\n…and ${left} more file(s), listed in the job summary.`;
  return text + tail;
}

// ---------- the summary ----------

function pre(lines: string[]): string {
  return lines.length ? `<pre>\n${lines.map(html).join('\n')}\n</pre>\n` : '';
}

function diagLine(d: CheckDiag): string {
  return `${d.file ?? ''}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}: ${d.severity} ${d.code}: ${d.message}`.replace(
    /\n/g,
    '\\n',
  );
}

function annotationLine(a: Annotation): string {
  return `${a.file ?? ''}${a.line ? `:${a.line}` : ''}${a.file ? ': ' : ''}${a.severity} ${a.title}: ${a.message}`.replace(
    /\n/g,
    '\\n',
  );
}

/** Inherited claims, one line per rule (where it is written) with the number of files. */
function inheritedLines(c: ReportCtx): string[] {
  const byRule = new Map<string, { d: CheckDiag; files: number }>();
  for (const ds of c.annotations.inherited.values())
    for (const d of ds) {
      const key = `${d.code}\0${d.file}\0${d.line}`;
      const x = byRule.get(key);
      if (x) x.files++;
      else byRule.set(key, { d, files: 1 });
    }
  return [...byRule.values()].map(
    ({ d, files }) => `${diagLine({ ...d, message: d.message.replace(/^in [^:]*: /, '') })} (in ${plural(files, 'file')})`,
  );
}

function checkSection(c: ReportCtx): string {
  const a = c.annotations;
  let s = `### Check (${c.total} files)\n\n`;
  if (a.overflow.length) s += `${a.overflow.length} more past the annotation limit:\n\n${pre(a.overflow.map(annotationLine))}\n`;
  const errors = a.outside.filter((d) => d.severity === 'error');
  if (errors.length)
    s += `Errors in files this pull request did not change (they fail the check too):\n\n${pre(errors.map(diagLine))}\n`;
  const inh = inheritedLines(c);
  if (inh.length)
    s += `<details><summary>${plural(inh.length, 'claim')} that did not hold at the base either (not annotated)</summary>\n\n${pre(inh)}\n</details>\n\n`;
  return s;
}

export function renderSummary(c: ReportCtx): string {
  const { bad, moved, quiet } = groups(c);
  let s = `${verdictLine(c).replace(/^### /, '## ')}\n\n${notes(c).join('\n\n')}\n\n`;
  s += c.entries.length ? `${table(c, [...bad, ...moved, ...quiet])}\n\n${LEGEND}\n\n` : 'No scenario file changed.\n\n';
  s += checkSection(c);
  s += '### Diffs\n\n';
  let omitted = 0;
  for (const r of [...bad, ...moved, ...quiet]) {
    const part = `#### ${r.entry.status} ${md(r.entry.from !== undefined ? `${r.entry.from} → ${r.entry.path}` : r.entry.path)}\n\n${
      r.note ? `${md(r.note)}\n\n` : ''
    }${r.error ? `⚠️ ${md(r.error)}\n\n` : ''}${r.markdown}\n`;
    if (Buffer.byteLength(s + part) > SUMMARY_CAP - 400) omitted++;
    else s += part;
  }
  if (omitted)
    s += `\n${plural(omitted, 'more diff')} left out to keep this summary short (failing files come first); every diff is in the artifact (diff/NNN.md, diff/NNN.json, numbered as in review.json).\n`;
  return s;
}
