// One-at-a-time sensitivity: each ranged input at its low, then its high end, and each
// event (a fund wave's gate, a project's feasibility study) failing, then holding, with
// everything else at base and events as written; exact arithmetic, the same compute().
import { Dec, Exact } from '../core/money.js';
import { casePicker, compute, type Picker } from '../compute/engine.js';
import { Measure } from '../measure/measure.js';
import type { Expr } from '../model/expr.js';
import type { Fig, Scenario } from '../model/scenario.js';

/** What is swung: a ranged figure (low -> high) or an event (fails -> holds). */
export type SwingInput =
  | { kind: 'range'; path: string; fig: Fig; source?: string }
  | { kind: 'gate'; path: string; label: string; asWritten: boolean; probability?: Fig; source?: string };
export interface Swing {
  input: SwingInput;
  atLow: Dec | null;
  atHigh: Dec | null;
  swing: Dec;
}
export interface Sensitivity {
  metric: string;
  /** The metric as an expression (one path, or arithmetic of several). */
  expr: Expr;
  base: Dec | null;
  rows: Swing[];
}

function value(s: Scenario, ref: Expr, pick: Picker<Dec>): Dec | null {
  const v = new Measure(s, compute(s, Exact, pick)).expr(ref);
  if (typeof v === 'boolean') return v ? Dec.ONE : Dec.ZERO;
  return v ?? null;
}

export function sensitivity(s: Scenario, metric: string, ref: Expr): Sensitivity {
  const base = casePicker(Exact, 'base');
  const swing = (input: SwingInput, low: Picker<Dec>, high: Picker<Dec>): Swing => {
    const atLow = value(s, ref, low);
    const atHigh = value(s, ref, high);
    return { input, atLow, atHigh, swing: atLow === null || atHigh === null ? Dec.ZERO : atHigh.minus(atLow).abs() };
  };
  const rows: Swing[] = [];
  for (const f of s.figures) {
    if (f.value.low.eq(f.value.high)) continue;
    const at = (end: 'low' | 'high'): Picker<Dec> => ({ ...base, fig: (g) => (g === f ? g.value[end] : g.value.base) });
    rows.push(swing({ kind: 'range', path: f.path, fig: f, source: f.source }, at('low'), at('high')));
  }
  // Events often move a metric more than any range (a fund that never launches).
  for (const e of s.events) {
    const at = (holds: boolean): Picker<Dec> => ({ ...base, event: (x) => (x.key === e.key ? holds : base.event(x)) });
    rows.push(
      swing(
        {
          kind: 'gate',
          path: e.swing,
          label: `${e.words[0]} | ${e.words[1]}`,
          asWritten: e.holds,
          probability: e.probability,
          source: e.source,
        },
        at(false),
        at(true),
      ),
    );
  }
  // Largest swing first; ties in the order the inputs are written (ranges, then events).
  const order = new Map(rows.map((r, i) => [r, i]));
  rows.sort((a, b) => b.swing.cmp(a.swing) || order.get(a)! - order.get(b)!);
  return { metric, expr: ref, base: value(s, ref, base), rows };
}
