// `compact-model simulate [FILE]`: Monte Carlo over the scenario's ranges and gates,
// seeded and reproducible; percentiles, probabilities, a histogram (table or JSON).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { Loader } from '../../read/load.js';
import { loadScenario } from '../../pipeline.js';
import { exitCodeFor } from '../../core/diagnostics.js';
import { parseFigure } from '../../core/amount.js';
import { M } from '../../core/messages.js';
import { makeChalk } from '../../render/table.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { renderSimulate, simulateCsv, simulateJson } from '../../render/uncertainty.js';
import { progressBar } from '../../render/progress.js';
import { simulate, workerCount, workerScriptIn } from '../../simulate/simulate.js';
import type { Scenario } from '../../normalize/types.js';
import { Dec } from '../../core/money.js';
import { baselinePath, packageRoot } from '../io.js';
import { choice, type Ctx } from '../program.js';

const int = (min: number, max: number, msg: string) => (v: string): number => {
  const n = Number(v.replace(/_/g, ''));
  if (!/^\d[\d_]*$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(msg);
  return n;
};
export const rateOption = (v: string): Dec => {
  const r = parseFigure(v, 'rate');
  if (!r.ok || !r.value.low.eq(r.value.high)) throw new InvalidArgumentError(M.rateOption(v));
  return r.value.base;
};
const CLI_LOC = { file: '<command line>', line: 1, col: 1 };

/** --discount and --inflation win over the scenario's assumptions. */
export function withValuation(s: Scenario, o: { discount?: Dec; inflation?: Dec }): Scenario {
  return {
    ...s,
    ...(o.discount !== undefined ? { discount: { byMaturity: [{ years: 1, rate: o.discount }], source: '--discount', loc: CLI_LOC } } : {}),
    ...(o.inflation !== undefined ? { inflation: { rate: o.inflation, base: 0, source: '--inflation', loc: CLI_LOC } } : {}),
  };
}

interface Opts { trials: number; seed: number; workers?: number; format: 'table' | 'json' | 'csv'; discount?: Dec; inflation?: Dec }

export function register(program: Command, ctx: Ctx): void {
  program
    .command('simulate')
    .description('Monte Carlo over every range and gate: P5/P50/P95 of headline metrics, chances the floor and target are met')
    .argument('[file]', 'scenario YAML file (default: the shipped Compact baseline)')
    .option('--trials <n>', 'number of trials', int(1, 100_000_000, M.simulateTrials), 10_000)
    .option('--seed <s>', 'random seed; the same seed and trials give the same output', int(0, Number.MAX_SAFE_INTEGER, M.simulateSeed), 1)
    .option('--workers <k>', 'worker threads (default: one per core for long runs); does not change the output', int(1, 64, M.simulateWorkers))
    .option('--discount <rate>', 'discount rate for present values (overrides assumptions.discount)', rateOption)
    .option('--inflation <rate>', 'inflation rate for real dollars (overrides assumptions.inflation)', rateOption)
    .option('--format <format>', 'output format: table, json or csv', choice(['table', 'json', 'csv']), 'table')
    .action(async (file: string | undefined, opts: Opts) => {
      const io = ctx.io;
      const loaded = loadScenario(file ?? baselinePath(), new Loader(io.cwd));
      if (loaded.diags.items.length) io.err(renderDiagnostics(loaded.diags.items, loaded.sources, makeChalk(io.stderrIsTTY, io.env)));
      const code = exitCodeFor(loaded.diags.items);
      if (!loaded.scenario || code === 2) { ctx.exitCode = 2; return; }
      const s = withValuation(loaded.scenario, opts);
      const bar = progressBar((x) => io.err(x), io.stderrIsTTY && opts.trials >= 100_000);
      const r = await simulate(s, {
        trials: opts.trials, seed: opts.seed,
        workers: workerCount(opts.workers, opts.trials, availableParallelism()),
        workerScript: workerScriptIn(packageRoot()),
        onProgress: (d, t) => bar.update(d, t),
      });
      bar.end();
      if (opts.format === 'json') io.out(JSON.stringify(simulateJson(s, r), null, 2) + '\n');
      else if (opts.format === 'csv') io.out(simulateCsv(s, r));
      else io.out(renderSimulate(s, r, makeChalk(io.stdoutIsTTY, io.env)) + '\n');
      ctx.exitCode = code;
    });
}
