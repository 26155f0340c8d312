// The grammar of assertions a scenario makes about its own results (`assert:`), e.g.
// `budgetCost.US <= 5B` or `headlineMobilization.total / publicCommitment.total >= 15x`: a
// test of the expression language (model/expr.ts) with the fields older callers read (the
// left side's text and, when it is one path, its ref; the right side's value when it is a
// constant). Testing one is measure's (measure/assert.ts).
import { Dec } from '../core/money.js';
import { type Expr, type ExprNames, type ExprTest, type ExprUnit, parseTest, type TestOp, testUnit } from './expr.js';
import type { MetricRef } from './paths.js';

export const COMPARE_OPS = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type CompareOp = TestOp;

export interface ParsedAssertion {
  /** The left side as written. */
  metric: string;
  test: ExprTest;
  /** The left side's metric when it is one path. */
  ref?: MetricRef;
  /** The unit of the left side (what a value or a gap is shown in). */
  unit: ExprUnit;
  op: CompareOp;
  /** The right side when it is a constant (amounts in USD, not millions); null when it reads metrics. */
  value: Dec | boolean | null;
  valueText: string;
}

/** A parse failure names the part of the text at fault (offset and length), so the caret can point at it. */
export type AssertionParse =
  { ok: true; assertion: ParsedAssertion } | { ok: false; message: string; hint: string; offset: number; length: number };

/** The value of a constant expression (numbers only), or null. */
function constant(e: Expr): Dec | boolean | null {
  switch (e.kind) {
    case 'num':
    case 'bool':
      return e.value;
    case 'path':
      return null;
    case 'neg': {
      const v = constant(e.arg);
      return v instanceof Dec ? v.neg() : null;
    }
    case 'bin': {
      const a = constant(e.left);
      const b = constant(e.right);
      if (!(a instanceof Dec) || !(b instanceof Dec)) return null;
      if (e.op === '/' && b.isZero()) return null;
      return e.op === '+' ? a.plus(b) : e.op === '-' ? a.minus(b) : e.op === '*' ? a.times(b) : a.div(b);
    }
  }
}

/**
 * Parses `EXPRESSION OP VALUE`. Amounts: a bare number is USD millions (as every report shows
 * them); with a unit it is read as written (5B, $500M). A test metric alone (`target.met`)
 * means `== true`.
 */
export function parseAssertion(text: string, names: ExprNames): AssertionParse {
  const r = parseTest(text, names);
  if (!r.ok) return { ok: false, ...r.error };
  const t = r.value;
  const metric = text.slice(t.left.at.offset, t.left.at.offset + t.left.at.length).trim() || text.trim();
  const valueText = t.right.at.offset >= text.length ? 'true' : text.slice(t.right.at.offset).trim();
  return {
    ok: true,
    assertion: {
      metric,
      test: t,
      ref: t.left.kind === 'path' && t.left.to === undefined ? t.left.ref : undefined,
      unit: testUnit(t),
      op: t.op,
      value: constant(t.right),
      valueText,
    },
  };
}
