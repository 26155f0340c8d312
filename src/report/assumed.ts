// The figures a scenario that extends another sets on its own author's assumption (a source
// that says "assumption", as for gate probabilities): what makes the alternative, flagged in
// every output that shows it, since no published figure stands behind it.
import { millionsOf } from '../core/currency.js';
import { displayMillions } from '../core/money.js';
import type { Fig, Scenario } from '../model/scenario.js';
import { figureUnit } from './inputs.js';

export interface AssumedFigure {
  path: string;
  /** The input as people say it: "F-2 appropriations US". */
  label: string;
  /** Its value as shown: "25.0" (in the plan's millions), "12.5%", "0.75x"; a range low-high. */
  value: string;
  source: string;
  /** An amount (shown in millions of the plan's currency), not a rate or a ratio. */
  amount: boolean;
}

/** A figure's path as words: mechanisms[F-2].appropriations.US.amount -> "F-2 appropriations US". */
export function pathWords(path: string): string {
  return path
    .replace(/\.(amount|value)$/, '')
    .replace(/^mechanisms\[([^\]]+)\]\.?/, '$1 ')
    .replace(/\[([^\]]+)\]/g, ' $1')
    .replace(/\./g, ' ')
    .replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
    .trim();
}

function shown(f: Fig, currency: string): string {
  const unit = figureUnit(f, currency);
  const one = (x: Fig['value']['base']) =>
    unit === 'rate' ? `${x.times(100).toPlain(2)}%` : unit === 'ratio' ? `${x.toPlain(2)}x` : displayMillions(x);
  const v = f.value;
  return v.low.eq(v.high) ? one(v.base) : `${one(v.low)}-${one(v.high)}`;
}

/** The assumed figures the scenario's own file writes, when it extends another (none for a base). */
export function assumedFigures(s: Scenario): AssumedFigure[] {
  if (s.chain.length < 2) return [];
  const seen = new Set<string>();
  const out: AssumedFigure[] = [];
  for (const f of s.figures) {
    if (f.loc.file !== s.file || !f.source || !/assumption/i.test(f.source) || seen.has(f.path)) continue;
    seen.add(f.path);
    const amount = figureUnit(f, s.currency).endsWith(' millions');
    out.push({ path: f.path, label: pathWords(f.path), value: shown(f, s.currency), source: f.source, amount });
  }
  return out;
}

/** One line for a report's meta: "Assumed by the scenario's author (no published figure): F-2 appropriations US 25.0; ...". */
export function assumedLine(s: Scenario, whose = "this scenario's author"): string | undefined {
  const a = assumedFigures(s);
  if (!a.length) return undefined;
  return `Assumed by ${whose}, not a published figure: ${a.map((x) => `${x.label} ${x.value}`).join('; ')} (${a.some((x) => x.amount) ? `amounts in ${millionsOf(s.currency)}; ` : ''}each the scenario author's assumption, as its source says).`;
}
