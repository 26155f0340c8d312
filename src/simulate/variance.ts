// Variance-based ranking: the share of a metric's variance each uncertain input explains on
// its own (first-order Sobol index, S_i = Var(E[Y | X_i]) / Var(Y)), estimated from the
// simulation's own trials: for a gate, the variance between the trials where it holds and
// where it fails; for a range, between equal-count bins of its draws. Unlike the
// one-at-a-time tornado it weighs each gate by its probability and each range by its
// distribution. Shares of independent inputs add up to at most 1 (the rest is interaction).
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
  const between = (groups: number[][]) => {
    let v = 0;
    for (const g of groups) {
      if (!g.length) continue;
      let m = 0;
      for (const i of g) m += y[i]!;
      m /= g.length;
      v += (g.length / trials) * (m - mean) ** 2;
    }
    return variance > 0 ? v / variance : 0;
  };
  const shares: VarianceShare[] = [];
  plan.random.forEach((f, k) => {
    const order = Array.from({ length: trials }, (_, i) => i).sort((a, b) => xs[k]![a]! - xs[k]![b]! || a - b);
    const B = binsFor(trials);
    const groups = Array.from({ length: B }, (_, b) =>
      order.slice(Math.floor((b * trials) / B), Math.floor(((b + 1) * trials) / B)),
    );
    shares.push({ kind: 'range', path: f.path, share: between(groups) });
  });
  plan.events.forEach((e, j) => {
    if (!e.probability) return;
    const g: number[][] = [[], []];
    for (let i = 0; i < trials; i++) g[holds[j]![i]!]!.push(i);
    shares.push({ kind: 'gate', path: e.swing, share: between(g) });
  });
  shares.sort((a, b) => b.share - a.share || (a.path < b.path ? -1 : 1));
  return { shares, variance };
}
