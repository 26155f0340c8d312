// `check` over many files: loads each with one shared Loader (a common baseline is read
// once), runs the rules on each usable scenario, and keeps every problem of every file.
// With a SavedChecks store (saved.ts), a file whose extends chain is unchanged since the
// last check is not checked again: its saved outcome is used, byte for byte the same.
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { exitCodeFor, type Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { STDIN_NAME, type Loader } from '../read/load.js';
import { evaluate } from '../measure/evaluate.js';
import { RowMemo } from '../compute/engine.js';
import { loadScenario } from '../normalize/load.js';
import { NormalizeMemo } from '../normalize/normalize.js';
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

/**
 * Mechanisms normalized and their ledger rows booked so far, per Loader (one command, or
 * one worker's share): a variant's unchanged mechanisms are its base's (normalize.ts
 * NormalizeMemo, compute/engine.ts RowMemo).
 */
const memos = new WeakMap<Loader, { rows: RowMemo; mechs: NormalizeMemo }>();
function memosOf(loader: Loader): { rows: RowMemo; mechs: NormalizeMemo } {
  let r = memos.get(loader);
  if (!r) memos.set(loader, (r = { rows: new RowMemo(), mechs: new NormalizeMemo() }));
  return r;
}

/** Checks one file: what reading, validation and the rules say. */
export function checkOne(f: string, loader: Loader, cwd: string, opts: RuleOptions): { o: FileOutcome; chain: string[] } {
  const name = loader.display(resolve(cwd, f));
  const { rows, mechs } = memosOf(loader);
  const loaded = loadScenario(f, loader, { memo: mechs });
  const ds = [...loaded.diags.items];
  const rule = ds.map(() => false);
  const inherited = ds.map(() => false);
  let counts: FileOutcome['counts'];
  if (loaded.scenario && !loaded.diags.hasInputErrors) {
    const s = opts.basis === undefined ? loaded.scenario : { ...loaded.scenario, basis: opts.basis };
    const report = runRules(s, (c) => evaluate(s, c, rows), opts, rows);
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

/** Checks files one after the other (saved results reused, new ones saved). */
export function checkFiles(files: string[], loader: Loader, cwd: string, opts: RuleOptions, saved?: SavedChecks): CheckResult {
  const texts = new Map<string, string>();
  const outcomes = files.map((f) => savedOutcome(f, cwd, saved, texts) ?? fresh(f, loader, cwd, opts, saved));
  return merge(outcomes, loader, texts, saved);
}

/** Where a parallel check runs the files no saved result answers (worker.ts). */
export interface Parallel {
  workers: number;
  /** dist/check-worker.js of the installed package. */
  script: string;
  roots?: string[];
}

/** Files below which another thread does not pay for its start-up (measured here: ~0.15 s a worker, ~5 ms a file). */
export const MIN_FILES_PER_WORKER = 100;

/**
 * checkFiles with the files to check shared out: this thread takes the first share and
 * `workers` threads one each; outcomes are merged in the files' order, so the result is
 * the same as checkFiles' whatever the number of threads.
 */
export async function checkFilesParallel(
  files: string[],
  loader: Loader,
  cwd: string,
  opts: RuleOptions,
  parallel: Parallel,
  saved?: SavedChecks,
): Promise<CheckResult> {
  const texts = new Map<string, string>();
  const outcomes: (FileOutcome | undefined)[] = files.map((f) => savedOutcome(f, cwd, saved, texts));
  // Standard input is read here, once; a worker has none.
  const todo = files.flatMap((f, i) => (outcomes[i] || isStdin(f, cwd) ? [] : [i]));
  const W = Math.min(parallel.workers, Math.floor(todo.length / MIN_FILES_PER_WORKER));
  if (W >= 1) {
    const shares = Array.from({ length: W + 1 }, (_, w) =>
      todo.slice(Math.round((todo.length * w) / (W + 1)), Math.round((todo.length * (w + 1)) / (W + 1))),
    );
    const pending = shares.slice(1).map((share) =>
      runWorker(
        parallel,
        share.map((i) => files[i]!),
        cwd,
        opts,
      ),
    );
    for (const i of shares[0]!) outcomes[i] = fresh(files[i]!, loader, cwd, opts, saved);
    const answers = await Promise.all(pending);
    // A share whose worker failed (could not start, died) is checked here instead: files
    // left without an outcome are checked below, as without workers.
    answers.forEach((answer, w) =>
      answer?.forEach((r, j) => {
        const i = shares[w + 1]![j]!;
        for (const [name, text] of r.texts) if (!texts.has(name) && !loader.sources.has(name)) texts.set(name, text);
        keep(files[i]!, cwd, r, saved);
        outcomes[i] = r.o;
      }),
    );
  }
  return merge(
    files.map((f, i) => outcomes[i] ?? fresh(f, loader, cwd, opts, saved)),
    loader,
    texts,
    saved,
  );
}

/** A worker's outcome of one file, with the texts its diagnostics quote. */
type WorkerAnswer = { o: FileOutcome; chain: string[]; texts: [string, string][] };

/** A worker's outcomes, or undefined when it could not give them (it failed to start or died). */
function runWorker(parallel: Parallel, files: string[], cwd: string, opts: RuleOptions): Promise<WorkerAnswer[] | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(parallel.script, { workerData: { files, cwd, roots: parallel.roots, opts } });
    } catch {
      return resolve(undefined);
    }
    worker.once('message', (m: WorkerAnswer[]) => {
      resolve(Array.isArray(m) && m.length === files.length ? m : undefined);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    // An exit without an answer (a later resolve is a no-op).
    worker.once('exit', () => resolve(undefined));
  });
}

const isStdin = (f: string, cwd: string) => f === '-' || resolve(cwd, f) === '/dev/stdin';

/** The saved outcome of a file whose extends chain is unchanged, if any. */
function savedOutcome(
  f: string,
  cwd: string,
  saved: SavedChecks | undefined,
  texts: Map<string, string>,
): FileOutcome | undefined {
  const abs = resolve(cwd, f);
  // Standard input, and a file that cannot be read, are always checked afresh.
  if (!saved || isStdin(f, cwd) || saved.hash(abs) === null) return undefined;
  return saved.get(abs, texts);
}

/** Checks a file and saves its outcome. */
function fresh(f: string, loader: Loader, cwd: string, opts: RuleOptions, saved: SavedChecks | undefined): FileOutcome {
  const r = checkOne(f, loader, cwd, opts);
  keep(f, cwd, r, saved);
  return r.o;
}

/** Saves an outcome when the whole chain was read from files (a usable scenario). */
function keep(f: string, cwd: string, r: { o: FileOutcome; chain: string[] }, saved: SavedChecks | undefined): void {
  const abs = resolve(cwd, f);
  if (saved && !isStdin(f, cwd) && saved.hash(abs) !== null && r.chain.length && !r.chain.includes(STDIN_NAME))
    saved.put(
      abs,
      r.chain.map((n) => resolve(cwd, n)),
      r.o,
    );
}

/** Every file's outcome, in the files' order, merged into one result. */
function merge(outcomes: FileOutcome[], loader: Loader, texts: Map<string, string>, saved: SavedChecks | undefined): CheckResult {
  const out: FileCheck[] = [];
  // Each problem once; a rule failing on an inherited line (a claim in the baseline) the
  // same way in many scenarios is one diagnostic naming them all, not one per scenario.
  const all = new Map<string, { d: Diagnostic; scenarios: string[] }>();
  for (const o of outcomes) {
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
