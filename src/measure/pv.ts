// Present value and real dollars, written once over Arith<T> so `run` (exact) and
// `simulate` (float64) share them. Conventions: flows in year index y are at the END
// of that fiscal year, t = y + 1 years from the start of the horizon; real figures are
// nominal / (1 + inflation)^(y - base), in dollars of the base year.
import { Dec, type Arith } from '../core/money.js';
import type { Discount, Inflation } from '../model/scenario.js';

/** The rate for a maturity of t years: the listed rate, linear between listed maturities, flat beyond the ends. */
export function rateAt(d: Discount, t: number): Dec {
  const rows = d.byMaturity;
  if (t <= rows[0]!.years) return rows[0]!.rate;
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!,
      b = rows[i]!;
    if (t <= b.years)
      return a.rate.plus(
        b.rate
          .minus(a.rate)
          .times(t - a.years)
          .div(b.years - a.years),
      );
  }
  return rows[rows.length - 1]!.rate;
}

/**
 * Discount factor of each year index's flows: 1 / (1 + r_t)^t with t = y + 1 (a zero-coupon
 * rate per maturity, as in credit reform), or t = y + 0.5 with mid-year timing (OMB A-94).
 */
export function discountFactors(d: Discount, years: number): Dec[] {
  const dt = d.midYear ? 0.5 : 1;
  return Array.from({ length: years }, (_, y) => Dec.ONE.div(Dec.ONE.plus(rateAt(d, y + dt)).pow(y + dt)));
}

/** Deflator weights: 1 / (1 + rate)^(y - base) for each year index. */
export function realFactors(inf: Inflation, years: number): Dec[] {
  return Array.from({ length: years }, (_, y) => Dec.ONE.div(Dec.ONE.plus(inf.rate).pow(y - inf.base)));
}

/** Σ byYear[y] x weights[y]: a present value with discount factors, a real total with deflators. */
export function weighted<T>(A: Arith<T>, byYear: T[], weights: Dec[]): T {
  let s = A.zero;
  for (let y = 0; y < weights.length; y++) s = A.add(s, A.mul(byYear[y]!, A.lift(weights[y]!)));
  return s;
}
