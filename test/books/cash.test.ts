// The cash basis and the bases each sponsor is scored on, worked by hand on
// test/fixtures/books/cash.yaml: a U.S. federal sponsor, a government on cash books (its
// tables in shekels) and a bank with no budget. FY2027-FY2029, `halves` pays 50% a year
// over two years.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden } from '../support/golden.js';
import { cli } from '../support/cli.js';
import { evalYaml, M, tempDir } from '../support/scenario.js';

const FILE = 'test/fixtures/books/cash.yaml';
const CASH = readFileSync(FILE, 'utf8');
const byYear = (m: ReturnType<typeof evalYaml>['measure'], metric: 'budgetCost' | 'offsettingReceipts', g: string) =>
  [0, 1, 2].map((y) => M(m.money(metric, g, undefined, y)));

describe('a government on cash books', () => {
  const m = evalYaml(CASH).measure;
  const cash = m.onBasis('cash');
  const fed = m.onBasis('federal');

  it('pays its grants, equity and loans when paid, by year and in total', () => {
    // IL on cash, by year (FY2027, FY2028, FY2029):
    //   grant G: 300 appropriated in FY2027, paid in halves: 150, 150, 0
    //   equity E: 100 invested in FY2027: 100, 0, 0
    //   loan L: 100 face obligated in FY2028, disbursed in halves: 0, 50, 50
    //     (the face value, not the 10% subsidy; repayments are not modeled)
    //   = 250, 200, 50; total 500.
    expect(byYear(cash, 'budgetCost', 'IL')).toEqual(['250', '200', '50']);
    expect(M(cash.money('budgetCost', 'IL'))).toBe('500');
    // Outlays are the same figure on a cash basis.
    expect(M(cash.money('outlays', 'IL'))).toBe('500');
  });

  it('counts money back as revenue', () => {
    // E's 100 returns 1.5x a year later: 150 in FY2028. Net of it: 500 - 150 = 350.
    expect(byYear(cash, 'offsettingReceipts', 'IL')).toEqual(['0', '150', '0']);
    expect(M(cash.money('netBudgetCost', 'IL'))).toBe('350');
  });

  it('as published: the plan convention, the same for it as for anyone', () => {
    // G's 300 when appropriated (FY2027) + L's subsidy 10% x 100 = 10 when obligated (FY2028);
    // equity is not appropriated by default: 300, 10, 0 = 310.
    expect(byYear(m, 'budgetCost', 'IL')).toEqual(['300', '10', '0']);
    expect(M(m.money('budgetCost', 'IL'))).toBe('310');
  });

  it('the U.S. federal sponsor keeps federal scoring', () => {
    // US federal: G 120 a year when appropriated + E 200 when invested (FY2027):
    //   320, 120, 120 = 560; receipts: 1.5 x 200 = 300 in FY2028.
    expect(byYear(fed, 'budgetCost', 'US')).toEqual(['320', '120', '120']);
    expect(M(fed.money('budgetCost', 'US'))).toBe('560');
    expect(byYear(fed, 'offsettingReceipts', 'US')).toEqual(['0', '300', '0']);
    // As published: G's 120 a year only = 360.
    expect(M(m.money('budgetCost', 'US'))).toBe('360');
  });

  it('on a basis that does not apply, each is read on its own books: totals stay sums of real figures', () => {
    // Federal: IL is on cash books, so its federal figure is its cash one (500); total 560 + 500 = 1,060.
    expect(M(fed.money('budgetCost', 'IL'))).toBe('500');
    expect(M(fed.money('budgetCost'))).toBe('1060');
    // Cash: the U.S. on its own (federal) books, 560; total 560 + 500 = 1,060 again.
    expect(M(cash.money('budgetCost', 'US'))).toBe('560');
    expect(M(cash.money('budgetCost'))).toBe('1060');
    // As published applies to both: 360 + 310 = 670.
    expect(M(m.money('budgetCost'))).toBe('670');
  });

  it('the bank books no budget cost on any basis, but its commitment counts', () => {
    // BANK lends 500 from its own balance sheet in FY2027: commitment 500, budget cost 0.
    for (const x of [m, fed, cash]) expect(M(x.money('budgetCost', 'BANK'))).toBe('0');
    expect(M(m.money('publicCommitment', 'BANK'))).toBe('500');
    // Commitment: US 120 x 3 + 200 = 560; IL 300 + 100 + 100 = 500; BANK 500: 1,560.
    expect(M(m.money('publicCommitment'))).toBe('1560');
  });

  it('the floor on each sponsor basis: 100 a year', () => {
    // IL cash: 250, 200, 50 -> average 500 / 3 = 166.67 (met), 2 of 3 years at or above 100.
    const il = m.floor('IL', 'appropriated', 2);
    expect(il.met).toBe(true);
    expect(il.yearsMet).toBe(2);
    // IL as published: 300, 10, 0 -> average 103.33 (met), 1 year of 3.
    expect(m.floor('IL', 'appropriated', 0).yearsMet).toBe(1);
  });
});

