// The workbook a budget analyst can audit, rendered from the report model: one sheet per
// part of the report (the same tables, labels and units as every other format), an
// Inputs sheet, and the Ledger sheet of every flow. It is live (xlsx-live.ts): the Ledger's
// amounts are formulas over the Inputs sheet, every money figure a SUMIFS over the Ledger,
// and the floor, target, ratios and tests formulas over those sums, each carrying its cached
// result, so viewers that do not recompute still show numbers.
// exceljs is imported here only, dynamically, so other commands start without it.
import { millionsOf } from '../core/currency.js';
import type { Worksheet } from 'exceljs';
import { millions } from '../core/money.js';
import { MissingPackage } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import type { Evaluation } from '../measure/evaluate.js';
import type { Cell, MoneyQuery, Report, Table } from '../report/model.js';
import { cellText } from '../report/values.js';
import { ledgerHeader } from './csv.js';
import {
  howRead,
  inputLines,
  type LedgerLine,
  ledgerLines,
  liveCell,
  type LiveContext,
  liveInputs,
  type LiveInputs,
  sumFormula,
} from './xlsx-live.js';

const MONEY = '#,##0.0';
/** Excel refuses a formula longer than this (a floor over a century of years, a sum over thousands of funds): the value instead. */
const MAX_FORMULA = 8192;

/** Which sheet each report section goes to, in order. */
const SHEETS: [string, string[]][] = [
  ['Summary', ['headline', 'verdicts']],
  ['By mechanism', ['mechanisms']],
  ['By year', ['by-year']],
  ['Claims', ['claims']],
  ['Inputs', ['inputs']],
];

/** The evaluation whose Ledger sheet a money query sums, and that sheet's name in a formula. */
type LedgerOf = (query: MoneyQuery) => { ev: Evaluation; sheet: string };

function value(c: Cell, ledgerOf: LedgerOf, numeric: boolean, live?: LiveContext): unknown {
  // A floor, target, ratio or test figure: a formula over the sums, found by its JSON pointer.
  const json = c.kind === 'empty' ? undefined : c.json;
  const f = live && json ? liveCell(live, json) : undefined;
  if (f && f.formula.length <= MAX_FORMULA) return f;
  switch (c.kind) {
    case 'text':
      // A right-aligned column holds numbers (the inputs' low/base/high): keep them numbers.
      return numeric && /^-?\d+(\.\d+)?$/.test(c.text) ? Number(c.text) : c.text;
    case 'money': {
      if (!c.query) return Number(millions(c.value));
      const { ev, sheet } = ledgerOf(c.query);
      const formula = sumFormula(c.query, ev, sheet);
      return formula.length <= MAX_FORMULA ? { formula, result: Number(millions(c.value)) } : Number(millions(c.value));
    }
    case 'ratio':
      return c.value === null ? '' : Number(c.value.toPlain(6));
    case 'rate':
      return Number(c.value.toPlain(6));
    case 'count':
      return c.value ?? '';
    default:
      return cellText(c);
  }
}

/** Cells that hold a figure computed by `run` (an amount, a verdict, ratio, count, or a value with a JSON place). */
const figureCell = (c: Cell) =>
  c.kind === 'money' ||
  c.kind === 'verdict' ||
  c.kind === 'ratio' ||
  c.kind === 'count' ||
  (c.kind === 'text' && c.json !== undefined);

function writeTable(ws: Worksheet, t: Table, ledgerOf: LedgerOf, live?: LiveContext): void {
  if (t.title) ws.addRow([t.title]).font = { bold: true };
  ws.addRow(t.columns.map((c) => c.head)).font = { bold: true };
  if (!t.rows.length) ws.addRow([t.empty ?? 'None.']);
  let values = 0;
  for (const r of t.rows) {
    const row = ws.addRow([]);
    r.cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = value(c, ledgerOf, t.columns[i]?.align === 'right', live);
      cell.value = v as never;
      if (figureCell(c) && (typeof v !== 'object' || v === null)) values++;
      if (c.kind === 'money') cell.numFmt = c.dp === 0 ? '#,##0' : MONEY;
      if (c.kind === 'ratio') cell.numFmt = '0.00"x"';
      if (c.kind === 'rate') cell.numFmt = '0.00%';
      if (t.columns[i]?.align === 'right') cell.alignment = { horizontal: 'right' };
    });
    if (r.total) row.font = { bold: true };
  }
  for (const n of t.notes ?? []) ws.addRow([n]).font = { italic: true };
  // Say so where a figure of the table is not a formula: editing an input does not move it.
  if (live && values > 0)
    ws.addRow([
      `${values} figure${values === 1 ? '' : 's'} of this table ${values === 1 ? 'is a value, not a formula' : 'are values, not formulas'} (computed by run: change the scenario and run again to move ${values === 1 ? 'it' : 'them'}).`,
    ]).font = { italic: true };
  ws.addRow([]);
}

/** exceljs, an optional peer of the package (only XLSX needs it; 23 MB not everyone installs). */
async function loadExcel() {
  try {
    return (await import('exceljs')).default;
  } catch {
    throw new MissingPackage('exceljs', M.xlsxNeedsExceljs);
  }
}

