// One simulation trial: draw every ranged input and every event from the trial's own
// stream, then evaluate the engine's compute() and the metrics of measure/ in float64
// (traced once per pattern of event outcomes, see trace.ts). The floor and target tests
// are measure/tests.ts's, applied to each trial's sums. Shared by the main thread and workers.
import { type Arith, type Dec, Fast } from '../core/money.js';
import { compute, type Picker } from '../compute/engine.js';
import { Measure } from '../measure/measure.js';
import { discountFactors, realFactors, weighted } from '../measure/pv.js';
import { FLOAT_TOLERANCE, floorBits, ratioOf } from '../measure/tests.js';
import { compareWith, evalExpr } from '../measure/expr.js';
import { BASES, basesFor } from '../model/bases.js';
import { type Expr, type ExprUnit, parseExpr, type TestOp } from '../model/expr.js';
import { FLOOR_READINGS, floorMetric, MONEY_METRICS, RATIO_METRICS, targetMetric } from '../model/metrics.js';
import type { MetricRef } from '../model/paths.js';
import { namesOf } from '../model/names.js';
import { type Event, type Fig, type Scenario, type TargetTest, yearName } from '../model/scenario.js';
import { INVERSE_STRIDE, inverse, inverseOf, keyOf, Stream, sampler, TrialUniforms } from './random.js';
import { compile, type Compiled, Tape } from './trace.js';

/** The money metrics simulate reports, per government and in total (the registry says which). */
export const SIM_METRICS = MONEY_METRICS.filter((m) => m.simulated).map((m) => m.id);

export interface Plan {
  scenario: Scenario;
  /** Inputs drawn each trial, in this order. */
  random: Fig[];
  samplers: ((s: Stream) => number)[];
  /** Each input's inverse() parameters when it is drawn from one uniform (random.ts), else undefined. */
  inverses: (Float64Array | undefined)[];
  /** Events drawn each trial (with their probability) or taken as written, in this order. */
  events: Event[];
  /** Names of the summarized outputs (amounts in the plan's currency, or a ratio), stored first in each row. */
  names: string[];
  /** Pass/fail tests counted per trial. */
  tests: string[];
  /** Where each floor test's yearly amounts sit in a row (after the summarized outputs). */
  floors: { gov: string; reading: string; basis: number; offset: number }[];
  /** Where the total headline sits in a row. */
  headline: number;
  /** Where private capital mobilized (the target's private reading) sits in a row; -1 without a target. */
  privateAt: number;
  /** The user's metrics (`simulate --metric`): each an expression, summarized as `expr:TEXT`. */
  metrics: { text: string; expr: Expr; unit: ExprUnit }[];
  /** The plan's target tests that a trial can decide: each side's value at `offset` and `offset + 1`. */
  checks: { id: string; op: TestOp; offset: number }[];
  /** Target tests that read a verdict (a floor, the target, another test): not counted per trial. */
  unsimulated: string[];
  width: number;
  /** Also store cumulative headline mobilization by year (for the report's fan chart). */
  yearly: boolean;
}

/** Each government, then the total: the scopes simulate reports. */
export const scopes = (s: Scenario) => [...s.governments.map((g) => g.code), 'total'];
const govOf = (scope: string) => (scope === 'total' ? null : scope);
const isRanged = (f: Fig) => !f.value.low.eq(f.value.high);

/**
 * Whether a metric ref can be evaluated in a traced trial: sums and ratios can; a verdict (a
 * floor, the target, a test) compares sampled values, which a trace cannot record.
 */
function traceableRef(s: Scenario, r: MetricRef, seen: Set<string> = new Set()): boolean {
  if (r.kind === 'money' || r.kind === 'ratio') return true;
  if (r.kind !== 'measure' || seen.has(r.id)) return false;
  const me = s.measures.find((x) => x.id === r.id);
  seen.add(r.id);
  return me !== undefined && me.refs.every((x) => traceableRef(s, x, seen));
}

/** Whether an expression can be evaluated in every trial (see traceableRef). */
export function traceable(s: Scenario, e: Expr): boolean {
  switch (e.kind) {
    case 'num':
      return true;
    case 'bool':
      return false;
    case 'path':
      return traceableRef(s, e.ref);
    case 'neg':
      return traceable(s, e.arg);
    case 'bin':
      return traceable(s, e.left) && traceable(s, e.right);
  }
}

const testTraceable = (s: Scenario, t: TargetTest) =>
  t.test.left.unit !== 'boolean' && traceable(s, t.test.left) && traceable(s, t.test.right);

