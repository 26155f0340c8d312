// Parses figures as people write them: amounts ("$2.5B", "250M", "1.2bn", 250000000),
// rates ("5%", 0.05), ratios ("2x", "25:1"), and ranges of any of them ("$2B-3B").
import { Dec } from './money.js';
import { M } from './messages.js';

export type Unit = 'amount' | 'rate' | 'ratio';

/** A figure that may be a range; `base` is what `run` uses by default. */
export interface Ranged {
  low: Dec;
  base: Dec;
  high: Dec;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };

const SCALE: Record<string, number> = {
  '': 1,
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mil: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  t: 1e12,
  tn: 1e12,
  trillion: 1e12,
};

/** The multiplier of a scale word (M, bn, million...), case-insensitive; undefined when it is none. */
export function amountScale(word: string): number | undefined {
  const k = word.toLowerCase();
  return Object.hasOwn(SCALE, k) ? SCALE[k] : undefined;
}

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)`;
const ONE_AMOUNT = new RegExp(String.raw`^(?:US)?\$?\s*${NUM}\s*([a-z]*)$`, 'i');
const HINT: Record<Unit, string> = M.figureHint;

function fail<T>(unit: Unit, message: string): Parsed<T> {
  return { ok: false, message, hint: HINT[unit] };
}

function parseOne(raw: string, unit: Unit, inheritScale?: string): Parsed<{ value: Dec; scale: string }> {
  const s = raw.trim();
  if (unit === 'amount') {
    const m = ONE_AMOUNT.exec(s);
    if (!m) return fail(unit, M.notAnAmount(raw));
    const scaleWord = (m[2] ?? '').toLowerCase();
    const scaleKey = scaleWord === '' && inheritScale !== undefined ? inheritScale : scaleWord;
    // Own keys only: "5constructor" must be an unknown unit, not Object.prototype.constructor.
    const scale = Object.hasOwn(SCALE, scaleKey) ? SCALE[scaleKey] : undefined;
    if (scale === undefined) return fail(unit, M.unknownUnit(raw, m[2]!));
    return { ok: true, value: { value: Dec.of(m[1]!.replace(/,/g, '')).times(scale), scale: scaleKey } };
  }
  if (unit === 'rate') {
    const m = /^(-?\d+(?:\.\d+)?|-?\.\d+)\s*(%?)$/.exec(s);
    if (!m) return fail(unit, M.notARate(raw));
    const pct = m[2] === '%' || inheritScale === '%';
    return { ok: true, value: { value: pct ? Dec.of(m[1]!).div(100) : Dec.of(m[1]!), scale: m[2] ?? '' } };
  }
  const ratio = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:x|×|:\s*1)?$/i.exec(s);
  if (!ratio) return fail(unit, M.notARatio(raw));
  return { ok: true, value: { value: Dec.of(ratio[1]!), scale: '' } };
}

/** One figure or a "low-high" range, from a YAML scalar. */
export function parseFigure(input: unknown, unit: Unit): Parsed<Ranged> {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(unit, M.notFinite(input));
    if (!Number.isSafeInteger(input) && Number.isInteger(input)) return fail(unit, M.beyondPrecision(input));
    const v = Dec.of(input);
    return { ok: true, value: { low: v, base: v, high: v } };
  }
  if (typeof input !== 'string') return fail(unit, M.expectedFigure(unit, describe(input)));
  const s = input.trim();
  if (s === '') return fail(unit, M.emptyValue);
  // "$-5M", "-5M", "US$ -5M": negative, which says more than "not an amount" (or, read as
  // a range, '"$" is not an amount').
  if (unit === 'amount' && /^(?:US)?\$?\s*[-\u2212]\s*\$?\s*[\d.]/i.test(s)) return fail(unit, M.negativeAmount(input));
  // A range: two figures joined by a hyphen, an en or em dash, or "to".
  const parts = s.split(/\s*(?:[–—]|\bto\b|-(?=\s*[$.\d]))\s*/i);
  if (parts.length === 2 && parts[0] !== '') {
    const hi = parseOne(parts[1]!, unit);
    if (!hi.ok) return hi;
    const lo = parseOne(parts[0]!, unit, hi.value.scale);
    if (!lo.ok) return lo;
    if (lo.value.value.gt(hi.value.value)) return fail(unit, M.rangeBackwards(input));
    const low = lo.value.value,
      high = hi.value.value;
    return { ok: true, value: { low, base: low.plus(high).div(2), high } };
  }
  if (parts.length > 2) return fail(unit, M.tooManyEnds(input));
  const one = parseOne(s, unit);
  if (!one.ok) return one;
  const v = one.value.value;
  return { ok: true, value: { low: v, base: v, high: v } };
}

export function describe(x: unknown): string {
  if (x === null || x === undefined) return 'nothing';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'a mapping';
  if (typeof x === 'string') return `"${x}"`;
  return `${typeof x} ${String(x)}`;
}

/** "FY2030", "2030" or 2030 -> 2030; a small integer n -> the n-th year of the horizon. */
export function parseYear(input: unknown, start: number, years: number, prefix: 'FY' | 'CY' = 'FY'): Parsed<number> {
  const bad = (m: string): Parsed<number> => ({
    ok: false,
    message: m,
    hint: M.yearHint(start, years, prefix),
  });
  let n: number;
  if (typeof input === 'number' && Number.isInteger(input)) n = input;
  // CY2015: a calendar year, read as the year it names (the horizon's years are numbered alike).
  else if (typeof input === 'string' && /^(FY|CY)?\s*\d{1,4}$/i.test(input.trim()))
    n = Number(input.trim().replace(/^(FY|CY)\s*/i, ''));
  else return bad(M.notAYear(describe(input)));
  if (n >= 1 && n <= years && n < 1900) return { ok: true, value: start + n - 1 };
  if (n >= 1900) return { ok: true, value: n };
  return bad(M.yearNeither(n));
}
