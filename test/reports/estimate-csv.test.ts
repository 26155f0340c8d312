// estimate --format csv: one row per government and line, each government in the currency its
// section of the report reads in, named in the last column.
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { parseCsv } from '../support/csv.js';

async function estimateRows(args: string[]): Promise<Record<string, string>[]> {
  const r = await cli(['estimate', ...args, '--format', 'csv']);
  expect(r.code).toBe(0);
  const [head, ...rows] = parseCsv(r.stdout);
  return rows.map((row) => Object.fromEntries(head!.map((h, i) => [h, row[i]!])));
}

const row = (rows: Record<string, string>[], gov: string, line: string, mechanism = '') =>
  rows.find((r) => r.government === gov && r.line === line && r.mechanism === mechanism && r.category !== 'directSpending');

describe('estimate --format csv', () => {
  it('reads a sponsor with its own currency in it, as the report does, and says which', async () => {
    // test/fixtures/books/euro-plan.yaml, EUR plan, FY2031-FY2034, 4 ILS per EUR:
    //   EU: G-1 100M a year; LG-1 guarantees 200M at a 10% subsidy = 20M over 4 years = 5 a year.
    //   IL: G-1 800M ILS in total = 200 ILS a year (50 EUR a year x 4).
    const rows = await estimateRows(['test/fixtures/books/euro-plan.yaml']);
    const eu = row(rows, 'EU', 'authorizationLevel')!;
    expect([eu.FY2031, eu['2031-2034'], eu.currency]).toEqual(['105', '420', 'EUR']);
    expect(row(rows, 'EU', 'budgetAuthority', 'LG-1')!.FY2034).toBe('5');
    const il = row(rows, 'IL', 'budgetAuthority', 'G-1')!;
    expect([il.FY2031, il.FY2034, il['2031-2034'], il.currency]).toEqual(['200', '200', '800', 'ILS']);
    // Every row names its currency; none is left blank.
    expect(rows.every((r) => (r.government === 'IL' ? r.currency === 'ILS' : r.currency === 'EUR'))).toBe(true);
  });

  it("keeps the baseline's figures, in dollars", async () => {
    // Budget cost as published over FY2027-FY2036 (FINANCING-FACTS.md, worked out by hand in
    // test/core): US 4,382.5M, Israel 4,082.5M; the estimate's authorization level is that cost.
    const rows = await estimateRows([]);
    expect(row(rows, 'US', 'authorizationLevel')!['2027-2036']).toBe('4382.5');
    expect(row(rows, 'IL', 'authorizationLevel')!['2027-2036']).toBe('4082.5');
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['USD']));
  });
});
