// A sponsor's own books: the currency its own tables are shown in (`currency:` on the
// sponsor, converted from the plan's at the stated rate) and its own fiscal years (labels
// only: model/fiscal.ts pairs them one to one with the plan's). Tables that add sponsors
// together stay in the plan's currency and years.
import { Dec } from '../core/money.js';
import { type OwnYears, ownYearName, ownYears } from '../model/fiscal.js';
import { type Fig, type Scenario, yearName } from '../model/scenario.js';

export interface SponsorBooks {
  code: string;
  /** The currency its own tables are in: its own, else the plan's. */
  currency: string;
  /** Units of its currency per one of the plan's (the rate's base value), when not the plan's. */
  rate?: { value: Dec; fig: Fig; ranged: boolean };
  /** Its own fiscal years, when they are not the plan's. */
  own?: OwnYears;
}

export function sponsorBooks(s: Scenario, gov: string): SponsorBooks {
  const g = s.governments.find((x) => x.code === gov);
  const out: SponsorBooks = { code: gov, currency: s.currency };
  if (!g) return out;
  const own = ownYears(s, g);
  if (own) out.own = own;
  const r =
    g.currency !== undefined && g.currency !== s.currency ? s.exchangeRates.find((x) => x.currency === g.currency) : undefined;
  if (r) {
    out.currency = r.currency;
    const v = r.fig.value;
    out.rate = { value: v.base, fig: r.fig, ranged: !v.low.eq(v.high) };
  }
  return out;
}

/** An amount in the plan's currency, in the sponsor's (exact: times the rate's base value). */
export function inBooks(b: SponsorBooks, x: Dec): Dec {
  return b.rate ? x.times(b.rate.value) : x;
}

/** Year y of the horizon (y = N: the first after it) as the sponsor labels it. */
export function booksYear(s: Scenario, b: SponsorBooks, y: number): string {
  return b.own ? ownYearName(b.own, s.horizon.start + y) : yearName(s.horizon, y);
}

/** The first year number of the sponsor's own years (the plan's when they are the same). */
export function booksStart(s: Scenario, b: SponsorBooks): number {
  return s.horizon.start + (b.own?.shift ?? 0);
}

/** "calendar" or "fiscal": what the sponsor's year columns are. */
export function booksYearKind(s: Scenario, b: SponsorBooks): 'calendar' | 'fiscal' {
  return (b.own ? b.own.starts === 1 : s.horizon.calendar) ? 'calendar' : 'fiscal';
}

/**
 * The conversion in a sentence: "the stated 4 ILS per EUR (exchangeRates.ILS: source)",
 * with the range named when the rate has one (its base value is used).
 */
export function rateText(s: Scenario, b: SponsorBooks): string {
  if (!b.rate) return '';
  const { value, fig, ranged } = b.rate;
  const v = fig.value;
  const range = ranged ? `; the rate is a range, ${v.low.toPlain(6)} to ${v.high.toPlain(6)}, and its base value is used` : '';
  return `the stated ${value.toPlain(6)} ${b.currency} per ${s.currency} (exchangeRates.${b.currency}: ${fig.source ?? 'no source given'}${range})`;
}
