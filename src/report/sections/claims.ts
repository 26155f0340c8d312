// Published claims: those that do not hold, the identities (true by construction of the
// scenario: not evidence), then (in detail) those that hold, each with the published and
// computed values, their difference and its verdict on every other basis where it differs.
import { claimDifferences, type ClaimOnBases, claimsOnBases, type ClaimVerdict } from '../../measure/claims.js';
import type { Evaluation } from '../../measure/evaluate.js';
import { type Cell, droppable, left, ptr, right, type Row, type Section, type Table, text } from '../model.js';
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

const TONE: Record<ClaimVerdict, 'good' | 'bad' | undefined> = {
  holds: 'good',
  'does not hold': 'bad',
  identity: undefined,
  'n/a': undefined,
};

/** A claim's verdict in its own words, coloured in a terminal (an identity is not a finding: uncoloured). */
function verdictCell(c: ClaimResult, json: string): Cell {
  const t = c.verdict;
  return { kind: 'text', text: t, json, jsonValue: t, tones: [{ text: t, tone: TONE[t] }] };
}

/** Computed value(s) of a claim: each test's, labelled, when it has several. */
function computedText(c: ClaimResult): string {
  if (!c.applicable) return `n/a (${c.claim.when} does not hold)`;
  if (c.claim.tests.length === 1) return metricText(c.computed, c.claim.refs[0]!);
  return c.claim.tests
    .map((t, k) => `${t.label && t.label !== t.metric ? `${t.label} ` : ''}${metricText(c.tests[k]!.computed, t.refs[0]!)}`)
    .join(' / ');
}

/** "federal basis: does not hold (computed 4,000.0)" for each basis where the verdict differs. */
function otherBases(diffs: ClaimOnBases[]): string {
  return diffs.map((d) => `on the ${d.basisLabel} basis: ${d.result.verdict} (computed ${computedText(d.result)})`).join('; ');
}

function claimRow(all: ClaimResult[], c: ClaimResult, diffs: ClaimOnBases[]): Row {
  const i = all.indexOf(c);
  const ref = c.claim.refs[0]!;
  const many = c.claim.tests.length > 1;
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
      verdictCell(c, ptr('claims', i, 'verdict')),
      text(c.claim.text ?? c.claim.id),
      text(c.claim.metric + (c.claim.tests.length > named ? ' (and more)' : ''), { code: true }),
      text(`${cmp}${pub.shown}${tol}`, { json: ptr('claims', i, 'published'), jsonValue: pub.json }),
      many || !c.applicable
        ? text(computedText(c))
        : text(computedText(c), { json: ptr('claims', i, 'computed'), jsonValue: metricJson(c.computed, ref) }),
      c.difference === null
        ? text('-')
        : text(metricText(c.difference, ref), {
            json: ptr('claims', i, 'difference'),
            jsonValue: metricJson(c.difference, ref),
          }),
      text(c.claim.source ?? ''),
      text(otherBases(diffs)),
    ],
  };
}

interface Tabled {
  all: ClaimResult[];
  diffs: ClaimOnBases[][];
}

function claimTable({ all, diffs }: Tabled, id: string, title: string, verdict: ClaimVerdict, detail: boolean): Table {
  const list = all.filter((c) => c.verdict === verdict);
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
      left('On other bases'),
    ],
    rows: list.map((c) => claimRow(all, c, diffs[all.indexOf(c)]!)),
    // id, verdict, published, computed on one line; the quoted sentence and any other
    // basis's verdict beneath.
    list: { line: [0, 1, 4, 5], beneath: [2, 8] },
    empty: 'None.',
    detail,
  };
}

/** "5 hold, 6 do not hold, 6 identities (true by construction)": each verdict's count, in words. */
export function claimCounts(all: readonly { verdict: ClaimVerdict }[]): string {
  const n = (v: ClaimVerdict) => all.filter((c) => c.verdict === v).length;
  const parts = [`${n('holds')} of ${all.length} hold`, `${n('does not hold')} do${n('does not hold') === 1 ? 'es' : ''} not`];
  if (n('identity'))
    parts.push(`${n('identity')} ${n('identity') === 1 ? 'is an identity' : 'are identities'} (true by construction)`);
  if (n('n/a')) parts.push(`${n('n/a')} not applicable as written`);
  return parts.join(', ');
}

export const claims: RunSection = {
  id: 'claims',
  build({ ev, m }) {
    const all = ev.claims;
    // A plan with no claims has no claims section.
    if (!all.length) return undefined;
    const onBases = claimsOnBases(m, all);
    const t: Tabled = { all, diffs: onBases.map((b) => claimDifferences(m, b)) };
    const differ = t.diffs.filter((d) => d.length).length;
    const blocks: Section['blocks'] = [claimTable(t, 'table-claims-fail', 'Claims that do not hold', 'does not hold', false)];
    if (all.some((c) => c.verdict === 'identity'))
      blocks.push(
        claimTable(
          t,
          'table-claims-identity',
          'Identities: true by construction of the scenario, not evidence',
          'identity',
          false,
        ),
      );
    blocks.push(claimTable(t, 'table-claims-hold', 'Claims that hold', 'holds', true));
    if (all.some((c) => c.verdict === 'n/a'))
      blocks.push(claimTable(t, 'table-claims-na', 'Claims not applicable as written', 'n/a', true));
    blocks.push({
      kind: 'para',
      text:
        differ === 0
          ? `Every claim has the same verdict on every scoring basis (${onBases[0]!.map((b) => b.basisLabel).join(', ')}).`
          : `${differ} of ${all.length} claims have another verdict on another scoring basis (shown with each claim); ${onBases[0]!
              .filter((b) => b.basis !== m.basis.id)
              .map(
                (b) =>
                  `on the ${b.basisLabel} basis: ${claimCounts(onBases.map((x) => x.find((y) => y.basis === b.basis)!.result))}`,
              )
              .join('; ')}.`,
    });
    return {
      id: 'claims',
      title: `Published claims (${m.basis.label} basis): ${claimCounts(all)}`,
      blocks,
    };
  },
};
