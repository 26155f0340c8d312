// The financing engine: asks each event's outcome, then has every active mechanism's
// kind book its flows into one ledger. Written once against Arith<T>, so it runs exact
// (Dec, for reports) or fast (float64, for sampling); a Picker decides each figure's
// value and each event's outcome.
import type { Arith, Dec } from '../core/money.js';
import { kindOf } from '../mechanisms/registry.js';
import { readingIndex } from '../model/bases.js';
import type { MechBase, Scenario } from '../model/scenario.js';
import { type Case, type Draws, drawKey, FlowCtx, type Picker } from '../kit/flows.js';
import { flowSlot, Ledger, type LedgerRow } from '../kit/ledger.js';
import { originOf } from '../kit/origin.js';

export { type Case, casePicker, type Picker } from '../kit/flows.js';

/**
 * An amount written in another currency is divided by its exchange rate where it is read,
 * both picked by the same picker: so a ranged rate is an input like any other (simulate
 * draws it, sensitivity swings it), and at a stated rate the conversion is exact.
 */
export function converting<T>(A: Arith<T>, pick: Picker<T>): Picker<T> {
  return { fig: (f) => (f.per ? A.div(pick.fig(f), pick.fig(f.per)) : pick.fig(f)), event: (e) => pick.event(e) };
}

/** A mechanism's ledger row as booked once, and the event outcomes its flows read. */
interface SavedRow {
  events: [string, boolean][];
  row: LedgerRow<Dec>;
  draws?: Draws<Dec>;
}

/**
 * Exact ledger rows of mechanisms by their origin (kit/origin.ts), the case and the
 * ledger's context, so a check of many variants of one base books each mechanism a
 * variant left alone once. A mechanism's flows read only itself, the context its origin
 * stands for, the horizon, sponsors and enactment the key holds, and event outcomes
 * (kept with the row and compared). Owned by one command (nothing outlives it).
 */
export class RowMemo {
  private readonly rows = new WeakMap<object, Map<string, SavedRow[]>>();
  /** The saved rows of `m` in context `key`. */
  of(m: MechBase, key: string): SavedRow[] | undefined {
    const origin = originOf(m);
    if (!origin) return undefined;
    let byKey = this.rows.get(origin);
    if (!byKey) this.rows.set(origin, (byKey = new Map()));
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    return list;
  }
}

/**
 * compute() on exact arithmetic with a RowMemo: `rows` kept for the case whose figures the
 * picker reads (its events may be others': each row is kept with the outcomes it read).
 */
export interface Reuse {
  rows: RowMemo;
  case: Case;
}

/**
 * Books every mechanism's flows in one ledger; with `only`, just the mechanisms it
 * selects (the others' rows stay zero). A mechanism books into its own row only, so a
 * selected row is what the whole computation gives it when the mechanisms within it are
 * selected too. With `reuse`, rows a RowMemo holds for the same case are copied, not booked.
 */
export function compute<T>(s: Scenario, A: Arith<T>, given: Picker<T>, only?: (mi: number) => boolean, reuse?: Reuse): Ledger<T> {
  const N = s.horizon.years;
  const pick = s.exchangeRates.length > 0 ? converting(A, given) : given;
  const govs = s.governments.map((g) => g.code);
  const ledger = new Ledger(
    A,
    N,
    govs,
    s.mechanisms.map((m) => m.id),
  );
  const outcomes = new Map(s.events.map((e) => [e.key, pick.event(e)]));
  const govIndex = new Map(govs.map((g, i) => [g, i]));
  const noBudget = s.governments.map((g) => g.basis === 'none');
  const reading = readingIndex(s.governments);
  const shift = s.enacted?.index ?? 0;
  const draws = new Map<number, Draws<T>>();
  // Exact only; the caller says which case's figures its picker reads (outcomes are compared).
  const memo = reuse && A.name === 'exact' ? reuse : undefined;
  const context = memo && JSON.stringify([memo.case, N, govs, shift, noBudget, reading, s.exchangeRates.length > 0]);
  s.mechanisms.forEach((m, mi) => {
    if (only && !only(mi)) return;
    // A mechanism runs only when its conditions hold: its own study passes, the project it backs fails.
    if (!m.conditions.every((c) => (outcomes.get(c.event) ?? true) === c.holds)) return;
    const saved = memo?.rows.of(m, `${mi}\n${context}`);
    const hit = saved?.find((r) => r.events.every(([k, v]) => (outcomes.get(k) ?? true) === v));
    if (hit) {
      (ledger as unknown as Ledger<Dec>).putRow(mi, hit.row);
      if (hit.draws) draws.set(mi, new Map(hit.draws) as unknown as Draws<T>);
      return;
    }
    const mine = m.within === undefined ? undefined : new Map<string, T[]>();
    if (mine) draws.set(mi, mine);
    const events: [string, boolean][] | undefined = saved && [];
    kindOf(m).flows(m, new FlowCtx(A, N, pick, outcomes, ledger, mi, govIndex, shift, noBudget, mine, reading, events));
    if (saved && events) {
      const row = (ledger as unknown as Ledger<Dec>).rowOf(mi);
      saved.push({ events, row, ...(mine ? { draws: new Map(mine) as unknown as Draws<Dec> } : {}) });
    }
  });
  // A mechanism within another's envelope: its public flows are part of that envelope, so
  // they come out of the outer row (private money and follow-on are its own); a flow it
  // draws otherwise (credit: its subsidy, not its face value) comes out as drawn.
  s.mechanisms.forEach((m, mi) => {
    const outer = m.within === undefined ? undefined : ledger.mechIndex.get(m.within);
    if (outer === undefined || (only && !(only(mi) && only(outer)))) return;
    const drawn = draws.get(mi) ?? new Map<string, T[]>();
    // Revenue forgone and unprovisioned exposure are no envelope's money: they stay the mechanism's own.
    const keep = [flowSlot('private', 0), flowSlot('followOn', 0), flowSlot('revenueLoss', 0), flowSlot('unprovisioned', 0)];
    for (const kind of ['commitment', 'deployed'] as const)
      if (govs.some((_, g) => drawn.has(drawKey(g, kind)))) keep.push(flowSlot(kind, 0));
    ledger.subtractRow(outer, mi, keep);
    for (const kind of ['commitment', 'deployed'] as const) {
      const kept = keep.includes(flowSlot(kind, 0));
      if (!kept) continue;
      govs.forEach((_, g) =>
        (drawn.get(drawKey(g, kind)) ?? []).forEach((a, y) => ledger.add(outer, g, kind, y + shift, A.sub(A.zero, a))),
      );
    }
  });
  return ledger;
}
