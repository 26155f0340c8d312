// What every section of the run report reads: the evaluation and the names, scopes, year
// labels and cells derived from it once. A section module (one file a section, listed in
// ./index.ts) gets this and returns its section.
import type { Dec } from '../../core/money.js';
import type { Evaluation } from '../../measure/evaluate.js';
import { onOwnBooks } from '../../model/bases.js';
import type { MoneyMetricId } from '../../model/metrics.js';
import { type Horizon, type Scenario, yearName } from '../../model/scenario.js';
import { type Cell, money, ptr, type Section } from '../model.js';

/** The P5-P95 fan of a simulated series, for the report's chart. */
export interface Fan {
  label: string;
  runs: number;
  seed?: string | number;
  years: string[];
  p5: number[];
  p50: number[];
  p95: number[];
}

/** "FY2027" (or "CY2015" in a calendar-year plan, given its horizon) for a year index, "after" past the horizon. */
export function yearLabel(start: number | Pick<Horizon, 'start' | 'calendar'>, y: number, years: number): string {
  return y >= years ? 'after' : yearName(typeof start === 'number' ? { start } : start, y);
}

/** The horizon as people say it: "FY2027-FY2036" (CY in a calendar-year plan). */
export function horizonText(h: { start: number; years: number; calendar?: boolean }): string {
  return h.years === 1 ? yearName(h, 0) : `${yearName(h, 0)}-${yearName(h, h.years - 1)}`;
}

/** The sponsors a basis does not apply to, read on their own books: "; XX on its own books (cash)". */
export function ownBooksNote(s: Scenario, basis: string): string {
  const own = onOwnBooks(s.governments, basis);
  if (!own.length) return '';
  const byBasis = new Map<string, string[]>();
  for (const o of own) byBasis.set(o.own.id, [...(byBasis.get(o.own.id) ?? []), o.sponsor.code]);
  return `; ${[...byBasis].map(([b, codes]) => `${codes.join(', ')} on ${codes.length === 1 ? 'its' : 'their'} own books (${b})`).join('; ')}`;
}

export interface RunContext {
  ev: Evaluation;
  s: Scenario;
  m: Evaluation['measure'];
  /** Years in the horizon. */
  N: number;
  govs: string[];
  /** Each government, then null for the total. */
  scopes: (string | null)[];
  govName: (g: string) => string;
  /** A scope as JSON names it: the government's code or "total". */
  scopeKey: (g: string | null) => string;
  /** A year index as a label ("FY2027", "after"). */
  fy: (y: number) => string;
  /** "FY2027-FY2036". */
  horizon: string;
  /** The floor amount, when the plan has one. */
  floor: Dec | null;
  target: ReturnType<Evaluation['measure']['target']>;
  /** A money cell of a metric for a government (null: total), a mechanism, a year. */
  moneyCell: (metric: MoneyMetricId, g: string | null, mech?: string, year?: number | 'after') => Cell;
  fan?: Fan;
}

/** One section of the run report: built from the context, or undefined when it has nothing to show. */
export interface RunSection {
  id: string;
  build: (rc: RunContext) => Section | undefined;
}

export function runContext(ev: Evaluation, fan?: Fan): RunContext {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const scopeKey = (g: string | null) => g ?? 'total';
  const fy = (y: number) => yearLabel(s.horizon, y, N);
  const moneyCell = (metric: MoneyMetricId, g: string | null, mech?: string, year?: number | 'after'): Cell => {
    const y = year === 'after' ? N : year;
    const v = m.money(metric, g, mech, y);
    const json =
      mech !== undefined
        ? year === undefined
          ? ptr('metrics', metric, 'byMechanism', mech, scopeKey(g))
          : undefined
        : year !== undefined
          ? ptr(
              'metrics',
              metric === 'headlineMobilization' ? 'headlineMobilizationDetail' : metric,
              'byYear',
              fy(y!),
              scopeKey(g),
            )
          : ptr('metrics', metric === 'headlineMobilization' ? 'headlineMobilizationDetail' : metric, scopeKey(g));
    return money(v, json, { metric, gov: g, mech, year });
  };
  return {
    ev,
    s,
    m,
    N,
    govs,
    scopes: [...govs, null],
    govName: (g) => s.governments.find((x) => x.code === g)?.name ?? g,
    scopeKey,
    fy,
    horizon: horizonText(s.horizon),
    floor: m.floorAmount(),
    target: m.target(),
    moneyCell,
    fan,
  };
}
