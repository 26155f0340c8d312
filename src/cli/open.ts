// The opening every single-scenario command shares: load the file, print its diagnostics,
// and hand back a usable scenario, or nothing when the input cannot be used (exit 2).
import { buildId, cacheDir } from '../core/cache.js';
import { TreeCache } from '../read/tree-cache.js';
import { SavedInputs } from '../validate/saved.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { exitCodeFor } from '../core/diagnostics.js';
import { type Early, loadScenario } from '../normalize/load.js';
import { Loader } from '../read/load.js';
import type { Scenario } from '../model/scenario.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { DEFAULT_WIDTH, makeChalk } from '../render/terminal.js';
import type { IO } from './io.js';
import { runRules } from '../check/rules.js';
import type { Case } from '../compute/engine.js';
import { evaluate, type Evaluation } from '../measure/evaluate.js';

export interface Opened {
  scenario: Scenario;
  /** The scoring basis the file states (the scenario's, before --basis). */
  fileBasis: string;
  /** 0, or 1 when the file broke a rule (its diagnostics are already printed). */
  code: number;
  /** Every diagnostic of the file (warnings included), e.g. for run's JSON. */
  diagnostics: Diagnostic[];
  /** Prints more diagnostics (with excerpts from the files read). */
  report(ds: Diagnostic[]): void;
}

/** What openScenario returns when `early` answered the command from the file's tree. */
export const ANSWERED = 'answered';

export function openScenario(io: IO, file: string, basis?: string): Opened | undefined;
export function openScenario(io: IO, file: string, basis: string | undefined, early: Early): Opened | typeof ANSWERED | undefined;
export function openScenario(io: IO, file: string, basis?: string, early?: Early): Opened | typeof ANSWERED | undefined {
  const dir = cacheDir(io.env),
    build = buildId();
  const trees = dir && build ? new TreeCache(dir, build) : undefined;
  const inputs = dir && build ? new SavedInputs(dir, build) : undefined;
  const loaded = loadScenario(file, new Loader(io.cwd, { roots: io.roots, trees }), { saved: inputs, early });
  if (loaded.taken) return ANSWERED;
  const errChalk = makeChalk(io.stderrIsTTY, io.env);
  const report = (ds: Diagnostic[]) => {
    // In a terminal, wrapped to its width (piped, each diagnostic line stays whole for grep).
    if (ds.length) io.err(renderDiagnostics(ds, loaded.sources, errChalk, io.columns));
  };
  report(loaded.diags.items);
  const code = exitCodeFor(loaded.diags.items);
  if (!loaded.scenario || code === 2) return undefined;
  const scenario = basis === undefined ? loaded.scenario : { ...loaded.scenario, basis };
  return { scenario, fileBasis: loaded.scenario.basis, code, diagnostics: loaded.diags.items, report };
}

/** A problem with the command line itself (not a file): exit 2. */
export function usage(code: string, message: string, hint?: string): Diagnostic {
  return { severity: 'error', category: 'input', code, message, hint };
}

/** The width to lay tables out for: --width, else the terminal's, else a documented default for pipes. */
export function widthFor(io: IO, asked?: number): number {
  return asked ?? io.columns ?? DEFAULT_WIDTH;
}

/**
 * The rules `check` applies (envelopes, declared totals, assertions, fallback order), applied
 * by every command that prints a scenario's numbers: failures are printed (claims are not:
 * the report shows them) and give exit 1, so `run` and `check` agree on what fails.
 */
export function applyRules(opened: Opened, scenario: Scenario, ev: Evaluation, c: Case): { code: number; errors: Diagnostic[] } {
  const r = runRules(scenario, (k) => (k === c ? ev : evaluate(scenario, k)), { strictClaims: false });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  opened.report(errors);
  return { code: Math.max(opened.code, errors.length ? 1 : 0), errors };
}
