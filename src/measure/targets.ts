// The verdicts of a plan's target tests (targets.tests): each on the basis it names (or the
// scenario's) and, when budget cost enters it, on every scoring basis, with its margin. A
// miss is a verdict, not an error: `check --strict-targets` is what turns one into exit 1.
import type { Dec } from '../core/money.js';
import { type Expr, refsOf } from '../model/expr.js';
import type { MetricRef } from '../model/paths.js';
import type { Scenario, TargetTest } from '../model/scenario.js';
import { type Evaluation, evaluate } from './evaluate.js';
import type { TestOutcome } from './expr.js';
import type { Measure } from './measure.js';

/** Money metrics whose amounts depend on the scoring basis. */
const BASIS_MONEY = new Set(['budgetCost', 'outlays', 'offsettingReceipts', 'netBudgetCost', 'incrementalCost']);
const BASIS_RATIOS = new Set(['leverage.budget', 'multiplier']);

/** Whether budget cost (or anything scored by basis) enters a metric ref, through measures and other tests too. */
export function refReadsBudget(r: MetricRef, s: Scenario, seen = new Set<string>()): boolean {
  switch (r.kind) {
    case 'money':
      return BASIS_MONEY.has(r.metric);
    case 'ratio':
      return BASIS_RATIOS.has(r.metric);
    case 'floor':
      return r.reading === 'appropriated';
    case 'target':
      return false;
    case 'measure': {
      const me = s.measures.find((x) => x.id === r.id);
      if (!me || seen.has(`m:${r.id}`)) return false;
      seen.add(`m:${r.id}`);
      return readsBudget(me.expr, s, seen);
    }
    case 'test': {
      const t = s.targets.tests.find((x) => x.id === r.id);
      if (!t || seen.has(`t:${r.id}`)) return false;
      seen.add(`t:${r.id}`);
      return readsBudget(t.test.left, s, seen) || readsBudget(t.test.right, s, seen);
    }
  }
}

export function readsBudget(e: Expr, s: Scenario, seen = new Set<string>()): boolean {
  return refsOf(e).some((r) => refReadsBudget(r, s, seen));
}

export interface BasisVerdict {
  basis: string;
  outcome: TestOutcome<Dec>;
}

export interface TestVerdict {
  test: TargetTest;
  /** The basis the verdict is on: the test's own, or the scenario's. */
  basis: string;
  outcome: TestOutcome<Dec>;
  /** Every scoring basis, when budget cost enters the test; else empty. */
  byBasis: BasisVerdict[];
}

/** Every target test's verdict; a test of another case than the evaluation's is evaluated in its own case. */
export function testVerdicts(ev: Evaluation): TestVerdict[] {
  const s = ev.scenario;
  const cases = new Map<string, Measure<Dec>>([[ev.case, ev.measure]]);
  const measureOf = (c: TargetTest['case']) => {
    let m = cases.get(c);
    if (!m) cases.set(c, (m = evaluate(s, c).measure));
    return m;
  };
  return s.targets.tests.map((test) => {
    const m = measureOf(test.case);
    const basis = test.basis ?? m.basis.id;
    const outcome = m.onBasis(basis).test(test.id);
    const byBasis =
      readsBudget(test.test.left, s) || readsBudget(test.test.right, s)
        ? m.planBases.map((b) => ({ basis: b.id, outcome: m.onBasis(b.id).testOn(test) }))
        : [];
    return { test, basis, outcome, byBasis };
  });
}
