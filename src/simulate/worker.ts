// Worker thread entry (bundled as dist/sim-worker.js): runs one contiguous block of
// trials and sends back their outputs; progress every few thousand trials.
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../model/scenario.js';
import { decode } from './codec.js';
import { makePlan, Runner } from './plan.js';

interface Job {
  scenario: unknown;
  seed: number;
  from: number;
  to: number;
  yearly: boolean;
  keyed?: boolean;
  overrides?: { inputs: Map<number, Float64Array>; events: Map<number, Float64Array> };
}

const job = workerData as Job;
const runner = new Runner(makePlan(decode<Scenario>(job.scenario), job.yearly), job.seed, job.keyed ?? false);
if (job.overrides) runner.setOverrides(job.overrides);
const { values, counts } = runner.run(job.from, job.to, (done) => parentPort!.postMessage({ type: 'progress', done }));
parentPort!.postMessage({ type: 'done', values, counts }, [values.buffer as ArrayBuffer]);
