// Reading a scenario up to its typed form: read (YAML and extends) -> validate -> normalize.
import { Diagnostics } from '../core/diagnostics.js';
import type { Scenario } from '../model/scenario.js';
import { type FileSource, Loader } from '../read/load.js';
import type { SavedInputs } from '../validate/saved.js';
import { validate } from '../validate/validate.js';
import { normalize } from './normalize.js';

export interface LoadResult {
  scenario?: Scenario;
  diags: Diagnostics;
  sources: Map<string, string>;
}

/** Reads, validates and normalizes one scenario file (and what it extends); `saved`: validated trees saved between runs. */
export function loadScenario(file: string, loader: Loader = new Loader(), source?: FileSource, saved?: SavedInputs): LoadResult {
  const diags = new Diagnostics();
  const loaded = loader.load(file, diags, source);
  if (!loaded.tree || diags.hasInputErrors) return { diags, sources: loaded.sources };
  const key = saved?.key(loaded.tree);
  let input = key === undefined ? undefined : saved!.get(key);
  if (!input) {
    input = validate(loaded.tree, diags);
    // Validation that passes adds no diagnostic: the saved form stands for it exactly.
    if (input && key !== undefined) saved!.put(key, input);
  }
  if (!input) return { diags, sources: loaded.sources };
  const scenario = normalize(input, loaded.tree, loaded.chain[0]!, loaded.chain, diags);
  return { scenario, diags, sources: loaded.sources };
}
