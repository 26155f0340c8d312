// What a command may touch of the outside world, passed in so tests run commands in process.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface IO {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export function processIO(): IO {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** The installed package's root (works from src/ under tests and from dist/ when bundled). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'compact-model') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('compact-model: cannot find the package root');
    dir = up;
  }
}

export function baselinePath(): string {
  return join(packageRoot(), 'scenarios', 'compact-2026.yaml');
}
