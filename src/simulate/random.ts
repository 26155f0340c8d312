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

/** Precomputes a sampler for one range: a function of the trial's stream. */
export function sampler(spec: DistSpec): (s: Stream) => number {
  const { low: a, mode: m, high: b } = spec;
  const lo = spec.min ?? -Infinity,
    hi = spec.max ?? Infinity;
  const clamp = (x: number) => (x < lo ? lo : x > hi ? hi : x);
  const w = b - a;
  switch (spec.kind) {
    case 'uniform':
      return (s) => a + w * s.u();
    case 'triangular': {
      const fc = (m - a) / w;
      return (s) => {
        const u = s.u();
        return u < fc ? a + Math.sqrt(u * w * (m - a)) : b - Math.sqrt((1 - u) * w * (b - m));
      };
    }
    case 'pert': {
      // Beta(alpha, beta) on [a, b] with lambda = 4: mean (a + 4m + b) / 6.
      const al = 1 + (4 * (m - a)) / w,
        be = 1 + (4 * (b - m)) / w;
      return (s) => {
        const x = gamma(s, al),
          y = gamma(s, be);
        return a + (w * x) / (x + y);
      };
    }
    case 'normal': {
      const mu = (a + b) / 2,
        sd = (b - a) / (2 * Z95);
      return (s) => clamp(mu + sd * normInv(s.u()));
    }
    case 'lognormal': {
      const la = Math.log(a),
        lb = Math.log(b),
        mu = (la + lb) / 2,
        sd = (lb - la) / (2 * Z95);
      return (s) => clamp(Math.exp(mu + sd * normInv(s.u())));
    }
  }
}
