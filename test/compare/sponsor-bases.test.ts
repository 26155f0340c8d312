// compare shows each sponsor on the scoring bases that apply to it only (model/bases.ts
// basesFor), worked by hand on test/fixtures/books/cash.yaml (its figures are worked in
// test/books/cash.test.ts): US on federal books, IL on cash books, a bank with no budget.
// Option B is the same plan with the U.S. sponsor on cash books.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';

const CASH = readFileSync('test/fixtures/books/cash.yaml', 'utf8');
const CASH_US = CASH.replace('type: government, basis: federal', 'type: government, basis: cash');

interface Row {
  path: string;
  basis: string | null;
  label: string;
  values: unknown[];
  notAvailable: (string | null)[];
}

describe('compare: per sponsor, only the bases that apply to it', () => {
  it('one option: IL has no federal rows, US no cash rows, the bank no budget rows; totals on every basis', async () => {
    const r = await cli(['compare', 'test/fixtures/books/cash.yaml', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows;
    const labels = rows.map((x) => x.label);
    expect(labels).not.toContain('Budget cost (federal), IL');
    expect(labels).not.toContain('Budget cost (cash), US');
    expect(labels.filter((l) => l.startsWith('Budget cost') && l.endsWith('BANK'))).toEqual([]);
    expect(labels.filter((l) => l.startsWith('Floor IL, budget'))).toEqual([
      'Floor IL, budget (as published): average',
      'Floor IL, budget (as published): every year',
      'Floor IL, budget (cash): average',
      'Floor IL, budget (cash): every year',
    ]);
    expect(labels.filter((l) => l.startsWith('Floor BANK, budget'))).toEqual([]);
    const value = (label: string) => rows.find((x) => x.label === label)!.values[0];
    // IL on cash: grants 300 paid 150 + 150, equity 100, the loan's 100 disbursed 50 + 50 = 500.
    expect(value('Budget cost (cash), IL')).toBe('500');
    // IL as published: grants 300 + the loan's subsidy 10% x 100 = 10 -> 310.
    expect(value('Budget cost (as published), IL')).toBe('310');
    // US federal: grants 120 x 3 + equity 200 = 560.
    expect(value('Budget cost (federal), US')).toBe('560');
    // Totals add each sponsor on the basis or on its own books: 560 + 500 = 1,060 on both.
    expect(value('Budget cost (federal), total')).toBe('1060');
    expect(value('Budget cost (cash), total')).toBe('1060');
  });

  it('a basis that applies to a sponsor in one option only: n/a with the reason in the other', async () => {
    const dir = writeFiles({ 'a.yaml': CASH, 'b.yaml': CASH_US });
    expect(CASH_US).not.toBe(CASH);
    const r = await cli(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows;
    const row = (label: string) => rows.find((x) => x.label === label)!;
    // B's US on cash: grants 120 a year paid in halves: 60 (FY2027), 60 + 60 (FY2028),
    // 60 + 60 (FY2029; FY2029's second half is past the horizon) = 300, and equity 200 paid in
    // FY2027 -> 500. A's US keeps federal books: n/a.
    expect(row('Budget cost (cash), US').values).toEqual([null, '500']);
    expect(row('Budget cost (cash), US').notAvailable[0]).toMatch(/cash basis does not apply to US/);
    // The reverse on federal: A's US 560 (above); B's US is not on federal books.
    expect(row('Budget cost (federal), US').values).toEqual(['560', null]);
    expect(row('Budget cost (federal), US').notAvailable[1]).toMatch(/federal basis does not apply to US/);
    // B's US floor on cash: 260, 120, 120 -> average 500 / 3 = 166.67, every year at least 100.
    expect(row('Floor US, budget (cash): average').values).toEqual([null, true]);
    expect(row('Floor US, budget (cash): every year').values).toEqual([null, true]);
    // The terminal table says n/a in those cells.
    const t = await cli(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--width', '100']);
    expect(t.stdout).toMatch(/Budget cost \(cash\), US +│ +n\/a +│/);
  });
});
