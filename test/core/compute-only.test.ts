// compute(..., only): the rows of the selected mechanisms (each with the mechanisms within
// its envelope) are exactly what the whole computation gives them; the rest stay zero.
import { describe, expect, it } from 'vitest';
import { casePicker, compute } from '../../src/compute/engine.js';
import { Exact } from '../../src/core/money.js';
import { FLOW_ORDER } from '../../src/model/flows.js';
import { loadScenario } from '../../src/normalize/load.js';
import { Loader } from '../../src/read/load.js';

const files = [
  'scenarios/compact-2026.yaml',
  'scenarios/f5-combined.yaml',
  'test/fixtures/generic/seven-years-three-governments.yaml',
];

describe('compute over some mechanisms', () => {
  it.each(files)('%s: each mechanism alone (with those within it) books what it books among all', (f) => {
    const s = loadScenario(f, new Loader(process.cwd())).scenario!;
    const pick = casePicker(Exact, 'base');
    const all = compute(s, Exact, pick);
    const N = s.horizon.years;
    s.mechanisms.forEach((m, mi) => {
      const mine = (i: number) => i === mi || s.mechanisms[i]!.within === m.id;
      const some = compute(s, Exact, pick, mine);
      for (let g = 0; g < s.governments.length; g++)
        for (const k of FLOW_ORDER)
          for (let y = 0; y <= N; y++) {
            expect(some.get(mi, g, k, y).eq(all.get(mi, g, k, y))).toBe(true);
            // a mechanism not selected books nothing
            const other = s.mechanisms.findIndex((_, i) => !mine(i));
            if (other >= 0) expect(some.get(other, g, k, y).isZero()).toBe(true);
          }
    });
  });
});
