// Exact order statistics without holding every value: each pass over the (replayed) trials
// counts, per output, the values below and inside a few closed value intervals ("probes"),
// bins the inside ones at edges (count, min and max per bin) and keeps them when their
// count is known to be small. The first probes come from a sample of the trials; each pass
// narrows a window of ranks to the bins it falls in, until the values of those bins are
// few enough to keep (sorted, their ranks are exact) or all one value. Nothing here depends
// on the order values arrive in, so workers can each count a share and the counts add.

/** Values a probe keeps at most (known in advance from the previous pass's counts). */
export const KEEP_AT_MOST = 65_536;
/** Equal-width bins of a probe whose count is unknown or over KEEP_AT_MOST. */
const SPLIT = 1024;

/** A closed interval [lo, hi] of values; `edges` (ascending, inside it) split it into bins [e(i-1), e(i)). */
export interface Probe {
  lo: number;
  hi: number;
  edges: Float64Array;
  /** Keep the values inside (their count is known to be at most KEEP_AT_MOST). */
  keep: boolean;
  /** At most this many values inside, when known. */
  count?: number;
}

/** What one share of the trials gave for one probe. */
export interface ProbeCount {
  below: number;
  inside: number;
  /** Per bin: count, min, max (bin i: values from edges[i - 1] up to, not including, edges[i]). */
  bins: Float64Array;
  binMin: Float64Array;
  binMax: Float64Array;
  /** The values inside, when kept (any order). */
  kept: Float64Array | null;
}

