// Worker thread entry (bundled as dist/check-worker.js): checks its share of a `check`
// run's files with a Loader of its own and sends back each file's outcome, in order; the
// main thread merges them with its own (check.ts checkFilesParallel). With each, the texts
// its diagnostics quote.
import { parentPort, workerData } from 'node:worker_threads';
import { Loader } from '../read/load.js';
import { checkOne } from './check.js';
import type { RuleOptions } from './rules.js';

interface Job {
  files: string[];
  cwd: string;
  roots?: string[];
  opts: RuleOptions;
}

const job = workerData as Job;
const loader = new Loader(job.cwd, { roots: job.roots });
parentPort!.postMessage(
  job.files.map((f) => {
    const r = checkOne(f, loader, job.cwd, job.opts);
    // The text of every file a diagnostic points into, for its excerpt (a broken file too).
    const names = new Set(r.o.ds.flatMap((d) => (d.loc ? [d.loc.file] : [])));
    const texts = [...names].flatMap((n): [string, string][] => {
      const t = loader.sources.get(n);
      return t === undefined ? [] : [[n, t]];
    });
    return { ...r, texts };
  }),
);
