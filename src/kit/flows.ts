// The toolkit a mechanism kind books its flows with: the horizon, the chosen value of
// each figure and event, allocations laid over years, profiles, and budget items that
// every scoring basis reads its own way. Written against Arith<T> so one model runs
// exact (reports) or in float64 (sampling).
import type { Arith, Dec } from '../core/money.js';
import { BASES, type BudgetItemType } from '../model/bases.js';
import type { NeutralFlow } from '../model/flows.js';
import type { Alloc, Event, Fig } from '../model/scenario.js';
import type { Ledger } from './ledger.js';

export type Case = 'low' | 'base' | 'high';

/** Chooses the value of each uncertain input and the outcome of each event for one evaluation. */
export interface Picker<T> {
  fig(f: Fig): T;
  event(e: Event): boolean;
}

export function casePicker<T>(A: Arith<T>, c: Case): Picker<T> {
  return { fig: (f) => A.lift(f.value[c]), event: (e) => e.holds };
}

/** One piece of public money as the budget sees it; each basis decides what of it counts. */
export interface BudgetItem<T> {
  type: BudgetItemType;
  /** The plan's own convention (`budget: appropriated`). */
  appropriated: boolean;
  /** Budget authority by year index, when the money is provided or obligated. */
  authority: T[];
  /** Outlays by year index (indices past the horizon land after it). */
  outlays: T[];
  /** Money coming back (distributions) by year index; offsetting receipts on bases that count them. */
  receipts?: T[];
  /**
   * What the sponsor pays out by year index, when it is not the item's outlays: a direct
   * loan's disbursements (its outlays are the subsidy). A cash basis reads this.
   */
  paid?: T[];
}

/** A mechanism's draws on its envelope: amounts by plan year (before the enactment shift), keyed by drawKey(). */
export type Draws<T> = Map<string, T[]>;
export const drawKey = (g: number, kind: NeutralFlow) => `${g}/${kind}`;

export class FlowCtx<T> {
  constructor(
    readonly A: Arith<T>,
    readonly N: number,
    private readonly pick: Picker<T>,
    private readonly outcomes: Map<string, boolean>,
    private readonly ledger: Ledger<T>,
    private readonly mi: number,
    private readonly govIndex: Map<string, number>,
    /** Years between the horizon's start and enactment: the plan's year y lands in horizon year y + shift. */
    private readonly shift = 0,
    /** Sponsors with no budget (`basis: none`, a bank's own balance sheet), by index: their budget items book nothing. */
    private readonly noBudget: readonly boolean[] = [],
    /** What the mechanism takes from an envelope it is within, per flow, when not its own row (see draw()). */
    private readonly draws?: Draws<T>,
    /**
     * Per sponsor and basis, the basis whose rule books its items there (model/bases.ts
     * readingIndex: its own books where a basis does not apply to it); unset: each basis its own.
     */
    private readonly reading?: readonly (readonly number[])[],
    /** Every event outcome read, in order, when set (what a saved ledger row depends on besides the mechanism). */
    private readonly eventsRead?: [string, boolean][],
  ) {}

  /**
   * What this mechanism takes from an envelope it is `within:`, in place of its own `kind`
   * flow: credit draws its subsidy cost from an envelope of appropriations, not its face
   * value. Flows without a draw are taken from the envelope as booked.
   */
  draw(g: number, kind: 'commitment' | 'deployed', amounts: T[]): void {
    if (!this.draws) return;
    const key = drawKey(g, kind);
    const prev = this.draws.get(key) ?? [];
    const A = this.A;
    const n = Math.max(prev.length, amounts.length);
    this.draws.set(
      key,
      Array.from({ length: n }, (_, y) => A.add(prev[y] ?? A.zero, amounts[y] ?? A.zero)),
    );
  }

