// A plan unlike the shipped one (seven fiscal years, three governments, ids of its own,
// a negative-subsidy guarantee) runs through every format with the same figures, each
// worked out by hand from test/fixtures/generic/seven-years-three-governments.yaml.
//
// Budget cost, as-published basis (grants, credit and guarantees are appropriated by default;
// LP commitments are not):
//   AA: grants 70/yr x 7                                   = 490
//   BB: grants 140 total / 7 = 20/yr; guarantee -2% x 100/yr = -2/yr -> 18/yr x 7 = 126
//   CC: grants 30/yr FY2035-FY2037 = 90; loans 700 x 10% = 70 (10/yr)  = 160
//   total 490 + 126 + 160                                   = 776
// By year: FY2031-FY2034 70 + 18 + 10 = 98; FY2035-FY2037 70 + 18 + 40 = 128.
// Private: the guarantee backs 2x per guaranteed dollar, the guaranteed one included: (2 - 1) x 700 = 700 (BB);
//   fund 2x x 3 x 70 = 420 (140 each) -> 1,120.
// Public commitment: AA 490 + 70 = 560; BB 140 + 700 + 70 = 910; CC 90 + 700 + 70 = 860 -> 2,330.
// Headline = public commitment + private = 2,330 + 1,120 = 3,450 (target 2,000: met).
// Fees: 1% x 700 = 7 (BB), offsetting collections, not subtracted again.
// Outlays within the horizon (50/50 over two years, so the last year's second half falls after):
//   AA 490 - 35 = 455; BB (140 - 10) + (-14 + 1) = 117; CC (90 - 15) + (70 - 5) = 140 -> 712.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli, cliOk } from '../support/cli.js';
import { parseCsv } from '../support/csv.js';
import { tempDir } from '../support/scenario.js';

const FILE = 'test/fixtures/generic/seven-years-three-governments.yaml';
const GOVS = ['AA', 'BB', 'CC'];
const YEARS = ['FY2031', 'FY2032', 'FY2033', 'FY2034', 'FY2035', 'FY2036', 'FY2037'];
const BUDGET = { AA: 490, BB: 126, CC: 160, total: 776 };
const BY_YEAR = [98, 98, 98, 98, 128, 128, 128];

const ok = cliOk;

/** The cells of the first table row whose first cell is `label` (markdown or terminal). */
function rowOf(text: string, label: string, sep: string): string[] {
  const line = text.split('\n').find((l) => l.split(sep)[1]?.trim() === label);
  expect(line, `a row "${label}"`).toBeDefined();
  return line!
    .split(sep)
    .slice(2, -1)
    .map((c) => c.trim());
}

