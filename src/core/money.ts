// Exact numbers for money, rates and ratios, and the small arithmetic interface the
// engine is written against, so one model runs exact (Dec) or fast (float64).
// This is the only module that imports decimal.js.
import { Decimal } from 'decimal.js';

// 40 significant digits: far beyond any budget figure, so sums and products of
// scenario inputs are exact in practice; only division and pow can round.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });

/** The largest integer float64 holds exactly, as are all below it (2^53 - 1). */
const SAFE = Number.MAX_SAFE_INTEGER;
/** A whole number of at most 15 digits: always a safe integer. */
const WHOLE = /^-?\d{1,15}$/;

/**
 * The value of `x` when it is a safe integer (whole, at most 2^53 - 1), else NaN: read
 * from Decimal's digits (base 10^7 words, most significant first, trailing zero words
 * dropped; `e` the decimal exponent), every step exact as each is below the result.
 */
function wholeOf(x: Decimal): number {
  const w = x.d,
    e = x.e;
  if (!w || e > 15) return NaN;
  const top = Math.floor(e / 7); // the first word's power of 10^7
  if (top < w.length - 1) return NaN; // digits below the units: not whole
  let v = 0;
  for (let i = 0; i < w.length; i++) v = v * 1e7 + w[i]!;
  for (let i = w.length - 1; i < top; i++) v *= 1e7;
  // Past 2^53 - 1 a step may round, but only to a value past it too (rounding is monotonic).
  if (v > SAFE) return NaN;
  return x.s < 0 ? -v : v;
}

/**
 * An immutable exact decimal. Amounts are USD (not millions) inside the model.
 *
 * Most amounts are whole dollars, so a Dec that is a safe integer keeps it as a number
 * (`n`) and makes its Decimal only when asked: sums, differences and products of two such
 * are done in float64, which is exact while the result's magnitude is at most 2^53 - 1
 * (checked on the result: float rounding is monotonic, so a true result past it never
 * rounds back below it), and otherwise in Decimal as before. Zero's sign follows IEEE
 * rules, as Decimal's does. (check's exact evaluation spent most of its time allocating
 * Decimals for sums of whole amounts.)
 */
export class Dec {
  // One form per value, so two equal Decs have equal fields (tests compare them
  // structurally): a safe integer is `n` alone, anything else its Decimal `dx` (n NaN).
  /** An integer's Decimal once made (a private field: not one of the value's fields). */
  #dd: Decimal | undefined;
  private constructor(
    private readonly dx: Decimal | undefined,
    /** The value when it is a safe integer, else NaN. */
    private readonly n: number,
  ) {}
  private get d(): Decimal {
    return this.dx ?? (this.#dd ??= new D(this.n));
  }
  private static int(n: number): Dec {
    return new Dec(undefined, n);
  }
  private static dec(d: Decimal): Dec {
    const n = wholeOf(d);
    if (n !== n) return new Dec(d, NaN);
    const x = new Dec(undefined, n);
    x.#dd = d;
    return x;
  }
  static of(x: number | string | Dec): Dec {
    if (x instanceof Dec) return x;
    if (typeof x === 'number' ? Number.isSafeInteger(x) : WHOLE.test(x)) return Dec.int(Number(x));
    return Dec.dec(new D(x));
  }
  static readonly ZERO = Dec.int(0);
  static readonly ONE = Dec.int(1);
  // Adding a zero gives the other value back, not a copy: the same number (a Dec is
  // immutable), and sums that start from zero or skip empty cells allocate nothing.
  plus(o: Dec): Dec {
    if (o.isZero()) return this;
    if (this.isZero()) return o;
    const s = this.n + o.n; // NaN unless both are integers
    return Math.abs(s) <= SAFE ? Dec.int(s) : Dec.dec(this.d.plus(o.d));
  }
  minus(o: Dec): Dec {
    if (o.isZero()) return this;
    const s = this.n - o.n;
    return Math.abs(s) <= SAFE ? Dec.int(s) : Dec.dec(this.d.minus(o.d));
  }
  times(o: Dec | number): Dec {
    const on = o instanceof Dec ? o.n : Number.isSafeInteger(o) ? o : NaN;
    const p = this.n * on;
    return Math.abs(p) <= SAFE ? Dec.int(p) : Dec.dec(this.d.times(o instanceof Dec ? o.d : o));
  }
  div(o: Dec | number): Dec {
    return Dec.dec(this.d.div(o instanceof Dec ? o.d : o));
  }
  pow(o: Dec | number): Dec {
    return Dec.dec(this.d.pow(o instanceof Dec ? o.d : o));
  }
  sqrt(): Dec {
    return Dec.dec(this.d.sqrt());
  }
  neg(): Dec {
    return this.n === this.n ? Dec.int(-this.n) : Dec.dec(this.d.neg());
  }
  abs(): Dec {
    return this.n === this.n ? Dec.int(Math.abs(this.n)) : Dec.dec(this.d.abs());
  }
  cmp(o: Dec): number {
    if (this.n === this.n && o.n === o.n) return this.n < o.n ? -1 : this.n > o.n ? 1 : 0;
    return this.d.cmp(o.d);
  }
  // On cmp: NaN (an undefined comparison) makes each of these false, as decimal.js's own do.
  eq(o: Dec): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Dec): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Dec): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Dec): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Dec): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.n === this.n ? this.n === 0 : this.d.isZero();
  }
  isNeg(): boolean {
    return this.n === this.n ? this.n < 0 : this.d.isNeg() && !this.d.isZero();
  }
  isFinite(): boolean {
    return this.n === this.n || this.d.isFinite();
  }
  isInteger(): boolean {
    return this.n === this.n || this.d.isInteger();
  }
  min(o: Dec): Dec {
    return this.lte(o) ? this : o;
  }
  max(o: Dec): Dec {
    return this.gte(o) ? this : o;
  }
  toNumber(): number {
    return this.n === this.n ? this.n : this.d.toNumber();
  }
  /** Plain decimal notation, trailing zeros dropped, rounded to `dp` places. */
  toPlain(dp = 20): string {
    const s = this.d.toDecimalPlaces(dp).toFixed();
    return s === '-0' ? '0' : s;
  }
  /** Fixed `dp` places (display); ties to even, or away from zero as published budget tables round. */
  toFixed(dp: number, ties: 'even' | 'away' = 'even'): string {
    const s = ties === 'away' ? this.d.toFixed(dp, D.ROUND_HALF_UP) : this.d.toFixed(dp);
    return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  }
  toString(): string {
    return this.toPlain();
  }
  /** Every digit, for saving and reading back (Dec.of gives the same value, -0 included). */
  exact(): string {
    return this.d.isZero() && this.d.isNeg() ? '-0' : this.d.toString();
  }
}

