// `compact-model report [FILE] -o report.html`: the self-contained HTML report, written atomically.
import type { Command } from 'commander';
import { evaluate } from '../../pipeline.js';
import { toHtml } from '../../render/html.js';
import type { Case } from '../../compute/engine.js';
import { baselinePath } from '../io.js';
import { checkOutput, writeAtomic } from '../output.js';
import { choice, type Ctx } from '../program.js';
import { openScenario } from '../open.js';

export function register(program: Command, ctx: Ctx): void {
  program
    .command('report')
    .description('write a self-contained HTML report (charts, metrics, claims, sources) that opens in any browser and prints')
    .argument('[file]', 'scenario YAML file (default: the shipped Compact baseline)')
    .requiredOption('-o, --output <file>', 'the HTML file to write, e.g. report.html')
    .option('--case <case>', 'which end of every range to use: low, base or high', choice(['low', 'base', 'high']), 'base')
    .option('--force', 'overwrite an existing output file')
    .action((file: string | undefined, opts: { output: string; case: Case; force?: boolean }) => {
      const io = ctx.io;
      const opened = openScenario(io, file ?? baselinePath());
      if (!opened) { ctx.exitCode = 2; return; }
      // Refuse a bad output path before computing anything.
      const { target, diag } = checkOutput(opts.output, io.cwd, opened.scenario.chain, opts.force ?? false);
      const failed = diag ?? writeAtomic(target!, toHtml(evaluate(opened.scenario, opts.case)), opts.force ?? false);
      if (failed) { opened.report([failed]); ctx.exitCode = 2; return; }
      ctx.exitCode = opened.code;
    });
}
