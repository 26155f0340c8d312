// Metrics as aggregations of the one ledger: each money metric sums its registry flows
// (budget flows on the evaluation's scoring basis), filtered by government, mechanism
// and year; ratios and tests are built from those sums.
import { DEFAULT_CURRENCY, unitWord } from '../core/currency.js';
import type { Arith } from '../core/money.js';
import type { Ledger } from '../kit/ledger.js';
import { kindOf } from '../mechanisms/registry.js';
import { BASES, type Basis, planBases } from '../model/bases.js';
import {
  floorMetric,
  type FloorReading,
  type MetricContext,
  type MoneyMetricId,
  moneyMetric,
  ratioMetric,
  type RatioMetricId,
  MONEY_METRIC_IDS,
  targetMetric,
  type TargetReading,
  unbookedLate,
} from '../model/metrics.js';
import type { FlowKind } from '../model/flows.js';
import type { Gov, MetricRef } from '../model/paths.js';
import type { Scenario, TargetTest } from '../model/scenario.js';
import type { Expr } from '../model/expr.js';
import { evalExpr, runTest, type TestOutcome } from './expr.js';
import { type FloorResult, floorTest, ratioOf, type TargetResult, targetTest } from './tests.js';

export type Value<T> = T | boolean | null;

/** Evaluates metrics against one ledger on one scoring basis. */
export class Measure<T> {
  readonly A: Arith<T>;
  readonly govs: string[];
  readonly mechs: string[];
  /** Index of the scoring basis in BASES. */
  readonly basisIndex: number;
  readonly basis: Basis;
  private readonly govIndex: Map<string, number>;
  private readonly memo = new Map<string, T>();
  /** Whether the plan books any flow of kind `k` (a newer flow's metrics are listed only then). */
  booked(k: FlowKind): boolean {
    return !this.ledger.entries([k]).next().done;
  }
  /** The money metrics machine outputs list: all but those of newer flows the plan does not book. */
  listedMetrics(): MoneyMetricId[] {
    return MONEY_METRIC_IDS.filter((id) => !unbookedLate(id, (k) => this.booked(k)));
  }
  constructor(
    readonly s: Scenario,
    readonly ledger: Ledger<T>,
    basisId: string = s.basis,
  ) {
    this.A = ledger.A;
    this.govs = s.governments.map((g) => g.code);
    this.mechs = s.mechanisms.map((m) => m.id);
    this.govIndex = new Map(this.govs.map((g, i) => [g, i]));
    this.basisIndex = Math.max(
      0,
      BASES.findIndex((b) => b.id === basisId),
    );
    this.basis = BASES[this.basisIndex]!;
    this.category = s.mechanisms.map((m) => kindOf(m).mobilization);
  }

  /** Each mechanism's mobilization category (by ledger row). */
  private readonly category: string[];

  /** Labels of metrics in this evaluation (the basis, the follow-on treatment). */
  get context(): MetricContext {
    return {
      includeFollowOn: this.s.targets.includeFollowOn,
      basisLabel: this.basis.label,
      ...(this.s.currency === DEFAULT_CURRENCY ? {} : { unitWord: unitWord(this.s.currency) }),
    };
  }

  /** Sum of a money metric; `y` a year index (N = after the horizon), undefined = the whole horizon. */
  private readonly byCategory = new Map<string, number[]>();
  /** The ledger rows of the mechanisms of one mobilization category. */
  private rowsOf(category: string): number[] {
    let rows = this.byCategory.get(category);
    if (!rows) this.byCategory.set(category, (rows = this.category.flatMap((c, i) => (c === category ? [i] : []))));
    return rows;
  }

  money(metric: MoneyMetricId, gov: Gov = null, mech?: string, y?: number, basis = this.basisIndex): T {
    // Reports ask for the same sums many times (tables, json, claims); each is a loop over the
    // ledger. One mechanism's one year is a few cells: not remembered (a plan of M mechanisms
    // over Y years has M x Y of them, and a memo that size cost more in memory than it saved).
    const cell = mech !== undefined && y !== undefined;
    const key = cell ? '' : `${metric}|${gov ?? ''}|${mech ?? ''}|${y ?? ''}|${basis}`;
    const hit = cell ? undefined : this.memo.get(key);
    if (hit !== undefined) return hit;
    const A = this.A;
    const g = gov === null ? undefined : this.govIndex.get(gov);
    const m = mech === undefined ? undefined : this.ledger.mechIndex.get(mech);
    const def = moneyMetric(metric);
    // A metric of one category sums only the mechanisms of that category (rows by id and by
    // category, not a search of every mechanism per question: reports ask per mechanism).
    const rows =
      def.category === undefined
        ? [m]
        : m !== undefined
          ? this.category[m] === def.category
            ? [m]
            : []
          : this.rowsOf(def.category);
    let s = A.zero;
    for (const [kind, sign] of def.flows(this.context))
      for (const row of rows) {
        const v = this.ledger.total(kind, { g, m: row, y, basis });
        s = sign === 1 ? A.add(s, v) : A.sub(s, v);
      }
    if (!cell) this.memo.set(key, s);
    return s;
  }

