// `solve --format json`: a stable, versioned document (docs/guide/solve.md). Amounts are USD
// millions as decimal strings, exact to the dollar (as in `run --format json`); a rate or a
// ratio input is a plain decimal (0.3 for 30%).
import { type Dec, millions } from '../core/money.js';
import type { Measure } from '../measure/measure.js';
import type { Fig } from '../model/scenario.js';
import { solveSentences } from '../report/solve.js';
import { metricJson } from '../report/values.js';
import type { GoalState, Goal } from '../solve/goal.js';
import type { SolveResult } from '../solve/solve.js';
import type { TakeTest } from '../solve/take.js';
import type { Evaluation } from '../measure/evaluate.js';

export const SOLVE_JSON_VERSION = 1;

const inputJson = (f: Fig, x: Dec): string => (f.unit === 'amount' || f.unit === undefined ? millions(x) : x.toPlain(10));

function metricsJson(m: Measure<Dec>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const govs = m.govs;
  for (const id of m.listedMetrics()) {
    const o: Record<string, string> = {};
    for (const g of govs) o[g] = millions(m.money(id, g));
    o.total = millions(m.money(id, null));
    out[id] = o;
  }
  return out;
}

function goalJson(goal: Goal, st: GoalState) {
  const ref = goal.assertion.unit;
  // A verdict's gap is an amount (average, worst year or headline less the floor or target).
  const gap = st.gap === null ? null : typeof goal.assertion.value === 'boolean' ? millions(st.gap) : metricJson(st.gap, ref);
  return { value: metricJson(st.value, ref), holds: st.holds, gap };
}

function head(ev: Evaluation) {
  const s = ev.scenario;
  return {
    version: SOLVE_JSON_VERSION,
    command: 'solve',
    scenario: { name: s.name, file: s.file, chain: s.chain },
    case: ev.case,
    basis: ev.measure.basis.id,
  };
}

export function solveJson(r: SolveResult, writtenAs: string): unknown {
  const f = r.input;
  return {
    ...head(r.before),
    status: r.status,
    message: solveSentences(r),
    solution: {
      input: f.path,
      unit: f.unit ?? 'amount',
      writtenAs: writtenAs || null,
      goal: r.goal.text,
      own: inputJson(f, r.own),
      value: r.value === undefined ? null : inputJson(f, r.value),
      change: r.value === undefined ? null : inputJson(f, r.value.minus(r.own)),
      method: r.method ?? null,
      precision: r.precision === undefined ? null : inputJson(f, r.precision),
      bounds: {
        low: inputJson(f, r.bounds.lo),
        high: r.bounds.hi === undefined ? null : inputJson(f, r.bounds.hi),
        searchedTo: inputJson(f, r.bounds.hi ?? r.bounds.cap),
      },
      evaluations: r.evaluations,
    },
    before: { goal: goalJson(r.goal, r.stateBefore), metrics: metricsJson(r.before.measure) },
    after: r.after && r.stateAfter ? { goal: goalJson(r.goal, r.stateAfter), metrics: metricsJson(r.after.measure) } : null,
  };
}

export function takeJson(ev: Evaluation, tests: TakeTest[]): unknown {
  return {
    ...head(ev),
    tests: tests.map((t) => ({
      goal: t.goal.text,
      before: goalJson(t.goal, t.state),
      options: t.rows.map((x) => ({
        input: x.input.path,
        mechanism: x.mech,
        writtenAs: x.written || null,
        own: inputJson(x.input, x.own),
        value: inputJson(x.input, x.value),
        change: inputJson(x.input, x.change),
        budgetCostAdded: millions(x.budgetCostAdded),
        commitmentAdded: millions(x.commitmentAdded),
        method: x.method,
        precision: x.precision === undefined ? null : inputJson(x.input, x.precision),
      })),
      unreachable: t.unreachable.map((f) => f.path),
    })),
  };
}
