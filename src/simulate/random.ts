// Random numbers for simulate: one independent stream per trial, derived from
// (seed, trial index) alone, so results do not depend on how trials are split
// over workers; and the samplers each range kind means (README, "What a range means").
import type { DistKind } from '../model/scenario.js';

/** murmur3's 32-bit finalizer: spreads every input bit over the output. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's small fast counting generator), reseeded per trial. */
export class Stream {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  /** Seeds from (seed, trial): both up to 2^53. */
  reset(seed: number, trial: number): this {
    const sLo = seed >>> 0,
      sHi = Math.floor(seed / 4294967296) >>> 0;
    const tLo = trial >>> 0,
      tHi = Math.floor(trial / 4294967296) >>> 0;
    this.a = mix32(sLo ^ 0x9e3779b9);
    this.b = mix32(sHi ^ mix32(tLo + 0x7f4a7c15));
    this.c = mix32(tLo ^ 0x85ebca6b ^ Math.imul(sLo, 0x27d4eb2f));
    this.d = mix32(tHi + 1);
    for (let i = 0; i < 12; i++) this.next();
    return this;
  }
  /**
   * Seeds from (seed, trial, key): one stream per input, keyed by a hash of its path, so the
   * same input gets the same draws in two scenarios whatever order they read their inputs in
   * (common random numbers for paired comparisons).
   */
  resetKeyed(seed: number, trial: number, key: number): this {
    const sLo = seed >>> 0,
      sHi = Math.floor(seed / 4294967296) >>> 0;
    const tLo = trial >>> 0,
      tHi = Math.floor(trial / 4294967296) >>> 0;
    this.a = mix32(sLo ^ 0x9e3779b9 ^ key);
    this.b = mix32(sHi ^ mix32(tLo + 0x7f4a7c15));
    this.c = mix32(tLo ^ 0x85ebca6b ^ Math.imul(sLo, 0x27d4eb2f) ^ mix32(key ^ 0x5bd1e995));
    this.d = mix32(tHi + 1);
    for (let i = 0; i < 12; i++) this.next();
    return this;
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** A uniform draw in (0, 1), never 0 or 1 (safe for inverse CDFs and logs). */
  u(): number {
    return (this.next() + 0.5) / 4294967296;
  }
}

/**
 * The first uniforms of each trial's stream, as `new Stream().reset(seed, trial)` (or
 * `resetKeyed(seed, trial, key)`) then `u()` would give them, with what depends on the
 * seed (and a key) alone derived once per run instead of once per trial: the same integer
 * operations on the same values (xor is associative, so `tLo ^ K1 ^ K2` may take `K1 ^ K2`
 * precomputed), the same 12 warm-up rounds, in local variables. test/simulate/seeds.test.ts
 * holds it equal to Stream over random seeds, trials and keys.
 */
export class TrialUniforms {
  private readonly a: number;
  private readonly sHi: number;
  private readonly cx: number;
  /** Per key: its stream's `a` and the trial-free part of its `c`. */
  private readonly keyA: Int32Array;
  private readonly keyC: Int32Array;
  constructor(seed: number, keys: readonly number[] = []) {
    const sLo = seed >>> 0;
    this.sHi = Math.floor(seed / 4294967296) >>> 0;
    this.a = mix32(sLo ^ 0x9e3779b9);
    this.cx = 0x85ebca6b ^ Math.imul(sLo, 0x27d4eb2f);
    this.keyA = Int32Array.from(keys, (k) => mix32(sLo ^ 0x9e3779b9 ^ k));
    this.keyC = Int32Array.from(keys, (k) => this.cx ^ mix32(k ^ 0x5bd1e995));
  }
  /** u[at..at + n) = the first n uniforms of trial's stream (Stream.reset(seed, trial)). */
  fill(trial: number, u: Float64Array, at: number, n: number): void {
    const tLo = trial >>> 0,
      tHi = Math.floor(trial / 4294967296) >>> 0;
    let a = this.a,
      b = mix32(this.sHi ^ mix32(tLo + 0x7f4a7c15)),
      c = mix32(tLo ^ this.cx),
      d = mix32(tHi + 1);
    for (let i = -12; i < n; i++) {
      // Stream.next(), on locals.
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      if (i >= 0) u[at + i] = ((t >>> 0) + 0.5) / 4294967296;
    }
  }
  /** u[at + j] = the first uniform of the stream keyed by keys[from + j] (Stream.resetKeyed), for j < n. */
  fillKeyed(trial: number, u: Float64Array, at: number, from: number, n: number): void {
    const tLo = trial >>> 0,
      tHi = Math.floor(trial / 4294967296) >>> 0;
    // b and d do not depend on the key.
    const b0 = mix32(this.sHi ^ mix32(tLo + 0x7f4a7c15)),
      d0 = mix32(tHi + 1);
    for (let j = 0; j < n; j++) {
      let a = this.keyA[from + j]!,
        b = b0,
        c = mix32(tLo ^ this.keyC[from + j]!),
        d = d0,
        t = 0;
      for (let i = 0; i < 13; i++) {
        t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
      }
      u[at + j] = ((t >>> 0) + 0.5) / 4294967296;
    }
  }
}

/** FNV-1a, 32 bits: the key of an input's stream from its path. */
export function keyOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normInv(p: number): number {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239,
  ];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  const q = p - 0.5,
    r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** z of the 95th percentile: p5/p95 are mean -/+ Z95 standard deviations. */
export const Z95 = 1.6448536269514722;

/** Gamma(shape >= 1, scale 1) by Marsaglia and Tsang (2000). */
function gamma(s: Stream, shape: number): number {
  const d = shape - 1 / 3,
    c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normInv(s.u());
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = s.u();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export interface DistSpec {
  kind: DistKind;
  low: number;
  mode: number;
  high: number;
  min?: number;
  max?: number;
}

/** The kinds drawn from one uniform each, by inverting their CDF (PERT's rejection draws a varying number). */
const enum Inv {
  Uniform,
  Triangular,
  Normal,
  Lognormal,
}

/** Numbers per inverse's parameters in a flat array (see inverse). */
export const INVERSE_STRIDE = 7;

/**
 * One range's value from one uniform u, its parameters at p[o..o + INVERSE_STRIDE): the
 * only definition of these kinds' draws, used by sampler() and by the trial loop (which
 * keeps every input's parameters in one array and calls no closure per draw).
 */
export function inverse(p: Float64Array, o: number, u: number): number {
  switch (p[o]) {
    case Inv.Uniform:
      return p[o + 1]! + p[o + 2]! * u;
    case Inv.Triangular: {
      // a, w, fc, m - a, b, b - m
      const w = p[o + 2]!;
      return u < p[o + 3]! ? p[o + 1]! + Math.sqrt(u * w * p[o + 4]!) : p[o + 5]! - Math.sqrt((1 - u) * w * p[o + 6]!);
    }
    default: {
      // mu, sd, lo, hi: clamped to [lo, hi]
      const z = p[o + 1]! + p[o + 2]! * normInv(u);
      const x = p[o] === Inv.Normal ? z : Math.exp(z);
      const lo = p[o + 3]!,
        hi = p[o + 4]!;
      return x < lo ? lo : x > hi ? hi : x;
    }
  }
}

/** The parameters inverse() reads for this range, or undefined for a kind that is not drawn from one uniform (PERT). */
export function inverseOf(spec: DistSpec): Float64Array | undefined {
  const { low: a, mode: m, high: b } = spec;
  const lo = spec.min ?? -Infinity,
    hi = spec.max ?? Infinity;
  const w = b - a;
  const p = new Float64Array(INVERSE_STRIDE);
  switch (spec.kind) {
    case 'uniform':
      p.set([Inv.Uniform, a, w]);
      return p;
    case 'triangular':
      p.set([Inv.Triangular, a, w, (m - a) / w, m - a, b, b - m]);
      return p;
    case 'pert':
      return undefined;
    case 'normal':
      p.set([Inv.Normal, (a + b) / 2, (b - a) / (2 * Z95), lo, hi]);
      return p;
    case 'lognormal': {
      const la = Math.log(a),
        lb = Math.log(b);
      p.set([Inv.Lognormal, (la + lb) / 2, (lb - la) / (2 * Z95), lo, hi]);
      return p;
    }
  }
}

/** Precomputes a sampler for one range: a function of the trial's stream. */
export function sampler(spec: DistSpec): (s: Stream) => number {
  const p = inverseOf(spec);
  if (p) return (s) => inverse(p, 0, s.u());
  // PERT: Beta(alpha, beta) on [a, b] with lambda = 4: mean (a + 4m + b) / 6.
  const { low: a, mode: m, high: b } = spec;
  const w = b - a;
  const al = 1 + (4 * (m - a)) / w,
    be = 1 + (4 * (b - m)) / w;
  return (s) => {
    const x = gamma(s, al),
      y = gamma(s, be);
    return a + (w * x) / (x + y);
  };
}
