// The cost estimate as a report (table, markdown, HTML and XLSX render it): per sponsor a
// summary box, the estimated cost by fiscal year (direct spending, revenues, spending
// subject to appropriation), the same by mechanism, the pay-as-you-go effect, the gates
// as drafted and at their expected value, mandates; then the basis of estimate. The
// layout follows the CBO cost estimate (docs/guide/estimate.md).
import { millionsInWords } from '../core/currency.js';
import { onOwnBooks } from '../model/bases.js';
import { Dec, displayMillions } from '../core/money.js';
import type { Summary } from '../simulate/stats.js';
import { type Event, type Horizon, probabilityAssumed, type Scenario, yearName } from '../model/scenario.js';
import { type EstimateData, inOwnCurrency, type Series, type SponsorEstimate, sumOf } from './estimate.js';
import { assumedLine } from './assumed.js';
import { inputRows } from './inputs.js';
import { type Block, type Cell, left, type Report, right, type Row, type Section, text } from './model.js';
import { horizonText } from './run.js';
import { booksStart, booksYear, booksYearKind, rateText, type SponsorBooks, sponsorBooks } from './sponsor-books.js';
import { attributionText } from '../model/fiscal.js';

export interface EstimateColumn {
  /** FY2027, or a span of years such as 2027-2031. */
  label: string;
  years: [number, number];
}

/** The columns: each fiscal year, the first five years (when the horizon is longer), the whole horizon. */
const capitalized = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

export function estimateColumns(start: number | Horizon, years: number): EstimateColumn[] {
  const h = typeof start === 'number' ? { start } : start;
  return labelledColumns((y) => yearName(h, y), h.start, years);
}

function labelledColumns(label: (y: number) => string, start: number, years: number): EstimateColumn[] {
  const cols: EstimateColumn[] = Array.from({ length: years }, (_, y) => ({
    label: label(y),
    years: [y, y] as [number, number],
  }));
  return [...cols, ...spanColumns(start, years)];
}

/** A sponsor's table as its own books show it: the plan's scenario, its currency and its years. */
interface View {
  s: Scenario;
  b: SponsorBooks;
}
const viewColumns = (v: View, years: number) => labelledColumns((y) => booksYear(v.s, v.b, y), booksStart(v.s, v.b), years);
const viewYear = (v: View, y: number) => booksYear(v.s, v.b, y);
const byYearHeader = (v: View) => left(`By ${booksYearKind(v.s, v.b)} year, ${millionsInWords(v.b.currency)}`);

function spanColumns(start: number, years: number): EstimateColumn[] {
  const span = (n: number): EstimateColumn => ({ label: `${start}-${start + n - 1}`, years: [0, n - 1] });
  return [...(years > 5 ? [span(5)] : []), ...(years > 1 ? [span(years)] : [])];
}

/** Published estimates show whole millions; totals are sums of the unrounded figures. */
const m0 = (value: Dec): Cell => ({ kind: 'money', value, dp: 0 });
export const ROUNDING_NOTE =
  'Amounts are rounded to the nearest million (halves away from zero); components may not sum to totals because of rounding (totals are sums of the unrounded figures). * = between -$500,000 and $500,000.';

/** The rounding note in the plan's currency (a dollar plan's is ROUNDING_NOTE, word for word). */
export function roundingNote(currency: string): string {
  return currency === 'USD' ? ROUNDING_NOTE : ROUNDING_NOTE.replace('-$500,000 and $500,000', `-500,000 and 500,000 ${currency}`);
}

/** The lines of one sponsor's estimate, each a series by year (plus the after-horizon bucket). */
export function estimateLines(sp: SponsorEstimate) {
  const N = sp.direct.outlays.length - 1;
  const add = (a: Series, b: Series) => a.map((v, i) => v.plus(b[i]!));
  const neg = (a: Series) => a.map((v) => v.neg());
  const netDirect = add(sp.direct.outlays, neg(sp.direct.receipts));
  const revenues = sp.revenues;
  return {
    N,
    directAuthority: sp.direct.authority,
    directOutlays: sp.direct.outlays,
    receipts: neg(sp.direct.receipts),
    netDirect,
    revenues,
    // Increase or decrease (-) in the deficit: net direct spending less revenues.
    deficit: add(netDirect, neg(revenues)),
    authorization: add(sp.discretionary.authority, sp.administrative),
    discretionaryOutlays: add(sp.discretionary.outlays, sp.administrative),
    administrative: sp.administrative,
  };
}

