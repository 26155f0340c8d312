// The hostile-input corpus (issue 6). Every file in test/fixtures/bad must end in a
// diagnostic at file:line:col with exit 2 (1 for a failed rule), never a stack trace,
// within the per-test time limit; every file in test/fixtures/ok must run with exit 0.
// Each YAML fixture states what it expects on its first line:
//   # expect: EXIT CODE [FILE:]LINE:COL
// (FILE relative to test/fixtures/bad, or scenarios/... from the repo root).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { MAX_FILE_BYTES } from '../../src/read/load.js';
import { DIAG_LINE, ensureBuilt, INTERNAL, ROOT, runBin, STACK_FRAME } from './support.js';

const BAD = 'test/fixtures/bad';
const OK = 'test/fixtures/ok';

interface Expect {
  exit: number;
  code: string;
  at?: string;
}

/** Fixtures that cannot carry a header line (binary, empty, not UTF-8). */
const NO_HEADER: Record<string, Expect> = {
  'empty.yaml': { exit: 2, code: 'empty-file', at: '1:1' },
  'whitespace-only.yaml': { exit: 2, code: 'empty-file', at: '1:1' },
  'comments-only.yaml': { exit: 2, code: 'empty-file', at: '1:1' },
  'binary-nul.bin': { exit: 2, code: 'binary-file', at: '1:1' },
  'binary-png.yaml': { exit: 2, code: 'binary-file', at: '1:1' },
  'binary-gzip.yaml': { exit: 2, code: 'binary-file', at: '1:1' },
  'utf16le.yaml': { exit: 2, code: 'binary-file', at: '1:1' },
  'latin1.yaml': { exit: 2, code: 'not-utf8', at: '1:1' },
  'random-high-bytes.yaml': { exit: 2, code: 'not-utf8', at: '1:1' },
};

function expectation(name: string): Expect {
  if (NO_HEADER[name]) return NO_HEADER[name]!;
  const text = readFileSync(join(ROOT, BAD, name), 'utf8').replace(/^\uFEFF/, '');
  const m = /^# expect: (\d) ([a-z0-9-]+)(?: (\S+))?/.exec(text);
  if (!m) throw new Error(`${name}: no "# expect:" header and no entry in NO_HEADER`);
  return { exit: Number(m[1]), code: m[2]!, at: m[3] };
}

