// By mechanism: each mechanism's commitment, budget cost, private capital, follow-on and
// leverage over the horizon.
import { inactiveReason } from '../../model/scenario.js';
import { notQuantified } from '../../measure/quantified.js';
import type { MoneyMetricId } from '../../model/metrics.js';
import { type Cell, droppable, left, ptr, right, type Row, text } from '../model.js';
import type { RunSection } from './context.js';

export const mechanisms: RunSection = {
  id: 'mechanisms',
  build({ s, m, moneyCell }) {
    const nq = notQuantified(s);
    // An amount of 0 that rests on a ratio the scenario never stated is not quantified: said in words.
    const amount = (metric: MoneyMetricId, mech: string): Cell => {
      const open = nq.find((q) => q.mechanism === mech && q.metric === metric);
      return open && m.money(metric, null, mech).isZero()
        ? text('not quantified', { dim: true, json: ptr('metrics', 'notQuantified', mech, metric), jsonValue: open.assumption })
        : moneyCell(metric, null, mech);
    };
    const rows: Row[] = s.mechanisms.map((x) => {
      const why = inactiveReason(s, x);
      return {
        cells: [
          text(`${x.id} ${x.label}${why ? ' (inactive)' : ''}`),
          text(x.kind),
          moneyCell('publicCommitment', null, x.id),
          moneyCell('budgetCost', null, x.id),
          amount('privateMobilized', x.id),
          amount('followOn', x.id),
          {
            kind: 'ratio',
            value: m.ratio('leverage.commitment', null, x.id),
            json: ptr('metrics', 'leverage', 'commitment', 'byMechanism', x.id),
          },
        ],
      };
    });
    return {
      id: 'mechanisms',
      title: 'By mechanism',
      blocks: [
        {
          kind: 'table',
          id: 'table-mechanisms',
          columns: [
            // Room for a mechanism's id and the first words of its label on one line.
            { ...left('Mechanism'), room: 32 },
            droppable(left('Kind')),
            right('Commitment'),
            right('Budget cost'),
            right('Private'),
            droppable(right('Follow-on'), 2),
            right('Leverage'),
          ],
          rows,
          notes: [
            ...s.mechanisms.flatMap((x) => {
              const why = inactiveReason(s, x);
              return why ? [`${x.id} is inactive: ${why}.`] : [];
            }),
            ...(nq.some((q) => m.money(q.metric, null, q.mechanism).isZero())
              ? [
                  "Not quantified: the scenario states no ratio for it (assumptions.coFinance, coInvest, crowdIn or followOn, or the mechanism's own); it is counted as 0 in totals, which is not a figure of 0.",
                ]
              : []),
          ],
        },
      ],
    };
  },
};
