// "What it would take": for every floor test (each government and reading, the average
// and the every-year test) and the target that fails, the smallest change to each single
// mechanism amount that closes it, ranked by the budget cost it adds (then by the public
// commitment it adds: the size of the change over the horizon, comparable between amounts
// written per year and in total).
import type { Dec } from '../core/money.js';
import type { Evaluation } from '../measure/evaluate.js';
import { kindOf } from '../mechanisms/registry.js';
import { FLOOR_READINGS } from '../model/metrics.js';
import { type Fig, type Scenario, yearName } from '../model/scenario.js';
import { type Goal, type GoalState, goalState, parseGoal } from './goal.js';
import { mechanismAmounts, mechanismOf } from './inputs.js';
import { type SolveResult, solve } from './solve.js';

export interface TakeRow {
  input: Fig;
  mech: string;
  /** How the amount is written: "per year, FY2027-FY2036", "in total, ...", or "" when the kind does not say. */
  written: string;
  own: Dec;
  value: Dec;
  change: Dec;
  /** Budget cost (on the evaluation's basis) and public commitment the change adds over the horizon. */
  budgetCostAdded: Dec;
  commitmentAdded: Dec;
  method: 'exact' | 'bisection';
  precision?: Dec;
}

export interface TakeTest {
  goal: Goal;
  state: GoalState;
  rows: TakeRow[];
  /** The mechanism amounts no value of which closes it. */
  unreachable: Fig[];
}

/** The tests that fail in `ev`, on its scoring basis: floor.G.R.met and .everyYear, target.met, then each target test. */
export function failingGoals(ev: Evaluation): Goal[] {
  const s = ev.scenario;
  const texts: string[] = [];
  if (s.targets.floor)
    for (const g of s.governments)
      for (const reading of FLOOR_READINGS)
        for (const field of ['met', 'everyYear']) texts.push(`floor.${g.code}.${reading}.${field}`);
  if (s.targets.mobilization) texts.push('target.met');
  for (const t of s.targets.tests) texts.push(`targets.${t.id}`);
  const goals: Goal[] = [];
  for (const t of texts) {
    const p = parseGoal(t, s);
    if (p.ok && !goalState(p.goal, ev.measure).holds) goals.push(p.goal);
  }
  return goals;
}

/** How an amount input is written, from its kind's settings (the allocation's window). */
export function writtenAs(s: Scenario, f: Fig): string {
  const id = mechanismOf(f.path);
  const m = s.mechanisms.find((x) => x.id === id);
  if (!m) return '';
  const fy = (i: number) => yearName(s.horizon, i);
  const owner = f.path.replace(/\.amount$/, '');
  return (
    kindOf(m)
      .settings(m, fy)
      .find((x) => x.path === owner)?.value ?? ''
  );
}

export function takeRow(s: Scenario, r: SolveResult): TakeRow {
  const b = r.before.measure,
    a = r.after!.measure;
  return {
    input: r.input,
    mech: mechanismOf(r.input.path) ?? '',
    written: writtenAs(s, r.input),
    own: r.own,
    value: r.value!,
    change: r.value!.minus(r.own),
    budgetCostAdded: a.money('budgetCost').minus(b.money('budgetCost')),
    commitmentAdded: a.money('publicCommitment').minus(b.money('publicCommitment')),
    method: r.method!,
    precision: r.precision,
  };
}

export function whatItWouldTakeData(ev: Evaluation, goals: Goal[] = failingGoals(ev)): TakeTest[] {
  const s = ev.scenario;
  const inputs = mechanismAmounts(s);
  return goals.map((goal) => {
    const rows: TakeRow[] = [];
    const unreachable: Fig[] = [];
    for (const f of inputs) {
      const r = solve(s, goal, f, ev.case, ev);
      if (r.status === 'solved') rows.push(takeRow(s, r));
      else if (r.status === 'unreachable') unreachable.push(f);
    }
    rows.sort((x, y) => x.budgetCostAdded.cmp(y.budgetCostAdded) || x.commitmentAdded.cmp(y.commitmentAdded));
    return { goal, state: goalState(goal, ev.measure), rows, unreachable };
  });
}
