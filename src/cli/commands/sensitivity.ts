// `compact-model sensitivity [FILE] --metric PATH`: one-at-a-time swings of every
// ranged input, ranked as a tornado (table or JSON).
import type { Command } from 'commander';
import { M } from '../../core/messages.js';
import { parseMetricPath, metricUnit } from '../../measure/paths.js';
import { makeChalk } from '../../render/table.js';
import { renderTornado, sensitivityJson } from '../../render/uncertainty.js';
import { sensitivity } from '../../simulate/sensitivity.js';
import { baselinePath } from '../io.js';
import { choice, type Ctx } from '../program.js';
import { openScenario, usage } from '../open.js';

export function register(program: Command, ctx: Ctx): void {
  program
    .command('sensitivity')
    .description('swing each ranged input from low to high (others at base) and rank the effect on one metric as a tornado')
    .argument('[file]', 'scenario YAML file (default: the shipped Compact baseline)')
    .option('--metric <path>', 'metric path, e.g. headlineMobilization, budgetCost.US, target.shortfall', 'headlineMobilization')
    .option('--format <format>', 'output format: table or json', choice(['table', 'json']), 'table')
    .action((file: string | undefined, opts: { metric: string; format: 'table' | 'json' }) => {
      const io = ctx.io;
      const opened = openScenario(io, file ?? baselinePath());
      if (!opened) {
        ctx.exitCode = 2;
        return;
      }
      const s = opened.scenario;
      const p = parseMetricPath(
        opts.metric,
        s.governments.map((g) => g.code),
        s.mechanisms.map((m) => m.id),
        s.horizon.start,
        s.horizon.years,
      );
      const bad = !p.ok
        ? usage('unknown-metric', `${M.sensitivityMetric(opts.metric)}: ${p.message}`, p.hint)
        : metricUnit(opts.metric) === 'boolean'
          ? usage('unknown-metric', M.sensitivityNumeric(opts.metric))
          : undefined;
      if (bad) {
        opened.report([bad]);
        ctx.exitCode = 2;
        return;
      }
      const r = sensitivity(s, opts.metric);
      if (opts.format === 'json') io.out(JSON.stringify(sensitivityJson(s, r), null, 2) + '\n');
      else io.out(renderTornado(s, r, makeChalk(io.stdoutIsTTY, io.env)) + '\n');
      ctx.exitCode = opened.code;
    });
}
