// `compact-model init [NAME]`: writes NAME.yaml, a new scenario extending the shipped
// baseline (`extends: "compact-2026"`), with commented examples, through the shared output
// writer; `init --blank NAME` writes a stand-alone plan instead (every kind, nothing inherited).
import type { Command } from 'commander';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { exitCodeFor } from '../../core/diagnostics.js';
import { writeOutput } from '../output.js';
import { M } from '../../core/messages.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { makeChalk } from '../../render/terminal.js';
import { initTemplate } from '../../scaffold/template.js';
import { blankTemplate } from '../../scaffold/blank.js';
import { forTerminal } from '../../core/text.js';
import { baselinePath, packageRoot } from '../io.js';
import type { Ctx } from '../options.js';

/** A path relative to `fromDir`, with forward slashes, as YAML and editors want it. */
function rel(fromDir: string, to: string): string {
  const r = relative(fromDir, to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}

export function register(program: Command, ctx: Ctx): void {
  program
    .command('init')
    .description(
      'write a new scenario (NAME.yaml) that extends the shipped baseline, with commented examples; with --blank, a stand-alone plan',
    )
    .argument('[name]', 'file to write, .yaml added when missing', 'my-scenario')
    .option('--force', 'overwrite the file if it exists')
    .option('--blank', 'a stand-alone plan from nothing (no extends): one mechanism of every kind, all commented')
    .action((name: string, opts: { force?: boolean; blank?: boolean }) => {
      const io = ctx.io;
      const file = /\.ya?ml$/i.test(name) ? name : `${name}.yaml`;
      const abs = resolve(io.cwd, file);
      const title = basename(file).replace(/\.ya?ml$/i, '');
      // The baseline by its short name: found from any folder, and the file can be moved.
      const schema = rel(dirname(abs), join(packageRoot(), 'scenario.schema.json'));
      const text = opts.blank
        ? blankTemplate(title, schema)
        : initTemplate(title, basename(baselinePath()).replace(/\.yaml$/, ''), schema);
      // The shared writer: atomic, never over the baseline, not over a file without --force.
      const refused = writeOutput(file, io.cwd, [baselinePath()], opts.force ?? false, text);
      const diags = refused ? [{ ...refused, loc: { file, line: 1, col: 1 } }] : [];
      if (diags.length) io.err(renderDiagnostics(diags, new Map(), makeChalk(io.stderrIsTTY, io.env)));
      else io.err(M.initWrote(forTerminal(file)));
      ctx.exitCode = exitCodeFor(diags);
    });
}
