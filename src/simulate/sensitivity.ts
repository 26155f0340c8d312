// One-at-a-time sensitivity: each ranged input at its low, then its high end, every
// other input at base and gates as written; exact arithmetic, the same compute().
import { Dec, Exact } from '../core/money.js';
import { compute, casePicker, type Picker } from '../compute/engine.js';
import { Measure } from '../measure/metrics.js';
import type { Fig, Scenario } from '../normalize/types.js';

export interface Swing { fig: Fig; atLow: Dec | null; atHigh: Dec | null; swing: Dec }
export interface Sensitivity { metric: string; base: Dec | null; rows: Swing[] }

function value(s: Scenario, metric: string, pick: Picker<Dec>): Dec | null {
  const v = new Measure(s, compute(s, Exact, pick)).get(metric);
  if (typeof v === 'boolean') return v ? Dec.ONE : Dec.ZERO;
  return v ?? null;
}

export function sensitivity(s: Scenario, metric: string): Sensitivity {
  const base = casePicker(Exact, 'base');
  const at = (f: Fig, end: 'low' | 'high'): Picker<Dec> => ({ ...base, fig: (g) => (g === f ? g.value[end] : g.value.base) });
  const rows = s.figures.filter((f) => !f.value.low.eq(f.value.high)).map((f) => {
    const atLow = value(s, metric, at(f, 'low')), atHigh = value(s, metric, at(f, 'high'));
    const swing = atLow === null || atHigh === null ? Dec.ZERO : atHigh.minus(atLow).abs();
    return { fig: f, atLow, atHigh, swing };
  });
  // Largest swing first; ties in the order the inputs are written.
  const order = new Map(rows.map((r, i) => [r, i]));
  rows.sort((a, b) => b.swing.cmp(a.swing) || order.get(a)! - order.get(b)!);
  return { metric, base: value(s, metric, base), rows };
}
