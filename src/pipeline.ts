// The pipeline in one place: read -> validate -> normalize (load), then
// compute -> measure (evaluate). Commands call these and render what they return.
import { Diagnostics } from './core/diagnostics.js';
import { type Dec, Exact } from './core/money.js';
import { Loader, type FileSource } from './read/load.js';
import { validate } from './validate/validate.js';
import { normalize } from './normalize/normalize.js';
import type { Scenario } from './normalize/types.js';
import { compute, casePicker, type Case } from './compute/engine.js';
import type { Ledger } from './compute/ledger.js';
import { Measure } from './measure/metrics.js';
import { testClaims, type ClaimResult } from './measure/claims.js';

export interface LoadResult {
  scenario?: Scenario;
  diags: Diagnostics;
  sources: Map<string, string>;
}

/** Reads, validates and normalizes one scenario file (and what it extends). */
export function loadScenario(file: string, loader: Loader = new Loader(), source?: FileSource): LoadResult {
  const diags = new Diagnostics();
  const loaded = loader.load(file, diags, source);
  if (!loaded.tree || diags.hasInputErrors) return { diags, sources: loaded.sources };
  const input = validate(loaded.tree, diags);
  if (!input) return { diags, sources: loaded.sources };
  const scenario = normalize(input, loaded.tree, loaded.chain[0]!, loaded.chain, diags);
  return { scenario, diags, sources: loaded.sources };
}

export interface Evaluation {
  scenario: Scenario;
  case: Case;
  ledger: Ledger<Dec>;
  measure: Measure<Dec>;
  claims: ClaimResult[];
}

/** Computes the exact ledger for one case of the scenario's ranges and measures it. */
export function evaluate(scenario: Scenario, c: Case = 'base'): Evaluation {
  const ledger = compute(scenario, Exact, casePicker(Exact, c));
  const measure = new Measure(scenario, ledger);
  return { scenario, case: c, ledger, measure, claims: testClaims(measure) };
}
