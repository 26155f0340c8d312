// Inputs and their sources (detail): every figure the scenario gives, its range, citation
// and where it is written.
import { millionsOf } from '../../core/currency.js';
import { inputRows, lineRefs } from '../inputs.js';
import { left, right, text } from '../model.js';
import type { RunSection } from './context.js';

export const inputs: RunSection = {
  id: 'inputs',
  build({ s }) {
    return {
      id: 'inputs',
      title: 'Inputs and their sources',
      detail: true,
      blocks: [
        {
          kind: 'para',
          text: `Every figure the scenario gives, with the range it allows (the case picks low, base or high), its citation and where it is written. Amounts in ${millionsOf(s.currency)}${s.exchangeRates.length ? ' unless the row names another currency' : ''}; rates and ratios as decimals. A citation in parentheses is inherited from the mechanism or assumption the figure belongs to.`,
        },
        {
          kind: 'table',
          id: 'table-inputs',
          columns: [
            left('Input'),
            left('Unit'),
            right('Low'),
            right('Base'),
            right('High'),
            left('Source'),
            left('Cited lines'),
            left('Written at'),
          ],
          rows: inputRows(s).map((r) => ({
            data: { 'data-input': r.path },
            cells: [
              text(r.path, { code: true }),
              text(r.unit),
              text(r.low),
              text(r.base),
              text(r.high),
              text(r.source),
              text(lineRefs(r.source).join(', ')),
              text(r.at, { code: true }),
            ],
          })),
        },
      ],
    };
  },
};
