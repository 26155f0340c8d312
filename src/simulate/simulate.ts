// simulate: splits trials into contiguous blocks over worker threads (or runs them in
// this thread), puts every trial's outputs back in trial order and summarizes them.
// Each trial's draws depend only on (seed, trial index), so the result is the same
// whatever the number of workers.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../model/scenario.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Ctl, encode } from './codec.js';
import { makePlan, outputs, Runner, type Plan } from './plan.js';
import { casePicker } from '../compute/engine.js';
import { Fast } from '../core/money.js';
import { correlatedVars, imanConover } from './correlate.js';
import { histogram, summarize, summarizeConstant, type Bin, type Summary, Z975 } from './stats.js';
import { HISTOGRAM_BINS, localExecutor, streamSummaries, workerExecutor, type Overrides, type Streamed } from './stream.js';

export interface SimOptions {
  trials: number;
  seed: number;
  workers: number;
  /** dist/sim-worker.js of the installed package. */
  workerScript: string;
  onProgress?: (done: number, total: number) => void;
  /** Also summarize cumulative headline mobilization by year (report's fan chart). */
  yearly?: boolean;
  /** Expressions summarized besides the standard metrics (`simulate --metric`), each parsed and checked by the caller. */
  metrics?: string[];
  /** Common random numbers: each input's stream keyed by its path (paired comparisons); keeps every trial's values. */
  keyed?: boolean;
  /**
   * The outputs to summarize (those the chosen format prints; the headline always, for the
   * histogram): a summary is as much work as the trials at a million of them. Default: all.
   */
  shown?: (name: string) => boolean;
  /** Bytes of trials' outputs held in memory at most (default IN_MEMORY_BYTES); above, trials are replayed. */
  inMemoryBytes?: number;
}

/**
 * Outputs held for every trial up to this many bytes (about 1.2 million trials of the
 * baseline's 35 outputs); above it the trials are replayed instead (stream.ts), so memory
 * is bounded by the outputs, not the trials. Replaying costs a second pass over the
 * trials (1M trials ~1.5x the time), so runs that fit stay held. Keyed runs (--against)
 * always hold them.
 */
export const IN_MEMORY_BYTES = 320 * 2 ** 20;

export interface SimResult {
  plan: Plan;
  trials: number;
  seed: number;
  summaries: Map<string, Summary>;
  probabilities: Map<string, number>;
  /** Trials passing each test (probabilities[t] = counts[t] / trials): for Wilson intervals. */
  counts: Map<string, number>;
  histogram: Bin[];
  /** Every trial's value of each output, in trial order (keyed runs only: for paired differences). */
  values?: Map<string, Float64Array>;
  /** run's base case (every figure at its base, every event as written) and where it falls among the trials. */
  base: { values: Map<string, number>; headlineShareBelow: number };
}

/** Trials per block below which another worker does not pay for its start-up. */
// Starting a worker costs ~0.1 s here (a thread, the bundle, the plan); measured, two
// workers only pay off from about half a million trials, so smaller runs stay on one thread.
const MIN_PER_WORKER = 250_000;

/** Most trials of a paired comparison: both runs hold every trial's outputs (for the per-trial differences). */
export const MAX_PAIRED_TRIALS = 1_000_000;
/** Most trials with correlations: Iman-Conover reorders every trial's draws of each correlated input at once. */
export const MAX_CORRELATED_TRIALS = 2_000_000;

/** A diagnostic when this many trials would not fit in bounded memory (with the limit), else undefined. */
export function tooManyTrials(s: Scenario, trials: number, keyed: boolean): Diagnostic | undefined {
  const over = (limit: number, why: 'paired' | 'correlated'): Diagnostic => {
    const n = (v: number) => v.toLocaleString('en-US');
    const [message, hint] = [M.simulateTooMany(n(trials), n(limit), why), M.simulateTooManyHint(n(limit))];
    return { severity: 'error', category: 'input', code: 'too-many-trials', message, hint };
  };
  if (keyed && trials > MAX_PAIRED_TRIALS) return over(MAX_PAIRED_TRIALS, 'paired');
  if (trials <= MAX_CORRELATED_TRIALS) return undefined;
  const plan = makePlan(s);
  return correlatedVars(s, plan.random, plan.events) ? over(MAX_CORRELATED_TRIALS, 'correlated') : undefined;
}

