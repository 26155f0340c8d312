// Evaluating an expression (model/expr.ts) over measured metrics: exact with the money
// module's Dec (run, check, solve), float64 with Fast (simulate), by the same code. A
// division by zero, or a metric with no value, gives null: "not defined", never a number.
import type { Arith } from '../core/money.js';
import type { Expr, ExprTest, TestOp } from '../model/expr.js';
import type { MetricRef } from '../model/paths.js';

/** What an evaluation reads: a metric's value, and one year of a money metric (for a period range). */
export interface ExprSource<T> {
  readonly A: Arith<T>;
  value(r: MetricRef): T | boolean | null;
  yearOf(r: Extract<MetricRef, { kind: 'money' }>, y: number): T;
}

export type ExprValue<T> = T | boolean | null;

export function evalExpr<T>(e: Expr, m: ExprSource<T>): ExprValue<T> {
  const A = m.A;
  switch (e.kind) {
    case 'num':
      return A.lift(e.value);
    case 'bool':
      return e.value;
    case 'path': {
      const ref = e.ref;
      if (e.to === undefined || ref.kind !== 'money' || typeof ref.period !== 'number') return m.value(ref);
      let s = A.zero;
      for (let y = ref.period; y <= e.to; y++) s = A.add(s, m.yearOf(ref, y));
      return s;
    }
    case 'neg': {
      const v = evalExpr(e.arg, m);
      return v === null || typeof v === 'boolean' ? null : A.sub(A.zero, v);
    }
    case 'bin': {
      const a = evalExpr(e.left, m);
      const b = evalExpr(e.right, m);
      if (a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean') return null;
      switch (e.op) {
        case '+':
          return A.add(a, b);
        case '-':
          return A.sub(a, b);
        case '*':
          return A.mul(a, b);
        case '/':
          return A.isZero(b) ? null : A.div(a, b);
      }
    }
  }
}

export function compareWith<T>(A: Arith<T>, a: T, op: TestOp, b: T, tol?: T): boolean {
  const lt = (x: T, y: T) => A.lt(tol === undefined ? x : A.add(x, tol), y);
  const below = lt(a, b);
  const above = lt(b, a);
  switch (op) {
    case '>=':
      return !below;
    case '<=':
      return !above;
    case '>':
      return above;
    case '<':
      return below;
    case '==':
      return !below && !above;
    case '!=':
      return below || above;
  }
}

export interface TestOutcome<T> {
  /** The left side's value; null when not defined. */
  value: ExprValue<T>;
  /** The right side's value. */
  bar: ExprValue<T>;
  /** null when either side is not defined. */
  holds: boolean | null;
  /** left - right in the left side's unit (positive: above the value); null for true/false or not defined. */
  margin: T | null;
}

/** A test's verdict and margin; `tol` as in measure/tests.ts (simulate's float sums only). */
export function runTest<T>(t: ExprTest, m: ExprSource<T>, tol?: T): TestOutcome<T> {
  const A = m.A;
  const value = evalExpr(t.left, m);
  const bar = evalExpr(t.right, m);
  if (value === null || bar === null) return { value, bar, holds: null, margin: null };
  if (typeof value === 'boolean' || typeof bar === 'boolean') {
    const same = value === bar;
    return { value, bar, holds: t.op === '==' ? same : t.op === '!=' ? !same : null, margin: null };
  }
  return { value, bar, holds: compareWith(A, value, t.op, bar, tol), margin: A.sub(value, bar) };
}
