// `compact-model review --base REV`: the pull-request review of action.yml, run on a local
// checkout. --dry-run prints what the action would post (the comment), the step summary and
// the annotations, so a workflow's settings can be tried before a pull request.
import type { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CliRunner, review, SetupError } from '../../action/review.js';
import { type Ctx, intOption, VERSION } from '../options.js';

interface ReviewOpts {
  base: string;
  failIf: string[];
  strictClaims: boolean;
  maxAnnotations: number;
  out?: string;
  dryRun: boolean;
}

export function register(program: Command, ctx: Ctx, cli: CliRunner): void {
  program
    .command('review')
    .description(
      'review the scenario changes since a git revision as the GitHub Action does: check, diff, thresholds (--dry-run prints the comment, the summary and the annotations)',
    )
    .argument('[globs...]', 'scenario globs relative to the repository root (default: scenarios/**/*.yaml and .yml)')
    .requiredOption('--base <rev>', 'the revision to compare with, e.g. main or origin/main')
    .option(
      '--fail-if <threshold>',
      "a threshold, as for the action's fail-if input (repeatable; a line GLOB: starts a section)",
      (x: string, acc: string[]) => [...acc, x],
      [] as string[],
    )
    .option('--strict-claims', 'claims the change makes stop holding fail the review', false)
    .option('--max-annotations <n>', 'at most N error and N warning annotations', intOption(0, 1000, 'a whole number'), 10)
    .option('--out <dir>', 'write review.json, comment.md, summary.md and the diffs here (default: a temporary folder)')
    .option('--dry-run', 'print the comment, the summary and the annotations', false)
    .action(async (globs: string[], opts: ReviewOpts) => {
      ctx.exitCode = await runReview(ctx, cli, globs, opts);
    });
}

async function runReview(ctx: Ctx, cli: CliRunner, globs: string[], opts: ReviewOpts): Promise<number> {
  const io = ctx.io;
  const temp = opts.out === undefined ? mkdtempSync(join(tmpdir(), 'cm-review-')) : undefined;
  const out = opts.out !== undefined ? resolve(io.cwd, opts.out) : join(temp!, 'review');
  let printed = '';
  try {
    const code = await review({
      cwd: io.cwd,
      base: opts.base,
      globs: globs.length ? globs : ['scenarios/**/*.yaml', 'scenarios/**/*.yml'],
      globsGiven: globs.length > 0,
      failIf: opts.failIf.join('\n'),
      out,
      maxAnnotations: opts.maxAnnotations,
      strictClaims: opts.strictClaims,
      cli,
      version: VERSION,
      print: (s) => void (printed += s),
    });
    if (opts.dryRun) {
      const file = (f: string) => readFileSync(join(out, f), 'utf8');
      io.out(
        `===== comment (comment.md) =====\n${file('comment.md')}\n===== summary (summary.md) =====\n${file('summary.md')}\n`,
      );
      io.out(`===== annotations =====\n${printed}`);
    } else io.out(printed + (opts.out !== undefined ? `written to ${opts.out}\n` : ''));
    return code;
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    io.err(`error review: ${e.message}\n`);
    return 2;
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
