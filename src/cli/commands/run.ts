// `compact-model run [FILE]`: load, evaluate one case, render as a table or JSON.
import type { Command } from 'commander';
import { evaluate } from '../../pipeline.js';
import { renderTable, makeChalk } from '../../render/table.js';
import { toJson } from '../../render/json.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { ledgerCsv } from '../../render/csv.js';
import { writeOutput } from '../output.js';
import { openScenario, usage } from '../open.js';
import { M } from '../../core/messages.js';
import type { Case } from '../../compute/engine.js';
import { baselinePath, type IO } from '../io.js';
import { choice, rateOption, type Ctx } from '../program.js';
import { withValuation } from '../../normalize/valuation.js';
import type { Dec } from '../../core/money.js';

export function register(program: Command, ctx: Ctx): void {
  program
    .command('run')
    .description('compute the 10-year cash flows, budget cost, leverage, floor and target tests of a scenario')
    .argument('[file]', 'scenario YAML file (default: the shipped Compact baseline)')
    .option('--case <case>', 'which end of every range to use: low, base or high', choice(['low', 'base', 'high']), 'base')
    .option(
      '--format <format>',
      'output format: table, json, csv (the tidy ledger) or xlsx (needs -o)',
      choice(['table', 'json', 'csv', 'xlsx']),
      'table',
    )
    .option('-o, --output <file>', 'write to this file instead of stdout (atomically; never over an input)')
    .option('--force', 'overwrite an existing output file')
    .option('--discount <rate>', 'discount rate for present values (overrides assumptions.discount)', rateOption)
    .option('--inflation <rate>', 'inflation rate for real dollars (overrides assumptions.inflation)', rateOption)
    .action(async (file: string | undefined, opts: RunOpts) => {
      ctx.exitCode = await run(ctx.io, file ?? baselinePath(), opts);
    });
}

type RunOpts = {
  case: Case;
  format: 'table' | 'json' | 'csv' | 'xlsx';
  output?: string;
  force?: boolean;
  discount?: Dec;
  inflation?: Dec;
};

export async function run(io: IO, file: string, opts: RunOpts): Promise<number> {
  // Checked before reading anything: xlsx is binary, so it goes to a file.
  if (opts.format === 'xlsx' && !opts.output) {
    io.err(
      renderDiagnostics(
        [usage('output-needed', M.outputNeeded('xlsx'), M.outputNeededHint('xlsx'))],
        new Map(),
        makeChalk(io.stderrIsTTY, io.env),
      ),
    );
    return 2;
  }
  const opened = openScenario(io, file);
  if (!opened) return 2;
  const ev = evaluate(withValuation(opened.scenario, opts), opts.case);
  const data =
    opts.format === 'xlsx'
      ? await (await import('../../render/xlsx.js')).toXlsx(ev)
      : opts.format === 'json'
        ? JSON.stringify(toJson(ev, opened.diagnostics), null, 2) + '\n'
        : opts.format === 'csv'
          ? ledgerCsv(ev)
          : // A file never gets colour codes, whatever FORCE_COLOR says.
            renderTable(ev, makeChalk(io.stdoutIsTTY && !opts.output, opts.output ? {} : io.env)) + '\n';
  if (opts.output === undefined) {
    io.out(data as string);
    return opened.code;
  }
  const refused = writeOutput(opts.output, io.cwd, opened.scenario.chain, opts.force ?? false, data);
  if (refused) {
    opened.report([refused]);
    return 2;
  }
  return opened.code;
}
