// `compact-model run [FILE]`: load, evaluate one case, render as a table or JSON.
import type { Command } from 'commander';
import { Loader } from '../../read/load.js';
import { evaluate, loadScenario } from '../../pipeline.js';
import { exitCodeFor } from '../../core/diagnostics.js';
import { renderTable, makeChalk } from '../../render/table.js';
import { toJson } from '../../render/json.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import type { Case } from '../../compute/engine.js';
import { baselinePath, type IO } from '../io.js';
import { choice, type Ctx } from '../program.js';

export function register(program: Command, ctx: Ctx): void {
  program
    .command('run')
    .description('compute the 10-year cash flows, budget cost, leverage, floor and target tests of a scenario')
    .argument('[file]', 'scenario YAML file (default: the shipped Compact baseline)')
    .option('--case <case>', 'which end of every range to use: low, base or high', choice(['low', 'base', 'high']), 'base')
    .option('--format <format>', 'output format: table or json', choice(['table', 'json']), 'table')
    .action((file: string | undefined, opts: { case: Case; format: 'table' | 'json' }) => {
      ctx.exitCode = run(ctx.io, file ?? baselinePath(), opts);
    });
}

export function run(io: IO, file: string, opts: { case: Case; format: 'table' | 'json' }): number {
  const loaded = loadScenario(file, new Loader(io.cwd));
  const errChalk = makeChalk(io.stderrIsTTY, io.env);
  if (loaded.diags.items.length) io.err(renderDiagnostics(loaded.diags.items, loaded.sources, errChalk));
  const code = exitCodeFor(loaded.diags.items);
  if (!loaded.scenario || code === 2) return 2;
  const ev = evaluate(loaded.scenario, opts.case);
  if (opts.format === 'json') io.out(JSON.stringify(toJson(ev, loaded.diags.items), null, 2) + '\n');
  else io.out(renderTable(ev, makeChalk(io.stdoutIsTTY, io.env)) + '\n');
  return code;
}
