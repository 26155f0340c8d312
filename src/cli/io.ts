// What a command may touch of the outside world, passed in so tests run commands in process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../read/shipped.js';

export interface IO {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width when stdout is one. */
  columns?: number;
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
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
}

export { packageRoot } from '../read/shipped.js';

/**
 * The scenario commands use when none is named: the one setting `defaultScenario` under
 * "compact-model" in package.json (the shipped plan lives in scenarios/, never in src/).
 */
export function baselinePath(): string {
  const root = packageRoot();
  const pj = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { 'compact-model'?: { defaultScenario?: string } };
  return join(root, pj['compact-model']?.defaultScenario ?? 'scenarios/default.yaml');
}
