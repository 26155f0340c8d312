// The live workbook: the Ledger's amounts are formulas over the Inputs sheet, and the floor,
// the target, the ratios and the tests formulas over the Ledger's sums. Recomputed as a
// spreadsheet would (test/support/formula.ts), every formula gives the value `run` cached
// in it; after editing inputs in the Inputs sheet, the workbook gives what `run` gives on
// the scenario patched the same way. Where LibreOffice is installed, it recomputes too.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { cli } from '../support/cli.js';
import { Recalc } from '../support/formula.js';
import { tempDir } from '../support/scenario.js';
import { runJson } from './support.js';

const BASELINE = resolve('scenarios/compact-2026.yaml');

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The row of the Inputs sheet whose path is `path`. */
function inputRow(wb: ExcelJS.Workbook, path: string): number {
  let at = 0;
  wb.getWorksheet('Inputs')!.eachRow((r, n) => {
    if (r.getCell(1).value === path) at = n;
  });
  expect(at, path).toBeGreaterThan(0);
  return at;
}

/** The Summary's floor table row of one government and reading: [avg, shortfall, average verdict, years, every year]. */
function floorRow(wb: ExcelJS.Workbook, calc: Recalc, gov: string, reading: string) {
  let row = 0;
  wb.getWorksheet('Summary')!.eachRow((r, n) => {
    if (r.getCell(1).value === gov && r.getCell(2).value === reading) row = n;
  });
  expect(row, `${gov} ${reading}`).toBeGreaterThan(0);
  return ['C', 'D', 'E', 'F', 'G'].map((c) => calc.cell('Summary', `${c}${row}`));
}

function summaryRow(wb: ExcelJS.Workbook, label: string): number {
  let row = 0;
  wb.getWorksheet('Summary')!.eachRow((r, n) => {
    if (r.getCell(1).value === label && !row) row = n;
  });
  expect(row, label).toBeGreaterThan(0);
  return row;
}

/** The baseline's workbook with two inputs edited: F-2's US appropriation 250M -> 300M a year, the floor 500M -> 450M a year. */
async function editedBaseline() {
  const dir = tempDir();
  const file = join(dir, 'live.xlsx');
  expect((await cli(['run', BASELINE, '--format', 'xlsx', '-o', file])).code).toBe(0);
  const wb = await workbook(file);
  wb.getWorksheet('Inputs')!.getCell(`C${inputRow(wb, 'mechanisms[F-2].appropriations.US.amount')}`).value = 300;
  wb.getWorksheet('Inputs')!.getCell(`C${inputRow(wb, 'targets.floor.value')}`).value = 450;
  return { dir, wb };
}

