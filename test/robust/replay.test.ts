// The output cache (src/cli/replay.ts): an identical re-run is answered from saved output,
// and no change to anything the command can see is ever answered from it. Each input of
// the key (build, arguments, folder, environment, terminal) and each kind of observed file
// call (a read, a read through a descriptor, an existence test, a real path, a listing) is
// changed in turn; the run after the change must miss and print what an uncached run
// prints. Runs the built command (a source tree under vitest has no build id, so no cache).
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../support/scenario.js';

const root = resolve(import.meta.dirname, '../..');
const base = join(root, 'scenarios', 'compact-2026.yaml');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command; `events` gets what the output cache did (hit, miss, saved, not saved: why). */
function cm(
  args: string[],
  o: { cwd: string; cache: string; env?: Record<string, string | undefined>; input?: string; bin?: string },
): Result & { events: string[] } {
  const log = join(tempDir(), 'replay.log');
  const r = spawnSync(process.execPath, [o.bin ?? join(root, 'bin', 'compact-model.js'), ...args], {
    cwd: o.cwd,
    encoding: 'utf8',
    input: o.input,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      XDG_CACHE_HOME: o.cache,
      COMPACT_MODEL_REPLAY_LOG: log,
      ...o.env,
    },
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  // "changed: ..." lines say which observation failed: for reading a log, not for the tests.
  const events = existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .filter((e) => !e.startsWith('changed: '))
    : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, events };
}

/** The same run with every cache off: what the output must be. */
function uncached(args: string[], o: { cwd: string; env?: Record<string, string | undefined>; bin?: string }): Result {
  const { code, stdout, stderr, events } = cm(args, { ...o, cache: tempDir(), env: { ...o.env, COMPACT_MODEL_NO_CACHE: '1' } });
  expect(events).toEqual([]);
  return { code, stdout, stderr };
}

const outputOf = (r: Result) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

/** Runs twice (saved, then replayed) and checks both against an uncached run. */
function warm(args: string[], o: { cwd: string; cache: string; env?: Record<string, string | undefined>; bin?: string }): Result {
  const want = uncached(args, o);
  const first = cm(args, o);
  expect(first.events, args.join(' ')).toEqual(['miss', 'saved']);
  expect(outputOf(first)).toEqual(want);
  const again = cm(args, o);
  expect(again.events).toEqual(['hit']);
  expect(outputOf(again)).toEqual(want);
  return want;
}

/** After a change: the run misses, and prints what an uncached run prints now. */
function missesAfterChange(
  args: string[],
  o: { cwd: string; cache: string; env?: Record<string, string | undefined>; bin?: string },
): Result {
  const want = uncached(args, o);
  const r = cm(args, o);
  expect(r.events[0]).toBe('miss');
  expect(outputOf(r)).toEqual(want);
  return want;
}

describe('output cache: an identical re-run is replayed byte for byte', () => {
  it('run in every format, estimate, explain, compare and schema; exit codes 0 and 2 too', () => {
    const dir = writeFiles({ 'bad.yaml': `extends: ${base}\nname: bad\nhorizon: { start: FY2027, years: -3 }\n` });
    const cache = tempDir();
    for (const args of [
      ['run', base],
      ['run', base, '--format', 'json'],
      ['run', base, '--format', 'markdown', '--basis', 'federal'],
      ['run', base, '--format', 'csv'],
      ['estimate', base],
      ['explain', base, 'headlineMobilization'],
      ['compare', base, join(root, 'scenarios', 'stress.yaml')],
      ['schema'],
    ])
      expect(warm(args, { cwd: dir, cache }).code).toBe(0);
    const bad = warm(['run', 'bad.yaml'], { cwd: dir, cache });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:3:');
  });
});

describe('output cache: a replay into a closed pipe', () => {
  it('ends quietly with the saved exit code, as the CLI does (`| head`)', () => {
    const cache = tempDir();
    const log = join(tempDir(), 'replay.log');
    const sh = () =>
      spawnSync(
        'sh',
        ['-c', `"${process.execPath}" "${join(root, 'bin', 'compact-model.js')}" schema | head -c 10; echo " $?"`],
        {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cache, COMPACT_MODEL_REPLAY_LOG: log },
        },
      );
    const first = sh();
    const again = sh();
    expect(readFileSync(log, 'utf8').trim().split('\n').slice(-1)).toEqual(['hit']);
    for (const r of [first, again]) {
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('{\n  "$sche 0\n');
    }
  });
});

