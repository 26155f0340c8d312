// CSV output of diff and simulate: tidy rows that parse back, with figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../support/csv.js';
import { cli } from '../support/cli.js';

describe('diff --format csv', () => {
  it('has one row per changed metric, with the change and the percentage', async () => {
    const r = await cli(['diff', 'scenarios/compact-2026.yaml', 'scenarios/f3-high.yaml', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [head, ...rows] = parseCsv(r.stdout);
    expect(head).toEqual(['section', 'path', 'metric', 'scope', 'mechanism', 'year', 'unit', 'base', 'alt', 'change', 'percent']);
    const row = (path: string, section = 'headline') => rows.find((x) => x[0] === section && x[1] === path);
    // F-3 face 2500 -> 3000: US commitment 8757.5 -> 9257.5, +500, 500 / 8757.5 = 5.709392%
    expect(row('publicCommitment.US')!.slice(7)).toEqual(['8757.5', '9257.5', '500', '5.709392']);
    // budget cost +5% x 500 = +25 (4382.5 -> 4407.5)
    expect(row('budgetCost.US')!.slice(7, 10)).toEqual(['4382.5', '4407.5', '25']);
    // nothing changed for Israel, so no Israeli headline row is shown
    expect(rows.some((x) => x[0] === 'headline' && x[3] === 'IL')).toBe(false);
  });
});

describe('simulate --format csv', () => {
  it('gives percentiles per metric and scope, and the probabilities', async () => {
    const r = await cli(['simulate', '--trials', '2000', '--seed', '3', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [head, ...rows] = parseCsv(r.stdout);
    expect(head).toEqual(['metric', 'scope', 'statistic', 'unit', 'value']);
    const get = (m: string, sc: string, st: string) => Number(rows.find((x) => x[0] === m && x[1] === sc && x[2] === st)![4]);
    // P5 <= P50 <= P95 for every metric
    expect(get('budgetCost', 'US', 'p5')).toBeLessThanOrEqual(get('budgetCost', 'US', 'p50'));
    expect(get('budgetCost', 'US', 'p50')).toBeLessThanOrEqual(get('budgetCost', 'US', 'p95'));
    // The lowest headline any trial can reach: US 1000 + 2500 + 2000 (F-3 low) + 500 (F-4 fund 1 only) + 0 (F-5 fails) + 1000
    // = 7000; IL 1000 + 2500 + 200 + 500 + 1000 = 5200; private 1.5 x 1000 = 1500 -> 13700 >= 10000: always met.
    expect(rows.find((x) => x[0] === 'target.met')![4]).toBe('1');
    // The US appropriated floor can never be met on average: at most 2500 + 150 + 1000 + 1000 = 4650 < 5000
    expect(rows.find((x) => x[0] === 'floor.US.appropriated.met')![4]).toBe('0');
  });
});
