// A FileSource that reads files as they were at a git revision (`diff --against REV`),
// so the old version goes through the Loader's usual checks and cache.
import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';
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
