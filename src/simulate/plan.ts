// One simulation trial: draw every ranged input and every gate from the trial's own
// stream, then evaluate the engine's compute() and the metrics of measure/ in float64
// (traced once per gate pattern, see trace.ts). Shared by the main thread and workers.
import { Fast, type Arith, type Dec } from '../core/money.js';
import { compute, type Picker } from '../compute/engine.js';
import { Measure } from '../measure/metrics.js';
import { discountFactors, realFactors, weighted } from '../measure/pv.js';
import type { MoneyMetric } from '../measure/paths.js';
import type { Fig, GatedMech, LpMech, Scenario, Wave } from '../normalize/types.js';
import { sampler, Stream } from './random.js';
import { compile, Tape, type Replay } from './trace.js';

/** The headline metrics simulate reports, per government and in total. */
export const SIM_METRICS: MoneyMetric[] = [
  'publicCommitment',
  'budgetCost',
  'outlays',
  'privateMobilized',
  'headlineMobilization',
];

/** A gate or feasibility study: drawn when it has a probability, else as written. */
export interface GateRef {
  key: string;
  label: string;
  mech: string;
  wave?: string;
  holds: boolean;
  prob?: Fig;
}

export interface Plan {
  scenario: Scenario;
  /** Inputs drawn each trial, in this order. */
  random: Fig[];
  samplers: ((s: Stream) => number)[];
  gates: GateRef[];
  /** Names of the stored outputs (USD, or a ratio for leverage). */
  names: string[];
  /** Pass/fail tests counted per trial. */
  tests: string[];
  /** Layout of the floor by-year outputs that follow the stored ones. */
  floorAt: number;
  width: number;
  /** Also store cumulative headline mobilization by year (for the report's fan chart). */
  yearly: boolean;
}

/** Each government, then the total: the scopes simulate reports. */
export const scopes = (s: Scenario) => [...s.governments.map((g) => g.code), 'total'];
const isRanged = (f: Fig) => !f.value.low.eq(f.value.high);

export function makePlan(s: Scenario, yearly = false): Plan {
  const random = s.figures.filter(isRanged);
  const probs = new Set<Fig>();
  const gates: GateRef[] = [];
  for (const m of s.mechanisms) {
    if (m.kind === 'lp-fund-waves')
      for (const w of m.waves)
        if (w.gate) {
          gates.push({
            key: `${m.id}/${w.id}`,
            label: `${m.id} ${w.id}: ${w.gate.label}`,
            mech: m.id,
            wave: w.id,
            holds: w.gate.holds,
            prob: w.gate.probability,
          });
          if (w.gate.probability) probs.add(w.gate.probability);
        }
    if (m.kind === 'gated-project') {
      gates.push({ key: m.id, label: `${m.id} feasibility study`, mech: m.id, holds: m.study.passes, prob: m.study.probability });
      if (m.study.probability) probs.add(m.study.probability);
    }
  }
  const samplers = random.map((f) => {
    const v = f.value;
    const p = probs.has(f);
    return sampler({
      kind: f.dist ?? 'uniform',
      low: v.low.toNumber(),
      mode: v.base.toNumber(),
      high: v.high.toNumber(),
      min: 0,
      max: p ? 1 : undefined,
    });
  });
  const names: string[] = [];
  for (const m of SIM_METRICS) for (const sc of scopes(s)) names.push(`${m}.${sc}`);
  if (s.discount) for (const m of SIM_METRICS) for (const sc of scopes(s)) names.push(`pv.${m}.${sc}`);
  if (s.inflation) for (const m of SIM_METRICS) for (const sc of scopes(s)) names.push(`real.${m}.${sc}`);
  names.push('leverage.commitment.total', 'leverage.budget.total');
  if (yearly)
    for (let y = 0; y < s.horizon.years; y++) names.push(`cumulative.headlineMobilization.total.FY${s.horizon.start + y}`);
  const tests: string[] = [];
  if (s.targets.floor)
    for (const g of s.governments)
      for (const b of ['appropriated', 'commitment']) tests.push(`floor.${g.code}.${b}.met`, `floor.${g.code}.${b}.everyYear`);
  if (s.targets.mobilization) tests.push('target.met');
  const floorAt = names.length;
  const width = floorAt + (s.targets.floor ? s.governments.length * 2 * s.horizon.years : 0);
  return { scenario: s, random, samplers, gates, names, tests, floorAt, width, yearly };
}

/** Picks each figure from the trial's draws (x) and each gate from its outcome bits. */
function picker<T>(A: Arith<T>, plan: Plan, x: (k: number) => T, bits: number): Picker<T> {
  const index = new Map(plan.random.map((f, k) => [f, k]));
  const gate = new Map(plan.gates.map((g, j) => [g.key, Math.floor(bits / 2 ** j) % 2 === 1]));
  return {
    fig: (f) => {
      const k = index.get(f);
      return k === undefined ? A.lift(f.value.base) : x(k);
    },
    gate: (m: LpMech, w: Wave) => gate.get(`${m.id}/${w.id}`) ?? true,
    study: (m: GatedMech) => gate.get(m.id) ?? m.study.passes,
  };
}

