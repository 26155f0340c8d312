// Present value and real dollars in the report (run's table, markdown, HTML, workbook), when
// the scenario or the command line sets a discount rate or inflation: the same figures as
// run --format json's presentValue block, for the headline metrics a reader compares.
import type { Dec } from '../core/money.js';
import type { Evaluation } from '../measure/evaluate.js';
import { discountFactors, realFactors, weighted } from '../measure/pv.js';
import { MONEY_METRICS, type MoneyMetricId } from '../model/metrics.js';
import { type Block, left, money, ptr, right, type Row, text } from './model.js';
import { realUnit, yearName } from '../model/scenario.js';

/** The metrics shown: what a budget reader discounts (the rest are in the JSON). */
const SHOWN: MoneyMetricId[] = ['publicCommitment', 'budgetCost', 'outlays', 'privateMobilized', 'headlineMobilization'];

export function valuationTable(ev: Evaluation): Block | undefined {
  const { scenario: s, measure: m } = ev;
  if (!s.discount && !s.inflation) return undefined;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const scopes: (string | null)[] = [...govs, null];
  const df = s.discount ? discountFactors(s.discount, N) : undefined;
  const rf = s.inflation ? realFactors(s.inflation, N) : undefined;
  const first = yearName(s.horizon, 0);
  const rows: Row[] = [];
  for (const id of SHOWN) {
    const mm = MONEY_METRICS.find((x) => x.id === id)!;
    const byYear = (g: string | null): Dec[] => Array.from({ length: N }, (_, y) => m.money(id, g, undefined, y));
    const line = (label: string, key: 'presentValue' | 'real', w: Dec[]): Row => ({
      cells: [
        text(mm.label(m.context)),
        text(label),
        ...scopes.map((g) => money(weighted(m.A, byYear(g), w), ptr('presentValue', 'metrics', id, g ?? 'total', key))),
      ],
    });
    if (df) rows.push(line('present value', 'presentValue', df));
    if (rf) rows.push(line('real', 'real', rf));
  }
  const notes: string[] = [];
  if (df)
    notes.push(
      `Present value: each year's flows discounted to the start of ${first} (${s.discount!.midYear ? 'mid-year' : 'end-of-year'} timing; rate ${s.discount!.byMaturity.map((x) => `${x.rate.times(100).toPlain(4)}%`).join(', ')}), within the horizon.`,
    );
  if (rf) notes.push(`Real: in ${realUnit(s, s.inflation!.base)} at ${s.inflation!.rate.times(100).toPlain(4)}% a year.`);
  notes.push(
    'Nominal figures are in the headline table; every metric, and the whole life of the flows: --format json, presentValue.',
  );
  return {
    kind: 'table',
    id: 'table-present-value',
    title: s.currency === 'USD' ? 'Present value and real dollars' : 'Present value and real terms',
    columns: [left('Metric'), left('Measure'), ...govs.map(right), right('Total')],
    rows,
    notes,
  };
}
