// A budget estimate as budget staff read one (the CBO cost-estimate table): for each
// government, budget authority and outlays by fiscal year on a stated scoring basis
// (offsetting receipts and net outlays on a basis that counts them), then a five-year and
// a full-horizon total. Everything modeled is spending subject to appropriation; direct
// spending (credit subsidy reestimates) is not modeled and is said so.
import { millionsOf } from '../core/currency.js';
import { type Dec, displayMillions } from '../core/money.js';
import type { Evaluation } from '../measure/evaluate.js';
import type { MoneyMetricId } from '../model/metrics.js';
import { type Cell, left, money, type MoneyQuery, type Report, right, type Row, type Section, text } from './model.js';
import { horizonText, yearLabel } from './run.js';

export interface EstimateColumn {
  /** FY2027, or a span of years such as 2027-2031. */
  label: string;
  years: [number, number];
}

/** The columns: each fiscal year, the first five years (when the horizon is longer), the whole horizon. */
export function estimateColumns(start: number, years: number): EstimateColumn[] {
  const cols: EstimateColumn[] = Array.from({ length: years }, (_, y) => ({
    label: `FY${start + y}`,
    years: [y, y] as [number, number],
  }));
  const span = (n: number): EstimateColumn => ({ label: `${start}-${start + n - 1}`, years: [0, n - 1] });
  if (years > 5) cols.push(span(5));
  if (years > 1) cols.push(span(years));
  return cols;
}

/** The lines of the table: budget authority and outlays, and receipts and net outlays where the basis counts receipts. */
export function estimateLines(ev: Evaluation): { id: string; label: string; metric: MoneyMetricId; sign?: -1 }[] {
  const m = ev.measure;
  const receipts =
    !m.money('offsettingReceipts').isZero() ||
    !m.money('offsettingReceipts', null, undefined, ev.scenario.horizon.years).isZero();
  return [
    { id: 'budgetAuthority', label: 'Budget authority', metric: 'budgetCost' },
    { id: 'outlays', label: 'Estimated outlays', metric: 'outlays' },
    ...(receipts
      ? [{ id: 'offsettingReceipts', label: 'Offsetting receipts', metric: 'offsettingReceipts' as const, sign: -1 as const }]
      : []),
  ];
}

export function buildEstimate(ev: Evaluation): Report {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const cols = estimateColumns(s.horizon.start, N);
  const lines = estimateLines(ev);
  const sum = (metric: MoneyMetricId, gov: string | null, [a, b]: [number, number]): Dec => {
    let t = m.money(metric, gov, undefined, a);
    for (let y = a + 1; y <= b; y++) t = t.plus(m.money(metric, gov, undefined, y));
    return t;
  };
  const scopes: (string | null)[] = [...s.governments.map((g) => g.code), null];
  const sections: Section[] = scopes.map((gov) => {
    const name = gov === null ? 'All governments' : (s.governments.find((g) => g.code === gov)?.name ?? gov);
    const rows: Row[] = lines.map((l) => ({
      cells: [
        text(l.label),
        ...cols.map((c): Cell => {
          const query: MoneyQuery =
            c.years[0] === c.years[1] ? { metric: l.metric, gov, year: c.years[0] } : { metric: l.metric, gov, years: c.years };
          const v = sum(l.metric, gov, c.years);
          return money(l.sign === -1 ? v.neg() : v, undefined, l.sign === -1 ? undefined : query);
        }),
      ],
    }));
    if (lines.some((l) => l.id === 'offsettingReceipts'))
      rows.push({
        total: true,
        cells: [
          text('Net outlays'),
          ...cols.map((c) => money(sum('outlays', gov, c.years).minus(sum('offsettingReceipts', gov, c.years)))),
        ],
      });
    const after = m.money('outlays', gov, undefined, N);
    return {
      id: `estimate-${gov ?? 'total'}`,
      title: `${name}: spending subject to appropriation (${m.basis.label} basis)`,
      blocks: [
        {
          kind: 'table',
          id: `table-estimate-${gov ?? 'total'}`,
          columns: [left(`By fiscal year, ${millionsOf(s.currency)}`), ...cols.map((c) => right(c.label))],
          rows,
          notes: after.isZero()
            ? []
            : [
                `Outlays after ${yearLabel(s.horizon.start, N - 1, N)}: ${displayMillions(after)} (from authority provided within the horizon).`,
              ],
        },
      ],
    };
  });
  return {
    title: `${s.name}: budget estimate`,
    meta: [
      `${s.file} · case: ${ev.case} · ${horizonText(s.horizon)} · ${millionsOf(s.currency)} · scoring basis: ${m.basis.id} (${m.basis.description})`,
      'Direct spending: none modeled. Credit subsidy reestimates would be direct spending (permanent indefinite authority); the model holds the subsidy rate fixed, so there are none.',
    ],
    highlights: [],
    sections,
    footer: [
      `Full-horizon budget authority equals metrics.budgetCost in \`compact-model run --format json --basis ${m.basis.id}\`.`,
    ],
  };
}
