// Fiscal years that start in a stated month (issue 22 item 2): the attribution rule worked
// by hand, a sponsor's floor in its own years in every output, and bad input.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthPattern, ownYearName, ownYears, parseMonth, planFiscalStart } from '../../src/model/fiscal.js';
import type { Sponsor } from '../../src/model/scenario.js';
import { cli } from '../support/cli.js';
import { evalYaml, M, tempDir } from '../support/scenario.js';

const IL_PLAN = 'test/fixtures/books/fiscal-il.yaml';
const APRIL_PLAN = 'test/fixtures/books/fiscal-april.yaml';

/** A plan's years (start month `plan`; CY when `calendar`) and a sponsor starting in `own`. */
const pair = (plan: number | undefined, own: number, calendar = false) =>
  ownYears(
    { horizon: { start: 2027, years: 4, ...(calendar ? { calendar } : {}) }, ...(plan ? { fiscalYear: { starts: plan } } : {}) },
    { code: 'X', name: 'X', fiscalYear: { starts: own } } satisfies Sponsor,
  );

describe('the attribution rule: the plan year holding most of the months (a 6/6 tie: the one it starts in)', () => {
  it('months by name or three letters, any case', () => {
    expect([parseMonth('January'), parseMonth('oct'), parseMonth('SEPTEMBER'), parseMonth('Sept')]).toEqual([
      1,
      10,
      9,
      undefined,
    ]);
  });

  it("the editor's pattern accepts exactly what the parser does", () => {
    const re = new RegExp(monthPattern());
    for (const w of ['January', 'jan', 'MAY', 'May', 'Mayy', 'sept', 'September', 'Octobr', ' Oct', 'Dec', '10', ''])
      expect(re.test(w), w).toBe(parseMonth(w) !== undefined);
  });

  it('a plan names October for fiscal years and January for calendar years unless it says', () => {
    expect(planFiscalStart({ horizon: { start: 2027, years: 1 } })).toBe(10);
    expect(planFiscalStart({ horizon: { start: 2027, years: 1, calendar: true } })).toBe(1);
    expect(planFiscalStart({ horizon: { start: 2027, years: 1 }, fiscalYear: { starts: 4 } })).toBe(4);
  });

  it('January in an October plan: CY2027 is FY2027', () => {
    // CY2027 = Jan-Dec 2027. FY2027 = Oct 2026-Sep 2027 holds Jan-Sep 2027 = 9 months; FY2028 holds
    // Oct-Dec 2027 = 3. So CY2027 counts in FY2027: same number, shift 0.
    const o = pair(undefined, 1)!;
    expect(o).toMatchObject({ shift: 0, monthsInPlanYear: 9 });
    expect(ownYearName(o, 2027)).toBe('CY2027');
  });

  it('January in an April plan: CY2027 is FY2028', () => {
    // Named by the year they end in, FY2027 = Apr 2026-Mar 2027 and FY2028 = Apr 2027-Mar 2028.
    // CY2027 = Jan-Dec 2027: Jan-Mar 2027 = 3 months in FY2027, Apr-Dec 2027 = 9 in FY2028 -> FY2028.
    // So plan FY2028 is its CY2027: shift 2027 - 2028 = -1.
    const o = pair(4, 1)!;
    expect(o).toMatchObject({ shift: -1, monthsInPlanYear: 9 });
    expect(ownYearName(o, 2028)).toBe('CY2027');
  });

  it('April in an October plan: a 6/6 tie goes to the plan year it starts in', () => {
    // Its FY2028 = Apr 2027-Mar 2028: Apr-Sep 2027 = 6 months in plan FY2027 (Oct 2026-Sep 2027),
    // Oct 2027-Mar 2028 = 6 in FY2028. A tie: the plan year it starts in, FY2027. Shift 2028 - 2027 = +1.
    const o = pair(undefined, 4)!;
    expect(o).toMatchObject({ shift: 1, monthsInPlanYear: 6 });
    expect(ownYearName(o, 2027)).toBe('FY2028');
  });

  it('July and October in a calendar-year plan', () => {
    // July: its FY2027 = Jul 2026-Jun 2027, 6 months in CY2026 and 6 in CY2027: a tie, CY2026 (it
    // starts there). So CY2026 is its FY2027: shift +1.
    expect(pair(undefined, 7, true)).toMatchObject({ shift: 1, monthsInPlanYear: 6 });
    // October: FY2027 = Oct 2026-Sep 2027, 3 months in CY2026, 9 in CY2027 -> CY2027: shift 0.
    expect(pair(undefined, 10, true)).toMatchObject({ shift: 0, monthsInPlanYear: 9 });
  });

  it("a sponsor on the plan's own start has no years of its own", () => {
    expect(pair(undefined, 10)).toBeUndefined();
    expect(pair(1, 1, true)).toBeUndefined();
  });
});

