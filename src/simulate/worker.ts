// Worker thread entry (bundled as dist/sim-worker.js). Two modes:
// - held (in-memory): claims chunks of trials from a counter shared with the main thread
//   and the other workers, writing their outputs into the columns all share, and reports
//   its test counts; then, once the main thread opens the gate, claims outputs to
//   summarize the same way, and ends.
// - stream (replayed): runs every W-th chunk of trials of each pass it is sent and counts
//   its share (stream.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../model/scenario.js';
import { Ctl, decode } from './codec.js';
import { makePlan, Runner } from './plan.js';
import { summarize, type Summary } from './stats.js';
import { serveStream, type Overrides, type PassSpec } from './stream.js';

interface Job {
  mode?: 'stream';
  scenario: unknown;
  seed: number;
  /** Held mode: every output's column over all trials (output k of trial i at [k * total + i]) and the control words (Ctl). */
  shared: SharedArrayBuffer;
  control: SharedArrayBuffer;
  /** Held mode: the outputs to summarize (Ctl.Count of them, set before the gate opens), and each trial's outcome bits (or none). */
  order: SharedArrayBuffer;
  patterns?: SharedArrayBuffer;
  total: number;
  yearly: boolean;
  /** simulate --metric: the user's expressions (the plan's layout depends on them). */
  metrics?: string[];
  keyed?: boolean;
  overrides?: Overrides;
  /** Stream mode: this worker's index, the number of workers, trials per chunk, the flow counter, chunks it may run ahead. */
  w: number;
  W: number;
  chunk: number;
  flow: SharedArrayBuffer;
  ahead: number;
  ring: SharedArrayBuffer;
  slots: number;
}

const job = workerData as Job;
const runner = new Runner(makePlan(decode<Scenario>(job.scenario), job.yearly, job.metrics ?? []), job.seed, job.keyed ?? false);
if (job.overrides) runner.setOverrides(job.overrides);
if (job.mode === 'stream')
  serveStream(
    runner,
    job,
    (m) => parentPort!.postMessage(m),
    (handle) => parentPort!.on('message', (m: { spec: PassSpec; ordered: boolean }) => handle(m)),
  );
else {
  const values = new Float64Array(job.shared);
  const ctl = new Int32Array(job.control);
  const T = job.total;
  const patterns = job.patterns ? new Uint8Array(job.patterns) : undefined;
  const counts = new Array<number>(runner.plan.tests.length).fill(0);
  for (;;) {
    const from = Atomics.add(ctl, Ctl.Chunk, 1) * job.chunk;
    if (from >= T) break;
    const to = Math.min(T, from + job.chunk);
    runner.run(from, to, undefined, { values, total: T }, patterns).counts.forEach((c, t) => (counts[t] = counts[t]! + c));
    Atomics.add(ctl, Ctl.Done, to - from);
    parentPort!.postMessage({ type: 'progress' });
  }
  parentPort!.postMessage({ type: 'trials', counts });
  // The main thread copies what it needs before the columns are reordered.
  while (Atomics.load(ctl, Ctl.Gate) === 0) Atomics.wait(ctl, Ctl.Gate, 0);
  const order = new Int32Array(job.order);
  const count = Atomics.load(ctl, Ctl.Count);
  const summaries: [number, Summary][] = [];
  for (let i = Atomics.add(ctl, Ctl.Output, 1); i < count; i = Atomics.add(ctl, Ctl.Output, 1))
    summaries.push([order[i]!, summarize(values.subarray(order[i]! * T, (order[i]! + 1) * T))]);
  parentPort!.postMessage({ type: 'summaries', summaries });
}