describe('a seven-year, three-government plan', () => {
  it('JSON: the hand-worked totals, by government, by year and by mechanism', async () => {
    const j = JSON.parse((await ok(['run', FILE, '--format', 'json'])).stdout);
    expect(j.scenario.horizon).toEqual({ start: 'FY2031', end: 'FY2037', years: 7 });
    expect(j.scenario.governments.map((g: { code: string }) => g.code)).toEqual(GOVS);
    for (const [k, v] of Object.entries(BUDGET)) expect(Number(j.metrics.budgetCost[k])).toBe(v);
    expect(Object.keys(j.metrics.budgetCost.byYear)).toEqual([...YEARS, 'after']);
    YEARS.forEach((y, i) => expect(Number(j.metrics.budgetCost.byYear[y].total)).toBe(BY_YEAR[i]));
    expect(Number(j.metrics.budgetCost.byMechanism['LG-1'].BB)).toBe(-14);
    expect(Number(j.metrics.privateMobilized.total)).toBe(1120);
    expect(Number(j.metrics.headlineMobilization)).toBe(3450);
    expect(j.metrics.target.met).toBe(true);
  });

  it('terminal and markdown tables: one column per government, one row per fiscal year', async () => {
    const table = (await ok(['run', FILE, '--width', '160'])).stdout;
    expect(rowOf(table, 'Budget cost (as published basis)', '│')).toEqual(['490.0', '126.0', '160.0', '776.0']);
    expect(rowOf(table, 'Headline mobilization', '│')).toEqual(['700.0', '1,750.0', '1,000.0', '3,450.0']);
    expect(rowOf(table, 'FY2037', '│')).toEqual(['70.0', '18.0', '40.0', '128.0']);
    expect(table).toContain('Target: 2,000.0 mobilized over 7 years: headline 3,450.0 -> MET');

    const md = (await ok(['run', FILE, '--format', 'markdown'])).stdout;
    expect(rowOf(md, 'Budget cost (as published basis)', '|')).toEqual(['490.0', '126.0', '160.0', '776.0']);
    expect(rowOf(md, 'Outlays (as published basis)', '|')).toEqual(['455.0', '117.0', '140.0', '712.0']);
    expect(md).toContain('| Metric | AA | BB | CC | Total |');
  });

  // With --discount 10% --inflation 2%: AA's budget cost is 70 a year for 7 years.
  //   present value = 70 x (1 - 1.1^-7) / 0.1 = 70 x 4.868419 = 340.79 -> 340.8
  //   real (FY2031 dollars) = 70 x (1 - 1.02^-7) / (1 - 1/1.02) = 70 x 6.6014309 = 462.10016 -> 462.1
  it('present value and real dollars appear in the table when asked for, as in the JSON', async () => {
    const args = ['run', FILE, '--discount', '10%', '--inflation', '2%', '--width', '160'];
    const table = (await ok(args)).stdout;
    const rows = table.split('\n').filter((l) => l.includes('Budget cost (as published basis)') && l.includes('│'));
    expect(rows.some((l) => /present value\s+│\s+340\.8 │/.test(l))).toBe(true);
    expect(rows.some((l) => /real\s+│\s+462\.1 │/.test(l))).toBe(true);
    const j = JSON.parse((await ok([...args, '--format', 'json'])).stdout);
    expect(Number(j.presentValue.metrics.budgetCost.AA.presentValue)).toBeCloseTo(340.789317, 5);
    expect(Number(j.presentValue.metrics.budgetCost.AA.real)).toBeCloseTo(462.100162, 5);
    expect((await ok(['run', FILE])).stdout).not.toContain('Present value');
  });

  it('CSV: the ledger sums to the same totals', async () => {
    const [head, ...rows] = parseCsv((await ok(['run', FILE, '--format', 'csv'])).stdout);
    expect(head).toEqual(['year', 'government', 'mechanism', 'flow', 'amount_musd', 'basis']);
    const sum = (gov: string | undefined, flow: string) =>
      rows.filter((r) => r[3] === flow && r[0] !== 'after' && (!gov || r[1] === gov)).reduce((a, r) => a + Number(r[4]), 0);
    for (const g of GOVS) expect(sum(g, 'budgetCost')).toBeCloseTo(BUDGET[g as keyof typeof BUDGET], 9);
    expect(sum(undefined, 'private')).toBeCloseTo(1120, 9);
    expect(sum('BB', 'fee')).toBeCloseTo(7, 9);
    expect(new Set(rows.map((r) => r[0]).filter((y) => y !== 'after'))).toEqual(new Set(YEARS));
  });

  it('XLSX: Summary formulas whose cached results are the hand-worked totals', async () => {
    const out = join(tempDir(), 'plan.xlsx');
    await ok(['run', FILE, '--format', 'xlsx', '-o', out]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows: unknown[][] = [];
    wb.getWorksheet('Summary')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const budget = rows.find((r) => r[0] === 'Budget cost (as published basis)')!;
    expect(budget.slice(1).map((c) => (c as { result: number }).result)).toEqual([490, 126, 160, 776]);
    expect((budget[1] as { formula: string }).formula).toContain('"AA"');
  });

  it('HTML: the report shows the same figures, each tied to its JSON pointer', async () => {
    const out = join(tempDir(), 'plan.html');
    await ok(['report', FILE, '-o', out]);
    const html = readFileSync(out, 'utf8');
    for (const [k, v] of Object.entries(BUDGET))
      expect(html).toContain(`data-json="/metrics/budgetCost/${k}" data-value="${v}">${v.toFixed(1)}</td>`);
    for (const y of YEARS) expect(html).toContain(y);
  });

  // A guarantee whose subsidy is positive: 3% x 100/yr = 3/yr, so BB = 140 + 21 = 161, +35 on
  // the plan's 126 (-14 -> +21); fees (1% x 700 = 7) are unchanged. The patch asserts BB <= 130.
  describe('a guarantee with a positive subsidy, as a patch', () => {
    const dir = tempDir();
    copyFileSync(FILE, join(dir, 'plan.yaml'));
    const patch = join(dir, 'costly.yaml');
    writeFileSync(
      patch,
      'extends: ./plan.yaml\nname: guarantee-costs\nmechanisms:\n  - id: LG-1\n    subsidyRate: 3%\nassert:\n  - budgetCost.BB <= 130\n',
    );

    it('run and explain: 161 for BB, the guarantee 21; run fails the assertion as check does', async () => {
      const r = await cli(['run', patch, '--format', 'json']);
      // The numbers are printed, the broken rule reported, and the exit is 1, as in check.
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('costly.yaml:7:5: error assertion-failed');
      const j = JSON.parse(r.stdout);
      expect(j.warnings.map((w: { code: string }) => w.code)).toContain('assertion-failed');
      expect(Number(j.metrics.budgetCost.BB)).toBe(161);
      expect(Number(j.metrics.budgetCost.byMechanism['LG-1'].BB)).toBe(21);
      expect(Number(j.metrics.fees.BB)).toBe(7);
      const ex = (await ok(['explain', patch, 'budgetCost.BB'])).stdout;
      expect(ex).toContain('budgetCost.BB = 161.0 USD millions');
      expect(ex).toContain('check: 140.0 + 21.0 = 161.0');
    });

    it('diff: BB +35.0 (+27.8%: 35 / 126), the others unchanged', async () => {
      const j = JSON.parse((await ok(['diff', join(dir, 'plan.yaml'), patch, '--format', 'json'])).stdout);
      expect(j.summary.text).toContain('budget cost AA unchanged, BB +35.0 (+27.8%), CC unchanged');
    });

    it('check: the assertion fails (161 > 130), exit 1, at its line', async () => {
      const r = await cli(['check', patch]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('costly.yaml:7:5: error assertion-failed');
      expect(r.stderr).toContain('budgetCost.BB is 161');
    });

    it('simulate: with no ranges every percentile is the point figure', async () => {
      const j = JSON.parse((await ok(['simulate', patch, '--trials', '200', '--format', 'json'])).stdout);
      expect(j.scenario.horizon).toEqual({ start: 'FY2031', years: 7 });
      expect(j.metrics.publicCommitment.BB).toEqual({ p5: 910, p50: 910, p95: 910, mean: 910 });
    });
  });
});
