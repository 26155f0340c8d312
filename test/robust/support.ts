// Shared helpers for the robustness tests: the repo root, a fresh build of the bin,
// and the checks every run on hostile input must pass.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { BIN, ROOT } from '../support/spawn.js';

export { BIN, ROOT };

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/cli.js when it is missing or older than src/ (npm test builds first anyway). */
export function ensureBuilt(): void {
  const out = join(ROOT, 'dist', 'cli.cjs');
  if (existsSync(out) && statSync(out).mtimeMs >= newest(join(ROOT, 'src'))) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
}

/** Runs the real bin in a child process with a small heap, so a memory blow-up fails. */
export function runBin(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; heapMb?: number } = {}) {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${opts.heapMb ?? 128}`, BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Nothing a user sees may look like a crash. */
export const STACK_FRAME = /^\s+at .+/m;
export const INTERNAL = /internal error/i;
export const DIAG_LINE = /^\S.*:\d+:\d+: (error|warning) [a-z0-9-]+: /m;
