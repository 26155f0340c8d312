// The one ledger of flows: year x government x mechanism x flow kind. Every metric is
// a sum over it, so totals by year, mechanism and government agree by construction.
import type { Arith } from '../core/money.js';

/**
 * commitment: public money committed (appropriations, equity invested, loan face, LP commitments)
 * budgetCost: cost on the appropriated basis (appropriations; credit subsidy)
 * outlay:     budget outlays (appropriations spent out; subsidy as loans disburse)
 * deployed:   public capital actually paid out (grant outlays, investments, loan disbursements, LP capital calls)
 * distribution: returns paid back to a government (equity and LP distributions)
 * private:    private capital committed alongside (LP crowd-in, co-investment, co-finance)
 * followOn:   private follow-on funding attributed to grants (e.g. BIRD's 25:1)
 */
export const FLOW_KINDS = ['commitment', 'budgetCost', 'outlay', 'deployed', 'distribution', 'private', 'followOn'] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];
const K = FLOW_KINDS.length;
const KIND_INDEX = Object.fromEntries(FLOW_KINDS.map((k, i) => [k, i])) as Record<FlowKind, number>;

export class Ledger<T> {
  /** Year slots: the horizon's years, then one bucket for everything after it. */
  readonly slots: number;
  private readonly data: T[];
  constructor(
    readonly A: Arith<T>,
    readonly years: number,
    readonly govs: readonly string[],
    readonly mechs: readonly string[],
  ) {
    this.slots = years + 1;
    this.data = new Array<T>(mechs.length * govs.length * K * this.slots).fill(A.zero);
  }
  private idx(m: number, g: number, k: FlowKind, y: number): number {
    return ((m * this.govs.length + g) * K + KIND_INDEX[k]) * this.slots + Math.min(y, this.years);
  }
  /** Adds `amount` in year index `y` (>= years lands in the after-horizon bucket). */
  add(m: number, g: number, k: FlowKind, y: number, amount: T): void {
    if (y < 0 || this.A.isZero(amount)) return;
    const i = this.idx(m, g, k, y);
    this.data[i] = this.A.add(this.data[i]!, amount);
  }
  get(m: number, g: number, k: FlowKind, y: number): T {
    return this.data[this.idx(m, g, k, y)]!;
  }
  /** Sum over the horizon's years (after-horizon excluded) with optional filters. */
  total(k: FlowKind, opts: { g?: number; m?: number; y?: number } = {}): T {
    const A = this.A;
    let s = A.zero;
    for (let m = 0; m < this.mechs.length; m++) {
      if (opts.m !== undefined && m !== opts.m) continue;
      for (let g = 0; g < this.govs.length; g++) {
        if (opts.g !== undefined && g !== opts.g) continue;
        if (opts.y !== undefined) s = A.add(s, this.get(m, g, k, opts.y));
        else for (let y = 0; y < this.years; y++) s = A.add(s, this.get(m, g, k, y));
      }
    }
    return s;
  }
  /** Every non-zero flow, in a stable order (mechanism, government, kind, year). */
  *entries(): Generator<{ m: number; g: number; kind: FlowKind; y: number; amount: T }> {
    for (let m = 0; m < this.mechs.length; m++)
      for (let g = 0; g < this.govs.length; g++)
        for (const kind of FLOW_KINDS)
          for (let y = 0; y < this.slots; y++) {
            const amount = this.get(m, g, kind, y);
            if (!this.A.isZero(amount)) yield { m, g, kind, y, amount };
          }
  }
}
