// The scenario's input figures as rows people can audit: path, unit, low/base/high,
// the citation, and where it is written; shared by the HTML report, the workbook and explain.
import { millionsOf } from '../core/currency.js';
import { type Dec, millions } from '../core/money.js';
import type { Fig, Scenario } from '../model/scenario.js';

/** An amount's unit ("USD millions", "ILS millions"), a rate or a ratio. */
export type FigUnit = `${string} millions` | 'rate' | 'ratio';

/**
 * A figure's unit as shown: its own, else read from its path (built-in defaults carry
 * none); an amount is in the currency it is written in (the plan's, `currency`, unless it names one).
 */
export function figureUnit(f: Pick<Fig, 'unit' | 'path' | 'currency'>, currency: string): FigUnit {
  if (f.unit) return f.unit === 'amount' ? millionsOf(f.currency ?? currency) : f.unit;
  if (/(shares|rates)\[\d+\]$|subsidyRate|probability|growth|tolerance|fees/.test(f.path)) return 'rate';
  if (/crowdIn|multiple|followOn|coInvest|coFinance/.test(f.path)) return 'ratio';
  return millionsOf(currency);
}

/** A figure's value as shown: amounts in millions, rates and ratios as plain decimals. */
export function figureValue(x: Dec, unit: FigUnit): string {
  return unit.endsWith(' millions') ? millions(x) : x.toPlain(6);
}

/** Report line references in a citation: "l.581; over the period, l.598" -> ["l.581", "l.598"]; "l.295-298" kept whole. */
export function lineRefs(source: string | undefined): string[] {
  // Each cited line once, in the order first cited.
  return source ? [...new Set([...source.matchAll(/\bl\.\s?(\d+(?:-\d+)?)/g)].map((m) => `l.${m[1]}`))] : [];
}

export interface InputRow {
  path: string;
  unit: FigUnit;
  low: string;
  base: string;
  high: string;
  /** The figure's own citation, or the nearest enclosing one (mechanism, profile) marked as such. */
  source: string;
  /** file:line where the figure is written. */
  at: string;
}

/** Mechanisms by id, per scenario (a lookup per figure; a search was O(mechanisms^2)). */
const byId = new WeakMap<Scenario, Map<string, Scenario['mechanisms'][number]>>();
function mechanismById(s: Scenario, id: string): Scenario['mechanisms'][number] | undefined {
  let m = byId.get(s);
  if (!m) {
    m = new Map();
    // The first of an id, as find() gave.
    for (const x of s.mechanisms) if (!m.has(x.id)) m.set(x.id, x);
    byId.set(s, m);
  }
  return m.get(id);
}

/** The citation of a figure: its own source, else the mechanism's or assumption's it belongs to. */
export function citation(s: Scenario, f: Fig): string {
  if (f.source) return f.source;
  const mech = /^mechanisms\[([^\]]+)\]/.exec(f.path)?.[1];
  const m = mech === undefined ? undefined : mechanismById(s, mech);
  if (m?.source) return `(from ${m.id}) ${m.source}`;
  const curve = /^assumptions\.(profiles|drawdowns)\.([^.]+)\./.exec(f.path);
  const c = curve ? s.curves.find((x) => x.name === curve[2]) : undefined;
  if (c?.source) return `(from ${c.name}) ${c.source}`;
  return '(no source given)';
}

/** Every input figure once (a default used by several mechanisms appears once), in scenario order. */
export function inputRows(s: Scenario): InputRow[] {
  const seen = new Set<string>();
  const rows: InputRow[] = [];
  for (const f of s.figures) {
    const key = `${f.path}@${f.loc.file}:${f.loc.line}:${f.loc.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const unit = figureUnit(f, s.currency);
    rows.push({
      path: f.path,
      unit,
      low: figureValue(f.value.low, unit),
      base: figureValue(f.value.base, unit),
      high: figureValue(f.value.high, unit),
      source: citation(s, f),
      at: `${f.loc.file}:${f.loc.line}`,
    });
  }
  return rows;
}
