// `compact-model check FILE...`: validate scenarios and run the consistency rules,
// assertions and claims; every problem of every file at once, for people or for CI.
// For people and for annotations, errors come first, then warnings, and the published
// claims that do not hold are one line per file unless --verbose; JSON is always complete.
import type { Command } from 'commander';
import { Loader, treeOf } from '../../read/load.js';
import { realish } from '../../read/realpath.js';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkFiles, checkFilesParallel } from '../../check/check.js';
import { SavedChecks } from '../../check/saved.js';
import { buildId, cacheDir } from '../../core/cache.js';
import { checkDiagnosticsText, checkGithub, checkJson, checkSummary } from '../../render/check.js';
import { makeChalk } from '../../render/terminal.js';
import { M } from '../../core/messages.js';
import { packageRoot } from '../io.js';
import { basisOption, choice, type Ctx, intOption, parseWidth } from '../options.js';

type Format = 'text' | 'json' | 'github';

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('check')
    .description(
      'validate scenarios and check their totals, envelopes, assertions and claims (exit 1 on a failed rule, 2 on unusable input)',
    )
    .argument('<files...>', 'scenario YAML files')
    .option(
      '--format <format>',
      'text (diagnostics on stderr), json, or github (Actions annotations)',
      choice(['text', 'json', 'github']),
      'text',
    )
    .option('--strict-claims', 'published claims that do not hold are errors, not warnings', false)
    .option('--strict-targets', 'a floor, target or target test that is not met is an error (exit 1)', false)
    .option('--verbose', 'show each published claim that does not hold, not one line per file', false);
  basisOption(cmd);
  cmd
    .option('--width <n>', "wrap text to N columns (default: the terminal's width; none when not a terminal)", parseWidth)
    .option(
      '--workers <k>',
      'worker threads beside the main one (default: one per core beyond the first two, from 100 files to check); does not change the output',
      intOption(0, 64, M.checkWorkers),
    )
    .action(
      async (
        files: string[],
        opts: {
          format: Format;
          strictClaims: boolean;
          strictTargets: boolean;
          basis?: string;
          verbose: boolean;
          width?: number;
          workers?: number;
        },
      ) => {
        const io = ctx.io;
        // Saved results only from a built bundle (a source tree under test has no build id).
        const dir = cacheDir(io.env),
          build = buildId();
        // The tree's real root and the real --root folders: the same names elsewhere are other files.
        const key = JSON.stringify([
          build,
          io.cwd,
          realish(io.cwd),
          treeOf(io.cwd),
          (io.roots ?? []).map((r) => realish(resolve(io.cwd, r))),
          opts.strictClaims,
          opts.strictTargets,
          opts.basis ?? null,
        ]);
        const saved = dir && build ? new SavedChecks(dir, key) : undefined;
        // A file hashed for the saved results is not read again to be checked.
        const loader = new Loader(io.cwd, { roots: io.roots, bytes: saved && ((abs) => saved.bytesOf(abs)) });
        const rules = { strictClaims: opts.strictClaims, strictTargets: opts.strictTargets, basis: opts.basis };
        const script = join(packageRoot(), 'dist', 'check-worker.js');
        // One thread keeps ~1.4 cores busy (V8's collector and compiler run beside it), and the
        // variants of a base share its work only within a thread: on two cores a worker made a
        // cold check of 1,000 files ~17% slower (performance.md), so workers start at the third.
        const workers = opts.workers ?? Math.max(0, availableParallelism() - 2);
        const r =
          workers > 0 && existsSync(script)
            ? await checkFilesParallel(files, loader, io.cwd, rules, { workers, script, roots: io.roots }, saved)
            : checkFiles(files, loader, io.cwd, rules, saved);
        const show = { verbose: opts.verbose, width: opts.width ?? io.columns };
        if (opts.format === 'json') io.out(JSON.stringify(checkJson(r, opts.strictClaims), null, 2) + '\n');
        else if (opts.format === 'github') io.out(checkGithub(r, show) + checkSummary(r));
        else {
          const text = checkDiagnosticsText(r, show, makeChalk(io.stderrIsTTY, io.env));
          if (text) io.err(text);
          io.out(checkSummary(r, makeChalk(io.stdoutIsTTY, io.env), show.width));
        }
        ctx.exitCode = r.exitCode;
      },
    );
}
