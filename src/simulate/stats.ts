// Summaries of simulated values: percentiles by selection (no full sort), mean in
// trial order, and a fixed-width histogram. All deterministic for the same values.

/** Rearranges a[l..r] so a[k] is the k-th smallest, smaller before, larger after (Hoare quickselect). */
function select(a: Float64Array, l: number, r: number, k: number): void {
  while (r > l) {
    // Median of three as pivot: deterministic and robust on sorted or constant input.
    const m = (l + r) >>> 1;
    const x = a[l]!,
      y = a[m]!,
      z = a[r]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = l,
      j = r;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

export interface Win {
  h: number;
  k: number;
  lo: number;
  hi: number;
}

/** Puts the order statistics of ranks w.lo..w.hi in place, given they all lie in a[l..r]. */
function placeWindow(a: Float64Array, l: number, r: number, w: { lo: number; hi: number }): void {
  select(a, l, r, w.lo);
  select(a, w.lo, r, w.hi);
  a.subarray(w.lo, w.hi + 1).sort();
}

/** Values from which summarize brackets its windows from a sample (below, selection alone). */
const SAMPLED_FROM = 32_768;
/** Sample size: the windows' ranks lie within about 4 standard errors of the sample's. */
const SAMPLE = 8192;

interface Brackets {
  /** Low and high pivot of each window: [a0, b0, a1, b1, a2, b2]. */
  piv: number[];
  /** Values in window w's bracket [a_w, b_w] at got[w * cap ..], up to cap of them. */
  got: Float64Array;
  cap: number;
  /** Values per class: below a0, in [a0, b0], between b0 and a1, in [a1, b1], ... above b2. */
  cnt: Int32Array;
}

/**
 * Pivots from an evenly spaced sample, sorted: for each window the sample values a few
 * standard errors of a sample quantile below and above its ranks. Undefined when the
 * brackets would overlap (heavy ties), left to selection.
 */
function bracketsFor(b: Float64Array, wins: [Win, Win, Win]): Brackets | { tie: number } | undefined {
  const n = b.length;
  const sample = new Float64Array(SAMPLE);
  for (let i = 0; i < SAMPLE; i++) sample[i] = b[Math.floor((i * n) / SAMPLE)]!;
  sample.sort();
  // One value in an eighth of the sample or more (a gate's fixed outcome): a bracket holding
  // it would overflow its n / 8 values, so the values are split around it instead.
  let run = 1;
  for (let i = 1; i < SAMPLE; i++) {
    run = sample[i] === sample[i - 1] ? run + 1 : 1;
    if (run >= SAMPLE / 8) return { tie: sample[i]! };
  }
  const piv: number[] = [];
  for (const w of wins) {
    const pLo = w.lo / n,
      pHi = (w.hi + 1) / n;
    const m = (p: number) => 4 * Math.sqrt(SAMPLE * p * (1 - p)) + 2;
    piv.push(
      sample[Math.max(0, Math.floor(pLo * SAMPLE - m(pLo)))]!,
      sample[Math.min(SAMPLE - 1, Math.ceil(pHi * SAMPLE + m(pHi)))]!,
    );
  }
  // Brackets must be disjoint and in order (a tie across them: selection does it).
  if (!(piv[1]! < piv[2]! && piv[3]! < piv[4]!)) return undefined;
  const cap = Math.ceil(n / 8);
  return { piv, got: new Float64Array(3 * cap), cap, cnt: new Int32Array(7) };
}

/** Places each window's ranks (ordered, disjoint, all within [l, r]) in a[l..r]: the middle one first, then each side's. */
function placeWindows(a: Float64Array, l: number, r: number, ws: { lo: number; hi: number }[]): void {
  if (ws.length === 0) return;
  const m = ws.length >> 1,
    w = ws[m]!;
  placeWindow(a, l, r, w);
  placeWindows(a, l, w.lo - 1, ws.slice(0, m));
  placeWindows(a, w.hi + 1, r, ws.slice(m + 1));
}

/**
 * Order statistics of the windows' ranks when a value t fills a large share of b: one
 * three-way partition (below t, equal, above), then selection within the part below and
 * the part above only; ranks in the middle part are t.
 */
function placeAroundTie(b: Float64Array, t: number, wins: [Win, Win, Win]): void {
  let lt = 0,
    i = 0,
    gt = b.length - 1;
  while (i <= gt) {
    const v = b[i]!;
    if (v < t) {
      b[i++] = b[lt]!;
      b[lt++] = v;
    } else if (v > t) {
      b[i] = b[gt]!;
      b[gt--] = v;
    } else i++;
  }
  const clip = (l: number, r: number) =>
    wins.filter((w) => w.lo <= r && w.hi >= l).map((w) => ({ lo: Math.max(l, w.lo), hi: Math.min(r, w.hi) }));
  placeWindows(b, 0, lt - 1, clip(0, lt - 1));
  placeWindows(b, gt + 1, b.length - 1, clip(gt + 1, b.length - 1));
}

/**
 * The rank lookup after the bracketing pass: each window's ranks placed among its
 * bracket's values, when each
 * window's ranks fell inside its bracket (else undefined: the sample missed, and the
 * caller selects over all values).
 */
function windowsFromBrackets(br: Brackets, wins: [Win, Win, Win]): ((r: number) => number) | undefined {
  const parts: { from: number; vals: Float64Array }[] = [];
  let before = 0;
  for (let w = 0; w < 3; w++) {
    before += br.cnt[2 * w]!;
    const c = br.cnt[2 * w + 1]!;
    if (c > br.cap) return undefined;
    const win = wins[w]!;
    if (!(before <= win.lo && win.hi < before + c)) return undefined;
    const vals = br.got.subarray(w * br.cap, w * br.cap + c);
    placeWindow(vals, 0, c - 1, { lo: win.lo - before, hi: win.hi - before });
    parts.push({ from: before, vals });
    before += c;
  }
  return (r) => {
    for (const p of parts) if (r >= p.from && r < p.from + p.vals.length) return p.vals[r - p.from]!;
    throw new Error(`summarize: rank ${r} outside every window`);
  };
}

export interface Summary {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
  n: number;
  /** Monte Carlo error: the standard error of the mean, sd / sqrt(n) (sd with n - 1). */
  se: number;
  /** 95% confidence intervals of P5, P50 and P95: order statistics ranked by the binomial (see quantileInterval). */
  ci: { p5: [number, number]; p50: [number, number]; p95: [number, number] };
}

/** z of a two-sided 95% interval. */
export const Z975 = 1.959963984540054;

/**
 * 0-based ranks [j, k] of the order statistics bounding a 95% confidence interval for the
 * p-quantile of n draws: the number of draws below the true quantile is Binomial(n, p), so
 * with its normal approximation j = ceil(np - z sqrt(np(1-p))) - 1 and
 * k = ceil(np + z sqrt(np(1-p))) - 1, clamped to [0, n - 1] (distribution-free; e.g.
 * Hahn and Meeker, Statistical Intervals, 1991, ch. 5).
 */
export function quantileRanks(n: number, p: number): [number, number] {
  const mu = n * p,
    h = Z975 * Math.sqrt(n * p * (1 - p));
  const clamp = (r: number) => Math.max(0, Math.min(n - 1, r));
  return [clamp(Math.ceil(mu - h) - 1), clamp(Math.ceil(mu + h) - 1)];
}

/** The Monte Carlo standard error of a proportion of `k` successes in `n` trials: sqrt(p (1 - p) / n). */
export function proportionSe(k: number, n: number): number {
  const p = k / n;
  return Math.sqrt((p * (1 - p)) / n);
}

/** Wilson score 95% interval for a proportion of `k` successes in `n` trials (Wilson 1927). */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n,
    z2 = Z975 * Z975,
    d = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / d;
  const half = (Z975 / d) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * P5, P50, P95 by linear interpolation between order statistics (h = (n - 1) p, as
 * R's default type 7 and numpy's), the mean summed in trial order, min and max.
 * Non-finite values (leverage over a zero denominator) are left out. `a` is reordered.
 */
export function summarize(a: Float64Array): Summary {
  let n = 0,
    sum = 0,
    min = Infinity,
    max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (Number.isFinite(v)) {
      // Moved down only past a value left out: a store per value dirtied every line of a column.
      if (n !== i) a[n] = v;
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (n === 0) return summaryOf(0, NaN, NaN, NaN, NaN, () => NaN);
  const b = a.subarray(0, n);
  const mean = sum / n;
  const wins = windowsFor(n);
  // Many values: pivots from a sample bracket each window, and the pass that sums the
  // squared deviations also counts the values below each window and keeps those inside.
  // Every trial the same (a figure no draw moves): nothing to bracket or order.
  const found = n >= SAMPLED_FROM && min !== max ? bracketsFor(b, wins) : undefined;
  const tie = found && 'tie' in found ? found.tie : undefined;
  const brackets = found && 'piv' in found ? found : undefined;
  let ss = 0;
  if (brackets) {
    const { piv, got, cap } = brackets;
    const [a0, b0, a1, b1, a2, b2] = piv as [number, number, number, number, number, number];
    // Class 0..6 of each value: below the first bracket, in it, between it and the next...;
    // summed comparisons rather than nested branches, which random values mispredict.
    const cnt = brackets.cnt;
    for (let i = 0; i < n; i++) {
      const v = b[i]!;
      // Sum of squared deviations in trial order, as below.
      ss += (v - mean) * (v - mean);
      const c = +(v >= a0) + +(v > b0) + +(v >= a1) + +(v > b1) + +(v >= a2) + +(v > b2);
      const k = cnt[c]!++;
      if (c & 1 && k < cap) got[(c >> 1) * cap + k] = v;
    }
  } else if (min === max) {
    // Every value is min: the same additions without reading the column again.
    const d = (min - mean) * (min - mean);
    for (let i = 0; i < n; i++) ss += d;
  } else
    for (let i = 0; i < n; i++) {
      const v = b[i]!;
      // Sum of squared deviations in trial order (before the selections reorder b).
      ss += (v - mean) * (v - mean);
    }
  const [w5, w50, w95] = wins;
  /** The value of rank r (0-based) once the order statistics are placed. */
  let at = (r: number) => b[r]!;
  const sampled = brackets && windowsFromBrackets(brackets, wins);
  if (sampled) at = sampled;
  else if (min === max) at = () => min;
  else if (tie !== undefined && w5.hi < w50.lo && w50.hi < w95.lo) placeAroundTie(b, tie, wins);
  else if (w5.hi < w50.lo && w50.hi < w95.lo) {
    // Selecting each window's ends and sorting the few ranks between them: about 2.5
    // passes over the values. Any order of the work gives the same order statistics.
    placeWindows(b, 0, n - 1, wins);
  } else b.sort(); // few values: the windows overlap
  return summaryOf(n, mean, ss, min, max, at);
}

/**
 * summarize() of `count` copies of c, without the column: the same additions in the same
 * order (a sum of equal numbers is not count x c in float64), min and max c, every rank c.
 */
export function summarizeConstant(c: number, count: number): Summary {
  if (!Number.isFinite(c) || count === 0) return summaryOf(0, NaN, NaN, NaN, NaN, () => NaN);
  let sum = 0;
  for (let i = 0; i < count; i++) sum += c;
  const mean = sum / count;
  const d = (c - mean) * (c - mean);
  let ss = 0;
  for (let i = 0; i < count; i++) ss += d;
  return summaryOf(count, mean, ss, c, c, () => c);
}

/**
 * Each quantile's window of ranks: the order statistics it needs, its interval's [j, k]
 * and the two it interpolates between (h = (n - 1) p, k = floor(h)).
 */
export function windowsFor(n: number): [Win, Win, Win] {
  return [0.05, 0.5, 0.95].map((p): Win => {
    const h = (n - 1) * p,
      k = Math.floor(h);
    const [lo, hi] = quantileRanks(n, p);
    return { h, k, lo: Math.min(lo, k), hi: Math.max(hi, Math.min(n - 1, k + 1)) };
  }) as [Win, Win, Win];
}

/**
 * The summary of n finite values from their sum in trial order (mean), the sum of squared
 * deviations from that mean in trial order (ss), min, max and the order statistics of
 * windowsFor(n)'s ranks (`at`): shared by the in-memory and the streamed summaries, so
 * both give the same bytes.
 */
export function summaryOf(n: number, mean: number, ss: number, min: number, max: number, at: (r: number) => number): Summary {
  const none: [number, number] = [NaN, NaN];
  if (n === 0)
    return { p5: NaN, p50: NaN, p95: NaN, mean: NaN, min: NaN, max: NaN, n: 0, se: NaN, ci: { p5: none, p50: none, p95: none } };
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN;
  const [w5, w50, w95] = windowsFor(n);
  const q = (w: Win): number => (w.k + 1 >= n || w.h === w.k ? at(w.k) : at(w.k) + (w.h - w.k) * (at(w.k + 1) - at(w.k)));
  const ci = (p: number): [number, number] => {
    const [j, k] = quantileRanks(n, p);
    return [at(j), at(k)];
  };
  const [p5, p50, p95] = [q(w5), q(w50), q(w95)];
  return { p5, p50, p95, mean, min, max, n, se, ci: { p5: ci(0.05), p50: ci(0.5), p95: ci(0.95) } };
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** Counts values into `bins` equal-width bins from min to max (the last bin includes max), in any order. */
export class HistogramCounter {
  readonly counts: Float64Array;
  private readonly w: number;
  constructor(
    readonly bins: number,
    readonly min: number,
    readonly max: number,
  ) {
    this.w = (max - min) / bins;
    this.counts = new Float64Array(bins);
  }
  add(v: number): void {
    if (!Number.isFinite(v)) return;
    const w = this.w;
    this.counts[w === 0 ? 0 : Math.min(this.bins - 1, Math.floor((v - this.min) / w))]!++;
  }
  result(): Bin[] {
    const { w, min, max, bins } = this;
    const out: Bin[] = Array.from({ length: bins }, (_, i) => ({
      from: min + i * w,
      to: i === bins - 1 ? max : min + (i + 1) * w,
      count: this.counts[i]!,
    }));
    return w === 0 ? [{ from: min, to: max, count: out.reduce((s, x) => s + x.count, 0) }] : out;
  }
}

/** `bins` equal-width bins from min to max (the last bin includes max). */
export function histogram(a: Float64Array, bins: number, min: number, max: number): Bin[] {
  const h = new HistogramCounter(bins, min, max);
  for (let i = 0; i < a.length; i++) h.add(a[i]!);
  return h.result();
}