/** The name a user's metric is summarized under. */
export const metricName = (text: string) => `expr:${text}`;

export function makePlan(s: Scenario, yearly = false, metricTexts: readonly string[] = []): Plan {
  const random = s.figures.filter(isRanged);
  const probs = new Set(s.events.flatMap((e) => (e.probability ? [e.probability] : [])));
  const specs = random.map((f) => {
    const v = f.value;
    return {
      kind: f.dist ?? 'uniform',
      low: v.low.toNumber(),
      mode: v.base.toNumber(),
      high: v.high.toNumber(),
      min: 0,
      max: probs.has(f) ? 1 : undefined,
    };
  });
  const samplers = specs.map(sampler);
  const inverses = specs.map(inverseOf);
  const names: string[] = [];
  for (const m of SIM_METRICS) for (const sc of scopes(s)) names.push(`${m}.${sc}`);
  if (s.discount) for (const m of SIM_METRICS) for (const sc of scopes(s)) names.push(`pv.${m}.${sc}`);
  if (s.inflation) for (const m of SIM_METRICS) for (const sc of scopes(s)) names.push(`real.${m}.${sc}`);
  for (const r of RATIO_METRICS) names.push(`${r.id}.total`);
  // The tail past the horizon: nominal after it, and the present value over the whole life.
  for (const m of SIM_METRICS) for (const sc of scopes(s)) names.push(`after.${m}.${sc}`);
  if (s.discount) for (const m of SIM_METRICS) for (const sc of scopes(s)) names.push(`pvLife.${m}.${sc}`);
  // Named by the plan's own years (CY2015 in a calendar-year plan), as fanOf reads them.
  if (yearly)
    for (let y = 0; y < s.horizon.years; y++) names.push(`cumulative.headlineMobilization.total.${yearName(s.horizon, y)}`);
  // The caller (the CLI) has parsed each already and reported its errors.
  const metrics = metricTexts.map((text) => {
    const p = parseExpr(text, namesOf(s));
    if (!p.ok || !traceable(s, p.value)) throw new Error(`simulate: metric ${text} cannot be simulated`);
    names.push(metricName(text));
    return { text, expr: p.value, unit: p.value.unit };
  });
  const tests: string[] = [];
  const floors: Plan['floors'] = [];
  let offset = names.length;
  // Budget cost on the scenario's own basis (floor.G.appropriated.met), then on each other
  // basis (floor.G.appropriated.BASIS.met), then commitment: every reading, every basis.
  const own = Math.max(
    0,
    BASES.findIndex((b) => b.id === s.basis),
  );
  // Each sponsor on the bases that apply to it (its reading on the scenario's basis is kept: its own books when that one does not).
  const basesOf = (g: (typeof s.governments)[number]) => {
    const mine = basesFor(g).map((b) => BASES.indexOf(b));
    return [own, ...mine.filter((i) => i !== own)];
  };
  if (s.targets.floor)
    for (const g of s.governments)
      for (const reading of FLOOR_READINGS)
        for (const basis of reading === 'appropriated' ? basesOf(g) : [own]) {
          const at = `floor.${g.code}.${reading}${basis === own ? '' : `.${BASES[basis]!.id}`}`;
          tests.push(`${at}.met`, `${at}.everyYear`);
          floors.push({ gov: g.code, reading, basis, offset });
          offset += s.horizon.years;
        }
  let privateAt = -1;
  if (s.targets.mobilization) {
    tests.push('target.met', 'target.private.met');
    privateAt = offset++;
  }
  const checks: Plan['checks'] = [];
  const unsimulated: string[] = [];
  for (const t of s.targets.tests) {
    if (!testTraceable(s, t)) {
      unsimulated.push(t.id);
      continue;
    }
    tests.push(`targets.${t.id}`);
    checks.push({ id: t.id, op: t.test.op, offset });
    offset += 2;
  }
  return {
    scenario: s,
    random,
    samplers,
    inverses,
    events: s.events,
    names,
    tests,
    floors,
    headline: names.indexOf('headlineMobilization.total'),
    privateAt,
    metrics,
    checks,
    unsimulated,
    width: offset,
    yearly,
  };
}

/** Picks each figure from the trial's draws (x) and each event from its outcome bits. */
export function picker<T>(A: Arith<T>, plan: Plan, x: (k: number) => T, bits: number): Picker<T> {
  const index = new Map(plan.random.map((f, k) => [f, k]));
  const outcome = new Map(plan.events.map((e, j) => [e.key, Math.floor(bits / 2 ** j) % 2 === 1]));
  return {
    fig: (f) => {
      const k = index.get(f);
      return k === undefined ? A.lift(f.value.base) : x(k);
    },
    event: (e) => outcome.get(e.key) ?? e.holds,
  };
}