const row = (label: string, xs: Series, cols: EstimateColumn[], total = false): Row => ({
  total,
  cells: [text(label, total ? { strong: true } : {}), ...cols.map((c) => m0(sumOf(xs, c.years)))],
});
const heading = (label: string, cols: EstimateColumn[]): Row => ({
  cells: [text(label, { strong: true }), ...cols.map((): Cell => ({ kind: 'empty' }))],
});
const nonZero = (xs: Series) => xs.some((v) => !v.isZero());

function summaryTable(sp: SponsorEstimate, v: View) {
  const L = estimateLines(sp);
  const cols = [{ label: viewYear(v, 0), years: [0, 0] as [number, number] }, ...spanColumns(booksStart(v.s, v.b), L.N)];
  const after = viewYear(v, L.N);
  const yes = (b: boolean) => (b ? 'Yes' : 'No');
  const paygo = nonZero(L.netDirect) || nonZero(L.revenues) || nonZero(L.directAuthority);
  return {
    kind: 'table' as const,
    id: `table-estimate-${sp.gov}-summary`,
    title: 'Summary',
    columns: [byYearHeader(v), ...cols.map((c) => right(c.label))],
    rows: [
      row('Direct spending (outlays)', L.netDirect, cols),
      row('Revenues', L.revenues, cols),
      row('Increase or decrease (-) in the deficit', L.deficit, cols, true),
      row('Spending subject to appropriation (outlays)', L.discretionaryOutlays, cols),
    ],
    notes: [
      `Statutory pay-as-you-go procedures apply? ${yes(paygo)}.`,
      ...laterEffects(L, viewYear(v, L.N - 1), after),
      'Contains an intergovernmental mandate? None modeled (the plan states no requirement on other governments).',
      'Contains a private-sector mandate? None modeled (private capital in the plan is voluntary).',
      roundingNote(v.b.currency),
    ],
  };
}

/**
 * The summary's questions about the years after the horizon. A tax credit claimed after it
 * is a revenue loss (revenues decrease), not spending: with one, direct spending and revenues
 * are asked about apart; without, the one question about net direct spending, as always.
 */
function laterEffects(L: ReturnType<typeof estimateLines>, last: string, after: string): string[] {
  const yes = (b: boolean) => (b ? 'Yes' : 'No');
  const unsplit = 'not split into later periods';
  // Net direct spending later (with no revenue loss it is the deficit's whole change).
  const spending = L.netDirect[L.N]!;
  const lost = L.revenues[L.N]!.neg();
  const lines = [
    `Increases net direct spending after ${last}? ${yes(spending.gt(Dec.ZERO))}${
      spending.isZero()
        ? ''
        : ` (${displayMillions(spending, 0, 'away')} from ${after} on, from authority provided within the horizon; ${unsplit})`
    }.`,
  ];
  if (lost.isZero()) return lines;
  return [
    ...lines,
    `Decreases revenues after ${last}? ${yes(lost.gt(Dec.ZERO))} (a revenue loss of ${displayMillions(lost, 0, 'away')} from ${after} on: tax credits claimed then for investment within the horizon, a loss of revenue, not spending; ${unsplit}).`,
  ];
}

