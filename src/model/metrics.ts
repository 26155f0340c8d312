// The metric registry: every figure the tool reports is one entry here (id, unit, label,
// the ledger flows it sums), so a renderer finds a metric's label in one place and a
// metric is added with one entry. Money metrics are sums over the ledger; ratios divide
// two money metrics of the same mechanisms; tests (floor, target) are in measure/tests.ts.
import { type FlowKind, LATE_FLOWS } from './flows.js';

export const MONEY_METRIC_IDS = [
  'publicCommitment',
  'budgetCost',
  'outlays',
  'deployed',
  'distributions',
  'netAfterReturns',
  'privateMobilized',
  'followOn',
  'headlineMobilization',
  // Added with the scoring bases and the standard mobilization measures.
  'offsettingReceipts',
  'netBudgetCost',
  'fees',
  'mobilizedFunds',
  'mobilizedLoans',
  'mobilizedGuarantees',
  'mobilizedDirect',
  'mobilizedCoFinancing',
  'fundAnchor',
  'fundSize',
  'currentLaw',
  'incrementalCost',
  // Added with the tax-credit kind.
  'revenueLoss',
  // Added with the provisioning basis.
  'unprovisionedExposure',
] as const;

/**
 * OECD DAC instrument categories of private finance mobilized (each mechanism kind says
 * which it is); grants mobilize none in that sense (their follow-on is reported apart).
 */
export const MOBILIZATION_CATEGORIES = ['funds', 'loans', 'guarantees', 'direct', 'coFinancing', 'none'] as const;
export type MobilizationCategory = (typeof MOBILIZATION_CATEGORIES)[number];
export type MoneyMetricId = (typeof MONEY_METRIC_IDS)[number];

export interface MetricContext {
  /** Grant follow-on counted in private capital and headline mobilization. */
  includeFollowOn: boolean;
  /** Label of the scoring basis budget figures are on, e.g. "as published". */
  basisLabel: string;
  /** One unit of the plan's currency in words ("dollar", "euro"); unset is a dollar. */
  unitWord?: string;
}

export interface MoneyMetric {
  id: MoneyMetricId;
  /** What a table calls it; `ctx` adds the basis or the follow-on treatment where it matters. */
  label(ctx: MetricContext): string;
  /** Which flows (with sign) make it up. */
  flows(ctx: Pick<MetricContext, 'includeFollowOn'>): [FlowKind, 1 | -1][];
  /** One line for docs and `explain`. */
  description: string;
  /** Shown year by year in diffs (the yearly flows budget staff track). */
  byYear: boolean;
  /** Summarized by simulate. */
  simulated: boolean;
  /** Where the run report shows it: the headline table, or the table of mobilization by instrument. */
  group?: 'headline' | 'instrument';
  /** Left out of tables (not of JSON) when zero everywhere. */
  hideWhenZero?: boolean;
  /** Left out of tables (not of JSON) when this other metric is zero everywhere. */
  shownWith?: MoneyMetricId;
  /** Sums only mechanisms of this mobilization category. */
  category?: MobilizationCategory;
}

const followOn = (ctx: Pick<MetricContext, 'includeFollowOn'>): [FlowKind, 1][] => (ctx.includeFollowOn ? [['followOn', 1]] : []);

