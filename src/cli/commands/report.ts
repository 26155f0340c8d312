// `compact-model report [FILE] -o report.html [--simulate N]`: the self-contained HTML report
// (with a simulated P5-P95 fan when asked), written atomically.
import type { Command } from 'commander';
import { forTerminal } from '../../core/text.js';
import { evaluate } from '../../measure/evaluate.js';
import { availableParallelism } from 'node:os';
import { M } from '../../core/messages.js';
import { toHtml } from '../../render/html.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { makeChalk } from '../../render/terminal.js';
import { buildRunReport, fanOf } from '../../report/run.js';
import { whatItWouldTake } from '../../report/solve.js';
import { simulate, tooManyTrials, workerCount, workerScriptIn } from '../../simulate/simulate.js';
import type { Case } from '../../compute/engine.js';
import { baselinePath, packageRoot } from '../io.js';
import { checkOutput, writeAtomic } from '../output.js';
import { basisOption, caseOption, type Ctx, intOption } from '../options.js';
import { applyRules, openScenario } from '../open.js';
import { citedLines } from '../cited.js';

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('report')
      .description('write a self-contained HTML report (charts, metrics, claims, sources) that opens in any browser and prints')
      .argument('[file]', 'scenario YAML file (default: the shipped baseline)')
      .requiredOption('-o, --output <file>', '(required) the HTML file to write, e.g. report.html')
      .addOption(caseOption())
      .option('--force', 'overwrite an existing output file')
      .option(
        '--simulate <trials>',
        'also simulate this many trials and draw the P5-P95 fan of cumulative headline mobilization',
        intOption(1, 10_000_000, M.simulateTrials),
      )
      .option('--seed <s>', 'random seed of --simulate', intOption(0, Number.MAX_SAFE_INTEGER, M.simulateSeed), 1),
  ).action(
    async (
      file: string | undefined,
      opts: { output: string; case: Case; force?: boolean; simulate?: number; seed: number; basis?: string },
    ) => {
      const io = ctx.io;
      const opened = openScenario(io, file ?? baselinePath(), opts.basis);
      if (!opened) {
        ctx.exitCode = 2;
        return;
      }
      // Refuse a bad output path before computing anything.
      const { target, diag } = checkOutput(opts.output, io.cwd, opened.scenario.chain, opts.force ?? false);
      const s = opened.scenario;
      // The report cites line numbers; say once when the cited document is not at hand.
      if (!diag) citedLines(io, s);
      const tooMany = opts.simulate === undefined ? undefined : tooManyTrials(s, opts.simulate, false);
      if (tooMany) {
        io.err(renderDiagnostics([tooMany], new Map(), makeChalk(io.stderrIsTTY, io.env)));
        ctx.exitCode = 2;
        return;
      }
      const fan =
        diag || opts.simulate === undefined
          ? undefined
          : fanOf(
              s,
              await simulate(s, {
                trials: opts.simulate,
                seed: opts.seed,
                yearly: true,
                workers: workerCount(undefined, opts.simulate, availableParallelism()),
                workerScript: workerScriptIn(packageRoot()),
              }),
              opts.seed,
            );
      const ev = evaluate(s, opts.case);
      const rules = applyRules(opened, s, ev, opts.case);
      const model = buildRunReport(ev, { fan });
      // When a floor or target test fails, what single change would close it (issue: solve).
      const take = diag ? undefined : whatItWouldTake(ev);
      if (take) model.sections.splice(model.sections.findIndex((x) => x.id === 'verdicts') + 1, 0, take);
      const failed = diag ?? writeAtomic(target!, toHtml(model), opts.force ?? false);
      if (failed) {
        opened.report([failed]);
        ctx.exitCode = 2;
        return;
      }
      io.err(M.wroteFile(forTerminal(opts.output)));
      ctx.exitCode = rules.code;
    },
  );
}
