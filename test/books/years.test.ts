// Years written as calendar years, and one diagnostic for an unusable horizon start.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/model/expr.js';
import { parseMetricPath, pathOf } from '../../src/model/paths.js';
import { cli } from '../support/cli.js';
import { evalYaml, M, tempDir } from '../support/scenario.js';

const PLAN = `name: cy
horizon: { start: CY2022, years: 3 }
sponsors: [US]
mechanisms:
  - { id: G, kind: grant-program, appropriations: { US: { byYear: { CY2022: 1M, CY2023: 2M } } } }
`;

describe('calendar years', () => {
  it('CY2022 names the year 2022: 1 + 2 = 3 over the horizon, 2 in its second year', () => {
    const m = evalYaml(PLAN).measure;
    expect(M(m.money('budgetCost', 'US'))).toBe('3');
    expect(M(m.money('budgetCost', 'US', undefined, 1))).toBe('2');
  });

  it('an unusable horizon start is one error, not one more per year written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), PLAN.replace('start: CY2022', 'start: CY-2022'));
    const r = await cli(['check', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/ error /g)).toHaveLength(1);
    expect(r.stderr).toContain('bad.yaml:2:19');
  });
});

describe('a calendar-year plan says CY everywhere', () => {
  const dir = tempDir();
  // 1 in CY2022, 2 in CY2023 (3 in all); the assertion reads CY2023 (2 <= 2: holds).
  writeFileSync(join(dir, 'cy.yaml'), `${PLAN}assert:\n  - budgetCost.US.CY2023 <= 2M\n`);

  it('in every format, with no FY label left', async () => {
    for (const args of [
      ['run'],
      ['run', '--format', 'json'],
      ['run', '--format', 'csv'],
      ['estimate'],
      ['explain', 'budgetCost.US'],
    ]) {
      const r = await cli([args[0]!, 'cy.yaml', ...args.slice(1)], { cwd: dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('CY2023');
      expect(r.stdout, args.join(' ')).not.toMatch(/FY\d/);
    }
    const j = JSON.parse((await cli(['run', 'cy.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(j.scenario.horizon).toEqual({ start: 'CY2022', end: 'CY2024', years: 3 });
    expect(j.metrics.budgetCost.byYear.CY2023.US).toBe('2');
  });

  it('in the workbook too: the years of the Ledger and of the formulas that sum them by year', async () => {
    const file = join(dir, 'cy.xlsx');
    expect((await cli(['run', 'cy.yaml', '--format', 'xlsx', '-o', file], { cwd: dir })).code).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(JSON.stringify(c.value)))));
    const all = texts.join('\n');
    expect(all).toContain('CY2023');
    expect(all).not.toMatch(/FY\d/);
  });

  it('a fiscal year written in it (or a calendar year in a fiscal-year plan) is one diagnostic', async () => {
    writeFileSync(join(dir, 'mixed.yaml'), PLAN.replace('CY2023: 2M', 'FY2023: 2M'));
    const r = await cli(['check', 'mixed.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/ error /g)).toHaveLength(1);
    expect(r.stderr).toContain('error year-kind');
    expect(r.stderr).toContain('"FY2023" is a fiscal year, but this plan\'s years are calendar years (CY)');
    expect(r.stderr).toContain('hint: write CY2023, or start the horizon at FY2022');
    writeFileSync(join(dir, 'fy.yaml'), PLAN.replace('start: CY2022', 'start: FY2022').replace('CY2023: 2M', 'FY2023: 2M'));
    const f = await cli(['check', 'fy.yaml'], { cwd: dir });
    expect(f.stderr.match(/ error /g)).toHaveLength(1);
    expect(f.stderr).toContain('"CY2022" is a calendar year, but this plan\'s years are fiscal years (FY)');
  });
});

describe("simulate of a calendar-year plan names the plan's years", () => {
  const dir = tempDir();
  // A ranged appropriation makes simulate draw; coFinance 2x is fixed.
  writeFileSync(
    join(dir, 'ranged.yaml'),
    PLAN.replace('CY2022: 1M,', 'CY2022: 1M-2M,').replace('} } } }', '} } }, coFinance: 2x }'),
  );
  // No ranged input: every trial is the same, so the fan's median is the plan's own figure.
  writeFileSync(join(dir, 'fixed.yaml'), PLAN.replace('} } } }', '} } }, coFinance: 2x }'));

  it('in its table, JSON and CSV', async () => {
    for (const format of ['table', 'json', 'csv']) {
      const r = await cli(['simulate', 'ranged.yaml', '--trials', '200', '--format', format], { cwd: dir });
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout, format).not.toMatch(/FY\d/);
    }
  });

  it("in the report's fan of cumulative mobilization, which reads the plan's years (it failed on CY)", async () => {
    const r = await cli(['report', 'fixed.yaml', '--simulate', '50', '-o', 'f.html'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'f.html'), 'utf8');
    // headline = public + 2x private: CY2022 1 + 2 = 3; CY2023 adds 2 + 4 = 6, so 9; CY2024 adds nothing, 9.
    expect(html).toContain('median (P50), CY2022: 3');
    expect(html).toContain('median (P50), CY2023: 9');
    expect(html).toContain('median (P50), CY2024: 9');
    expect(html).not.toMatch(/FY\d/);
  });

  it('in the paths it writes and the hints for a mistyped metric', () => {
    const n = { govs: ['US'], mechs: ['G'], start: 2022, years: 3, calendar: true };
    const ref = { kind: 'money', metric: 'budgetCost', gov: 'US', period: 1 } as const;
    expect(pathOf(ref, n)).toBe('budgetCost.US.CY2023');
    expect(pathOf(ref, { ...n, calendar: false })).toBe('budgetCost.US.FY2023');
    const r = parseMetricPath('nosuch.US', n);
    expect(r.ok).toBe(false);
    // The example year is the plan's third: 2022 + 2.
    if (!r.ok) expect(r.hint).toContain('publicCommitment.total.F-3.CY2024,');
    const e = parseExpr('publicCommitment..US', n);
    expect(e.ok).toBe(false);
    // The example spans the plan's years, at most five: CY2022..CY2024 here.
    if (!e.ok) expect(e.error.hint).toContain('publicCommitment.total.CY2022..CY2024');
  });
});

describe("a calendar-year euro plan's messages and real terms", () => {
  it('a window written backwards is named in CY, and real figures are in CY euros', async () => {
    const dir = tempDir();
    // from: CY2024 to: CY2022 runs backwards (2024 > 2022): one error naming both years as written.
    writeFileSync(
      join(dir, 'back.yaml'),
      PLAN.replace('{ byYear: { CY2022: 1M, CY2023: 2M } }', '{ amount: 3M, per: total, from: CY2024, to: CY2022 }'),
    );
    const bad = await cli(['check', 'back.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the window runs backwards: CY2024 to CY2022');
    expect(bad.stderr).not.toMatch(/FY20/);
    // The same plan in euros with 2% inflation: real figures are "CY2022 EUR", never dollars.
    writeFileSync(
      join(dir, 'eur.yaml'),
      `currency: EUR\n${PLAN.replace('sponsors: [US]', 'sponsors: [EU]').replace('US:', 'EU:')}`,
    );
    const r = await cli(['run', 'eur.yaml', '--inflation', '2%'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CY2022 EUR at 2%');
    expect(r.stdout).not.toMatch(/dollar|USD|\$/);
  });
});
