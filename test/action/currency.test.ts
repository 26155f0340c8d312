// The review of a plan in euros says euros: its comment, summary, annotations and artifact
// name no USD and no `$` (issue 22). A pull request changing a euro plan and a dollar plan
// names each figure's currency and totals each currency apart.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/action/review.js';
import { runCli } from '../../src/cli/program.js';
import { tempDir } from '../support/scenario.js';

// EU: a grant of 100M a year for 4 years (400) and a guarantee of 200 at 10% subsidy, 1x
// co-finance (the guaranteed loan is all the lending: private (1 - 1) x 200 = 0); IL: 800M
// ILS at 4 ILS per EUR = 200 EUR. Headline = public 400 + 200 + 200 = 800.
const EURO = `name: euro plan
currency: EUR
exchangeRates:
  ILS: { value: 4, source: "assumption: 4 ILS per EUR" }
horizon: { start: FY2031, years: 4 }
governments:
  EU: { name: European Union }
  IL: { name: Israel, currency: ILS }
mechanisms:
  - id: G-1
    kind: grant-program
    appropriations:
      EU: { amount: 100M, per: year }
      IL: { amount: 800M, per: total, currency: ILS }
  - id: LG-1
    kind: loan-guarantee
    guarantees:
      EU: { amount: 200M, per: total }
    subsidyRate: 10%
    coFinance: 1x
`;
// A dollar plan: a grant of 100M a year over five years, 500 in all.
const DOLLARS =
  'name: dollars\nhorizon: { start: FY2027, years: 5 }\ngovernments: [US]\nmechanisms:\n  - { id: G-1, kind: grant-program, appropriations: { US: { amount: 100M, per: year } } }\n';

let repo = '';
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
const write = (path: string, text: string) => {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
};

interface Out {
  code: number;
  printed: string;
  /** Every file the review wrote (comment, summary, review.json, diffs), joined. */
  all: string;
  comment: string;
}

async function reviewOf(base: string, failIf: string): Promise<Out> {
  const out = tempDir();
  let printed = '';
  const code = await review({
    cwd: repo,
    base,
    globs: ['scenarios/**/*.yaml'],
    globsGiven: true,
    failIf,
    out,
    maxAnnotations: 10,
    strictClaims: false,
    cli: runCli,
    version: '0.0.0-test',
    print: (s) => void (printed += s),
  });
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [readFileSync(join(dir, e.name), 'utf8')],
    );
  return { code, printed, all: files(out).join('\n'), comment: readFileSync(join(out, 'comment.md'), 'utf8') };
}

beforeAll(() => {
  repo = tempDir();
  git('init', '-q', '-b', 'main');
  write('scenarios/euro.yaml', EURO);
  write('scenarios/dollars.yaml', DOLLARS);
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  // The euro plan's grant 100M -> 130M a year: +30 x 4 = +120 of EU budget cost and headline.
  write('scenarios/euro.yaml', EURO.replace('amount: 100M, per: year', 'amount: 130M, per: year'));
  // A new euro plan extending nothing: its own figures, EU budget cost 400 + 10% x 200 = 420.
  write('scenarios/euro-new.yaml', EURO.replace('name: euro plan', 'name: another euro plan'));
  git('add', '-A');
  git('commit', '-q', '-m', 'euro changes');
  // The dollar plan's grant 100M -> 110M a year: +10 x 5 = +50.
  write('scenarios/dollars.yaml', DOLLARS.replace('amount: 100M', 'amount: 110M'));
  git('add', '-A');
  git('commit', '-q', '-m', 'dollar change');
}, 60_000);

describe('the review of a euro plan', () => {
  it('prints its amounts in euros, and no USD or $ anywhere', { timeout: 120_000 }, async () => {
    // Only the euro commit: checked out there, against its parent (the base).
    git('checkout', '-q', 'HEAD~1');
    let e: Out;
    try {
      e = await reviewOf('HEAD~1', 'budgetCost.EU > +100');
    } finally {
      git('checkout', '-q', 'main');
    }
    expect(e.code).toBe(1); // +120 > +100
    expect(e.comment.split('\n')[0]).toBe(
      '### ❌ compact-model failed: 2 files changed · 1 failing · 1 threshold crossed · headline mobilization +120.0 · budget cost EU +120.0, IL ±0',
    );
    expect(e.comment).toContain('amounts in EUR millions');
    // Headline 800 + 120 = 920; the new plan's EU budget cost 420 and IL's 200.
    expect(e.comment).toContain('920.0 (+120.0)');
    expect(e.comment).toContain('EU 420.0<br>IL 200.0');
    // The annotation of the crossed threshold: 400 + 20 = 420 -> 520 + 20 = 540.
    expect(e.printed).toContain('change 120 (420 -> 540, EUR millions for amounts)');
    for (const text of [e.all, e.printed]) {
      expect(text).not.toContain('USD');
      expect(text).not.toContain('$');
    }
  });

  it(
    'beside a dollar plan: each figure names its currency, and each currency is totalled apart',
    { timeout: 120_000 },
    async () => {
      const r = await reviewOf('HEAD~2', '');
      expect(r.code).toBe(0);
      expect(r.comment.split('\n')[0]).toBe(
        '### ✅ compact-model passed: 3 files changed · 0 failing · 0 thresholds crossed · headline mobilization +50.0 USD, +120.0 EUR · budget cost US +50.0 USD, EU +120.0 EUR, IL ±0 EUR',
      );
      expect(r.comment).toContain("amounts in millions of each file's currency, named after each figure");
      // The dollar plan: 500 + 50 = 550.
      expect(r.comment).toContain('550.0 USD (+50.0)');
      expect(r.comment).toContain('920.0 EUR (+120.0)');
    },
  );
});
