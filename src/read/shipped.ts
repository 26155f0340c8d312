// Where the installed package lives, and the scenarios it ships: reachable from any
// scenario by short name (`extends: compact-2026`), wherever the scenario is.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The installed package's root (works from src/ under tests and from dist/ when bundled). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'compact-model')
      return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('compact-model: cannot find the package root');
    dir = up;
  }
}

/** The folder of the shipped scenarios. */
export function shippedDir(): string {
  return join(packageRoot(), 'scenarios');
}

/** Short names of the shipped scenarios (file names without .yaml), sorted. */
export function shippedNames(): string[] {
  try {
    return readdirSync(shippedDir())
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Whether an `extends:` value is a short name (`compact-2026`) rather than a path: one
 * word of letters, digits, `_` and `-`, with no folder and no extension.
 */
export function isShortName(spec: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(spec);
}
