// What a command may touch of the outside world, passed in so tests run commands in process.
import { join } from 'node:path';
import { shippedDir } from '../read/shipped.js';

export interface IO {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Folders `extends:` may also reach, besides each scenario's own tree (`--root DIR`). */
  roots?: string[];
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

export { packageRoot } from '../read/shipped.js';

/** The shipped baseline's path. */
export function baselinePath(): string {
  return join(shippedDir(), 'compact-2026.yaml');
}
