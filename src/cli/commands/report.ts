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
import { applyRules, openScenario, usage } from '../open.js';
import { citedLines } from '../cited.js';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Evaluation } from '../../measure/evaluate.js';
import { shippedDir } from '../../read/shipped.js';
import type { Report } from '../../report/model.js';
import { controlsOf } from '../../report/whatif.js';
import { toInteractiveHtml } from '../../render/whatif/page.js';

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
      .option(
        '--interactive',
        'what-if in the browser: a control per input, gate and scoring basis; figures, verdicts and charts recompute exactly; a scenario patch to copy',
      )
      .option('--seed <s>', 'random seed of --simulate', intOption(0, Number.MAX_SAFE_INTEGER, M.simulateSeed), 1),
  ).action(
    async (
      file: string | undefined,
      opts: {
        output: string;
        case: Case;
        force?: boolean;
        simulate?: number;
        seed: number;
        basis?: string;
        interactive?: boolean;
      },
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
      const page = diag
        ? undefined
        : opts.interactive
          ? interactivePage(model, ev, opened.fileBasis, opts, io.cwd, file)
          : toHtml(model);
      const failed = diag ?? (typeof page === 'string' ? writeAtomic(target!, page, opts.force ?? false) : page!.diag);
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

/** The interactive page, or why it cannot be written (the browser script is not built). */
function interactivePage(
  model: Report,
  ev: Evaluation,
  fileBasis: string,
  opts: { output: string; case: Case },
  cwd: string,
  file: string | undefined,
): string | { diag: Diagnostic } {
  const bundle = join(packageRoot(), 'dist', 'whatif.js');
  if (!existsSync(bundle)) return { diag: usage('whatif-no-bundle', M.whatifNoBundle(bundle), M.whatifNoBundleHint) };
  const s = ev.scenario;
  // The patch's `extends`: a shipped scenario by its short name, another file from the report's folder.
  const abs = resolve(cwd, file ?? baselinePath());
  let ext = relative(dirname(resolve(cwd, opts.output)), abs);
  if (dirname(abs) === shippedDir()) ext = basename(abs, '.yaml');
  else if (!ext.startsWith('.')) ext = `./${ext}`;
  const controls = controlsOf(s, opts.case, fileBasis);
  return toInteractiveHtml(model, { scenario: s, controls, case: opts.case, extendsPath: ext }, readFileSync(bundle, 'utf8'));
}
