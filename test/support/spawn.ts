// Runs the built command in a child process with a plain environment (no colour, the
// caller's PATH and HOME plus `env`), for tests of what lives between runs: caches, memos.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'compact-model.js');

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

export function spawnCli(args: string[], cwd: string, env: Record<string, string> = {}): Spawned {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    // A hang (a FIFO opened blocking) ends here rather than stalling the whole run.
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}
