// `check` over many files: loads each with one shared Loader (a common baseline is read
// once), runs the rules on each usable scenario, and keeps every problem of every file.
import { resolve } from 'node:path';
import { exitCodeFor, type Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import type { Loader } from '../read/load.js';
import { evaluate, loadScenario } from '../pipeline.js';
import { runRules, type RuleOptions, type RuleReport } from './rules.js';

export type FileStatus = 'ok' | 'failed' | 'unusable';

export interface FileCheck {
  file: string;
  status: FileStatus;
  exitCode: 0 | 1 | 2;
  /** Every diagnostic of this file (including those in files it extends). */
  diagnostics: Diagnostic[];
  /** Absent when the file could not be used. */
  report?: RuleReport;
}

export interface CheckResult {
  files: FileCheck[];
  /** All diagnostics, each once (a problem in a shared baseline is not repeated per file). */
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  exitCode: 0 | 1 | 2;
}

export function checkFiles(files: string[], loader: Loader, cwd: string, opts: RuleOptions): CheckResult {
  const out: FileCheck[] = [];
  const all: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const name = loader.display(resolve(cwd, f));
    const loaded = loadScenario(f, loader);
    const ds = [...loaded.diags.items];
    let report: RuleReport | undefined;
    if (loaded.scenario && !loaded.diags.hasInputErrors) {
      const s = loaded.scenario;
      report = runRules(s, (c) => evaluate(s, c), opts);
      // A rule on an inherited line (a claim in the baseline) says which scenario it was checked in.
      for (const d of report.diagnostics) ds.push(d.loc && d.loc.file !== name ? { ...d, message: M.inScenario(name, d.message) } : d);
    }
    const exitCode = exitCodeFor(ds);
    out.push({ file: name, status: exitCode === 2 ? 'unusable' : exitCode === 1 ? 'failed' : 'ok', exitCode, diagnostics: ds, report: exitCode === 2 ? undefined : report });
    for (const d of ds) {
      const key = `${d.loc?.file}:${d.loc?.line}:${d.loc?.col}:${d.severity}:${d.code}:${d.message}`;
      if (!seen.has(key)) { seen.add(key); all.push(d); }
    }
  }
  return { files: out, diagnostics: all, sources: loader.sources, exitCode: exitCodeFor(all) };
}
