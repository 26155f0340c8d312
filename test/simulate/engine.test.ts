// The float64 evaluation used by simulate is the engine's compute(): it agrees with
// `run` (exact) on the base case, and the traced replay equals compute(Fast) bit for bit.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { Fast } from '../../src/core/money.js';
import { casePicker } from '../../src/compute/engine.js';
import { evaluate } from '../../src/measure/evaluate.js';
import { loadScenario } from '../../src/normalize/load.js';
import { makePlan, outputs, Runner, SIM_METRICS } from '../../src/simulate/plan.js';

const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/${f}`);

describe.each(files)('%s', (file) => {
  const s = loadScenario(file).scenario!;
  it('Fast base case agrees with run (Exact) to $0.01M on every headline metric', () => {
    const plan = makePlan(s);
    const fast = outputs(Fast, plan, casePicker(Fast, 'base'));
    const exact = evaluate(s, 'base').measure;
    let k = 0;
    for (const m of SIM_METRICS)
      for (const sc of [...s.governments.map((g) => g.code), 'total']) {
        const diff = Math.abs(fast[k++]! - exact.money(m, sc).toNumber());
        expect(diff, `${m}.${sc}`).toBeLessThanOrEqual(10_000); // $0.01M = $10,000
      }
  });
  it('the compiled replay gives exactly what compute(Fast) gives, trial by trial', () => {
    const r = new Runner(makePlan(s), 99);
    for (let i = 0; i < 300; i++) expect(Array.from(r.traced(i))).toEqual(Array.from(r.direct(i)));
  });
});

describe('baseline by hand', () => {
  it('base case in float64: US commitment 8757.5, IL 6082.5, headline 18855 (USD millions)', () => {
    const s = loadScenario('scenarios/compact-2026.yaml').scenario!;
    const plan = makePlan(s);
    const out = outputs(Fast, plan, casePicker(Fast, 'base'));
    const at = (name: string) => out[plan.names.indexOf(name)]! / 1e6;
    // the hand-worked baseline of test/core/baseline.test.ts
    expect(at('publicCommitment.US')).toBeCloseTo(8757.5, 6);
    expect(at('publicCommitment.IL')).toBeCloseTo(6082.5, 6);
    expect(at('headlineMobilization.total')).toBeCloseTo(18855, 6);
  });
});