  /** Whether sponsor `g` has a budget at all (not `basis: none`): revenue it forgoes is a cost to it. */
  hasBudget(g: number): boolean {
    return !this.noBudget[g];
  }
  /** The value of a figure in this evaluation. */
  fig(f: Fig): T {
    return this.pick.fig(f);
  }
  /** The outcome of an event (declared by the mechanism) in this evaluation. */
  event(key: string): boolean {
    const v = this.outcomes.get(key) ?? true;
    this.eventsRead?.push([key, v]);
    return v;
  }
  gi(code: string): number {
    return this.govIndex.get(code)!;
  }
  add(g: number, kind: NeutralFlow, y: number, amount: T): void {
    this.ledger.add(this.mi, g, kind, y + this.shift, amount);
  }
  book(g: number, kind: NeutralFlow, amounts: T[]): void {
    amounts.forEach((a, y) => {
      this.ledger.add(this.mi, g, kind, y + this.shift, a);
    });
  }
  /** Books `amounts[y] * shares[j]` in year y + j (a spend-out or disbursement profile). */
  spread(g: number, kind: NeutralFlow, amounts: T[], shares: Dec[]): void {
    this.book(g, kind, spread(this.A, amounts, shares));
  }
  /**
   * A budget item, booked on every scoring basis by that basis's rule; where a basis does
   * not apply to the sponsor, by the rule of its own books.
   */
  budget(g: number, item: BudgetItem<T>): void {
    if (this.noBudget[g]) return;
    BASES.forEach((_, b) => {
      const r = this.reading?.[g]?.[b] ?? b;
      if (r < 0) return;
      const rule = BASES[r]!.rule(item);
      if (rule.counts) {
        const direct = rule.direct && this.A.name === 'exact';
        const paid = item.paid ?? item.outlays;
        const cost = rule.paid ? paid : item.authority;
        const outlays = rule.paid ? paid : item.outlays;
        cost.forEach((a, y) => {
          this.ledger.add(this.mi, g, 'budgetCost', y + this.shift, a, b);
          if (direct) this.ledger.addDirect(this.mi, g, 'budgetCost', y + this.shift, a, b);
        });
        outlays.forEach((a, y) => {
          this.ledger.add(this.mi, g, 'outlay', y + this.shift, a, b);
          if (direct) this.ledger.addDirect(this.mi, g, 'outlay', y + this.shift, a, b);
        });
      }
      if (rule.receipts && item.receipts)
        item.receipts.forEach((a, y) => {
          this.ledger.add(this.mi, g, 'receipt', y + this.shift, a, b);
        });
    });
  }
  /** An allocation's amount in each year of the horizon. */
  yearly(a: Alloc): T[] {
    return yearly(a, this.A, this.N, this.pick);
  }
  scale(xs: T[], k: T): T[] {
    return xs.map((x) => this.A.mul(x, k));
  }
  spreadOf(amounts: T[], shares: Dec[]): T[] {
    return spread(this.A, amounts, shares);
  }
  splitEvenly(v: T, weights: number[]): T[] {
    return splitEvenly(this.A, v, weights);
  }
}

/** An allocation's amount in each year of the horizon. A total is split so the parts add back exactly. */
export function yearly<T>(a: Alloc, A: Arith<T>, N: number, pick: Pick<Picker<T>, 'fig'>): T[] {
  const out = new Array<T>(N).fill(A.zero);
  if (a.mode === 'byYear') {
    a.byYear.forEach((f, y) => {
      if (f) out[y] = pick.fig(f);
    });
    return out;
  }
  const v = pick.fig(a.fig);
  if (a.mode === 'year') {
    for (let y = 0; y < N; y++) if (a.mask[y]) out[y] = v;
    return out;
  }
  return splitEvenly(
    A,
    v,
    a.mask.map((x) => (x ? 1 : 0)),
    out,
  );
}

/** Splits `v` over weights (small integers); the last weighted slot takes the remainder. */
export function splitEvenly<T>(A: Arith<T>, v: T, weights: number[], out: T[] = new Array<T>(weights.length).fill(A.zero)): T[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total === 0) return out;
  const last = weights.reduce((l, w, i) => (w > 0 ? i : l), -1);
  let given = A.zero;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    const part = i === last ? A.sub(v, given) : A.div(A.mul(v, A.int(w)), A.int(total));
    out[i] = part;
    given = A.add(given, part);
  }
  return out;
}

/** `amounts[y] * shares[j]` summed into year y + j; the last share takes the remainder so each amount is paid once. */
export function spread<T>(A: Arith<T>, amounts: T[], shares: Dec[]): T[] {
  const s = shares.map((x) => A.lift(x));
  const out = new Array<T>(amounts.length + s.length).fill(A.zero);
  // Exact amounts repeat year after year (250M a year): their parts are worked out once.
  // (Only exact: simulate's traced arithmetic cannot compare values it has not drawn.)
  const exact = A.name === 'exact';
  let last: { a: T; parts: T[] } | undefined;
  amounts.forEach((a, y) => {
    if (A.isZero(a)) return;
    let parts: T[];
    if (exact && last && !A.lt(a, last.a) && !A.lt(last.a, a)) parts = last.parts;
    else {
      let paid = A.zero;
      parts = s.map((share, j) => {
        const part = j === s.length - 1 ? A.sub(a, paid) : A.mul(a, share);
        paid = A.add(paid, part);
        return part;
      });
      last = { a, parts };
    }
    parts.forEach((part, j) => (out[y + j] = A.add(out[y + j]!, part)));
  });
  return out;
}
