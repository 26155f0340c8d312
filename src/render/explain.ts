// `explain` for people (text) and scripts (JSON): the figure, its flows by mechanism
// and year, the rules and assumptions, and each input with the report lines it cites.
import type { ChalkInstance } from 'chalk';
import { byCodePoint } from '../core/diagnostics.js';
import { millionsOf } from '../core/currency.js';
import { Dec, displayMillions, millions } from '../core/money.js';
import { forTerminal } from '../core/text.js';
import type { ExplainPart, Explanation } from '../measure/explain.js';
import type { Fig, Scenario } from '../model/scenario.js';
import { citation, figureUnit, figureValue, lineRefs } from '../report/inputs.js';
import { left, right, text } from '../report/model.js';
import { yearLabel } from '../report/run.js';
import { ratioText } from '../report/values.js';
import { renderTable, wrap } from './terminal.js';

function valueText(s: Scenario, e: Explanation, json: boolean): string | boolean | null {
  const v = e.value;
  if (v === null || typeof v === 'boolean') return v;
  if (e.unit === 'ratio' || e.unit === 'number') return json ? v.toPlain(6) : ratioText(v);
  if (e.unit === 'percent') return json ? v.toPlain(6) : `${v.times(100).toPlain(4)}%`;
  if (e.unit === 'count') return v.toPlain();
  return json ? millions(v) : `${displayMillions(v)} ${millionsOf(s.currency)}`;
}

/** An amount written in another currency: the rate it is divided by and what it comes to, at each end. */
function conversion(s: Scenario, f: Fig) {
  if (!f.per) return undefined;
  const at = (k: 'low' | 'base' | 'high') =>
    millions(f.value[k].div(f.per!.value[k === 'low' ? 'high' : k === 'high' ? 'low' : 'base']));
  return {
    currency: f.currency!,
    rate: f.per.path,
    rateBase: f.per.value.base.toPlain(6),
    rateLow: f.per.value.low.toPlain(6),
    rateHigh: f.per.value.high.toPlain(6),
    base: at('base'),
    low: at('low'),
    high: at('high'),
    unit: millionsOf(s.currency),
  };
}

function inputJson(s: Scenario, f: Fig) {
  const unit = figureUnit(f, s.currency);
  const conv = conversion(s, f);
  return {
    ...(conv ? { converted: conv } : {}),
    path: f.path,
    unit,
    low: figureValue(f.value.low, unit),
    base: figureValue(f.value.base, unit),
    high: figureValue(f.value.high, unit),
    source: citation(s, f),
    reportLines: lineRefs(citation(s, f)),
    file: f.loc.file,
    line: f.loc.line,
    col: f.loc.col,
  };
}

/**
 * The text of a cited line ("l.581") in the scenario's cited document, trimmed; undefined
 * when the document is not at hand or has no such line. The text is untrusted.
 */
function lineText(cited: readonly string[] | undefined, ref: string): string | undefined {
  const n = Number(ref.slice(2));
  const t = cited && Number.isInteger(n) && n >= 1 ? cited[n - 1]?.trim() : undefined;
  return t ? t : undefined;
}

/** All report lines the explanation's inputs cite, in numeric order, once each. */
export function reportLines(s: Scenario, e: Explanation): string[] {
  const all = new Set<string>();
  for (const p of e.parts)
    for (const m of p.mechanisms) for (const f of m.inputs) for (const l of lineRefs(citation(s, f))) all.add(l);
  for (const f of e.extraInputs) for (const l of lineRefs(citation(s, f))) all.add(l);
  return [...all].sort((a, b) => parseInt(a.slice(2), 10) - parseInt(b.slice(2), 10) || byCodePoint(a, b));
}

export function explainJson(s: Scenario, e: Explanation, c: string, cited?: readonly string[]): unknown {
  const N = s.horizon.years;
  const lines = reportLines(s, e);
  return {
    version: 1,
    units: { amounts: millionsOf(s.currency) },
    scenario: { name: s.name, file: s.file, case: c },
    metric: e.path,
    value: valueText(s, e, true),
    formula: e.formula,
    parts: e.parts.map((p) => ({
      label: p.label,
      metric: p.metric,
      scope: p.gov ?? 'total',
      mechanism: p.mech ?? null,
      flows: p.flows.map(([k, sign]) => (sign === 1 ? k : `-${k}`)),
      total: millions(p.total),
      mechanisms: p.mechanisms.map((m) => ({
        id: m.id,
        label: m.label,
        kind: m.kind,
        total: millions(m.total),
        byYear: Object.fromEntries(p.slots.map((y, i) => [yearLabel(s.horizon, y, N), millions(m.byYear[i]!)])),
        rule: m.rule,
        assumptions: m.assumptions.map((a) => ({ ...a, source: a.source ?? null })),
        inputs: m.inputs.map((f) => inputJson(s, f)),
      })),
      silent: p.silent,
      // A sponsor on other fiscal years: its own year for each plan year.
      ...(p.ownYears
        ? { ownYears: Object.fromEntries(p.slots.map((y, i) => [yearLabel(s.horizon, y, N), p.ownYears![i]!])) }
        : {}),
    })),
    otherInputs: e.extraInputs.map((f) => inputJson(s, f)),
    reportLines: lines,
    // The cited lines' text, when the scenario's cited document is at hand (sources[0].file).
    ...(cited
      ? {
          citedText: Object.fromEntries(
            lines.flatMap((l) => {
              const t = lineText(cited, l);
              return t === undefined ? [] : [[l, t]];
            }),
          ),
        }
      : {}),
  };
}

