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
  if (n === 0) return { p5: NaN, p50: NaN, p95: NaN, mean: NaN, min: NaN, max: NaN, n: 0 };
  const b = a.subarray(0, n);
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
  return { p5, p50, p95, mean: sum / n, min, max, n };
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
