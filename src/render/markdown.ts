// The report model as GitHub-flavoured markdown (a pull-request comment, a memo): tables
// with their units, long detail tables folded, charts left to the HTML report.
import type { Block, Report, Table } from '../report/model.js';
import { cellText } from '../report/values.js';
import { forMarkdown } from '../core/text.js';

/**
 * Text made inert in markdown (core/text.ts forMarkdown: no table breaks, raw HTML, code
 * spans, emphasis, links or mentions), each line break read as a space.
 */
export const md = (s: string) => forMarkdown(s.replace(/\r\n|\r|\n/g, ' '));

export function mdTable(t: Table): string[] {
  const out: string[] = [];
  if (!t.rows.length) return [`_${md(t.empty ?? 'None.')}_`];
  out.push(`| ${t.columns.map((c) => md(c.head)).join(' | ')} |`);
  out.push(`|${t.columns.map((c) => (c.align === 'left' ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const r of t.rows) {
    const cells = r.cells.map((c) => {
      const s = md(cellText(c));
      return r.total ? `**${s}**` : s;
    });
    out.push(`| ${cells.join(' | ')} |`);
  }
  return out;
}

function block(b: Block, out: string[], section: string): void {
  if (b.kind === 'para') out.push(b.strong ? `**${md(b.strong)}**${md(b.text)}` : md(b.text), '');
  if (b.kind !== 'table') return;
  const body = [...mdTable(b), ...(b.notes ?? []).map((n) => `\n_${md(n)}_`)];
  // Detail tables fold away so a comment stays short; GitHub needs blank lines around a table.
  if (b.detail && b.rows.length)
    out.push(
      `<details><summary><b>${md(b.title ?? section)}</b> (${b.rows.length} rows)</summary>`,
      '',
      ...body,
      '',
      '</details>',
      '',
    );
  else {
    if (b.title) out.push(`**${md(b.title)}**`, '');
    out.push(...body, '');
  }
}

export function renderMarkdown(r: Report): string {
  return markdownWithTitle(r.title, markdownBody(r));
}

/**
 * The report under its title: the same text as the title's line followed by the lines of
 * markdownBody, blank lines collapsed and trimmed once over the whole (collapsing runs of
 * newlines twice gives what collapsing once gives, so a saved body may be re-titled).
 */
export function markdownWithTitle(title: string, body: string): string {
  return `${`### ${md(title)}${body}`.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Everything after the title's line, each line led by its newline; reads nothing of `r.title`. */
export function markdownBody(r: Omit<Report, 'title'>): string {
  const out: string[] = ['', ''];
  for (const m of r.meta) out.push(md(m), '');
  for (const s of r.sections) {
    const blocks = s.blocks.filter((b) => b.kind === 'table' || b.kind === 'para');
    if (!blocks.length) continue;
    out.push(`#### ${md(s.title)}`, '');
    for (const b of blocks) block(b, out, s.title);
  }
  for (const f of r.footer) out.push(`_${md(f)}_`, '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
