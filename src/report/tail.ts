// The tail past the horizon: headline totals count the horizon's years only, but spend-out
// profiles, loan disbursements and fund calls and distributions run on after it. The ledger
// keeps those flows (year `after` in the JSON); this block shows them beside the horizon
// totals, for the flows that have a tail worth knowing: outlays, capital deployed (calls,
// disbursements) and distributions back.
import type { Evaluation } from '../measure/evaluate.js';
import type { MoneyMetricId } from '../model/metrics.js';
import { moneyMetric } from '../model/metrics.js';
import { type Cell, left, money, ptr, right, type Row, type Table, text } from './model.js';
import { yearName } from '../model/scenario.js';

const TAIL_METRICS: readonly MoneyMetricId[] = ['outlays', 'deployed', 'distributions'];

/** Horizon totals and what falls after the horizon, by government, for outlays, deployed and distributions. */
export function tailTable(ev: Evaluation): Table {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const scopes: (string | null)[] = [...govs, null];
  const key = (g: string | null) => g ?? 'total';
  const first = yearName(s.horizon, 0);
  const last = yearName(s.horizon, N - 1);
  const horizon = N === 1 ? first : `${first}-${last}`;
  const rows: Row[] = [];
  for (const metric of TAIL_METRICS) {
    const label = moneyMetric(metric).label(m.context);
    const within = scopes.map((g): Cell => money(m.money(metric, g), ptr('metrics', metric, key(g)), { metric, gov: g }));
    const after = scopes.map((g): Cell =>
      money(m.money(metric, g, undefined, N), ptr('metrics', metric, 'byYear', 'after', key(g)), {
        metric,
        gov: g,
        year: 'after',
      }),
    );
    rows.push({ cells: [text(label), text(horizon), ...within] });
    rows.push({ cells: [text(label, { dim: true }), text(`after ${last}`), ...after] });
  }
  return {
    kind: 'table',
    id: 'table-tail',
    title: 'Within and after the horizon',
    columns: [left('Metric'), left('When', false), ...govs.map(right), right('Total')],
    rows,
    notes: [
      `Headline totals count ${horizon} only; flows that fall later (spend-out tails, disbursements, fund calls and distributions) are kept and shown here.`,
    ],
  };
}
