// A sponsor's own books in `estimate` and in run's floor: its own section in its own
// currency (test/fixtures/books/euro-plan.yaml, IL in ILS at 4 per EUR) and labelled in its
// own fiscal years (test/fixtures/books/fiscal-il.yaml, IL's years start in January).
//
// euro-plan, IL: grants of 800M ILS over the 4 years, read at 4 ILS per EUR as 800 / 4 = 200
// EUR (50 a year). In its own section, back in ILS: 50 x 4 = 200 a year, 200 x 4 = 800 over
// FY2031-FY2034. The EU (no currency of its own) stays in euros: grants 100 a year plus the
// guarantee's subsidy 10% x 200 / 4 = 5 a year = 105 a year, 420 over the horizon.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOk } from '../support/cli.js';
import { tempDir } from '../support/scenario.js';

const FILE = 'test/fixtures/books/euro-plan.yaml';
const IL_PLAN = 'test/fixtures/books/fiscal-il.yaml';

const ok = async (args: string[]) => (await cliOk(args)).stdout;

/** The text of one sponsor's section: from its title to the next section's. */
function section(out: string, title: string, next: string): string {
  const from = out.indexOf(title);
  expect(from).toBeGreaterThanOrEqual(0);
  return out.slice(from, out.indexOf(next, from));
}

describe("estimate: a sponsor's section in its own currency", () => {
  it('shows IL in ILS: 200 a year and 800 over the horizon (= EUR 200 x 4), with no euro label', async () => {
    const out = await ok(['estimate', FILE, '--width', '120']);
    const il = section(out, 'Israel: cost estimate', 'Uncertainty');
    expect(il).toMatch(/By fiscal year, millions of ILS +│ FY2031 │ 2031-2034/);
    // Authorization and outlays of the grant: 200 in each year, 4 x 200 = 800 in total.
    expect(il).toMatch(/Estimated authorization level +│ +200 │ +200 │ +200 │ +200 │ +800 │/);
    expect(il).toMatch(/Spending subject to appropriation \(outlays\) +│ +200 │ +800 │/);
    expect(il).toContain('* = between -500,000 and 500,000 ILS.');
    // The one sentence that names the plan's currency says which rate converts it.
    const [para, ...rest] = il.split('\nSummary\n');
    expect(para!.replace(/\s+/g, ' ')).toContain(
      "every amount in this section is the plan's EUR figure converted to ILS at the stated 4 ILS per EUR (exchangeRates.ILS: assumption: 4 ILS per EUR)",
    );
    const tables = rest.join('');
    expect(tables).not.toMatch(/euro|EUR/);
  });

  it("leaves the plan's own sponsor in euros, and the side-by-side table in euros, saying so", async () => {
    const out = await ok(['estimate', FILE, '--width', '120']);
    const eu = section(out, 'European Union: cost estimate', 'Israel: cost estimate');
    expect(eu).toMatch(/By fiscal year, millions of euros +│ FY2031/);
    // 105 a year (100 grants + 5 subsidy), 4 x 105 = 420.
    expect(eu).toMatch(/Estimated authorization level +│ +105 │ +105 │ +105 │ +105 │ +420 │/);
    const unc = section(out, 'Uncertainty', 'Basis of estimate');
    // IL's 200 EUR (= 800 ILS / 4) stays in euros beside the EU's 420.
    expect(unc).toMatch(/Israel: outlays, 2031-2034 +│ +200 │ +200 │ +200 │/);
    expect(unc.replace(/\s+/g, ' ')).toContain(
      "Every sponsor here in the plan's currency (millions of euros), including IL, whose own section is in ILS.",
    );
  });

  it('a ranged rate: its base value converts, and the note gives the range', async () => {
    // 3.2-4.8 ILS per EUR, base 4: IL's 800M ILS is read as 800 / 4 = 200 EUR and shown as 200 x 4 = 800 ILS.
    const f = join(tempDir(), 'ranged.yaml');
    writeFileSync(f, readFileSync(FILE, 'utf8').replace('{ value: 4, source', '{ value: 3.2-4.8, source'));
    const out = await ok(['estimate', f, '--width', '120']);
    const il = section(out, 'Israel: cost estimate', 'Uncertainty');
    expect(il).toMatch(/Estimated authorization level +│ +200 │ +200 │ +200 │ +200 │ +800 │/);
    expect(il.replace(/\s+/g, ' ')).toContain('the rate is a range, 3.2 to 4.8, and its base value is used');
    const j = JSON.parse(await ok(['estimate', f, '--format', 'json'])).sponsors.IL;
    expect(j.exchangeRate).toEqual({ perPlanUnit: '4', range: { low: '3.2', high: '4.8' }, source: 'assumption: 4 ILS per EUR' });
  });

  it('JSON: IL gains its currency, the rate and its lines in ILS; the existing fields stay in euros', async () => {
    const j = JSON.parse(await ok(['estimate', FILE, '--format', 'json']));
    expect(j.units.amounts).toBe('EUR millions, exact (tables round to the million)');
    const il = j.sponsors.IL;
    expect(il.currency).toBe('ILS');
    expect(il.exchangeRate).toEqual({ perPlanUnit: '4', range: null, source: 'assumption: 4 ILS per EUR' });
    // In euros as before: 50 a year, 200 in all; in shekels 4 x 50 = 200 a year, 4 x 200 = 800.
    expect(il.subjectToAppropriation.outlays).toMatchObject({ FY2031: '50', '2031-2034': '200' });
    expect(il.inOwnCurrency.subjectToAppropriation.outlays).toMatchObject({ FY2031: '200', '2031-2034': '800', after: '0' });
    expect(il.inOwnCurrency.units).toContain('ILS millions');
    // The EU has no books of its own: no new field.
    expect(j.sponsors.EU.currency).toBeUndefined();
    expect(j.sponsors.EU.inOwnCurrency).toBeUndefined();
  });
});

