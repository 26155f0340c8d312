// `compact-model sensitivity [FILE] --metric PATH`: one-at-a-time swings of every
// ranged input, ranked as a tornado (table or JSON).
import type { Command } from 'commander';
import { M } from '../../core/messages.js';
import { parseExpr } from '../../model/expr.js';
import { namesOf } from '../../model/names.js';
import { makeChalk } from '../../render/terminal.js';
import { renderTornado, renderVariance, sensitivityJson, varianceJson } from '../../render/uncertainty.js';
import { varianceShares } from '../../simulate/variance.js';
import { sensitivity } from '../../simulate/sensitivity.js';
import { baselinePath } from '../io.js';
import { basisOption, choice, type Ctx, intOption, parseWidth, widthOption } from '../options.js';
import { openScenario, usage, widthFor } from '../open.js';

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('sensitivity')
      .description('swing each ranged input from low to high (others at base) and rank the effect on one metric as a tornado')
      .argument('[file]', 'scenario YAML file (default: the shipped baseline)')
      .option(
        '--metric <path>',
        'metric path, e.g. headlineMobilization, budgetCost.US, target.shortfall',
        'headlineMobilization',
      )
      .option('--format <format>', 'output format: table or json', choice(['table', 'json']), 'table')
      .option('--variance', "also rank inputs by their share of the metric's variance, from a simulation")
      .option('--trials <n>', 'trials for --variance', intOption(10, 10_000_000, M.simulateTrials), 10_000)
      .option('--seed <s>', 'random seed for --variance', intOption(0, Number.MAX_SAFE_INTEGER, M.simulateSeed), 1),
  )
    .option(widthOption[0], widthOption[1], parseWidth)
    .action(
      (
        file: string | undefined,
        opts: {
          metric: string;
          format: 'table' | 'json';
          basis?: string;
          width?: number;
          variance?: boolean;
          trials: number;
          seed: number;
        },
      ) => {
        const io = ctx.io;
        const opened = openScenario(io, file ?? baselinePath(), opts.basis);
        if (!opened) {
          ctx.exitCode = 2;
          return;
        }
        const s = opened.scenario;
        const p = parseExpr(opts.metric, namesOf(s));
        const bad = !p.ok
          ? usage(
              'unknown-metric',
              `${M.sensitivityMetric(opts.metric)}: ${M.exprColumn(p.error.offset + 1, p.error.message)}`,
              p.error.hint,
            )
          : p.value.unit === 'boolean'
            ? usage('unknown-metric', M.sensitivityNumeric(opts.metric))
            : undefined;
        if (bad || !p.ok) {
          if (bad) opened.report([bad]);
          ctx.exitCode = 2;
          return;
        }
        const r = sensitivity(s, opts.metric, p.value);
        const vs = opts.variance
          ? { ...varianceShares(s, p.value, opts.trials, opts.seed), trials: opts.trials, seed: opts.seed }
          : undefined;
        if (opts.format === 'json')
          io.out(
            `${JSON.stringify({ ...(sensitivityJson(s, r) as object), ...(vs ? { varianceShares: varianceJson(vs) } : {}) }, null, 2)}\n`,
          );
        else {
          const c = makeChalk(io.stdoutIsTTY, io.env);
          const w = widthFor(io, opts.width);
          io.out(`${renderTornado(s, r, c, w)}\n${vs ? `\n${renderVariance(vs, c, w)}\n` : ''}`);
        }
        ctx.exitCode = opened.code;
      },
    );
}