export function workerCount(requested: number | undefined, trials: number, cores: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, trials));
  return Math.max(1, Math.min(cores, Math.ceil(trials / MIN_PER_WORKER)));
}

export function workerScriptIn(root: string): string {
  return join(root, 'dist', 'sim-worker.js');
}

export async function simulate(s: Scenario, o: SimOptions): Promise<SimResult> {
  const plan = makePlan(s, o.yearly ?? false, o.metrics ?? []);
  const overrides = correlatedDraws(s, plan, o);
  const T = o.trials;
  // run's base case in float64: every figure at its base, every event as written.
  const baseRow = outputs(Fast, plan, casePicker(Fast, 'base'));
  const baseValues = new Map(plan.names.map((n, k) => [n, baseRow[k]!]));
  const bh = baseValues.get('headlineMobilization.total')!;
  const bytes = plan.names.length * T * Float64Array.BYTES_PER_ELEMENT;
  const r: Streamed & { values?: Map<string, Float64Array> } =
    !o.keyed && bytes > (o.inMemoryBytes ?? IN_MEMORY_BYTES)
      ? await replayed(s, plan, o, overrides, bh)
      : await held(s, plan, o, overrides, bh);
  const summaries = new Map(plan.names.flatMap((name, k) => (r.summaries[k] ? [[name, r.summaries[k]] as const] : [])));
  const counts = new Map(plan.tests.map((t, i) => [t, r.tests[i]!]));
  const probabilities = new Map([...counts].map(([t, k]) => [t, k / T]));
  return {
    plan,
    trials: T,
    seed: o.seed,
    summaries,
    probabilities,
    counts,
    histogram: r.histogram,
    base: { values: baseValues, headlineShareBelow: r.below / T },
    ...(r.values ? { values: r.values } : {}),
  };
}

/** Every trial replayed, a chunk at a time (stream.ts). */
async function replayed(s: Scenario, plan: Plan, o: SimOptions, overrides: Overrides | undefined, bh: number): Promise<Streamed> {
  const exec =
    o.workers === 1
      ? localExecutor(plan, o.seed, o.trials, overrides)
      : workerExecutor(o.workerScript, o.workers, {
          scenario: encode(s),
          seed: o.seed,
          total: o.trials,
          yearly: o.yearly ?? false,
          metrics: o.metrics ?? [],
          outputs: plan.names.length,
          ...(overrides ? { overrides } : {}),
        });
  try {
    return await streamSummaries(plan, o.seed, o.trials, overrides, exec, bh, o.onProgress);
  } finally {
    exec.close();
  }
}

/** Trials a thread claims at a time in a held run over several threads. */
const HELD_CHUNK = 16_384;

/**
 * Every trial's outputs held in columns. With W > 1 this thread and W - 1 workers share
 * the work: each claims the next chunk of trials (a shared counter) and writes it into the
 * shared columns, then the next output to summarize. Who runs a trial or summarizes an
 * output changes nothing (a trial is a function of seed and index; a summary of its
 * column), and claiming balances what a worker's start-up costs.
 */
