// `compact-model estimate [FILE] [--against BASELINE]`: a cost estimate per government as a
// budget office publishes one (report/estimate.ts computes it, report/estimate-report.ts lays it out).
import type { Command } from 'commander';
import { M } from '../../core/messages.js';
import type { Case } from '../../compute/engine.js';
import { evaluate, type Evaluation } from '../../measure/evaluate.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { estimateCsv, estimateJson } from '../../render/estimate.js';
import { toHtml } from '../../render/html.js';
import { renderMarkdown } from '../../render/markdown.js';
import { makeChalk, renderTerminal } from '../../render/terminal.js';
import { baselineMismatch, estimateData } from '../../report/estimate.js';
import { buildEstimate, type EstimateUncertainty } from '../../report/estimate-report.js';
import type { Scenario } from '../../model/scenario.js';
import { pairedDifferences, simulate, workerCount, workerScriptIn } from '../../simulate/simulate.js';
import { availableParallelism } from 'node:os';
import { baselinePath, packageRoot } from '../io.js';
import { applyRules, openScenario, usage, widthFor } from '../open.js';
import { basisOption, caseOption, choice, type Ctx, intOption, parseWidth, widthOption } from '../options.js';
import { writeOutput } from '../output.js';

type Opts = {
  case: Case;
  format: 'table' | 'markdown' | 'html' | 'csv' | 'json' | 'xlsx';
  output?: string;
  force?: boolean;
  basis?: string;
  width?: number;
  against?: string;
  simulate?: number;
  seed: number;
};

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('estimate')
      .description(
        'a cost estimate per government: direct spending, revenues and spending subject to appropriation by fiscal year, with 5-year and full-horizon totals, incremental to current law',
      )
      .argument('[file]', 'scenario YAML file (default: the shipped baseline)')
      .addOption(caseOption())
      .option(
        '--format <format>',
        'table, markdown, html, csv, json or xlsx (needs -o)',
        choice(['table', 'markdown', 'html', 'csv', 'json', 'xlsx']),
        'table',
      )
      .option('-o, --output <file>', 'write to this file instead of stdout (atomically; never over an input)')
      .option('--force', 'overwrite an existing output file')
      .option(
        '--against <file>',
        "estimate the increment over this baseline scenario (current law) instead of over the plan's own currentLaw items",
      )
      .option(
        '--simulate <trials>',
        "add percentiles of each government's totals from this many trials (gates drawn with their probabilities)",
        intOption(1, 10_000_000, M.simulateTrials),
      )
      .option('--seed <s>', 'random seed of --simulate', intOption(0, Number.MAX_SAFE_INTEGER, M.simulateSeed), 1),
  )
    .option(widthOption[0], widthOption[1], parseWidth)
    .action(async (file: string | undefined, opts: Opts) => {
      const io = ctx.io;
      if (opts.format === 'xlsx' && !opts.output) {
        io.err(
          renderDiagnostics(
            [usage('output-needed', M.outputNeeded('xlsx'), M.outputNeededHint('xlsx'))],
            new Map(),
            makeChalk(io.stderrIsTTY, io.env),
          ),
        );
        ctx.exitCode = 2;
        return;
      }
      const opened = openScenario(io, file ?? baselinePath(), opts.basis);
      if (!opened) {
        ctx.exitCode = 2;
        return;
      }
      const ev = evaluate(opened.scenario, opts.case);
      let base: ReturnType<typeof evaluate> | undefined;
      if (opts.against !== undefined) {
        // The baseline is scored on the plan's basis, so the increment compares like with like.
        const against = openScenario(io, opts.against, opened.scenario.basis);
        if (!against) {
          ctx.exitCode = 2;
          return;
        }
        const diffs = baselineMismatch(opened.scenario, against.scenario);
        if (diffs.length) {
          against.report(
            diffs.map(([what, a, b]) => usage('against-mismatch', M.againstMismatch(what, a, b), M.againstMismatchHint)),
          );
          ctx.exitCode = 2;
          return;
        }
        base = evaluate(against.scenario, opts.case);
      }
      const rules = applyRules(opened, opened.scenario, ev, opts.case);
      const d = estimateData(ev, base);
      const report = async () => buildEstimate(d, await uncertainty(ev, base, opts));
      const data =
        opts.format === 'json'
          ? `${JSON.stringify(estimateJson(d), null, 2)}\n`
          : opts.format === 'csv'
            ? estimateCsv(d)
            : opts.format === 'markdown'
              ? renderMarkdown(await report())
              : opts.format === 'html'
                ? toHtml(await report())
                : opts.format === 'xlsx'
                  ? await (async () => {
                      const r = await report();
                      return (await import('../../render/xlsx.js')).toXlsx(r, ev, [['Estimate', r.sections.map((x) => x.id)]]);
                    })()
                  : renderTerminal(await report(), makeChalk(io.stdoutIsTTY && !opts.output, opts.output ? {} : io.env), {
                      width: widthFor(io, opts.width),
                      all: true,
                    });
      if (opts.output === undefined) {
        io.out(data as string);
        ctx.exitCode = rules.code;
        return;
      }
      const refused = writeOutput(opts.output, io.cwd, opened.scenario.chain, opts.force ?? false, data);
      if (refused) {
        opened.report([refused]);
        ctx.exitCode = 2;
        return;
      }
      io.err(M.wroteFile(opts.output));
      ctx.exitCode = rules.code;
    });
}

/** The low and high cases of the estimate, and simulate's percentiles when asked (paired with --against). */
async function uncertainty(ev: Evaluation, base: Evaluation | undefined, opts: Opts): Promise<EstimateUncertainty> {
  const at = (c: Case) => estimateData(evaluate(ev.scenario, c), base ? evaluate(base.scenario, c) : undefined);
  const u: EstimateUncertainty = { low: at('low'), high: at('high') };
  if (opts.simulate === undefined) return u;
  const sim = (s: Scenario) =>
    simulate(s, {
      trials: opts.simulate!,
      seed: opts.seed,
      keyed: base !== undefined,
      workers: workerCount(undefined, opts.simulate!, availableParallelism()),
      workerScript: workerScriptIn(packageRoot()),
    });
  const a = await sim(ev.scenario);
  const summaries = base
    ? new Map([...pairedDifferences(a, await sim(base.scenario))].map(([k, v]) => [k, v.summary]))
    : a.summaries;
  return { ...u, sim: { trials: opts.simulate, seed: opts.seed, summaries } };
}
