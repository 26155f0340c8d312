// The one writer of output files for every command: refuses to write over an input
// (the scenario or anything it extends) or an existing file without --force, and
// writes atomically (a temporary file in the same folder, then rename) so a reader
// never sees half a report. Each refusal is a diagnostic (exit 2).
import { existsSync, linkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';

export interface OutputTarget {
  /** As the user wrote it (for messages). */
  name: string;
  /** Absolute path. */
  abs: string;
}

const refuse = (code: string, message: string, hint: string): Diagnostic => ({
  severity: 'error',
  category: 'input',
  code,
  message,
  hint,
});

/** The real path of `p`, following symlinks where the file (or its folder) exists. */
function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    /* not there yet */
  }
  try {
    return join(realpathSync(dirname(p)), basename(p));
  } catch {
    return p;
  }
}

/**
 * Checks that `name` may be written: not one of `inputs` (resolved against `cwd`,
 * symlinks followed), not a directory, its folder exists, and not an existing file
 * unless `force`. Returns the target or the diagnostic that refuses it.
 */
export function checkOutput(
  name: string,
  cwd: string,
  inputs: string[],
  force: boolean,
): { target?: OutputTarget; diag?: Diagnostic } {
  const abs = resolve(cwd, name);
  const r = real(abs);
  for (const input of inputs) {
    if (real(resolve(cwd, input)) === r)
      return { diag: refuse('output-is-input', M.outputIsInput(name, input), M.outputIsInputHint) };
  }
  let st;
  try {
    st = statSync(abs);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) return { diag: refuse('output-is-directory', M.outputIsDirectory(name), M.outputIsDirectoryHint) };
  if (!existsSync(dirname(abs)) || !statSync(dirname(abs)).isDirectory())
    return { diag: refuse('output-folder-missing', M.outputFolderMissing(name), M.outputFolderMissingHint) };
  if (st && !force) return { diag: refuse('output-exists', M.outputExists(name), M.outputExistsHint) };
  return { target: { name, abs } };
}

/**
 * Writes `data` to the target atomically; returns a diagnostic when the system refuses.
 * Without `replace`, the final step is a link, which fails rather than replace a file
 * that appeared since checkOutput looked.
 */
export function writeAtomic(target: OutputTarget, data: string | Uint8Array, replace: boolean): Diagnostic | undefined {
  const tmp = join(dirname(target.abs), `.${basename(target.abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    if (replace) renameSync(tmp, target.abs);
    else {
      linkSync(tmp, target.abs);
      unlinkSync(tmp);
    }
    return undefined;
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    const code = String((e as NodeJS.ErrnoException).code ?? e);
    if (code === 'EEXIST') return refuse('output-exists', M.outputExists(target.name), M.outputExistsHint);
    return refuse('output-write-failed', M.outputWriteFailed(target.name, code), M.outputWriteFailedHint);
  }
}

/** checkOutput then writeAtomic: the path every command that writes a file takes. */
export function writeOutput(
  name: string,
  cwd: string,
  inputs: string[],
  force: boolean,
  data: string | Uint8Array,
): Diagnostic | undefined {
  const { target, diag } = checkOutput(name, cwd, inputs, force);
  return diag ?? writeAtomic(target!, data, force);
}
