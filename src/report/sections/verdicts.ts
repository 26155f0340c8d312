// Floor, target and tests: the floor on every scoring basis and on public commitment, per
// government; the mobilization target on each reading; the plan's own tests. Only what the
// plan has is shown.
import { type Dec, displayMillions } from '../../core/money.js';
import type { TestOutcome } from '../../measure/expr.js';
import { testVerdicts } from '../../measure/targets.js';
import { BASES, type Basis, basesFor, basisById } from '../../model/bases.js';
import { floorReadingLabel } from '../../model/metrics.js';
import { testUnit } from '../../model/expr.js';
import { metricJson, metricText, verdictText } from '../values.js';
import { type Block, left, money, ptr, right, type Row, text } from '../model.js';
import type { RunContext, RunSection } from './context.js';
import { ownYearBlocks } from './own-years.js';
import { inBooks, rateText, sponsorBooks } from '../sponsor-books.js';

function floorBlocks(rc: RunContext): Block[] {
  const { s, m, N, govs, floor } = rc;
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
    // Only the bases that apply to this sponsor (none for a bank): a sponsor on cash books has no federal row.
    basesFor(s.governments.find((x) => x.code === g)!).forEach((b) => {
      const bi = BASES.indexOf(b);
      const own = bi === m.basisIndex;
      rows.push(
        line(
          floorReadingLabel('appropriated', b.label),
          m.floor(g, 'appropriated', bi),
          own ? (k) => ptr('metrics', 'floor', g, 'appropriated', k) : (k) => ptr('metrics', 'floorByBasis', b.id, g, k),
        ),
      );
    });
    rows.push(
      line(floorReadingLabel('commitment', ''), m.floor(g, 'commitment'), (k) => ptr('metrics', 'floor', g, 'commitment', k)),
    );
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
        `Readings: budget cost on each scoring basis (${m.planBases.map((b) => b.id).join(', ')}), or all public commitment; the plan does not say which it means. Average: the ${N}-year average against the floor; Years: years at or above it; Shortfall: what the ${N} years lack in total (${N} x the average's gap to the floor).${onlyOwn(s, m.planBases)}`,
        ...ownCurrencyFloors(rc, floor),
      ],
    },
  ];
}

/**
 * A sponsor with its own currency: its floor and averages in that currency, in a note of
 * their own (the table's column stays in the plan's currency; verdicts are the same either way).
 */
function ownCurrencyFloors({ s, m, govs }: RunContext, floor: Dec): string[] {
  return govs.flatMap((g) => {
    const b = sponsorBooks(s, g);
    if (!b.rate) return [];
    const sp = s.governments.find((x) => x.code === g)!;
    const averages = [
      ...basesFor(sp).map((x) => `${displayMillions(inBooks(b, m.floor(g, 'appropriated', BASES.indexOf(x)).average))} ${x.id}`),
      `${displayMillions(inBooks(b, m.floor(g, 'commitment').average))} commitment`,
    ];
    return [
      `${g} in ${b.currency}: floor ${displayMillions(inBooks(b, floor))} a year; average ${averages.join(', ')}; converted at ${rateText(s, b)}.`,
    ];
  });
}

function targetBlocks({ s, N, m, target: t }: RunContext): Block[] {
  if (t.target === null) return [];
  const src = s.targets.mobilization?.source;
  const priv = m.target('private');
  const row = (label: string, x: typeof t, key: (k: string) => string): Row => ({
    cells: [
      text(label),
      money(x.target!, ptr('metrics', 'target', 'amount')),
      money(x.headline, key('amount')),
      money(x.shortfall!, key('shortfall')),
      { kind: 'verdict', value: x.met, json: key('met') },
    ],
  });
  return [
    {
      kind: 'para',
      strong: `Target: ${displayMillions(t.target)} mobilized over ${N} years`,
      text: `${src ? ` (${src})` : ''}: headline ${displayMillions(t.headline)} -> ${verdictText(t.met)}; private capital only ${displayMillions(priv.headline)} -> ${verdictText(priv.met)}`,
    },
    {
      kind: 'table',
      id: 'table-target',
      columns: [left('Reading'), right('Target'), right('Amount'), right('Shortfall'), left('Verdict')],
      rows: [
        row('headline (public + private)', t, (k) => ptr('metrics', 'target', k === 'amount' ? 'headline' : k)),
        row('private capital only', priv, (k) => ptr('metrics', 'target', 'byReading', 'private', k)),
      ],
      notes: [
        'Readings: headline mobilization counts public commitment and private capital together, as the report does; private capital only counts what private investors commit. A target that does not say which it means is shown on both.',
      ],
    },
  ];
}