/** Every value of one row, in the plan's layout (generic: Fast directly, or traced). */
export function outputs<T>(A: Arith<T>, plan: Plan, pick: Picker<T>): T[] {
  const s = plan.scenario;
  const N = s.horizon.years;
  const me = new Measure(s, compute(s, A, pick));
  const out: T[] = [];
  for (const m of SIM_METRICS) for (const sc of scopes(s)) out.push(me.money(m, govOf(sc)));
  if (s.discount) {
    const df = discountFactors(s.discount, N);
    for (const m of SIM_METRICS) for (const sc of scopes(s)) out.push(weighted(A, me.byYear(m, govOf(sc)), df));
  }
  if (s.inflation) {
    const rf = realFactors(s.inflation, N);
    for (const m of SIM_METRICS) for (const sc of scopes(s)) out.push(weighted(A, me.byYear(m, govOf(sc)), rf));
  }
  // A ratio over a zero sum has no value: NaN, which the summaries leave out.
  for (const r of RATIO_METRICS) out.push(ratioOf(A, me.money(r.numerator), me.money(r.denominator)) ?? A.div(A.zero, A.zero));
  for (const m of SIM_METRICS) for (const sc of scopes(s)) out.push(me.money(m, govOf(sc), undefined, N));
  if (s.discount)
    for (const m of SIM_METRICS)
      for (const sc of scopes(s)) {
        const life = [...me.byYear(m, govOf(sc)), ...me.tailByYear(m, govOf(sc))];
        out.push(weighted(A, life, discountFactors(s.discount, life.length)));
      }
  if (plan.yearly) {
    let cum = A.zero;
    for (let y = 0; y < N; y++) {
      cum = A.add(cum, me.money('headlineMobilization', null, undefined, y));
      out.push(cum);
    }
  }
  // Not defined (a value over zero, a verdict) is NaN, which the summaries leave out.
  const num = (v: T | boolean | null): T => (v === null || typeof v === 'boolean' ? A.div(A.zero, A.zero) : v);
  for (const x of plan.metrics) out.push(num(evalExpr(x.expr, me)));
  for (const f of plan.floors)
    out.push(...me.byYear(floorMetric(f.reading as (typeof FLOOR_READINGS)[number]), f.gov, undefined, f.basis));
  if (plan.privateAt >= 0) out.push(me.money(targetMetric('private')));
  for (const c of plan.checks) {
    const t = s.targets.tests.find((x) => x.id === c.id)!;
    const on = t.basis === undefined ? me : me.onBasis(t.basis);
    out.push(num(evalExpr(t.test.left, on)), num(evalExpr(t.test.right, on)));
  }
  return out;
}

/** Outcome patterns up to this many events are found by index in an array, more in a map. */
const PATTERN_ARRAY_EVENTS = 16;