describe('run shows each sponsor on its own bases only', () => {
  it('the floor table: IL budget, cash, never IL budget, federal; the bank on commitment only', async () => {
    const r = await cli(['run', FILE, '--basis', 'federal', '--width', '100']);
    expect(r.code, r.stderr).toBe(0);
    const table = r.stdout.slice(r.stdout.indexOf('Floor\n'), r.stdout.indexOf('By mechanism\n'));
    expect(table).toMatch(/IL +│ budget, cash/);
    expect(table).not.toMatch(/IL +│ budget, federal/);
    expect(table).not.toMatch(/US +│ budget, cash/);
    expect(table).not.toMatch(/BANK +│ budget/);
    golden('test/golden/run/cash-sponsors.floor.txt', table);
    // The header and the budget rows say who is read on its own books.
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('scoring basis: federal; IL on its own books (cash)');
  });

  it('the JSON: floorByBasis and multiplierByBasis name each sponsor under its own bases; budget cost adds them', async () => {
    const r = await cli(['run', FILE, '--basis', 'federal', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.metrics.floorByBasis.federal)).toEqual(['US']);
    expect(Object.keys(j.metrics.floorByBasis.cash)).toEqual(['IL']);
    expect(Object.keys(j.metrics.floorByBasis['as-published'])).toEqual(['US', 'IL']);
    expect(Object.keys(j.metrics.multiplierByBasis.federal)).toEqual(['US', 'total']);
    // 560 (US federal) + 500 (IL on its cash books) = 1,060, by year 320 + 250, 120 + 200, 120 + 50.
    expect(j.metrics.budgetCost.total).toBe('1060');
    expect([j.metrics.budgetCost.byYear.FY2027.total, j.metrics.budgetCost.byYear.FY2028.total]).toEqual(['570', '320']);
    expect(j.scenario.governments.map((g: { bases: string[] }) => g.bases)).toEqual([
      ['as-published', 'federal'],
      ['as-published', 'cash'],
      [],
    ]);
  });

  it('the CSV and markdown carry no federal reading for IL', async () => {
    const md = await cli(['run', FILE, '--format', 'markdown']);
    expect(md.stdout).toContain('| IL | budget, cash |');
    expect(md.stdout).not.toContain('| IL | budget, federal |');
    const csv = await cli(['run', FILE, '--format', 'csv', '--basis', 'cash']);
    // The flows on the cash basis: IL's loan disbursement, 50 in FY2028 (half of 100 face value).
    expect(csv.stdout).toMatch(/FY2028,IL,L,outlay,50(\.0+)?,cash/);
  });
});

describe('sponsor basis mistakes, all at once', () => {
  it('federal on a shekel government and on a bank, an unknown basis: each at its key, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      CASH.replace('currency: ILS, basis: cash', 'currency: ILS, basis: federal').replace(
        'type: bank }',
        'type: bank, basis: federal }\n  EU: { type: multilateral, basis: accrual }',
      ),
    );
    const r = await cli(['check', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bad\.yaml:10:\d+: error basis-not-for-sponsor: basis "federal" does not fit IL: .*books are in ILS/,
    );
    expect(r.stderr).toContain('write `basis: cash` for another government');
    expect(r.stderr).toMatch(/bad\.yaml:11:\d+: error basis-not-for-sponsor: basis "federal" does not fit BANK, a bank sponsor/);
    expect(r.stderr).toMatch(/bad\.yaml:12:\d+: error invalid-value: sponsors\.EU\.basis: "accrual" is not one of/);
    expect(r.stderr).toContain('a multilateral sponsor may have provisioning, cash, none');
  });

  it('federal on a government in a dollar plan that names no currency of its own is fine', () => {
    const s = evalYaml(CASH.replace('currency: ILS, basis: cash', 'basis: federal')).measure;
    // IL now federal: G 300 + E 100 when made (FY2027) + L's subsidy 10 (FY2028) = 410.
    expect(M(s.onBasis('federal').money('budgetCost', 'IL'))).toBe('410');
  });
});

describe('guarantees on the cash basis', () => {
  it('a provisioned guarantee costs its provisioning when set aside; a subsidized one its subsidy as the loans disburse', () => {
    const m = evalYaml(`
name: guarantees on cash books
horizon: { start: 2015, years: 3 }
sponsors:
  EU: { type: multilateral, basis: provisioning }
  GR: { type: government, basis: cash }
assumptions:
  profiles:
    halves: { shares: [50%, 50%], source: "assumption: paid out over two years" }
mechanisms:
  - id: P
    kind: loan-guarantee
    guarantees: { EU: { amount: 100M, per: year } }
    provisioning: { rate: 50% }
  - id: S
    kind: loan-guarantee
    guarantees: { GR: { byYear: { FY2015: 200M } } }
    subsidyRate: 10%
    disbursement: halves
`).measure.onBasis('cash');
    // P: 100 a year x 50% = 50 set aside and paid each year: 50, 50, 50 = 150.
    expect(byYear(m, 'budgetCost', 'EU')).toEqual(['50', '50', '50']);
    // S: 10% x 200 = 20 of subsidy, paid as the guaranteed loans disburse in halves: 10, 10, 0.
    expect(byYear(m, 'budgetCost', 'GR')).toEqual(['10', '10', '0']);
    expect(M(m.money('budgetCost'))).toBe('170');
  });
});
