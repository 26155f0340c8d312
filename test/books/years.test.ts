// Years written as calendar years, and one diagnostic for an unusable horizon start.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