export const MILLION = Dec.of(1_000_000);

export function sum(xs: Iterable<Dec>): Dec {
  let s = Dec.ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
}

/** USD -> USD millions as a decimal string for machine output: exact to the dollar. */
export function millions(x: Dec): string {
  return x.div(MILLION).toPlain(6);
}

/** USD -> "1,234.5" in USD millions for people (display rounding only, or 'exact'). */
export function displayMillions(x: Dec, dp: number | 'exact' = 1, ties: 'even' | 'away' = 'even'): string {
  // 'exact': every digit kept to the dollar (messages that quote a computed figure).
  const s = dp === 'exact' ? millions(x) : x.div(MILLION).toFixed(dp, ties);
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/**
 * The arithmetic the engine is written against. `Exact` keeps the reported ledger
 * exact; `Fast` (float64) is for sampling, ~200x quicker. Comparisons return plain
 * booleans so control flow is the same in both.
 */
export interface Arith<T> {
  readonly name: 'exact' | 'fast';
  readonly zero: T;
  readonly one: T;
  lift(x: Dec): T;
  int(n: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  pow(a: T, b: T): T;
  min(a: T, b: T): T;
  max(a: T, b: T): T;
  lt(a: T, b: T): boolean;
  isZero(a: T): boolean;
  toNumber(a: T): number;
  toDec(a: T): Dec;
}

// A fractional power at 40 digits costs ~1 ms; the engine asks for the same few
// (age / life)^bow values over and over, so remember them.
const powCache = new Map<string, Dec>();
const HALF = Dec.of('0.5');
function cachedPow(a: Dec, b: Dec): Dec {
  const key = `${a.toPlain(40)}^${b.toPlain(40)}`;
  let v = powCache.get(key);
  if (v === undefined) {
    // A half-integer power (x^2.5: the usual bow of a disbursement curve) as x^k * sqrt(x):
    // a square root at 40 digits is about ten times cheaper than exp(b ln x).
    const twice = b.times(2);
    v = twice.isInteger() && !a.isNeg() ? a.pow(b.minus(HALF)).times(a.sqrt()) : a.pow(b);
    if (powCache.size < 10_000) powCache.set(key, v);
  }
  return v;
}

export const Exact: Arith<Dec> = {
  name: 'exact',
  zero: Dec.ZERO,
  one: Dec.ONE,
  lift: (x) => x,
  int: (n) => Dec.of(n),
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  mul: (a, b) => a.times(b),
  div: (a, b) => a.div(b),
  pow: (a, b) => (b.isInteger() ? a.pow(b) : a.isZero() ? Dec.ZERO : cachedPow(a, b)),
  min: (a, b) => a.min(b),
  max: (a, b) => a.max(b),
  lt: (a, b) => a.lt(b),
  isZero: (a) => a.isZero(),
  toNumber: (a) => a.toNumber(),
  toDec: (a) => a,
};

export const Fast: Arith<number> = {
  name: 'fast',
  zero: 0,
  one: 1,
  lift: (x) => x.toNumber(),
  int: (n) => n,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
  min: (a, b) => (a < b ? a : b),
  max: (a, b) => (a > b ? a : b),
  lt: (a, b) => a < b,
  isZero: (a) => a === 0,
  toNumber: (a) => a,
  toDec: (a) => Dec.of(a),
};
