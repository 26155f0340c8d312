// The action's review (dist/review.js) against a throwaway repository: a base branch with
// the shipped scenarios and a team's own plans, then a pull request of 43 changed files:
// a note edit, F-3's face value raised, a declared total broken, a new alternative, deleted
// files (one extending the shipped baseline by name, one by its installed path under
// node_modules, which git does not have), renamed ones (one a parent that moved, with a new
// file extending it at its new place), a file affected through `extends`, a broken file, a
// five-year U.S.-only plan (a threshold on IL does not apply to it), and 30 new files, some
// with names no markdown or workflow command should trust.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md } from '../../src/action/review.js';
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

function review(base: string, failIf: string[] = [], more: NodeJS.ProcessEnv = {}): Review {
  const out = tempDir();
  outs.push(out);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(GITHUB_|CM_|RUNNER_)/.test(k)) env[k] = v;
  Object.assign(env, {
    ...more,
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
// A five-year plan of the United States alone: a grant of 100M a year, 500 in all.
const US_PLAN =
  'name: U.S. alone\nhorizon: { start: FY2027, years: 5 }\ngovernments: [US]\nmechanisms:\n  - { id: G-1, kind: grant-program, appropriations: { US: { amount: 100M, per: year } } }\n';
const shipped = (name: string) => readFileSync(join(ROOT, 'scenarios', name), 'utf8');
const F3 = () => shipped('f3-high.yaml');
const FAIL_IF = [
  // A change of +10 in U.S. budget cost, on every file.
  'budgetCost.US > +10',
  // Only for the team's U.S. plans: IL does not apply to them; a level of 600.
  'scenarios/team/us-*.yaml:',
  '  budgetCost.IL > +1',
  '  budgetCost.US > 600 level',
];

beforeAll(() => {
  expect(existsSync(SCRIPT), 'dist/review.js is built by `npm test` (scripts/build.mjs)').toBe(true);
  repo = tempDir();
  git('init', '-q', '-b', 'main');
  for (const f of readdirSync(join(ROOT, 'scenarios'))) {
    mkdirSync(join(repo, 'scenarios'), { recursive: true });
    copyFileSync(join(ROOT, 'scenarios', f), join(repo, 'scenarios', f));
  }
  // The package as a team installs it: in node_modules, which git ignores.
  mkdirSync(join(repo, 'node_modules', 'compact-model', 'scenarios'), { recursive: true });
  copyFileSync(join(ROOT, 'scenarios/compact-2026.yaml'), join(repo, 'node_modules/compact-model/scenarios/compact-2026.yaml'));
  write('.gitignore', 'node_modules/\n');
  // A scenario with a declared total, right at the base: US budget cost 4,382.5 (test/core/baseline.test.ts).
  write(
    'scenarios/declared.yaml',
    'extends: compact-2026.yaml\nname: with a declared total\ntotals:\n  - { id: us-budget, metric: budgetCost.US, value: 4.3825B }\n',
  );
  // A scenario built on f3-high: unchanged itself, it moves when f3-high does.
  write('scenarios/f3-leaf.yaml', 'extends: f3-high.yaml\nname: built on F-3 high\n');
  // The team's alternatives of the shipped baseline: by its short name, and by its installed path.
  write('scenarios/team/by-name.yaml', F3().replace('extends: compact-2026.yaml', 'extends: compact-2026'));
  write(
    'scenarios/team/by-path.yaml',
    F3().replace('extends: compact-2026.yaml', 'extends: ../../node_modules/compact-model/scenarios/compact-2026.yaml'),
  );
  write('scenarios/team/us-plan.yaml', US_PLAN);
  // (Each from a different shipped file, so git's rename detection pairs only the real moves.)
  write(
    'scenarios/team/parent.yaml',
    shipped('f5-12-months.yaml').replace('extends: compact-2026.yaml', 'extends: ../compact-2026.yaml'),
  );
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
    shipped('q1-outside-f2.yaml').replace('extends: compact-2026.yaml', 'extends: ../compact-2026.yaml'),
  );
  git('rm', '-q', 'scenarios/f5-study-fails.yaml', 'scenarios/team/by-name.yaml', 'scenarios/team/by-path.yaml');
  git('mv', 'scenarios/f6-two-years-late.yaml', RENAMED_TO);
  edit(RENAMED_TO, 'extends: compact-2026.yaml', 'extends: ../compact-2026.yaml');
  // The team's parent moves into a folder; a new file extends it there.
  mkdirSync(join(repo, 'scenarios/team/plans'), { recursive: true });
  git('mv', 'scenarios/team/parent.yaml', 'scenarios/team/plans/parent.yaml');
  edit('scenarios/team/plans/parent.yaml', 'extends: ../compact-2026.yaml', 'extends: ../../compact-2026.yaml');
  write('scenarios/team/plans/child.yaml', 'extends: parent.yaml\nname: a child of the moved parent\n');
  // The U.S. plan's grant: 100M -> 130M a year, 650 over five years (+150).
  edit('scenarios/team/us-plan.yaml', 'amount: 100M', 'amount: 130M');
  write('scenarios/team/broken.yaml', 'name: [unclosed\n');
  commit('new, deleted, renamed, moved, broken');
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

const row = (comment: string, file: string) =>
  comment.split('\n').find((l) => l.includes(`| ${md(file)}`) || l.includes(`| [${md(file)}]`)) ?? '';

describe('the whole pull request (43 files)', () => {
  let r: Review;
  beforeAll(() => {
    r = review('main', FAIL_IF, {
      CM_STRICT_CLAIMS: 'true',
      CM_HEAD_SHA: 'abc123',
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'team/plans',
      GITHUB_RUN_ID: '42',
    });
  }, 400_000);

  const expected: [string, string][] = [
    ['M', 'scenarios/f4-no-second-wave.yaml'],
    ['M', 'scenarios/f3-high.yaml'],
    ['M', 'scenarios/declared.yaml'],
    ['M', 'scenarios/team/us-plan.yaml'],
    ['A', 'scenarios/what-if/new-alt.yaml'],
    ['A', 'scenarios/team/plans/child.yaml'],
    ['A', 'scenarios/team/broken.yaml'],
    ['D', 'scenarios/f5-study-fails.yaml'],
    ['D', 'scenarios/team/by-name.yaml'],
    ['D', 'scenarios/team/by-path.yaml'],
    ['R', RENAMED_TO],
    ['R', 'scenarios/team/plans/parent.yaml'],
    ['E', 'scenarios/f3-leaf.yaml'],
    ...BULK.map((f): [string, string] => ['A', f]),
  ];

  it('exits 2 for the broken file, and every other file is still reviewed', () => {
    expect(expected.length).toBe(43);
    expect(r.code).toBe(2);
    const index = JSON.parse(readFileSync(join(r.out, 'review.json'), 'utf8'));
    expect(index.files).toHaveLength(43);
    // Only the broken file could not be used: the deleted files extending the shipped baseline compare.
    const unusable = index.files
      .filter((f: { check: string | null }) => f.check === 'unusable')
      .map((f: { file: string }) => f.file);
    expect(unusable).toEqual(['scenarios/team/broken.yaml']);
    for (const f of index.files) {
      const d = JSON.parse(readFileSync(join(r.out, f.diff), 'utf8'));
      if (f.file !== 'scenarios/team/broken.yaml') expect(d.error, f.file).toBeNull();
    }
  });

  it('opens with one verdict line: counts and the total change of the headline figures', () => {
    const first = r.comment.split('\n')[0]!;
    // Failing: declared (its total), broken, alt-01 (its assertion), f3-high and f3-leaf (+25 > +10,
    // and claims they broke under strict-claims), us-plan (+150 > +10, and 650 > 600): 6.
    // Crossed: f3-high, f3-leaf, us-plan x2 = 4.
    // Totals over M and R: f3-high headline +500 (F-3 face +500) and US budget +25 (5% x 500);
    // us-plan's grant 500 -> 650, headline and US budget +150; the renamed files move nothing.
    // Headline 500 + 150 = 650; US 25 + 150 = 175.
    expect(first).toBe(
      '### ❌ compact-model could not use some input: 43 files changed · 6 failing · 4 thresholds crossed · headline mobilization +650.0 · budget cost US +175.0, IL ±0',
    );
    expect(r.comment.length).toBeLessThan(20_000);
    expect(r.comment.split(MARKER_TEXT).length - 1).toBe(1);
  });

  it('lists the failing rows first, the rest that moved a figure next, and folds the quiet ones', () => {
    const n = Number(/ · (\d+) failing · /.exec(r.comment)![1]);
    const top = r.comment.slice(0, r.comment.indexOf('<details>'));
    const rows = top.split('\n').filter((l) => /^\| [AMDRE] \|/.test(l));
    const failing = ['declared.yaml', 'f3-high.yaml', 'f3-leaf.yaml', 'us-plan.yaml', 'broken.yaml', 'alt-01.yaml'];
    const first = rows.slice(0, n).join('\n');
    for (const f of failing) expect(first, f).toContain(f);
    for (const x of rows.slice(0, n)) expect(x).toContain('❌');
    for (const x of rows.slice(n)) expect(x).not.toContain('❌');
    const folded = r.comment.slice(r.comment.indexOf('<details>'));
    // The note edit and the renamed f6 move nothing: folded.
    expect(folded).toContain(md('scenarios/f4-no-second-wave.yaml'));
    expect(folded).toContain(md(RENAMED_TO));
    for (const [status, file] of expected)
      expect(r.comment, file).toContain(`| ${status} | ${status === 'D' ? md(file) : `[${md(file)}]`}`);
  });

  it('says what each row means: new files against their parent, links to the head commit and the job', () => {
    // Its parent moved in this pull request: it is compared with the parent as it was, under its old name.
    expect(row(r.comment, 'scenarios/team/plans/child.yaml')).toContain('new (vs its parent scenarios/team/parent.yaml)');
    expect(row(r.comment, 'scenarios/what-if/new-alt.yaml')).toContain('new (vs its parent scenarios/compact-2026.yaml)');
    expect(r.comment).toContain('[scenarios/f3-high.yaml](https://github.example/team/plans/blob/abc123/scenarios/f3-high.yaml)');
    expect(r.comment).toContain('[the job summary](https://github.example/team/plans/actions/runs/42)');
    // Broken YAML is a check result, not a threshold.
    expect(row(r.comment, 'scenarios/team/broken.yaml')).toMatch(/❌ unusable: \d+ errors?/);
  });

  it('a threshold that names a government the plan does not have is n/a; its real crossings still count', () => {
    const us = row(r.comment, 'scenarios/team/us-plan.yaml');
    // 100M -> 130M a year over five years: 500 -> 650, +150.
    expect(us).toContain('US +150.0');
    expect(us).toContain('❌ budgetCost.US &gt; +10 (+150.0)');
    expect(us).toContain('❌ budgetCost.US &gt; 600 level (is 650.0)');
    expect(us).not.toContain('IL');
    const index = JSON.parse(readFileSync(join(r.out, 'review.json'), 'utf8'));
    const entry = index.files.find((f: { file: string }) => f.file === 'scenarios/team/us-plan.yaml');
    const d = JSON.parse(readFileSync(join(r.out, entry.diff), 'utf8'));
    expect(d.diff.thresholds.find((t: { expression: string }) => t.expression === 'budgetCost.IL > +1')).toMatchObject({
      applies: false,
      why: 'this scenario has no IL',
    });
  });

  it('deleted files extending the shipped baseline (by name, and by its path under node_modules) compare with it', () => {
    // F-3 face 3,000 back to the baseline's 2,500: budget cost -5% x 500 = -25; they are gone, so the row shows what was.
    for (const f of ['scenarios/team/by-name.yaml', 'scenarios/team/by-path.yaml']) {
      expect(row(r.comment, f), f).toContain('US 4,407.5 (was)');
      expect(row(r.comment, f), f).toContain('deleted');
    }
  });

  it('strict-claims fails only on claims the pull request broke; the inherited ones are one line', () => {
    expect(r.comment).toMatch(
      /ℹ️ \d+ claims that did not hold at the base either \(inherited, in \d+ files\) are not repeated here/,
    );
    // F-3 at 3.5B: its U.S. budget cost 5% x 3,500 = 175 leaves the published 100-150: broken by this change.
    const index = JSON.parse(readFileSync(join(r.out, 'review.json'), 'utf8'));
    const broken = new Map<string, string[]>(
      index.files.map((f: { file: string; claimsBroken: string[] }) => [f.file, f.claimsBroken]),
    );
    expect(broken.get('scenarios/f3-high.yaml')).toContain('f3-budget-cost');
    expect(broken.get('scenarios/f4-no-second-wave.yaml')).toEqual([]);
    expect(row(r.comment, 'scenarios/f3-high.yaml')).toMatch(/❌ \d+ claims? no longer held/);
    // Every claim annotated is one its file's change broke, and is an error (strict-claims).
    for (const x of annotations(r.stdout).filter((a) => a.props.title === 'compact-model claim-not-held')) {
      expect(x.kind).toBe('error');
      expect(broken.get(x.props.file ?? x.message.split(':')[0]!)).toContain(/claim "([^"]*)"/.exec(x.message)![1]);
    }
  });

  it('annotates at most the cap of each kind, the pull request’s own files first; the rest are in the summary', () => {
    const a = annotations(r.stdout);
    expect(a.filter((x) => x.kind === 'error').length).toBeLessThanOrEqual(10);
    expect(a.filter((x) => x.kind === 'warning').length).toBeLessThanOrEqual(10);
    const prFiles = new Set(expected.filter(([s]) => s === 'A' || s === 'M' || s === 'R').map(([, f]) => f));
    for (const x of a) if (x.props.file !== undefined) expect(prFiles, x.props.file).toContain(x.props.file);
    // Errors placed on the pull request's files come before any that is not (f3-leaf's threshold).
    const errors = a.filter((x) => x.kind === 'error');
    const firstElsewhere = errors.findIndex((x) => x.props.file === undefined);
    if (firstElsewhere >= 0) expect(errors.slice(firstElsewhere).every((x) => x.props.file === undefined)).toBe(true);
    expect(a.find((x) => x.props.title === 'compact-model total-mismatch')?.props.file).toBe('scenarios/declared.yaml');
    expect(a.find((x) => x.props.title === 'compact-model assertion-failed')?.props.file).toBe('scenarios/bulk/alt-01.yaml');
  });

  it('keeps the summary under 100 KB, failing diffs first, every diff in the artifact', () => {
    expect(Buffer.byteLength(r.summary)).toBeLessThan(100_000);
    expect(r.summary).toContain(`#### M ${md('scenarios/f3-high.yaml')}`);
    expect(r.summary).toContain('mechanisms\\[F-3\\].obligations.US.amount');
    const mds = readdirSync(join(r.out, 'diff')).filter((f) => f.endsWith('.md'));
    // Every compared file has its markdown diff (not the broken one, nor those that extend nothing).
    expect(mds.length).toBe(42);
  });

  it('escapes untrusted names: no mention, no HTML, no code span, no broken row', () => {
    expect(r.comment).not.toContain('@team');
    // A zero-width space after @ (the CLI's forMarkdown): no mention.
    expect(r.comment).toContain('@\u200bteam');
    expect(r.comment).not.toContain('<b>');
    expect(r.comment).not.toContain(' & more');
    expect(r.comment).not.toContain('`tick`');
    expect(r.comment).toContain('line\\\\u{a}break.yaml');
    const rows = r.comment.split('\n').filter((l) => l.startsWith('| '));
    for (const x of rows) expect(x.replace(/\\\|/g, '').split('|').length, x).toBe(7);
  });
});

const MARKER_TEXT = '<!-- compact-model-review -->';

describe('green exactly when nothing fails', () => {
  it(
    'a note edit alone passes, with strict-claims: the claims the baseline already fails are not its doing',
    { timeout: 120_000 },
    () => {
      git('checkout', '-q', 'pr~4');
      try {
        const r = review('main', ['budgetCost.US > +10'], { CM_STRICT_CLAIMS: 'true' });
        expect(r.code).toBe(0);
        expect(r.comment.split('\n')[0]).toBe(
          '### ✅ compact-model passed: 1 file changed · 0 failing · 0 thresholds crossed · headline mobilization ±0 · budget cost US ±0, IL ±0',
        );
        expect(annotations(r.stdout)).toEqual([]);
      } finally {
        git('checkout', '-q', 'pr');
      }
    },
  );

  it("F-3's raise is green without a threshold and red with one it crosses", { timeout: 180_000 }, () => {
    git('checkout', '-q', 'pr~3');
    try {
      expect(review('pr~4').code).toBe(0);
      expect(review('pr~4', ['budgetCost.US > +25']).code).toBe(0); // +25 is not above +25
      expect(review('pr~4', ['budgetCost.US >= +25']).code).toBe(1);
    } finally {
      git('checkout', '-q', 'pr');
    }
  });
});

describe('setup problems still say what failed', () => {
  it('a base that is not there: exit 2 and a short comment', () => {
    const r = review('no-such-branch');
    expect(r.code).toBe(2);
    expect(r.comment).toContain('### ❌ compact-model could not review this pull request');
    expect(r.comment).toContain('base "no-such-branch" is not a commit of this repository');
    expect(r.comment).toContain(MARKER_TEXT);
  });

  it(
    'a glob of the scenarios input matching nothing is an error; the defaults are quiet while one matches',
    { timeout: 180_000 },
    () => {
      git('checkout', '-q', 'pr~3');
      try {
        globs();
      } finally {
        git('checkout', '-q', 'pr');
      }
    },
  );

  function globs() {
    // The default globs: .yml matches nothing, .yaml does: no warning.
    const fine = review('pr~4');
    expect(fine.code).toBe(0);
    expect(annotations(fine.stdout).filter((x) => x.props.title === 'compact-model')).toEqual([]);
    const failed = review('pr~4', [], { CM_SCENARIOS: 'scenarios/**/*.yaml\nplans/**/*.yaml' });
    expect(failed.code).toBe(2);
    expect(failed.comment).toContain('the scenarios input’s glob "plans/\\*\\*/\\*.yaml" matches no file');
  }

  it('a threshold that is not one is a setup error naming it', () => {
    const r = review('pr~4', ['budgetCost.US is big']);
    expect(r.code).toBe(2);
    expect(r.comment).toContain('budgetCost.US is big');
  });
});
