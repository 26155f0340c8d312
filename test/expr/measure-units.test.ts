// A measure (`measures:`) is shown in its expression's unit in every format: a ratio as a
// ratio, money as money, a division by zero as "not defined" (never 0).
//
// The plan is test/fixtures/generic/targets-plan.yaml (see test/expr/targets.test.ts):
//   publicCommitment.total = 500 (G-1) + 200 (L-1) = 700M; privateMobilized.total = 2 x 200 = 400M;
//   headlineMobilization.total = 700 + 400 = 1,100M.
// Measures added here:
//   lev       = 1,100 / 700 = 1.5714285...x -> "1.57x" (table), "1.571429" (JSON)
//   committed = 700M -> "700.0" (table), "700" (JSON, USD millions)
//   none      = 400 / (700 - 700) -> a division by zero: "not defined", JSON null
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-measure-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILE = join(dir, 'plan.yaml');
writeFileSync(
  FILE,
  `${readFileSync('test/fixtures/generic/targets-plan.yaml', 'utf8')}measures:
  - id: lev
    label: Total per public dollar
    sum: headlineMobilization.total / publicCommitment.total
  - id: committed
    label: Committed
    sum: publicCommitment.total
  - id: none
    label: Over nothing
    sum: privateMobilized.total / (publicCommitment.total - 700M)
claims:
  - id: lev-claim
    text: about one and a half times
    metric: measure.lev
    comparison: atLeast
    published: 1.5x
`,
);

/** The line of a table or list that starts with (or has a cell) `label`. */
const lineOf = (out: string, label: string) =>
  out.split('\n').find((l) => l.replace(/^[|│\s]+/, '').startsWith(label)) ?? `(no line for ${label})`;

describe("a plan's own measures, each in its unit", () => {
  it('table and markdown: a ratio as 1.57x, money as 700.0, a division by zero as "not defined"', async () => {
    for (const format of ['table', 'markdown']) {
      const r = await cli(['run', FILE, '--format', format, '--width', '160']);
      expect(r.code, r.stderr).toBe(0);
      expect(lineOf(r.stdout, 'Total per public dollar')).toMatch(/1\.57x/);
      expect(lineOf(r.stdout, 'Total per public dollar')).not.toMatch(/\b1\.6\b|0\.0/);
      expect(lineOf(r.stdout, 'Committed')).toMatch(/700\.0/);
      expect(lineOf(r.stdout, 'Over nothing')).toMatch(/not defined/);
    }
  });

  it('JSON: the ratio as a decimal, money in millions, not defined as null', async () => {
    const r = await cli(['run', FILE, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).metrics.measures).toEqual({ lev: '1.571429', committed: '700', none: null });
  });

  it('HTML: the ratio cell carries the JSON value, not an amount', async () => {
    const out = join(dir, 'plan.html');
    const r = await cli(['report', FILE, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const cell = html.match(/<td[^>]*data-json="\/metrics\/measures\/lev"[^>]*>[^<]*</)?.[0] ?? '';
    expect(cell).toContain('1.57x');
  });

  it('a claim on a ratio measure reads as a ratio: 1.57x is at least 1.5x', async () => {
    const r = await cli(['run', FILE, '--format', 'json']);
    const c = JSON.parse(r.stdout).claims.find((x: { id: string }) => x.id === 'lev-claim');
    // 1.571429 >= 1.5
    expect(c.computed).toBe('1.571429');
    expect(c.holds).toBe(true);
  });

  it('explain measure.lev: a ratio', async () => {
    const r = await cli(['explain', FILE, 'measure.lev']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('measure.lev = 1.57x');
  });
});

// The standard multipliers on the same plan (budget cost: 500M as published, the grants; on
// the federal basis 500 + 200 fund commitment = 700M):
//   multiplier.commitment = headline / public commitment = 1,100 / 700 = 1.571429x (no basis enters it)
//   multiplier (per budget dollar): as published 1,100 / 500 = 2.2x; federal 1,100 / 700 = 1.571429x
describe('standard multipliers', () => {
  it('JSON: multiplier.commitment, and the budget multiplier on every basis', async () => {
    const r = await cli(['run', 'test/fixtures/generic/targets-plan.yaml', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout).metrics;
    expect(m.multiplier.commitment.total).toBe('1.571429');
    expect(m.multiplier.total).toBe('2.2');
    expect(m.multiplierByBasis).toEqual({
      'as-published': { AA: '2.2', total: '2.2' },
      federal: { AA: '1.571429', total: '1.571429' },
    });
  });

  it('table: one row per basis and the commitment multiplier, each named', async () => {
    const r = await cli(['run', 'test/fixtures/generic/targets-plan.yaml', '--width', '160']);
    expect(lineOf(r.stdout, 'Multiplier: total investment per budget dollar (as published basis)')).toMatch(/2\.20x/);
    expect(lineOf(r.stdout, 'Multiplier: total investment per budget dollar (federal basis)')).toMatch(/1\.57x/);
    expect(lineOf(r.stdout, 'Multiplier: total investment per public dollar committed')).toMatch(/1\.57x/);
  });

  it('paths and explain: multiplier.commitment.total', async () => {
    const r = await cli(['explain', 'test/fixtures/generic/targets-plan.yaml', 'multiplier.commitment.total']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('multiplier.commitment.total = 1.57x');
    expect(r.stdout).toContain('headlineMobilization / publicCommitment');
  });
});

// "Not quantified" apart from 0: a credit facility with no coFinance (and no
// assumptions.coFinance) has private co-finance nobody stated. Face value 100M a year x 5 =
// 500M, subsidy 10% = 50M budget cost; its private money counts as 0 in totals (500 public
// + 0 private = 500 headline) but is shown as "not quantified", and JSON names the assumption.
describe('not quantified is not 0', () => {
  const credit = (coFinance: string) => `name: credit
horizon: { start: FY2031, years: 5 }
governments:
  AA: { name: Country A }
mechanisms:
  - id: C-1
    kind: credit-facility
    label: Loans
    obligations: { AA: { amount: 100M, per: year } }
    subsidyRate: 10%
${coFinance}`;

  it('table, markdown and JSON: "not quantified" / the unstated assumption; totals count it as 0', async () => {
    const file = join(dir, 'credit.yaml');
    writeFileSync(file, credit(''));
    for (const format of ['table', 'markdown']) {
      const r = await cli(['run', file, '--format', format, '--width', '160']);
      expect(r.code, r.stderr).toBe(0);
      expect(lineOf(r.stdout, 'C-1 Loans')).toMatch(/500\.0.*50\.0.*not quantified/);
    }
    const j = JSON.parse((await cli(['run', file, '--format', 'json'])).stdout);
    expect(j.metrics.notQuantified).toEqual({ 'C-1': { privateMobilized: 'assumptions.coFinance' } });
    expect(j.metrics.headlineMobilization).toBe('500');
  });

  it('a stated 0x is a figure of 0, not "not quantified"', async () => {
    const file = join(dir, 'credit0.yaml');
    writeFileSync(file, credit('    coFinance: 0x\n'));
    const r = await cli(['run', file, '--width', '160']);
    expect(lineOf(r.stdout, 'C-1 Loans')).not.toContain('not quantified');
    const j = JSON.parse((await cli(['run', file, '--format', 'json'])).stdout);
    expect(j.metrics.notQuantified).toEqual({});
  });
});