/** The plan's own tests (targets.tests): a verdict and a margin each, and per basis where budget cost enters it. */
function testBlocks({ ev, s }: RunContext): Block[] {
  const vs = testVerdicts(ev);
  if (!vs.length) return [];
  const rows: Row[] = [];
  for (const v of vs) {
    const unit = testUnit(v.test.test);
    const line = (basis: string, o: TestOutcome<Dec>, key: (k: string) => string): Row => ({
      cells: [
        text(v.test.id, { code: true }),
        text(v.test.that, { code: true }),
        text(basis),
        text(metricText(o.value, unit), { json: key('value'), jsonValue: metricJson(o.value, unit) }),
        text(o.margin === null ? 'not defined' : metricText(o.margin, unit), {
          json: key('margin'),
          jsonValue: metricJson(o.margin, unit),
        }),
        { kind: 'verdict', value: o.holds, json: key('met') },
      ],
    });
    const own = (k: string) => ptr('metrics', 'targets', v.test.id, k);
    rows.push(line(basisLabel(v.basis), v.outcome, own));
    for (const b of v.byBasis)
      if (b.basis !== v.basis)
        rows.push(line(basisLabel(b.basis), b.outcome, (k) => ptr('metrics', 'targets', v.test.id, 'byBasis', b.basis, k)));
  }
  const cited = vs.filter((v) => v.test.text || v.test.source);
  return [
    {
      kind: 'table',
      id: 'table-tests',
      columns: [left('Test'), left('That'), left('Basis'), right('Value'), right('Margin'), left('Verdict')],
      rows,
      notes: [
        `Margin: the left side less the right, in the left side's unit (positive: above). A test that reads budget cost is shown on every scoring basis; its verdict is on the first.${s.targets.tests.some((t) => t.case !== 'base') ? ' A test with a case is evaluated in that case.' : ''}`,
        ...cited.map((v) => `${v.test.id}: ${v.test.text ?? ''}${v.test.source ? ` (${v.test.source})` : ''}`),
      ],
    },
  ];
}

/** " Each government is shown on the bases that apply to it: XX as-published, cash." when one lacks some of the plan's. */
function onlyOwn(s: RunContext['s'], plan: readonly Basis[]): string {
  const some = s.governments.filter((g) => basesFor(g).length < plan.length);
  if (!some.length) return '';
  const list = some.map(
    (g) =>
      `${g.code} ${
        basesFor(g)
          .map((b) => b.id)
          .join(', ') || 'none (no budget)'
      }`,
  );
  return ` Each government is shown on the bases that apply to it: ${list.join('; ')}.`;
}

const basisLabel = (id: string) => basisById(id)?.label ?? id;

export const verdicts: RunSection = {
  id: 'verdicts',
  build(rc) {
    const floor = [...floorBlocks(rc), ...ownYearBlocks(rc)];
    const target = targetBlocks(rc);
    const tests = testBlocks(rc);
    const names = [floor.length ? 'floor' : '', target.length ? 'target' : '', tests.length ? 'tests' : ''].filter(Boolean);
    if (!names.length) return undefined;
    const title = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return { id: 'verdicts', title: title[0]!.toUpperCase() + title.slice(1), blocks: [...floor, ...target, ...tests] };
  },
};
