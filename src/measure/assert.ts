// Testing an assertion (`assert:`) on a measured ledger, and showing a metric's value in
// a message. Parsing one is model/assertion.ts.
import { Dec, displayMillions } from '../core/money.js';
import type { CompareOp, ParsedAssertion } from '../model/assertion.js';
import { type MetricRef, unitOf } from '../model/paths.js';
import type { Measure } from './measure.js';

export interface AssertionResult {
  /** The metric's value; null when it has none (a ratio over zero, a test without its target). */
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
  const computed = m.value(a.ref);
  if (computed === null) return { computed, holds: false };
  if (typeof computed === 'boolean' || typeof a.value === 'boolean') {
    const same = computed === a.value;
    return { computed, holds: a.op === '==' ? same : a.op === '!=' ? !same : false };
  }
  return { computed, holds: compare(computed, a.op, a.value) };
}

/** A metric value as people read it in a message: amounts in USD millions, exact, digits grouped. */
export function showValue(x: Dec | boolean | null, ref: MetricRef): string {
  if (x === null) return 'undefined';
  if (typeof x === 'boolean') return String(x);
  return unitOf(ref) === 'amount' ? displayMillions(x, 'exact') : x.toPlain(6);
}
