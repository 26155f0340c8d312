// Variance-based ranking: the share of a metric's variance each uncertain input explains on
// its own (first-order Sobol index, S_i = Var(E[Y | X_i]) / Var(Y)), estimated from the
// simulation's own trials: for a gate, the variance between the trials where it holds and
// where it fails; for a range, between equal-count bins of its draws. Unlike the
// one-at-a-time tornado it weighs each gate by its probability and each range by its
// distribution. Shares of independent inputs add up to at most 1 (the rest is interaction).
// The spread of the group means alone overstates the between-group variance by each
// group's own sampling noise (about bins / trials of the rest: 50 bins at 10,000 trials
// made the baseline's shares add up to 1.007-1.025 against an exact 0.990), so that noise
// is taken out (the one-way ANOVA variance component); the error is the spread of the
// same estimate over 20 batches of the trials.
import { Fast } from '../core/money.js';
import { compute } from '../compute/engine.js';
import { Measure } from '../measure/measure.js';
import type { Expr } from '../model/expr.js';
import type { Scenario } from '../model/scenario.js';
import { makePlan, picker, Runner } from './plan.js';

export interface VarianceShare {
  kind: 'range' | 'gate';
  path: string;
  share: number;
  /** Its Monte Carlo standard error. */
  se: number;
}

/** Batches of the trials whose estimates' spread gives a share's standard error. */
const BATCHES = 20;

/**
 * First-order share of y's variance explained by a grouping of the trials (group[i]: trial
 * i's group, 0..G-1): the between-group sum of squares less what each group's sampling
 * noise adds to it in expectation, E[n_g (m_g - m)^2] = n_g (mu_g - mu)^2 + (1 - n_g / n) sigma_g^2,
 * over the total sum of squares scaled to n (E[SST] = (n - 1) Var(Y)); at least 0.
 * Over the trials i with from <= i < to and i = from (mod step).
 */
export function groupShare(y: Float64Array, group: Uint16Array, G: number, from = 0, to = y.length, step = 1): number {
  const cnt = new Float64Array(G),
    sum = new Float64Array(G),
    sq = new Float64Array(G);
  let n = 0,
    total = 0;
  for (let i = from; i < to; i += step) {
    const g = group[i]!,
      v = y[i]!;
    cnt[g]!++;
    sum[g]! += v;
    n++;
    total += v;
  }
  const mean = total / n;
  for (let i = from; i < to; i += step) {
    const g = group[i]!,
      d = y[i]! - sum[g]! / cnt[g]!;
    sq[g]! += d * d;
  }
  let sst = 0;
  for (let i = from; i < to; i += step) sst += (y[i]! - mean) ** 2;
  if (!(sst > 0) || n < 2) return 0;
  let between = 0;
  for (let g = 0; g < G; g++) {
    const k = cnt[g]!;
    if (!k) continue;
    const m = sum[g]! / k;
    between += k * (m - mean) ** 2;
    if (k > 1) between -= (1 - k / n) * (sq[g]! / (k - 1));
  }
  return Math.max(0, (between / n) * ((n - 1) / sst));
}

/** The share over all trials and its standard error from BATCHES interleaved batches. */
function shareWithError(y: Float64Array, group: Uint16Array, G: number): { share: number; se: number } {
  const share = groupShare(y, group, G);
  const R = Math.min(BATCHES, Math.floor(y.length / 2));
  if (R < 2) return { share, se: NaN };
  const est = Array.from({ length: R }, (_, r) => groupShare(y, group, G, r, y.length, R));
  const m = est.reduce((a, b) => a + b, 0) / R;
  const sd = Math.sqrt(est.reduce((a, b) => a + (b - m) ** 2, 0) / (R - 1));
  return { share, se: sd / Math.sqrt(R) };
}

/** Bins for a range's conditional means: ~200 trials each, at most 50. */
const binsFor = (n: number) => Math.max(2, Math.min(50, Math.floor(n / 200)));

export function varianceShares(
  s: Scenario,
  ref: Expr,
  trials: number,
  seed: number,
): { shares: VarianceShare[]; variance: number } {
  const plan = makePlan(s);
  const runner = new Runner(plan, seed);
  const K = plan.random.length;
  const J = plan.events.length;
  const xs = plan.random.map(() => new Float64Array(trials));
  const holds = plan.events.map(() => new Uint8Array(trials));
  const y = new Float64Array(trials);
  for (let i = 0; i < trials; i++) {
    const bits = runner.draw(i);
    const x = Float64Array.from(runner.x);
    for (let k = 0; k < K; k++) xs[k]![i] = x[k]!;
    for (let j = 0; j < J; j++) holds[j]![i] = Math.floor(bits / 2 ** j) % 2;
    const v = new Measure(
      s,
      compute(
        s,
        Fast,
        picker(Fast, plan, (k) => x[k]!, bits),
      ),
    ).expr(ref);
    y[i] = typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
  }
  let mean = 0;
  for (let i = 0; i < trials; i++) mean += y[i]!;
  mean /= trials;
  let variance = 0;
  for (let i = 0; i < trials; i++) variance += (y[i]! - mean) ** 2;
  variance /= trials;
  const shares: VarianceShare[] = [];
  const group = new Uint16Array(trials);
  plan.random.forEach((f, k) => {
    const order = Array.from({ length: trials }, (_, i) => i).sort((a, b) => xs[k]![a]! - xs[k]![b]! || a - b);
    const B = binsFor(trials);
    for (let b = 0; b < B; b++)
      for (let r = Math.floor((b * trials) / B); r < Math.floor(((b + 1) * trials) / B); r++) group[order[r]!] = b;
    shares.push({ kind: 'range', path: f.path, ...(variance > 0 ? shareWithError(y, group, B) : { share: 0, se: 0 }) });
  });
  plan.events.forEach((e, j) => {
    if (!e.probability) return;
    for (let i = 0; i < trials; i++) group[i] = holds[j]![i]!;
    shares.push({ kind: 'gate', path: e.swing, ...(variance > 0 ? shareWithError(y, group, 2) : { share: 0, se: 0 }) });
  });
  shares.sort((a, b) => b.share - a.share || (a.path < b.path ? -1 : 1));
  return { shares, variance };
}