function costTable(sp: SponsorEstimate, v: View) {
  const L = estimateLines(sp);
  const cols = viewColumns(v, L.N);
  const rows: Row[] = [
    heading('Direct spending', cols),
    row('  Estimated budget authority', L.directAuthority, cols),
    row('  Estimated outlays', L.directOutlays, cols),
    row('  Offsetting receipts (money back)', L.receipts, cols),
    row('  Net direct spending (outlays)', L.netDirect, cols, true),
    heading('Revenues', cols),
    row(nonZero(L.revenues) ? '  Estimated revenues (tax credits)' : '  Estimated revenues (none modeled)', L.revenues, cols),
    heading('Spending subject to appropriation', cols),
    row('  Estimated authorization level', L.authorization, cols),
    row('  Estimated outlays', L.discretionaryOutlays, cols, true),
    ...(nonZero(L.administrative) ? [row('  of which administrative costs', L.administrative, cols)] : []),
  ];
  const last = viewYear(v, L.N - 1);
  const after = [
    ['direct spending', L.netDirect[L.N]!],
    ['spending subject to appropriation', L.discretionaryOutlays[L.N]!],
  ] as const;
  // A tax credit claimed after the horizon: revenue lost then (a decrease in revenues, not an outlay).
  const lostAfter = L.revenues[L.N]!.neg();
  return {
    kind: 'table' as const,
    id: `table-estimate-${sp.gov}-cost`,
    title: 'Estimated cost',
    columns: [byYearHeader(v), ...cols.map((c) => right(c.label))],
    rows,
    notes: [
      roundingNote(v.b.currency),
      ...after
        .filter(([, v]) => !v.isZero())
        .map(
          ([what, v]) =>
            `Outlays of ${what} after ${last}: ${displayMillions(v, 0, 'away')} (from authority provided within the horizon).`,
        ),
      ...(lostAfter.isZero()
        ? []
        : [
            `Revenue loss after ${last}: ${displayMillions(lostAfter, 0, 'away')} (tax credits claimed then, for investment within the horizon).`,
          ]),
    ],
  };
}

function mechanismTable(sp: SponsorEstimate, v: View) {
  const cols = viewColumns(v, v.s.horizon.years);
  const part = (direct: boolean): Row[] => {
    const ls = sp.mechs.filter((l) => l.direct === direct);
    if (!ls.length) return [];
    return [
      heading(direct ? 'Direct spending' : 'Spending subject to appropriation', cols),
      ...ls.flatMap((l) => [
        row(`  ${l.id} ${direct ? 'budget authority' : 'authorization'}`, l.authority, cols),
        row(`  ${l.id} outlays`, l.outlays, cols),
      ]),
    ];
  };
  return {
    kind: 'table' as const,
    id: `table-estimate-${sp.gov}-mechanisms`,
    title: 'By mechanism',
    columns: [byYearHeader(v), ...cols.map((c) => right(c.label))],
    rows: [...part(true), ...part(false)],
    // A tax credit has no spending to show here: its revenue loss is on the Revenues line above.
    empty: nonZero(sp.revenues)
      ? 'No spending on this basis; the revenue loss is under Revenues above.'
      : 'No budget effect on this basis.',
    notes: [
      ...(sp.mechs.length ? [[...new Map(sp.mechs.map((l) => [l.id, `${l.id}: ${l.label}`])).values()].join('; ') + '.'] : []),
      roundingNote(v.b.currency),
    ],
  };
}

function paygoTable(sp: SponsorEstimate, v: View) {
  const L = estimateLines(sp);
  const cols = viewColumns(v, L.N);
  return {
    kind: 'table' as const,
    id: `table-estimate-${sp.gov}-paygo`,
    title: 'Pay-as-you-go effects',
    columns: [byYearHeader(v), ...cols.map((c) => right(c.label))],
    rows: [
      row('Net increase or decrease (-) in the deficit', L.deficit, cols, true),
      row('  Memorandum: changes in outlays', L.netDirect, cols),
      row('  Memorandum: changes in revenues', L.revenues, cols),
    ],
    notes: [
      'Direct spending and revenues only; spending subject to appropriation is not subject to pay-as-you-go.',
      roundingNote(v.b.currency),
    ],
  };
}

