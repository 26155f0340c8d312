// Where compact-model keeps its caches (V8 code, check results): $XDG_CACHE_HOME/compact-model,
// else ~/.cache/compact-model; none when COMPACT_MODEL_NO_CACHE is set (to anything but 0).
// Every cache is an optimization only: a missing, corrupt, stale or unwritable one is ignored.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.COMPACT_MODEL_NO_CACHE && env.COMPACT_MODEL_NO_CACHE !== '0') return undefined;
  const xdg = env.XDG_CACHE_HOME;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'compact-model');
}

/** The build's identity (a hash of the CLI bundle), set by dist/cli.js; undefined when running from sources. */
export function buildId(): string | undefined {
  const id = (globalThis as { __compactModelBuild?: unknown }).__compactModelBuild;
  return typeof id === 'string' ? id : undefined;
}
