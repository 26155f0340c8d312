// Scoring bases: how a mechanism's budget items become budget authority, outlays and
// offsetting receipts. A mechanism books each budget item once, with its type and the
// plan's own flag (`budget:`); each basis decides what of it counts. New bases are one
// entry here (and a line of docs/reference/scoring.md).

/** What kind of public money a budget item is; bases decide by this. */
export type BudgetItemType =
  /** An appropriation spent by the government or paid to an outside entity (grants, projects, a partner's match). */
  | 'appropriation'
  /** The subsidy cost of a direct loan or a loan guarantee (federal credit reform). */
  | 'creditSubsidy'
  /** A purchase of equity (a stake in companies or a vehicle). */
  | 'equityPurchase'
  /** A commitment to a fund as a limited partner. */
  | 'fundCommitment'
  /** What a sponsor sets aside for a provisioned guarantee (an EU budget guarantee), when committed. */
  | 'provisioning';

export interface BudgetItemInfo {
  type: BudgetItemType;
  /** The plan's own convention for this item (`budget: appropriated`). */
  appropriated: boolean;
}

export interface BasisRule {
  /** Budget authority and outlays count on this basis. */
  counts: boolean;
  /** Returns (distributions) count as offsetting receipts on this basis. */
  receipts: boolean;
  /**
   * The item is direct spending (the law provides it without an appropriation act), not
   * spending subject to appropriation: a cost estimate files it apart, with pay-as-you-go.
   */
  direct: boolean;
}

export interface Basis {
  id: string;
  /** Short label for tables, e.g. "as published". */
  label: string;
  /** One sentence on what the basis is. */
  description: string;
  rule(item: BudgetItemInfo): BasisRule;
}

export const BASES: readonly Basis[] = [
  {
    id: 'as-published',
    label: 'as published',
    description:
      "the plan's own convention: an item counts when the scenario marks it appropriated (`budget: appropriated`, the default for grants, credit and projects; equity and LP commitments are not counted unless marked)",
    rule: (item) => ({ counts: item.appropriated, receipts: false, direct: false }),
  },
  {
    id: 'federal',
    label: 'federal',
    description:
      'federal scorekeeping: appropriations when enacted; loans and guarantees at their subsidy cost when obligated (credit reform, 1990); equity purchases and LP commitments as budget authority when obligated, outlays as invested or called, and distributions back as offsetting receipts',
    rule: (item) => ({
      counts: true,
      receipts: item.type === 'equityPurchase' || item.type === 'fundCommitment',
      // Money the plan says is "not appropriated" but that a scorekeeper counts is provided
      // by the law itself: direct spending (docs/reference/scoring.md).
      direct: !item.appropriated,
    }),
  },
];

export const DEFAULT_BASIS = 'as-published';

export function basisById(id: string): Basis | undefined {
  return BASES.find((b) => b.id === id);
}

export const BASIS_IDS = BASES.map((b) => b.id);

/** What kind of sponsor commits the money; its type decides which budget concepts fit it. */
export const SPONSOR_TYPES = ['government', 'multilateral', 'bank', 'private'] as const;
export type SponsorType = (typeof SPONSOR_TYPES)[number];

/**
 * A sponsor's own budget concept. `federal` and `cash` score its items on the plan's bases
 * (today's figures); `provisioning` the same, with a guarantee that states a provisioning
 * rate costing it when committed; `none` books no budget cost at all (a bank lending from
 * its own balance sheet): its commitments and the private money they draw still count.
 */
export const SPONSOR_BASES = ['federal', 'cash', 'provisioning', 'none'] as const;
export type SponsorBasis = (typeof SPONSOR_BASES)[number];

/** The budget concepts each type of sponsor may have; the first is its default (undefined: the plan's bases). */
export const BASES_BY_TYPE: Record<SponsorType, readonly SponsorBasis[]> = {
  government: ['federal', 'cash', 'provisioning', 'none'],
  multilateral: ['provisioning', 'cash', 'none'],
  bank: ['none'],
  private: ['none'],
};