function gatesTable(sp: SponsorEstimate, ex: SponsorEstimate | undefined, v: View) {
  const spans = spanColumns(booksStart(v.s, v.b), v.s.horizon.years);
  const a = estimateLines(sp);
  const e = ex ? estimateLines(ex) : undefined;
  const line = (label: string, key: 'netDirect' | 'authorization' | 'discretionaryOutlays'): Row => ({
    cells: [text(label), ...spans.flatMap((c) => [m0(sumOf(a[key], c.years)), ...(e ? [m0(sumOf(e[key], c.years))] : [])])],
  });
  return {
    kind: 'table' as const,
    id: `table-estimate-${sp.gov}-gates`,
    title: 'Gates: as drafted and at expected value',
    columns: [
      left(capitalized(millionsInWords(v.b.currency))),
      ...spans.flatMap((c) => [right(`${c.label} as drafted`), ...(e ? [right(`${c.label} expected`)] : [])]),
    ],
    rows: [
      line('Direct spending (outlays)', 'netDirect'),
      line('Spending subject to appropriation (authorization)', 'authorization'),
      line('Spending subject to appropriation (outlays)', 'discretionaryOutlays'),
    ],
    notes: [
      e
        ? "As drafted: every gate as the plan writes it. Expected: weighted over every pattern of gate outcomes by the gates' probabilities (taken as independent); the probabilities and their sources are in the basis of estimate."
        : 'The plan has too many gates to weigh every pattern of outcomes; `compact-model simulate` samples them.',
    ],
  };
}

/** "federal basis", or, for a sponsor that basis does not apply to, "its own books: cash basis" (model/bases.ts). */
function basisOf(s: Scenario, gov: string, id: string, label: string): string {
  const own = onOwnBooks(s.governments, id).find((o) => o.sponsor.code === gov);
  return own ? `${label} basis does not apply: its own books, ${own.own.label} basis` : `${label} basis`;
}

function sponsorSection(d: EstimateData, plan: SponsorEstimate): Section {
  const s = d.scenario;
  const v: View = { s, b: sponsorBooks(s, plan.gov) };
  // In its own currency: every amount times the rate's base value (exact; rounded only for display).
  const inOwn = (x: SponsorEstimate) => inOwnCurrency(x, v.b);
  const sp = inOwn(plan);
  const found = d.expected?.find((x) => x.gov === sp.gov);
  const ex = found && inOwn(found);
  const gated = s.events.some((e) => e.probability !== undefined);
  return {
    id: `estimate-${sp.gov}`,
    title: `${sp.name}: cost estimate (${basisOf(s, sp.gov, d.basis.id, d.basis.label)})`,
    blocks: [
      ...booksParas(v),
      summaryTable(sp, v),
      costTable(sp, v),
      mechanismTable(sp, v),
      paygoTable(sp, v),
      ...(gated ? [gatesTable(sp, ex, v)] : []),
    ],
  };
}

/** What a sponsor's own books change in its section: its currency, its years (nothing for the plan's own). */
function booksParas({ s, b }: View): Block[] {
  const out: Block[] = [];
  if (b.rate)
    out.push({
      kind: 'para',
      strong: `${b.code} in ${b.currency}. `,
      text: `Its own currency: every amount in this section is the plan's ${s.currency} figure converted to ${b.currency} at ${rateText(s, b)}; tables that set sponsors side by side stay in ${s.currency}.`,
    });
  if (b.own)
    out.push({
      kind: 'para',
      strong: `${b.code} in its own fiscal years. `,
      text: `${capitalized(attributionText(b.own, s.horizon.start, yearName(s.horizon, 0)))}.`,
    });
  return out;
}

/** A gate's probability as the plan cites it, or marked as the scenario author's assumption. */
export function probabilitySource(e: Pick<Event, 'probability' | 'source'>): string {
  const source = e.probability?.source ?? e.source;
  if (!source) return "scenario author's assumption (no source given)";
  return probabilityAssumed(e) ? `scenario author's assumption (${source})` : source;
}

