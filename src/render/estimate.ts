// The cost estimate for scripts: JSON (version 2) and CSV, one row per government and
// line, a column per fiscal year and the five-year and full-horizon totals, exact (the
// tables round to the million). The same lines as the report (report/estimate-report.ts).
import { millionsOf } from '../core/currency.js';
import { millions } from '../core/money.js';
import { type EstimateData, inOwnCurrency, type Series, sumOf } from '../report/estimate.js';
import { estimateColumns, estimateLines, probabilitySource } from '../report/estimate-report.js';
import { type CsvValue, toCsv } from './csv.js';
import { yearName } from '../model/scenario.js';
import { booksYear, sponsorBooks } from '../report/sponsor-books.js';

export const ESTIMATE_JSON_VERSION = 2;

const LINES = [
  ['directSpending', 'budgetAuthority', 'directAuthority'],
  ['directSpending', 'outlays', 'directOutlays'],
  ['directSpending', 'offsettingReceipts', 'receipts'],
  ['directSpending', 'netOutlays', 'netDirect'],
  ['revenues', 'revenues', 'revenues'],
  ['deficit', 'increaseInDeficit', 'deficit'],
  ['subjectToAppropriation', 'authorizationLevel', 'authorization'],
  ['subjectToAppropriation', 'outlays', 'discretionaryOutlays'],
  ['subjectToAppropriation', 'administrativeCosts', 'administrative'],
] as const;

function byColumn(d: EstimateData, xs: Series): Record<string, string> {
  const cols = estimateColumns(d.scenario.horizon, d.scenario.horizon.years);
  const out: Record<string, string> = {};
  for (const c of cols) out[c.label] = millions(sumOf(xs, c.years));
  out.after = millions(xs[xs.length - 1]!);
  return out;
}

function sponsorJson(d: EstimateData, sp: EstimateData['sponsors'][number]) {
  const L = estimateLines(sp);
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const [group, line, key] of LINES) (out[group] ??= {})[line] = byColumn(d, L[key]);
  return out;
}

export function estimateJson(d: EstimateData): unknown {
  const s = d.scenario;
  return {
    version: ESTIMATE_JSON_VERSION,
    kind: 'compact-model.estimate',
    units: { amounts: `${millionsOf(s.currency)}, exact (tables round to the million)` },
    scenario: { name: s.name, file: s.file, extends: s.chain.slice(1), case: d.case },
    basis: d.basis.id,
    enacted: yearName(s.horizon, s.enacted?.index ?? 0),
    baseline: d.baseline,
    columns: [...estimateColumns(s.horizon, s.horizon.years).map((c) => c.label), 'after'],
    sponsors: Object.fromEntries(
      d.sponsors.map((sp) => [
        sp.gov,
        {
          name: sp.name,
          ...sponsorJson(d, sp),
          mechanisms: sp.mechs.map((l) => ({
            id: l.id,
            category: l.direct ? 'directSpending' : 'subjectToAppropriation',
            budgetAuthority: byColumn(d, l.authority),
            outlays: byColumn(d, l.outlays),
          })),
          expected: (() => {
            const ex = d.expected?.find((x) => x.gov === sp.gov);
            return ex ? sponsorJson(d, ex) : null;
          })(),
          ...ownBooksJson(d, sp),
        },
      ]),
    ),
    gates: s.events.map((e) => ({
      key: e.key,
      label: e.label,
      asDrafted: e.holds,
      probability: e.probability ? e.probability.value.base.toPlain(6) : null,
      probabilitySource: probabilitySource(e),
    })),
  };
}

/**
 * A sponsor with its own currency or fiscal years: its currency and rate, its estimate lines in
 * that currency (the same keys; the fields above stay in the plan's currency) and its own label
 * for each plan year. Nothing for a sponsor whose books are the plan's, so such JSON is unchanged.
 */
function ownBooksJson(d: EstimateData, sp: EstimateData['sponsors'][number]): Record<string, unknown> {
  const s = d.scenario;
  const b = sponsorBooks(s, sp.gov);
  const out: Record<string, unknown> = {};
  if (b.rate) {
    const v = b.rate.fig.value;
    out.currency = b.currency;
    out.exchangeRate = {
      perPlanUnit: b.rate.value.toPlain(),
      range: b.rate.ranged ? { low: v.low.toPlain(), high: v.high.toPlain() } : null,
      source: b.rate.fig.source ?? null,
    };
    out.inOwnCurrency = {
      units: `${millionsOf(b.currency)}, exact: the plan's amounts x exchangeRate.perPlanUnit`,
      ...sponsorJson(d, inOwnCurrency(sp, b)),
    };
  }
  if (b.own)
    out.ownYears = Object.fromEntries(
      Array.from({ length: s.horizon.years }, (_, y) => [yearName(s.horizon, y), booksYear(s, b, y)]),
    );
  return out;
}

/**
 * One row per government and line. A government with its own currency reads in it, as its
 * section of the report does (the JSON keeps both); the last column names the currency, so a
 * reader never adds one currency's amounts to another's.
 */
export function estimateCsv(d: EstimateData): string {
  const s = d.scenario;
  const cols = [...estimateColumns(s.horizon, s.horizon.years).map((c) => c.label), 'after'];
  const rows: CsvValue[][] = [];
  for (const plan of d.sponsors) {
    const b = sponsorBooks(s, plan.gov);
    const sp = inOwnCurrency(plan, b);
    const currency = b.rate ? b.currency : s.currency;
    const L = estimateLines(sp);
    for (const [group, line, key] of LINES) {
      const v = byColumn(d, L[key]);
      rows.push([sp.gov, group, line, '', ...cols.map((c) => v[c]!), currency]);
    }
    for (const l of sp.mechs)
      for (const [line, xs] of [
        ['budgetAuthority', l.authority],
        ['outlays', l.outlays],
      ] as const) {
        const v = byColumn(d, xs);
        const category = l.direct ? 'directSpending' : 'subjectToAppropriation';
        rows.push([sp.gov, category, line, l.id, ...cols.map((c) => v[c]!), currency]);
      }
  }
  return toCsv(['government', 'category', 'line', 'mechanism', ...cols, 'currency'], rows);
}
