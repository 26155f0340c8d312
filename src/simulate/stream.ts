// simulate in memory bounded by its outputs: the trials are never all held. Every trial is
// a function of (seed, index), so they are replayed: a sample of them places the first
// probes (probes.ts); pass 1 sums each output in trial order (the mean), counts the tests
// and the probes; pass 2 sums the squared deviations from that mean in trial order (the
// standard error), draws the histogram between the now known min and max, and keeps the
// few values around each percentile; a rare further pass narrows a window that fell
// between bins. Same arithmetic in the same order as the in-memory summaries, so the same
// bytes. Workers each run every W-th chunk of trials and count their share; the main
// thread does only the sums that must follow trial order, chunk after chunk.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import type { Plan } from './plan.js';
import { Runner } from './plan.js';
import { mergeCounts, ProbeCounter, probesFromSample, RankFinder, type Probe, type ProbeCount } from './probes.js';
import { HistogramCounter, summaryOf, windowsFor, type Bin, type Summary } from './stats.js';

/** Trials per chunk: a chunk's outputs (K x CHUNK float64) travel from a worker to the main thread. */
export const CHUNK = 4096;
/** Trials of the first sample. */
const SAMPLE = 8192;
/** Bins of the histogram of headline mobilization. */
export const HISTOGRAM_BINS = 20;

export type Overrides = { inputs: Map<number, Float64Array>; events: Map<number, Float64Array> };

/** What one pass counts (sent to the workers). */
export interface PassSpec {
  /** Per output, the probes to count. */
  probes: Probe[][];
  /** Pass 1: min and max of each output, the tests, and the trials whose headline is below `base`. */
  first: boolean;
  base: number;
  /** Pass 2: the histogram of the headline. */
  histogram?: { min: number; max: number };
}

/** One share's counts (a worker's, or the main thread's). */
export interface ShareResult {
  probes: ProbeCount[][];
  min: Float64Array;
  max: Float64Array;
  tests: number[];
  below: number;
  histogram: Float64Array | null;
}

/** Counts one share of one pass, chunk by chunk. */
export class Share {
  private readonly counters: ProbeCounter[];
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly tests: number[];
  private below = 0;
  private readonly hist?: HistogramCounter;
  constructor(
    private readonly plan: Plan,
    private readonly spec: PassSpec,
  ) {
    const K = plan.names.length;
    this.counters = spec.probes.map((p) => new ProbeCounter(p));
    this.min = new Float64Array(K).fill(Infinity);
    this.max = new Float64Array(K).fill(-Infinity);
    this.tests = plan.tests.map(() => 0);
    if (spec.histogram) this.hist = new HistogramCounter(HISTOGRAM_BINS, spec.histogram.min, spec.histogram.max);
  }

