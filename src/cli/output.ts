// The one writer of output files for every command: refuses to write over an input
// (the scenario or anything it extends) or an existing file without --force, and
// writes atomically (a temporary file in the same folder, then rename) so a reader
// never sees half a report. Only a regular file is ever replaced: `-` (standard output),
// a terminal, a character device (/dev/null) or a FIFO is written in place, never
// renamed over; anything else is refused. Each refusal is a diagnostic (exit 2).
// Temporary files are removed when the process ends, a signal included.
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { realish } from '../read/realpath.js';

export interface OutputTarget {
  /** As the user wrote it (for messages). */
  name: string;
  /** Absolute path (`-` for standard output). */
  abs: string;
  /**
   * `file`: a regular file, written atomically; `stream`: a character device or FIFO,
   * written in place; `stdout`: standard output (`-`).
   */
  kind?: 'file' | 'stream' | 'stdout';
}

/** Temporary files being written, removed if the process ends before they are renamed. */
const temps = new Set<string>();

/** Registers a temporary file as in flight (removed by removeTempFiles until it is released). */
export function trackTemp(path: string): void {
  temps.add(path);
  if (cleanupInstalled) listen(true);
}

/** The temporary file is renamed or removed: nothing left to clean. */
export function releaseTemp(path: string): void {
  temps.delete(path);
  if (temps.size === 0) listen(false);
}

/** Removes every temporary file still in flight (on exit, or on a signal). */
export function removeTempFiles(): void {
  for (const t of temps) {
    try {
      unlinkSync(t);
    } catch {
      /* already gone */
    }
    temps.delete(t);
  }
  listen(false);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let cleanupInstalled = false;
let listening = false;

/** On a signal while a temporary file is in flight: remove it, then end by that signal. */
function onSignal(sig: NodeJS.Signals): void {
  removeTempFiles();
  process.kill(process.pid, sig);
}

/**
 * Signal listeners exist only while a temporary file is in flight. A listener runs on the
 * main thread's event loop, which a long computation keeps busy: with one installed, the
 * signal would wait for the computation to end (minutes). Without one, the signal's
 * default action ends the process at once, workers included, and the exit status says
 * which signal (130 for SIGINT, 143 for SIGTERM in a shell); there is nothing to clean.
 */
function listen(on: boolean): void {
  if (on === listening) return;
  listening = on;
  for (const sig of SIGNALS) {
    if (on) process.on(sig, onSignal);
    else process.off(sig, onSignal);
  }
}

/**
 * Removes temporary files when the process exits or is stopped by SIGINT, SIGTERM or
 * SIGHUP, then lets the signal take its usual effect (the exit status says which). For
 * the process entry point only; in-process tests leave the handlers alone.
 */
export function installTempCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', removeTempFiles);
  if (temps.size > 0) listen(true);
}

const refuse = (code: string, message: string, hint: string): Diagnostic => ({
  severity: 'error',
  category: 'input',
  code,
  message,
  hint,
});

/** The nearest existing folder above `abs`, and whether that path is a folder at all. */
function nearestExisting(abs: string): { path: string; isDir: boolean } {
  for (let d = dirname(abs); ; d = dirname(d)) {
    if (existsSync(d)) return { path: d, isDir: statSync(d).isDirectory() };
    if (dirname(d) === d) return { path: d, isDir: true };
  }
}

function tryStat(f: (p: string) => Stats, p: string): Stats | undefined {
  try {
    return f(p);
  } catch {
    return undefined;
  }
}

/**
 * Checks that `name` may be written: not one of `inputs` (resolved against `cwd`,
 * symlinks followed), not a directory, its folder exists, and not an existing file
 * unless `force` (which only ever replaces a regular file). `-`, terminals, character
 * devices and FIFOs are streams, written in place. Returns the target or the refusal.
 */