export const MONEY_METRICS: readonly MoneyMetric[] = [
  {
    id: 'publicCommitment',
    label: () => 'Public commitment',
    flows: () => [['commitment', 1]],
    description: 'public money committed: appropriations, equity invested, loan face value, LP commitments, guarantees',
    byYear: true,
    simulated: true,
  },
  {
    id: 'budgetCost',
    label: (ctx) => `Budget cost (${ctx.basisLabel} basis)`,
    flows: () => [['budgetCost', 1]],
    description: 'budget authority on the scoring basis: what the budget must provide, in the year it is provided',
    byYear: true,
    simulated: true,
  },
  {
    id: 'outlays',
    label: (ctx) => `Outlays (${ctx.basisLabel} basis)`,
    flows: () => [['outlay', 1]],
    description: 'budget outlays on the scoring basis within the horizon (later ones are reported after it)',
    byYear: true,
    simulated: true,
  },
  {
    id: 'deployed',
    label: () => 'Public capital deployed',
    flows: () => [['deployed', 1]],
    description: 'public capital paid out: grant outlays, investments, loan disbursements, LP capital calls',
    byYear: false,
    simulated: false,
  },
  {
    id: 'distributions',
    label: () => 'Distributions back',
    flows: () => [['distribution', 1]],
    description: 'returns paid back to governments by equity vehicles and funds',
    byYear: false,
    simulated: false,
  },
  {
    id: 'netAfterReturns',
    label: () => 'Commitment net of distributions',
    flows: () => [
      ['commitment', 1],
      ['distribution', -1],
    ],
    description: 'public commitment less distributions back within the horizon',
    byYear: false,
    simulated: false,
  },
  {
    id: 'privateMobilized',
    label: () => 'Private capital mobilized',
    flows: (ctx) => [['private', 1], ...followOn(ctx)],
    description:
      'private capital committed alongside the public money (LP crowd-in, co-investment, co-finance, guaranteed lending)',
    byYear: true,
    simulated: true,
  },
  {
    id: 'followOn',
    label: (ctx) => (ctx.includeFollowOn ? 'Grant follow-on (in headline)' : 'Grant follow-on (not in headline)'),
    flows: () => [['followOn', 1]],
    description: 'private follow-on funding attributed to grants; not mobilization in the OECD sense',
    byYear: false,
    simulated: false,
  },
  {
    id: 'headlineMobilization',
    label: () => 'Headline mobilization',
    flows: (ctx) => [['commitment', 1], ['private', 1], ...followOn(ctx)],
    description: 'public commitment plus private capital mobilized: the total the mobilization target is tested against',
    byYear: false,
    simulated: true,
  },
  {
    id: 'offsettingReceipts',
    label: (ctx) => `Offsetting receipts (${ctx.basisLabel} basis)`,
    flows: () => [['receipt', 1]],
    description:
      'money back from equity vehicles and funds that the scoring basis records as offsetting receipts (federal basis)',
    byYear: true,
    simulated: false,
    hideWhenZero: true,
  },
  {
    id: 'netBudgetCost',
    label: (ctx) => `Budget cost net of receipts (${ctx.basisLabel} basis)`,
    flows: () => [
      ['budgetCost', 1],
      ['receipt', -1],
    ],
    description: 'budget cost less offsetting receipts within the horizon',
    byYear: false,
    simulated: false,
    shownWith: 'offsettingReceipts',
  },
  {
    id: 'fees',
    label: () => 'Fees collected (offsetting collections)',
    flows: () => [['fee', 1]],
    description: 'guarantee fees; already inside the subsidy rate, so not subtracted from budget cost again',
    byYear: false,
    simulated: false,
    hideWhenZero: true,
  },
  {
    id: 'currentLaw',
    label: () => 'Of which already funded under current law',
    flows: () => [['currentLaw', 1]],
    description:
      "appropriations the plan counts that current law already provides (e.g. an existing program's funding inside an 'aggregate' figure)",
    byYear: false,
    simulated: false,
    hideWhenZero: true,
  },
  {
    id: 'incrementalCost',
    label: (ctx) => `Incremental budget cost (${ctx.basisLabel} basis)`,
    flows: () => [
      ['budgetCost', 1],
      ['currentLaw', -1],
    ],
    description: 'budget cost beyond what current law already provides',
    byYear: false,
    simulated: false,
    shownWith: 'currentLaw',
  },
  {
    id: 'revenueLoss',
    label: () => 'Revenue loss (tax expenditure)',
    flows: () => [['revenueLoss', 1]],
    description:
      'revenue the sponsors forgo to tax credits, in the year claimed: a cost on its own line, the same on every scoring basis, not in budget cost or outlays',
    byYear: false,
    simulated: false,
    hideWhenZero: true,
  },
  {
    id: 'unprovisionedExposure',
    label: () => 'Unprovisioned guarantee exposure',
    flows: () => [['unprovisioned', 1]],
    description:
      'the part of provisioned guarantees the sponsors did not set aside (guaranteed amount less provisioning), in the year committed: a contingent liability, not a budget cost',
    byYear: false,
    simulated: false,
    hideWhenZero: true,
  },
  {
    id: 'mobilizedFunds',
    label: () => 'Shares in collective investment vehicles',
    flows: () => [['private', 1]],
    description: 'OECD DAC: private LP commitments to funds a public anchor invests in',
    byYear: false,
    simulated: false,
    group: 'instrument',
    category: 'funds',
  },
  {
    id: 'mobilizedLoans',
    label: () => 'Syndicated and co-financed loans',
    flows: () => [['private', 1]],
    description: 'OECD DAC: private lending alongside public direct loans',
    byYear: false,
    simulated: false,
    group: 'instrument',
    category: 'loans',
  },
  {
    id: 'mobilizedGuarantees',
    label: () => 'Guarantees',
    flows: () => [['private', 1]],
    description: 'OECD DAC: private lending backed by public guarantees',
    byYear: false,
    simulated: false,
    group: 'instrument',
    category: 'guarantees',
  },
  {
    id: 'mobilizedDirect',
    label: () => 'Direct investment in companies',
    flows: () => [['private', 1]],
    description: 'OECD DAC: private co-investment alongside public equity',
    byYear: false,
    simulated: false,
    group: 'instrument',
    category: 'direct',
  },
  {
    id: 'mobilizedCoFinancing',
    label: () => 'Simple co-financing (projects)',
    flows: () => [['private', 1]],
    description: 'OECD DAC: private finance in projects the governments co-finance',
    byYear: false,
    simulated: false,
    group: 'instrument',
    category: 'coFinancing',
  },
  {
    id: 'fundAnchor',
    label: () => 'Public anchor commitments to funds',
    flows: () => [['commitment', 1]],
    description: 'public LP commitments to funds (the denominator of crowd-in)',
    byYear: false,
    simulated: false,
    group: 'instrument',
    category: 'funds',
  },
  {
    id: 'fundSize',
    label: () => 'Fund size (public anchor + private LPs)',
    flows: () => [
      ['commitment', 1],
      ['private', 1],
    ],
    description: 'total commitments to the funds',
    byYear: false,
    simulated: false,
    group: 'instrument',
    category: 'funds',
  },
];

