// The one way an input file is read: a scenario named on the command line or reached through
// `extends`, a document a scenario cites (`sources[].file`), a file the pull-request review
// looks at. The path comes from a user or from a pull request, so it is untrusted: only a
// regular file is read (never a device, a FIFO or a socket, never opened blocking), at most
// `cap` bytes of it whatever size it claims, never anything inside a `.git` folder, and a
// symbolic link only when its real path stays inside the tree the name is in (its git work
// tree) or a folder the caller allows. What a refused file holds is never returned.
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/** Scenario files are small; anything bigger is refused before the YAML parser sees it. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Why a file was not read. */
export type Refusal = 'missing' | 'unreadable' | 'directory' | 'not-a-file' | 'too-large' | 'outside-tree' | 'in-git-dir';

export type InputRead =
  | { ok: true; buf: Buffer; real: string }
  | {
      ok: false;
      why: Refusal;
      /** the errno code, for `unreadable` */ code?: string;
      /** the size claimed, for `too-large` */ size?: number;
    };

export interface InputReadOptions {
  /** Bytes read at most; a file claiming or holding more is refused. */
  cap: number;
  /** Real folders a file may also resolve into, besides the tree its name is in. */
  roots?: readonly string[];
  /** Only `roots` count, not the tree the name is in (a cited document must be in its scenario's tree). */
  onlyRoots?: boolean;
  /**
   * The trees already found, by folder, for one command's reads: a `check` of a thousand
   * files in one folder looks for `.git` up the path once, not once a file (no cache
   * outlives the caller's map, so a tree made between two commands is seen).
   */
  trees?: Map<string, string>;
}

/** Whether `p` is `root` or inside it (both absolute, real). */
export function isInside(p: string, root: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** A path with a `.git` component: git's own files (config, hooks, credentials) are never input. */
export function inGitDir(p: string): boolean {
  return p.split(sep).includes('.git');
}

/**
 * The tree a name is in, as a real path: the nearest folder above it, going up the path as
 * written (not through the links it holds), with a `.git` entry; else its folder.
 */
export function treeOfName(abs: string, trees?: Map<string, string>): string {
  const dir = dirname(abs);
  const known = trees?.get(dir);
  if (known !== undefined) return known;
  const tree = findTree(abs);
  trees?.set(dir, tree);
  return tree;
}

function findTree(abs: string): string {
  for (let d = dirname(abs); ;) {
    if (existsSync(join(d, '.git'))) return realOr(d);
    const up = dirname(d);
    if (up === d) return realOr(dirname(abs));
    d = up;
  }
}

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Reads the input file `abs` (absolute) under the rules above. */
export function readInputFile(abs: string, opts: InputReadOptions): InputRead {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { ok: false, why: 'missing' } : { ok: false, why: 'unreadable', code };
  }
  if (inGitDir(real) || inGitDir(abs)) return { ok: false, why: 'in-git-dir' };
  const allowed = [...(opts.onlyRoots ? [] : [treeOfName(abs, opts.trees)]), ...(opts.roots ?? [])];
  if (!allowed.some((r) => isInside(real, r))) return { ok: false, why: 'outside-tree' };
  let size: number;
  try {
    const st = statSync(real);
    if (st.isDirectory()) return { ok: false, why: 'directory' };
    // A FIFO blocks on open until a writer comes, a device never ends or has effects on open.
    if (!st.isFile()) return { ok: false, why: 'not-a-file' };
    size = st.size;
  } catch (e) {
    return { ok: false, why: 'unreadable', code: (e as NodeJS.ErrnoException).code };
  }
  // Checked before reading, so a huge file is never loaded into memory.
  if (size > opts.cap) return { ok: false, why: 'too-large', size };
  let fd: number;
  try {
    // The real path, not followed again (it may have been swapped for a link since), non-blocking.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    return { ok: false, why: 'unreadable', code: (e as NodeJS.ErrnoException).code };
  }
  try {
    // Checked again once open: the path may have become a FIFO or a device since.
    if (!fstatSync(fd).isFile()) return { ok: false, why: 'not-a-file' };
    // A size is only a claim (/proc files say 0 and hold gigabytes): stop one byte past the cap.
    const buf = readAtMost(fd, opts.cap + 1);
    return buf.length > opts.cap ? { ok: false, why: 'too-large', size: buf.length } : { ok: true, buf, real };
  } catch (e) {
    return { ok: false, why: 'unreadable', code: (e as NodeJS.ErrnoException).code };
  } finally {
    closeSync(fd);
  }
}

/** Reads up to `limit` bytes from an open file, whatever size it claims, in 64 KiB reads. */
export function readAtMost(fd: number, limit: number): Buffer {
  const CHUNK = 64 * 1024; // a multiple of 8, as /proc/self/pagemap wants its reads
  // Grown as the file turns out longer: a scenario is a few kilobytes, and zeroing a buffer
  // of the whole limit (1 MiB) for each file was most of reading a thousand of them.
  let buf = Buffer.allocUnsafe(CHUNK);
  let n = 0;
  while (n < limit) {
    if (n + CHUNK > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit + CHUNK));
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    let got: number;
    try {
      got = readSync(fd, buf, n, CHUNK, null);
    } catch (e) {
      // Standard input may be non-blocking (a terminal, some pipes): wait and retry.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      continue;
    }
    if (got === 0) break;
    n += got;
  }
  return buf.subarray(0, Math.min(n, limit));
}
