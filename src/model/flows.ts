// The flow kinds of the one ledger (year x government x mechanism x flow). Budget flows
// are kept per scoring basis; every other flow is the same on every basis.

/**
 * commitment:   public money committed (appropriations, equity invested, loan face, LP commitments, guarantees)
 * deployed:     public capital actually paid out (grant outlays, investments, loan disbursements, LP capital calls)
 * distribution: returns paid back to a government (equity and LP distributions)
 * private:      private capital committed alongside (LP crowd-in, co-investment, co-finance, guaranteed lending)
 * followOn:     private follow-on funding attributed to grants (e.g. a 25:1 track record)
 * fee:          fees a government collects (loan guarantee fees)
 * currentLaw:   appropriations already provided under current law (no new budget authority needed)
 * revenueLoss:  revenue a sponsor forgoes to a tax credit (a tax expenditure), in the year claimed
 * unprovisioned: the part of a provisioned guarantee not set aside (a contingent liability, not a budget cost)
 */
export const NEUTRAL_FLOWS = [
  'commitment',
  'deployed',
  'distribution',
  'private',
  'followOn',
  'fee',
  'currentLaw',
  'revenueLoss',
  'unprovisioned',
] as const;
/**
 * budgetCost: budget authority on a scoring basis (appropriations; credit subsidy; equity and fund commitments on the federal basis)
 * outlay:     budget outlays on a scoring basis (appropriations spent out; subsidy as loans disburse; capital calls)
 * receipt:    offsetting receipts on a scoring basis (distributions back, on the federal basis)
 */
export const BUDGET_FLOWS = ['budgetCost', 'outlay', 'receipt'] as const;

export type NeutralFlow = (typeof NEUTRAL_FLOWS)[number];
export type BudgetFlow = (typeof BUDGET_FLOWS)[number];
export type FlowKind = NeutralFlow | BudgetFlow;

/** The order flows are listed in (JSON `flows`, CSV): the first seven as in version 1. */
export const FLOW_ORDER: readonly FlowKind[] = [
  'commitment',
  'budgetCost',
  'outlay',
  'deployed',
  'distribution',
  'private',
  'followOn',
  'receipt',
  'fee',
  'currentLaw',
  'revenueLoss',
  'unprovisioned',
];

/**
 * Flows added after version 1 of the JSON: listed (in `flowKinds`, and the metrics made
 * of them only) when the plan books them, so a plan without them prints what it printed.
 */
export const LATE_FLOWS: readonly FlowKind[] = ['revenueLoss', 'unprovisioned'];

export function isBudgetFlow(k: FlowKind): k is BudgetFlow {
  return (BUDGET_FLOWS as readonly string[]).includes(k);
}