export function moneyMetric(id: MoneyMetricId): MoneyMetric {
  return MONEY_METRICS.find((m) => m.id === id)!;
}

export const RATIO_METRIC_IDS = [
  'leverage.commitment',
  'leverage.budget',
  'multiplier',
  'multiplier.commitment',
  'crowdIn',
  'fundSizePerPublic',
] as const;
export type RatioMetricId = (typeof RATIO_METRIC_IDS)[number];

export interface RatioMetric {
  id: RatioMetricId;
  label(ctx: MetricContext): string;
  numerator: MoneyMetricId;
  denominator: MoneyMetricId;
  description: string;
  /**
   * Kept for files and scripts that name it, not shown: it divides private money one mechanism
   * raised by public money others spent, which no standard measure does (docs/reference/metrics.md).
   */
  deprecated?: boolean;
  group?: 'headline' | 'instrument';
}

export const RATIO_METRICS: readonly RatioMetric[] = [
  {
    id: 'leverage.commitment',
    label: () => 'Leverage, commitment basis',
    numerator: 'privateMobilized',
    denominator: 'publicCommitment',
    description: 'private capital mobilized per dollar of public commitment (all mechanisms)',
    deprecated: true,
  },
  {
    id: 'leverage.budget',
    label: () => 'Leverage, budget-cost basis',
    numerator: 'privateMobilized',
    denominator: 'budgetCost',
    description: 'private capital mobilized per dollar of budget cost (all mechanisms)',
    deprecated: true,
  },
  {
    id: 'multiplier',
    label: (ctx) => `Multiplier: total investment per budget ${ctx.unitWord ?? 'dollar'} (${ctx.basisLabel} basis)`,
    numerator: 'headlineMobilization',
    denominator: 'budgetCost',
    description:
      'total investment (headline mobilization) per unit of budget cost on the scoring basis (EFSI counted 315bn against an 8bn provisioned budget: ~39x); every basis in run',
    group: 'headline',
  },
  {
    id: 'multiplier.commitment',
    label: (ctx) => `Multiplier: total investment per public ${ctx.unitWord ?? 'dollar'} committed`,
    numerator: 'headlineMobilization',
    denominator: 'publicCommitment',
    description:
      'EFSI/InvestEU sense: total investment (headline mobilization) / public commitment (EFSI: 315bn / 21bn committed = 15x); no scoring basis enters it',
    group: 'headline',
  },
  {
    id: 'crowdIn',
    label: (ctx) => `Fund crowd-in: private LP per public anchor ${ctx.unitWord ?? 'dollar'}`,
    numerator: 'mobilizedFunds',
    denominator: 'fundAnchor',
    description: "a fund's private commitments / its public anchor commitments (same funds)",
    group: 'instrument',
  },
  {
    id: 'fundSizePerPublic',
    label: (ctx) => `Fund size per public anchor ${ctx.unitWord ?? 'dollar'}`,
    numerator: 'fundSize',
    denominator: 'fundAnchor',
    description: 'EIF convention: total fund size / public anchor commitments (same funds)',
    group: 'instrument',
  },
];

