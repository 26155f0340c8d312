// The typed scenario every stage after normalize reads: figures parsed (kept as ranges,
// with their source and position), years as horizon indices, names resolved. Generic
// over mechanism kinds: a kind's own fields live in its module (src/mechanisms/).
import type { Ranged, Unit } from '../core/amount.js';
import type { Loc } from '../core/diagnostics.js';
import type { Dec } from '../core/money.js';
import type { ParsedAssertion } from './assertion.js';
import type { Expr, ExprTest } from './expr.js';
import type { SponsorBasis, SponsorType } from './bases.js';
import type { ClaimRef, MetricRef } from './paths.js';

export type DistKind = 'uniform' | 'triangular' | 'pert' | 'normal' | 'lognormal';

/** A figure with its provenance: where it was written and what it cites. */
export interface Fig {
  value: Ranged;
  source?: string;
  loc: Loc;
  /** Scenario path, e.g. mechanisms[F-3].obligations.US.amount: names the input in diffs and explain. */
  path: string;
  /** What the figure measures; unset on built-in defaults. */
  unit?: Unit;
  /** An amount written in another currency than the plan's: its code, and the rate it is divided by. */
  currency?: string;
  per?: Fig;
  /** What the range means when sampled; unset = uniform. For normal and lognormal, low/high are the P5/P95. */
  dist?: DistKind;
  /** A default the scenario never stated (0, none assumed): what it drives is not quantified, which is not 0. */
  unquantified?: boolean;
}

/** Discounting for present values: a flat rate, or rates by maturity in years (sorted). */
export interface Discount {
  byMaturity: { years: number; rate: Dec }[];
  /** Flows discounted from the middle of each fiscal year (t = y + 0.5) instead of its end (t = y + 1). */
  midYear?: boolean;
  source?: string;
  loc: Loc;
}

/** Inflation for real figures: dollars of horizon year index `base`. */
export interface Inflation {
  rate: Dec;
  base: number;
  source?: string;
  loc: Loc;
}

/** How one government's amount is laid over the horizon's years. */
export type Alloc =
  | { gov: string; mode: 'year' | 'total'; fig: Fig; mask: boolean[]; source?: string; loc: Loc }
  | { gov: string; mode: 'byYear'; byYear: (Fig | undefined)[]; source?: string; loc: Loc };

export interface Profile {
  name: string;
  /** Share paid out in the commitment year, the next year, ... (sums to 1). */
  shares: Dec[];
  source?: string;
}

export interface Drawdown {
  name: string;
  /** Rate of contribution by fund age 0, 1, ...; the last repeats. */
  rates: Dec[];
  growth: Fig;
  bow: Dec;
  life: number;
  source?: string;
}

/** The plan's own budget convention for a mechanism (the as-published scoring basis). */
export type Budget = 'appropriated' | 'none';

/**
 * An uncertain yes/no event a mechanism declares (a fund's launch gate, a feasibility
 * study): `run` takes it as written, `simulate` draws it with its probability, and
 * `sensitivity` swings it.
 */
export interface Event {
  /** Stable id, e.g. "F-4/fund-2" or "F-5". */
  key: string;
  /** The mechanism that declares it. */
  mech: string;
  /** How simulate names it, e.g. "F-4 fund-2: performance". */
  label: string;
  /** How sensitivity names it, e.g. "F-4 fund-2 gate". */
  swing: string;
  /** The words for its two outcomes, e.g. ["fails", "passes"]. */
  words: [string, string];
  /** The outcome as written. */
  holds: boolean;
  /** Where a file writes the outcome, e.g. mechanisms[F-4].waves[fund-2].gate.holds (a patch's path). */
  outcome?: string;
  probability?: Fig;
  source?: string;
  loc: Loc;
  /** Month (from the start of the horizon) at which the outcome is known, if the kind says. */
  decidedMonth?: number;
}

/**
 * Whether an event's probability is its scenario author's assumption rather than a cited
 * figure: no source, or a source that says "assumption". Every output that uses the
 * probability says which.
 */
export function probabilityAssumed(e: Pick<Event, 'probability' | 'source'>): boolean {
  const src = e.probability?.source ?? e.source;
  return !src || /assumption/i.test(src);
}

