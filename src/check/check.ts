// `check` over many files: loads each with one shared Loader (a common baseline is read
// once), runs the rules on each usable scenario, and keeps every problem of every file.
// With a SavedChecks store (saved.ts), a file whose extends chain is unchanged since the
// last check is not checked again: its saved outcome is used, byte for byte the same.
import { resolve } from 'node:path';
import { exitCodeFor, type Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { STDIN_NAME, type Loader } from '../read/load.js';
import { evaluate } from '../measure/evaluate.js';
import { loadScenario } from '../normalize/load.js';
import { runRules, type RuleOptions, type RuleReport } from './rules.js';
import type { FileOutcome, SavedChecks } from './saved.js';

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

/** Checks one file: what reading, validation and the rules say. */
function checkOne(f: string, loader: Loader, cwd: string, opts: RuleOptions): { o: FileOutcome; chain: string[] } {
  const name = loader.display(resolve(cwd, f));
  const loaded = loadScenario(f, loader);
  const ds = [...loaded.diags.items];
  const rule = ds.map(() => false);
  const inherited = ds.map(() => false);
  let counts: FileOutcome['counts'];
  if (loaded.scenario && !loaded.diags.hasInputErrors) {
    const s = loaded.scenario;
    const report = runRules(s, (c) => evaluate(s, c), opts);
    counts = { assertions: report.assertions, totals: report.totals, claims: report.claims };
    for (const d of report.diagnostics) {
      ds.push(d);
      rule.push(true);
      inherited.push(Boolean(d.loc && d.loc.file !== name));
    }
  }
  const chain = loaded.scenario?.chain ?? [];
  const sources = chain.filter((n) => loaded.sources.has(n)).map((n): [string, string] => [n, resolve(cwd, n)]);
  return { o: { name, ds, rule, inherited, counts, sources }, chain };
}

export function checkFiles(files: string[], loader: Loader, cwd: string, opts: RuleOptions, saved?: SavedChecks): CheckResult {
  const out: FileCheck[] = [];
  // Each problem once; a rule failing on an inherited line (a claim in the baseline) the
  // same way in many scenarios is one diagnostic naming them all, not one per scenario.
  const all = new Map<string, { d: Diagnostic; scenarios: string[] }>();
  const texts = new Map<string, string>();
  for (const f of files) {
    const abs = resolve(cwd, f);
    // Standard input, and a file that cannot be read, are always checked afresh.
    const useSaved = saved && f !== '-' && abs !== '/dev/stdin' && saved.hash(abs) !== null;
    let o = useSaved ? saved.get(abs, texts) : undefined;
    if (!o) {
      const r = checkOne(f, loader, cwd, opts);
      o = r.o;
      // Saved only when the whole chain was read from files (a usable scenario).
      if (useSaved && r.chain.length && !r.chain.includes(STDIN_NAME))
        saved.put(
          abs,
          r.chain.map((n) => resolve(cwd, n)),
          o,
        );
    }
    const { name, ds } = o;
    const exitCode = exitCodeFor(ds);
    // Per file, an inherited rule says which scenario it was checked in.
    const own = ds.map((d, i) => (o.inherited[i] ? { ...d, message: M.inScenario([name], d.message) } : d));
    out.push({
      file: name,
      status: exitCode === 2 ? 'unusable' : exitCode === 1 ? 'failed' : 'ok',
      exitCode,
      diagnostics: own,
      report: exitCode === 2 || !o.counts ? undefined : { diagnostics: ds.filter((_, i) => o.rule[i]), ...o.counts },
    });
    ds.forEach((d, i) => {
      const key = `${d.loc?.file}:${d.loc?.line}:${d.loc?.col}:${d.severity}:${d.code}:${d.message}`;
      const hit = all.get(key);
      if (!hit) all.set(key, { d, scenarios: o.rule[i] ? [name] : [] });
      else if (o.rule[i]) hit.scenarios.push(name);
    });
  }
  saved?.save();
  // Unprefixed only when the rule failed in the file it is written in, and nowhere else.
  const diagnostics = [...all.values()].map(({ d, scenarios }) =>
    scenarios.length === 0 || (scenarios.length === 1 && scenarios[0] === d.loc?.file)
      ? d
      : { ...d, message: M.inScenario(scenarios, d.message) },
  );
  const sources = new Map(loader.sources);
  for (const [n, t] of texts) if (!sources.has(n)) sources.set(n, t);
  return { files: out, diagnostics, sources, exitCode: exitCodeFor(diagnostics) };
}
