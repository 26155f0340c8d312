// The solver: the value of one input, closest to the scenario's own, at which a goal holds.
// Exact where the response is linear: the gap (goal.ts) is evaluated at two points with
// exact arithmetic, the line through them solved, and the root evaluated again; a response
// that is linear only piecewise takes a few such (secant) steps. A root that is not a whole
// dollar (or, for a rate or ratio, 10 decimal places) is taken to the nearest value of that
// grid that meets the goal. Else the solver brackets the answer (the input's own value and
// the nearest value found to meet the goal, or an end of the input's allowed range) and
// bisects to a stated precision. The response is taken to be monotone between the input's
// own value and an end of its range (every mechanism kind's is, in its amounts); every path
// is capped in evaluations, so the solver never loops.
import { Dec } from '../core/money.js';
import type { Case } from '../compute/engine.js';
import { type Evaluation, evaluate } from '../measure/evaluate.js';
import type { Fig, Scenario } from '../model/scenario.js';
import { refsOf } from '../model/expr.js';
import { type Goal, type GoalState, goalState } from './goal.js';
import { type Bounds, boundsOf } from './inputs.js';
import { evaluateWith } from './substitute.js';

export type SolveStatus = 'solved' | 'met' | 'unreachable' | 'no-value';

export interface SolveResult {
  status: SolveStatus;
  goal: Goal;
  input: Fig;
  case: Case;
  /** The input's own value in this case. */
  own: Dec;
  bounds: Bounds;
  /** The answer (solved). */
  value?: Dec;
  /** exact: the goal's boundary itself (to the dollar, or 10 decimal places for a rate or ratio); bisection: within `precision`. */
  method?: 'exact' | 'bisection';
  /** Bisection: the answer is at most this far beyond the boundary. */
  precision?: Dec;
  /** Unreachable: `flat` when no value moves the goal's metric at all; else `range`. */
  reason?: 'flat' | 'range';
  /** The scenario as written (this case) and with the answer. */
  before: Evaluation;
  after?: Evaluation;
  stateBefore: GoalState;
  stateAfter?: GoalState;
  evaluations: number;
}

/** At most this many evaluations in one solve (each is one exact run of the engine). */
export const MAX_EVALUATIONS = 200;
const SECANT_STEPS = 12;

/** The grid an answer is given on: whole dollars, or 10 decimal places for a rate or ratio. */
export function gridOf(f: Fig): Dec {
  return f.unit === 'amount' || f.unit === undefined ? Dec.ONE : Dec.of('1e-10');
}

/** How close bisection gets: USD 1,000 for an amount, 0.000001 for a rate (0.0001%) or a ratio. */
export function precisionOf(f: Fig): Dec {
  return f.unit === 'amount' || f.unit === undefined ? Dec.of(1000) : Dec.of('1e-6');
}

function snap(x: Dec, grid: Dec): Dec {
  const dp = grid.eq(Dec.ONE) ? 0 : 10;
  return Dec.of(x.toPlain(dp));
}

interface Point {
  x: Dec;
  st: GoalState;
}