/** A mechanism runs only when every condition holds (its study passes; the project it backs fails). */
export interface Condition {
  event: string;
  holds: boolean;
}

/** What every mechanism has, whatever its kind; a kind's module adds its own fields. */
export interface MechBase {
  id: string;
  kind: string;
  label: string;
  source?: string;
  loc: Loc;
  budget: Budget;
  /** Scenario path of the mechanism, e.g. mechanisms[F-3]. */
  path: string;
  events: Event[];
  conditions: Condition[];
  /** The id of a mechanism whose envelope this one is part of: its flows are taken out of that one's. */
  within?: string;
  /** A mechanism that runs only if this one's own event fails (its fallback). */
  fallback?: string;
  /** Set when this mechanism is another's fallback: it runs only if that one's event fails. */
  fallbackOf?: string;
}

export type ClaimUnit = 'amount' | 'ratio' | 'boolean';

/** One test of a claim's sentence: a metric against the figure the sentence states. */
export interface ClaimTest {
  /** The government of `each`, or the metric of an `also:` test; '' for a claim's single test. */
  label: string;
  metric: string;
  /** The metric as an expression; `refs` are the paths it reads. */
  expr: Expr;
  refs: ClaimRef;
  published: Ranged | boolean;
  publishedText: string;
  comparison: 'approx' | 'atLeast' | 'atMost';
  tolerance: Dec;
}

/**
 * A sentence of the source, tested against the model: it holds when every test holds. Its
 * own metric, figure and comparison are the first test's (the JSON's version-1 fields).
 */
export interface Claim extends Omit<ClaimTest, 'label'> {
  id: string;
  text?: string;
  tests: ClaimTest[];
  /** An event key: the claim is tested only when the event holds. */
  when?: string;
  /**
   * True by construction of the scenario (its inputs were read from the same sentence): when
   * it holds, it shows the model reproduces the source, not that the source is right.
   */
  identity: boolean;
  source?: string;
  loc: Loc;
}

/** A sum the plan itself names (`measures:`), usable in paths as measure.ID. */
export interface PlanMeasure {
  id: string;
  label: string;
  sum: string;
  /** The measure as an expression (a sum, a ratio of two measures...). */
  expr: Expr;
  refs: ClaimRef;
  source?: string;
  loc: Loc;
}

/** One `assert:` item, parsed (see measure/assert.ts). */
export interface Assertion extends ParsedAssertion {
  id?: string;
  text: string;
  case: 'low' | 'base' | 'high';
  source?: string;
  loc: Loc;
}

/** One `targets.tests` item: a goal of the plan, judged by a verdict (a miss is not an error). */
export interface TargetTest {
  id: string;
  that: string;
  test: ExprTest;
  text?: string;
  source?: string;
  /** The basis its verdict is on; unset: the scenario's. */
  basis?: string;
  case: 'low' | 'base' | 'high';
  loc: Loc;
}

/** One `totals:` item: a sum the author states, with an absolute or relative tolerance. */
export interface DeclaredTotal {
  id: string;
  metric: string;
  /** The metric as an expression; `ref` is its first path (for what explain and diffs name). */
  expr: Expr;
  ref: MetricRef;
  value: Dec;
  valueText: string;
  tolerance: { kind: 'absolute' | 'relative'; value: Dec; text: string };
  case: 'low' | 'base' | 'high';
  source?: string;
  loc: Loc;
}

/** A document the scenario cites (`sources:`); `l.NNN` in a citation is a line of the first. */
export interface SourceDoc {
  id?: string;
  title: string;
  publisher?: string;
  date?: string;
  /** A local copy, as written (relative to the file that declares it: `loc.file`). */
  file?: string;
  url?: string;
  loc: Loc;
}

/** A named curve (profile or drawdown) as declared, for citations. */
export interface Curve {
  name: string;
  kind: 'profile' | 'drawdown';
  source?: string;
}

/** A sponsor (a government, a multilateral, a bank): who commits the money. */
export interface Sponsor {
  code: string;
  name: string;
  /** The currency its own tables are shown in, when not the plan's. */
  currency?: string;
  /** Written only when stated (so a plan without it keeps its JSON): government by default. */
  type?: SponsorType;
  /** Its budget concept when stated or implied by its type (`none` for banks): see model/bases.ts. */
  basis?: SponsorBasis;
  /** The month its own fiscal years start in, when stated (default the plan's): see model/fiscal.ts. */
  fiscalYear?: FiscalYear;
}