function basisSection(d: EstimateData): Section {
  const s = d.scenario;
  const enacted = s.enacted
    ? `${yearName(s.horizon, s.enacted.index)}${s.enacted.source ? ` (${s.enacted.source})` : ' (no source given)'}`
    : `${yearName(s.horizon, 0)}, the horizon's first year (default; scoring.enacted states another)`;
  const baseline =
    d.baseline.kind === 'scenario'
      ? `the baseline scenario "${d.baseline.name}" (${d.baseline.file}), on the same basis; the estimate is this plan less that one, line by line${d.baseline.assumed ? `. ${d.baseline.assumed.replace(/\.$/, '')}` : ''}`
      : "current law as the plan states it: each mechanism's `currentLaw:` share of its appropriations comes out of its budget authority, and the same share of its outlays";
  const admin = s.administrativeCosts?.length
    ? s.administrativeCosts
        .map((a) => `${a.gov} ${displayMillions(a.fig.value.base)} a year (${a.fig.source ?? 'no source given'})`)
        .join('; ')
    : 'none given (scoring.administrativeCosts); an agency running these programs would need some';
  const paras: [string, string][] = [
    ['Scoring basis. ', `${d.basis.label}: ${d.basis.description}.`],
    [
      'Direct spending. ',
      'Money the plan marks as not appropriated but that counts on this basis is provided by the law itself: direct spending, subject to pay-as-you-go. Money back from it is an offsetting receipt on its own line, never netted against spending subject to appropriation.',
    ],
    ['Enactment. ', `The plan's law is taken as enacted in ${enacted}; its first year's flows land there.`],
    [
      'Appropriations. ',
      'Spending subject to appropriation assumes the amounts the plan schedules are appropriated in full in each year; outlays follow the spend-out and disbursement profiles cited below.',
    ],
    ['Incremental to. ', `${baseline}.`],
    ['Administrative costs. ', `${admin}.`],
    [
      'Revenues. ',
      d.sponsors.some((sp) => nonZero(sp.revenues))
        ? 'Tax credits reduce revenues by their rate x the qualified investment, in the year claimed (a tax expenditure, shown as a decrease in revenues, which increases the deficit); fees are inside the credit subsidy rate.'
        : 'None modeled: the plan changes no tax; fees are inside the credit subsidy rate.',
    ],
    ['Case. ', `${d.case} values of every range.`],
  ];
  return {
    id: 'estimate-basis',
    title: 'Basis of estimate',
    blocks: [
      ...paras.map(([strong, t]) => ({ kind: 'para' as const, strong, text: t })),
      {
        kind: 'table',
        id: 'table-estimate-gates',
        title: 'Gates',
        columns: [left('Gate'), left('As drafted'), right('Probability'), left('Probability from', true)],
        rows: s.events.map((e) => ({
          cells: [
            text(e.label),
            text(e.holds ? e.words[1] : e.words[0]),
            text(e.probability ? `${e.probability.value.base.times(100).toPlain(2)}%` : '-'),
            text(probabilitySource(e)),
          ],
        })),
        empty: 'The plan has no gates.',
      },
      {
        kind: 'table',
        id: 'table-estimate-inputs',
        title: 'Every input and its citation',
        detail: true,
        columns: [left('Input', true), left('Unit'), right('Value'), left('Source', true)],
        rows: inputRows(s).map((r) => ({ cells: [text(r.path, { code: true }), text(r.unit), text(r.base), text(r.source)] })),
      },
    ],
  };
}

/** The spread of the estimate: the ranges' low and high cases, and simulate's percentiles when asked. */
export interface EstimateUncertainty {
  low: EstimateData;
  high: EstimateData;
  /** simulate's summaries (USD) of budgetCost.GOV and outlays.GOV, or their paired differences with --against. */
  sim?: { trials: number; seed: number; summaries: Map<string, Summary> };
}

