// By mechanism: each mechanism's commitment, budget cost, private capital, follow-on and
// leverage over the horizon.
import { inactiveReason } from '../../model/scenario.js';
import { droppable, left, ptr, right, type Row, text } from '../model.js';
import type { RunSection } from './context.js';

export const mechanisms: RunSection = {
  id: 'mechanisms',
  build({ s, m, moneyCell }) {
    const rows: Row[] = s.mechanisms.map((x) => {
      const why = inactiveReason(s, x);
      return {
        cells: [
          text(`${x.id} ${x.label}${why ? ' (inactive)' : ''}`),
          text(x.kind),
          moneyCell('publicCommitment', null, x.id),
          moneyCell('budgetCost', null, x.id),
          moneyCell('privateMobilized', null, x.id),
          moneyCell('followOn', null, x.id),
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
          notes: s.mechanisms.flatMap((x) => {
            const why = inactiveReason(s, x);
            return why ? [`${x.id} is inactive: ${why}.`] : [];
          }),
        },
      ],
    };
  },
};
