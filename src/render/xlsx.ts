// `run --format xlsx`: a workbook a budget analyst can audit. Inputs (every figure with
// its source), Ledger (the tidy flows), and summary sheets whose totals are SUMIFS
// formulas over the Ledger, so editing a ledger cell recomputes them; each formula also
// carries its cached result so viewers that do not recompute still show numbers.
// exceljs is imported here only, dynamically, so other commands start without it.
import { Dec, millions } from '../core/money.js';
import type { Evaluation } from '../pipeline.js';
import { metricFlows } from '../measure/metrics.js';
import type { MoneyMetric } from '../measure/paths.js';
import { ledgerRows, LEDGER_HEADER } from './csv.js';
import { inputRows } from './inputs.js';
import { yearLabel } from './json.js';

/** Money metrics on the Summary sheet, with their labels. */
export const SUMMARY_METRICS: [MoneyMetric, string][] = [
  ['publicCommitment', 'Public commitment'],
  ['budgetCost', 'Budget cost (appropriated basis)'],
  ['outlays', 'Outlays (within horizon)'],
  ['deployed', 'Public capital deployed'],
  ['distributions', 'Distributions back'],
  ['netAfterReturns', 'Commitment net of distributions'],
  ['privateMobilized', 'Private capital mobilized'],
  ['followOn', 'Grant follow-on'],
  ['headlineMobilization', 'Headline mobilization'],
];

const num = (x: Dec) => Number(millions(x));
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** SUMIFS over the Ledger for one flow kind with extra criteria (column letter -> criterion expression). */
function sumifs(kind: string, crit: [string, string][]): string {
  return `SUMIFS(Ledger!$E:$E,Ledger!$D:$D,${q(kind)}${crit.map(([col, c]) => `,Ledger!$${col}:$${col},${c}`).join('')})`;
}

/** A money metric as a formula: the signed sum of its flow kinds, within the horizon (year <> "after"). */
function metricFormula(metric: MoneyMetric, includeFollowOn: boolean, crit: [string, string][]): string {
  const within: [string, string][] = crit.some(([c]) => c === 'A') ? crit : [['A', q('<>after')], ...crit];
  return metricFlows(metric, includeFollowOn)
    .map(([kind, sign], i) => `${sign === -1 ? '-' : i === 0 ? '' : '+'}${sumifs(kind, within)}`)
    .join('');
}