export function ratioMetric(id: RatioMetricId): RatioMetric {
  return RATIO_METRICS.find((m) => m.id === id)!;
}

/** Readings of the floor: budget cost on the scenario's basis, or public commitment. */
export const FLOOR_READINGS = ['appropriated', 'commitment'] as const;
export type FloorReading = (typeof FLOOR_READINGS)[number];
export const FLOOR_FIELDS = ['met', 'everyYear', 'average', 'yearsMet', 'shortfall'] as const;
export type FloorField = (typeof FLOOR_FIELDS)[number];
export const TARGET_FIELDS = ['met', 'shortfall'] as const;
/**
 * Readings of the mobilization target: headline mobilization (public + private, as the report
 * counts it; `target.met`), or private capital only.
 */
export const TARGET_READINGS = ['headline', 'private'] as const;
export type TargetReading = (typeof TARGET_READINGS)[number];
export const TEST_FIELDS = ['met', 'margin'] as const;
export type TestField = (typeof TEST_FIELDS)[number];

/** The money metric a target reading tests. */
export function targetMetric(reading: TargetReading): MoneyMetricId {
  return reading === 'headline' ? 'headlineMobilization' : 'privateMobilized';
}
export type TargetField = (typeof TARGET_FIELDS)[number];

/**
 * How every table names a floor reading (run, simulate, the report): "budget, as published"
 * on a scoring basis, "commitment"; its path is floor.GOV.READING (appropriated, commitment).
 */
export function floorReadingLabel(reading: FloorReading, basisLabel: string): string {
  return reading === 'appropriated' ? `budget, ${basisLabel}` : 'commitment';
}

/** The money metric a floor reading tests. */
export function floorMetric(reading: FloorReading): MoneyMetricId {
  return reading === 'appropriated' ? 'budgetCost' : 'publicCommitment';
}

/**
 * A metric made only of flows added after version 1 of the JSON (LATE_FLOWS) that the
 * plan does not book: left out of machine outputs, so a plan without them prints what it
 * printed.
 */
export function unbookedLate(id: MoneyMetricId, booked: (k: FlowKind) => boolean): boolean {
  const def = MONEY_METRICS.find((d) => d.id === id)!;
  return def.flows({ includeFollowOn: false }).every(([k]) => LATE_FLOWS.includes(k) && !booked(k));
}
