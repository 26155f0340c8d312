// A FileSource that reads files as they were at a git revision (`diff --against REV`),
// so the old version goes through the Loader's usual checks and cache.
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { runGit, workTreeRoot } from '../core/git.js';
import { M } from '../core/messages.js';
import { MAX_FILE_BYTES, type FileSource } from './load.js';
import { realish } from './realpath.js';

/** A revision is passed to git as one argument, never through a shell; one that looks like an option is refused. */
export function badRevision(rev: string): boolean {
  return rev === '' || rev.startsWith('-') || /[\s\0]/.test(rev);
}

export function gitSource(rev: string): FileSource {
  return {
    id: `git:${rev}`,
    name: (display) => `${rev}:${display}`,
    read(abs, name) {
      // git runs from the work tree's root, never from the file's folder (core/git.ts).
      const at = repoPath(abs);
      if (!at)
        return { code: 'git-read-failed', message: M.gitReadFailed(name, M.gitNoRepository), hint: M.gitReadFailedHint(rev) };
      try {
        // cat-file (the plumbing under `git show REV:path`) refuses folders and applies no filters.
        const buf = runGit(at.root, ['cat-file', 'blob', `${rev}:${at.rel}`], { maxBuffer: MAX_FILE_BYTES + 1 });
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
  const at = repoPath(abs);
  if (!at) return { kind: 'unknown' };
  const { root: top, rel } = at;
  const git = (args: string[]) => runGit(top, args).toString('utf8');
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    return { kind: 'unknown' };
  }
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

/**
 * The work tree holding `abs` (the nearest existing folder above it with a `.git` entry)
 * and the file's path in it, with `/` separators; undefined outside any work tree.
 */
function repoPath(abs: string): { root: string; rel: string } | undefined {
  let dir = dirname(abs);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const root = workTreeRoot(dir);
  if (!root) return undefined;
  // The file as seen from the real root: its folder's real path, its own name kept (a
  // symlinked file is read from the revision under its own name).
  const real = join(realish(dirname(abs)), basename(abs));
  const rel = relative(root, real).split(sep).join('/');
  return rel === '' || rel.startsWith('../') || rel === '..' || isAbsolute(rel) ? undefined : { root, rel };
}
