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
  /**
   * Budget cost is what is paid, in the year paid (a cash basis), not budget authority when
   * provided: the item's outlays, or its cash payments where they differ (a loan's disbursement).
   */
  paid?: boolean;
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
  {
    id: 'cash',
    label: 'cash',
    description:
      "a government's cash books (any government but the U.S. federal one): a payment is spending in the year paid, money back is revenue: appropriations, grants and projects as outlaid; equity purchases and LP commitments as invested or called, distributions back as receipts; a direct loan's disbursements (repayments are not modeled); a guarantee's subsidy cost as outlaid, or its provisioning when set aside",
    rule: (item) => ({ counts: true, receipts: true, direct: !item.appropriated, paid: true }),
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
 * A sponsor's own budget concept. `federal`: the U.S. federal budget (as published and
 * federal); `cash`: another government's cash books (as published and cash);
 * `provisioning`: cash books where a guarantee that states a provisioning rate costs it when
 * committed; `none` books no budget cost at all (a bank lending from its own balance
 * sheet): its commitments and the private money they draw still count. A government that
 * states none keeps the plan's bases of old (as published and federal).
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

/** A sponsor as the bases see it: its type and its stated budget concept. */
export interface SponsorBooks {
  type?: SponsorType;
  basis?: SponsorBasis;
  /** The currency its own tables are in (undefined: the plan's). */
  currency?: string;
}

/** The scoring bases each budget concept is read on; its own books are the last. */
const READ_ON: Record<SponsorBasis, readonly string[]> = {
  federal: ['as-published', 'federal'],
  cash: ['as-published', 'cash'],
  provisioning: ['as-published', 'cash'],
  none: [],
};

/** A sponsor's budget concept: stated, else its type's default; a government that states none has `federal`'s bases. */
function conceptOf(sp: SponsorBooks): SponsorBasis {
  if (sp.basis !== undefined) return sp.basis;
  return sp.type === undefined || sp.type === 'government' ? 'federal' : BASES_BY_TYPE[sp.type][0]!;
}

/** The scoring bases that apply to a sponsor, in BASES order (none for a sponsor with no budget). */
export function basesFor(sp: SponsorBooks): Basis[] {
  const ids = READ_ON[conceptOf(sp)];
  return BASES.filter((b) => ids.includes(b.id));
}

/** Whether basis `id` applies to sponsor `code` of a plan's sponsors (false for one not among them). */
export function basisApplies(sponsors: readonly (SponsorBooks & { code: string })[], code: string, id: string): boolean {
  const sp = sponsors.find((x) => x.code === code);
  return sp !== undefined && basesFor(sp).some((b) => b.id === id);
}

/** The basis a sponsor's own books keep (federal, cash), read wherever a basis does not apply to it; undefined: no budget. */
export function ownBasis(sp: SponsorBooks): Basis | undefined {
  const ids = READ_ON[conceptOf(sp)];
  return ids.length ? basisById(ids[ids.length - 1]!) : undefined;
}

/**
 * Per sponsor and basis (BASES order), the index of the basis whose rule books its items
 * there: the basis itself where it applies, the sponsor's own books where it does not
 * (so a total across sponsors on a basis adds each one's figure on it, or on its own
 * books), -1 for a sponsor with no budget.
 */
export function readingIndex(sponsors: readonly SponsorBooks[]): number[][] {
  return sponsors.map((sp) => {
    const mine = basesFor(sp);
    const own = ownBasis(sp);
    return BASES.map((b) => (mine.includes(b) ? BASES.indexOf(b) : own ? BASES.indexOf(own) : -1));
  });
}

/**
 * The bases a plan is read on (BASES order): those that apply to one of its sponsors, and the
 * basis it is scored on. A plan whose sponsors state no concept has as published and federal.
 */
export function planBases(sponsors: readonly SponsorBooks[], basis: string): Basis[] {
  return BASES.filter((b) => b.id === basis || b.id === DEFAULT_BASIS || sponsors.some((sp) => basesFor(sp).includes(b)));
}

/** The sponsors a basis does not apply to (that have a budget): read on their own books there. */
export function onOwnBooks<S extends SponsorBooks>(sponsors: readonly S[], basis: string): { sponsor: S; own: Basis }[] {
  return sponsors.flatMap((sp) => {
    const own = ownBasis(sp);
    return own && !basesFor(sp).some((b) => b.id === basis) ? [{ sponsor: sp, own }] : [];
  });
}
