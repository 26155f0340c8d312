// The typed scenario every later stage reads: figures parsed (kept as ranges, with
// their source and position), years as horizon indices, defaults and names resolved.
import type { Ranged, Unit } from '../core/amount.js';
import type { Loc } from '../core/diagnostics.js';
import type { Dec } from '../core/money.js';

/** A figure with its provenance: where it was written and what it cites. */
export interface Fig {
  value: Ranged;
  source?: string;
  loc: Loc;
  /** Scenario path, e.g. mechanisms[F-3].obligations.US.amount: names the input in diffs and explain. */
  path: string;
  /** What the figure measures (for showing it in diffs); unset on built-in defaults. */
  unit?: Unit;
  /** What the range means when sampled; unset = uniform between low and high. For normal and lognormal, low/high are the P5/P95. */
  dist?: DistKind;
}

export type DistKind = 'uniform' | 'triangular' | 'pert' | 'normal' | 'lognormal';

/** Discounting for present values: a flat rate, or rates by maturity in years (sorted). */
export interface Discount {
  byMaturity: { years: number; rate: Dec }[];
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

export type Budget = 'appropriated' | 'none';

interface MechBase {
  id: string;
  label: string;
  source?: string;
  loc: Loc;
  budget: Budget;
  /** Set when this mechanism is another's fallback: it runs only if that project's study fails. */
  fallbackOf?: string;
}

export interface Program {
  id: string;
  label: string;
  amounts: Alloc[];
  followOn: Fig;
  source?: string;
  loc: Loc;
}

export interface GrantMech extends MechBase {
  kind: 'grant-program';
  appropriations: Alloc[];
  spendOut: Profile;
  followOn: Fig;
  programs: Program[];
}

export interface EquityMech extends MechBase {
  kind: 'equity-vehicle';
  investments: Alloc[];
  distributions?: { multiple: Fig; lag: number; over: number; source?: string };
  coInvest: Fig;
}

export interface MatchAlloc {
  alloc: Alloc;
  label: string;
  budget: Budget;
}

export interface CreditMech extends MechBase {
  kind: 'credit-facility';
  obligations: Alloc[];
  subsidyRate: Fig;
  disbursement: Profile;
  match: MatchAlloc[];
  coFinance: Fig;
}

export interface Commit {
  gov: string;
  fig: Fig;
}

export interface Gate {
  label: string;
  holds: boolean;
  probability?: Fig;
  source?: string;
  loc: Loc;
}

export interface Wave {
  id: string;
  label: string;
  /** 0-based index of the year the wave is committed. */
  year: number;
  commits: Commit[];
  gate?: Gate;
  crowdIn: Fig;
  loc: Loc;
}

export interface LpMech extends MechBase {
  kind: 'lp-fund-waves';
  waves: Wave[];
  drawdown: Drawdown;
}

export interface GatedMech extends MechBase {
  kind: 'gated-project';
  study: { startMonth: number; months: number; passes: boolean; probability?: Fig; source?: string; loc: Loc };
  windowMonths: number;
  commits: Commit[];
  spendOut: Profile;
  coFinance: Fig;
  fallback?: string;
}

export type Mech = GrantMech | EquityMech | CreditMech | LpMech | GatedMech;
export type MechKind = Mech['kind'];

export type ClaimUnit = 'amount' | 'ratio' | 'boolean';

export interface Claim {
  id: string;
  text?: string;
  metric: string;
  published: Ranged | boolean;
  publishedText: string;
  comparison: 'approx' | 'atLeast' | 'atMost';
  tolerance: Dec;
  source?: string;
  loc: Loc;
}

/** One `assert:` item, parsed (see measure/assert.ts). */
export interface Assertion {
  id?: string;
  text: string;
  metric: string;
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  value: Dec | boolean;
  valueText: string;
  case: 'low' | 'base' | 'high';
  source?: string;
  loc: Loc;
}

/** One `totals:` item: a sum the author states, with an absolute or relative tolerance. */
export interface DeclaredTotal {
  id: string;
  metric: string;
  value: Dec;
  valueText: string;
  tolerance: { kind: 'absolute' | 'relative'; value: Dec; text: string };
  case: 'low' | 'base' | 'high';
  source?: string;
  loc: Loc;
}

export interface Scenario {
  name: string;
  description?: string;
  file: string;
  /** Files read, the scenario first, then what it extends. */
  chain: string[];
  horizon: { start: number; years: number; source?: string };
  governments: { code: string; name: string }[];
  mechanisms: Mech[];
  targets: { floor?: Fig; mobilization?: Fig; includeFollowOn: boolean };
  claims: Claim[];
  totals: DeclaredTotal[];
  assertions: Assertion[];
  /** Every figure of the scenario by path, for diffs of inputs and for explain. */
  figures: Fig[];
  /** Present-value and real-dollar settings (assumptions.discount / assumptions.inflation). */
  discount?: Discount;
  inflation?: Inflation;
}
