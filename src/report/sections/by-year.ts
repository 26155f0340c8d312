// By year: budget cost by year and government, then for each government its commitments
// and budget cost by year and mechanism (a year "after" the horizon when money lands there).
import { type Block, left, right, text } from '../model.js';
import { ownBooksNote, type RunContext, type RunSection } from './context.js';

function byGovernment({ s, m, N, scopes, govs, fy, moneyCell }: RunContext): Block {
  const own = ownBooksNote(s, m.basis.id);
  const slots = Array.from({ length: N + 1 }, (_, y) => y).filter(
    (y) => y < N || scopes.some((g) => !m.money('budgetCost', g, undefined, N).isZero()),
  );
  return {
    kind: 'table',
    id: 'table-budget-years',
    title: `Budget cost by year and government (${m.basis.label} basis)`,
    columns: [left('Year', false), ...govs.map(right), right('Total')],
    rows: [
      ...slots.map((y) => ({
        cells: [text(fy(y)), ...scopes.map((g) => moneyCell('budgetCost', g, undefined, y === N ? 'after' : y))],
      })),
      { total: true, cells: [text('Total', { strong: true }), ...scopes.map((g) => moneyCell('budgetCost', g))] },
    ],
    // A sponsor the basis does not apply to is in its column on its own books, and so in the total.
    ...(own
      ? { notes: [`${own.slice(2)}: the total adds each government on the ${m.basis.label} basis or its own books.`] }
      : {}),
  };
}

function byMechanism(
  { s, m, N, fy, moneyCell }: RunContext,
  g: string,
  title: string,
  metric: 'publicCommitment' | 'budgetCost',
): Block {
  const cols = s.mechanisms.filter((x) => !m.money(metric, g, x.id).isZero() || !m.money(metric, g, x.id, N).isZero());
  const ys = Array.from({ length: N + 1 }, (_, y) => y).filter((y) => y < N || !m.money(metric, g, undefined, N).isZero());
  return {
    kind: 'table',
    id: `table-years-${g}-${metric}`,
    title: `${g}: ${title} by year and mechanism`,
    columns: [left('Year', false), ...cols.map((x) => right(x.id)), right('Total')],
    rows: [
      ...ys.map((y) => ({
        cells: [
          text(fy(y)),
          ...cols.map((x) => moneyCell(metric, g, x.id, y === N ? 'after' : y)),
          moneyCell(metric, g, undefined, y === N ? 'after' : y),
        ],
      })),
      {
        total: true,
        cells: [text('Total', { strong: true }), ...cols.map((x) => moneyCell(metric, g, x.id)), moneyCell(metric, g)],
      },
    ],
  };
}

export const byYear: RunSection = {
  id: 'by-year',
  build(rc) {
    const blocks: Block[] = [byGovernment(rc)];
    for (const g of rc.govs) {
      blocks.push(byMechanism(rc, g, 'commitments', 'publicCommitment'));
      blocks.push(byMechanism(rc, g, `budget cost (${rc.m.basis.label} basis)`, 'budgetCost'));
    }
    return { id: 'by-year', title: 'By year', blocks };
  },
};
