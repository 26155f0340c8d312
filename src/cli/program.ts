// The command line: one commander program whose commands are thin files under
// commands/. makeProgram() lets tests run the CLI in process.
import { Command } from 'commander';
import type { IO } from './io.js';
import { MissingPackage } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { type Ctx, VERSION } from './options.js';
import { addHelp } from './help.js';
import { register as registerRun } from './commands/run.js';
import { register as registerDiff } from './commands/diff.js';
import { register as registerExplain } from './commands/explain.js';
import { register as registerReport } from './commands/report.js';
import { register as registerCheck } from './commands/check.js';
import { register as registerSimulate } from './commands/simulate.js';
import { register as registerSensitivity } from './commands/sensitivity.js';
import { register as registerSchema } from './commands/schema.js';
import { register as registerInit } from './commands/init.js';
import { register as registerEstimate } from './commands/estimate.js';
import { register as registerSolve } from './commands/solve.js';
import { register as registerReview } from './commands/review.js';
import { register as registerCompare } from './commands/compare.js';

export { basisOption, choice, type Ctx, intOption, parseWidth, rateOption, VERSION, widthOption } from './options.js';

export function makeProgram(ctx: Ctx): Command {
  const program = new Command('compact-model')
    .description('Model public financing plans: cash flows, budget cost, leverage and mobilization from YAML scenarios')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .option(
      '--root <dir>',
      "also let `extends:` reach files in DIR (besides the scenario's own tree and the shipped scenarios; repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  // A program option, accepted before or after the command (`check --root .. a.yaml`):
  // handed to the commands through their IO.
  program.hook('preAction', () => {
    const roots = program.opts<{ root: string[] }>().root;
    if (roots.length) ctx.io = { ...ctx.io, roots };
  });
  registerRun(program, ctx);
  registerDiff(program, ctx);
  registerCompare(program, ctx);
  registerExplain(program, ctx);
  registerReport(program, ctx);
  registerCheck(program, ctx);
  registerSimulate(program, ctx);
  registerSensitivity(program, ctx);
  registerSchema(program, ctx);
  registerInit(program, ctx);
  registerEstimate(program, ctx);
  registerSolve(program, ctx);
  // The review runs the other commands in this process: it is handed the runner.
  registerReview(program, ctx, runCli);
  for (const c of program.commands)
    c.exitOverride()
      .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
      .showHelpAfterError('(run with --help for usage)');
  addHelp(program, () => ctx.io);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: IO): Promise<number> {
  const ctx: Ctx = { io, exitCode: 0 };
  const program = makeProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (e instanceof MissingPackage) {
      ctx.io.err(`error missing-package: ${M.missingPackage(e.pkg)}\n  = hint: ${e.hint}\n`);
      return 2;
    }
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      // commander exits 0 for --help and --version, and 1 when it shows help because the
      // command line was incomplete (no command, `help bogus`): that is unusable input.
      return err.exitCode === 0 ? 0 : 2;
    }
    throw e;
  }
  return ctx.exitCode;
}
