// run --format xlsx: read the workbook back; the summary totals are SUMIFS formulas over
// the Ledger sheet, their cached results equal the JSON totals, and recomputing them from
// the Ledger's cells (a small SUMIFS evaluator below) gives the same numbers. (The ratios,
// the floor and the Ledger's own formulas over the Inputs: xlsx-live.test.ts.)
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/scenario.js';
import { runJson } from './support.js';

type Row = (string | number)[];

/** Evaluates a sum of SUMIFS terms over the ledger rows, as a spreadsheet would. */
function evalSumifs(formula: string, ledger: Row[]): number {
  const col = (c: string) => c.charCodeAt(0) - 65;
  let total = 0;
  for (const t of formula.matchAll(/([+-]?)SUMIFS\(Ledger!\$E:\$E((?:,Ledger!\$[A-F]:\$[A-F],"[^"]*")+)\)/g)) {
    const crit = [...t[2]!.matchAll(/,Ledger!\$([A-F]):\$[A-F],"([^"]*)"/g)].map((m) => [col(m[1]!), m[2]!] as const);
    const s = ledger
      .filter((r) => crit.every(([c, v]) => (v.startsWith('<>') ? String(r[c]) !== v.slice(2) : String(r[c]) === v)))
      .reduce((a, r) => a + Number((r[4] as unknown as { result: number }).result ?? r[4]), 0);
    total += t[1] === '-' ? -s : s;
  }
  return total;
}

describe('run --format xlsx', () => {
  it('renders the report model with SUMIFS formulas over the Ledger that match the JSON', async () => {
    const dir = tempDir();
    const file = join(dir, 'baseline.xlsx');
    const r = await cli(['run', '--format', 'xlsx', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`wrote ${file}\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'By mechanism', 'By year', 'Claims', 'Inputs', 'Ledger']);
    const json = await runJson();

    // Ledger: one row per flow on the scenario's basis, as in the JSON, then the budget flows on the other basis.
    const ledgerSheet = wb.getWorksheet('Ledger')!;
    const ledger: Row[] = [];
    ledgerSheet.eachRow((row, n) => {
      if (n > 1) ledger.push((row.values as Row).slice(1));
    });
    expect(ledger.filter((r) => r[5] === 'as-published').length).toBe(json.flows.length);
    expect(
      ledger.filter((r) => r[5] === 'federal').every((r) => ['budgetCost', 'outlay', 'receipt'].includes(String(r[3]))),
    ).toBe(true);

    // Inputs: every figure with the value the workbook computes with (the base case) and its citation, numbers as numbers; F-3 face value is the $2-3B range.
    const inputs = wb.getWorksheet('Inputs')!;
    const f3: Row[] = [];
    inputs.eachRow((row) => {
      if (row.getCell(1).value === 'mechanisms[F-3].obligations.US.amount') f3.push((row.values as Row).slice(1));
    });
    expect(f3[0]!.slice(0, 8)).toEqual([
      'mechanisms[F-3].obligations.US.amount',
      'USD millions',
      2500,
      2000,
      2500,
      3000,
      'formula: the Ledger reads it',
      '$2-3B (face value), l.581; over ten years, l.598; assumption: obligated evenly from FY2027 (l.598 makes a project-development facility a precondition)',
    ]);

    // Every money figure in every sheet is a formula whose cached result the Ledger recomputes.
    let formulas = 0;
    for (const ws of wb.worksheets) {
      if (ws.name === 'Ledger') continue;
      ws.eachRow((row) =>
        row.eachCell((c) => {
          // Sums only here (a ratio, a verdict or a floor is a formula over sums too).
          if (!c.formula || !/^-?SUMIFS\(Ledger!/.test(c.formula)) return;
          expect(c.formula, `${ws.name}!${c.address}`).toMatch(/^-?SUMIFS\(Ledger!/);
          // Ledger cells are rounded to the dollar (6 places in millions), so a recomputed sum may differ in the 6th place.
          expect(evalSumifs(c.formula, ledger), `${ws.name}!${c.address}`).toBeCloseTo(Number(c.result), 4);
          formulas++;
        }),
      );
    }
    expect(formulas).toBeGreaterThan(200);

    // The same labels as the other formats, and the figures worked by hand:
    // US budget cost 2500 + 125 + 750 + 1000 + S-1B 7.5 = 4382.5; headline 14840 public + 4015 private = 18855.
    const sum = wb.getWorksheet('Summary')!;
    const find = (label: string) => {
      let found: ExcelJS.Row | undefined;
      sum.eachRow((row) => {
        if (row.getCell(1).value === label && !found) found = row;
      });
      return found!;
    };
    expect(find('Budget cost (as published basis)').getCell(2).result).toBe(4382.5);
    expect(find('Budget cost (as published basis)').getCell(2).formula).toContain('Ledger!$B:$B,"US"');
    expect(find('Headline mobilization').getCell(4).result).toBe(18855);
    expect(Number(json.metrics.headlineMobilization)).toBe(18855);
    // Ratios are formulas: the multiplier is headline / budget cost = 18855 / 8465 = 2.227407 (6 places).
    expect(find('Multiplier: total investment per budget dollar (as published basis)').getCell(4).result).toBe(2.227407);
    // Fund crowd-in over the funds only: F-4 private 4000 / F-4 anchors 2000 = 2; the anchors are a formula over F-4's rows.
    expect(find('Fund crowd-in: private LP per public anchor dollar').getCell(4).result).toBe(2);
    expect(find('Public anchor commitments to funds').getCell(4).formula).toContain('Ledger!$C:$C,"F-4"');
    expect(find('Public anchor commitments to funds').getCell(4).result).toBe(2000);

    // By mechanism: F-4's private capital, 2 x 1000M x 2x crowd-in = 4000, as a formula over F-4's flows.
    const bm = wb.getWorksheet('By mechanism')!;
    let f4: ExcelJS.Row | undefined;
    bm.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('F-4 ')) f4 = row;
    });
    expect(f4!.getCell(5).formula).toContain('Ledger!$C:$C,"F-4"');
    expect(f4!.getCell(5).result).toBe(4000);
  });
});