function uncertaintySection(d: EstimateData, u: EstimateUncertainty): Section {
  const s = d.scenario;
  const span: [number, number] = [0, s.horizon.years - 1];
  const totals = (sp: SponsorEstimate | undefined) => {
    if (!sp) return [Dec.ZERO, Dec.ZERO];
    return [
      sumOf(sp.direct.authority, span).plus(sumOf(sp.discretionary.authority, span)),
      sumOf(sp.direct.outlays, span).plus(sumOf(sp.discretionary.outlays, span)),
    ];
  };
  const at = (e: EstimateData, gov: string) => totals(e.sponsors.find((x) => x.gov === gov));
  const label = `${s.horizon.start}-${s.horizon.start + s.horizon.years - 1}`;
  const rows: Row[] = d.sponsors.flatMap((sp) =>
    (['budgetCost', 'outlays'] as const).map((metric, i) => {
      const sum = u.sim?.summaries.get(`${metric}.${sp.gov}`);
      const q = (x: number | undefined) => (x === undefined ? text('-') : m0(Dec.of(x)));
      return {
        cells: [
          text(`${sp.name}: ${i === 0 ? 'budget authority and authorization' : 'outlays'}, ${label}`),
          m0(at(u.low, sp.gov)[i]!),
          m0(at(d, sp.gov)[i]!),
          m0(at(u.high, sp.gov)[i]!),
          ...(u.sim ? [q(sum?.p5), q(sum?.p50), q(sum?.p95), q(sum?.mean)] : []),
        ],
      };
    }),
  );
  const sim = u.sim;
  return {
    id: 'estimate-uncertainty',
    title: 'Uncertainty',
    blocks: [
      {
        kind: 'table',
        id: 'table-estimate-uncertainty',
        columns: [
          left(capitalized(millionsInWords(d.scenario.currency))),
          right('Low case'),
          right('As drafted'),
          right('High case'),
          ...(sim ? [right('P5'), right('P50'), right('P95'), right('Mean')] : []),
        ],
        rows,
        notes: [
          'Low and high cases: every range at its low or high end, gates as drafted. Administrative costs and receipts are not included.',
          ...ownCurrencyNote(s),
          sim
            ? `Simulated: ${sim.trials} trials (seed ${sim.seed}); ranges drawn and gates drawn with their probabilities (see the basis of estimate for their sources)${d.baseline.kind === 'scenario' ? '; each trial is the plan less the baseline with the same draws' : ''}.`
            : 'Add `--simulate N` for percentiles from N trials that also draw the gates.',
        ],
      },
    ],
  };
}

/** Said wherever sponsors stand side by side: every row is in the plan's currency, its own or not. */
function ownCurrencyNote(s: Scenario): string[] {
  const own = s.governments.map((g) => sponsorBooks(s, g.code)).filter((b) => b.rate);
  if (!own.length) return [];
  return [
    `Every sponsor here in the plan's currency (${millionsInWords(s.currency)}), including ${own
      .map((b) => `${b.code}, whose own section is in ${b.currency}`)
      .join('; ')}.`,
  ];
}

export function buildEstimate(d: EstimateData, u?: EstimateUncertainty): Report {
  const s = d.scenario;
  return {
    title: `${s.name}: cost estimate`,
    meta: [
      `${s.file} · case: ${d.case} · ${horizonText(s.horizon)} · ${millionsInWords(s.currency)} · scoring basis: ${d.basis.id}`,
      d.baseline.kind === 'scenario'
        ? `Incremental to ${d.baseline.file} (${d.baseline.name}).`
        : 'Incremental to current law as the plan states it (its `currentLaw:` items).',
      ...(d.baseline.kind === 'scenario' && d.baseline.assumed ? [d.baseline.assumed] : []),
      ...[assumedLine(s)].filter((x) => x !== undefined),
      ...s.governments
        .map((g) => sponsorBooks(s, g.code))
        .filter((b) => b.rate)
        .map((b) => `${b.code}'s own section in ${b.currency} at ${rateText(s, b)}.`),
      "One government at a time: no budget is ever added to another government's.",
    ],
    highlights: [],
    sections: [...d.sponsors.map((sp) => sponsorSection(d, sp)), ...(u ? [uncertaintySection(d, u)] : []), basisSection(d)],
    footer: [
      `With the plan's own current law, each government's total authorization plus direct budget authority over the horizon equals metrics.incrementalCost (metrics.budgetCost when no current law is stated) in \`compact-model run --format json --basis ${d.basis.id}\`.`,
    ],
  };
}
