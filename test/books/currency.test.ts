// A plan in euros with a sponsor writing shekels (test/fixtures/books/euro-plan.yaml):
// figures worked out by hand, every output free of dollars, the rate an input of
// sensitivity when it is a range, and each currency mistake one diagnostic.
//
// euro-plan, at 4 ILS per EUR:
//   EU grants 100M/yr x 4 = 400; IL grants 800M ILS / 4 = 200 EUR (50/yr)
//   EU guarantee 200 total (50/yr), subsidy 10% -> budget cost 20 (5/yr); co-finance 1x -> private 200
//   public commitment EU 400 + 200 = 600; IL 200; total 800
//   budget cost (as published) EU 400 + 20 = 420; IL 200; total 620
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliOk } from '../support/cli.js';
import { evalYaml, M, tempDir } from '../support/scenario.js';

const FILE = 'test/fixtures/books/euro-plan.yaml';
const PLAN = readFileSync(FILE, 'utf8');

const ok = cliOk;

describe('a plan in euros', () => {
  it('gives the hand-worked figures, the shekel amount converted at 4 ILS per EUR', () => {
    const m = evalYaml(PLAN).measure;
    expect(M(m.money('publicCommitment', 'EU'))).toBe('600');
    expect(M(m.money('publicCommitment', 'IL'))).toBe('200');
    expect(M(m.money('budgetCost', 'EU'))).toBe('420');
    expect(M(m.money('budgetCost'))).toBe('620');
    // 800M ILS / 4 = 200M EUR over 4 years: 50 a year.
    expect(M(m.money('publicCommitment', 'IL', undefined, 0))).toBe('50');
  });

  it('names the currency in the JSON units and the CSV column; a dollar plan keeps amount_musd', async () => {
    const j = JSON.parse((await ok(['run', FILE, '--format', 'json'])).stdout);
    expect(j.units.amounts).toBe('EUR millions');
    expect(j.units.ratios).toBe('private EUR per public EUR');
    const csv = (await ok(['run', FILE, '--format', 'csv'])).stdout;
    expect(csv.split('\r\n')[0]).toMatch(/^year,government,mechanism,flow,amount_meur(,|$)/);
    const usd = (await ok(['run', 'scenarios/compact-2026.yaml', '--format', 'csv'])).stdout;
    expect(usd.split('\r\n')[0]).toMatch(/^year,government,mechanism,flow,amount_musd(,|$)/);
  });

  it('prints no USD and no $ in any format', async () => {
    const runs: string[][] = [
      ['run', FILE],
      ['run', FILE, '--format', 'json'],
      ['run', FILE, '--format', 'csv'],
      ['run', FILE, '--format', 'markdown'],
      ['estimate', FILE],
      ['estimate', FILE, '--format', 'json'],
      ['estimate', FILE, '--format', 'markdown'],
      ['explain', FILE, 'headlineMobilization'],
      ['explain', FILE, 'publicCommitment.IL', '--format', 'json'],
      ['check', FILE, '--verbose'],
      ['simulate', FILE, '--trials', '200'],
      ['simulate', FILE, '--trials', '200', '--format', 'json'],
      ['simulate', FILE, '--trials', '200', '--format', 'csv'],
      ['sensitivity', FILE],
      ['sensitivity', FILE, '--format', 'json'],
      ['diff', FILE, FILE, '--all'],
      ['diff', FILE, FILE, '--all', '--format', 'json'],
      ['diff', FILE, FILE, '--all', '--format', 'csv'],
    ];
    for (const args of runs) {
      const r = await ok(args);
      expect(`${r.stdout}${r.stderr}`, args.join(' ')).not.toMatch(/USD|\$|dollar/);
    }
    const dir = tempDir();
    await ok(['report', FILE, '-o', join(dir, 'r.html')]);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).not.toMatch(/USD|dollar/);
    await ok(['run', FILE, '--format', 'xlsx', '-o', join(dir, 'r.xlsx')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'r.xlsx'));
    // Cell text only: a formula's absolute references ($E:$E) are not money.
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'string') expect(c.value).not.toMatch(/USD|\$|dollar/);
        }),
      ),
    );
    expect(wb.getWorksheet('Ledger')!.getRow(1).getCell(5).value).toBe('amount_meur');
  });

  it('explain shows the conversion: the amount as written, the rate and the result', async () => {
    const r = await ok(['explain', FILE, 'publicCommitment.IL']);
    expect(r.stdout).toContain('publicCommitment.IL = 200.0 EUR millions');
    expect(r.stdout).toContain('= 800 ILS millions');
    expect(r.stdout).toContain('converted at exchangeRates.ILS.value = 4 ILS per EUR: 800 / 4 = 200 EUR millions');
    const j = JSON.parse((await ok(['explain', FILE, 'publicCommitment.IL', '--format', 'json'])).stdout);
    const input = j.parts[0].mechanisms[0].inputs[0];
    expect(input.unit).toBe('ILS millions');
    expect(input.converted).toMatchObject({ currency: 'ILS', rate: 'exchangeRates.ILS.value', base: '200' });
  });
});

