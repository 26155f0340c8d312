// `compact-model solve [FILE] --goal EXPR [--vary INPUT]`: the value of one input, closest
// to the scenario's own, that makes a goal hold (exit 0; exit 0 too when it already holds,
// 1 when no allowed value meets it); without --vary, the "what it would take" table for
// every failing floor and target test (or for --goal). -o writes the answer as a patch.
import { millionsOf } from '../../core/currency.js';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic } from '../../core/diagnostics.js';
import { M } from '../../core/messages.js';
import type { Case } from '../../compute/engine.js';
import { evaluate } from '../../measure/evaluate.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { solveJson, takeJson } from '../../render/solve.js';
import { makeChalk, renderTerminal } from '../../render/terminal.js';
import { buildSolveReport, metDetail, solveSentences, takeSection } from '../../report/solve.js';
import { horizonText } from '../../report/run.js';
import { type Goal, goalState, parseGoal } from '../../solve/goal.js';
import { findInput } from '../../solve/inputs.js';
import { patchYaml } from '../../solve/patch.js';
import { solve as solveFor } from '../../solve/solve.js';
import { failingGoals, whatItWouldTakeData, writtenAs } from '../../solve/take.js';
import { baselinePath, type IO } from '../io.js';
import { openScenario, usage, widthFor } from '../open.js';
import { basisOption, caseOption, choice, type Ctx, parseWidth, widthOption } from '../options.js';
import { writeOutput } from '../output.js';

export interface SolveOpts {
  goal?: string;
  vary?: string;
  basis?: string;
  case: Case;
  format: 'table' | 'json';
  output?: string;
  force?: boolean;
  width?: number;
}

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('solve')
      .description(
        'find the value of one input that meets a floor, the target or an assertion; without --vary, what it would take to close each failing test',
      )
      .argument('[file]', 'scenario YAML file (default: the shipped baseline)')
      .option(
        '--goal <expr>',
        "what should hold: an assertion ('budgetCost.US.perYear >= 500M') or a verdict (floor.US.appropriated.met, target.met)",
      )
      .option(
        '--vary <input>',
        'the input to solve for, as diff and explain name it (e.g. mechanisms[F-2].appropriations.US.amount)',
      )
      .addOption(caseOption())
      .option('--format <format>', 'output format: table or json', choice(['table', 'json']), 'table')
      .option('-o, --output <file>', 'write the answer as a scenario patch (extends FILE) to this file')
      .option('--force', 'overwrite an existing output file'),
  )
    .option(widthOption[0], widthOption[1], parseWidth)
    .action((file: string | undefined, opts: SolveOpts) => {
      ctx.exitCode = solve(ctx.io, file ?? baselinePath(), opts);
    });
}

