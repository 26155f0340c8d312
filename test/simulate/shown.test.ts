// simulate --format json summarizes only the outputs simulateJson prints: the JSON is the
// same as from a run that summarizes every output, with one thread or several.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/normalize/load.js';
import { simulate, workerScriptIn } from '../../src/simulate/simulate.js';
import { shownInJson, simulateJson } from '../../src/render/uncertainty.js';

describe('summaries the JSON does not print are skipped', () => {
  it.each([
    ['scenarios/compact-2026.yaml', 1],
    ['scenarios/compact-2026.yaml', 2],
    ['scenarios/f5-study-fails.yaml', 3],
  ])('%s, %i threads: the same JSON, fewer summaries', async (file, workers) => {
    const s = loadScenario(file).scenario!;
    const o = { trials: 7_001, seed: 5, workers, workerScript: workerScriptIn(process.cwd()) };
    const all = await simulate(s, o);
    const some = await simulate(s, { ...o, shown: shownInJson });
    expect(JSON.stringify(simulateJson(s, some))).toBe(JSON.stringify(simulateJson(s, all)));
    // the ratios past leverage (multiplier, crowd-in, fund size per public dollar) are the table's and the CSV's only
    expect(some.summaries.has('leverage.budget.total')).toBe(true);
    expect(some.summaries.has('multiplier.total')).toBe(false);
    expect(all.summaries.has('multiplier.total')).toBe(true);
  });
});