export function checkOutput(
  name: string,
  cwd: string,
  inputs: string[],
  force: boolean,
): { target?: OutputTarget; diag?: Diagnostic } {
  const abs = resolve(cwd, name);
  // Standard output, also by its /dev name (which may lead to a regular file: `> out.txt`).
  if (name === '-' || abs === '/dev/stdout') return { target: { name, abs: '-', kind: 'stdout' } };
  const r = realish(abs);
  for (const input of inputs) {
    if (realish(resolve(cwd, input)) === r)
      return { diag: refuse('output-is-input', M.outputIsInput(name, input), M.outputIsInputHint) };
  }
  const st = tryStat(statSync, abs); // the file a symlink leads to
  const link = tryStat(lstatSync, abs)?.isSymbolicLink() ?? false;
  if (st?.isDirectory()) return { diag: refuse('output-is-directory', M.outputIsDirectory(name), M.outputIsDirectoryHint) };
  // /dev/null, /dev/stdout, a terminal, a FIFO: written in place, so nothing is replaced.
  if (st && (st.isCharacterDevice() || st.isFIFO())) return { target: { name, abs, kind: 'stream' } };
  if (st && !st.isFile()) return { diag: refuse('output-not-regular', M.outputNotRegular(name), M.outputNotRegularHint) };
  const folder = nearestExisting(abs);
  if (folder.path !== dirname(abs) || !folder.isDir)
    return {
      diag: folder.isDir
        ? refuse('output-folder-missing', M.outputFolderMissing(name), M.outputFolderMissingHint)
        : refuse('output-folder-missing', M.outputParentNotFolder(name, shown(cwd, folder.path)), M.outputParentNotFolderHint),
    };
  if (st && !force) return { diag: refuse('output-exists', M.outputExists(name), M.outputExistsHint) };
  // Renaming over a symlink would replace the link, not the file it leads to.
  if (link) return { diag: refuse('output-exists', M.outputSymlink(name), M.outputSymlinkHint) };
  return { target: { name, abs, kind: 'file' } };
}

function shown(cwd: string, p: string): string {
  const r = relative(cwd, p);
  return r === '' || r.startsWith('..') ? p : r;
}

/** Writes all of `data` to `fd`, waiting while a non-blocking pipe is full. */
function writeAll(fd: number, data: string | Uint8Array): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A reader that stops early (`| head`) made its choice; the rest is not wanted.
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** Writes to standard output or into a device or FIFO, in place (never renamed over). */
function writeStream(target: OutputTarget, data: string | Uint8Array): Diagnostic | undefined {
  if (target.kind === 'stdout') {
    writeAll(1, data);
    return undefined;
  }
  let fd: number;
  try {
    // Non-blocking, so a FIFO with no reader is an error now rather than a hang.
    fd = openSync(target.abs, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = String((e as NodeJS.ErrnoException).code ?? e);
    if (code === 'ENXIO') return refuse('output-write-failed', M.outputNoReader(target.name), M.outputNoReaderHint);
    return refuse('output-write-failed', M.outputWriteFailed(target.name, code), M.outputWriteFailedHint);
  }
  try {
    const st = fstatSync(fd);
    // Replaced by something else since it was checked: write nothing in place of a file.
    if (!st.isCharacterDevice() && !st.isFIFO())
      return refuse('output-not-regular', M.outputNotRegular(target.name), M.outputNotRegularHint);
    writeAll(fd, data);
    return undefined;
  } catch (e) {
    const code = String((e as NodeJS.ErrnoException).code ?? e);
    return refuse('output-write-failed', M.outputWriteFailed(target.name, code), M.outputWriteFailedHint);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `data` to the target: streams in place; a file atomically. Returns a diagnostic
 * when the system refuses. Without `replace`, the final step is a link, which fails rather
 * than replace a file that appeared since checkOutput looked; with it, the rename only
 * ever replaces a regular file.
 */
export function writeAtomic(target: OutputTarget, data: string | Uint8Array, replace: boolean): Diagnostic | undefined {
  if (target.kind === 'stream' || target.kind === 'stdout') return writeStream(target, data);
  const tmp = join(dirname(target.abs), `.${basename(target.abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  trackTemp(tmp);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    if (replace) {
      const now = tryStat(lstatSync, target.abs);
      if (now && !now.isFile()) {
        unlinkSync(tmp);
        releaseTemp(tmp);
        return refuse('output-not-regular', M.outputNotRegular(target.name), M.outputNotRegularHint);
      }
      renameSync(tmp, target.abs);
    } else {
      linkSync(tmp, target.abs);
      unlinkSync(tmp);
    }
    releaseTemp(tmp);
    return undefined;
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    releaseTemp(tmp);
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