export function solve(s: Scenario, goal: Goal, input: Fig, c: Case, given?: Evaluation): SolveResult {
  const path = input.path;
  const own = input.value[c];
  const bounds = boundsOf(input, own);
  const grid = gridOf(input);
  const lo = bounds.lo;
  const hi = bounds.hi ?? bounds.cap;
  const clip = (x: Dec) => lo.max(hi.min(x));
  const before = given ?? evaluate(s, c);
  const stateBefore = goalState(goal, before.measure);
  const base = { goal, input, case: c, own, bounds, before, stateBefore };
  const refs = refsOf(goal.assertion.test.left);
  if (refs.some((ref) => (ref.kind === 'floor' && !s.targets.floor) || (ref.kind === 'target' && !s.targets.mobilization)))
    return { ...base, status: 'no-value', evaluations: 1 };
  if (stateBefore.holds) return { ...base, status: 'met', evaluations: 1 };

  let evaluations = 1;
  const seen = new Map<string, Point & { ev: Evaluation }>();
  seen.set(own.toPlain(40), { x: own, st: stateBefore, ev: before });
  const at = (x: Dec): Point => {
    const key = x.toPlain(40);
    const hit = seen.get(key);
    if (hit) return hit;
    evaluations++;
    const ev = evaluateWith(s, path, x, c);
    const p = { x, st: goalState(goal, ev.measure), ev };
    seen.set(key, p);
    return p;
  };
  const budgetLeft = () => evaluations < MAX_EVALUATIONS;
  const tight = (p: Point) => p.st.holds && p.st.gap !== null && p.st.gap.isZero();
  // A root of the gap is the goal's boundary only if one grid step back toward the own value
  // fails (a step response, such as a count of years, is zero over a whole stretch).
  const boundary = (p: Point) => {
    const back = p.x.gt(own) ? p.x.minus(grid) : p.x.plus(grid);
    return !budgetLeft() || !at(back).st.holds;
  };
  const done = (p: Point, method: 'exact' | 'bisection', precision?: Dec): SolveResult => {
    const q = seen.get(p.x.toPlain(40))!;
    return { ...base, status: 'solved', value: p.x, method, precision, after: q.ev, stateAfter: q.st, evaluations };
  };

  // 1. Secant steps from the input's own value: exact when the response is (piecewise) linear.
  const step = (input.unit === 'amount' ? own.abs().div(10).max(Dec.of(1e6)) : own.abs().div(10).max(Dec.of('0.01'))).max(grid);
  let a: Point = { x: own, st: stateBefore };
  let xb = clip(own.plus(step));
  if (xb.eq(own)) xb = clip(own.minus(step));
  // Where the secant steps settle: the root of the line, on the grid.
  let settled: Dec | undefined;
  for (let i = 0; i < SECANT_STEPS && budgetLeft() && !xb.eq(a.x); i++) {
    const b = at(xb);
    if (tight(b) && boundary(b)) return done(b, 'exact');
    if (b.st.gap === null || a.st.gap === null || b.st.gap.eq(a.st.gap)) break;
    const root = snap(clip(b.x.minus(b.st.gap.times(b.x.minus(a.x)).div(b.st.gap.minus(a.st.gap)))), grid);
    if (root.eq(b.x)) {
      settled = root;
      break;
    }
    a = b;
    xb = root;
  }

  // 2. A boundary that is not on the grid, or a strict goal (>, <, a verdict read as false)
  //    that fails exactly on its boundary: the neighbours on the grid. A gap is in the
  //    metric's units, not the input's, so the root the secant settled on is tried too
  //    (a ratio's grid step moves an amount by far more than the grid itself).
  const near = [...seen.values()].filter(
    (p) => (!p.st.holds && p.st.gap !== null && p.st.gap.abs().lte(grid.times(1e6))) || (settled && p.x.eq(settled)),
  );
  for (const p of near) for (const x of [p.x.plus(grid), p.x.minus(grid)]) if (x.gte(lo) && x.lte(hi) && budgetLeft()) at(x);

  // 3. The ends of the allowed range, when nothing met the goal yet.
  const holding = () => [...seen.values()].filter((p) => p.st.holds);
  if (!holding().length) {
    at(lo);
    at(hi);
  }
  const meets = holding().sort((p, q) => p.x.minus(own).abs().cmp(q.x.minus(own).abs()));
  const nearest = meets[0];
  if (!nearest) {
    const gaps = [...seen.values()].map((p) => p.st.gap?.toPlain(40) ?? 'none');
    return { ...base, status: 'unreachable', reason: new Set(gaps).size === 1 ? 'flat' : 'range', evaluations };
  }

  // 4. Bisect between the nearest value that meets the goal and the failing value nearest to it on the own value's side.
  const up = nearest.x.gt(own);
  const failing = () =>
    [...seen.values()]
      .filter((p) => !p.st.holds && (up ? p.x.gte(own) && p.x.lt(nearest.x) : p.x.lte(own) && p.x.gt(nearest.x)))
      .sort((p, q) => q.x.minus(own).abs().cmp(p.x.minus(own).abs()))[0]!;
  let H: Point = nearest;
  let F: Point = failing();
  const precision = precisionOf(input);
  while (H.x.minus(F.x).abs().gt(grid) && budgetLeft()) {
    if (H.x.minus(F.x).abs().lte(precision)) break;
    const mid = snap(F.x.plus(H.x).div(2), grid);
    if (mid.eq(F.x) || mid.eq(H.x)) break;
    const p = at(mid);
    if (tight(p) && boundary(p)) return done(p, 'exact');
    if (p.st.holds) H = p;
    else F = p;
  }
  return H.x.minus(F.x).abs().lte(grid) ? done(H, 'exact') : done(H, 'bisection', precision);
}
