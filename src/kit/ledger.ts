// The one ledger of flows: year x government x mechanism x flow kind (budget flows once
// per scoring basis). Every metric is a sum over it, so totals by year, mechanism and
// government agree by construction.
import type { Arith } from '../core/money.js';
import { BASES } from '../model/bases.js';
import { BUDGET_FLOWS, type FlowKind, isBudgetFlow, NEUTRAL_FLOWS } from '../model/flows.js';

const NK = NEUTRAL_FLOWS.length;
const BK = BUDGET_FLOWS.length;
const NEUTRAL_INDEX = Object.fromEntries(NEUTRAL_FLOWS.map((k, i) => [k, i])) as Record<string, number>;
const BUDGET_INDEX = Object.fromEntries(BUDGET_FLOWS.map((k, i) => [k, i])) as Record<string, number>;

/** The slot of one flow kind (on one basis, for budget flows). */
export function flowSlot(k: FlowKind, basis: number): number {
  return isBudgetFlow(k) ? NK + basis * BK + BUDGET_INDEX[k]! : NEUTRAL_INDEX[k]!;
}

/** One mechanism's row of a ledger, by offsets in the row (Ledger.rowOf). */
export interface LedgerRow<T> {
  /** Cells in a row: the same shape of ledger (governments, flows, years). */
  size: number;
  cells: [number, T][];
  tail: [number, T[]][];
  direct: [number, T][];
}

