// Issue 12: safe in CI with untrusted pull requests. Names, paths and values from a pull
// request cannot forge workflow commands or reach the terminal raw; extends stays in the
// scenario's tree; devices, FIFOs and /proc files neither hang nor fill memory; outputs
// never replace a device; temp files do not outlive a signal; bounds are refused up front.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { MAX_EXTENDS_DEPTH } from '../../src/read/load.js';
import { BIN, ensureBuilt, INTERNAL, ROOT, runBin, STACK_FRAME } from './support.js';

/** A minimal valid scenario (US 100M a year over 10 years). */
const MINIMAL = `name: minimal
horizon: { start: FY2027, years: 10 }
governments: [US, IL]
mechanisms:
  - id: G-1
    kind: grant-program
    appropriations:
      US: { amount: 100M, per: year }
`;

/** Raw characters that must never reach a terminal or a CI log. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-untrusted-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fresh(name: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
}

function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

function clean(r: { stderr: string; stdout: string }): void {
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(INTERNAL);
  expect(r.stderr).not.toMatch(RAW);
}

describe('check --format github: no workflow command can be forged (finding 1)', () => {
  it('a file name with newlines and :: commands stays on its line, escaped', async () => {
    const d = fresh('github');
    const evil = 'a\n::error file=README.md,line=1::Injected annotation\n::stop-commands::deadbeef\n.yaml';
    writeFileSync(join(d, evil), MINIMAL);
    writeFileSync(join(d, '::warning::b.yaml'), `${MINIMAL}bogus: 1\n`);
    const r = await cli(['check', evil, '::warning::b.yaml', '--format', 'github'], { cwd: d });
    expect(r.code).toBe(2);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    // Every line is either one of our annotations (each whole, its file property escaped) or plain text.
    for (const l of lines) {
      if (/^\s*::/.test(l)) expect(l).toMatch(/^::(error|warning) file=[^:,\n]*,line=\d+,col=\d+,title=[a-z-]+::/);
      expect(l).not.toMatch(/^\s*##\[/);
    }
    expect(r.stdout).not.toMatch(/^::error file=README\.md/m);
    expect(r.stdout).not.toMatch(/^::stop-commands::/m);
    // The summary names both files, visibly.
    expect(r.stdout).toContain(
      'a\\u{a}::error file=README.md,line=1::Injected annotation\\u{a}::stop-commands::deadbeef\\u{a}.yaml: ok',
    );
    expect(r.stdout).toMatch(/^\\u\{3a\}:warning::b\.yaml: UNUSABLE/m);
  });
});

describe('terminal escapes in diagnostics (finding 4)', () => {
  it('C1 controls and bidi overrides in a value are shown as \\u{...} in the message and the excerpt', async () => {
    const d = fresh('c1');
    writeFileSync(join(d, 's.yaml'), `${MINIMAL}targets:\n  floor: "5M\u009b2J\u009d0;x\u202e"\n`);
    const r = await cli(['run', 's.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    clean(r);
    expect(r.stderr).toContain('5M\\u{9b}2J\\u{9d}0;x\\u{202e}');
    // The caret still sits under the value (col 10), after the escapes widened the line.
    expect(r.stderr).toMatch(/^ {4}\| {10}\^+$/m);
  });

  it('a raw ESC in a comment is not echoed raw by the control-character diagnostic', async () => {
    const d = fresh('esc-comment');
    writeFileSync(join(d, 's.yaml'), `# \u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ \u001b[2J\n${MINIMAL}`);
    const r = await cli(['run', 's.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^s\.yaml:1:3: error control-character: /m);
    clean(r);
    expect(r.stderr).toContain('\\u{1b}[2J');
  });

  it('file names with ESC and bidi characters are shown visibly', async () => {
    const d = fresh('esc-name');
    const r = await cli(['run', 'x\u001b[2J\u202e.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    clean(r);
    expect(r.stderr).toContain('x\\u{1b}[2J\\u{202e}.yaml');
  });
});

describe('extends stays inside the scenario tree (finding 7)', () => {
  it('a file outside is refused at the extends line, and its content is never shown', async () => {
    const d = fresh('outside/proj');
    writeFileSync(join(dir, 'outside', 'secret.yaml'), 'name: top secret value\nmechanisms: 42\n');
    writeFileSync(join(d, 's.yaml'), 'extends: ../secret.yaml\nname: s\n');
    const r = await cli(['run', 's.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^s\.yaml:1:10: error extends-outside: /m);
    expect(r.stderr).not.toContain('top secret');
    // --root widens the tree (before or after the command).
    for (const args of [
      ['run', '--root', '..', 's.yaml'],
      ['--root', '..', 'run', 's.yaml'],
    ]) {
      const w = await cli(args, { cwd: d });
      expect(w.stderr).not.toMatch(/extends-outside/);
      expect(w.stderr).toMatch(/secret\.yaml:2:\d+: error /);
    }
  });

  it('a symlink inside the tree that leads outside is refused too', async () => {
    const d = fresh('symlinked');
    writeFileSync(join(dir, 'secret-target.yaml'), 'name: top secret value\n');
    symlinkSync(join(dir, 'secret-target.yaml'), join(d, 'link.yaml'));
    writeFileSync(join(d, 's.yaml'), 'extends: link.yaml\nname: s\n');
    const r = await cli(['run', 's.yaml'], { cwd: d });
    expect(r.stderr).toMatch(/^s\.yaml:1:10: error extends-outside: /m);
    expect(r.stderr).not.toContain('top secret');
  });

  it('a key/value file inside the tree is not a scenario: neither its lines nor its keys are echoed', async () => {
    const r = await cli(['run', 'test/fixtures/bad/extends-key-value.yaml'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error not-a-scenario: /);
    expect(r.stderr).not.toMatch(/hunter2|s3cr3t|password|api_token/);
  });

  it('the shipped scenarios are reachable by short name from any folder', async () => {
    const d = fresh('short');
    writeFileSync(join(d, 's.yaml'), 'extends: compact-2026\nname: s\n');
    const r = await cli(['run', 's.yaml', '--format', 'json'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    // the baseline's headline, 18855 (test/core/baseline.test.ts)
    expect((JSON.parse(r.stdout) as { metrics: { headlineMobilization: string } }).metrics.headlineMobilization).toBe('18855');
  });

  it('in a git work tree, a file anywhere in it can be extended', async () => {
    const d = fresh('repo/a/b');
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    writeFileSync(join(dir, 'repo', 'base.yaml'), MINIMAL);
    writeFileSync(join(d, 's.yaml'), 'extends: ../../base.yaml\nname: s\n');
    const r = await cli(['run', 's.yaml'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    writeFileSync(join(d, 'g.yaml'), 'extends: ../../.git/config\nname: s\n');
    writeFileSync(join(dir, 'repo', '.git', 'config'), MINIMAL);
    const g = await cli(['run', 'g.yaml'], { cwd: d });
    expect(g.stderr).toMatch(/^g\.yaml:1:10: error extends-outside: /m);
  });
});

describe('standard input (finding 15)', () => {
  beforeAll(() => ensureBuilt());
  it('- reads standard input, whose extends resolves from the current folder, not /dev', () => {
    const d = fresh('stdin');
    writeFileSync(join(d, 'base.yaml'), MINIMAL);
    for (const file of ['-', '/dev/stdin']) {
      const r = spawnSync(process.execPath, [BIN, 'run', file, '--format', 'json'], {
        cwd: d,
        input: 'extends: ./base.yaml\nname: piped\n',
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(r.status, `${file}: ${r.stderr}`).toBe(0);
      expect((JSON.parse(r.stdout) as { metrics: { publicCommitment: { total: string } } }).metrics.publicCommitment.total).toBe(
        '1000',
      );
    }
  });
});

describe('FIFOs, devices and /proc files (findings 5, 6)', () => {
  beforeAll(() => ensureBuilt());
  it('a FIFO, named or extended, is refused at once instead of hanging', () => {
    const d = fresh('fifo');
    if (!mkfifo(join(d, 'pipe.yaml'))) return;
    writeFileSync(join(d, 's.yaml'), 'extends: pipe.yaml\nname: s\n');
    const top = runBin(['run', 'pipe.yaml'], { cwd: d });
    expect(top.signal).toBeNull();
    expect(top.code).toBe(2);
    expect(top.stderr).toMatch(/^pipe\.yaml:1:1: error not-a-file: /m);
    const ext = runBin(['run', 's.yaml'], { cwd: d });
    expect(ext.code).toBe(2);
    expect(ext.stderr).toMatch(/^s\.yaml:1:10: error not-a-file: /m);
  });

  it('a device is refused; /proc/self/pagemap (size 0) is cut at the cap, in bounded memory', () => {
    const zero = runBin(['run', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/error not-a-file: /);
    if (!existsSync('/proc/self/pagemap')) return;
    const r = runBin(['run', '/proc/self/pagemap'], { heapMb: 64 });
    expect(r.signal, r.stderr).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error too-large: /);
  });
});

describe('resource bounds (finding 8)', () => {
  beforeAll(() => ensureBuilt());
  it(`an extends chain deeper than ${MAX_EXTENDS_DEPTH} is refused at the extends line`, async () => {
    const d = fresh('deep');
    const n = MAX_EXTENDS_DEPTH + 5;
    for (let i = 0; i < n; i++) writeFileSync(join(d, `s${i}.yaml`), `extends: s${i + 1}.yaml\nname: s${i}\n`);
    writeFileSync(join(d, `s${n}.yaml`), MINIMAL);
    const r = await cli(['run', 's0.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/:1:10: error extends-too-deep: /);
    // Within the cap, a chain loads.
    const ok = await cli(['run', `s${n - MAX_EXTENDS_DEPTH + 2}.yaml`], { cwd: d });
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('a chain of 6,000 files ends in a diagnostic, not a stack overflow', () => {
    const d = fresh('very-deep');
    for (let i = 0; i < 6000; i++) writeFileSync(join(d, `s${i}.yaml`), `extends: s${i + 1}.yaml\nname: s${i}\n`);
    writeFileSync(join(d, 's6000.yaml'), MINIMAL);
    const r = runBin(['run', 's0.yaml'], { cwd: d });
    expect(r.code, r.stderr.slice(0, 300)).toBe(2);
    expect(r.stderr).toMatch(/error extends-too-deep: /);
    clean(r);
  });

  it('12,000 mechanisms x 200 years is refused right after reading', () => {
    const d = fresh('wide');
    const items = Array.from({ length: 12_000 }, (_, i) => `  - { id: G-${i}, kind: grant-program, appropriations: { US: 1M } }`);
    writeFileSync(
      join(d, 'wide.yaml'),
      MINIMAL.replace('years: 10', 'years: 200').split('  - id: G-1')[0] + items.join('\n') + '\n',
    );
    const t = Date.now();
    const r = runBin(['run', 'wide.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wide\.yaml:4:1: error too-large: 12000 mechanisms over 200 years/m);
    expect(Date.now() - t).toBeLessThan(15_000);
  });
});

describe('rates on the command line (finding 10)', () => {
  it.each(['-100%', '-200%', '-0.5'])('--discount %s is refused like a negative rate in a scenario', async (rate) => {
    const r = await cli(['run', 'scenarios/compact-2026.yaml', '--discount', rate], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`"${rate}" is negative`);
  });
});

describe('outputs (findings 3, 11, 15)', () => {
  beforeAll(() => ensureBuilt());
  const scenario = join(ROOT, 'scenarios', 'compact-2026.yaml');

  it('-o through a symlink to /dev/null with --force writes to the device and leaves the link', async () => {
    const d = fresh('devnull');
    symlinkSync('/dev/null', join(d, 'null'));
    const r = await cli(['run', scenario, '-o', 'null', '--force'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(d, 'null')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(d)).toEqual(['null']);
    // /dev/null itself needs no --force: it is written, not replaced.
    const n = await cli(['run', scenario, '-o', '/dev/null'], { cwd: d });
    expect(n.code, n.stderr).toBe(0);
  });

  it('a FIFO is written in place (the reader gets the report); without a reader it is refused, not waited on', async () => {
    const d = fresh('fifo-out');
    const fifo = join(d, 'out.pipe');
    if (!mkfifo(fifo)) return;
    const none = await cli(['run', scenario, '-o', fifo, '--force'], { cwd: d });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/error output-write-failed: cannot write ".*out\.pipe": it is a pipe with no reader/);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => {
      got += b.toString();
    });
    await new Promise((res) => setTimeout(res, 200));
    const r = runBin(['run', scenario, '--format', 'json', '-o', fifo, '--force'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    await new Promise((res) => reader.on('close', res));
    expect(JSON.parse(got)).toHaveProperty('metrics');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('-o - writes to standard output', () => {
    const r = runBin(['run', 'scenarios/compact-2026.yaml', '--format', 'json', '-o', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('metrics');
    expect(existsSync(join(ROOT, '-'))).toBe(false);
  });

  it('--force does not replace a symlink to a file', async () => {
    const d = fresh('link-file');
    writeFileSync(join(d, 'real.json'), 'keep');
    symlinkSync('real.json', join(d, 'link.json'));
    const r = await cli(['run', scenario, '-o', 'link.json', '--force'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error output-exists: will not replace "link\.json": it is a symbolic link/);
    expect(readFileSync(join(d, 'real.json'), 'utf8')).toBe('keep');
  });

  it('-o alt.yaml/x.json when alt.yaml is a file says so', async () => {
    const d = fresh('not-folder');
    writeFileSync(join(d, 'alt.yaml'), MINIMAL);
    const r = await cli(['run', 'alt.yaml', '-o', 'alt.yaml/x.json'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write "alt.yaml/x.json": "alt.yaml" is a file, not a folder');
  });

  it('temp files are removed when the process is stopped by a signal, or exits', () => {
    // The output module, bundled alone, in a child that has a temp file in flight.
    const mod = join(dir, 'output.mjs');
    buildSync({ entryPoints: [join(ROOT, 'src/cli/output.ts')], bundle: true, platform: 'node', format: 'esm', outfile: mod });
    for (const how of ['SIGTERM', 'SIGINT', 'exit']) {
      const tmp = join(dir, `.out.json.${how}.tmp`);
      writeFileSync(tmp, 'partial');
      const script = `import { installTempCleanup, trackTemp } from ${JSON.stringify(mod)};
installTempCleanup();
trackTemp(${JSON.stringify(tmp)});
${how === 'exit' ? 'process.exit(0);' : `process.kill(process.pid, '${how}'); setTimeout(() => {}, 5000);`}`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 10_000 });
      expect(r.signal).toBe(how === 'exit' ? null : how);
      expect(existsSync(tmp), how).toBe(false);
    }
  });
});
