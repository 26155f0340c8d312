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
    sum = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (Number.isFinite(v)) {
      a[n++] = v;
      sum += v;
    }
  }
  const none: [number, number] = [NaN, NaN];
  if (n === 0)
    return { p5: NaN, p50: NaN, p95: NaN, mean: NaN, min: NaN, max: NaN, n: 0, se: NaN, ci: { p5: none, p50: none, p95: none } };
  const b = a.subarray(0, n);
  // Sum of squared deviations in trial order (before the selections reorder b).
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (b[i]! - mean) * (b[i]! - mean);
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN;
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = b[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const q = (p: number, l: number, r: number): number => {
    const h = (n - 1) * p,
      k = Math.floor(h);
    select(b, l, r, k);
    if (k + 1 >= n || h === k) return b[k]!;
    // Everything after k is >= b[k], and everything after r is >= b[l..r]: the next
    // order statistic is the least of (k, r], or of (r, n) when k is r.
    let next = Infinity;
    const [from, to] = k < r ? [k + 1, r] : [r + 1, n - 1];
    for (let i = from; i <= to; i++) if (b[i]! < next) next = b[i]!;
    return b[k]! + (h - k) * (next - b[k]!);
  };
  const k50 = Math.floor((n - 1) * 0.5);
  const p50 = q(0.5, 0, n - 1);
  // After the median's selection, P5 lies left of it and P95 right: select within each side.
  const p5 = q(0.05, 0, Math.max(0, k50));
  const p95 = q(0.95, Math.min(n - 1, k50), n - 1);
  // The intervals' order statistics, each selected over the whole array (any order will do).
  const at = (k: number) => {
    select(b, 0, n - 1, k);
    return b[k]!;
  };
  const ci = (p: number): [number, number] => {
    const [j, k] = quantileRanks(n, p);
    return [at(j), at(k)];
  };
  return { p5, p50, p95, mean, min, max, n, se, ci: { p5: ci(0.05), p50: ci(0.5), p95: ci(0.95) } };
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** `bins` equal-width bins from min to max (the last bin includes max). */
export function histogram(a: Float64Array, bins: number, min: number, max: number): Bin[] {
  const w = (max - min) / bins;
  const out: Bin[] = Array.from({ length: bins }, (_, i) => ({
    from: min + i * w,
    to: i === bins - 1 ? max : min + (i + 1) * w,
    count: 0,
  }));
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (!Number.isFinite(v)) continue;
    const b = w === 0 ? 0 : Math.min(bins - 1, Math.floor((v - min) / w));
    out[b]!.count++;
  }
  return w === 0 ? [{ from: min, to: max, count: out.reduce((s, x) => s + x.count, 0) }] : out;
}