/** Runs trials [from, to) and fills their stored outputs and test counts. */
export class Runner {
  private readonly tapes = new Map<number, Compiled>();
  /** tapes by outcome bits, when there are few events (no hashing per trial). */
  private readonly byBits: (Compiled | undefined)[] = [];
  /** 1 for each stored output that every pattern compiled so far fixes (a constant there). */
  private readonly fixedAll: Uint8Array;
  private readonly stream = new Stream();
  readonly x: Float64Array;
  private readonly probIndex: Int32Array;
  private readonly probFixed: Float64Array;
  /** 2^j, the weight of event j's bit. */
  private readonly weight: Float64Array;
  /** Each event's uniform of the last draw (holds when below its probability). */
  readonly us: Float64Array;
  /** Correlated draws (Iman-Conover), by trial: they replace the stream's for these inputs and events. */
  private overrides?: { inputs: Map<number, Float64Array>; events: Map<number, Float64Array> };
  setOverrides(o: { inputs: Map<number, Float64Array>; events: Map<number, Float64Array> }): void {
    this.overrides = o;
  }
  /** Keyed mode (paired comparisons): each input's and event's stream keyed by its path. */
  private readonly keys?: { inputs: number[]; events: number[] };
  /**
   * Every input drawn from one uniform (no PERT): the trial's uniforms come from
   * TrialUniforms and each input is inverse() of its own, with its parameters at
   * params[k * INVERSE_STRIDE]; undefined otherwise (each sampler reads the stream).
   */
  private readonly params?: Float64Array;
  private readonly uniforms: TrialUniforms;
  /** The trial's uniforms: one per input, then one per event that has a probability (in order). */
  private readonly u: Float64Array;
  /** Where event j's uniform sits in u (-1: the event is taken as written). */
  private readonly eventAt: Int32Array;
  constructor(
    readonly plan: Plan,
    readonly seed: number,
    keyed = false,
  ) {
    if (keyed)
      this.keys = {
        inputs: plan.random.map((f) => keyOf(`input:${f.path}`)),
        events: plan.events.map((e) => keyOf(`event:${e.key}`)),
      };
    this.x = new Float64Array(plan.random.length);
    this.fixedAll = new Uint8Array(plan.names.length).fill(1);
    this.us = new Float64Array(plan.events.length);
    const idx = new Map(plan.random.map((f, k) => [f, k]));
    this.probIndex = Int32Array.from(plan.events, (e) => (e.probability ? (idx.get(e.probability) ?? -1) : -2));
    this.probFixed = Float64Array.from(plan.events, (e) => (e.probability ? e.probability.value.base.toNumber() : Number.NaN));
    this.weight = Float64Array.from(plan.events, (_, j) => 2 ** j);
    let next = plan.random.length;
    this.eventAt = Int32Array.from(this.probIndex, (pi) => (pi === -2 ? -1 : next++));
    this.u = new Float64Array(next);
    this.uniforms = new TrialUniforms(seed, this.keys ? [...this.keys.inputs, ...this.keys.events] : []);
    const inv = plan.inverses;
    if (inv.every((p) => p !== undefined)) {
      this.params = new Float64Array(inv.length * INVERSE_STRIDE);
      inv.forEach((p, k) => this.params!.set(p, k * INVERSE_STRIDE));
    }
  }

  /** The trial's uniforms into u: as many as the samplers and events read from their streams. */
  private uniformsOf(i: number): void {
    const { plan, x, u, keys, stream, seed } = this;
    const K = x.length;
    if (this.params) {
      if (keys) {
        // The events' keys follow the inputs' (constructor); only those with a probability are drawn.
        this.uniforms.fillKeyed(i, u, 0, 0, K);
        for (let j = 0; j < this.eventAt.length; j++)
          if (this.eventAt[j]! >= 0) this.uniforms.fillKeyed(i, u, this.eventAt[j]!, K + j, 1);
      } else this.uniforms.fill(i, u, 0, u.length);
      for (let k = 0; k < K; k++) x[k] = inverse(this.params, k * INVERSE_STRIDE, u[k]!);
      return;
    }
    if (keys) {
      for (let k = 0; k < K; k++) x[k] = plan.samplers[k]!(stream.resetKeyed(seed, i, keys.inputs[k]!));
      for (let j = 0; j < this.eventAt.length; j++)
        if (this.eventAt[j]! >= 0) u[this.eventAt[j]!] = stream.resetKeyed(seed, i, keys.events[j]!).u();
    } else {
      stream.reset(seed, i);
      for (let k = 0; k < K; k++) x[k] = plan.samplers[k]!(stream);
      for (let j = K; j < u.length; j++) u[j] = stream.u();
    }
  }

  /** Draws trial i's inputs into x and returns its event outcome bits. */
  draw(i: number): number {
    const { plan, x, u } = this;
    this.uniformsOf(i);
    const ov = this.overrides;
    if (ov) for (const [k, v] of ov.inputs) x[k] = v[i]!;
    let bits = 0;
    for (let j = 0; j < this.eventAt.length; j++) {
      const at = this.eventAt[j]!;
      let holds: boolean;
      if (at < 0) holds = plan.events[j]!.holds;
      else {
        let uj = u[at]!;
        const o = ov?.events.get(j);
        if (o) uj = o[i]!;
        this.us[j] = uj;
        const pi = this.probIndex[j]!;
        holds = uj < (pi >= 0 ? x[pi]! : this.probFixed[j]!);
      }
      if (holds) bits += this.weight[j]!;
    }
    return bits;
  }

