// Published claims: those that do not hold, then (in detail) those that hold, each with
// the published and computed values and their difference.
import type { Evaluation } from '../../measure/evaluate.js';
import { type Cell, droppable, left, ptr, right, type Row, type Table, text } from '../model.js';
import { metricJson, metricText } from '../values.js';
import type { RunSection } from './context.js';

type ClaimResult = Evaluation['claims'][number];

/** The published value as people read it and as JSON has it. */
function published(c: ClaimResult): { shown: string; json: string | boolean | null } {
  const ref = c.claim.refs[0]!;
  const p = c.claim.published;
  if (typeof p === 'boolean') return { shown: String(p), json: p };
  if (p.low.eq(p.high)) return { shown: metricText(p.low, ref), json: metricJson(p.low, ref) };
  return {
    shown: `${metricText(p.low, ref)}-${metricText(p.high, ref)}`,
    json: `${metricJson(p.low, ref)}-${metricJson(p.high, ref)}`,
  };
}

/** A claim's verdict in its own words, coloured in a terminal. */
function verdictCell(c: ClaimResult): Cell {
  const t = !c.applicable ? 'n/a' : c.holds ? 'holds' : 'does not hold';
  return { kind: 'text', text: t, tones: [{ text: t, tone: !c.applicable ? undefined : c.holds ? 'good' : 'bad' }] };
}

function claimRow(all: ClaimResult[], c: ClaimResult): Row {
  const i = all.indexOf(c);
  const ref = c.claim.refs[0]!;
  const many = c.claim.tests.length > 1;
  // Several tests (per government, `also:`): each computed value, labelled.
  const computedText = !c.applicable
    ? `n/a (${c.claim.when} does not hold)`
    : many
      ? c.claim.tests
          .map((t, k) => `${t.label && t.label !== t.metric ? `${t.label} ` : ''}${metricText(c.tests[k]!.computed, t.refs[0]!)}`)
          .join(' / ')
      : metricText(c.computed, ref);
  const pub = published(c);
  const cmp = c.claim.comparison === 'atLeast' ? '>= ' : c.claim.comparison === 'atMost' ? '<= ' : '~';
  const tol = c.claim.tolerance.isZero() ? '' : ` ±${c.claim.tolerance.times(100).toPlain(2)}%`;
  const t0 = c.claim.tests[0]!;
  const named = t0.label && t0.label !== t0.metric ? c.claim.tests.filter((t) => t.label !== t.metric).length : 1;
  return {
    bad: !c.holds,
    data: { 'data-claim': c.claim.id },
    cells: [
      text(c.claim.id, { code: true }),
      verdictCell(c),
      text(c.claim.text ?? c.claim.id),
      text(c.claim.metric + (c.claim.tests.length > named ? ' (and more)' : ''), { code: true }),
      text(`${cmp}${pub.shown}${tol}`, { json: ptr('claims', i, 'published'), jsonValue: pub.json }),
      many || !c.applicable
        ? text(computedText)
        : text(computedText, { json: ptr('claims', i, 'computed'), jsonValue: metricJson(c.computed, ref) }),
      c.difference === null
        ? text('-')
        : text(metricText(c.difference, ref), {
            json: ptr('claims', i, 'difference'),
            jsonValue: metricJson(c.difference, ref),
          }),
      text(c.claim.source ?? ''),
    ],
  };
}

function claimTable(all: ClaimResult[], id: string, title: string, list: ClaimResult[], detail: boolean): Table {
  return {
    kind: 'table',
    id,
    title: `${title} (${list.length})`,
    columns: [
      left('Claim', false),
      left('Verdict', false),
      droppable(left('Sentence'), 4),
      droppable(left('Metric'), 3),
      right('Published'),
      right('Computed'),
      droppable(right('Difference'), 2),
      droppable(left('Source')),
    ],
    rows: list.map((c) => claimRow(all, c)),
    // id, verdict, published, computed on one line; the quoted sentence beneath.
    list: { line: [0, 1, 4, 5], beneath: [2] },
    empty: 'None.',
    detail,
  };
}

export const claims: RunSection = {
  id: 'claims',
  build({ ev }) {
    const all = ev.claims;
    const holds = all.filter((c) => c.holds).length;
    const notApplicable = all.filter((c) => !c.applicable).length;
    return {
      id: 'claims',
      title: `Published claims: ${holds} of ${all.length} hold${notApplicable ? ` (${notApplicable} not applicable as written)` : ''}`,
      blocks: [
        claimTable(
          all,
          'table-claims-fail',
          'Claims that do not hold',
          all.filter((c) => !c.holds),
          false,
        ),
        claimTable(
          all,
          'table-claims-hold',
          'Claims that hold',
          all.filter((c) => c.holds),
          true,
        ),
      ],
    };
  },
};
