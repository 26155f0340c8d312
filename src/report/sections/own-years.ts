// The floor of a sponsor whose fiscal years are not the plan's (a calendar-year budget in
// a plan of October years), year by year in its own years: the attribution rule in a
// sentence, then each of its years with its months, the plan year it counts in, the amount
// on every reading and the readings on which that year reaches the floor.
import { BASES, basesFor } from '../../model/bases.js';
import { displayMillions } from '../../core/money.js';
import { attributionText, monthsText, ownYearName, ownYears } from '../../model/fiscal.js';
import { floorReadingLabel } from '../../model/metrics.js';
import { type Block, left, money, ptr, right, type Row, text } from '../model.js';
import type { RunContext } from './context.js';

export function ownYearBlocks({ s, m, N, floor, fy }: RunContext): Block[] {
  if (floor === null) return [];
  const blocks: Block[] = [];
  for (const sp of s.governments) {
    const o = ownYears(s, sp);
    if (!o) continue;
    const g = sp.code;
    const readings = [
      // The bases that apply to this sponsor only (model/bases.ts basesFor).
      ...basesFor(sp).map((b) => {
        const bi = BASES.indexOf(b);
        return {
          head: b.label,
          short: b.id,
          f: m.floor(g, 'appropriated', bi),
          // The scenario's own basis is the one metrics.floor holds year by year.
          json:
            bi === m.basisIndex
              ? (y: number) => ptr('metrics', 'floor', g, 'appropriated', 'byYear', fy(y), 'amount')
              : undefined,
        };
      }),
      {
        head: floorReadingLabel('commitment', ''),
        short: 'commitment',
        f: m.floor(g, 'commitment'),
        json: (y: number) => ptr('metrics', 'floor', g, 'commitment', 'byYear', fy(y), 'amount'),
      },
    ];
    const rows: Row[] = Array.from({ length: N }, (_, y) => {
      const met = readings.filter((r) => r.f.yearMet[y]);
      const planYear = s.horizon.start + y;
      return {
        cells: [
          text(ownYearName(o, planYear)),
          text(monthsText(planYear + o.shift, o.starts)),
          text(fy(y)),
          ...readings.map((r) => money(r.f.byYear[y]!, r.json?.(y))),
          text(met.length === readings.length ? 'all' : met.length === 0 ? 'none' : met.map((r) => r.short).join(', ')),
        ],
      };
    });
    blocks.push(
      { kind: 'para', strong: `${g} in its own fiscal years`, text: `: ${attributionText(o, s.horizon.start, fy(0))}.` },
      {
        kind: 'table',
        id: `table-floor-own-years-${g}`,
        title: `${g}: the floor by its own fiscal year`,
        columns: [
          left(`${g} year`, false),
          left('Months', false),
          left('Plan year', false),
          ...readings.map((r) => right(r.head)),
          left('Met on'),
        ],
        rows,
        notes: [
          `Each ${g} year's amount is the plan year's it counts in: budget cost on each scoring basis (${readings
            .slice(0, -1)
            .map((r) => r.short)
            .join(
              ', ',
            )}), and public commitment. Met on: the readings on which that year is at least the floor (${displayMillions(floor)}).`,
        ],
      },
    );
  }
  return blocks;
}
