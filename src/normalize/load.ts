// Reading a scenario up to its typed form: read (YAML and extends) -> validate -> normalize.
import { Diagnostics } from '../core/diagnostics.js';
import type { Scenario } from '../model/scenario.js';
import { type FileSource, Loader } from '../read/load.js';
import { validate } from '../validate/validate.js';
import { normalize } from './normalize.js';

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
