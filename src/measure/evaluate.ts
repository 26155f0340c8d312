// One evaluation: the exact ledger of a scenario for one case of its ranges, measured on
// its scoring basis, with its claims tested.
import { type Dec, Exact } from '../core/money.js';
import { type Case, casePicker, compute, type RowMemo } from '../compute/engine.js';
import type { Ledger } from '../kit/ledger.js';
import type { Scenario } from '../model/scenario.js';
import { type ClaimResult, testClaims } from './claims.js';
import { Measure } from './measure.js';

export interface Evaluation {
  scenario: Scenario;
  case: Case;
  ledger: Ledger<Dec>;
  measure: Measure<Dec>;
  claims: ClaimResult[];
}

/** Computes the exact ledger for one case of the scenario's ranges and measures it; `rows`: mechanisms' rows booked before (compute/engine.ts). */
export function evaluate(scenario: Scenario, c: Case = 'base', rows?: RowMemo): Evaluation {
  const ledger = compute(scenario, Exact, casePicker(Exact, c), undefined, rows && { rows, case: c });
  const measure = new Measure(scenario, ledger);
  return { scenario, case: c, ledger, measure, claims: testClaims(measure) };
}
