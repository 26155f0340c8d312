// Worker thread entry (bundled as dist/sim-worker.js). Two modes:
// - held (in-memory): runs one contiguous block of trials, writing their outputs into the
//   columns all workers share, and reports its test counts (progress every few thousand
//   trials); then summarizes the outputs it is given (summaries of a million trials are as
//   much work as the trials) and ends.
// - stream (replayed): runs every W-th chunk of trials of each pass it is sent and counts
//   its share (stream.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../model/scenario.js';
import { decode } from './codec.js';
import { makePlan, Runner } from './plan.js';
import { summarize } from './stats.js';
import { serveStream, type Overrides, type PassSpec } from './stream.js';

interface Job {
  mode?: 'stream';
  scenario: unknown;
  seed: number;
  from: number;
  to: number;
  /** Every output's column over all trials: output k of trial i at [k * total + i]. */
  shared: SharedArrayBuffer;
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
  const { counts } = runner.run(job.from, job.to, (done) => parentPort!.postMessage({ type: 'progress', done }), {
    values,
    total: job.total,
  });
  parentPort!.postMessage({ type: 'trials', counts });
  parentPort!.once('message', (m: { outputs: number[] }) => {
    const T = job.total;
    parentPort!.postMessage({
      type: 'summaries',
      summaries: m.outputs.map((k) => summarize(values.subarray(k * T, (k + 1) * T))),
    });
  });
}
