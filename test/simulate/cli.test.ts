// simulate and sensitivity through the CLI: reproducible bytes, worker counts, range
// meanings in scenarios, and the tornado's ranking (numbers by hand).
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { loadScenario } from '../../src/normalize/load.js';

describe('simulate', () => {
  it('the same seed and trials give the same bytes; another seed does not', async () => {
    const a = await cli(['simulate', '--trials', '3000', '--seed', '7', '--format', 'json']);
    const b = await cli(['simulate', '--trials', '3000', '--seed', '7', '--format', 'json']);
    const c = await cli(['simulate', '--trials', '3000', '--seed', '8', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });
  it('1, 2 and 3 workers give identical output (each trial draws from its own stream)', async () => {
    const run = (w: string) => cli(['simulate', '--trials', '5001', '--seed', '3', '--workers', w, '--format', 'json']);
    const [one, two, three] = await Promise.all([run('1'), run('2'), run('3')]);
    expect(two.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(one.stdout);
  });
  it('probabilities follow the gates: with F-5 at 50% and fund 2 at 70%, US budget cost is 3,625 or more', async () => {
    const j = JSON.parse((await cli(['simulate', '--trials', '4000', '--format', 'json'])).stdout);
    // Lowest case: F-3 at 2B x 5% = 100, F-2 2500, F-6 1000, F-5 and S-1B fail: 2500 + 100 + 1000 = 3600.
    expect(j.metrics.budgetCost.US.p5).toBeGreaterThanOrEqual(3600);
    // The appropriated floor (500M/yr) is never met by either side: at most 2500 + 150 + 1000 + 1000 + 7.5 = 4657.5,
    // 465.75 a year, for the US.
    expect(j.probabilities['floor.US.appropriated.met']).toBe(0);
    // The headline never falls below 10B: the minimum is 12.2B commitment + 0.8B private.
    expect(j.probabilities['target.met']).toBe(1);
    // fund 2's gate, F-5's study, S-1B's study
    expect(j.gates.map((g: { probability: string }) => g.probability)).toEqual(['0.7', '0.5', '0.5']);
  });
  it('runs on every shipped scenario', async () => {
    for (const f of ['compact-2026', 'f3-high', 'f4-no-second-wave', 'f5-study-fails', 'f6-two-years-late']) {
      expect((await cli(['simulate', `scenarios/${f}.yaml`, '--trials', '500'])).code).toBe(0);
    }
  });
  it('rejects a bad --trials with exit 2', async () => {
    const r = await cli(['simulate', '--trials', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/whole number/);
  });
});

describe('range meanings', () => {
  it('are read from the scenario with their defaults', () => {
    const s = loadScenario('test/simulate/fixtures/dists.yaml').scenario!;
    const byMech = (id: string) => s.figures.find((f) => f.path.startsWith(`mechanisms[${id}]`))!;
    expect(byMech('A').dist).toBeUndefined(); // bare low/high: uniform
    expect(byMech('B').dist).toBe('triangular'); // a stated base: triangular with its mode there
    expect(byMech('C').dist).toBe('pert');
    expect(byMech('D').dist).toBe('normal');
    expect(byMech('D').value.base.toPlain()).toBe('150000000'); // (100 + 200) / 2
    expect(byMech('E').value.base.toPlain()).toBe('200000000'); // sqrt(100 x 400)
    const f = s.figures.find((x) => x.path.includes('subsidyRate'))!;
    expect([f.dist, f.value.low.toPlain(), f.value.high.toPlain()]).toEqual(['triangular', '0.04', '0.06']);
  });
  it('p5/p95 on a uniform range and a lognormal at zero are errors at the figure', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/cm-dist-');
    writeFileSync(
      `${dir}/bad.yaml`,
      [
        'name: bad',
        'horizon: { start: FY2027, years: 2 }',
        'governments: [US]',
        'mechanisms:',
        '  - id: A',
        '    kind: grant-program',
        '    appropriations:',
        '      US: { amount: { p5: 1M, p95: 2M }, per: year }',
        '  - id: B',
        '    kind: grant-program',
        '    appropriations:',
        '      US: { amount: { p5: 0, p95: 2M, dist: lognormal }, per: year }',
        '',
      ].join('\n'),
    );
    const r = await cli(['run', `${dir}/bad.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad.yaml:8:\d+.*"p5" is for a normal or lognormal range/);
    expect(r.stderr).toMatch(/bad.yaml:12:\d+.*lognormal range needs p5 above zero/);
  });
});

describe('sensitivity', () => {
  it('ranks F-4 crowd-in first for headline mobilization: 2,000M of anchor commitments x (2.5x - 1.5x) = 2,000', async () => {
    const j = JSON.parse((await cli(['sensitivity', '--metric', 'headlineMobilization', '--format', 'json'])).stdout);
    expect(j.base).toBe('18855');
    expect(j.inputs.map((x: { path: string; swing: string }) => [x.path, x.swing])).toEqual([
      ['F-4 fund-2 gate', '3000'], // fund 2 not launched: 500 + 500 committed and 2 x 1000 crowd-in gone
      ['mechanisms[F-4].crowdIn.value', '2000'], // 2000 x 1.0
      ['F-5 feasibility study', '1125'], // study fails: 750 + 375 not committed
      ['mechanisms[F-3].obligations.US.amount', '1000'], // 3B - 2B of loans
      ['mechanisms[F-5].commit.US.amount', '500'], // 1B - 500M
      ['mechanisms[F-5].commit.IL.amount', '250'], // 500M - 250M
      ['S-1B feasibility study', '30'], // study fails: 7.5 + 7.5 public and 15 co-finance not committed
    ]);
    const gate = j.inputs.find((x: { path: string }) => x.path === 'F-4 fund-2 gate');
    // 18855 - 3000 = 15855 when the gate fails; as written it holds (18855)
    expect([gate.kind, gate.atLow, gate.atHigh, gate.probability]).toEqual(['gate', '15855', '18855', '0.7']);
  });
  it('budget cost: F-3 swings 5% x (3B - 2B) = 50', async () => {
    const j = JSON.parse((await cli(['sensitivity', '--metric', 'budgetCost.US', '--format', 'json'])).stdout);
    const f3 = j.inputs.find((x: { path: string }) => x.path.startsWith('mechanisms[F-3]'));
    // 4382.5 at base (F-3 2500 x 5% = 125); 2000 x 5% = 100 -> 4357.5; 3000 x 5% = 150 -> 4407.5
    expect([f3.atLow, f3.atHigh, f3.swing]).toEqual(['4357.5', '4407.5', '50']);
  });
  it('draws a tornado in the terminal and refuses a true/false metric', async () => {
    const t = await cli(['sensitivity']);
    expect(t.stdout).toMatch(/mechanisms\[F-4\]\.crowdIn\.value .*█+\|█+/);
    const b = await cli(['sensitivity', '--metric', 'target.met']);
    expect(b.code).toBe(2);
  });
});
