// The scenario with one input replaced by a value: the engine reads figures through
// Picker.fig, so a picker answers for the figures of one path (a shared default is one path
// used several times) and takes the case for every other; a figure read where it sits (a
// target's value, a measure's threshold) gets the value in the scenario itself.
import type { Ranged } from '../core/amount.js';
import { Dec, Exact } from '../core/money.js';
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

/**
 * The scenario with every figure of a set path given its new value wherever it is held:
 * the engine reads figures through its picker, but some are read where they sit (a
 * target's value, a measure's threshold). Objects with nothing changed inside stay shared.
 */
export function withFigures(x: unknown, values: ReadonlyMap<string, Dec>, memo = new Map<object, unknown>()): unknown {
  if (x === null || typeof x !== 'object' || x instanceof Dec) return x;
  const hit = memo.get(x);
  if (hit !== undefined) return hit;
  let out: unknown = x;
  const f = x as Partial<Fig>;
  if (typeof f.path === 'string' && f.value !== undefined && 'base' in f.value && values.has(f.path))
    out = withValue(f as Fig, values.get(f.path)!);
  else if (Array.isArray(x)) {
    const ys = x.map((y) => withFigures(y, values, memo));
    if (ys.some((y, i) => y !== x[i])) out = ys;
  } else {
    const entries = Object.entries(x);
    const ys = entries.map(([, v]) => withFigures(v, values, memo));
    if (ys.some((y, i) => y !== entries[i]![1])) out = Object.fromEntries(entries.map(([k], i) => [k, ys[i]]));
  }
  memo.set(x, out);
  return out;
}

/** Evaluates the scenario (on its basis, for case `c`) with the input at `path` set to `v`. */
export function evaluateWith(s: Scenario, path: string, v: Dec, c: Case): Evaluation {
  // The value wherever the figure is held: the floor test reads targets.floor.value where it
  // sits, and the scenario's list of figures carries it so inputs tables and diffs show it.
  const scenario = withFigures(s, new Map([[path, v]])) as Scenario;
  const ledger = compute(scenario, Exact, substitutePicker(path, v, c));
  const measure = new Measure(scenario, ledger);
  return { scenario, case: c, ledger, measure, claims: testClaims(measure) };
}