/** When fiscal years start: a month, 1 (January) to 12. */
export interface FiscalYear {
  starts: number;
  source?: string;
}

export interface Scenario {
  name: string;
  description?: string;
  file: string;
  /** Files read, the scenario first, then what it extends. */
  chain: string[];
  /** `calendar`: the years are calendar years (the start written CY2015), labelled CY, not FY. */
  horizon: Horizon;
  /** The month the plan's years start in, when the file states it (default: model/fiscal.ts planFiscalStart). */
  fiscalYear?: FiscalYear;
  governments: Sponsor[];
  /** The currency every amount is reported in (ISO 4217; USD when the file names none). */
  currency: string;
  /** The stated rates: units of each other currency per one unit of the plan's, as figures. */
  exchangeRates: { currency: string; fig: Fig }[];
  mechanisms: MechBase[];
  /** Every uncertain event the mechanisms declare, in scenario order. */
  events: Event[];
  targets: { floor?: Fig; mobilization?: Fig; includeFollowOn: boolean; tests: TargetTest[] };
  measures: PlanMeasure[];
  claims: Claim[];
  totals: DeclaredTotal[];
  assertions: Assertion[];
  /** Every figure of the scenario by path, for diffs of inputs and for explain. */
  figures: Fig[];
  curves: Curve[];
  /** The documents cited (`sources:`), in order; unset on scenarios built in code. */
  sources?: SourceDoc[];
  /** The scoring basis budget cost is reported on (scoring.basis; --basis overrides). */
  basis: string;
  /** When the plan's law is enacted (scoring.enacted): the plan's first year lands in horizon year `index`. */
  enacted?: { index: number; source?: string; loc: Loc };
  /** Administrative costs per government per year (scoring.administrativeCosts), for the cost estimate. */
  administrativeCosts?: { gov: string; fig: Fig }[];
  /** Present-value and real-dollar settings (assumptions.discount / assumptions.inflation). */
  discount?: Discount;
  inflation?: Inflation;
  /** Rank correlations between inputs (figure paths or event keys), for simulate. */
  correlations?: Correlation[];
}

/** A rank correlation between two inputs: figure paths or event keys (normalize/correlations.ts). */
export interface Correlation {
  a: string;
  b: string;
  rank: number;
  loc: Loc;
}

/** Whether a mechanism produces flows with every event as written. */
export function isActive(s: Scenario, m: MechBase): boolean {
  return m.conditions.every((c) => (s.events.find((e) => e.key === c.event)?.holds ?? true) === c.holds);
}

/** Why a mechanism is inactive with events as written (undefined when it is active). */
export function inactiveReason(s: Scenario, m: MechBase): string | undefined {
  for (const c of m.conditions) {
    const e = s.events.find((x) => x.key === c.event);
    if (!e || e.holds === c.holds) continue;
    return c.event.split('/')[0] === m.id
      ? `${e.swing} ${e.words[e.holds ? 1 : 0]} as written`
      : `runs only if ${e.swing} ${e.words[0]}`;
  }
  return undefined;
}

export interface Horizon {
  start: number;
  years: number;
  source?: string;
  calendar?: boolean;
}

/** Year index `y` of the horizon as people write it: FY2027, or CY2015 in a calendar-year plan. */
export function yearName(h: Pick<Horizon, 'start' | 'calendar'>, y: number): string {
  return `${yearPrefix(h)}${h.start + y}`;
}

/** "FY" or "CY": how the plan's years are labelled. */
export function yearPrefix(h: Pick<Horizon, 'calendar'>): 'FY' | 'CY' {
  return h.calendar ? 'CY' : 'FY';
}

/** What real figures are in: "FY2027 dollars" for a dollar plan, "CY2015 EUR" for another currency. */
export function realUnit(s: Pick<Scenario, 'horizon' | 'currency'>, base: number): string {
  return `${yearName(s.horizon, base)} ${s.currency === 'USD' ? 'dollars' : s.currency}`;
}