export class Ledger<T> {
  /** Year slots: the horizon's years, then one bucket for everything after it. */
  readonly slots: number;
  /** Flow slots per mechanism and government: neutral flows, then budget flows per basis. */
  readonly flows: number;
  private readonly data: T[];
  /** Row offsets by mechanism id (no search in loops over mechanisms). */
  readonly mechIndex: Map<string, number>;
  constructor(
    readonly A: Arith<T>,
    readonly years: number,
    readonly govs: readonly string[],
    readonly mechs: readonly string[],
  ) {
    this.slots = years + 1;
    this.flows = NK + BASES.length * BK;
    this.data = new Array<T>(mechs.length * govs.length * this.flows * this.slots).fill(A.zero);
    this.mechIndex = new Map(mechs.map((m, i) => [m, i]));
  }
  private idx(m: number, g: number, f: number, y: number): number {
    return ((m * this.govs.length + g) * this.flows + f) * this.slots + Math.min(y, this.years);
  }
  /** Adds `amount` to flow slot `f` in year index `y` (>= years lands in the after-horizon bucket). */
  addSlot(m: number, g: number, f: number, y: number, amount: T): void {
    if (y < 0 || this.A.isZero(amount)) return;
    if (this.sums) this.sums = undefined;
    const i = this.idx(m, g, f, y);
    this.data[i] = this.A.add(this.data[i]!, amount);
    if (y >= this.years) {
      // The after-horizon bucket keeps its years too (for present values over the whole life).
      let row = this.tail.get(i);
      if (!row) this.tail.set(i, (row = []));
      const k = y - this.years;
      row[k] = row[k] === undefined ? amount : this.A.add(row[k], amount);
    }
  }
  /** After-horizon flows by year (index 0 = the first year after the horizon), keyed by the bucket's slot. */
  private readonly tail = new Map<number, T[]>();
  /** The after-horizon bucket year by year (index 0 = the first year after the horizon), summed with optional filters. */
  tailByYear(k: FlowKind, opts: { g?: number; m?: number; basis?: number } = {}): T[] {
    const A = this.A;
    const f = flowSlot(k, opts.basis ?? 0);
    const out: T[] = [];
    const m0 = opts.m ?? 0;
    const m1 = opts.m === undefined ? this.mechs.length : opts.m + 1;
    const g0 = opts.g ?? 0;
    const g1 = opts.g === undefined ? this.govs.length : opts.g + 1;
    for (let m = m0; m < m1; m++)
      for (let g = g0; g < g1; g++) {
        const row = this.tail.get(this.idx(m, g, f, this.years));
        if (!row) continue;
        for (let y = 0; y < row.length; y++)
          if (row[y] !== undefined) out[y] = out[y] === undefined ? row[y]! : A.add(out[y]!, row[y]!);
      }
    return Array.from({ length: out.length }, (_, y) => out[y] ?? A.zero);
  }
  add(m: number, g: number, k: FlowKind, y: number, amount: T, basis = 0): void {
    this.addSlot(m, g, flowSlot(k, basis), y, amount);
  }
  get(m: number, g: number, k: FlowKind, y: number, basis = 0): T {
    return this.data[this.idx(m, g, flowSlot(k, basis), y)]!;
  }
  /**
   * Partial sums per flow slot, made on first use (exact arithmetic only: a float sum in
   * another order would change its last bits): by mechanism and government over the
   * horizon's years, and by government and year over mechanisms. A report asks for
   * every year and every mechanism of every metric; without them each of those M + Y
   * questions is a sum of M or Y cells, so building a report grew as M x Y x (M + Y).
   */
  private sums: Map<number, { byMG: T[]; byGY: T[] }> | undefined;
  private sumsOf(f: number): { byMG: T[]; byGY: T[] } {
    this.sums ??= new Map();
    let s = this.sums.get(f);
    if (s) return s;
    const A = this.A,
      G = this.govs.length;
    const byMG = new Array<T>(this.mechs.length * G).fill(A.zero);
    const byGY = new Array<T>(G * this.slots).fill(A.zero);
    for (let m = 0; m < this.mechs.length; m++)
      for (let g = 0; g < G; g++) {
        const base = this.idx(m, g, f, 0);
        let r = A.zero;
        for (let y = 0; y < this.slots; y++) {
          const v = this.data[base + y]!;
          if (A.isZero(v)) continue;
          if (y < this.years) r = A.add(r, v);
          byGY[g * this.slots + y] = A.add(byGY[g * this.slots + y]!, v);
        }
        byMG[m * G + g] = r;
      }
    s = { byMG, byGY };
    this.sums.set(f, s);
    return s;
  }
  /**
   * Of the budget flows above, the part that is direct spending on its basis (budget items
   * a law provides without an appropriation act), by the same slot index. Kept apart so
   * a cost estimate can file it apart; only exact ledgers keep it (sampling never reads it,
   * and the traced model must record the same operations as compute()).
   */
  private readonly directCells = new Map<number, T>();
  /** Adds a direct-spending part of a budget flow already booked with add(). */
  addDirect(m: number, g: number, k: FlowKind, y: number, amount: T, basis: number): void {
    if (y < 0 || this.A.isZero(amount)) return;
    const i = this.idx(m, g, flowSlot(k, basis), y);
    const prev = this.directCells.get(i);
    this.directCells.set(i, prev === undefined ? amount : this.A.add(prev, amount));
  }
  /** The direct-spending part of one cell (year `y`, or the after-horizon bucket at y >= years). */
  direct(m: number, g: number, k: FlowKind, y: number, basis = 0): T {
    return this.directCells.get(this.idx(m, g, flowSlot(k, basis), y)) ?? this.A.zero;
  }
  /** The cells of mechanism `m`'s row by offset in the row (with its after-horizon years and direct parts), to be put back by putRow. */
  rowOf(m: number): LedgerRow<T> {
    const A = this.A;
    const start = this.idx(m, 0, 0, 0),
      end = start + this.govs.length * this.flows * this.slots;
    const cells: [number, T][] = [];
    for (let i = start; i < end; i++) if (!A.isZero(this.data[i]!)) cells.push([i - start, this.data[i]!]);
    const tail: [number, T[]][] = [];
    const direct: [number, T][] = [];
    for (const [i, row] of this.tail) if (i >= start && i < end) tail.push([i - start, [...row]]);
    for (const [i, v] of this.directCells) if (i >= start && i < end) direct.push([i - start, v]);
    return { size: end - start, cells, tail, direct };
  }
  /** Sets mechanism `m`'s row, all zero until now, to `row` (of a ledger of the same shape). */
  putRow(m: number, row: LedgerRow<T>): void {
    const start = this.idx(m, 0, 0, 0);
    this.sums = undefined;
    for (const [o, v] of row.cells) this.data[start + o] = v;
    // Copies: later additions (an envelope's draws) write into the after-horizon years.
    for (const [o, r] of row.tail) this.tail.set(start + o, [...r]);
    for (const [o, v] of row.direct) this.directCells.set(start + o, v);
  }
  /** Takes row `inner`'s flows out of row `outer` (a mechanism within another's envelope): every flow but private money. */
  subtractRow(outer: number, inner: number, keep: readonly number[]): void {
    const A = this.A;
    this.sums = undefined;
    for (let g = 0; g < this.govs.length; g++)
      for (let f = 0; f < this.flows; f++) {
        if (keep.includes(f)) continue;
        for (let y = 0; y < this.slots; y++) {
          const v = this.data[this.idx(inner, g, f, y)]!;
          if (A.isZero(v)) continue;
          const i = this.idx(outer, g, f, y);
          this.data[i] = A.sub(this.data[i]!, v);
          const d = this.directCells.get(this.idx(inner, g, f, y));
          if (d !== undefined) this.directCells.set(i, A.sub(this.directCells.get(i) ?? A.zero, d));
        }
      }
  }
  /** Sum over the horizon's years (after-horizon excluded) with optional filters. */
  total(k: FlowKind, opts: { g?: number; m?: number; y?: number; basis?: number } = {}): T {
    const A = this.A;
    const f = flowSlot(k, opts.basis ?? 0);
    let s = A.zero;
    if (A.name === 'exact' && (opts.m === undefined || opts.y === undefined)) {
      const G = this.govs.length;
      const g0 = opts.g ?? 0;
      const g1 = opts.g === undefined ? G : opts.g + 1;
      const sums = this.sumsOf(f);
      if (opts.y !== undefined) {
        // every mechanism, one year
        for (let g = g0; g < g1; g++) s = A.add(s, sums.byGY[g * this.slots + Math.min(opts.y, this.years)]!);
      } else {
        const m0 = opts.m ?? 0;
        const m1 = opts.m === undefined ? this.mechs.length : opts.m + 1;
        for (let m = m0; m < m1; m++) for (let g = g0; g < g1; g++) s = A.add(s, sums.byMG[m * G + g]!);
      }
      return s;
    }
    const m0 = opts.m ?? 0;
    const m1 = opts.m === undefined ? this.mechs.length : opts.m + 1;
    const g0 = opts.g ?? 0;
    const g1 = opts.g === undefined ? this.govs.length : opts.g + 1;
    for (let m = m0; m < m1; m++) {
      for (let g = g0; g < g1; g++) {
        if (opts.y !== undefined) s = A.add(s, this.data[this.idx(m, g, f, opts.y)]!);
        else for (let y = 0; y < this.years; y++) s = A.add(s, this.data[this.idx(m, g, f, y)]!);
      }
    }
    return s;
  }
  /** Every non-zero flow of `kinds` (budget flows on `basis`), in a stable order (mechanism, government, kind, year). */
  *entries(kinds: readonly FlowKind[], basis = 0): Generator<{ m: number; g: number; kind: FlowKind; y: number; amount: T }> {
    for (let m = 0; m < this.mechs.length; m++)
      for (let g = 0; g < this.govs.length; g++)
        for (const kind of kinds)
          for (let y = 0; y < this.slots; y++) {
            const amount = this.get(m, g, kind, y, basis);
            if (!this.A.isZero(amount)) yield { m, g, kind, y, amount };
          }
  }
}