  /** The compiled evaluation for one pattern of outcomes (traced on first use). */
  replay(bits: number): Compiled {
    const few = this.plan.events.length <= PATTERN_ARRAY_EVENTS;
    let r = few ? this.byBits[bits] : this.tapes.get(bits);
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
        this.plan.names.length,
      );
      if (few) this.byBits[bits] = r;
      else this.tapes.set(bits, r);
      const fixed = new Uint8Array(this.fixedAll.length);
      for (const j of r.fixed) fixed[j] = 1;
      for (let k = 0; k < fixed.length; k++) this.fixedAll[k]! &= fixed[k]!;
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
    const r = this.replay(bits);
    r.replay(this.x, out, 0, 1, out.subarray(this.plan.names.length));
    r.fixed.forEach((j, f) => (out[j] = r.fixedValues[f]!));
    return out;
  }

  /**
   * values[k * (to - from) + (i - from)] = stored output k of trial i; counts[t] = trials
   * passing test t. With `into` (all trials' columns, `total` long each, shared by the
   * workers), output k of trial i goes to into[k * total + i] instead; with `into.at`,
   * to into[k * total + at + (i - from)] (a reused chunk buffer). With `patterns`, trial i's
   * outcome bits go to patterns[i], and an output that is fixed in every pattern compiled
   * so far is not written (so only at trials whose pattern fixes it: the caller fills or
   * summarizes those from the patterns, see fixedIn).
   */
  run(
    from: number,
    to: number,
    onProgress?: (done: number) => void,
    into?: { values: Float64Array; total: number; at?: number },
    patterns?: Uint8Array,
  ): { values: Float64Array; counts: number[] } {
    const { plan } = this;
    const n = to - from;
    const K = plan.names.length,
      W = plan.width;
    const N = plan.scenario.horizon.years;
    const values = into ? into.values : new Float64Array(K * n);
    const stride = into ? into.total : n,
      first = into ? (into.at ?? from) : 0;
    const counts = new Float64Array(plan.tests.length);
    const s = plan.scenario;
    const floor = s.targets.floor ? s.targets.floor.value.base.toNumber() : null;
    const target = s.targets.mobilization ? s.targets.mobilization.value.base.toNumber() : null;
    // Float sums compared as run compares exact ones: within FLOAT_TOLERANCE of the bar.
    const floorTol = floor === null ? 0 : Math.abs(floor) * FLOAT_TOLERANCE;
    const targetTol = target === null ? 0 : Math.abs(target) * FLOAT_TOLERANCE;
    // The values the tests read past the stored outputs: row[offset - K].
    const row = new Float64Array(W - K);
    const floorAt = Int32Array.from(floor === null ? [] : plan.floors, (f) => f.offset - K);
    const F = floorAt.length;
    const { headline, checks } = plan;
    const privateAt = plan.privateAt - K;
    // The stored outputs of TILE trials are replayed into a column-major tile (output k of
    // the tile's t-th trial at tile[k * TILE + t]), then copied out a column at a time:
    // a write per output per trial straight into the columns lands K x n apart and missed
    // the cache every time, and copying a row-major tile read it across.
    const TILE = 256;
    const tile = new Float64Array(TILE * K);
    const flush = (r0: number, count: number) => {
      for (let k = 0; k < K; k++)
        if (!(patterns && this.fixedAll[k])) values.set(tile.subarray(k * TILE, k * TILE + count), k * stride + first + r0);
    };
    for (let i = from; i < to; i++) {
      const r = i - from;
      const t0 = r % TILE;
      const bits = this.draw(i);
      const p = this.replay(bits);
      p.replay(this.x, tile, t0, TILE, row);
      for (let f = 0; f < p.fixed.length; f++) tile[p.fixed[f]! * TILE + t0] = p.fixedValues[f]!;
      if (patterns) patterns[i] = bits;
      for (let f = 0; f < F; f++) {
        const b = floorBits(row, floorAt[f]!, N, floor!, floorTol);
        if (b & 1) counts[2 * f]!++;
        if (b & 2) counts[2 * f + 1]!++;
      }
      let t = 2 * F;
      if (target !== null) {
        // targetTest's `met`: the amount plus the tolerance not below the target.
        if (!(tile[headline * TILE + t0]! + targetTol < target)) counts[t]!++;
        if (!(row[privateAt]! + targetTol < target)) counts[t + 1]!++;
        t += 2;
      }
      for (const c of checks) {
        const a = row[c.offset - K]!,
          b = row[c.offset - K + 1]!;
        // A side that is not defined (a division by zero: not finite) decides nothing: the test does not hold.
        if (Number.isFinite(a) && Number.isFinite(b) && compareWith(Fast, a, c.op, b, Math.abs(b) * FLOAT_TOLERANCE))
          counts[t]!++;
        t++;
      }
      if (t0 === TILE - 1) flush(r - (TILE - 1), TILE);
      if (onProgress && (r + 1) % 8192 === 0) onProgress(r + 1);
    }
    if (n % TILE) flush(n - (n % TILE), n % TILE);
    onProgress?.(n);
    return { values, counts: Array.from(counts) };
  }
}

export type { Dec };
