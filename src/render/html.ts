// The HTML report: one self-contained page (inline CSS and SVG, no script, no network) a
// policy reader can open or print, rendered from the report model. Every number that is
// in `run --format json` carries data-json (a JSON pointer into it) and data-value (the
// exact value), so a test can check the page against the JSON.
import type { Block, Cell, Report, Table } from '../report/model.js';
import { cellJson, cellText } from '../report/values.js';
import { attrs, barChart, esc, lineChart } from './svg.js';

export const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; max-width: 980px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #1f3b57; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta { color: #444; margin: 0 0 1rem; } .note { color: #444; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { font-weight: 700; } td.good { }
.verdict-met { font-weight: 700; } .verdict-not { font-weight: 700; text-decoration: underline; }
figure.chart { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: 700; margin-bottom: .3rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
svg .grid { stroke: #ddd; stroke-width: 1; } svg .axis { stroke: #222; stroke-width: 1.2; }
svg .tick { font-size: 11px; fill: #333; } svg .axislabel { font-size: 12px; fill: #111; font-weight: 600; }
svg .legend { font-size: 11.5px; fill: #111; } svg .total { font-size: 10.5px; fill: #111; } svg .reflabel { font-size: 11.5px; fill: #c0392b; font-weight: 700; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: .6rem; margin: 1rem 0; }
.kpi { border: 1px solid #bbb; border-left: 5px solid #1f3b57; padding: .5rem .7rem; }
.kpi b { display: block; font-size: 1.3rem; }
td.src { font-size: .8rem; } code { font-size: .85em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 15mm; }
`;

function cell(c: Cell, bad: boolean): string {
  const num = c.kind !== 'text' && c.kind !== 'empty';
  const cls = [
    num || (c.kind === 'text' && c.json) ? 'num' : '',
    c.kind === 'verdict' ? (c.value ? 'verdict-met' : 'verdict-not') : '',
    bad && c.kind === 'text' && c.json?.includes('computed') ? 'bad' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const json = 'json' in c && c.json ? { 'data-json': c.json, 'data-value': String(cellJson(c)) } : {};
  const body = c.kind === 'text' && c.code ? `<code>${esc(c.text)}</code>` : esc(cellText(c));
  return `<td${cls ? ` class="${cls}"` : ''}${attrs(json)}>${body}</td>`;
}

function table(t: Table): string {
  const out: string[] = [];
  if (t.title) out.push(`<h3${t.titleHint ? ` title="${esc(t.titleHint)}"` : ''}>${esc(t.title)}</h3>`);
  if (!t.rows.length) {
    out.push(`<p class="note">${esc(t.empty ?? 'None.')}</p>`);
    return out.join('\n');
  }
  out.push(
    `<table id="${esc(t.id)}"><thead><tr>${t.columns.map((c) => `<th${c.align === 'right' ? ' class="num"' : ''}>${esc(c.head)}</th>`).join('')}</tr></thead><tbody>`,
  );
  for (const r of t.rows) {
    const [first, ...rest] = r.cells;
    const head =
      first && first.kind === 'text'
        ? `<th>${first.code ? `<code>${esc(first.text)}</code>` : esc(first.text)}</th>`
        : cell(first ?? { kind: 'empty' }, false);
    out.push(
      `<tr${attrs(r.data ?? {})}${r.total ? ' class="total"' : ''}>${head}${rest.map((c) => cell(c, r.bad ?? false)).join('')}</tr>`,
    );
  }
  out.push('</tbody></table>');
  for (const n of t.notes ?? []) out.push(`<p class="note">${esc(n)}</p>`);
  return out.join('\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'table':
      return table(b);
    case 'para':
      return `<p${b.strong ? '' : ' class="note"'}>${b.strong ? `<b>${esc(b.strong)}</b>` : ''}${esc(b.text)}</p>`;
    case 'bar':
      return barChart(b.spec);
    case 'line':
      return lineChart(b.spec);
  }
}

/** The report's own markup (what the page's <body> holds). */
export function reportBody(r: Report): string {
  return reportParts(r).join('\n');
}

/**
 * The same markup in parts, each a whole element or group (the header, the cards, a
 * heading, a block, a footer line): the interactive report redraws only the parts a
 * change alters.
 */
export function reportParts(r: Report): string[] {
  const parts: string[] = [];
  const h = (x: string) => parts.push(x);
  h(
    [
      `<header><h1>${esc(r.title)}</h1>`,
      ...r.meta.map((m, i) => `<p class="${i === 0 ? 'meta' : 'note'}">${esc(m)}</p>`),
      '</header>',
    ].join('\n'),
  );
  const kpis = r.highlights.map((k) => {
    const json =
      'json' in k.value && k.value.json ? attrs({ 'data-json': k.value.json, 'data-value': String(cellJson(k.value)) }) : '';
    return `<div class="kpi">${esc(k.label)}<b${json}>${esc(cellText(k.value))}</b>${esc(k.note)}</div>`;
  });
  h(['<section class="kpis">', ...kpis, '</section>'].join('\n'));
  // Charts first: what a reader takes in at a glance.
  const order = [...r.sections.filter((s) => s.id === 'charts'), ...r.sections.filter((s) => s.id !== 'charts')];
  for (const s of order) {
    h(`<h2 id="${esc(s.id)}">${esc(s.title)}</h2>`);
    for (const b of s.blocks) h(block(b));
  }
  for (const f of r.footer) h(`<p class="note">${esc(f)}</p>`);
  return parts;
}

/** The page around a report's body: one self-contained file under the given Content-Security-Policy and style. */
export function htmlPage(r: Report, csp: string, css: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${esc(r.title)}: compact-model report</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function toHtml(r: Report): string {
  return htmlPage(r, "default-src 'none'; style-src 'unsafe-inline'; img-src data:", CSS, reportBody(r));
}