export async function toXlsx(ev: Evaluation): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const fo = s.targets.includeFollowOn;
  const wb = new ExcelJS.Workbook();
  // Fixed dates: the same input gives the same workbook contents.
  wb.creator = 'compact-model';
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  wb.calcProperties.fullCalcOnLoad = true;
  const bold = { bold: true };
  const money = '#,##0.0';

  // Summary first: what a reader opens to.
  const sum = wb.addWorksheet('Summary');
  const inputs = wb.addWorksheet('Inputs');
  const ledger = wb.addWorksheet('Ledger');
  const byMech = wb.addWorksheet('By mechanism');
  const byYear = wb.addWorksheet('By year');
  const claims = wb.addWorksheet('Claims');

  // Inputs
  inputs.addRow(['path', 'unit', 'low', 'base', 'high', 'source', 'written at']).font = bold;
  for (const r of inputRows(s)) inputs.addRow([r.path, r.unit, Number(r.low), Number(r.base), Number(r.high), r.source, r.at]);
  inputs.columns.forEach((c, i) => {
    c.width = [52, 13, 12, 12, 12, 80, 36][i];
  });
  inputs.views = [{ state: 'frozen', ySplit: 1 }];

  // Ledger
  ledger.addRow(LEDGER_HEADER).font = bold;
  for (const [y, g, mech, kind, amt] of ledgerRows(ev)) ledger.addRow([y, g, mech, kind, Number(amt)]);
  ledger.getColumn(5).numFmt = '#,##0.000000';
  ledger.columns.forEach((c, i) => {
    c.width = [10, 12, 12, 14, 16][i];
  });
  ledger.views = [{ state: 'frozen', ySplit: 1 }];
  ledger.autoFilter = { from: 'A1', to: 'E1' };

  // Summary: metric x government, each cell a formula over the Ledger.
  sum.addRow([s.name]).font = { bold: true, size: 14 };
  sum.addRow([
    `case: ${ev.case}; FY${s.horizon.start}-FY${s.horizon.start + N - 1}; USD millions; totals are SUMIFS over the Ledger sheet (year "after" excluded)`,
  ]);
  sum.addRow([]);
  const head = sum.addRow(['Metric', 'path', ...govs, 'Total']);
  head.font = bold;
  const rowOf = new Map<string, number>();
  const col = (i: number) => String.fromCharCode(67 + i); // C, D, ...
  for (const [metric, label] of SUMMARY_METRICS) {
    const row = sum.addRow([label, metric]);
    rowOf.set(metric, row.number);
    [...govs, 'total'].forEach((g, i) => {
      const f = metricFormula(metric, fo, g === 'total' ? [] : [['B', q(g)]]);
      row.getCell(3 + i).value = { formula: f, result: num(m.money(metric, g)) };
      row.getCell(3 + i).numFmt = money;
    });
  }
  const totalCol = col(govs.length);
  for (const basis of ['commitment', 'budget'] as const) {
    const den = basis === 'commitment' ? 'publicCommitment' : 'budgetCost';
    const row = sum.addRow([
      `Leverage, ${basis === 'commitment' ? 'commitment' : 'budget-cost'} basis (private per public dollar)`,
      `leverage.${basis}`,
    ]);
    [...govs, 'total'].forEach((g, i) => {
      const c = col(i);
      const v = m.leverage(basis, g);
      row.getCell(3 + i).value = {
        formula: `IF(${c}${rowOf.get(den)}=0,"",${c}${rowOf.get('privateMobilized')}/${c}${rowOf.get(den)})`,
        result: v === null ? '' : Number(v.toPlain(6)),
      };
      row.getCell(3 + i).numFmt = '0.00"x"';
    });
  }
  sum.addRow([]);
  const floor = m.floorAmount();
  if (floor !== null) {
    const fr = sum.addRow(['Floor per government per year', 'targets.floor', num(floor), s.targets.floor?.source ?? '']);
    fr.getCell(3).numFmt = money;
    const floorCell = `$C$${fr.number}`;
    sum.addRow(['Floor test', 'basis', 'average / yr', 'verdict']).font = bold;
    for (const g of govs)
      for (const basis of ['appropriated', 'commitment'] as const) {
        const f = m.floor(g, basis);
        const metricRow = rowOf.get(basis === 'appropriated' ? 'budgetCost' : 'publicCommitment')!;
        const gc = col(govs.indexOf(g));
        const row = sum.addRow([`floor.${g}.${basis}`, basis]);
        row.getCell(3).value = { formula: `${gc}${metricRow}/${N}`, result: num(f.average) };
        row.getCell(3).numFmt = money;
        row.getCell(4).value = { formula: `IF(C${row.number}>=${floorCell},"MET","NOT MET")`, result: f.met ? 'MET' : 'NOT MET' };
      }
  }
  const t = m.target();
  if (t.target !== null) {
    sum.addRow([]);
    const tr = sum.addRow([
      'Mobilization target (10 years)',
      'targets.mobilization',
      num(t.target),
      s.targets.mobilization?.source ?? '',
    ]);
    tr.getCell(3).numFmt = money;
    const row = sum.addRow(['target.met', 'headline vs target']);
    row.getCell(3).value = { formula: `${totalCol}${rowOf.get('headlineMobilization')}`, result: num(t.headline) };
    row.getCell(3).numFmt = money;
    row.getCell(4).value = { formula: `IF(C${row.number}>=C${tr.number},"MET","NOT MET")`, result: t.met ? 'MET' : 'NOT MET' };
  }
  sum.columns.forEach((c, i) => {
    c.width = [44, 24, 14, 14, 14, 14][i] ?? 14;
  });

  // By mechanism: totals over both governments.
  const mechCols: [MoneyMetric, string][] = [
    ['publicCommitment', 'Public commitment'],
    ['budgetCost', 'Budget cost'],
    ['privateMobilized', 'Private mobilized'],
    ['headlineMobilization', 'Headline mobilization'],
  ];
  byMech.addRow(['Mechanism', 'Label', ...mechCols.map(([, l]) => l), 'Leverage (commitment)']).font = bold;
  for (const mech of s.mechanisms) {
    const row = byMech.addRow([mech.id, mech.label]);
    mechCols.forEach(([metric], i) => {
      row.getCell(3 + i).value = {
        formula: metricFormula(metric, fo, [['C', q(mech.id)]]),
        result: num(m.money(metric, 'total', mech.id)),
      };
      row.getCell(3 + i).numFmt = money;
    });
    const lev = m.leverage('commitment', 'total', mech.id);
    row.getCell(7).value = {
      formula: `IF(C${row.number}=0,"",E${row.number}/C${row.number})`,
      result: lev === null ? '' : Number(lev.toPlain(6)),
    };
    row.getCell(7).numFmt = '0.00"x"';
  }
  byMech.columns.forEach((c, i) => {
    c.width = [10, 48, 16, 14, 16, 20, 20][i];
  });

  // By year: budget cost and commitment per government, headline and its running total.
  const yCols: [MoneyMetric, string][] = govs.flatMap(
    (g) =>
      [
        ['budgetCost', g],
        ['publicCommitment', g],
      ] as [MoneyMetric, string][],
  );
  byYear.addRow([
    'Year',
    ...yCols.map(([metric, g]) => `${metric} ${g}`),
    'headlineMobilization total',
    'cumulative headline',
  ]).font = bold;
  let cum = Dec.ZERO;
  for (let y = 0; y < N; y++) {
    const row = byYear.addRow([yearLabel(s.horizon.start, y, N)]);
    const yc: [string, string] = ['A', `$A${row.number}`];
    yCols.forEach(([metric, g], i) => {
      row.getCell(2 + i).value = {
        formula: metricFormula(metric, fo, [yc, ['B', q(g)]]),
        result: num(m.money(metric, g, undefined, y)),
      };
      row.getCell(2 + i).numFmt = money;
    });
    const hc = 2 + yCols.length;
    const h = m.money('headlineMobilization', 'total', undefined, y);
    cum = cum.plus(h);
    row.getCell(hc).value = { formula: metricFormula('headlineMobilization', fo, [yc]), result: num(h) };
    const L = String.fromCharCode(64 + hc);
    row.getCell(hc + 1).value = { formula: `SUM($${L}$2:${L}${row.number})`, result: num(cum) };
    row.getCell(hc).numFmt = money;
    row.getCell(hc + 1).numFmt = money;
  }
  byYear.columns.forEach((c) => {
    c.width = 22;
  });

  // Claims: computed values (not formulas: a claim is a test, not a total).
  claims.addRow(['id', 'claim', 'metric', 'published', 'computed', 'holds', 'source']).font = bold;
  for (const c of ev.claims) {
    const computed =
      c.computed === null
        ? ''
        : typeof c.computed === 'boolean'
          ? String(c.computed)
          : c.claim.metric.startsWith('leverage')
            ? c.computed.toPlain(6)
            : millions(c.computed);
    claims.addRow([
      c.claim.id,
      c.claim.text ?? '',
      c.claim.metric,
      c.claim.publishedText,
      computed,
      c.holds ? 'holds' : 'does not hold',
      c.claim.source ?? '',
    ]);
  }
  claims.columns.forEach((c, i) => {
    c.width = [24, 50, 30, 14, 14, 14, 40][i];
  });

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
