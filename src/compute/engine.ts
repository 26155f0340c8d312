// The financing engine: asks each event's outcome, then has every active mechanism's
// kind book its flows into one ledger. Written once against Arith<T>, so it runs exact
// (Dec, for reports) or fast (float64, for sampling); a Picker decides each figure's
// value and each event's outcome.
import type { Arith } from '../core/money.js';
import { kindOf } from '../mechanisms/registry.js';
import type { Scenario } from '../model/scenario.js';
import { FlowCtx, type Picker } from '../kit/flows.js';
import { flowSlot, Ledger } from '../kit/ledger.js';

export { type Case, casePicker, type Picker } from '../kit/flows.js';

/**
 * An amount written in another currency is divided by its exchange rate where it is read,
 * both picked by the same picker: so a ranged rate is an input like any other (simulate
 * draws it, sensitivity swings it), and at a stated rate the conversion is exact.
 */
export function converting<T>(A: Arith<T>, pick: Picker<T>): Picker<T> {
  return { fig: (f) => (f.per ? A.div(pick.fig(f), pick.fig(f.per)) : pick.fig(f)), event: (e) => pick.event(e) };
}

/**
 * Books every mechanism's flows in one ledger; with `only`, just the mechanisms it
 * selects (the others' rows stay zero). A mechanism books into its own row only, so a
 * selected row is what the whole computation gives it when the mechanisms within it are
 * selected too.
 */
export function compute<T>(s: Scenario, A: Arith<T>, given: Picker<T>, only?: (mi: number) => boolean): Ledger<T> {
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
  s.mechanisms.forEach((m, mi) => {
    if (only && !only(mi)) return;
    // A mechanism runs only when its conditions hold: its own study passes, the project it backs fails.
    if (!m.conditions.every((c) => (outcomes.get(c.event) ?? true) === c.holds)) return;
    kindOf(m).flows(m, new FlowCtx(A, N, pick, outcomes, ledger, mi, govIndex, s.enacted?.index ?? 0, noBudget));
  });
  // A mechanism within another's envelope: its public flows are part of that envelope, so
  // they come out of the outer row (private money and follow-on are its own).
  const keep = [flowSlot('private', 0), flowSlot('followOn', 0)];
  s.mechanisms.forEach((m, mi) => {
    const outer = m.within === undefined ? undefined : ledger.mechIndex.get(m.within);
    if (outer !== undefined && (!only || (only(mi) && only(outer)))) ledger.subtractRow(outer, mi, keep);
  });
  return ledger;
}
