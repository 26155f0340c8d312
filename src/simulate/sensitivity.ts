// One-at-a-time sensitivity: each ranged input at its low, then its high end, and each
// gate (a fund wave's gate, a project's feasibility study) failing, then holding, with
// everything else at base and gates as written; exact arithmetic, the same compute().
import { Dec, Exact } from '../core/money.js';
import { compute, casePicker, type Picker } from '../compute/engine.js';
import { Measure } from '../measure/metrics.js';
import type { Fig, Scenario } from '../normalize/types.js';

/** What is swung: a ranged figure (low -> high) or a gate (fails -> holds). */
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
  base: Dec | null;
  rows: Swing[];
}

function value(s: Scenario, metric: string, pick: Picker<Dec>): Dec | null {
  const v = new Measure(s, compute(s, Exact, pick)).get(metric);
  if (typeof v === 'boolean') return v ? Dec.ONE : Dec.ZERO;
  return v ?? null;
}

export function sensitivity(s: Scenario, metric: string): Sensitivity {
  const base = casePicker(Exact, 'base');
  const swing = (input: SwingInput, low: Picker<Dec>, high: Picker<Dec>): Swing => {
    const atLow = value(s, metric, low),
      atHigh = value(s, metric, high);
    return { input, atLow, atHigh, swing: atLow === null || atHigh === null ? Dec.ZERO : atHigh.minus(atLow).abs() };
  };
  const rows: Swing[] = [];
  for (const f of s.figures) {
    if (f.value.low.eq(f.value.high)) continue;
    const at = (end: 'low' | 'high'): Picker<Dec> => ({ ...base, fig: (g) => (g === f ? g.value[end] : g.value.base) });
    rows.push(swing({ kind: 'range', path: f.path, fig: f, source: f.source }, at('low'), at('high')));
  }
  // Gates often move a metric more than any range (a fund that never launches).
  for (const m of s.mechanisms) {
    if (m.kind === 'gated-project') {
      const at = (passes: boolean): Picker<Dec> => ({ ...base, study: (x) => (x === m ? passes : base.study(x)) });
      rows.push(
        swing(
          {
            kind: 'gate',
            path: `${m.id} feasibility study`,
            label: 'fails | passes',
            asWritten: m.study.passes,
            probability: m.study.probability,
            source: m.study.source,
          },
          at(false),
          at(true),
        ),
      );
    }
    if (m.kind === 'lp-fund-waves')
      for (const w of m.waves) {
        if (!w.gate) continue;
        const at = (holds: boolean): Picker<Dec> => ({ ...base, gate: (x, y) => (y === w ? holds : base.gate(x, y)) });
        rows.push(
          swing(
            {
              kind: 'gate',
              path: `${m.id} ${w.id} gate`,
              label: 'fails | holds',
              asWritten: w.gate.holds,
              probability: w.gate.probability,
              source: w.gate.source,
            },
            at(false),
            at(true),
          ),
        );
      }
  }
  // Largest swing first; ties in the order the inputs are written (ranges, then gates).
  const order = new Map(rows.map((r, i) => [r, i]));
  rows.sort((a, b) => b.swing.cmp(a.swing) || order.get(a)! - order.get(b)!);
  return { metric, base: value(s, metric, base), rows };
}