export async function toXlsx(r: Report, ev: Evaluation, sheets: [string, string[]][] = SHEETS): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  // Fixed dates: the same input gives the same workbook contents.
  wb.creator = 'compact-model';
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  wb.calcProperties.fullCalcOnLoad = true;
  // The Ledger's amounts are formulas over the Inputs sheet when the workbook has one
  // (estimate's has not: its amounts are values). Its cells are placed first: the formulas name them.
  const withInputs = sheets.some(([name, ids]) => name === 'Inputs' && ids.includes('inputs'));
  const inputs = withInputs ? liveInputs(ev) : undefined;
  const inputRows = inputs ? inputLines(ev, inputs, INPUTS_FIRST_ROW) : [];
  const live: LiveContext = { ev, sheet: 'Ledger', inputs };
  const lines = ledgerLines(ev, inputs);
  for (const [name, ids] of sheets) {
    // A sheet of sections the plan does not have (claims, in a plan without any) is left out.
    const isInputs = inputs && name === 'Inputs' && ids.includes('inputs');
    if (!isInputs && name !== sheets[0]![0] && !r.sections.some((x) => ids.includes(x.id))) continue;
    const ws = wb.addWorksheet(name);
    if (isInputs) {
      inputsSheet(ws, ev, inputs, inputRows);
      continue;
    }
    if (name === sheets[0]![0]) {
      ws.addRow([r.title]).font = { bold: true, size: 14 };
      for (const m of r.meta) ws.addRow([m]);
      ws.addRow([
        `Money figures are SUMIFS formulas over the Ledger sheet (${millionsOf(ev.scenario.currency)}; the year "after" is past the horizon); the Ledger's amounts are formulas over the Inputs sheet, and the floor, target, ratios and tests are formulas over those sums: edit a value in the Inputs sheet's column C and the workbook recomputes as run would.`,
      ]);
      ws.addRow([]);
    }
    for (const s of r.sections.filter((x) => ids.includes(x.id))) {
      ws.addRow([s.title]).font = { bold: true, size: 12 };
      for (const b of s.blocks) {
        if (b.kind === 'table') writeTable(ws, b, () => ({ ev, sheet: 'Ledger' }), live);
        else if (b.kind === 'para') ws.addRow([`${b.strong ?? ''}${b.text}`]);
      }
    }
    ws.columns.forEach((c, i) => {
      c.width = i === 0 ? 48 : 16;
    });
  }
  ledgerSheet(wb.addWorksheet('Ledger'), ev, lines);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The Inputs sheet's first row of figures (after its title, note and header). */
const INPUTS_FIRST_ROW = 4;

function inputsSheet(ws: Worksheet, ev: Evaluation, inputs: LiveInputs, rows: (string | number)[][]): void {
  ws.addRow(['Inputs']).font = { bold: true, size: 12 };
  ws.addRow([
    `Every figure the scenario gives. Column C is the value this workbook computes with (case: ${ev.case}; amounts in ${millionsOf(ev.scenario.currency)} unless the unit names another currency, rates and ratios as decimals): edit it and the Ledger, the sums, the floor, the target, the ratios and the tests recompute. Column G says how each is read; events (a study passing, a gate holding) are the case's, not inputs.`,
  ]);
  ws.addRow(['Path', 'Unit', 'Value (edit)', 'Low', 'Base', 'High', 'Live', 'Source', 'Where']).font = { bold: true };
  for (const line of rows) {
    const row = ws.addRow(line);
    row.getCell(7).value = howRead(ev, inputs, String(line[0]));
    row.getCell(3).font = { bold: true };
    for (const c of [3, 4, 5, 6]) row.getCell(c).alignment = { horizontal: 'right' };
  }
  ws.columns.forEach((c, i) => {
    c.width = [48, 14, 14, 12, 12, 12, 40, 60, 30][i] ?? 16;
  });
}

function ledgerSheet(ledger: Worksheet, ev: Evaluation, lines: LedgerLine[]): void {
  const header = [...ledgerHeader(ev.scenario.currency), 'live'];
  ledger.addRow(header).font = { bold: true };
  for (const line of lines) ledger.addRow(line);
  ledger.getColumn(5).numFmt = '#,##0.000000';
  ledger.columns.forEach((c, i) => {
    c.width = [10, 12, 12, 14, 16, 14, 40][i];
  });
  ledger.views = [{ state: 'frozen', ySplit: 1 }];
  ledger.autoFilter = { from: 'A1', to: `${ledger.getColumn(header.length).letter}1` };
}

/**
 * compare's workbook: the report's tables on one sheet, and each option's ledger on a sheet
 * of its own ("Ledger A", "Ledger B", ...): each money figure on an option's own scoring
 * basis is a SUMIFS formula over that option's ledger.
 */
export async function toCompareXlsx(r: Report, evs: Evaluation[], names: string[]): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'compact-model';
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = wb.addWorksheet('Options');
  ws.addRow([r.title]).font = { bold: true, size: 14 };
  for (const m of r.meta) ws.addRow([m]);
  ws.addRow([
    "Money figures on an option's own scoring basis are SUMIFS formulas over its ledger sheet (millions of each option's currency); the others are values.",
  ]);
  ws.addRow([]);
  const ledgerOf: LedgerOf = (query) => ({ ev: evs[query.scenario ?? 0]!, sheet: `'Ledger ${names[query.scenario ?? 0]}'` });
  for (const s of r.sections) {
    if (!s.blocks.some((b) => b.kind === 'table')) continue;
    ws.addRow([s.title]).font = { bold: true, size: 12 };
    for (const b of s.blocks) if (b.kind === 'table') writeTable(ws, b, ledgerOf);
  }
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 48 : 14;
  });
  evs.forEach((ev, i) => ledgerSheet(wb.addWorksheet(`Ledger ${names[i]}`), ev, ledgerLines(ev, undefined)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
