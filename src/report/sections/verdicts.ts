// Floor and target: the floor on every scoring basis and on public commitment, per
// government, and the mobilization target.
import { displayMillions } from '../../core/money.js';
import { BASES } from '../../model/bases.js';
import { type Block, left, money, ptr, right, type Row, text } from '../model.js';
import type { RunContext, RunSection } from './context.js';

function floorBlocks({ s, m, N, govs, floor }: RunContext): Block[] {
  if (floor === null) return [];
  const f0 = s.targets.floor;
  const rows: Row[] = [];
  for (const g of govs) {
    const line = (reading: string, f: ReturnType<typeof m.floor>, json: ((k: string) => string) | undefined): Row => ({
      cells: [
        text(g),
        text(reading),
        { kind: 'money', value: f.average, json: json?.('average') },
        f.shortfall === null ? text('-') : { kind: 'money', value: f.shortfall, json: json?.('shortfall') },
        { kind: 'verdict', value: f.met, json: json?.('met') },
        { kind: 'count', value: f.yearsMet, of: N, json: json?.('yearsMet') },
        { kind: 'verdict', value: f.everyYear, json: json?.('everyYear') },
      ],
    });
    BASES.forEach((b, bi) => {
      const own = bi === m.basisIndex;
      rows.push(
        line(
          `budget, ${b.label}`,
          m.floor(g, 'appropriated', bi),
          own ? (k) => ptr('metrics', 'floor', g, 'appropriated', k) : (k) => ptr('metrics', 'floorByBasis', b.id, g, k),
        ),
      );
    });
    rows.push(line('commitment', m.floor(g, 'commitment'), (k) => ptr('metrics', 'floor', g, 'commitment', k)));
  }
  return [
    {
      kind: 'para',
      strong: `Floor: at least ${displayMillions(floor)} per government per year`,
      text: `${f0?.source ? ` (${f0.source})` : ''}. Tested on the horizon's average and in every year, on each scoring basis and on public commitment.`,
    },
    {
      kind: 'table',
      id: 'table-floor',
      columns: [
        left('Gov'),
        left('Reading'),
        right('Avg / yr'),
        right('Shortfall'),
        left('Average'),
        right('Years'),
        left('Every yr'),
      ],
      rows,
      notes: [
        `Readings: budget cost on each scoring basis (${BASES.map((b) => b.id).join(', ')}), or all public commitment; the plan does not say which it means. Average: the ${N}-year average against the floor; Years: years at or above it; Shortfall: what the ${N} years lack in total (${N} x the average's gap to the floor).`,
      ],
    },
  ];
}

function targetBlocks({ s, N, target: t }: RunContext): Block[] {
  if (t.target === null) return [];
  const src = s.targets.mobilization?.source;
  return [
    {
      kind: 'para',
      strong: `Target: ${displayMillions(t.target)} mobilized over ${N} years`,
      text: `${src ? ` (${src})` : ''}: headline ${displayMillions(t.headline)} -> ${t.met ? 'MET' : 'NOT MET'}`,
    },
    {
      kind: 'table',
      id: 'table-target',
      columns: [right('Target'), right('Headline'), right('Shortfall'), left('Verdict')],
      rows: [
        {
          cells: [
            money(t.target, ptr('metrics', 'target', 'amount')),
            money(t.headline, ptr('metrics', 'target', 'headline')),
            money(t.shortfall!, ptr('metrics', 'target', 'shortfall')),
            { kind: 'verdict', value: t.met, json: ptr('metrics', 'target', 'met') },
          ],
        },
      ],
      detail: true,
    },
  ];
}

export const verdicts: RunSection = {
  id: 'verdicts',
  build(rc) {
    const blocks = [...floorBlocks(rc), ...targetBlocks(rc)];
    return blocks.length ? { id: 'verdicts', title: 'Floor and target', blocks } : undefined;
  },
};
