// The opening every single-scenario command shares: load the file, print its diagnostics,
// and hand back a usable scenario, or nothing when the input cannot be used (exit 2).
import type { Diagnostic } from '../core/diagnostics.js';
import { exitCodeFor } from '../core/diagnostics.js';
import { loadScenario } from '../pipeline.js';
import { Loader } from '../read/load.js';
import type { Scenario } from '../normalize/types.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { makeChalk } from '../render/table.js';
import type { IO } from './io.js';

export interface Opened {
  scenario: Scenario;
  /** 0, or 1 when the file broke a rule (its diagnostics are already printed). */
  code: number;
  /** Every diagnostic of the file (warnings included), e.g. for run's JSON. */
  diagnostics: Diagnostic[];
  /** Prints more diagnostics (with excerpts from the files read). */
  report(ds: Diagnostic[]): void;
}

export function openScenario(io: IO, file: string): Opened | undefined {
  const loaded = loadScenario(file, new Loader(io.cwd, { roots: io.roots }));
  const errChalk = makeChalk(io.stderrIsTTY, io.env);
  const report = (ds: Diagnostic[]) => {
    if (ds.length) io.err(renderDiagnostics(ds, loaded.sources, errChalk));
  };
  report(loaded.diags.items);
  const code = exitCodeFor(loaded.diags.items);
  if (!loaded.scenario || code === 2) return undefined;
  return { scenario: loaded.scenario, code, diagnostics: loaded.diags.items, report };
}

/** A problem with the command line itself (not a file): exit 2. */
export function usage(code: string, message: string, hint?: string): Diagnostic {
  return { severity: 'error', category: 'input', code, message, hint };
}
