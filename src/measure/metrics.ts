// Metrics are aggregations of the ledger: each money metric is a sum of flow kinds,
// filtered by government, mechanism and year; ratios and tests are built from those sums.
import type { Arith } from '../core/money.js';
import type { Ledger, FlowKind } from '../compute/ledger.js';
import type { Scenario } from '../normalize/types.js';
import { parseMetricPath, type MetricRef, type MoneyMetric } from './paths.js';

/** Which flows (with sign) make up each money metric. */
export function metricFlows(metric: MoneyMetric, includeFollowOn: boolean): [FlowKind, 1 | -1][] {
  const fo: [FlowKind, 1][] = includeFollowOn ? [['followOn', 1]] : [];
  switch (metric) {
    case 'publicCommitment':
      return [['commitment', 1]];
    case 'budgetCost':
      return [['budgetCost', 1]];
    case 'outlays':
      return [['outlay', 1]];
    case 'deployed':
      return [['deployed', 1]];
    case 'distributions':
      return [['distribution', 1]];
    case 'netAfterReturns':
      return [
        ['commitment', 1],
        ['distribution', -1],
      ];
    case 'privateMobilized':
      return [['private', 1], ...fo];
    case 'followOn':
      return [['followOn', 1]];
    case 'headlineMobilization':
      return [['commitment', 1], ['private', 1], ...fo];
  }
}

export type Value<T> = T | boolean | null;

/** Evaluates metric paths against one ledger. */
export class Measure<T> {
  readonly A: Arith<T>;
  readonly govs: string[];
  readonly mechs: string[];
  constructor(
    readonly s: Scenario,
    readonly ledger: Ledger<T>,
  ) {
    this.A = ledger.A;
    this.govs = s.governments.map((g) => g.code);
    this.mechs = s.mechanisms.map((m) => m.id);
  }

  /** Sum of a money metric; `y` a year index (N = after the horizon), undefined = whole horizon. */
  money(metric: MoneyMetric, scope = 'total', mech?: string, y?: number): T {
    // Reports ask for the same sums many times (tables, json, claims); each is a loop over the ledger.
    const key = `${metric}|${scope}|${mech ?? ''}|${y ?? ''}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const v = this.sumMoney(metric, scope, mech, y);
    this.memo.set(key, v);
    return v;
  }

  private readonly memo = new Map<string, T>();

  private sumMoney(metric: MoneyMetric, scope: string, mech: string | undefined, y: number | undefined): T {
    const A = this.A;
    const g = scope === 'total' ? undefined : this.govs.indexOf(scope);
    const m = mech === undefined ? undefined : this.mechs.indexOf(mech);
    let s = A.zero;
    for (const [kind, sign] of metricFlows(metric, this.s.targets.includeFollowOn)) {
      const v = this.ledger.total(kind, { g, m, y });
      s = sign === 1 ? A.add(s, v) : A.sub(s, v);
    }
    return s;
  }

  /** Private per public dollar; null when the denominator is zero. */
  leverage(basis: 'commitment' | 'budget', scope = 'total', mech?: string): T | null {
    const A = this.A;
    const denom = this.money(basis === 'commitment' ? 'publicCommitment' : 'budgetCost', scope, mech);
    return A.isZero(denom) ? null : A.div(this.money('privateMobilized', scope, mech), denom);
  }

  floorAmount(): T | null {
    return this.s.targets.floor ? this.A.lift(this.s.targets.floor.value.base) : null;
  }

  /** The floor test for one government on one basis. */
  floor(gov: string, basis: 'appropriated' | 'commitment') {
    const A = this.A;
    const N = this.s.horizon.years;
    const metric: MoneyMetric = basis === 'appropriated' ? 'budgetCost' : 'publicCommitment';
    const floor = this.floorAmount();
    const byYear = Array.from({ length: N }, (_, y) => this.money(metric, gov, undefined, y));
    const total = byYear.reduce((a, b) => A.add(a, b), A.zero);
    const average = A.div(total, A.int(N));
    if (floor === null)
      return {
        floor,
        byYear,
        average,
        met: null,
        everyYear: null,
        yearsMet: null,
        shortfall: null,
        yearMet: byYear.map(() => null),
      };
    const yearMet = byYear.map((v) => !A.lt(v, floor));
    const needed = A.mul(floor, A.int(N));
    return {
      floor,
      byYear,
      average,
      // `met` is the average test; `everyYear` the literal reading of "at least ... per year".
      met: !A.lt(average, floor),
      everyYear: yearMet.every(Boolean),
      yearsMet: yearMet.filter(Boolean).length,
      shortfall: A.lt(total, needed) ? A.sub(needed, total) : A.zero,
      yearMet,
    };
  }

  target() {
    const A = this.A;
    const headline = this.money('headlineMobilization');
    const t = this.s.targets.mobilization ? A.lift(this.s.targets.mobilization.value.base) : null;
    if (t === null) return { target: null, headline, met: null, shortfall: null };
    return { target: t, headline, met: !A.lt(headline, t), shortfall: A.lt(headline, t) ? A.sub(t, headline) : A.zero };
  }

  /** The value a metric path names. */
  ref(r: MetricRef): Value<T> {
    const A = this.A;
    switch (r.kind) {
      case 'money': {
        if (r.period === 'perYear') return A.div(this.money(r.metric, r.scope, r.mech), A.int(this.s.horizon.years));
        if (r.period === 'after') return this.money(r.metric, r.scope, r.mech, this.s.horizon.years);
        return this.money(r.metric, r.scope, r.mech, r.period);
      }
      case 'leverage':
        return this.leverage(r.basis, r.scope, r.mech);
      case 'floor': {
        const f = this.floor(r.gov, r.basis);
        if (r.field === 'yearsMet') return f.yearsMet === null ? null : A.int(f.yearsMet);
        return f[r.field] as Value<T>;
      }
      case 'target': {
        const t = this.target();
        return r.field === 'met' ? t.met : t.shortfall;
      }
    }
  }

  /** The value at a path; undefined when the path does not name a metric. */
  get(path: string): Value<T> | undefined {
    const p = parseMetricPath(path, this.govs, this.mechs, this.s.horizon.start, this.s.horizon.years);
    return p.ok ? this.ref(p.ref) : undefined;
  }
}
