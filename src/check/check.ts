// `check` over many files: loads each with one shared Loader (a common baseline is read
// once), runs the rules on each usable scenario, and keeps every problem of every file.
import { resolve } from 'node:path';
import { exitCodeFor, type Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import type { Loader } from '../read/load.js';
import { evaluate } from '../measure/evaluate.js';
import { loadScenario } from '../normalize/load.js';
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
  // Each problem once; a rule failing on an inherited line (a claim in the baseline) the
  // same way in many scenarios is one diagnostic naming them all, not one per scenario.
  const all = new Map<string, { d: Diagnostic; scenarios: string[] }>();
  for (const f of files) {
    const name = loader.display(resolve(cwd, f));
    const loaded = loadScenario(f, loader);
    const ds = [...loaded.diags.items];
    const inherited = new Set<Diagnostic>();
    const rules = new Set<Diagnostic>();
    let report: RuleReport | undefined;
    if (loaded.scenario && !loaded.diags.hasInputErrors) {
      const s = loaded.scenario;
      report = runRules(s, (c) => evaluate(s, c), opts);
      for (const d of report.diagnostics) {
        ds.push(d);
        rules.add(d);
        if (d.loc && d.loc.file !== name) inherited.add(d);
      }
    }
    const exitCode = exitCodeFor(ds);
    // Per file, an inherited rule says which scenario it was checked in.
    const own = ds.map((d) => (inherited.has(d) ? { ...d, message: M.inScenario([name], d.message) } : d));
    out.push({
      file: name,
      status: exitCode === 2 ? 'unusable' : exitCode === 1 ? 'failed' : 'ok',
      exitCode,
      diagnostics: own,
      report: exitCode === 2 ? undefined : report,
    });
    for (const d of ds) {
      const key = `${d.loc?.file}:${d.loc?.line}:${d.loc?.col}:${d.severity}:${d.code}:${d.message}`;
      const hit = all.get(key);
      if (!hit) all.set(key, { d, scenarios: rules.has(d) ? [name] : [] });
      else if (rules.has(d)) hit.scenarios.push(name);
    }
  }
  // Unprefixed only when the rule failed in the file it is written in, and nowhere else.
  const diagnostics = [...all.values()].map(({ d, scenarios }) =>
    scenarios.length === 0 || (scenarios.length === 1 && scenarios[0] === d.loc?.file)
      ? d
      : { ...d, message: M.inScenario(scenarios, d.message) },
  );
  return { files: out, diagnostics, sources: loader.sources, exitCode: exitCodeFor(diagnostics) };
}
