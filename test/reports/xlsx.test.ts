// run --format xlsx: read the workbook back; the summary totals are SUMIFS formulas over
// the Ledger sheet, their cached results equal the JSON totals, and recomputing them from
// the Ledger's cells (a small SUMIFS evaluator below) gives the same numbers.
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
  for (const t of formula.matchAll(/([+-]?)SUMIFS\(Ledger!\$E:\$E((?:,Ledger!\$[A-E]:\$[A-E],"[^"]*")+)\)/g)) {
    const crit = [...t[2]!.matchAll(/,Ledger!\$([A-E]):\$[A-E],"([^"]*)"/g)].map((m) => [col(m[1]!), m[2]!] as const);
    const s = ledger
      .filter((r) => crit.every(([c, v]) => (v.startsWith('<>') ? String(r[c]) !== v.slice(2) : String(r[c]) === v)))
      .reduce((a, r) => a + Number(r[4]), 0);
    total += t[1] === '-' ? -s : s;
  }
  return total;
}

describe('run --format xlsx', () => {
  it('writes Inputs, Ledger and formula-driven summaries that match the JSON', async () => {
    const dir = tempDir();
    const file = join(dir, 'baseline.xlsx');
    const r = await cli(['run', '--format', 'xlsx', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Inputs', 'Ledger', 'By mechanism', 'By year', 'Claims']);
    const json = await runJson();

    // Ledger: one row per flow, as in the JSON.
    const ledgerSheet = wb.getWorksheet('Ledger')!;
    const ledger: Row[] = [];
    ledgerSheet.eachRow((row, n) => {
      if (n > 1) ledger.push((row.values as Row).slice(1));
    });
    expect(ledger.length).toBe(json.flows.length);

    // Inputs: every figure with its citation; F-3 face value is the $2-3B range.
    const inputs = wb.getWorksheet('Inputs')!;
    const f3: Row[] = [];
    inputs.eachRow((row) => {
      if (row.getCell(1).value === 'mechanisms[F-3].obligations.US.amount') f3.push((row.values as Row).slice(1));
    });
    expect(f3[0]!.slice(0, 6)).toEqual([
      'mechanisms[F-3].obligations.US.amount',
      'USD millions',
      2000,
      2500,
      3000,
      '$2-3B (face value), l.581; over ten years, l.598; assumption: obligated evenly from FY2027 (l.598 makes a project-development facility a precondition)',
    ]);

    // Summary: every money metric x scope is a formula; cached = JSON = recomputed.
    const sum = wb.getWorksheet('Summary')!;
    let checked = 0;
    sum.eachRow((row) => {
      const metric = row.getCell(2).value;
      if (typeof metric !== 'string' || !(metric in json.metrics) || metric === 'leverage') return;
      ['US', 'IL', 'total'].forEach((scope, i) => {
        const c = row.getCell(3 + i);
        const f = c.formula;
        expect(f, `${metric} ${scope}`).toMatch(/^SUMIFS\(Ledger!/);
        const want = Number(
          metric === 'headlineMobilization' ? json.metrics.headlineMobilizationDetail[scope] : json.metrics[metric][scope],
        );
        expect(c.result, `${metric} ${scope}`).toBe(want);
        // Ledger cells are rounded to the dollar (6 places in millions), so a recomputed sum may differ in the 6th place.
        expect(evalSumifs(f, ledger)).toBeCloseTo(want, 4);
        checked++;
      });
    });
    expect(checked).toBe(9 * 3);
    // By hand: US budget cost 2500 + 125 + 750 + 1000 = 4375; headline 14825 public + 4000 private = 18825.
    const find = (label: string) => {
      let found: ExcelJS.Row | undefined;
      sum.eachRow((row) => {
        if (row.getCell(2).value === label) found = row;
      });
      return found!;
    };
    expect(find('budgetCost').getCell(3).result).toBe(4375);
    expect(find('headlineMobilization').getCell(5).result).toBe(18825);
    // Leverage is a formula over the summary cells: 4000 / 14825.
    expect(find('leverage.commitment').getCell(5).formula).toMatch(/^IF\(E\d+=0,"",E\d+\/E\d+\)$/);
    expect(find('leverage.commitment').getCell(5).result).toBe(Number(json.metrics.leverage.commitment.total));

    // By mechanism: formulas too; F-4 private 4000.
    const bm = wb.getWorksheet('By mechanism')!;
    bm.eachRow((row, n) => {
      if (n === 1) return;
      const id = String(row.getCell(1).value);
      const c = row.getCell(5);
      expect(c.formula).toContain(`Ledger!$C:$C,"${id}"`);
      expect(c.result).toBe(Number(json.metrics.privateMobilized.byMechanism[id].total));
      expect(evalSumifs(c.formula, ledger)).toBeCloseTo(Number(c.result), 4);
    });

    // By year: the running total ends at the headline.
    const by = wb.getWorksheet('By year')!;
    const last = by.getRow(by.rowCount);
    expect(last.getCell(1).value).toBe('FY2036');
    expect(last.getCell(last.cellCount).formula).toMatch(/^SUM\(/);
    expect(last.getCell(last.cellCount).result).toBe(18825);
  });
});
