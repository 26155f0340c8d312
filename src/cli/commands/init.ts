// `compact-model init [NAME]`: writes NAME.yaml, a new scenario extending the shipped
// baseline, with commented examples. Never overwrites unless --force; writes atomically.
import type { Command } from 'commander';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { existsSync, linkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { Diagnostics, exitCodeFor } from '../../core/diagnostics.js';
import { M } from '../../core/messages.js';
import { renderDiagnostics, } from '../../render/diagnostics.js';
import { makeChalk } from '../../render/table.js';
import { initTemplate } from '../../scaffold/template.js';
import { baselinePath, packageRoot } from '../io.js';
import type { Ctx } from '../program.js';

/** A path relative to `fromDir`, with forward slashes, as YAML and editors want it. */
function rel(fromDir: string, to: string): string {
  const r = relative(fromDir, to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}

export function register(program: Command, ctx: Ctx): void {
  program
    .command('init')
    .description('write a new scenario (NAME.yaml) that extends the Compact baseline, with commented examples')
    .argument('[name]', 'file to write, .yaml added when missing', 'my-scenario')
    .option('--force', 'overwrite the file if it exists')
    .action((name: string, opts: { force?: boolean }) => {
      const io = ctx.io;
      const file = /\.ya?ml$/i.test(name) ? name : `${name}.yaml`;
      const abs = resolve(io.cwd, file);
      const diags = new Diagnostics();
      const at = { file, line: 1, col: 1 };
      const title = basename(file).replace(/\.ya?ml$/i, '');
      const text = initTemplate(title, rel(dirname(abs), baselinePath()), rel(dirname(abs), join(packageRoot(), 'scenario.schema.json')));
      if (existsSync(abs) && !opts.force) diags.error('file-exists', M.initExists(file), at, M.initExistsHint);
      else {
        // Temp file next to the target, then one rename (or link, which refuses to
        // replace a file that appeared meanwhile): a reader never sees half a file.
        const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.tmp`);
        try {
          writeFileSync(tmp, text, { flag: 'wx' });
          if (opts.force) renameSync(tmp, abs);
          else { linkSync(tmp, abs); unlinkSync(tmp); }
        } catch (e) {
          try { unlinkSync(tmp); } catch { /* nothing to clean */ }
          const code = String((e as NodeJS.ErrnoException).code);
          diags.error(code === 'EEXIST' ? 'file-exists' : 'write-failed', code === 'EEXIST' ? M.initExists(file) : M.initWriteFailed(file, code), at, code === 'EEXIST' ? M.initExistsHint : M.initWriteHint);
        }
      }
      if (diags.items.length) io.err(renderDiagnostics(diags.items, new Map(), makeChalk(io.stderrIsTTY, io.env)));
      else io.out(`wrote ${file}; try: compact-model run ${file}\n`);
      ctx.exitCode = exitCodeFor(diags.items);
    });
}
