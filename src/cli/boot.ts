// The start of the command (bundled alone as dist/cli.cjs, which bin/ requires, and as the
// module dist/cli.js): loads the CLI bundle
// (dist/cli-app.cjs) with V8's code cache, so a second start skips compiling it.
// Node 22+: module.enableCompileCache. Node 20: vm.Script with cachedData, saved after
// the first run (when the most functions have been compiled), keyed by a hash of the
// bundle, the Node version and the architecture. Caches live under
// $XDG_CACHE_HOME/compact-model (else ~/.cache/compact-model); COMPACT_MODEL_NO_CACHE=1
// turns them off. A cache that is missing, corrupt, stale or unwritable is ignored.
// Imports Node built-ins only: this file runs before anything else.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { cacheDir, pruneCacheFiles, writeCacheFile } from '../core/cache.js';
import { replayed, watchRun } from './replay.js';

const here = dirname(fileURLToPath(import.meta.url));
const app = join(here, 'cli-app.cjs');
const dir = cacheDir();
const req = nodeModule.createRequire(app);
const enableCompileCache = (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;

const source = readFileSync(app, 'utf8');
const bundleHash = createHash('sha256').update(source).digest('hex').slice(0, 24);
// Results computed by this build (check's saved results) are keyed by it.
(globalThis as { __compactModelBuild?: string }).__compactModelBuild = bundleHash;

// An identical earlier run of a command that only reads and prints: its output, at once
// (replay.ts says when that is safe).
if (dir && replayed(dir, bundleHash)) {
  /* answered from the output cache */
} else if (dir && enableCompileCache) {
  try {
    enableCompileCache(join(dir, 'v8'));
  } catch {
    /* no cache: start as usual */
  }
  watchRun(app);
  req(app);
} else {
  let file: string | undefined;
  let cached: Buffer | undefined;
  if (dir) {
    const key = createHash('sha256').update(bundleHash).update(process.version).update(process.arch).digest('hex').slice(0, 24);
    file = join(dir, `code-${key}.bin`);
    cached = readCache(file);
  }
  // Else the code cache the build made beside the bundle (scripts/build.mjs): a first run
  // (a CI job, a fresh install) starts compiled too. Part of the package, so used even with
  // COMPACT_MODEL_NO_CACHE; V8 rejects it under another Node, and the user's is made then.
  cached ??= readCache(join(here, 'cli-app.v8cache'), bundleHash);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  let script: Script;
  try {
    script = new Script(wrapped, { filename: app, cachedData: cached });
  } catch {
    script = new Script(wrapped, { filename: app });
    cached = undefined;
  }
  if (file && (!cached || script.cachedDataRejected)) {
    const target = file;
    // After the command has run, so the functions it compiled are in the cache too.
    process.once('exit', () => writeCache(target, () => script.createCachedData()));
  }
  const mod = { exports: {} };
  watchRun();
  (script.runInThisContext() as (...a: unknown[]) => void)(mod.exports, req, mod, app, here);
}

/**
 * The cached code when its checksum holds (32 bytes of SHA-256, then the data); `bundle`:
 * the file starts with the hash of the bundle it was made from, which must be this one.
 */
function readCache(file: string, bundle?: string): Buffer | undefined {
  try {
    let b = readFileSync(file);
    if (bundle !== undefined) {
      if (b.subarray(0, bundle.length).toString('latin1') !== bundle) return undefined;
      b = b.subarray(bundle.length);
    }
    if (b.length <= 32) return undefined;
    const data = b.subarray(32);
    return createHash('sha256').update(data).digest().equals(b.subarray(0, 32)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache (core/cache.ts writeCacheFile) and drops the caches of other bundles. */
function writeCache(file: string, data: () => Buffer): void {
  let bytes: Buffer;
  try {
    bytes = data();
  } catch {
    return; // nothing to save: the next start compiles
  }
  const d = dirname(file);
  if (writeCacheFile(file, Buffer.concat([createHash('sha256').update(bytes).digest(), bytes])))
    pruneCacheFiles(d, (f) => f.startsWith('code-') && f.endsWith('.bin') && join(d, f) !== file);
}
