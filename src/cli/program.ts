// The command line: one commander program whose commands are thin files under
// commands/. makeProgram() lets tests run the CLI in process.
import { Command, InvalidArgumentError } from 'commander';
import type { IO } from './io.js';
import { M } from '../core/messages.js';
import { parseFigure } from '../core/amount.js';
import type { Dec } from '../core/money.js';
import { BASIS_IDS } from '../model/bases.js';
import { register as registerRun } from './commands/run.js';
import { register as registerDiff } from './commands/diff.js';
import { register as registerExplain } from './commands/explain.js';
import { register as registerReport } from './commands/report.js';
import { register as registerCheck } from './commands/check.js';
import { register as registerSimulate } from './commands/simulate.js';
import { register as registerSensitivity } from './commands/sensitivity.js';
import { register as registerSchema } from './commands/schema.js';
import { register as registerInit } from './commands/init.js';

export interface Ctx {
  io: IO;
  exitCode: number;
}

export function choice(options: string[]) {
  return (value: string): string => {
    if (!options.includes(value)) throw new InvalidArgumentError(M.choice(options));
    return value;
  };
}

/** A whole number option in [min, max] (underscores allowed: 100_000). */
export function intOption(min: number, max: number, message: string) {
  return (v: string): number => {
    const n = Number(v.replace(/_/g, ''));
    if (!/^\d[\d_]*$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(message);
    return n;
  };
}

/**
 * A single rate option such as 3% or 0.03 (--discount, --inflation), held to the
 * scenario format's rule: never negative (-100% made every present value infinite).
 */
export function rateOption(v: string): Dec {
  const r = parseFigure(v, 'rate');
  if (!r.ok || !r.value.low.eq(r.value.high)) throw new InvalidArgumentError(M.rateOption(v));
  if (r.value.base.isNeg()) throw new InvalidArgumentError(M.rateOptionNegative(v));
  return r.value.base;
}

/** --width N: the columns tables are laid out for. */
export const widthOption = [
  '--width <n>',
  "lay tables out for N columns (default: the terminal's width, or 100 when not a terminal)",
] as const;
export const parseWidth = (v: string) => intOption(40, 1000, M.widthOption)(v);

/** --basis NAME: the scoring basis budget cost is reported on. */
export const basisOption = (c: Command) =>
  c.option(
    '--basis <name>',
    `scoring basis of budget cost: ${BASIS_IDS.join(' or ')} (default: the scenario's scoring.basis, else as-published)`,
    choice(BASIS_IDS),
  );

export const VERSION = '0.1.0';

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
  registerExplain(program, ctx);
  registerReport(program, ctx);
  registerCheck(program, ctx);
  registerSimulate(program, ctx);
  registerSensitivity(program, ctx);
  registerSchema(program, ctx);
  registerInit(program, ctx);
  for (const c of program.commands)
    c.exitOverride()
      .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
      .showHelpAfterError('(run with --help for usage)');
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
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      // commander exits 0 for --help and --version, and 1 when it shows help because the
      // command line was incomplete (no command, `help bogus`): that is unusable input.
      return err.exitCode === 0 ? 0 : 2;
    }
    throw e;
  }
  return ctx.exitCode;
}
