// The goal solve seeks: the `assert:` grammar (model/assertion.ts), so a verdict path alone
// (floor.US.appropriated.met, target.met) means `== true`. Besides whether it holds, a goal
// has a signed gap, a number that crosses zero where the goal starts to hold (metric minus
// value; a floor's average or worst year minus the floor; headline minus the target): the
// solver finds where the gap crosses zero.
import { Dec } from '../core/money.js';
import { type ParsedAssertion, parseAssertion } from '../model/assertion.js';
import { namesOf } from '../model/names.js';
import type { Scenario } from '../model/scenario.js';
import { runTest } from '../measure/expr.js';
import type { Measure } from '../measure/measure.js';

export interface Goal {
  /** As written on the command line. */
  text: string;
  assertion: ParsedAssertion;
}

export type GoalParse = { ok: true; goal: Goal } | { ok: false; message: string; hint: string; offset: number; length: number };

export function parseGoal(text: string, s: Scenario): GoalParse {
  const r = parseAssertion(text, namesOf(s));
  if (!r.ok) return { ok: false, message: r.message, hint: r.hint, offset: r.offset, length: r.length };
  return { ok: true, goal: { text: text.trim(), assertion: r.assertion } };
}

/** The goal in one evaluation: whether it holds, the metric's value and the signed gap (null when the metric has none). */
export interface GoalState {
  holds: boolean;
  value: Dec | boolean | null;
  gap: Dec | null;
}

export function goalState(goal: Goal, m: Measure<Dec>): GoalState {
  const a = goal.assertion;
  const t = runTest(a.test, m);
  const r = a.ref;
  let gap: Dec | null = t.margin as Dec | null;
  if (typeof a.value === 'boolean' && r !== undefined) {
    if (r.kind === 'floor' && (r.field === 'met' || r.field === 'everyYear')) {
      const f = m.floor(r.gov, r.reading);
      if (f.floor !== null) {
        const reach = r.field === 'met' ? f.average : f.byYear.reduce((a1, b) => a1.min(b));
        gap = reach.minus(f.floor);
      }
    } else if (r.kind === 'target') {
      const t1 = m.target(r.reading);
      if (t1.target !== null) gap = t1.headline.minus(t1.target);
    } else if (r.kind === 'test' && r.field === 'met') {
      // A target test's gap is its margin, turned so it rises toward holding (exact where the test is linear).
      const t1 = m.test(r.id);
      const op = m.s.targets.tests.find((x) => x.id === r.id)!.test.op;
      const margin = t1.margin as Dec | null;
      gap = margin === null ? null : op === '<=' || op === '<' ? margin.neg() : op === '==' ? margin.abs().neg() : margin;
    }
  }
  return { holds: t.holds === true, value: t.value as Dec | boolean | null, gap };
}

/** Whether the goal asks its gap to rise (>=, >, == true) or fall (<=, <, == false), or to hit it (==, !=). */
export function goalDirection(goal: Goal): 'up' | 'down' | 'hit' {
  const a = goal.assertion;
  if (typeof a.value === 'boolean') return (a.op === '==') === a.value ? 'up' : 'down';
  if (a.op === '>=' || a.op === '>') return 'up';
  if (a.op === '<=' || a.op === '<') return 'down';
  return 'hit';
}

/** The gap at which the goal's boundary sits is zero; strict goals (>, <, verdicts read as false) hold just beyond it. */
export function isStrict(goal: Goal): boolean {
  const a = goal.assertion;
  if (typeof a.value === 'boolean') return (a.op === '==') !== a.value;
  return a.op === '>' || a.op === '<' || a.op === '!=';
}

export const ZERO = Dec.ZERO;
