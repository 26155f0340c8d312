// `compact-model check FILE...`: validate scenarios and run the consistency rules,
// assertions and claims; every problem of every file at once, for people or for CI.
import type { Command } from 'commander';
import { Loader } from '../../read/load.js';
import { checkFiles } from '../../check/check.js';
import { SavedChecks } from '../../check/saved.js';
import { buildId, cacheDir } from '../../core/cache.js';
import { renderDiagnostics, renderGithub } from '../../render/diagnostics.js';
import { checkJson, checkSummary } from '../../render/check.js';
import { makeChalk } from '../../render/terminal.js';
import { choice, type Ctx } from '../options.js';

type Format = 'text' | 'json' | 'github';

export function register(program: Command, ctx: Ctx): void {
  program
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
    .action((files: string[], opts: { format: Format; strictClaims: boolean }) => {
      const io = ctx.io;
      const loader = new Loader(io.cwd, { roots: io.roots });
      // Saved results only from a built bundle (a source tree under test has no build id).
      const dir = cacheDir(io.env),
        build = buildId();
      const key = JSON.stringify([build, io.cwd, io.roots ?? [], opts.strictClaims]);
      const saved = dir && build ? new SavedChecks(dir, key) : undefined;
      const r = checkFiles(files, loader, io.cwd, { strictClaims: opts.strictClaims }, saved);
      if (opts.format === 'json') io.out(JSON.stringify(checkJson(r, opts.strictClaims), null, 2) + '\n');
      else if (opts.format === 'github') io.out(renderGithub(r.diagnostics) + checkSummary(r));
      else {
        if (r.diagnostics.length) io.err(renderDiagnostics(r.diagnostics, r.sources, makeChalk(io.stderrIsTTY, io.env)));
        io.out(checkSummary(r, makeChalk(io.stdoutIsTTY, io.env)));
      }
      ctx.exitCode = r.exitCode;
    });
}