/** Every output of one evaluation, in the plan's layout (generic: Fast directly, or traced). */
export function outputs<T>(A: Arith<T>, plan: Plan, pick: Picker<T>): T[] {
  const s = plan.scenario;
  const N = s.horizon.years;
  const me = new Measure(s, compute(s, A, pick));
  const out: T[] = [];
  for (const m of SIM_METRICS) for (const sc of scopes(s)) out.push(me.money(m, sc));
  const byYear = (m: MoneyMetric, sc: string) => Array.from({ length: N }, (_, y) => me.money(m, sc, undefined, y));
  if (s.discount) {
    const df = discountFactors(s.discount, N);
    for (const m of SIM_METRICS) for (const sc of scopes(s)) out.push(weighted(A, byYear(m, sc), df));
  }
  if (s.inflation) {
    const rf = realFactors(s.inflation, N);
    for (const m of SIM_METRICS) for (const sc of scopes(s)) out.push(weighted(A, byYear(m, sc), rf));
  }
  // Leverage as Measure.leverage defines it, without its zero test (a traced value has no sign yet).
  out.push(
    A.div(me.money('privateMobilized'), me.money('publicCommitment')),
    A.div(me.money('privateMobilized'), me.money('budgetCost')),
  );
  if (plan.yearly) {
    let cum = A.zero;
    for (let y = 0; y < N; y++) {
      cum = A.add(cum, me.money('headlineMobilization', 'total', undefined, y));
      out.push(cum);
    }
  }
  if (s.targets.floor)
    for (const g of s.governments) for (const m of ['budgetCost', 'publicCommitment'] as const) out.push(...byYear(m, g.code));
  return out;
}

/** Runs trials [from, to) and fills their stored outputs and test counts. */
export class Runner {
  private readonly tapes = new Map<number, Replay>();
  private readonly stream = new Stream();
  private readonly x: Float64Array;
  private readonly row: Float64Array;
  private readonly probIndex: number[];
  private readonly probFixed: number[];
  constructor(
    readonly plan: Plan,
    readonly seed: number,
  ) {
    this.x = new Float64Array(plan.random.length);
    this.row = new Float64Array(plan.width);
    const idx = new Map(plan.random.map((f, k) => [f, k]));
    this.probIndex = plan.gates.map((g) => (g.prob ? (idx.get(g.prob) ?? -1) : -2));
    this.probFixed = plan.gates.map((g) => (g.prob ? g.prob.value.base.toNumber() : NaN));
  }

  /** Draws trial i's inputs into x and returns its gate outcome bits. */
  draw(i: number): number {
    const { plan, x, stream } = this;
    stream.reset(this.seed, i);
    for (let k = 0; k < x.length; k++) x[k] = plan.samplers[k]!(stream);
    let bits = 0;
    for (let j = 0; j < plan.gates.length; j++) {
      const g = plan.gates[j]!,
        pi = this.probIndex[j]!;
      const holds = pi === -2 ? g.holds : stream.u() < (pi >= 0 ? x[pi]! : this.probFixed[j]!);
      if (holds) bits += 2 ** j;
    }
    return bits;
  }

  /** The compiled evaluation for one gate pattern (traced on first use). */
  replay(bits: number): Replay {
    let r = this.tapes.get(bits);
    if (!r) {
      const tape = new Tape();
      const A = tape.arith();
      const inputs = this.plan.random.map((_, k) => tape.input(k));
      r = compile(
        tape,
        outputs(
          A,
          this.plan,
          picker(A, this.plan, (k) => inputs[k]!, bits),
        ),
      );
      this.tapes.set(bits, r);
    }
    return r;
  }

  /** compute() with Fast and the same draws, not traced: the reference the replay must equal. */
  direct(i: number): Float64Array {
    const bits = this.draw(i);
    const x = Float64Array.from(this.x);
    return Float64Array.from(
      outputs(
        Fast,
        this.plan,
        picker(Fast, this.plan, (k) => x[k]!, bits),
      ),
    );
  }

  traced(i: number): Float64Array {
    const bits = this.draw(i);
    const out = new Float64Array(this.plan.width);
    this.replay(bits)(this.x, out, 0);
    return out;
  }

  /** values[k * (to - from) + (i - from)] = stored output k of trial i; counts[t] = trials passing test t. */
  run(from: number, to: number, onProgress?: (done: number) => void): { values: Float64Array; counts: number[] } {
    const { plan, row } = this;
    const n = to - from,
      K = plan.floorAt,
      N = plan.scenario.horizon.years;
    const values = new Float64Array(K * n);
    const counts = new Array<number>(plan.tests.length).fill(0);
    const s = plan.scenario;
    const floor = s.targets.floor ? s.targets.floor.value.base.toNumber() : 0;
    const target = s.targets.mobilization ? s.targets.mobilization.value.base.toNumber() : 0;
    const headline = plan.names.indexOf('headlineMobilization.total');
    for (let i = from; i < to; i++) {
      this.replay(this.draw(i))(this.x, row, 0);
      const r = i - from;
      for (let k = 0; k < K; k++) values[k * n + r] = row[k]!;
      let t = 0;
      if (s.targets.floor) {
        // Measure.floor: met when the horizon's average is not below the floor; everyYear when no year is.
        for (let off = plan.floorAt; off < plan.width; off += N) {
          let total = 0,
            every = true;
          for (let y = 0; y < N; y++) {
            const v = row[off + y]!;
            total += v;
            if (v < floor) every = false;
          }
          if (!(total / N < floor)) counts[t]!++;
          if (every) counts[t + 1]!++;
          t += 2;
        }
      }
      if (s.targets.mobilization && !(row[headline]! < target)) counts[t]!++;
      if (onProgress && (r + 1) % 8192 === 0) onProgress(r + 1);
    }
    onProgress?.(n);
    return { values, counts };
  }
}

export type { Dec };
