// `compact-model run [FILE]`: load, evaluate one case, apply the rules, render the report
// as a table, markdown, JSON, the ledger as CSV, or a workbook.
import type { Command } from 'commander';
import type { Dec } from '../../core/money.js';
import { M } from '../../core/messages.js';
import type { Case } from '../../compute/engine.js';
import { evaluate } from '../../measure/evaluate.js';
import { withValuation } from '../../normalize/valuation.js';
import { ledgerCsv } from '../../render/csv.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { toJson } from '../../render/json.js';
import { writeJson } from '../../render/json-stream.js';
import { markdownBody, markdownWithTitle } from '../../render/markdown.js';
import { makeChalk, terminalBody, terminalTitle } from '../../render/terminal.js';
import { buildRunReport } from '../../report/run.js';
import { baselinePath, type IO } from '../io.js';
import { writeOutput } from '../output.js';
import { ANSWERED, applyRules, type Opened, openScenario, usage, widthFor } from '../open.js';
import { jsonParts, MEMO_MAX_OUTPUT, runMemo } from '../run-memo.js';
import { basisOption, caseOption, choice, type Ctx, parseWidth, rateOption, widthOption } from '../options.js';

type Format = 'table' | 'markdown' | 'json' | 'csv' | 'xlsx';
type RunOpts = {
  case: Case;
  format: Format;
  output?: string;
  force?: boolean;
  discount?: Dec;
  inflation?: Dec;
  basis?: string;
  width?: number;
  all?: boolean;
};

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('run')
      .description('compute the cash flows, budget cost, leverage, floor and target tests of a scenario over its horizon')
      .argument('[file]', 'scenario YAML file (default: the shipped baseline)')
      .addOption(caseOption())
      .option(
        '--format <format>',
        'output format: table, markdown, json, csv (the tidy ledger) or xlsx (needs -o)',
        choice(['table', 'markdown', 'json', 'csv', 'xlsx']),
        'table',
      )
      .option('-o, --output <file>', 'write to this file instead of stdout (atomically; never over an input)')
      .option('--force', 'overwrite an existing output file')
      .option('--discount <rate>', 'discount rate for present values (overrides assumptions.discount)', rateOption)
      .option('--inflation <rate>', 'inflation rate for real dollars (overrides assumptions.inflation)', rateOption),
  )
    .option(widthOption[0], widthOption[1], parseWidth)
    .option('--all', 'in a table, also show the detail tables (claims that hold, inputs)')
    .action(async (file: string | undefined, opts: RunOpts) => {
      ctx.exitCode = await run(ctx.io, file ?? baselinePath(), opts);
    });
}

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
  // Printed output may be answered from a saved run of the same plan under another name (run-memo.ts).
  const memo =
    opts.output === undefined && opts.format !== 'xlsx'
      ? runMemo(io, { format: opts.format, width: widthFor(io, opts.width), opts })
      : undefined;
  const opened = memo ? openScenario(io, file, opts.basis, memo.early) : openScenario(io, file, opts.basis);
  if (opened === ANSWERED) return 0;
  if (!opened) return 2;
  const scenario = withValuation(opened.scenario, opts);
  const ev = evaluate(scenario, opts.case);
  const rules = applyRules(opened, scenario, ev, opts.case);
  const report = () => buildRunReport(ev);
  // Saved only when nothing but the output was printed.
  const save = memo && opened.diagnostics.length === 0 && rules.errors.length === 0 && rules.code === 0 ? memo.save : undefined;
  if (opts.format === 'json') {
    // Written in pieces: a large plan's JSON is longer than V8's longest string.
    const parts: Buffer[] = [];
    let kept: string[] | undefined = save ? [] : undefined;
    let size = 0;
    const sink =
      opts.output === undefined
        ? (s: string) => {
            size += s.length;
            if (size > MEMO_MAX_OUTPUT) kept = undefined;
            kept?.push(s);
            io.out(s);
          }
        : (s: string) => void parts.push(Buffer.from(s));
    writeJson(toJson(ev, [...opened.diagnostics, ...rules.errors]), sink);
    sink('\n');
    if (kept) save?.(scenario.name, jsonParts(kept.join(''), scenario.name));
    if (opts.output === undefined) return rules.code;
    return finish(io, opts, opened, Buffer.concat(parts), rules.code);
  }
  let data: string | Uint8Array;
  if (opts.format === 'xlsx') data = await (await import('../../render/xlsx.js')).toXlsx(report(), ev);
  else if (opts.format === 'csv') {
    data = ledgerCsv(ev);
    save?.(scenario.name, ['', data]);
  } else if (opts.format === 'markdown') {
    const r = report();
    const body = markdownBody(r);
    data = markdownWithTitle(r.title, body);
    save?.(r.title, ['', body]);
  } else {
    // A file never gets colour codes, whatever FORCE_COLOR says.
    const r = report();
    const k = makeChalk(io.stdoutIsTTY && !opts.output, opts.output ? {} : io.env);
    const width = widthFor(io, opts.width);
    const body = terminalBody(r, k, { width, all: opts.all });
    data = terminalTitle(r.title, k, width) + body;
    save?.(r.title, ['', body]);
  }
  if (opts.output === undefined) {
    io.out(data as string);
    return rules.code;
  }
  return finish(io, opts, opened, data, rules.code);
}

function finish(io: IO, opts: RunOpts, opened: Opened, data: string | Uint8Array, code: number): number {
  const output = opts.output!;
  const refused = writeOutput(output, io.cwd, opened.scenario.chain, opts.force ?? false, data);
  if (refused) {
    opened.report([refused]);
    return 2;
  }
  io.err(M.wroteFile(output));
  return code;
}
