// The caches of the built command (docs/maintainers/performance.md): the V8 code cache,
// parsed trees, validated scenarios, check's saved results, and check's worker threads. Each is an optimization
// only: output bytes and exit codes are the same with the cache empty, warm, corrupt,
// unwritable or turned off, and a changed file is never answered from a cache. Runs the
// built bin/compact-model.js in child processes (caches are keyed by the build; a source
// tree under vitest has none), so `npm test` builds first.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../support/scenario.js';
import { ROOT, spawnCli } from '../support/spawn.js';

const root = ROOT;
const base = join(root, 'scenarios', 'compact-2026.yaml');

const cm = spawnCli;

/** Every file under dir (relative paths). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

describe('run: the same bytes whatever the caches hold', () => {
  it('empty, warm, corrupt, unwritable, off', () => {
    const dir = writeFiles({ 's.yaml': `extends: ${base}\nname: s\n` });
    const cache = tempDir();
    const env = { XDG_CACHE_HOME: cache };
    const off = cm(['run', 's.yaml', '--width', '100'], dir, { ...env, COMPACT_MODEL_NO_CACHE: '1' });
    expect(off.code).toBe(0);
    expect(filesUnder(cache)).toEqual([]); // turned off: nothing written
    const first = cm(['run', 's.yaml', '--width', '100'], dir, env);
    expect(first).toEqual(off);
    const written = filesUnder(cache);
    // the two parsed files (s.yaml and the baseline), each noted for parsing by pieces once
    // edited; the code cache is the one shipped in dist/
    expect(written.filter((f) => /code-[0-9a-f]+\.bin$/.test(f))).toHaveLength(0);
    expect(written.filter((f) => /trees\/[0-9a-f]+\.json$/.test(f))).toHaveLength(2);
    expect(written.filter((f) => /trees\/pieces-[0-9a-f]+\.json$/.test(f))).toHaveLength(2);
    // the validated scenario's parts, and the tables drawn
    expect(written.filter((f) => /inputs\/[0-9a-f]+\.json$/.test(f))).toHaveLength(1);
    expect(written.filter((f) => /tables\/[0-9a-f]+\.json$/.test(f))).toHaveLength(1);
    // the run saved by all but its name (cli/run-memo.ts)
    expect(written.filter((f) => /runs\/[0-9a-f]+\.json$/.test(f))).toHaveLength(1);
    expect(cm(['run', 's.yaml', '--width', '100'], dir, env)).toEqual(off);
    // Corrupt every entry: each is ignored (and rewritten), never an error.
    for (const f of written) writeFileSync(join(cache, f), '{"kind":"map","entries":[{"key": 1}]}\u0000garbage');
    expect(cm(['run', 's.yaml', '--width', '100'], dir, env)).toEqual(off);
    // A cache folder that cannot be made (a file where the folder would be).
    const blocked = join(tempDir(), 'file');
    writeFileSync(blocked, 'not a folder');
    expect(cm(['run', 's.yaml', '--width', '100'], dir, { XDG_CACHE_HOME: blocked })).toEqual(off);
  });

  it('a changed file is read again, not answered from the parsed-tree cache', () => {
    const dir = writeFiles({ 's.yaml': `extends: ${base}\nname: s\n` });
    const env = { XDG_CACHE_HOME: tempDir() };
    const before = cm(['run', 's.yaml', '--format', 'json'], dir, env);
    appendFileSync(join(dir, 's.yaml'), 'mechanisms:\n  - id: F-2\n    appropriations:\n      US: { amount: 300M, per: year }\n');
    const after = cm(['run', 's.yaml', '--format', 'json'], dir, env);
    const cost = (r: { stdout: string }) => JSON.parse(r.stdout).metrics.budgetCost.US as string;
    // F-2's U.S. share 250M -> 300M a year: 50M x 10 years = 500M more, 4,382.5 + 500 = 4,882.5 (as published)
    expect([cost(before), cost(after)]).toEqual(['4382.5', '4882.5']);
    expect(after).toEqual(cm(['run', 's.yaml', '--format', 'json'], dir, { ...env, COMPACT_MODEL_NO_CACHE: '1' }));
  });
});

describe('check: saved results and worker threads change nothing but the time', () => {
  it('a saved result is replayed byte for byte, and dropped when a file of its chain changes', () => {
    const dir = writeFiles({
      'base.yaml': `extends: ${base}\nname: base\n`,
      'a.yaml': 'extends: base.yaml\nname: a\n',
      'bad.yaml': 'extends: base.yaml\nname: bad\nmechanisms: [\n',
    });
    const env = { XDG_CACHE_HOME: tempDir() };
    const files = ['a.yaml', 'bad.yaml'];
    const off = cm(['check', ...files], dir, { ...env, COMPACT_MODEL_NO_CACHE: '1' });
    expect(off.code).toBe(2); // bad.yaml does not parse
    expect(cm(['check', ...files], dir, env)).toEqual(off); // saves a.yaml's result
    expect(filesUnder(env.XDG_CACHE_HOME).some((f) => /check-[0-9a-f]+\.json$/.test(f))).toBe(true);
    expect(cm(['check', ...files], dir, env)).toEqual(off); // replays it
    // base.yaml, which a.yaml extends, now declares a total that does not match: exit 1, not a stale 0.
    appendFileSync(
      join(dir, 'base.yaml'),
      'totals:\n  - { id: t, metric: budgetCost.total, value: 1M, source: "assumption: a test" }\n',
    );
    const changed = cm(['check', 'a.yaml'], dir, env);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/total-mismatch/);
    expect(changed).toEqual(cm(['check', 'a.yaml'], dir, { ...env, COMPACT_MODEL_NO_CACHE: '1' }));
  });

  it('with caches on, a FIFO or a device named as a scenario is refused, never opened blocking', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const env = { XDG_CACHE_HOME: tempDir() };
    const r = cm(['check', 'fifo.yaml', 'zero.yaml', '--workers', '0'], dir, env);
    expect(r.signal).toBeNull(); // not killed at the time limit: it did not hang
    expect(r.code).toBe(2);
    // The link leads out of the folder: refused before the device is looked at (issue 27).
    expect(r.stderr.match(/error (not-a-file|outside-tree)/g)).toEqual(['error not-a-file', 'error outside-tree']);
  });

  it('--workers 0, 1 and 3 print the same bytes over 240 files of every outcome', () => {
    // Four kinds of file, 60 each: ok, a misspelt key (exit 2), a declared total that does
    // not match (exit 1), a YAML syntax error (exit 2); excerpts quote each broken line.
    const texts: Record<string, string> = {};
    for (let i = 0; i < 240; i++) {
      const kind = i % 4;
      texts[`v-${String(i).padStart(3, '0')}.yaml`] =
        kind === 0
          ? `extends: ${base}\nname: v${i}\nmechanisms:\n  - id: F-2\n    appropriations:\n      US: { amount: ${100 + i}M, per: year }\n`
          : kind === 1
            ? `extends: ${base}\nname: v${i}\nmechanisms:\n  - id: F-2\n    apropriations:\n      US: { amount: 5M, per: year }\n`
            : kind === 2
              ? `extends: ${base}\nname: v${i}\ntotals:\n  - { id: t, metric: budgetCost.total, value: ${i}M, source: "assumption: a test" }\n`
              : `name: v${i}\nmechanisms: [\n`;
    }
    const dir = writeFiles(texts);
    const files = Object.keys(texts);
    const env = { COMPACT_MODEL_NO_CACHE: '1' };
    const one = cm(['check', ...files, '--workers', '0'], dir, env);
    expect(one.code).toBe(2);
    expect(one.stdout).toMatch(/checked 240 files/);
    expect(one.stderr).toContain(' 5 |     apropriations:');
    for (const w of ['1', '3']) expect(cm(['check', ...files, '--workers', w], dir, env)).toEqual(one);
    const json = cm(['check', ...files, '--format', 'json', '--workers', '0'], dir, env);
    expect(cm(['check', ...files, '--format', 'json', '--workers', '1'], dir, env)).toEqual(json);
  });
});

describe('the code cache', () => {
  it('shipped beside the bundle, else made in the cache folder; checksummed and tied to the bundle', () => {
    // A copy of the built package, so its shipped cache can be spoiled without touching dist/.
    const pkg = tempDir();
    for (const f of ['bin', 'dist', 'scenarios', 'package.json']) cpSync(join(root, f), join(pkg, f), { recursive: true });
    const pbin = join(pkg, 'bin', 'compact-model.js');
    const shipped = join(pkg, 'dist', 'cli-app.v8cache');
    const run = (cache: string) =>
      spawnSync(process.execPath, [pbin, 'run', 'scenarios/compact-2026.yaml', '--width', '100'], {
        cwd: pkg,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', XDG_CACHE_HOME: cache },
      });
    const codeIn = (cache: string) => filesUnder(cache).filter((f) => /code-[0-9a-f]+\.bin$/.test(f));
    expect(existsSync(shipped)).toBe(true);
    const fresh = tempDir();
    const ok = run(fresh);
    expect(ok.status).toBe(0);
    expect(codeIn(fresh)).toEqual([]); // the shipped cache served: none made
    // One byte of the shipped cache changed: its checksum fails, the bundle compiles, and the user's cache is made.
    const bytes = readFileSync(shipped);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(shipped, bytes);
    const spoiled = tempDir();
    expect(run(spoiled)).toMatchObject({ status: 0, stdout: ok.stdout, stderr: ok.stderr });
    expect(codeIn(spoiled)).toHaveLength(1);
    // The user's cache with a byte changed is not used either.
    const user = join(spoiled, codeIn(spoiled)[0]!);
    const ub = readFileSync(user);
    ub[ub.length - 1] = ub[ub.length - 1]! ^ 0xff;
    writeFileSync(user, ub);
    expect(run(spoiled)).toMatchObject({ status: 0, stdout: ok.stdout, stderr: ok.stderr });
    // A shipped cache made for another bundle (its tag differs) is not used.
    const other = Buffer.concat([Buffer.from('0'.repeat(24), 'latin1'), readFileSync(user)]);
    writeFileSync(shipped, other);
    expect(run(tempDir())).toMatchObject({ status: 0, stdout: ok.stdout, stderr: ok.stderr });
    // A shipped cache V8 rejects though its tag and checksum hold (what another Node makes of
    // it: V8's header names the V8 version it was made by): the bundle compiles, same output,
    // and the user's own cache is made.
    // The shipped file: the bundle's 24-character tag, 32 bytes of SHA-256, then V8's data
    // (from byte 24 + 32 = 56), whose header holds V8's version hash after 4 bytes of magic.
    const pristine = readFileSync(join(root, 'dist', 'cli-app.v8cache'));
    const tag = pristine.subarray(0, 24);
    const data = Buffer.from(pristine.subarray(56));
    data[4] = data[4]! ^ 0xff; // V8's version hash
    writeFileSync(shipped, Buffer.concat([tag, createHash('sha256').update(data).digest(), data]));
    const foreign = tempDir();
    expect(run(foreign)).toMatchObject({ status: 0, stdout: ok.stdout, stderr: ok.stderr });
    expect(codeIn(foreign)).toHaveLength(1);
  });
});
