// `compact-model explain [FILE] METRIC`: where a number comes from (flows, rules, inputs, sources).
import type { Command } from 'commander';
import { evaluate } from '../../measure/evaluate.js';
import { M } from '../../core/messages.js';
import { makeChalk } from '../../render/terminal.js';
import { explain } from '../../measure/explain.js';
import { explainJson, explainText } from '../../render/explain.js';
import type { Case } from '../../compute/engine.js';
import { baselinePath } from '../io.js';
import { basisOption, caseOption, choice, type Ctx, parseWidth, widthOption } from '../options.js';
import { openScenario, usage, widthFor } from '../open.js';
import { citedLines } from '../cited.js';

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('explain')
      .description(
        'show where a metric comes from: its flows by mechanism and year, the rules and assumptions, and the source of every input',
      )
      .argument('<file-or-metric>', 'scenario YAML file, or the metric when the file is left out (default: the shipped baseline)')
      .argument(
        '[metric]',
        'metric path, e.g. budgetCost.US, floor.IL.appropriated, headlineMobilization, leverage.commitment.total',
      )
      .addOption(caseOption())
      // `table` like every other command; `text` is kept as a synonym for files written before.
      .option('--format <format>', 'output format: table or json', choice(['table', 'text', 'json']), 'table'),
  )
    .option(widthOption[0], widthOption[1], parseWidth)
    .action(
      (
        a: string,
        b: string | undefined,
        opts: { case: Case; format: 'table' | 'text' | 'json'; basis?: string; width?: number },
      ) => {
        const io = ctx.io;
        const [file, metric] = b === undefined ? [baselinePath(), a] : [a, b];
        const opened = openScenario(io, file, opts.basis);
        if (!opened) {
          ctx.exitCode = 2;
          return;
        }
        const ev = evaluate(opened.scenario, opts.case);
        const r = explain(ev.measure, metric);
        if (!r.ok) {
          opened.report([usage('unknown-metric', `${M.explainUnknownMetric(metric)}: ${r.message}`, r.hint)]);
          ctx.exitCode = 2;
          return;
        }
        const cited = citedLines(io, ev.scenario, widthFor(io, opts.width));
        io.out(
          opts.format === 'json'
            ? JSON.stringify(explainJson(ev.scenario, r.explanation, opts.case, cited), null, 2) + '\n'
            : explainText(
                ev.scenario,
                r.explanation,
                opts.case,
                makeChalk(io.stdoutIsTTY, io.env),
                widthFor(io, opts.width),
                cited,
              ),
        );
        ctx.exitCode = opened.code;
      },
    );
}
