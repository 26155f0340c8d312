// `compact-model estimate [FILE]`: a budget estimate by fiscal year on a scoring basis
// (budget authority, outlays, five-year and full-horizon totals), as budget staff read one.
import type { Command } from 'commander';
import { M } from '../../core/messages.js';
import type { Case } from '../../compute/engine.js';
import { evaluate } from '../../measure/evaluate.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { estimateCsv, estimateJson } from '../../render/estimate.js';
import { renderMarkdown } from '../../render/markdown.js';
import { makeChalk, renderTerminal } from '../../render/terminal.js';
import { baselineMismatch, estimateData } from '../../report/estimate.js';
import { buildEstimate } from '../../report/estimate-report.js';
import { baselinePath } from '../io.js';
import { applyRules, openScenario, usage, widthFor } from '../open.js';
import { basisOption, caseOption, choice, type Ctx, parseWidth, widthOption } from '../options.js';
import { writeOutput } from '../output.js';

type Opts = {
  case: Case;
  format: 'table' | 'markdown' | 'csv' | 'json' | 'xlsx';
  output?: string;
  force?: boolean;
  basis?: string;
  width?: number;
  against?: string;
};

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('estimate')
      .description(
        'a budget estimate: budget authority and outlays by fiscal year on a scoring basis, with 5-year and full-horizon totals',
      )
      .argument('[file]', 'scenario YAML file (default: the shipped baseline)')
      .addOption(caseOption())
      .option(
        '--format <format>',
        'table, markdown, csv, json or xlsx (needs -o)',
        choice(['table', 'markdown', 'csv', 'json', 'xlsx']),
        'table',
      )
      .option('-o, --output <file>', 'write to this file instead of stdout (atomically; never over an input)')
      .option('--force', 'overwrite an existing output file')
      .option(
        '--against <file>',
        "estimate the increment over this baseline scenario (current law) instead of over the plan's own currentLaw items",
      ),
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
      const report = () => buildEstimate(d);
      const data =
        opts.format === 'json'
          ? `${JSON.stringify(estimateJson(d), null, 2)}\n`
          : opts.format === 'csv'
            ? estimateCsv(d)
            : opts.format === 'markdown'
              ? renderMarkdown(report())
              : opts.format === 'xlsx'
                ? await (async () => {
                    const r = report();
                    return (await import('../../render/xlsx.js')).toXlsx(r, ev, [['Estimate', r.sections.map((x) => x.id)]]);
                  })()
                : renderTerminal(report(), makeChalk(io.stdoutIsTTY && !opts.output, opts.output ? {} : io.env), {
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