/** First index whose edge is above v (the bin of v). */
function binOf(edges: Float64Array, v: number): number {
  let lo = 0,
    hi = edges.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (edges[m]! <= v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Counts one share of the values of one output into its probes (sorted, disjoint). */
export class ProbeCounter {
  private readonly cls: Float64Array;
  private readonly keptAt: number[];
  readonly counts: ProbeCount[];
  constructor(readonly probes: Probe[]) {
    this.cls = new Float64Array(2 * probes.length + 1);
    this.keptAt = probes.map(() => 0);
    this.counts = probes.map((p) => {
      const m = p.edges.length + 1;
      return {
        below: 0,
        inside: 0,
        bins: new Float64Array(m),
        binMin: new Float64Array(m).fill(Infinity),
        binMax: new Float64Array(m).fill(-Infinity),
        kept: p.keep ? new Float64Array(1024) : null,
      };
    });
  }

  add(col: Float64Array, from: number, to: number): void {
    const P = this.probes.length;
    if (P === 0) return;
    const cls = this.cls;
    const los = this.probes.map((p) => p.lo),
      his = this.probes.map((p) => p.hi);
    for (let i = from; i < to; i++) {
      const v = col[i]!;
      if (!Number.isFinite(v)) continue;
      // Class of v: 2j + 1 inside probe j, 2j between probe j - 1 and probe j.
      let c = 0;
      for (let j = 0; j < P; j++) c += +(v >= los[j]!) + +(v > his[j]!);
      cls[c]!++;
      if (c & 1) this.inside(c >> 1, v);
    }
  }

  private inside(j: number, v: number): void {
    const p = this.probes[j]!,
      r = this.counts[j]!;
    const b = p.edges.length ? binOf(p.edges, v) : 0;
    r.bins[b]!++;
    if (v < r.binMin[b]!) r.binMin[b] = v;
    if (v > r.binMax[b]!) r.binMax[b] = v;
    if (r.kept) {
      const at = this.keptAt[j]!++;
      if (at === r.kept.length) {
        const grown = new Float64Array(2 * at);
        grown.set(r.kept);
        r.kept = grown;
      }
      r.kept[at] = v;
    }
  }

  /** The counts of this share (below and inside from the classes). */
  result(): ProbeCount[] {
    let below = 0;
    return this.counts.map((r, j) => {
      below += this.cls[2 * j]!;
      const inside = this.cls[2 * j + 1]!;
      const out = { ...r, below, inside, kept: r.kept ? r.kept.subarray(0, this.keptAt[j]!) : null };
      below += inside;
      return out;
    });
  }
}

/** Adds the counts of several shares of the trials (same probes). */
export function mergeCounts(shares: ProbeCount[][]): ProbeCount[] {
  return shares[0]!.map((first, j) => {
    const all = shares.map((s) => s[j]!);
    const bins = first.bins.map((_, b) => all.reduce((a, s) => a + s.bins[b]!, 0));
    const binMin = first.binMin.map((_, b) => Math.min(...all.map((s) => s.binMin[b]!)));
    const binMax = first.binMax.map((_, b) => Math.max(...all.map((s) => s.binMax[b]!)));
    let kept: Float64Array | null = null;
    if (first.kept) {
      kept = new Float64Array(all.reduce((a, s) => a + s.kept!.length, 0));
      let at = 0;
      for (const s of all) {
        kept.set(s.kept!, at);
        at += s.kept!.length;
      }
    }
    const sum = (f: (s: ProbeCount) => number) => all.reduce((a, s) => a + f(s), 0);
    return { below: sum((s) => s.below), inside: sum((s) => s.inside), bins, binMin, binMax, kept };
  });
}

/** Known order statistics of one output: a run of ranks with their values (or one value for all). */
interface Known {
  from: number;
  count: number;
  values?: Float64Array;
  value?: number;
}

type Ranks = { lo: number; hi: number };

const equalEdges = (lo: number, hi: number): Float64Array => {
  const out: number[] = [];
  for (let i = 1; i < SPLIT; i++) {
    const e = lo + ((hi - lo) * i) / SPLIT;
    if (e > lo && e <= hi && e !== out[out.length - 1]) out.push(e);
  }
  return Float64Array.from(out);
};

/** A probe for `count` values in [lo, hi] (count undefined: not known). */
function probeFor(lo: number, hi: number, count: number | undefined): Probe {
  const keep = count !== undefined && count <= KEEP_AT_MOST;
  return { lo, hi, edges: keep ? new Float64Array(0) : equalEdges(lo, hi), keep, ...(count === undefined ? {} : { count }) };
}

/**
 * The order statistics one output's summary needs (windows of ranks), found pass by pass.
 * `next()` gives the probes of the next pass (none once every rank is known); `take()`
 * reads a pass's merged counts.
 */
export class RankFinder {
  private readonly known: Known[] = [];
  private probes: Probe[];
  /** Ranks still to find (undefined before the first take: the windows). */
  private pending?: Ranks[];
  constructor(first: Probe[]) {
    this.probes = merge(first);
  }

  /** The value of rank r, once known. */
  at(r: number): number {
    for (const k of this.known) if (r >= k.from && r < k.from + k.count) return k.values ? k.values[r - k.from]! : k.value!;
    throw new Error(`rank ${r} not found`);
  }

  /** The probes to count in the next pass. */
  next(): Probe[] {
    return this.probes;
  }

  /**
   * Reads the counts of the pass that counted next()'s probes, for the windows of ranks
   * (0-based among the n finite values, whose min and max are known).
   */
  take(counts: ProbeCount[], windows: Ranks[], min: number, max: number): void {
    const wanted: Probe[] = [];
    const pending: Ranks[] = [];
    for (const w of this.pending ?? joined(windows)) {
      const c = counts.find((x) => x.below <= w.lo && w.hi < x.below + x.inside);
      if (!c) {
        wanted.push(outside(this.probes, counts, w, min, max));
        pending.push(w);
      } else if (c.kept && c.kept.length === c.inside)
        this.known.push({ from: c.below, count: c.inside, values: Float64Array.from(c.kept).sort() });
      else this.narrow(c, w, wanted, pending);
    }
    this.pending = pending;
    this.probes = merge(wanted);
  }

  /**
   * The bins holding ranks w.lo..w.hi: a bin of one value (a tie) is known at once; each
   * run of other bins becomes a probe from its least to its greatest value.
   */
  private narrow(c: ProbeCount, w: Ranks, wanted: Probe[], pending: Ranks[]): void {
    let at = c.below;
    let run: { lo: number; hi: number; from: number; count: number } | undefined;
    const close = () => {
      if (!run) return;
      wanted.push(probeFor(run.lo, run.hi, run.count));
      pending.push({ lo: Math.max(w.lo, run.from), hi: Math.min(w.hi, run.from + run.count - 1) });
      run = undefined;
    };
    for (let b = 0; b < c.bins.length && at <= w.hi; b++) {
      const m = c.bins[b]!;
      if (m > 0 && at + m > w.lo) {
        const lo = c.binMin[b]!,
          hi = c.binMax[b]!;
        if (lo === hi) {
          close();
          this.known.push({ from: at, count: m, value: lo });
        } else if (run) {
          run.hi = hi;
          run.count += m;
        } else run = { lo, hi, from: at, count: m };
      }
      at += m;
    }
    close();
  }
}

/** Windows of ranks, overlapping ones joined. */
function joined(ws: Ranks[]): Ranks[] {
  const out: Ranks[] = [];
  for (const w of [...ws].sort((a, b) => a.lo - b.lo)) {
    const last = out[out.length - 1];
    if (last && w.lo <= last.hi + 1) last.hi = Math.max(last.hi, w.hi);
    else out.push({ ...w });
  }
  return out;
}

/**
 * A window no probe covered: the tightest interval the counts prove it lies in (a probe's
 * lo with at most w.lo values below it, or its hi with at most w.lo at or below it, else
 * the min; likewise above), binned since its count is unknown.
 */
function outside(probes: Probe[], counts: ProbeCount[], w: Ranks, min: number, max: number): Probe {
  let lo = min,
    hi = max;
  probes.forEach((p, j) => {
    const c = counts[j]!;
    if (c.below <= w.lo && p.lo > lo) lo = p.lo;
    if (c.below + c.inside <= w.lo && p.hi > lo) lo = p.hi;
    if (c.below + c.inside > w.hi && p.hi < hi) hi = p.hi;
    if (c.below > w.hi && p.lo < hi) hi = p.lo;
  });
  return probeFor(lo, hi, undefined);
}

/** Sorted, disjoint probes: overlapping ones joined (their counts add up to a bound of the join's). */
function merge(ps: Probe[]): Probe[] {
  const sorted = [...ps].sort((a, b) => a.lo - b.lo);
  const out: Probe[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.lo <= last.hi) {
      const count = last.count !== undefined && p.count !== undefined ? last.count + p.count : undefined;
      out[out.length - 1] = probeFor(last.lo, Math.max(last.hi, p.hi), count);
    } else out.push(p);
  }
  return out;
}

/**
 * First probes of one output from a sample of its values (finite, sorted): per window of
 * ranks (of an estimated n), the sample values about four standard errors of a sample
 * quantile either side, with every sample value between them as a bin edge.
 */
export function probesFromSample(sample: Float64Array, windows: Ranks[], n: number): Probe[] {
  const m = sample.length;
  if (m === 0 || n === 0) return [];
  const margin = (p: number) => 4 * Math.sqrt(m * p * (1 - p)) + 2;
  return windows.map((w) => {
    const pLo = w.lo / n,
      pHi = (w.hi + 1) / n;
    const lo = sample[Math.max(0, Math.floor(pLo * m - margin(pLo)))]!;
    const hi = sample[Math.min(m - 1, Math.ceil(pHi * m + margin(pHi)))]!;
    const edges: number[] = [];
    for (const v of sample) if (v > lo && v <= hi && v !== edges[edges.length - 1]) edges.push(v);
    return { lo, hi, edges: Float64Array.from(edges), keep: false };
  });
}
