// Rank correlations between inputs by Iman-Conover reordering (Iman and Conover, "A
// distribution-free approach to inducing rank correlation among input variables",
// Communications in Statistics B 11(3), 1982; as @Risk's RiskCorrmat and Crystal Ball do):
// every input keeps its own draws (so its distribution is untouched); only which trial gets
// which draw changes, so that the ranks follow normal scores with the target correlation.
import { choleskyPsd } from '../model/correlation.js';
import { correlationMatrix } from '../normalize/correlations.js';
import type { Scenario } from '../model/scenario.js';
import { keyOf, normInv, Stream } from './random.js';

/** A correlated variable: a drawn input (index into plan.random) or an event's uniform (index into plan.events). */
export type CorrVar = { input: number } | { event: number };

export interface Correlated {
  vars: CorrVar[];
  matrix: number[][];
}

/** The scenario's correlations over what a plan draws; undefined when nothing is correlated (output unchanged). */
export function correlatedVars(
  s: Scenario,
  random: { path: string }[],
  events: { key: string; probability?: unknown }[],
): Correlated | undefined {
  const pairs = (s.correlations ?? []).filter((x) => x.rank !== 0);
  const names: string[] = [];
  const vars: CorrVar[] = [];
  const find = (n: string): CorrVar | undefined => {
    const k = random.findIndex((f) => f.path === n);
    if (k >= 0) return { input: k };
    const j = events.findIndex((e) => e.key === n && e.probability !== undefined);
    return j >= 0 ? { event: j } : undefined;
  };
  const live = pairs.filter((x) => find(x.a) && find(x.b));
  for (const x of live)
    for (const n of [x.a, x.b])
      if (!names.includes(n)) {
        names.push(n);
        vars.push(find(n)!);
      }
  if (vars.length < 2) return undefined;
  return { vars, matrix: correlationMatrix(names, live) };
}

/**
 * The normal-score (Pearson) correlation whose bivariate normal has Spearman correlation
 * r: 2 sin(pi r / 6) (Pearson 1907; Kruskal 1958). Imposing r itself on the normal scores
 * gave Spearman (6 / pi) asin(r / 2): 0.786 for a stated 0.8.
 */
export const normalScoreCorrelation = (r: number): number => 2 * Math.sin((Math.PI * r) / 6);

/** Reorders each column (all trials' draws of one variable) to the target rank (Spearman) correlation. */
export function imanConover(cols: Float64Array[], target: number[][], seed: number): Float64Array[] {
  const C = cols.length;
  const n = cols[0]!.length;
  if (n < 3) return cols;
  const scores = Float64Array.from({ length: n }, (_, i) => normInv((i + 1) / (n + 1)));
  // Independent random orders of the scores, one per column (seeded, so runs repeat).
  const stream = new Stream();
  const R = cols.map((_, c) => {
    const col = scores.slice();
    stream.resetKeyed(seed, c, keyOf('iman-conover'));
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(stream.u() * (i + 1));
      const t = col[i]!;
      col[i] = col[j]!;
      col[j] = t;
    }
    return col;
  });
  // E: the scores' own (sample) correlation; remove it (Q^-1) and impose the target (P).
  const E = R.map((a) => R.map((b) => corr(a, b)));
  // The target as normal-score correlations; in the rare case that matrix is not positive
  // semidefinite (the stated one is, validation checks), the stated one is imposed as is.
  const P =
    choleskyPsd(target.map((row, a) => row.map((r, b) => (a === b ? 1 : normalScoreCorrelation(r))))) ?? choleskyPsd(target)!;
  const Q = choleskyPsd(E);
  if (!Q) return cols;
  const out = R.map(() => new Float64Array(n));
  const y = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    // y = Q^-1 r (forward substitution), r* = P y
    for (let a = 0; a < C; a++) {
      let s = R[a]![i]!;
      for (let b = 0; b < a; b++) s -= Q[a]![b]! * y[b]!;
      y[a] = Q[a]![a]! === 0 ? 0 : s / Q[a]![a]!;
    }
    for (let a = 0; a < C; a++) {
      let s = 0;
      for (let b = 0; b <= a; b++) s += P[a]![b]! * y[b]!;
      out[a]![i] = s;
    }
  }
  // Each column's sorted draws, handed out in the rank order of its adjusted scores.
  return cols.map((col, c) => {
    const sorted = Float64Array.from(col).sort();
    const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => out[c]![p]! - out[c]![q]! || p - q);
    const res = new Float64Array(n);
    order.forEach((trial, rank) => (res[trial] = sorted[rank]!));
    return res;
  });
}

function corr(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma,
      z = b[i]! - mb;
    sab += x * z;
    saa += x * x;
    sbb += z * z;
  }
  return sab / Math.sqrt(saa * sbb);
}