async function held(
  s: Scenario,
  plan: Plan,
  o: SimOptions,
  overrides: Overrides | undefined,
  bh: number,
): Promise<Streamed & { values?: Map<string, Float64Array> }> {
  const W = o.workers;
  const K = plan.names.length;
  const T = o.trials;
  const runner = new Runner(plan, o.seed, o.keyed ?? false);
  if (overrides) runner.setOverrides(overrides);
  const shared = (bytes: number) => (W === 1 ? new ArrayBuffer(bytes) : new SharedArrayBuffer(bytes));
  // Every output's column over all trials: output k of trial i at columns[k * T + i].
  const columns = new Float64Array(shared(K * T * Float64Array.BYTES_PER_ELEMENT));
  // Each trial's outcome bits, so a column no pattern moves is never written (few events only).
  const patterns = plan.events.length <= 8 ? new Uint8Array(shared(T)) : undefined;
  const col = (k: number) => columns.subarray(k * T, (k + 1) * T);
  const summaries = new Array<Summary>(K);
  const control = new SharedArrayBuffer(5 * Int32Array.BYTES_PER_ELEMENT);
  const ctl = new Int32Array(control);
  const order = new Int32Array(new SharedArrayBuffer(K * Int32Array.BYTES_PER_ELEMENT));
  const progress = () => o.onProgress?.(Atomics.load(ctl, Ctl.Done), T);
  if (W > 1 && !existsSync(o.workerScript))
    throw new Error(`simulate: worker script ${o.workerScript} is missing (run npm run build)`);
  const enc = W > 1 ? encode(s) : undefined;
  const workers = Array.from({ length: W - 1 }, () => {
    const worker = new Worker(o.workerScript, {
      workerData: {
        scenario: enc,
        seed: o.seed,
        shared: columns.buffer,
        control,
        order: order.buffer,
        ...(patterns ? { patterns: patterns.buffer } : {}),
        chunk: HELD_CHUNK,
        total: T,
        yearly: o.yearly ?? false,
        metrics: o.metrics ?? [],
        keyed: o.keyed ?? false,
        overrides,
      },
    });
    // Each worker answers twice: its trials' test counts, then the summaries it claimed.
    const answers: ((m: WorkerAnswer) => void)[] = [];
    const failed: ((e: Error) => void)[] = [];
    const next = () =>
      new Promise<WorkerAnswer>((resolve, reject) => {
        answers.push(resolve);
        failed.push(reject);
      });
    const trials = next();
    const summarized = next();
    worker.on('message', (m: { type: 'progress' } | WorkerAnswer) => {
      if (m.type === 'progress') progress();
      else {
        failed.shift();
        answers.shift()!(m);
      }
    });
    worker.on('error', (e) => {
      for (const f of failed.splice(0)) f(e);
    });
    return { worker, trials, summarized };
  });
  // A worker that fails rejects both its answers: the first awaited ends this run (an
  // internal error), the other must not be left unhandled, and no worker may outlive it.
  for (const x of workers) x.summarized.catch(() => undefined);
  try {
    const mine = new Array<number>(plan.tests.length).fill(0);
    for (;;) {
      const from = Atomics.add(ctl, Ctl.Chunk, 1) * HELD_CHUNK;
      if (from >= T) break;
      const to = Math.min(T, from + HELD_CHUNK);
      const { counts } = runner.run(from, to, undefined, { values: columns, total: T }, patterns);
      counts.forEach((c, t) => (mine[t] = mine[t]! + c));
      Atomics.add(ctl, Ctl.Done, to - from);
      progress();
    }
    // Every chunk is claimed; each worker answers once its last one is written.
    const blockCounts = [
      mine,
      ...(await Promise.all(workers.map(async (x) => ((await x.trials) as { counts: number[] }).counts))),
    ];
    // The columns complete (but those no trial moves), then copies: summarizing reorders each column.
    const need = o.keyed ? plan.names.map((_, k) => k) : [plan.headline];
    const fixed = patterns ? settle(runner, K, T, columns, patterns, need) : new Map<number, Summary>();
    const headline = col(plan.headline).slice();
    const values = o.keyed ? new Map(plan.names.map((name, k) => [name, col(k).slice()])) : undefined;
    let count = 0;
    plan.names.forEach((name, k) => {
      if (k !== plan.headline && !(o.shown?.(name) ?? true)) return;
      const f = fixed.get(k);
      if (f) summaries[k] = f;
      else order[count++] = k;
    });
    Atomics.store(ctl, Ctl.Count, count);
    Atomics.store(ctl, Ctl.Gate, 1);
    Atomics.notify(ctl, Ctl.Gate);
    for (let i = Atomics.add(ctl, Ctl.Output, 1); i < count; i = Atomics.add(ctl, Ctl.Output, 1))
      summaries[order[i]!] = summarize(col(order[i]!));
    for (const x of workers) {
      const { summaries: theirs } = (await x.summarized) as { summaries: [number, Summary][] };
      for (const [k, v] of theirs) summaries[k] = v;
    }
    const tests = plan.tests.map((_, i) => blockCounts.reduce((a, c) => a + c[i]!, 0));
    const h = summaries[plan.headline]!;
    let below = 0;
    for (let i = 0; i < T; i++) if (headline[i]! < bh) below++;
    return {
      summaries,
      tests,
      histogram: histogram(headline, HISTOGRAM_BINS, h.min, h.max),
      below,
      ...(values ? { values } : {}),
    };
  } finally {
    for (const x of workers) void x.worker.terminate();
  }
}

