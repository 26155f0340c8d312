// Where compact-model keeps its caches (V8 code, check results): $XDG_CACHE_HOME/compact-model,
// else ~/.cache/compact-model; none when COMPACT_MODEL_NO_CACHE is set (to anything but 0).
// Every cache is an optimization only: a missing, corrupt, stale or unwritable one is ignored,
// and so is a folder another user owns or may write.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.COMPACT_MODEL_NO_CACHE && env.COMPACT_MODEL_NO_CACHE !== '0') return undefined;
  const xdg = env.XDG_CACHE_HOME;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  const dir = join(xdg && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'compact-model');
  return trusted(dir) ? dir : undefined;
}

/**
 * Whether a cache folder may be used: not there yet (it is made private), or a real folder
 * (not a link) of the current user that no group or other user may write. A cache another
 * user can write could hand a saved check result, a parsed tree or compiled code to us.
 */
function trusted(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory()) return false;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
    return (st.mode & 0o022) === 0;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** The build's identity (a hash of the CLI bundle), set by dist/cli.js; undefined when running from sources. */
export function buildId(): string | undefined {
  const id = (globalThis as { __compactModelBuild?: unknown }).__compactModelBuild;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Writes a cache file whole or not at all: a new temporary file of a random name beside it
 * (created, never an existing file or link followed), then a rename. Folders are made
 * private to the user. Never throws: a cache that cannot be written is only slower.
 */
export function writeCacheFile(file: string, data: string | Uint8Array): boolean {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      /* never made */
    }
    return false;
  }
}

/** Removes the files of `dir` that `drop` selects, each on its own (another process may be at it too). */
export function pruneCacheFiles(dir: string, drop: (name: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const f of names)
    if (drop(f))
      try {
        unlinkSync(join(dir, f));
      } catch {
        /* gone already */
      }
}

/** JSON of a value that reads back as the same values, or undefined when it holds a number JSON does not keep (-0, NaN, infinities). */
export function exactJson(v: unknown): string | undefined {
  let exact = true;
  const json = JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'number' && (!Number.isFinite(x) || Object.is(x, -0))) exact = false;
    return x;
  });
  return exact ? json : undefined;
}

/** writeCacheFile into a folder of at most `max` entries: a full folder is emptied first (its temporary files left to their writers). */
export function writeCappedCacheFile(dir: string, name: string, data: string, max: number): void {
  let count = 0;
  try {
    count = readdirSync(dir).length;
  } catch {
    /* no folder yet */
  }
  if (count >= max) pruneCacheFiles(dir, (f) => !f.endsWith('.tmp'));
  writeCacheFile(join(dir, name), data);
}
