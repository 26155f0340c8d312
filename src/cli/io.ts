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
  /** The terminal's width when stdout is one. */
  columns?: number;
}

export function processIO(): IO {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
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

/**
 * The scenario commands use when none is named: the one setting `defaultScenario` under
 * "compact-model" in package.json (the shipped plan lives in scenarios/, never in src/).
 */
export function baselinePath(): string {
  const root = packageRoot();
  const pj = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { 'compact-model'?: { defaultScenario?: string } };
  return join(root, pj['compact-model']?.defaultScenario ?? 'scenarios/default.yaml');
}