export function solve(io: IO, file: string, opts: SolveOpts): number {
  const errChalk = makeChalk(io.stderrIsTTY, io.env);
  const refuse = (d: Diagnostic) => {
    io.err(renderDiagnostics([d], new Map(), errChalk));
    return 2;
  };
  if (opts.vary !== undefined && opts.goal === undefined)
    return refuse(usage('usage', M.solveVaryNeedsGoal, M.solveVaryNeedsGoalHint));
  if (opts.output !== undefined && opts.vary === undefined)
    return refuse(usage('usage', M.solveOutputNeedsVary, M.solveOutputNeedsVaryHint));
  if (opts.output !== undefined && (file === '-' || resolve(io.cwd, file) === '/dev/stdin'))
    return refuse(usage('usage', M.solvePatchStdin, M.solvePatchStdinHint));

  const opened = openScenario(io, file, opts.basis);
  if (!opened) return 2;
  const s = opened.scenario;
  let goal: Goal | undefined;
  if (opts.goal !== undefined) {
    const g = parseGoal(opts.goal, s);
    if (!g.ok) return refuse(usage('invalid-goal', M.solveBadGoal(opts.goal, M.exprColumn(g.offset + 1, g.message)), g.hint));
    goal = g.goal;
  }
  const before = evaluate(s, opts.case);
  const out = (text: string) => io.out(text);
  const chalk = makeChalk(io.stdoutIsTTY, io.env);
  const width = widthFor(io, opts.width);

  // Nothing to solve for: no goal, and the plan states no floor, target or test.
  if (!goal && !s.targets.floor && !s.targets.mobilization && !s.targets.tests.length)
    return refuse(usage('nothing-to-solve', M.solveNothingToSolve(s.name), M.solveNothingToSolveHint));
  // Without --vary: what it would take, for every failing test or for the goal.
  if (opts.vary === undefined) {
    const goals = goal ? (goalState(goal, before.measure).holds ? [] : [goal]) : failingGoals(before);
    const tests = goals.length ? whatItWouldTakeData(before, goals) : [];
    if (opts.format === 'json') out(`${JSON.stringify(takeJson(before, tests), null, 2)}\n`);
    else {
      const section = takeSection(before, tests) ?? {
        id: 'what-it-would-take',
        title: 'What it would take',
        blocks: [
          {
            kind: 'para' as const,
            text: goal ? M.solveMet(goal.text, metDetail(goal, goalState(goal, before.measure))) : M.solveTakeNothing,
          },
        ],
      };
      out(
        renderTerminal(
          {
            title: `What it would take: ${s.name}`,
            meta: [
              `${s.file} · case: ${opts.case} · ${horizonText(s.horizon)} · ${millionsOf(s.currency)} · scoring basis: ${before.measure.basis.id}`,
            ],
            highlights: [],
            sections: [section],
            footer: [],
          },
          chalk,
          { width },
        ),
      );
    }
    // A goal no single input can close fails like an unreachable one.
    const closed = tests.every((t) => t.rows.length > 0);
    return Math.max(opened.code, goal && !closed ? 1 : 0);
  }

  const located = findInput(s, opts.vary);
  if (!located.ok) return refuse(usage('invalid-input', located.message, located.hint));
  const r = solveFor(s, goal!, located.fig, opts.case, before);
  const written = writtenAs(s, located.fig);
  if (opts.format === 'json') out(`${JSON.stringify(solveJson(r, written), null, 2)}\n`);
  else out(renderTerminal(buildSolveReport(r), chalk, { width }));
  const code = r.status === 'unreachable' ? 1 : r.status === 'no-value' ? 2 : 0;
  if (r.status === 'unreachable' || r.status === 'no-value')
    io.err(
      renderDiagnostics(
        [
          {
            severity: 'error',
            category: r.status === 'no-value' ? 'input' : 'rule',
            code: r.status === 'no-value' ? 'solve-no-value' : 'solve-unreachable',
            message: solveSentences(r)[0]!,
            hint: r.status === 'no-value' ? M.solveNoValueHint : undefined,
          },
        ],
        new Map(),
        errChalk,
      ),
    );

  if (opts.output !== undefined) {
    if (r.status !== 'solved') {
      io.err(M.solveNoPatch(solveSentences(r)[0]!));
      return Math.max(opened.code, code);
    }
    const outAbs = resolve(io.cwd, opts.output);
    let ext = relative(dirname(outAbs), resolve(io.cwd, file));
    if (!ext.startsWith('.')) ext = `./${ext}`;
    const how = r.method === 'exact' ? 'exact' : `bisection to within ${r.precision!.toPlain()}`;
    const note = M.solvePatchNote(r.goal.text, r.input.path, how, r.case, before.measure.basis.id);
    const text = patchYaml({
      extendsPath: ext,
      name: `${s.name}, solved for ${r.goal.text}`,
      description: note,
      input: r.input,
      value: r.value!,
      note,
      command: `compact-model solve ${quoteArg(file)} --goal ${quoteArg(r.goal.text)} --vary ${quoteArg(r.input.path)} --case ${r.case} --basis ${before.measure.basis.id}`,
    })!;
    const refused = writeOutput(opts.output, io.cwd, s.chain, opts.force ?? false, text);
    if (refused) {
      opened.report([refused]);
      return 2;
    }
    io.err(M.wroteFile(opts.output));
  }
  return Math.max(opened.code, code);
}

/** An argument as a POSIX shell reads it back (for the patch's header comment). */
function quoteArg(a: string): string {
  return /^[\w./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
