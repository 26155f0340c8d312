// A FileSource that reads files as they were at a git revision (`diff --against REV`),
// so the old version goes through the Loader's usual checks and cache.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { M } from '../core/messages.js';
import { MAX_FILE_BYTES, type FileSource } from './load.js';

/** A revision is passed to git as one argument, never through a shell; one that looks like an option is refused. */
export function badRevision(rev: string): boolean {
  return rev === '' || rev.startsWith('-') || /[\s\0]/.test(rev);
}

export function gitSource(rev: string): FileSource {
  return {
    id: `git:${rev}`,
    name: (display) => `${rev}:${display}`,
    read(abs, name) {
      try {
        // `REV:./file` is resolved against the -C folder, so no repository root is needed;
        // cat-file (the plumbing under `git show REV:path`) refuses folders and applies no filters.
        const buf = execFileSync('git', ['-C', dirname(abs), 'cat-file', 'blob', `${rev}:./${basename(abs)}`], {
          maxBuffer: MAX_FILE_BYTES + 1,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        return { buf };
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
        if (err.code === 'ENOENT') return { code: 'git-unavailable', message: M.gitUnavailable, hint: M.gitUnavailableHint };
        if (err.code === 'ENOBUFS')
          return { code: 'too-large', message: M.fileTooLarge(name, MAX_FILE_BYTES + 1, MAX_FILE_BYTES), hint: M.tooLargeHint };
        const said = (err.stderr?.toString('utf8') ?? '').trim().split('\n')[0] ?? '';
        return {
          code: 'git-read-failed',
          message: M.gitReadFailed(name, said.replace(/^fatal: /, '')),
          hint: M.gitReadFailedHint(rev),
        };
      }
    },
  };
}

/** How a working-tree file relates to a revision, for `diff --against`. */
export type Presence =
  { kind: 'both' } | { kind: 'new' } | { kind: 'deleted' } | { kind: 'renamed'; from: string } | { kind: 'unknown' };

/**
 * Whether FILE exists at REV and in the working tree; when only in the tree, whether git's
 * rename detection (`git diff -M REV`) says it was renamed from another path (returned
 * relative to `cwd`). `unknown` when git, the repository or the revision is not there:
 * the caller then reads REV:FILE as before and reports what git says.
 */
export function presenceAt(cwd: string, rev: string, file: string): Presence {
  const abs = resolve(cwd, file);
  let dir = dirname(abs);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const git = (args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'core.quotePath=false', ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    }).toString('utf8');
  let top: string;
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    top = git(['rev-parse', '--show-toplevel']).replace(/\n$/, '');
  } catch {
    return { kind: 'unknown' };
  }
  const rel = relative(top, abs).split(sep).join('/');
  if (rel.startsWith('../') || isAbsolute(rel)) return { kind: 'unknown' };
  let atRev = true;
  try {
    git(['cat-file', '-e', `${rev}:${rel}`]);
  } catch {
    atRev = false;
  }
  const onDisk = existsSync(abs);
  if (atRev === onDisk) return { kind: atRev ? 'both' : 'unknown' };
  if (atRev) return { kind: 'deleted' };
  try {
    // -z: names verbatim (spaces, newlines, non-ASCII); a rename is "R<score>\0old\0new\0".
    const parts = git(['diff', '-z', '--name-status', '-M', rev, '--']).split('\0');
    for (let i = 0; i < parts.length;) {
      const status = parts[i++] ?? '';
      if (status.startsWith('R') || status.startsWith('C')) {
        const [from, to] = [parts[i++]!, parts[i++]!];
        if (status.startsWith('R') && to === rel) return { kind: 'renamed', from: relative(cwd, join(top, from)) };
      } else i++;
    }
  } catch {
    // no rename information: treat it as new
  }
  return { kind: 'new' };
}
