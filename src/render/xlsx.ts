// The workbook a budget analyst can audit, rendered from the report model: one sheet per
// part of the report (the same tables, labels and units as every other format), an
// Inputs sheet, and the Ledger sheet of every flow. Every money figure is a SUMIFS
// formula over the Ledger (so editing a ledger cell recomputes it) carrying its cached
// result, so viewers that do not recompute still show numbers.
// exceljs is imported here only, dynamically, so other commands start without it.
import { millionsOf } from '../core/currency.js';
import type { Worksheet } from 'exceljs';
import { millions } from '../core/money.js';
import { MissingPackage } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import type { Evaluation } from '../measure/evaluate.js';
import { kindOf } from '../mechanisms/registry.js';
import { moneyMetric } from '../model/metrics.js';
import type { Cell, MoneyQuery, Report, Table } from '../report/model.js';
import { yearLabel } from '../report/run.js';
import { cellText } from '../report/values.js';
import { ledgerHeader, ledgerRows } from './csv.js';

const MONEY = '#,##0.0';
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Which sheet each report section goes to, in order. */
const SHEETS: [string, string[]][] = [
  ['Summary', ['headline', 'verdicts']],
  ['By mechanism', ['mechanisms']],
  ['By year', ['by-year']],
  ['Claims', ['claims']],
  ['Inputs', ['inputs']],
];

/** A money query as a formula: the signed sum of its metric's flows over the Ledger sheet. */
function formula(query: MoneyQuery, ev: Evaluation, sheet = 'Ledger'): string {
  const s = ev.scenario;
  const label = (y: number) => q(yearLabel(s.horizon.start, y, s.horizon.years));
  // One criterion on the year per term: the horizon (<>after), one year, or each year of a range.
  const years: string[] = query.years
    ? Array.from({ length: query.years[1] - query.years[0] + 1 }, (_, k) => label(query.years![0] + k))
    : [query.year === undefined ? q('<>after') : query.year === 'after' ? q('after') : label(query.year)];
  const def = moneyMetric(query.metric);
  // A metric of one instrument category sums its mechanisms only: one criterion per mechanism.
  const mechs =
    query.mech !== undefined
      ? [query.mech]
      : def.category !== undefined
        ? s.mechanisms.filter((m) => kindOf(m).mobilization === def.category).map((m) => m.id)
        : [undefined];
  if (mechs.length === 0) return '0';
  const terms: string[] = [];
  for (const mech of mechs)
    for (const y of years)
      for (const [kind, sign] of def.flows(ev.measure.context)) {
        const crit: [string, string][] = [];
        if (query.gov !== null) crit.push(['B', q(query.gov)]);
        if (mech !== undefined) crit.push(['C', q(mech)]);
        terms.push(
          `${sign === -1 ? '-' : terms.length === 0 ? '' : '+'}SUMIFS(${sheet}!$E:$E,${sheet}!$D:$D,${q(kind)},${sheet}!$A:$A,${y}${crit.map(([col, c]) => `,${sheet}!$${col}:$${col},${c}`).join('')})`,
        );
      }
  return terms.join('');
}

/** The evaluation whose Ledger sheet a money query sums, and that sheet's name in a formula. */
type LedgerOf = (query: MoneyQuery) => { ev: Evaluation; sheet: string };

function value(c: Cell, ledgerOf: LedgerOf, numeric: boolean): unknown {
  switch (c.kind) {
    case 'text':
      // A right-aligned column holds numbers (the inputs' low/base/high): keep them numbers.
      return numeric && /^-?\d+(\.\d+)?$/.test(c.text) ? Number(c.text) : c.text;
    case 'money': {
      if (!c.query) return Number(millions(c.value));
      const { ev, sheet } = ledgerOf(c.query);
      return { formula: formula(c.query, ev, sheet), result: Number(millions(c.value)) };
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

function writeTable(ws: Worksheet, t: Table, ledgerOf: LedgerOf): void {
  if (t.title) ws.addRow([t.title]).font = { bold: true };
  ws.addRow(t.columns.map((c) => c.head)).font = { bold: true };
  if (!t.rows.length) ws.addRow([t.empty ?? 'None.']);
  for (const r of t.rows) {
    const row = ws.addRow([]);
    r.cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value(c, ledgerOf, t.columns[i]?.align === 'right') as never;
      if (c.kind === 'money') cell.numFmt = c.dp === 0 ? '#,##0' : MONEY;
      if (c.kind === 'ratio') cell.numFmt = '0.00"x"';
      if (c.kind === 'rate') cell.numFmt = '0.00%';
      if (t.columns[i]?.align === 'right') cell.alignment = { horizontal: 'right' };
    });
    if (r.total) row.font = { bold: true };
  }
  for (const n of t.notes ?? []) ws.addRow([n]).font = { italic: true };
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
  for (const [name, ids] of sheets) {
    const ws = wb.addWorksheet(name);
    if (name === sheets[0]![0]) {
      ws.addRow([r.title]).font = { bold: true, size: 14 };
      for (const m of r.meta) ws.addRow([m]);
      ws.addRow([
        `Money figures are SUMIFS formulas over the Ledger sheet (${millionsOf(ev.scenario.currency)}; the year "after" is past the horizon).`,
      ]);
      ws.addRow([]);
    }
    for (const s of r.sections.filter((x) => ids.includes(x.id))) {
      ws.addRow([s.title]).font = { bold: true, size: 12 };
      for (const b of s.blocks) {
        if (b.kind === 'table') writeTable(ws, b, () => ({ ev, sheet: 'Ledger' }));
        else if (b.kind === 'para') ws.addRow([`${b.strong ?? ''}${b.text}`]);
      }
    }
    ws.columns.forEach((c, i) => {
      c.width = i === 0 ? 48 : 16;
    });
  }
  ledgerSheet(wb.addWorksheet('Ledger'), ev);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function ledgerSheet(ledger: Worksheet, ev: Evaluation): void {
  const header = ledgerHeader(ev.scenario.currency);
  ledger.addRow(header).font = { bold: true };
  for (const [y, g, mech, kind, amt, basis] of ledgerRows(ev)) ledger.addRow([y, g, mech, kind, Number(amt), basis]);
  ledger.getColumn(5).numFmt = '#,##0.000000';
  ledger.columns.forEach((c, i) => {
    c.width = [10, 12, 12, 14, 16, 14][i];
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
  evs.forEach((ev, i) => ledgerSheet(wb.addWorksheet(`Ledger ${names[i]}`), ev));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