/**
 * After a run with patterns (Runner.run): an output that every trial's pattern fixes to
 * one number is summarized from that number (summarizeConstant), unless `need` asks for its
 * column; every other output's entries a trial's pattern fixes are written in, so its
 * column is complete. Returns the summaries from numbers.
 */
function settle(runner: Runner, K: number, T: number, columns: Float64Array, patterns: Uint8Array, need: number[]) {
  const seen = new Uint8Array(256);
  for (let i = 0; i < T; i++) seen[patterns[i]!] = 1;
  const bits = [...seen.keys()].filter((b) => seen[b]);
  const compiled = bits.map((b) => runner.replay(b));
  const out = new Map<number, Summary>();
  for (let k = 0; k < K; k++) {
    const per = compiled.map((c) => {
      const f = c.fixed.indexOf(k);
      return f < 0 ? undefined : c.fixedValues[f]!;
    });
    if (per.every((v) => v === undefined)) continue;
    const first = per[0];
    if (first !== undefined && per.every((v) => v !== undefined && Object.is(v, first)) && !need.includes(k)) {
      out.set(k, summarizeConstant(first, T));
      continue;
    }
    const has = new Uint8Array(256),
      val = new Float64Array(256);
    bits.forEach((b, q) => {
      if (per[q] !== undefined) {
        has[b] = 1;
        val[b] = per[q];
      }
    });
    const c = columns.subarray(k * T, (k + 1) * T);
    for (let i = 0; i < T; i++) if (has[patterns[i]!]) c[i] = val[patterns[i]!]!;
  }
  return out;
}

type WorkerAnswer = { type: 'trials'; counts: number[] } | { type: 'summaries'; summaries: [number, Summary][] };

export interface PairedDifference {
  /** Mean of the per-trial differences A - B. */
  mean: number;
  /** Its standard error: sd of the differences / sqrt(trials). */
  se: number;
  /** mean -+ z se. */
  interval: [number, number];
  summary: Summary;
}

/** Per-trial differences A - B of every output both runs have (both keyed, same seed and trials). */
export function pairedDifferences(a: SimResult, b: SimResult): Map<string, PairedDifference> {
  const out = new Map<string, PairedDifference>();
  if (!a.values || !b.values) return out;
  for (const [name, xa] of a.values) {
    const xb = b.values.get(name);
    if (!xb || xb.length !== xa.length) continue;
    const d = new Float64Array(xa.length);
    for (let i = 0; i < d.length; i++) d[i] = xa[i]! - xb[i]!;
    const summary = summarize(d);
    out.set(name, {
      mean: summary.mean,
      se: summary.se,
      interval: [summary.mean - Z975 * summary.se, summary.mean + Z975 * summary.se],
      summary,
    });
  }
  return out;
}

/**
 * The scenario's rank correlations (Iman-Conover over all trials' draws): per correlated
 * input, every trial's value; per correlated event, every trial's uniform. Undefined when
 * nothing is correlated, and then nothing changes.
 */
function correlatedDraws(s: Scenario, plan: Plan, o: SimOptions): Overrides | undefined {
  const cv = correlatedVars(s, plan.random, plan.events);
  if (!cv) return undefined;
  const T = o.trials;
  const cols = cv.vars.map(() => new Float64Array(T));
  const r = new Runner(plan, o.seed, o.keyed ?? false);
  for (let i = 0; i < T; i++) {
    r.draw(i);
    // An event's column is 1 - u: high values hold (u below the probability), so a positive
    // correlation makes the gate hold more often when the other input is high.
    cv.vars.forEach((v, c) => (cols[c]![i] = 'input' in v ? r.x[v.input]! : 1 - r.us[v.event]!));
  }
  const re = imanConover(cols, cv.matrix, o.seed);
  const inputs = new Map<number, Float64Array>();
  const events = new Map<number, Float64Array>();
  cv.vars.forEach((v, c) => {
    if ('input' in v) inputs.set(v.input, re[c]!);
    else
      events.set(
        v.event,
        re[c]!.map((x) => 1 - x),
      );
  });
  return { inputs, events };
}
