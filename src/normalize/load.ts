// Reading a scenario up to its typed form: read (YAML and extends) -> validate -> normalize.
import { DEFAULT_CURRENCY, inCurrency } from '../core/currency.js';
import { Diagnostics } from '../core/diagnostics.js';
import type { Scenario } from '../model/scenario.js';
import { type FileSource, Loader } from '../read/load.js';
import { getEntry, type LNode, toPlain } from '../read/tree.js';
import type { SavedInputs } from '../validate/saved.js';
import { validate } from '../validate/validate.js';
import { normalize, type NormalizeMemo } from './normalize.js';

export interface LoadResult {
  scenario?: Scenario;
  diags: Diagnostics;
  sources: Map<string, string>;
  /** `early` took the tree read without a diagnostic: nothing was validated. */
  taken?: true;
}

/**
 * Given the merged tree of a file read without any diagnostic, and its chain of display
 * names, before validation: true when the caller has answered from it (nothing more is done).
 */
export type Early = (tree: LNode, chain: readonly string[]) => boolean;

/** What a caller may add to reading a scenario. */
export interface LoadOptions {
  /** The file's text from elsewhere (a git revision) instead of the disk. */
  source?: FileSource;
  /** Validated trees saved between runs. */
  saved?: SavedInputs;
  /** See Early. */
  early?: Early;
  /** Mechanisms normalized before in this command. */
  memo?: NormalizeMemo;
}

/** Reads, validates and normalizes one scenario file (and what it extends). */
export function loadScenario(file: string, loader: Loader = new Loader(), o: LoadOptions = {}): LoadResult {
  const diags = new Diagnostics();
  const r = loadIn(file, diags, loader, o);
  if (r.taken) return { diags, sources: r.sources, taken: true };
  sayInCurrency(diags, r.tree);
  return { scenario: r.scenario, diags, sources: r.sources };
}

/** The plan's diagnostics in its own currency (the file's `currency:`, when it names a known one). */
function sayInCurrency(diags: Diagnostics, tree: LNode | undefined): void {
  const entry = tree && tree.kind === 'map' ? getEntry(tree, 'currency') : undefined;
  const code = entry ? toPlain(entry.value) : undefined;
  if (typeof code !== 'string' || code === DEFAULT_CURRENCY || !/^[A-Z]{3}$/.test(code)) return;
  for (const d of diags.items) {
    d.message = inCurrency(d.message, code);
    if (d.hint !== undefined) d.hint = inCurrency(d.hint, code);
  }
}

function loadIn(
  file: string,
  diags: Diagnostics,
  loader: Loader,
  o: LoadOptions,
): { scenario?: Scenario; sources: Map<string, string>; tree?: LNode; taken?: true } {
  const { source, saved, early, memo } = o;
  const loaded = loader.load(file, diags, source);
  if (!loaded.tree || diags.hasInputErrors) return { sources: loaded.sources, tree: loaded.tree };
  if (early && diags.items.length === 0 && early(loaded.tree, loaded.chain)) return { sources: loaded.sources, taken: true };
  const parts = saved?.parts(loaded.chain);
  const input = validate(loaded.tree, diags, parts);
  // Validation that passes adds no diagnostic: the saved parts stand for it exactly.
  if (input) parts?.save();
  if (!input) return { sources: loaded.sources, tree: loaded.tree };
  const scenario = normalize(input, loaded.tree, loaded.chain[0]!, loaded.chain, diags, memo);
  return { scenario, sources: loaded.sources, tree: loaded.tree };
}
