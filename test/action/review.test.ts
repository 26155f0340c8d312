// The action's review (dist/review.js) against a throwaway repository: a base branch with
// the shipped scenarios, then a pull request of six kinds of change (a note edit, F-3's face
// value raised, a declared total broken, a new alternative, a deleted one, a renamed one) and
// a commit of 30 new files, some with names no markdown or workflow command should trust.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_CAP, MARKER, md, renderComment, type ReportCtx } from '../../src/action/review.js';
import { tempDir } from '../support/scenario.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'dist', 'review.js');
let repo = '';

function git(...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
    { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

function write(path: string, text: string): void {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(join(repo, path), 'utf8');
  expect(text).toContain(from);
  write(path, text.replace(from, to));
}

function commit(msg: string): void {
  git('add', '-A');
  git('commit', '-q', '-m', msg);
}

interface Review {
  code: number;
  stdout: string;
  comment: string;
  summary: string;
  out: string;
}

/** Runs the review as action.yml does: `node dist/review.js` in the checkout, settings in CM_*. */
const outs: string[] = [];

function review(base: string, failIf: string[] = []): Review {
  const out = tempDir();
  outs.push(out);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(GITHUB_|CM_|RUNNER_)/.test(k)) env[k] = v;
  Object.assign(env, {
    CM_BASE: base,
    CM_FAIL_IF: failIf.join('\n'),
    CM_OUT: join(out, 'review'),
    GITHUB_STEP_SUMMARY: join(out, 'summary.md'),
    GITHUB_OUTPUT: join(out, 'output.txt'),
  });
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: join(repo, 'scenarios'), env, encoding: 'utf8' });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    comment: readFileSync(join(out, 'review', 'comment.md'), 'utf8'),
    summary: readFileSync(join(out, 'summary.md'), 'utf8'),
    out: join(out, 'review'),
  };
}

/** The workflow commands a run printed: kind, properties (decoded) and message. */
function annotations(stdout: string) {
  const decode = (s: string) =>
    s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('::'))
    .map((l) => {
      const m = /^::(\w+) ?([^:]*)::(.*)$/.exec(l)!;
      const props = Object.fromEntries(
        m[2]!
          .split(',')
          .filter((p) => p !== '')
          .map((p) => [p.slice(0, p.indexOf('=')), decode(p.slice(p.indexOf('=') + 1))]),
      );
      return { kind: m[1]!, props, message: decode(m[3]!) };
    });
}

const ODD = ['scenarios/bulk/a|b @team <b>x<i> `tick` & more.yaml', 'scenarios/bulk/line\nbreak.yaml'];
const RENAMED_TO = 'scenarios/what-if/f6 zwei Jahre später.yaml';
const BULK = Array.from({ length: 28 }, (_, i) => `scenarios/bulk/alt-${String(i + 1).padStart(2, '0')}.yaml`).concat(ODD);

beforeAll(() => {
  expect(existsSync(SCRIPT), 'dist/review.js is built by `npm test` (scripts/build.mjs)').toBe(true);
  repo = tempDir();
  git('init', '-q', '-b', 'main');
  for (const f of readdirSync(join(ROOT, 'scenarios'))) {
    mkdirSync(join(repo, 'scenarios'), { recursive: true });
    copyFileSync(join(ROOT, 'scenarios', f), join(repo, 'scenarios', f));
  }
  // A scenario with a declared total, right at the base: US budget cost 4,382.5 (test/core/baseline.test.ts).
  write(
    'scenarios/declared.yaml',
    'extends: compact-2026.yaml\nname: with a declared total\ntotals:\n  - { id: us-budget, metric: budgetCost.US, value: 4.3825B }\n',
  );
  // A scenario built on f3-high: unchanged itself, it moves when f3-high does.
  write('scenarios/f3-leaf.yaml', 'extends: f3-high.yaml\nname: built on F-3 high\n');
  commit('base');

  git('checkout', '-q', '-b', 'pr');
  edit('scenarios/f4-no-second-wave.yaml', '# What if the STIV', '# Note: what if the STIV');
  commit('a note edit');
  edit('scenarios/f3-high.yaml', 'amount: 3B', 'amount: 3.5B');
  commit("raise F-3's face value");
  edit('scenarios/declared.yaml', 'value: 4.3825B', 'value: 4.5B');
  commit('break a declared total');
  write(
    'scenarios/what-if/new-alt.yaml',
    readFileSync(join(ROOT, 'scenarios/f3-high.yaml'), 'utf8').replace(
      'extends: compact-2026.yaml',
      'extends: ../compact-2026.yaml',
    ),
  );
  commit('a new alternative');
  git('rm', '-q', 'scenarios/f5-study-fails.yaml');
  commit('delete an alternative');
  git('mv', 'scenarios/f6-two-years-late.yaml', RENAMED_TO);
  edit(RENAMED_TO, 'extends: compact-2026.yaml', 'extends: ../compact-2026.yaml');
  commit('rename an alternative');
  BULK.forEach((f, i) => {
    // One of them fails an assertion: F-3 at 2,000 instead of 2,500 takes 5% x 500 = 25 off
    // the baseline's US budget cost of 4,382.5: 4,357.5 > 4,000.
    const assert = i === 0 ? 'assert:\n  - budgetCost.US <= 4000\n' : '';
    write(
      f,
      `extends: ../compact-2026.yaml\nname: bulk ${i + 1}\nmechanisms:\n  - id: F-3\n    obligations:\n      US: { amount: ${2000 + 10 * i}M }\n${assert}`,
    );
  });
  commit('30 alternatives');
}, 60_000);