function partText(s: Scenario, p: ExplainPart, c: ChalkInstance, width: number, cited?: readonly string[]): string[] {
  const N = s.horizon.years;
  const out: string[] = [];
  const w = (t: string, indent = '') => wrap(t, width, indent);
  out.push(c.bold(`${p.label}: ${displayMillions(p.total)}`));
  out.push(
    ...w(
      `  = ${p.flows.map(([k, sign], i) => `${sign === -1 ? '- ' : i ? '+ ' : ''}${k} flows`).join(' ')} in the ledger${p.gov === null ? '' : ` for ${p.gov}`}`,
      '    ',
    ).map((l, i) => (i === 0 ? l.slice(2) : l)),
  );
  if (p.mechanisms.length) {
    const rows = p.slots.map((y, i) => {
      const row = p.mechanisms.map((m) => m.byYear[i]!);
      return {
        cells: [
          text(yearLabel(s.horizon, y, N)),
          ...(p.ownYears ? [text(p.ownYears[i]!)] : []),
          ...row.map((x) => text(displayMillions(x))),
          text(displayMillions(row.reduce((a, b) => a.plus(b), Dec.ZERO))),
        ],
      };
    });
    rows.push({
      total: true,
      cells: [
        text('Total'),
        ...(p.ownYears ? [text('')] : []),
        ...p.mechanisms.map((m) => text(displayMillions(m.total))),
        text(displayMillions(p.total)),
      ],
    } as (typeof rows)[number]);
    out.push(
      renderTable(
        {
          kind: 'table',
          id: 'explain',
          columns: [
            left('Year', false),
            ...(p.ownYears ? [left(`${p.gov} year`, false)] : []),
            ...p.mechanisms.map((m) => right(m.id)),
            right('Total'),
          ],
          rows,
        },
        c,
        width,
      ),
    );
    out.push(
      ...w(`  check: ${p.mechanisms.map((m) => displayMillions(m.total)).join(' + ')} = ${displayMillions(p.total)}`, '    '),
    );
  }
  for (const m of p.mechanisms) {
    out.push('');
    out.push(c.bold(w(`${m.id} ${m.label} (${m.kind}): ${displayMillions(m.total)}`).join('\n')));
    out.push(...w(`rule: ${m.rule}`, '  '));
    for (const f of m.inputs) out.push(...inputLine(s, f, width, cited));
    for (const a of m.assumptions) out.push(...w(`assumption ${a.name}: ${a.detail}${a.source ? ` (${a.source})` : ''}`, '  '));
  }
  if (p.silent.length) out.push('', ...w(`nothing from: ${p.silent.map((x) => `${x.id} (${x.why})`).join('; ')}`, '  '));
  return out;
}

function inputLine(s: Scenario, f: Fig, width: number, cited?: readonly string[]): string[] {
  const unit = figureUnit(f, s.currency);
  const conv = conversion(s, f);
  const v = f.value.low.eq(f.value.high)
    ? figureValue(f.value.base, unit)
    : `${figureValue(f.value.base, unit)} (range ${figureValue(f.value.low, unit)}-${figureValue(f.value.high, unit)})`;
  const cite = citation(s, f);
  const lines = lineRefs(cite);
  return [
    ...wrap(`input ${f.path} = ${v} ${unit}`, width, '  '),
    ...(conv
      ? wrap(
          `converted at ${conv.rate} = ${conv.rateBase}${conv.rateLow === conv.rateHigh ? '' : ` (range ${conv.rateLow}-${conv.rateHigh})`} ${conv.currency} per ${s.currency}: ${figureValue(f.value.base, unit)} / ${conv.rateBase} = ${conv.base} ${conv.unit}${conv.low === conv.high ? '' : ` (range ${conv.low}-${conv.high})`}`,
          width,
          '    ',
        )
      : []),
    ...wrap(`source: ${cite}${lines.length ? ` [report ${lines.join(', ')}]` : ''}`, width, '    '),
    ...wrap(`at ${f.loc.file}:${f.loc.line}:${f.loc.col}`, width, '    '),
    ...lines.flatMap((l) => {
      const t = lineText(cited, l);
      return t === undefined ? [] : [clip(`    ${l}: ${forTerminal(t.replace(/\t+/g, ' '))}`, width)];
    }),
  ];
}

/** One line, cut to `width` with an ellipsis. */
function clip(t: string, width: number): string {
  const chars = [...t];
  return chars.length <= width ? t : chars.slice(0, Math.max(1, width - 1)).join('') + '…';
}

export function explainText(
  s: Scenario,
  e: Explanation,
  caseName: string,
  c: ChalkInstance,
  width: number,
  cited?: readonly string[],
): string {
  const out: string[] = [];
  out.push(c.bold(wrap(`${e.path} = ${String(valueText(s, e, false))}`, width).join('\n')));
  out.push(...wrap(`${s.name} · ${s.file} · case: ${caseName}`, width));
  out.push(...wrap(`how: ${e.formula}`, width));
  out.push('');
  for (const p of e.parts) {
    out.push(...partText(s, p, c, width, cited));
    out.push('');
  }
  for (const f of e.extraInputs) out.push(...inputLine(s, f, width, cited));
  const lines = reportLines(s, e);
  if (lines.length) out.push(...wrap(`report lines cited: ${lines.join(', ')}`, width));
  return out.join('\n') + '\n';
}
