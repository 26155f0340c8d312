// The scenario with one input replaced by a value: the engine reads every figure through
// Picker.fig, so a picker that answers for the figures of one path (a shared default is one
// path used several times) and takes the case for every other is enough.
import type { Ranged } from '../core/amount.js';
import { type Dec, Exact } from '../core/money.js';
import { type Case, casePicker, compute, type Picker } from '../compute/engine.js';
import { testClaims } from '../measure/claims.js';
import type { Evaluation } from '../measure/evaluate.js';
import { Measure } from '../measure/measure.js';
import type { Fig, Scenario } from '../model/scenario.js';

/** A copy of a figure with a new value (one point: low = base = high). */
export function withValue(f: Fig, v: Dec): Fig {
  const value: Ranged = { low: v, base: v, high: v };
  return { ...f, value };
}

export function substitutePicker(path: string, v: Dec, c: Case): Picker<Dec> {
  const own = casePicker(Exact, c);
  return { fig: (f) => (f.path === path ? v : own.fig(f)), event: own.event };
}

/** Evaluates the scenario (on its basis, for case `c`) with the input at `path` set to `v`. */
export function evaluateWith(s: Scenario, path: string, v: Dec, c: Case): Evaluation {
  // The scenario's own list of figures carries the new value too, so inputs tables and diffs show it.
  const scenario: Scenario = { ...s, figures: s.figures.map((f) => (f.path === path ? withValue(f, v) : f)) };
  const ledger = compute(scenario, Exact, substitutePicker(path, v, c));
  const measure = new Measure(scenario, ledger);
  return { scenario, case: c, ledger, measure, claims: testClaims(measure) };
}