  /** Amounts by year after the horizon (index 0 = the first year after it); they add up to money(metric, gov, mech, N). */
  tailByYear(metric: MoneyMetricId, gov: Gov = null, mech?: string, basis = this.basisIndex): T[] {
    const A = this.A;
    const g = gov === null ? undefined : this.govIndex.get(gov);
    const m = mech === undefined ? undefined : this.ledger.mechIndex.get(mech);
    const out: T[] = [];
    for (const [kind, sign] of moneyMetric(metric).flows(this.context)) {
      const v = this.ledger.tailByYear(kind, { g, m, basis });
      for (let y = 0; y < v.length; y++) {
        const prev = out[y] ?? A.zero;
        out[y] = sign === 1 ? A.add(prev, v[y]!) : A.sub(prev, v[y]!);
      }
    }
    return out;
  }

  /** Amounts by year of the horizon. */
  byYear(metric: MoneyMetricId, gov: Gov = null, mech?: string, basis = this.basisIndex): T[] {
    return Array.from({ length: this.s.horizon.years }, (_, y) => this.money(metric, gov, mech, y, basis));
  }

  /** A ratio metric; null when its denominator is zero. */
  ratio(metric: RatioMetricId, gov: Gov = null, mech?: string): T | null {
    const r = ratioMetric(metric);
    return ratioOf(this.A, this.money(r.numerator, gov, mech), this.money(r.denominator, gov, mech));
  }

  floorAmount(): T | null {
    return this.s.targets.floor ? this.A.lift(this.s.targets.floor.value.base) : null;
  }

  /** The floor test for one government on one reading (budget cost on `basis`, or commitment). */
  floor(gov: string, reading: FloorReading, basis = this.basisIndex): FloorResult<T> {
    return floorTest(this.A, this.byYear(floorMetric(reading), gov, undefined, basis), this.floorAmount());
  }

  /** The mobilization target on one reading: headline (the default, as `target.met`) or private capital only. */
  target(reading: TargetReading = 'headline'): TargetResult<T> {
    const t = this.s.targets.mobilization ? this.A.lift(this.s.targets.mobilization.value.base) : null;
    return targetTest(this.A, this.money(targetMetric(reading)), t);
  }

  /** A target test (targets.tests) on this ledger, on its own basis when it names one. */
  test(id: string): TestOutcome<T> {
    const t = this.s.targets.tests.find((x) => x.id === id)!;
    return (t.basis === undefined ? this : this.onBasis(t.basis)).testOn(t);
  }

  /** A target test on this measure's own basis, whatever basis the test names. */
  testOn(t: TargetTest): TestOutcome<T> {
    return runTest(t.test, this);
  }

  /** The scoring bases this plan is read on: those that apply to one of its sponsors, and its own (model/bases.ts). */
  get planBases(): Basis[] {
    return planBases(this.s.governments, this.s.basis);
  }

  private readonly bases = new Map<string, Measure<T>>();
  /** This ledger measured on another scoring basis (the ledger holds every basis). */
  onBasis(id: string): Measure<T> {
    if (id === this.basis.id) return this;
    let m = this.bases.get(id);
    if (!m) this.bases.set(id, (m = new Measure(this.s, this.ledger, id)));
    return m;
  }

  /** One year of a money metric (a period range in an expression sums these). */
  yearOf(r: Extract<MetricRef, { kind: 'money' }>, y: number): T {
    return this.money(r.metric, r.gov, r.mech, y);
  }

  /** The value of an expression; null when not defined (a division by zero). */
  expr(e: Expr): Value<T> {
    return evalExpr(e, this);
  }

  /** The value a metric ref names. */
  value(r: MetricRef): Value<T> {
    const A = this.A;
    switch (r.kind) {
      case 'money': {
        if (r.period === 'perYear') return A.div(this.money(r.metric, r.gov, r.mech), A.int(this.s.horizon.years));
        if (r.period === 'after') return this.money(r.metric, r.gov, r.mech, this.s.horizon.years);
        return this.money(r.metric, r.gov, r.mech, r.period);
      }
      case 'ratio':
        return this.ratio(r.metric, r.gov, r.mech);
      case 'floor': {
        const f = this.floor(r.gov, r.reading);
        if (r.field === 'yearsMet') return f.yearsMet === null ? null : A.int(f.yearsMet);
        return f[r.field] as Value<T>;
      }
      case 'target': {
        const t = this.target(r.reading);
        return r.field === 'met' ? t.met : t.shortfall;
      }
      case 'test': {
        const t = this.test(r.id);
        return r.field === 'met' ? t.holds : t.margin;
      }
      case 'measure': {
        const me = this.s.measures.find((x) => x.id === r.id);
        return me ? this.expr(me.expr) : null;
      }
    }
  }
}
