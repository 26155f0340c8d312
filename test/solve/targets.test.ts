// solve --vary on a target's own value: the floor and the mobilization target are read
// where they sit in the scenario (not through the engine's picker), so the solver must put
// the value there too (as the interactive report's what-if page does); it found no answer.
import { describe, expect, it } from 'vitest';
import { parseGoal } from '../../src/solve/goal.js';
import { findInput } from '../../src/solve/inputs.js';
import { solve } from '../../src/solve/solve.js';
import { evalYaml, M } from '../support/scenario.js';

// Appropriations of 100, 200, 300 and 400 in four years (1,000 in all, 250 a year on
// average); a grant's co-finance of 1x adds as much private capital: headline 2,000.
const PLAN = `name: floor
horizon: { start: FY2027, years: 4 }
governments: [US]
targets:
  floor: { value: 150M }
  mobilization: { value: 2.5B }
mechanisms:
  - id: G
    kind: grant-program
    appropriations: { US: { byYear: { FY2027: 100M, FY2028: 200M, FY2029: 300M, FY2030: 400M } } }
    coFinance: 1x
`;

function solveFor(goal: string, path: string) {
  const s = evalYaml(PLAN).scenario;
  const g = parseGoal(goal, s);
  const f = findInput(s, path);
  if (!g.ok || !f.ok) throw new Error('bad goal or input');
  return solve(s, g.goal, f.fig, 'base');
}

describe("solve --vary on a target's value", () => {
  it('the floor met in every year: at most the smallest year, 100 (the plan has 150)', () => {
    const r = solveFor('floor.US.appropriated.everyYear', 'targets.floor.value');
    expect(r.status).toBe('solved');
    expect(M(r.value)).toBe('100');
    expect(r.after!.measure.floor('US', 'appropriated').everyYear).toBe(true);
  });

  it('the floor on average: the average itself, 250, is already met at 150', () => {
    expect(solveFor('floor.US.appropriated.met', 'targets.floor.value').status).toBe('met');
  });

  it('the mobilization target: at most the headline, 2,000 (the plan asks 2,500)', () => {
    const r = solveFor('target.met', 'targets.mobilization.value');
    expect(r.status).toBe('solved');
    expect(M(r.value)).toBe('2000');
  });
});