describe("estimate: a sponsor's section in its own fiscal years", () => {
  // fiscal-il: IL's years start in January, the plan's in October; CY2027 holds 9 of FY2027's
  // months, so each FY20xx is IL's CY20xx. IL's grant: 150, 50, 120, 100 = 420 (as published);
  // E's equity (40 a year) is not appropriated by default (as in test/books/cash.test.ts), so
  // only the grant is in these lines, and FY2028's outlays are its 50.
  it("labels IL's columns CY2027..CY2030 with the rule, and leaves the U.S. in FY", async () => {
    const out = await ok(['estimate', IL_PLAN, '--width', '120']);
    const il = section(out, 'Israel: cost estimate', 'Uncertainty');
    expect(il).toMatch(/By calendar year, millions of dollars +│ CY2027 │ CY2028 │ CY2029 │ CY2030 │ 2027-2030 │/);
    expect(il).toMatch(/Estimated authorization level +│ +150 │ +50 │ +120 │ +100 │ +420 │/);
    expect(il.replace(/\s+/g, ' ')).toContain(
      "its CY2027 (January-December 2027) is the plan's FY2027 (October 2026-September 2027), which holds 9 of its 12 months",
    );
    expect(il).not.toContain('FY2028');
    const us = section(out, 'United States: cost estimate', 'Israel: cost estimate');
    expect(us).toMatch(/By fiscal year, millions of dollars +│ FY2027 │ FY2028 │ FY2029 │ FY2030 │ 2027-2030 │/);
  });

  it('JSON: its own label for each plan year; the columns stay the plan years', async () => {
    const j = JSON.parse(await ok(['estimate', IL_PLAN, '--format', 'json']));
    expect(j.sponsors.IL.ownYears).toEqual({ FY2027: 'CY2027', FY2028: 'CY2028', FY2029: 'CY2029', FY2030: 'CY2030' });
    expect(j.sponsors.IL.subjectToAppropriation.outlays.FY2028).toBe('50');
    expect(j.sponsors.US.ownYears).toBeUndefined();
  });
});

describe('run: the floor of a sponsor with its own currency', () => {
  it('one note gives its floor and averages in ILS; the table stays in euros', async () => {
    const out = await ok(['run', FILE, '--width', '120']);
    // Floor 50 EUR x 4 = 200 ILS. IL's average: 200 EUR / 4 years = 50 EUR a year, x 4 = 200 ILS
    // on each reading (its grants are all it has: budget cost and commitment alike). IL keeps
    // its books in shekels, so it is no U.S. federal sponsor: its own basis is cash.
    expect(out.replace(/\s+/g, ' ')).toContain(
      'IL in ILS: floor 200.0 a year; average 200.0 as-published, 200.0 cash, 200.0 commitment; converted at the stated 4 ILS per EUR',
    );
    expect(out).toMatch(/│ IL +│ budget, as published │ +50\.0 │/);
  });
});