/** The `file:line:col: severity code:` prefix the expected diagnostic starts with. */
function prefix(name: string, e: Expect): RegExp | undefined {
  if (!e.at) return undefined;
  const parts = e.at.split(':');
  const [line, col] = parts.slice(-2);
  const file = parts.length > 2 ? parts.slice(0, -2).join(':') : name;
  const shown = file.startsWith('scenarios/') ? file : `${BAD}/${file}`;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(shown)}:${line}:${col}: (error|warning) ${esc(e.code)}: `, 'm');
}

function assertClean(r: { stderr: string; stdout: string }): void {
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(INTERNAL);
  expect(r.stdout).not.toMatch(INTERNAL);
}

const bad = readdirSync(join(ROOT, BAD)).sort();
const ok = readdirSync(join(ROOT, OK)).sort();

describe('the bad-input corpus', () => {
  it('holds at least 100 files', () => {
    expect(bad.length).toBeGreaterThanOrEqual(100);
  });

  const runCase = async (name: string) => {
    const e = expectation(name);
    const r = await cli(['run', `${BAD}/${name}`], { cwd: ROOT });
    assertClean(r);
    expect(r.code, r.stderr).toBe(e.exit);
    expect(r.stderr).toMatch(DIAG_LINE);
    const p = prefix(name, e);
    if (p) expect(r.stderr).toMatch(p);
    else expect(r.stderr).toMatch(new RegExp(`: error ${e.code}: `));
  };

  it.each(bad)('%s: a located diagnostic, the right exit code, no stack trace', runCase, 20_000);

  // Fixtures whose expectation the validate rewrite is to meet: they fail today, so they
  // run as expected failures, and this marker fails the day they pass (then drop it).
});

describe('valid YAML that must be accepted', () => {
  it.each(ok)(
    '%s runs with exit 0',
    async (name) => {
      const r = await cli(['run', `${OK}/${name}`], { cwd: ROOT });
      assertClean(r);
      expect(r.stderr).not.toMatch(/: error /);
      expect(r.code, r.stderr).toBe(0);
    },
    20_000,
  );

  it('a BOM, CRLF and CR-only line ends give the same numbers as the plain file', async () => {
    // minimal: US 100M per year over 10 years = 1,000.0 public commitment.
    const outs = await Promise.all(
      ['bom', 'crlf', 'cr-only', 'comments-everywhere'].map((n) =>
        cli(['run', `${OK}/${n}.yaml`, '--format', 'json'], { cwd: ROOT }),
      ),
    );
    const totals = outs.map(
      (o) => (JSON.parse(o.stdout) as { metrics: { publicCommitment: { total: string } } }).metrics.publicCommitment.total,
    );
    expect(totals).toEqual(['1000', '1000', '1000', '1000']);
  });

  it('merge keys apply the anchored mapping and let written keys win', async () => {
    // US: 100M per year FY2028-FY2036 = 9 x 100 = 900; IL merges it with amount 50M: 9 x 50 = 450.
    const r = await cli(['run', `${OK}/merge-keys.yaml`, '--format', 'json'], { cwd: ROOT });
    const pc = (JSON.parse(r.stdout) as { metrics: { publicCommitment: Record<string, string> } }).metrics.publicCommitment;
    expect([pc.US, pc.IL]).toEqual(['900', '450']);
  });
});

describe('size limits', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cm-corpus-'));
    // 50 MB of YAML-looking lines: refused from its size, before it is read.
    writeFileSync(join(dir, 'fifty-mb.yaml'), Buffer.alloc(50 * 1024 * 1024, 'key: value\n'));
    const minimal = readFileSync(join(ROOT, OK, 'crlf.yaml'), 'utf8').replace(/\r\n/g, '\n');
    // Padded with comment lines to exactly the cap (accepted), and one byte past it (refused).
    const pad = (n: number) => {
      const filler = n - Buffer.byteLength(minimal);
      return minimal + '# pad\n'.repeat(Math.floor(filler / 6)) + '#'.repeat(filler % 6);
    };
    writeFileSync(join(dir, 'at-cap.yaml'), pad(MAX_FILE_BYTES));
    writeFileSync(join(dir, 'over-cap.yaml'), pad(MAX_FILE_BYTES + 1));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a 50 MB file is refused with a located diagnostic', async () => {
    const r = await cli(['run', join(dir, 'fifty-mb.yaml')], { cwd: ROOT });
    assertClean(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fifty-mb\.yaml:1:1: error too-large: .*52428800 bytes.*1048576 bytes/);
  });

  it('the cap is inclusive: MAX_FILE_BYTES is read, one more byte is not', async () => {
    const at = await cli(['run', join(dir, 'at-cap.yaml')], { cwd: ROOT });
    expect(at.code, at.stderr).toBe(0);
    const over = await cli(['run', join(dir, 'over-cap.yaml')], { cwd: ROOT });
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/over-cap\.yaml:1:1: error too-large: /);
  });

  describe('through the real bin, with a 128 MB heap and a 30 s limit', () => {
    beforeAll(() => ensureBuilt());
    const cases = [
      `${BAD}/alias-bomb.yaml`,
      `${BAD}/alias-bomb-in-mechanism.yaml`,
      `${BAD}/deep-flow-seq.yaml`,
      `${BAD}/deep-block-map.yaml`,
      `${BAD}/constructor-unit.yaml`,
      `${BAD}/limit-distributions-over.yaml`,
      `${BAD}/limit-drawdown-life.yaml`,
      `${BAD}/extends-dev-zero.yaml`,
      `${BAD}/binary-png.yaml`,
      `${BAD}/long-line.yaml`,
      `${BAD}/syntax-unclosed-double-quote.yaml`,
    ];
    it.each(cases)('%s: exit 2, a diagnostic, no stack trace', (file) => {
      const r = runBin(['run', file]);
      expect(r.signal, r.stderr.slice(0, 500)).toBeNull();
      expect(r.code, r.stderr.slice(0, 500)).toBe(2);
      expect(r.stderr).toMatch(DIAG_LINE);
      assertClean(r);
    });
    it('the 50 MB file', () => {
      const r = runBin(['run', join(dir, 'fifty-mb.yaml')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error too-large/);
      assertClean(r);
    });
    it('a bad command line is a usage error, not a crash', () => {
      const r = runBin(['run', '--case', 'middle']);
      expect(r.code).toBe(2);
      assertClean(r);
    });
  });
});