afterAll(() => {
  for (const d of [repo, ...outs]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('the whole pull request', () => {
  let r: Review;
  beforeAll(() => {
    r = review('main', ['budgetCost.US > +10']);
  }, 120_000);

  const expected: [string, string][] = [
    ['M', 'scenarios/f4-no-second-wave.yaml'],
    ['M', 'scenarios/f3-high.yaml'],
    ['M', 'scenarios/declared.yaml'],
    ['A', 'scenarios/what-if/new-alt.yaml'],
    ['D', 'scenarios/f5-study-fails.yaml'],
    ['E', 'scenarios/f3-leaf.yaml'],
    ...BULK.map((f): [string, string] => ['A', f]),
  ];

  it('is red: a declared total and an assertion fail, and a threshold is crossed', () => {
    expect(r.code).toBe(1);
    expect(r.comment).toContain('❌ a check or a threshold failed');
  });

  it('comments under GitHub’s limit, one marker, every changed file named with its status', () => {
    expect(r.comment.length).toBeLessThan(65_536);
    expect(r.comment.split(MARKER).length - 1).toBe(1);
    expect(r.comment.startsWith(MARKER)).toBe(true);
    for (const [status, file] of expected) expect(r.comment, file).toContain(`| ${status} | ${md(file)} |`);
    expect(r.comment).toContain(`| R | ${md('scenarios/f6-two-years-late.yaml')} → ${md(RENAMED_TO)} |`);
    expect(r.comment).toContain('37 scenario files changed');
  });

  it('escapes untrusted names: no mention, no HTML, no code span, no broken row', () => {
    expect(r.comment).not.toContain('@team');
    expect(r.comment).toContain('@&#8203;team');
    expect(r.comment).not.toContain('<b>');
    expect(r.comment).not.toContain(' & more');
    expect(r.comment).not.toContain('`tick`');
    expect(r.comment).toContain('line\\\\nbreak.yaml');
    // every table row has the same number of unescaped pipes
    const rows = r.comment.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length, row).toBe(8);
  });

  it("shows F-3's raise as +25 of U.S. budget cost (5% subsidy x 500 more face value), in f3-high and in the file built on it", () => {
    const row = (file: string) => r.comment.split('\n').find((l) => l.includes(`| ${md(file)} |`))!;
    for (const f of ['scenarios/f3-high.yaml', 'scenarios/f3-leaf.yaml']) {
      expect(row(f)).toContain('US +25.0');
      expect(row(f)).toContain('IL ±0');
      expect(row(f)).toContain('budgetCost.US \\> \\+10 (+25.0)');
    }
    // The note edit moves nothing and crosses nothing.
    const note = row('scenarios/f4-no-second-wave.yaml');
    expect(note).toContain('(±0)');
    expect(note).toContain('US ±0<br>IL ±0');
    expect(note).toMatch(/\| — \|$/);
    expect(row('scenarios/declared.yaml')).toContain('❌ failed: 1 error');
  });

  it('writes the full diffs to the step summary', () => {
    for (const [status, file] of expected) expect(r.summary, file).toContain(`#### ${status} ${md(file)}`);
    expect(r.summary).toContain('#### Headline (FY2027-FY2036 totals)');
    // Escaped for markdown (\[ renders as [), so a label cannot open a link.
    expect(r.summary).toContain('mechanisms\\[F-3\\].obligations.US.amount');
  });

  it("annotates only the pull request's files, relative to the root, at most 10 of each kind", () => {
    const a = annotations(r.stdout);
    const prFiles = new Set(
      expected
        .filter(([s]) => s === 'A' || s === 'M')
        .map(([, f]) => f)
        .concat(RENAMED_TO),
    );
    for (const x of a) if (x.props.file !== undefined) expect(prFiles, x.props.file).toContain(x.props.file);
    const total = a.find((x) => x.props.title === 'compact-model total-mismatch');
    expect(total?.props.file).toBe('scenarios/declared.yaml');
    expect(a.find((x) => x.props.title === 'compact-model assertion-failed')?.props.file).toBe('scenarios/bulk/alt-01.yaml');
    const thresholds = a.filter((x) => x.props.title === 'compact-model threshold');
    // On f3-high itself; f3-leaf is not a file of the pull request, so its crossing names it in the message only.
    expect(thresholds.map((x) => x.props.file ?? x.message.split(':')[0])).toEqual([
      'scenarios/f3-high.yaml',
      'scenarios/f3-leaf.yaml',
    ]);
    expect(a.filter((x) => x.kind === 'warning').length).toBeLessThanOrEqual(10);
    expect(a.filter((x) => x.kind === 'error' && x.props.title !== 'compact-model threshold').length).toBeLessThanOrEqual(10);
    // The note edit's claims that did not hold at the base either are not annotated.
    expect(a.filter((x) => x.props.file === 'scenarios/f4-no-second-wave.yaml')).toEqual([]);
  });

  it('leaves the JSON for an artifact', () => {
    const index = JSON.parse(readFileSync(join(r.out, 'review.json'), 'utf8'));
    expect(index.files).toHaveLength(37);
    expect(index.exitCode).toBe(1);
    for (const f of index.files) expect(existsSync(join(r.out, f.diff))).toBe(true);
    expect(JSON.parse(readFileSync(join(r.out, 'check.json'), 'utf8')).version).toBe(1);
  });
});

describe('green exactly when nothing fails', () => {
  it('a note edit alone passes', () => {
    git('checkout', '-q', 'pr~6');
    try {
      const r = review('main', ['budgetCost.US > +10']);
      expect(r.code).toBe(0);
      expect(r.comment).toContain('✅ passed');
      expect(r.comment).toContain(`| M | ${md('scenarios/f4-no-second-wave.yaml')} |`);
      expect(annotations(r.stdout)).toEqual([]);
    } finally {
      git('checkout', '-q', 'pr');
    }
  });

  it("F-3's raise is green without a threshold and red with one it crosses", () => {
    git('checkout', '-q', 'pr~5');
    try {
      expect(review('pr~6').code).toBe(0);
      expect(review('pr~6', ['budgetCost.US > +25']).code).toBe(0); // +25 is not above +25
      expect(review('pr~6', ['budgetCost.US >= +25']).code).toBe(1);
    } finally {
      git('checkout', '-q', 'pr');
    }
  });
});

describe('the comment cap', () => {
  it('stays under the cap with thousands of changed files, and says how many rows it left out', () => {
    const results = Array.from({ length: 3000 }, (_, i) => ({
      entry: { status: 'M' as const, path: `scenarios/many/a-rather-long-folder-name/scenario-${i}.yaml` },
      note: '',
      markdown: '',
      exitCode: 0,
      crossed: [],
      diff: { summary: { text: 'headline mobilization +1.0 (+0.1%)' }, headline: [], claims: [], thresholds: [] },
    }));
    const ctx: ReportCtx = { entries: results.map((r) => r.entry), results, checkOf: new Map(), exitCode: 0, total: 3000 };
    const body = renderComment(ctx);
    expect(body.length).toBeLessThanOrEqual(COMMENT_CAP);
    expect(body).toMatch(/…and \d+ more file\(s\), listed in the job summary\./);
    expect(body).toContain('| M | scenarios/many/a-rather-long-folder-name/scenario-0.yaml |');
  });
});
