// Headline: the money and ratio metrics per government and in total, the tail beyond the
// horizon, present values, the plan's own measures and private capital by instrument.
import { displayMillions } from '../../core/money.js';
import { MONEY_METRICS, RATIO_METRICS, ratioMetric } from '../../model/metrics.js';
import { type Block, type Cell, droppable, left, ptr, right, type Row, text } from '../model.js';
import { tailTable } from '../tail.js';
import { valueCell } from '../values.js';
import { valuationTable } from '../valuation.js';
import { basisApplies } from '../../model/bases.js';
import { ownBooksNote, type RunContext, type RunSection } from './context.js';

/** The money metrics of a group that have something to show. */
function shownMoney({ m, scopes }: RunContext, group: 'headline' | 'instrument') {
  return MONEY_METRICS.filter(
    (mm) =>
      (mm.group ?? 'headline') === group &&
      !(mm.hideWhenZero && scopes.every((g) => m.money(mm.id, g).isZero())) &&
      !(mm.shownWith && scopes.every((g) => m.money(mm.shownWith!, g).isZero())),
  );
}

function ratioRow({ m, scopes, scopeKey }: RunContext, r: (typeof RATIO_METRICS)[number]): Row {
  return {
    cells: [
      text(r.label(m.context)),
      ...scopes.map((g): Cell => ({
        kind: 'ratio',
        value: m.ratio(r.id, g),
        json: ptr('metrics', ...r.id.split('.'), scopeKey(g)),
      })),
    ],
  };
}

/**
 * The multiplier per budget unit on every other scoring basis: budget cost, its denominator,
 * differs by basis (the numerator does not), so each reading is shown and named.
 */
function otherBasisMultipliers({ s, m, scopes }: RunContext): Row[] {
  return m.planBases
    .filter((b) => b.id !== m.basis.id)
    .map((b) => {
      const mb = m.onBasis(b.id);
      return {
        cells: [
          text(ratioMetric('multiplier').label(mb.context)),
          // A sponsor the basis does not apply to has no figure on it ("-"); the total adds it on its own books.
          ...scopes.map((g): Cell =>
            g !== null && !appliesTo(s, g, b.id)
              ? { kind: 'ratio', value: null }
              : {
                  kind: 'ratio',
                  value: mb.ratio('multiplier', g),
                  json: ptr('metrics', 'multiplierByBasis', b.id, g ?? 'total'),
                },
          ),
        ],
      };
    });
}

function measuresTable({ s, m }: RunContext): Block {
  return {
    kind: 'table',
    id: 'table-measures',
    title: "The plan's own measures",
    columns: [left('Measure'), right('Value'), droppable(left('Sum of')), droppable(left('Source'), 2)],
    rows: s.measures.map((x) => ({
      cells: [
        text(x.label),
        valueCell(m.value({ kind: 'measure', id: x.id }), x.expr.unit, ptr('metrics', 'measures', x.id)),
        text(x.sum, { code: true }),
        text(x.source ?? ''),
      ],
    })),
    // A sum of paths and a cited sentence read as text under the row, not one word per line.
    list: { line: [0, 1], beneath: [2, 3] },
  };
}

/** Private capital by instrument, in OECD DAC categories: only the mechanisms of each instrument. */
function instrumentsTable(rc: RunContext): Block | undefined {
  const { m, scopes, govs, moneyCell } = rc;
  const rows: Row[] = shownMoney(rc, 'instrument')
    .filter((mm) => scopes.some((g) => !m.money(mm.id, g).isZero()))
    .map((mm) => ({ cells: [text(mm.label(m.context)), ...scopes.map((g) => moneyCell(mm.id, g))] }));
  if (!rows.length) return undefined;
  for (const r of RATIO_METRICS.filter((x) => !x.deprecated && x.group === 'instrument'))
    if (scopes.some((g) => m.ratio(r.id, g) !== null)) rows.push(ratioRow(rc, r));
  return {
    kind: 'table',
    id: 'table-instruments',
    title: 'Private capital mobilized by instrument (OECD DAC categories, by analogy)',
    columns: [left('Instrument'), ...govs.map(right), right('Total')],
    rows,
    notes: [
      `Grant follow-on (${displayMillions(m.money('followOn'))}) is not mobilization in the OECD sense and is not in these rows. Ratios divide each instrument's private money by the same mechanisms' public money.`,
      // The OECD's methodology counts private finance mobilized by official development
      // finance for countries on its recipient list; a plan among other countries borrows its
      // instrument categories and attribution rules, so the rows say so.
      'By analogy: the OECD DAC measures private finance mobilized by official development finance in the countries on its list of aid recipients; these rows use its instrument categories and attribution rules for a plan that may not be one (exact only where the plan finances such countries).',
    ],
  };
}

const appliesTo = (s: RunContext['s'], g: string, basis: string) => basisApplies(s.governments, g, basis);

/** The note on a sponsor read on its own books in the budget rows, when the plan's basis does not apply to it. */
function ownBooks({ s, m }: RunContext): string[] {
  const own = ownBooksNote(s, m.basis.id);
  return own
    ? [
        `Budget rows on the ${m.basis.label} basis: ${own.slice(2)}, as that basis does not apply to it; totals add each sponsor on the basis or on its own books.`,
      ]
    : [];
}

const unit = ({ m }: RunContext) => m.context.unitWord ?? 'dollar';

export const headline: RunSection = {
  id: 'headline',
  build(rc) {
    const { ev, s, m, scopes, govs, moneyCell } = rc;
    const rows: Row[] = shownMoney(rc, 'headline').map((mm) => ({
      cells: [text(mm.label(m.context)), ...scopes.map((g) => moneyCell(mm.id, g))],
    }));
    for (const r of RATIO_METRICS.filter((x) => !x.deprecated && (x.group ?? 'headline') === 'headline')) {
      rows.push(ratioRow(rc, r));
      if (r.id === 'multiplier') rows.push(...otherBasisMultipliers(rc));
    }
    const blocks: Block[] = [
      {
        kind: 'table',
        id: 'table-headline',
        columns: [left('Metric'), ...govs.map(right), right('Total')],
        rows,
        notes: [
          `Multipliers: total investment (headline mobilization) per budget ${unit(rc)} on each scoring basis, and per public ${unit(rc)} committed (the EFSI/InvestEU ratio; no basis enters it). On a basis that leaves a commitment out of budget cost (as published: what the plan does not mark appropriated), that commitment still counts in total investment, so the ratio per budget ${unit(rc)} is higher there.`,
          ...ownBooks(rc),
        ],
      },
      tailTable(ev),
    ];
    const pv = valuationTable(ev);
    if (pv) blocks.push(pv);
    if (s.measures.length) blocks.push(measuresTable(rc));
    const instruments = instrumentsTable(rc);
    if (instruments) blocks.push(instruments);
    return { id: 'headline', title: `Headline (${rc.horizon} totals)`, blocks };
  },
};