describe('output cache: a change to anything the command can see is never answered from it', () => {
  it('the scenario edited in place (same size, same modification time)', () => {
    const dir = writeFiles({ 's.yaml': `extends: ${base}\nname: plan A\n` });
    const cache = tempDir();
    warm(['run', 's.yaml'], { cwd: dir, cache });
    const f = join(dir, 's.yaml');
    const { mtime } = statSync(f);
    writeFileSync(f, `extends: ${base}\nname: plan B\n`);
    utimesSync(f, mtime, mtime);
    const after = missesAfterChange(['run', 's.yaml'], { cwd: dir, cache });
    expect(after.stdout).toContain('plan B');
  });

  it('the file it extends, and a local copy of a cited source', () => {
    const dir = writeFiles({
      'parent.yaml': `extends: ${base}\nname: parent\n`,
      's.yaml': `extends: parent.yaml\nname: child\nsources:\n  - id: compact\n    title: The text\n    file: text.txt\n`,
      // The baseline cites lines up to about 880 of its source: every one exists here.
      'text.txt': Array.from({ length: 999 }, (_, i) => `line number ${i + 1}\n`).join(''),
    });
    const cache = tempDir();
    warm(['run', 's.yaml', '--format', 'json'], { cwd: dir, cache });
    appendFileSync(join(dir, 'parent.yaml'), 'description: changed\n');
    missesAfterChange(['run', 's.yaml', '--format', 'json'], { cwd: dir, cache });
    const ex = warm(['explain', 's.yaml', 'publicCommitment.US'], { cwd: dir, cache });
    expect(ex.stdout).toContain('l.579: line number 579');
    const text = readFileSync(join(dir, 'text.txt'), 'utf8');
    writeFileSync(join(dir, 'text.txt'), text.replace('line number 579\n', 'line changed 579\n'));
    expect(missesAfterChange(['explain', 's.yaml', 'publicCommitment.US'], { cwd: dir, cache }).stdout).toContain(
      'l.579: line changed 579',
    );
  });

  it('a file appearing where the command only tested for one (extends falling back to the shipped file)', () => {
    const dir = writeFiles({ 's.yaml': 'extends: compact-2026.yaml\nname: local or shipped\n' });
    const cache = tempDir();
    const before = warm(['run', 's.yaml', '--format', 'json'], { cwd: dir, cache });
    // Now a local compact-2026.yaml exists, with another name: it is the one extended.
    writeFileSync(join(dir, 'compact-2026.yaml'), `extends: ${base}\nname: the local parent\n`);
    const after = missesAfterChange(['run', 's.yaml', '--format', 'json'], { cwd: dir, cache });
    expect(after.stdout).not.toEqual(before.stdout);
  });

  it('the scenario replaced by a link to the same bytes elsewhere (its real path changes)', () => {
    const dir = writeFiles({ 's.yaml': `extends: ${base}\nname: linked\n` });
    const other = writeFiles({ 'real.yaml': readFileSync(join(dir, 's.yaml'), 'utf8') });
    const cache = tempDir();
    warm(['run', 's.yaml'], { cwd: dir, cache });
    rmSync(join(dir, 's.yaml'));
    symlinkSync(join(other, 'real.yaml'), join(dir, 's.yaml'));
    missesAfterChange(['run', 's.yaml'], { cwd: dir, cache });
  });

  it('the arguments, the working folder, the environment, the terminal width', () => {
    const a = writeFiles({ 's.yaml': `extends: ${base}\nname: folder A\n` });
    const b = writeFiles({ 's.yaml': `extends: ${base}\nname: folder B\n` });
    const cache = tempDir();
    warm(['run', 's.yaml', '--width', '100'], { cwd: a, cache });
    missesAfterChange(['run', 's.yaml', '--width', '90'], { cwd: a, cache });
    const other = missesAfterChange(['run', 's.yaml', '--width', '100'], { cwd: b, cache });
    expect(other.stdout).toContain('folder B');
    missesAfterChange(['run', 's.yaml', '--width', '100'], { cwd: a, cache, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    missesAfterChange(['run', 's.yaml', '--width', '100'], { cwd: a, cache, env: { COLUMNS: '80' } });
  });

  it('another build of the command', () => {
    const copy = tempDir();
    for (const p of ['bin', 'dist', 'scenarios', 'package.json']) cpSync(join(root, p), join(copy, p), { recursive: true });
    const bin = join(copy, 'bin', 'compact-model.js');
    const cache = tempDir();
    warm(['run'], { cwd: copy, cache, bin });
    appendFileSync(join(copy, 'dist', 'cli-app.cjs'), '\n// another build\n');
    missesAfterChange(['run'], { cwd: copy, cache, bin });
  });

  it('a spoiled entry is ignored', () => {
    const dir = writeFiles({ 's.yaml': `extends: ${base}\nname: spoiled\n` });
    const cache = tempDir();
    warm(['run', 's.yaml'], { cwd: dir, cache });
    const out = join(cache, 'compact-model', 'out');
    for (const f of readdirSync(out)) {
      const text = readFileSync(join(out, f), 'utf8');
      // The saved exit code altered, its checksum left: refused as a whole.
      expect(text).toContain('"code":0');
      writeFileSync(join(out, f), text.replace('"code":0', '"code":1'));
    }
    missesAfterChange(['run', 's.yaml'], { cwd: dir, cache });
  });
});

describe('output cache: runs that are never saved', () => {
  it('a run that writes a file, reads standard input, or is turned off', () => {
    const dir = writeFiles({ 's.yaml': `extends: ${base}\nname: s\n` });
    const cache = tempDir();
    const wrote = cm(['run', 's.yaml', '--format', 'json', '-o', 'out.json'], { cwd: dir, cache });
    expect(wrote.code).toBe(0);
    expect(wrote.events[0]).toBe('miss');
    expect(wrote.events[1]).toMatch(/^not saved: (uses fs\.\w+|opens a file to write)$/);
    const text = readFileSync(join(dir, 's.yaml'), 'utf8');
    const piped = cm(['run', '-'], { cwd: dir, cache, input: text });
    expect(piped.code).toBe(0);
    expect(piped.events).toEqual(['miss', 'not saved: reads standard input']);
    expect(cm(['run', '-'], { cwd: dir, cache, input: text }).events).toEqual(['miss', 'not saved: reads standard input']);
    const off = join(tempDir(), 'off');
    mkdirSync(off);
    expect(cm(['run', 's.yaml'], { cwd: dir, cache: off, env: { COMPACT_MODEL_NO_CACHE: '1' } }).events).toEqual([]);
    expect(readdirSync(off)).toEqual([]);
  });

  it('a command not on the list (simulate) is not even looked up', () => {
    const dir = writeFiles({});
    const r = cm(['simulate', base, '--trials', '200', '--format', 'json'], { cwd: dir, cache: tempDir() });
    expect(r.code).toBe(0);
    expect(r.events).toEqual([]);
  });
});