describe('run --format xlsx: a live workbook', () => {
  // The baseline; a plan with target tests of every kind; the federal scoring basis.
  it.each([BASELINE, resolve('test/fixtures/generic/targets-plan.yaml'), resolve('scenarios/federal-basis.yaml')])(
    'every formula recomputes to the value run cached in it: %s',
    async (scenario) => {
      const file = join(tempDir(), 'live.xlsx');
      expect((await cli(['run', scenario, '--format', 'xlsx', '-o', file])).code).toBe(0);
      const wb = await workbook(file);
      // A plan with no claims gets no empty Claims sheet (the Inputs and Ledger are always there).
      expect(wb.worksheets.map((w) => w.name)).toEqual(
        expect.arrayContaining(['Summary', 'Inputs', 'Ledger', ...(scenario.endsWith('targets-plan.yaml') ? [] : ['Claims'])]),
      );
      if (scenario.endsWith('targets-plan.yaml')) expect(wb.getWorksheet('Claims')).toBeUndefined();
      const calc = new Recalc(wb);
      let formulas = 0;
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((c) => {
            if (!c.formula) return;
            const got = calc.cell(ws.name, c.address);
            // exceljs reads a cached 0 back as no result.
            const want = c.result ?? 0;
            if (typeof want === 'number') expect(Number(got), `${ws.name}!${c.address}`).toBeCloseTo(want, 5);
            else expect(got, `${ws.name}!${c.address}`).toBe(want);
            formulas++;
          }),
        );
      expect(formulas).toBeGreaterThan(100);
      // Every flow of these plans is a polynomial in its inputs: no Ledger amount is a value.
      const ledger = wb.getWorksheet('Ledger')!;
      ledger.eachRow((r, n) => {
        if (n > 1) expect(r.getCell(7).value, `Ledger row ${n}`).toBe('formula');
      });
    },
  );

  it('editing inputs in the Inputs sheet recomputes the workbook as run does on the patched scenario', async () => {
    const { dir, wb } = await editedBaseline();
    const calc = new Recalc(wb);
    writeFileSync(
      join(dir, 'patched.yaml'),
      [
        `extends: ${JSON.stringify(BASELINE)}`,
        'name: patched',
        'mechanisms:',
        '  - id: F-2',
        '    appropriations: { US: { amount: 300M } }',
        'targets:',
        '  floor: { value: 450M }',
        '',
      ].join('\n'),
    );
    const json = await runJson([join(dir, 'patched.yaml')]);
    const floor = json.metrics.floor;

    // By hand: US budget cost (as published) 4,382.5 + 10 years x 50 = 4,882.5, an average of
    // 488.25 a year >= 450: MET, no shortfall. IL is unchanged: 408.25 < 450, short by
    // 10 x 450 - 4,082.5 = 417.5.
    const us = floorRow(wb, calc, 'US', 'budget, as published');
    expect(us[0]).toBeCloseTo(488.25, 6);
    expect(us.slice(1, 3)).toEqual([0, 'MET']);
    const il = floorRow(wb, calc, 'IL', 'budget, as published');
    expect(il[0]).toBeCloseTo(408.25, 6);
    expect(il[1]).toBeCloseTo(417.5, 6);
    expect(il[2]).toBe('NOT MET');
    // And run agrees on every government and reading, year counts included.
    for (const [gov, reading, path] of [
      ['US', 'budget, as published', floor.US.appropriated],
      ['IL', 'budget, as published', floor.IL.appropriated],
      ['US', 'commitment', floor.US.commitment],
      ['IL', 'commitment', floor.IL.commitment],
      ['US', 'budget, federal', json.metrics.floorByBasis.federal.US],
      ['IL', 'budget, federal', json.metrics.floorByBasis.federal.IL],
    ]) {
      const [avg, short, met, years, every] = floorRow(wb, calc, gov, reading);
      expect(Number(avg), `${gov} ${reading}`).toBeCloseTo(Number(path.average), 6);
      expect(Number(short), `${gov} ${reading}`).toBeCloseTo(Number(path.shortfall), 6);
      expect([met, years, every], `${gov} ${reading}`).toEqual([
        path.met ? 'MET' : 'NOT MET',
        path.yearsMet,
        path.everyYear ? 'MET' : 'NOT MET',
      ]);
    }
    // Multiplier: headline 18,855 + 500 = 19,355 over budget cost 8,465 + 500 = 8,965.
    const mult = calc.cell(
      'Summary',
      `D${summaryRow(wb, 'Multiplier: total investment per budget dollar (as published basis)')}`,
    );
    expect(Number(mult)).toBeCloseTo(19355 / 8965, 9);
    expect(Number(json.metrics.multiplier.total)).toBeCloseTo(19355 / 8965, 6);
    // The plan's own measure of the TOTALS row: F-1 2,000 + F-2 4,700 + Q-1 300 + F-4 2,000 + F-6 2,000 = 11,000, plus F-2's 500.
    const totals = summaryRow(wb, 'Government money in the TOTALS row (F-1, F-2 with Q-1, F-4, F-6), both sides');
    expect(Number(calc.cell('Summary', `B${totals}`))).toBeCloseTo(11500, 6);
    expect(Number(json.metrics.measures.reportBaseline)).toBe(11500);
    // The target on the headline: 19,355 against 10,000, MET.
    const target = summaryRow(wb, 'headline (public + private)');
    expect(calc.cell('Summary', `C${target}`)).toBeCloseTo(19355, 6);
    expect(calc.cell('Summary', `E${target}`)).toBe(json.metrics.target.met ? 'MET' : 'NOT MET');
  });

  it('says which figures stay values, in the sheet', async () => {
    const file = join(tempDir(), 'live.xlsx');
    expect((await cli(['run', BASELINE, '--format', 'xlsx', '-o', file])).code).toBe(0);
    const wb = await workbook(file);
    const text: string[] = [];
    for (const n of ['Claims', 'Inputs'])
      wb.getWorksheet(n)!.eachRow((r) => text.push(String(r.getCell(1).value) + String(r.getCell(7).value)));
    // Claims' verdicts are run's: the sheet says they are values.
    expect(text.some((t) => /are values, not formulas/.test(t))).toBe(true);
    // A profile's shares enter the engine as fixed numbers: the Inputs sheet says so.
    const share = inputRow(wb, 'assumptions.profiles.grants-new.shares[0]');
    expect(String(wb.getWorksheet('Inputs')!.getCell(`G${share}`).value)).toMatch(/^value only/);
    expect(String(wb.getWorksheet('Inputs')!.getCell(`G${inputRow(wb, 'mechanisms[F-3].subsidyRate.value')}`).value)).toMatch(
      /^formula/,
    );
  });

  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!soffice)(
    `LibreOffice recomputes the edited workbook to the same verdicts${soffice ? '' : ' (skipped: soffice is not installed, and .ci/run does not install it)'}`,
    async () => {
      const { dir, wb } = await editedBaseline();
      await wb.xlsx.writeFile(join(dir, 'edited.xlsx'));
      mkdirSync(join(dir, 'out'));
      execFileSync('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), join(dir, 'edited.xlsx')]);
      const back = await workbook(join(dir, 'out', 'edited.xlsx'));
      let row = 0;
      back.getWorksheet('Summary')!.eachRow((r, n) => {
        if (r.getCell(1).value === 'US' && r.getCell(2).value === 'budget, as published') row = n;
      });
      // As above by hand: 488.25 a year against 450, MET.
      expect(Number(back.getWorksheet('Summary')!.getCell(`C${row}`).result)).toBeCloseTo(488.25, 6);
      expect(back.getWorksheet('Summary')!.getCell(`E${row}`).result).toBe('MET');
    },
  );
});
