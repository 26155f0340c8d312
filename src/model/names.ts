// The names an expression of a scenario may use (governments, mechanisms, years, the plan's
// own measures and their units), for commands that parse one against a normalized scenario
// (solve --goal, diff --fail-if, sensitivity --metric, explain).
import { type ExprNames, type ExprUnit, testUnit } from './expr.js';
import type { Scenario } from './scenario.js';

export function namesOf(s: Scenario): ExprNames {
  return {
    govs: s.governments.map((g) => g.code),
    mechs: s.mechanisms.map((m) => m.id),
    start: s.horizon.start,
    years: s.horizon.years,
    ...(s.horizon.calendar ? { calendar: true } : {}),
    measures: s.measures.map((m) => m.id),
    measureUnits: new Map<string, ExprUnit>(s.measures.map((m) => [m.id, m.expr.unit])),
    tests: s.targets.tests.map((t) => t.id),
    testUnits: new Map<string, ExprUnit>(s.targets.tests.map((t) => [t.id, testUnit(t.test)])),
  };
}