describe('a January sponsor in an October plan: its floor in its own years', () => {
  // IL, by plan year FY2027..FY2030 (each its CY2027..CY2030, shift 0):
  //   grant G (appropriated): 150, 50, 120, 100 -> as published (grants only): avg 420 / 4 = 105;
  //     at least 100 in 150, 120, 100: 3 of 4.
  //   equity E: 40 a year, no budget cost as published; on the federal basis its investments count:
  //     190, 90, 160, 140 -> avg 580 / 4 = 145; 3 of 4 (90 < 100). Commitment: the same 190, 90, 160, 140.
  const m = evalYaml(readFileSync(IL_PLAN, 'utf8')).measure;

  it('amounts are the plan year figures: nothing moves between years', () => {
    const f = m.floor('IL', 'appropriated');
    expect(f.byYear.map(M)).toEqual(['150', '50', '120', '100']);
    expect(M(f.average)).toBe('105');
    expect(f.yearsMet).toBe(3);
    expect(m.floor('IL', 'commitment').byYear.map(M)).toEqual(['190', '90', '160', '140']);
  });

  it('run: the rule in a sentence and the table of its own years, by month', async () => {
    const r = await cli(['run', IL_PLAN, '--width', '120']);
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('FY2027-FY2030 (fiscal years from October)');
    expect(text).toContain("IL's fiscal years start in January, the plan's in October");
    expect(text).toContain(
      "its CY2027 (January-December 2027) is the plan's FY2027 (October 2026-September 2027), which holds 9 of its 12 months",
    );
    // The row of CY2028: 50 as published, 50 + 40 = 90 federal and committed; under 100 on every reading.
    expect(r.stdout).toMatch(/CY2028 +│ Jan-Dec 2028 │ FY2028 +│ +50\.0 │ +90\.0 │ +90\.0 │ none/);
    expect(r.stdout).toMatch(/CY2027 +│ Jan-Dec 2027 │ FY2027 +│ +150\.0 │ +190\.0 │ +190\.0 │ all/);
    // The U.S. is on the plan's years: no table of its own.
    expect(r.stdout).not.toContain('US: the floor by its own fiscal year');
  });

  it("JSON: the sponsor's own years (existing paths kept) and the month by name", async () => {
    const j = JSON.parse((await cli(['run', IL_PLAN, '--format', 'json'])).stdout);
    const il = j.scenario.governments.find((g: { code: string }) => g.code === 'IL');
    expect(il.fiscalYear.starts).toBe('January');
    expect(il.fiscalYear.monthsInPlanYear).toBe(9);
    expect(il.fiscalYear.years.FY2030).toEqual({ year: 'CY2030', from: '2030-01', to: '2030-12' });
    expect(j.metrics.floor.IL.commitment.byYear.FY2028).toEqual({ amount: '90', met: false, ownYear: 'CY2028' });
    expect(j.metrics.floor.US.commitment.byYear.FY2028).toEqual({ amount: '100', met: true });
    expect(j.scenario.fiscalYear).toBeUndefined();
  });

  it('markdown and HTML carry the same table', async () => {
    const md = (await cli(['run', IL_PLAN, '--format', 'markdown'])).stdout;
    expect(md).toContain('| CY2029 | Jan-Dec 2029 | FY2029 | 120.0 | 160.0 | 160.0 | all |');
    const file = join(tempDir(), 'r.html');
    expect((await cli(['report', IL_PLAN, '-o', file])).code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('table-floor-own-years-IL');
    expect(html).toContain('Jan-Dec 2029');
  });

  it('explain: the rule, the start month and its own year beside each plan year', async () => {
    const r = await cli(['explain', IL_PLAN, 'floor.IL.appropriated.met']);
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain("IL's fiscal years start in January, the plan's in October");
    expect(text).toMatch(/FY2028 │ CY2028 \(Jan-Dec 2028\) │ +50\.0/);
    const j = JSON.parse((await cli(['explain', IL_PLAN, 'floor.IL.appropriated.met', '--format', 'json'])).stdout);
    expect(j.parts[0].ownYears.FY2027).toBe('CY2027 (Jan-Dec 2027)');
    // The U.S. floor has no years of its own to show.
    const us = JSON.parse((await cli(['explain', IL_PLAN, 'floor.US.appropriated.met', '--format', 'json'])).stdout);
    expect(us.parts[0].ownYears).toBeUndefined();
  });
});

describe('an April plan with a January sponsor', () => {
  // Plan FY2027 = Apr 2026-Mar 2027, FY2028 = Apr 2027-Mar 2028, FY2029 = Apr 2028-Mar 2029.
  // EU's CY2026 (Jan-Dec 2026) has Apr-Dec 2026 = 9 months in FY2027 -> plan FY2027 is its CY2026,
  // FY2028 its CY2027, FY2029 its CY2028. EU: 12, 8, 10 against a floor of 10 -> met in CY2026 and
  // CY2028 (8 < 10 in CY2027); average 30 / 3 = 10: met.
  it('maps each plan year to the calendar year holding 9 of its months', async () => {
    const r = await cli(['run', APRIL_PLAN, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scenario.fiscalYear).toEqual({ starts: 'April' });
    const eu = j.scenario.governments.find((g: { code: string }) => g.code === 'EU');
    expect(eu.fiscalYear.years).toEqual({
      FY2027: { year: 'CY2026', from: '2026-01', to: '2026-12' },
      FY2028: { year: 'CY2027', from: '2027-01', to: '2027-12' },
      FY2029: { year: 'CY2028', from: '2028-01', to: '2028-12' },
    });
    expect(j.metrics.floor.EU.appropriated.byYear.FY2028).toEqual({ amount: '8', met: false, ownYear: 'CY2027' });
    expect(j.metrics.floor.EU.appropriated.average).toBe('10');
    expect(j.metrics.floor.EU.appropriated.met).toBe(true);
  });

  it('run names the plan year months and the tie-free rule', async () => {
    const r = await cli(['run', APRIL_PLAN, '--width', '120']);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('FY2027-FY2029 (fiscal years from April)');
    expect(text).toContain(
      "its CY2026 (January-December 2026) is the plan's FY2027 (April 2026-March 2027), which holds 9 of its 12 months",
    );
  });
});

describe('bad fiscal years', () => {
  it('calendar years that start in April: one diagnostic naming both fixes', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'cy.yaml'),
      `name: cy\nfiscalYear: { starts: April }\nhorizon: { start: CY2027, years: 2 }\nsponsors: [EU]\nmechanisms:\n  - { id: G, kind: grant-program, appropriations: { EU: 1M } }\n`,
    );
    const r = await cli(['check', 'cy.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/ error /g)).toHaveLength(1);
    expect(r.stderr).toContain('cy.yaml:2:23: error year-kind: fiscalYear.starts is April');
    expect(r.stderr).toContain('hint: for fiscal years starting in April, start the horizon at FY2027');
  });

  it('calendar years that say January, and fiscal years that start in January, are fine', async () => {
    const dir = tempDir();
    const plan = (fy: string, start: string, year: string) =>
      `name: ok\nfiscalYear: { starts: ${fy} }\nhorizon: { start: ${start}, years: 2 }\nsponsors: [EU]\nmechanisms:\n  - { id: G, kind: grant-program, appropriations: { EU: { byYear: { ${year}: 1M } } } }\n`;
    writeFileSync(join(dir, 'cy.yaml'), plan('January', 'CY2027', 'CY2028'));
    writeFileSync(join(dir, 'fy.yaml'), plan('JAN', 'FY2027', 'FY2028'));
    const r = await cli(['check', 'cy.yaml', 'fy.yaml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
  });
});
