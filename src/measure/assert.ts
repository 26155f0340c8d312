// Testing an assertion (`assert:`) on a measured ledger, and showing a metric's value in
// a message. Parsing one is model/assertion.ts.
import { Dec, displayMillions } from '../core/money.js';
import type { CompareOp, ParsedAssertion } from '../model/assertion.js';
import { type ExprUnit, refUnit } from '../model/expr.js';
import type { MetricRef } from '../model/paths.js';
import { runTest } from './expr.js';
import type { Measure } from './measure.js';

export interface AssertionResult {
  /** The left side's value; null when it has none (a ratio over zero, a test without its target). */
  computed: Dec | boolean | null;
  holds: boolean;
}

export function compare(a: Dec, op: CompareOp, b: Dec): boolean {
  const c = a.cmp(b);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
  }
}

export function testAssertion(a: ParsedAssertion, m: Measure<Dec>): AssertionResult {
  const r = runTest(a.test, m);
  return { computed: r.value, holds: r.holds === true };
}

/** The unit a value is shown in: a metric's, or an expression's. */
export function unitIn(x: MetricRef | ExprUnit): ExprUnit {
  return typeof x === 'string' ? x : refUnit(x, { govs: [], mechs: [], start: 0, years: 0 });
}

/** A metric value as people read it in a message: amounts in USD millions, exact, digits grouped. */
export function showValue(x: Dec | boolean | null, ref: MetricRef | ExprUnit): string {
  if (x === null) return 'undefined';
  if (typeof x === 'boolean') return String(x);
  const u = unitIn(ref);
  return u === 'money' ? displayMillions(x, 'exact') : u === 'percent' ? `${x.times(100).toPlain(6)}%` : x.toPlain(6);
}