describe('an exchange-rate range', () => {
  // 800M ILS at 3.2-4.8 ILS per EUR (base 4): 250 at the low rate, 166.666667 at the high one.
  const ranged = PLAN.replace('{ value: 4, source', '{ value: 3.2-4.8, source');

  it('is an input of sensitivity: the shekel amount swings with it', async () => {
    const dir = tempDir();
    const f = join(dir, 'r.yaml');
    writeFileSync(f, ranged);
    const j = JSON.parse((await ok(['sensitivity', f, '--metric', 'publicCommitment.IL', '--format', 'json'])).stdout);
    const rate = j.inputs.find((x: { path: string }) => x.path === 'exchangeRates.ILS.value');
    // The low rate (3.2) gives the high commitment: 800 / 3.2 = 250; 800 / 4.8 = 166.666667.
    expect(rate).toMatchObject({ low: '3.2', high: '4.8', atLow: '250', atHigh: '166.666667' });
  });

  it('is drawn by simulate: the commitment varies between the two ends', async () => {
    const dir = tempDir();
    const f = join(dir, 'r.yaml');
    writeFileSync(f, ranged);
    const j = JSON.parse((await ok(['simulate', f, '--trials', '400', '--format', 'json'])).stdout);
    const il = j.metrics.publicCommitment.IL;
    expect(il.p5).toBeGreaterThan(166.66);
    expect(il.p95).toBeLessThan(250.01);
    expect(il.p95 - il.p5).toBeGreaterThan(20);
  });
});

describe('currency mistakes', () => {
  it('are each one diagnostic with a hint, all at once, exit 2', async () => {
    const bad = PLAN.replace('currency: EUR', 'currency: EURO')
      .replace('ILS: { value: 4,', 'GBP: { value: 0,')
      .replace('IL: { name: Israel, currency: ILS }', 'IL: { name: Israel, currency: ils }');
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), bad);
    const r = await cli(['check', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"EURO" is not an ISO 4217 currency code');
    expect(r.stderr).toContain('"ils" is not an ISO 4217 currency code');
    expect(r.stderr).toContain('write it in capitals: ILS');
  });

  it('a missing rate and a rate of zero: each its own diagnostic at its place', async () => {
    const bad = PLAN.replace('ILS: { value: 4,', 'GBP: { value: 0,');
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), bad);
    const r = await cli(['check', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:6:\d+.*exchange rate for GBP must be above zero/);
    expect(r.stderr).toMatch(/bad\.yaml:10:\d+.*no rate for ILS/);
    expect(r.stderr).toMatch(/bad\.yaml:20:\d+.*no rate for ILS/);
    expect(r.stderr).toContain('exchangeRates: { ILS:');
  });
});
