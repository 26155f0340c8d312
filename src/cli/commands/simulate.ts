// `compact-model simulate [FILE]`: Monte Carlo over the scenario's ranges and gates,
// seeded and reproducible; percentiles, probabilities, a histogram (table or JSON).
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { M } from '../../core/messages.js';
import { makeChalk } from '../../render/terminal.js';
import { pairedJson, renderPaired, renderSimulate, shownInJson, simulateCsv, simulateJson } from '../../render/uncertainty.js';
import { progressBar } from '../../render/progress.js';
import { pairedDifferences, simulate, tooManyTrials, workerCount, workerScriptIn } from '../../simulate/simulate.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { withValuation } from '../../normalize/valuation.js';
import type { Dec } from '../../core/money.js';
import { baselinePath, packageRoot } from '../io.js';
import { amountOption, basisOption, choice, type Ctx, intOption, parseWidth, rateOption, widthOption } from '../options.js';
import { openScenario, usage, widthFor } from '../open.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import { parseExpr } from '../../model/expr.js';
import { namesOf } from '../../model/names.js';
import type { Scenario } from '../../model/scenario.js';
import { traceable } from '../../simulate/plan.js';

interface Opts {
  basis?: string;
  width?: number;
  trials: number;
  seed: number;
  workers?: number;
  format: 'table' | 'json' | 'csv';
  discount?: Dec;
  inflation?: Dec;
  precision?: number;
  against?: string;
  metric: string[];
}

/** Each --metric parsed as an expression; diagnostics for those that cannot be summarized. */
function checkMetrics(s: Scenario, metrics: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const text of metrics) {
    const p = parseExpr(text, namesOf(s));
    if (!p.ok)
      out.push(
        usage(
          'unknown-metric',
          `${M.sensitivityMetric(text)}: ${M.exprColumn(p.error.offset + 1, p.error.message)}`,
          p.error.hint,
        ),
      );
    else if (p.value.unit === 'boolean') out.push(usage('unknown-metric', M.simulateMetricNumeric(text)));
    else if (!traceable(s, p.value))
      out.push(usage('unknown-metric', M.simulateMetricVerdict(text), M.simulateMetricVerdictHint));
  }
  return out;
}

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('simulate')
      .description(
        'Monte Carlo over every range and gate: P5/P50/P95 of headline metrics and of --metric expressions, the chance each floor, target and test holds',
      )
      .argument('[file]', 'scenario YAML file (default: the shipped baseline)')
      .option('--trials <n>', 'number of trials', intOption(1, 100_000_000, M.simulateTrials), 10_000)
      .option(
        '--seed <s>',
        'random seed; the same seed and trials give the same output',
        intOption(0, Number.MAX_SAFE_INTEGER, M.simulateSeed),
        1,
      )
      .option(
        '--workers <k>',
        'threads running trials (default: one per core for long runs); does not change the output',
        intOption(1, 64, M.simulateWorkers),
      )
      .option('--discount <rate>', 'discount rate for present values (overrides assumptions.discount)', rateOption)
      .option('--inflation <rate>', 'inflation rate for real dollars (overrides assumptions.inflation)', rateOption)
      .option('--format <format>', 'output format: table, json or csv', choice(['table', 'json', 'csv']), 'table')
      .option(
        '--metric <expr>',
        'also summarize an expression (repeatable), e.g. "privateMobilized.total / publicCommitment.total"',
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      )
      .option('--against <file>', 'compare with another scenario, trial by trial, on common random numbers (A - B)')
      .option(
        '--precision <amount>',
        'say how many trials a 95% interval of +-amount on headline mobilization needs (e.g. 10M)',
        amountOption,
      ),
  )
    .option(widthOption[0], widthOption[1], parseWidth)
    .action(async (file: string | undefined, opts: Opts) => {
      const io = ctx.io;
      const opened = openScenario(io, file ?? baselinePath(), opts.basis);
      if (!opened) {
        ctx.exitCode = 2;
        return;
      }
      const s = withValuation(opened.scenario, opts);
      const bad = checkMetrics(s, opts.metric);
      if (bad.length) {
        opened.report(bad);
        ctx.exitCode = 2;
        return;
      }
      let other: typeof s | undefined;
      if (opts.against !== undefined) {
        const o = openScenario(io, opts.against, opts.basis);
        if (!o) {
          ctx.exitCode = 2;
          return;
        }
        other = withValuation(o.scenario, opts);
        const badOther = checkMetrics(other, opts.metric);
        if (badOther.length) {
          o.report(badOther);
          ctx.exitCode = 2;
          return;
        }
      }
      for (const x of other ? [s, other] : [s]) {
        const d = tooManyTrials(x, opts.trials, other !== undefined);
        if (d) {
          io.err(renderDiagnostics([d], new Map(), makeChalk(io.stderrIsTTY, io.env)));
          ctx.exitCode = 2;
          return;
        }
      }
      const bar = progressBar((x) => io.err(x), io.stderrIsTTY && opts.trials >= 100_000);
      const r = await simulate(s, {
        trials: opts.trials,
        seed: opts.seed,
        workers: workerCount(opts.workers, opts.trials, availableParallelism()),
        workerScript: workerScriptIn(packageRoot()),
        onProgress: (d, t) => bar.update(d, t),
        keyed: other !== undefined,
        metrics: opts.metric,
        ...(opts.format === 'json' ? { shown: shownInJson } : {}),
      });
      const rb = other
        ? await simulate(other, {
            trials: opts.trials,
            seed: opts.seed,
            workers: workerCount(opts.workers, opts.trials, availableParallelism()),
            workerScript: workerScriptIn(packageRoot()),
            keyed: true,
            metrics: opts.metric,
          })
        : undefined;
      bar.end();
      const diffs = rb ? pairedDifferences(r, rb) : undefined;
      if (other && diffs && opts.format === 'json') {
        io.out(JSON.stringify({ ...(simulateJson(s, r) as object), paired: pairedJson(s, other, diffs) }, null, 2) + '\n');
        ctx.exitCode = opened.code;
        return;
      }
      if (other && diffs && opts.format === 'table') {
        const c = makeChalk(io.stdoutIsTTY, io.env);
        const w = widthFor(io, opts.width);
        io.out(renderSimulate(s, r, c, w, opts.precision) + '\n\n' + renderPaired(s, other, diffs, c, w) + '\n');
        ctx.exitCode = opened.code;
        return;
      }
      if (opts.format === 'json') io.out(JSON.stringify(simulateJson(s, r), null, 2) + '\n');
      else if (opts.format === 'csv') io.out(simulateCsv(s, r));
      else io.out(renderSimulate(s, r, makeChalk(io.stdoutIsTTY, io.env), widthFor(io, opts.width), opts.precision) + '\n');
      ctx.exitCode = opened.code;
    });
}