  /** values: output k of the chunk's trial t at k * n + t; tests: the chunk's test counts. */
  add(values: Float64Array, n: number, tests: number[]): void {
    const { plan, spec } = this;
    const K = plan.names.length;
    for (let k = 0; k < K; k++) this.counters[k]!.add(values, k * n, (k + 1) * n);
    const h = plan.headline * n;
    if (spec.first) {
      for (let k = 0; k < K; k++) {
        let lo = this.min[k]!,
          hi = this.max[k]!;
        for (let i = k * n; i < (k + 1) * n; i++) {
          const v = values[i]!;
          // Only finite values (NaN compares false; infinities are left out as summarize does).
          if (!Number.isFinite(v)) continue;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        this.min[k] = lo;
        this.max[k] = hi;
      }
      tests.forEach((c, t) => (this.tests[t]! += c));
      for (let i = h; i < h + n; i++) if (values[i]! < spec.base) this.below++;
    }
    if (this.hist) for (let i = h; i < h + n; i++) this.hist.add(values[i]!);
  }

  result(): ShareResult {
    return {
      probes: this.counters.map((c) => c.result()),
      min: this.min,
      max: this.max,
      tests: this.tests,
      below: this.below,
      histogram: this.hist ? this.hist.counts : null,
    };
  }
}

function mergeShares(shares: ShareResult[]): ShareResult {
  const first = shares[0]!;
  return {
    probes: first.probes.map((_, k) => mergeCounts(shares.map((s) => s.probes[k]!))),
    min: first.min.map((_, k) => Math.min(...shares.map((s) => s.min[k]!))),
    max: first.max.map((_, k) => Math.max(...shares.map((s) => s.max[k]!))),
    tests: first.tests.map((_, t) => shares.reduce((a, s) => a + s.tests[t]!, 0)),
    below: shares.reduce((a, s) => a + s.below, 0),
    histogram: first.histogram ? first.histogram.map((_, b) => shares.reduce((a, s) => a + s.histogram![b]!, 0)) : null,
  };
}

/** Runs a pass over every trial, handing `ordered` each chunk's outputs in trial order. */
export interface Executor {
  pass(
    spec: PassSpec,
    ordered: ((values: Float64Array, n: number) => void) | undefined,
    progress: (done: number) => void,
  ): Promise<ShareResult>;
  close(): void;
}

const chunks = (T: number) => Math.ceil(T / CHUNK);

/** Every chunk in this thread. */
export function localExecutor(plan: Plan, seed: number, T: number, overrides: Overrides | undefined): Executor {
  const runner = new Runner(plan, seed);
  if (overrides) runner.setOverrides(overrides);
  const buffer = new Float64Array(plan.names.length * CHUNK);
  return {
    pass(spec, ordered, progress) {
      const share = new Share(plan, spec);
      for (let c = 0; c < chunks(T); c++) {
        const from = c * CHUNK,
          to = Math.min(T, from + CHUNK);
        const { values, counts } = runner.run(from, to, undefined, { values: buffer, total: to - from, at: 0 });
        share.add(values, to - from, counts);
        ordered?.(values, to - from);
        progress(to);
      }
      return Promise.resolve(share.result());
    },
    close() {},
  };
}

/** Chunks a worker may run ahead of the one the main thread waits for. */
const AHEAD_PER_WORKER = 2;
/**
 * Chunk buffers per worker, in memory both threads share: a worker's j-th chunk (chunk
 * c = w + jW) goes to slot j mod SLOTS, which last held chunk c - SLOTS W; the worker starts
 * chunk c once the main thread has consumed chunks up to c - AHEAD_PER_WORKER W, so that
 * slot is free when SLOTS W > AHEAD_PER_WORKER W, i.e. SLOTS >= AHEAD_PER_WORKER + 1.
 * Nothing is allocated per chunk (transferred buffers piled up faster than the GC freed them).
 */
const SLOTS = AHEAD_PER_WORKER + 1;

/** Chunk c on worker c mod W; workers wait (Atomics) while too far ahead of the main thread. */
export function workerExecutor(
  script: string,
  W: number,
  data: {
    scenario: unknown;
    seed: number;
    total: number;
    yearly: boolean;
    metrics: string[];
    outputs: number;
    overrides?: Overrides;
  },
): Executor {
  if (!existsSync(script)) throw new Error(`simulate: worker script ${script} is missing (run npm run build)`);
  // flow[0]: chunks the main thread has consumed, in order.
  const flow = new Int32Array(new SharedArrayBuffer(4));
  const slotSize = data.outputs * CHUNK;
  const rings = Array.from({ length: W }, () => new Float64Array(new SharedArrayBuffer(SLOTS * slotSize * 8)));
  const workers = Array.from(
    { length: W },
    (_, w) =>
      new Worker(script, {
        workerData: {
          ...data,
          mode: 'stream',
          w,
          W,
          chunk: CHUNK,
          flow: flow.buffer,
          ahead: AHEAD_PER_WORKER * W,
          ring: rings[w]!.buffer,
          slots: SLOTS,
        },
      }),
  );
  return {
    pass(spec, ordered, progress) {
      Atomics.store(flow, 0, 0);
      const total = chunks(data.total);
      return new Promise<ShareResult>((resolve, reject) => {
        const waiting = new Map<number, { values: Float64Array; n: number }>();
        const shares: ShareResult[] = [];
        let next = 0,
          done = 0;
        const finish = () => {
          if (shares.length === W && next === total) {
            for (const x of workers) x.removeAllListeners('message').removeAllListeners('error');
            resolve(mergeShares(shares));
          }
        };
        workers.forEach((x, w) => {
          x.on('error', reject);
          x.on(
            'message',
            (
              m:
                | { type: 'chunk'; c: number; slot: number; n: number }
                | { type: 'done'; trials: number }
                | { type: 'share'; share: ShareResult },
            ) => {
              if (m.type === 'share') shares.push(m.share);
              else if (m.type === 'done') progress((done += m.trials));
              else {
                const at = m.slot * slotSize;
                waiting.set(m.c, { values: rings[w]!.subarray(at, at + data.outputs * m.n), n: m.n });
                progress((done += m.n));
                for (let c = waiting.get(next); c; c = waiting.get(next)) {
                  waiting.delete(next);
                  ordered!(c.values, c.n);
                  next++;
                  Atomics.store(flow, 0, next);
                  Atomics.notify(flow, 0);
                }
              }
              finish();
            },
          );
          x.postMessage({ type: 'pass', spec, ordered: ordered !== undefined });
        });
        if (!ordered) next = total;
      });
    },
    close() {
      for (const x of workers) void x.terminate();
    },
  };
}

/** The worker's side of workerExecutor: runs its chunks of each pass it is sent. */
export function serveStream(
  runner: Runner,
  job: {
    w: number;
    W: number;
    chunk: number;
    total: number;
    flow: SharedArrayBuffer;
    ahead: number;
    ring: SharedArrayBuffer;
    slots: number;
  },
  post: (m: unknown) => void,
  onPass: (handle: (m: { spec: PassSpec; ordered: boolean }) => void) => void,
): void {
  const flow = new Int32Array(job.flow);
  const ring = new Float64Array(job.ring);
  const slotSize = runner.plan.names.length * job.chunk;
  onPass(({ spec, ordered }) => {
    const share = new Share(runner.plan, spec);
    const total = Math.ceil(job.total / job.chunk);
    let ran = 0;
    for (let c = job.w, j = 0; c < total; c += job.W, j++) {
      if (ordered)
        for (let seen = Atomics.load(flow, 0); seen < c - job.ahead; seen = Atomics.load(flow, 0)) Atomics.wait(flow, 0, seen);
      const from = c * job.chunk,
        to = Math.min(job.total, from + job.chunk);
      const slot = j % job.slots;
      const into = { values: ring.subarray(slot * slotSize, (slot + 1) * slotSize), total: to - from, at: 0 };
      const { values, counts } = runner.run(from, to, undefined, into);
      share.add(values, to - from, counts);
      if (ordered) post({ type: 'chunk', c, slot, n: to - from });
      else if ((ran += to - from) >= 65_536) {
        post({ type: 'done', trials: ran });
        ran = 0;
      }
    }
    if (ran) post({ type: 'done', trials: ran });
    post({ type: 'share', share: share.result() });
  });
}

export interface Streamed {
  summaries: Summary[];
  tests: number[];
  histogram: Bin[];
  below: number;
}

/**
 * Summaries of every output, the test counts, the headline's histogram and how many
 * trials' headline is below `base`, holding only a chunk of trials at a time.
 */
export async function streamSummaries(
  plan: Plan,
  seed: number,
  T: number,
  overrides: Overrides | undefined,
  exec: Executor,
  base: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Streamed> {
  const K = plan.names.length;
  const finders = sampleFinders(plan, seed, T, overrides);
  // Passes 1 and 2 each count as half the work on the progress bar.
  let offset = 0;
  const progress = (d: number) => onProgress?.(Math.floor((offset + d) / 2), T);
  // Pass 1: n and the sum of each output's finite values in trial order.
  const n = new Float64Array(K),
    sum = new Float64Array(K);
  const first = await exec.pass(
    { probes: finders.map((f) => f.next()), first: true, base },
    (values, m) => {
      for (let k = 0; k < K; k++) {
        let c = n[k]!,
          s = sum[k]!;
        for (let i = k * m; i < (k + 1) * m; i++) {
          const v = values[i]!;
          if (Number.isFinite(v)) {
            c++;
            s += v;
          }
        }
        n[k] = c;
        sum[k] = s;
      }
    },
    progress,
  );
  offset = T;
  const mean = sum.map((s, k) => s / n[k]!);
  const { min, max } = first;
  const take = (r: ShareResult) =>
    finders.forEach((f, k) => {
      if (n[k]! > 0) f.take(r.probes[k]!, windowsFor(n[k]!), min[k]!, max[k]!);
    });
  take(first);
  // Pass 2: squared deviations from the mean in trial order; the histogram; the kept values.
  const ss = new Float64Array(K);
  const h = plan.headline;
  const second = await exec.pass(
    {
      probes: finders.map((f, k) => (n[k]! > 0 ? f.next() : [])),
      first: false,
      base,
      histogram: { min: min[h]!, max: max[h]! },
    },
    (values, m) => {
      for (let k = 0; k < K; k++) {
        const mu = mean[k]!;
        let s = ss[k]!;
        for (let i = k * m; i < (k + 1) * m; i++) {
          const v = values[i]!;
          if (Number.isFinite(v)) s += (v - mu) * (v - mu);
        }
        ss[k] = s;
      }
    },
    progress,
  );
  take(second);
  // Rarely: a window whose bins held too many values to keep, narrowed further.
  for (let pass = 3; finders.some((f, k) => n[k]! > 0 && f.next().length > 0); pass++) {
    if (pass > 64) throw new Error('simulate: order statistics did not converge');
    take(
      await exec.pass({ probes: finders.map((f, k) => (n[k]! > 0 ? f.next() : [])), first: false, base }, undefined, () => {}),
    );
  }
  const summaries = finders.map((f, k) => summaryOf(n[k]!, mean[k]!, ss[k]!, min[k]!, max[k]!, (r) => f.at(r)));
  const hs = summaries[h]!;
  const hist = new HistogramCounter(HISTOGRAM_BINS, hs.min, hs.max);
  hist.counts.set(second.histogram!);
  return { summaries, tests: first.tests, histogram: hist.result(), below: first.below };
}

/** Pass 0: a sample of evenly spaced trials places each output's first probes. */
function sampleFinders(plan: Plan, seed: number, T: number, overrides: Overrides | undefined): RankFinder[] {
  const K = plan.names.length;
  const S = Math.min(T, SAMPLE);
  const runner = new Runner(plan, seed);
  if (overrides) runner.setOverrides(overrides);
  const rows = Array.from({ length: S }, (_, i) => runner.traced(Math.floor((i * T) / S)));
  return Array.from({ length: K }, (_, k) => {
    const sample = Float64Array.from(rows.map((r) => r[k]!).filter(Number.isFinite)).sort();
    const nEst = Math.round((sample.length * T) / S);
    return new RankFinder(probesFromSample(sample, nEst ? windowsFor(nEst) : [], nEst));
  });
}
