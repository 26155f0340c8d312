// simulate: splits trials into contiguous blocks over worker threads (or runs them in
// this thread), puts every trial's outputs back in trial order and summarizes them.
// Each trial's draws depend only on (seed, trial index), so the result is the same
// whatever the number of workers.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../model/scenario.js';
import { encode } from './codec.js';
import { makePlan, outputs, Runner, type Plan } from './plan.js';
import { casePicker } from '../compute/engine.js';
import { Fast } from '../core/money.js';
import { correlatedVars, imanConover } from './correlate.js';
import { histogram, summarize, type Bin, type Summary, Z975 } from './stats.js';

export interface SimOptions {
  trials: number;
  seed: number;
  workers: number;
  /** dist/sim-worker.js of the installed package. */
  workerScript: string;
  onProgress?: (done: number, total: number) => void;
  /** Also summarize cumulative headline mobilization by year (report's fan chart). */
  yearly?: boolean;
  /** Common random numbers: each input's stream keyed by its path (paired comparisons); keeps every trial's values. */
  keyed?: boolean;
}

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

export function workerCount(requested: number | undefined, trials: number, cores: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, trials));
  return Math.max(1, Math.min(cores, Math.ceil(trials / MIN_PER_WORKER)));
}

export function workerScriptIn(root: string): string {
  return join(root, 'dist', 'sim-worker.js');
}

export async function simulate(s: Scenario, o: SimOptions): Promise<SimResult> {
  const plan = makePlan(s, o.yearly ?? false);
  const W = o.workers;
  const bounds = Array.from({ length: W + 1 }, (_, w) => Math.round((o.trials * w) / W));
  const done = new Array<number>(W).fill(0);
  const progress = (w: number, d: number) => {
    done[w] = d;
    o.onProgress?.(
      done.reduce((a, b) => a + b, 0),
      o.trials,
    );
  };
  const overrides = correlatedDraws(s, plan, o);
  let blocks: { values: Float64Array; counts: number[] }[];
  if (W === 1) {
    const runner = new Runner(plan, o.seed, o.keyed ?? false);
    if (overrides) runner.setOverrides(overrides);
    blocks = [runner.run(0, o.trials, (d) => progress(0, d))];
  } else {
    if (!existsSync(o.workerScript)) throw new Error(`simulate: worker script ${o.workerScript} is missing (run npm run build)`);
    const enc = encode(s);
    blocks = await Promise.all(
      Array.from(
        { length: W },
        (_, w) =>
          new Promise<{ values: Float64Array; counts: number[] }>((resolve, reject) => {
            const worker = new Worker(o.workerScript, {
              workerData: {
                scenario: enc,
                seed: o.seed,
                from: bounds[w]!,
                to: bounds[w + 1]!,
                yearly: o.yearly ?? false,
                keyed: o.keyed ?? false,
                overrides,
              },
            });
            worker.on(
              'message',
              (m: { type: 'progress'; done: number } | { type: 'done'; values: Float64Array; counts: number[] }) => {
                if (m.type === 'progress') progress(w, m.done);
                else {
                  resolve(m);
                  void worker.terminate();
                }
              },
            );
            worker.on('error', reject);
          }),
      ),
    );
  }
  // Trial order: metric k's values for all trials, block after block.
  const K = plan.names.length;
  const T = o.trials;
  const summaries = new Map<string, Summary>();
  const values = o.keyed ? new Map<string, Float64Array>() : undefined;
  let headline: Float64Array | undefined;
  // One output at a time in trial order: a block's own column when there is one block,
  // else the blocks' columns joined in one scratch array (summarize keeps only numbers).
  const scratch = W === 1 ? undefined : new Float64Array(T);
  for (let k = 0; k < K; k++) {
    let all: Float64Array;
    if (!scratch) all = blocks[0]!.values.subarray(k * T, (k + 1) * T);
    else {
      all = scratch;
      blocks.forEach((b, w) => {
        const n = bounds[w + 1]! - bounds[w]!;
        all.set(b.values.subarray(k * n, (k + 1) * n), bounds[w]!);
      });
    }
    if (plan.names[k] === 'headlineMobilization.total') headline = all.slice();
    if (values) values.set(plan.names[k]!, all.slice());
    summaries.set(plan.names[k]!, summarize(all));
  }
  const counts = new Map(plan.tests.map((t, i) => [t, blocks.reduce((a, b) => a + b.counts[i]!, 0)]));
  const probabilities = new Map([...counts].map(([t, k]) => [t, k / T]));
  const h = summaries.get('headlineMobilization.total')!;
  // run's base case in float64: every figure at its base, every event as written.
  const baseRow = outputs(Fast, plan, casePicker(Fast, 'base'));
  const baseValues = new Map(plan.names.map((n, k) => [n, baseRow[k]!]));
  const bh = baseValues.get('headlineMobilization.total')!;
  let below = 0;
  for (let i = 0; i < T; i++) if (headline![i]! < bh) below++;
  return {
    plan,
    trials: T,
    seed: o.seed,
    summaries,
    probabilities,
    counts,
    histogram: histogram(headline!, 20, h.min, h.max),
    base: { values: baseValues, headlineShareBelow: below / T },
    ...(values ? { values } : {}),
  };
}

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
function correlatedDraws(
  s: Scenario,
  plan: Plan,
  o: SimOptions,
): { inputs: Map<number, Float64Array>; events: Map<number, Float64Array> } | undefined {
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
