// The budget estimate for scripts: JSON (version 1) and CSV with a column per fiscal year
// and the five-year and full-horizon totals; table, markdown and XLSX render its report.
import { millionsOf } from '../core/currency.js';
import { millions } from '../core/money.js';
import type { Evaluation } from '../measure/evaluate.js';
import { estimateColumns, estimateLines } from '../report/estimate.js';
import { type CsvValue, toCsv } from './csv.js';

export const ESTIMATE_JSON_VERSION = 1;

function values(ev: Evaluation) {
  const { scenario: s, measure: m } = ev;
  const cols = estimateColumns(s.horizon.start, s.horizon.years);
  const lines = estimateLines(ev);
  const out: { gov: string; line: string; values: Record<string, string> }[] = [];
  for (const gov of [...s.governments.map((g) => g.code), null]) {
    for (const l of lines) {
      const v: Record<string, string> = {};
      for (const c of cols) {
        let t = m.money(l.metric, gov, undefined, c.years[0]);
        for (let y = c.years[0] + 1; y <= c.years[1]; y++) t = t.plus(m.money(l.metric, gov, undefined, y));
        v[c.label] = millions(l.sign === -1 ? t.neg() : t);
      }
      out.push({ gov: gov ?? 'total', line: l.id, values: v });
    }
  }
  return { cols, out };
}

export function estimateJson(ev: Evaluation): unknown {
  const { cols, out } = values(ev);
  const s = ev.scenario;
  const byGov: Record<string, Record<string, Record<string, string>>> = {};
  for (const r of out) (byGov[r.gov] ??= {})[r.line] = r.values;
  return {
    version: ESTIMATE_JSON_VERSION,
    kind: 'compact-model.estimate',
    units: { amounts: millionsOf(s.currency) },
    scenario: { name: s.name, file: s.file, extends: s.chain.slice(1), case: ev.case },
    basis: ev.measure.basis.id,
    columns: cols.map((c) => c.label),
    spendingSubjectToAppropriation: byGov,
    directSpending: null,
    notes: ['Direct spending (credit subsidy reestimates) is not modeled: the subsidy rate is fixed.'],
  };
}

export function estimateCsv(ev: Evaluation): string {
  const { cols, out } = values(ev);
  const rows: CsvValue[][] = out.map((r) => [r.gov, r.line, ...cols.map((c) => r.values[c.label])]);
  return toCsv(['government', 'line', ...cols.map((c) => c.label)], rows);
}
