// simulate: the probability that each of the plan's tests holds (targets.tests, the target's
// readings), with its Monte Carlo standard error, and --metric taking expressions.
//
// The plan: test/fixtures/generic/targets-plan.yaml (G-1 100M a year x 5 = 500M; L-1 wave 1,
// 200M in FY2031, crowd-in 2x) plus a second wave of 300M in FY2033 behind a gate that holds
// with probability 0.3 (the only uncertain thing).
//   gate holds (p = 0.3):  public 500 + 200 + 300 = 1,000M; private 2 x 500 = 1,000M
//   gate fails (p = 0.7):  public 700M; private 400M
// Tests and readings:
//   second:  publicCommitment.total >= 1B              holds iff the gate holds: p = 0.3
//   ratio:   privateMobilized / publicCommitment >= 1x  1,000 / 1,000 = 1 (holds) or 400 / 700 = 0.571 (no): p = 0.3
//   early:   FY2031..FY2033 commitment >= 450M         3 x 100 + 200 (+ 300) >= 450 always: p = 1
//   multiplier: headline / public >= 15x               2,000 / 1,000 = 2x or 1,100 / 700 = 1.57x: p = 0
//   echo:    targets.second (reads a verdict)          not decided per trial: listed as unsimulated
//   target 1B, headline: 2,000 or 1,100 >= 1,000: p = 1; private only: 1,000 >= 1,000 iff the gate: p = 0.3
// The standard error at n trials: sqrt(p (1 - p) / n); at n = 10,000 and p = 0.3:
//   sqrt(0.21 / 10,000) = 0.0045826; the estimate must be within 4 of them of 0.3 (+-0.0183).
// --metric privateMobilized.total: mean 0.7 x 400 + 0.3 x 1,000 = 580M; sd = 600 x sqrt(0.21) = 274.95M,
//   its standard error at 10,000 trials 2.75M: within 4 of them (+-11M).
// --metric privateMobilized.total / publicCommitment.total: P50 = 0.571429 (70% of trials),
//   P95 = 1 (the top 30%), mean 0.7 x 4/7 + 0.3 x 1 = 0.7.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { loadScenario } from '../../src/normalize/load.js';
import { simulate, workerScriptIn } from '../../src/simulate/simulate.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-sim-tests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILE = join(dir, 'plan.yaml');
const plan = readFileSync('test/fixtures/generic/targets-plan.yaml', 'utf8')
  .replace(
    '      - { id: wave-1, year: 1, commit: { AA: 200M } }',
    '      - { id: wave-1, year: 1, commit: { AA: 200M } }\n      - { id: wave-2, year: 3, commit: { AA: 300M }, gate: { label: second, holds: true, probability: 30% } }',
  )
  .replace(
    '    - id: cost\n      that: budgetCost.AA <= 650M\n',
    [
      '    - id: second',
      '      that: publicCommitment.total >= 1B',
      '    - id: ratio',
      '      that: privateMobilized.total / publicCommitment.total >= 1x',
      '    - id: echo',
      '      that: targets.second',
      '',
    ].join('\n'),
  );
writeFileSync(FILE, plan);

const N = 10_000;
const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);
let json: Record<string, Record<string, unknown>>;

beforeAll(async () => {
  const r = await cli([
    'simulate',
    FILE,
    '--trials',
    String(N),
    '--seed',
    '5',
    '--format',
    'json',
    '--metric',
    'privateMobilized.total',
    '--metric',
    'privateMobilized.total / publicCommitment.total',
  ]);
  expect(r.code, r.stderr).toBe(0);
  json = JSON.parse(r.stdout);
});

describe('simulate: the odds of each test', () => {
  it('a gate of probability 0.3 that decides a test: p within 4 standard errors of 0.3', () => {
    const p = json.probabilities as Record<string, number>;
    for (const k of ['targets.second', 'targets.ratio', 'target.private.met']) {
      expect(Math.abs(p[k]! - 0.3), k).toBeLessThanOrEqual(4 * se(0.3, N));
    }
    expect(p['targets.early']).toBe(1);
    expect(p['targets.multiplier']).toBe(0);
    expect(p['target.met']).toBe(1);
    // the gate decides the three together, trial by trial
    expect(p['targets.ratio']).toBe(p['targets.second']);
    expect(p['target.private.met']).toBe(p['targets.second']);
    expect(p['targets.echo']).toBeUndefined();
    expect(json.unsimulatedTests).toEqual(['echo']);
  });

  it('each probability has its standard error sqrt(p (1 - p) / n)', () => {
    const p = json.probabilities as Record<string, number>;
    const e = json.probabilityStdErrors as Record<string, number>;
    const k = 'targets.second';
    expect(e[k]).toBeCloseTo(se(p[k]!, N), 6);
    expect(e[k]).toBeCloseTo(0.0045826, 3); // at p near 0.3
    expect(e['targets.early']).toBe(0); // p = 1: no spread
  });

  it('--metric takes expressions: an amount in millions, a ratio as a number', () => {
    const x = json.expressions as Record<string, Record<string, number | string>>;
    const priv = x['privateMobilized.total']!;
    expect(priv.unit).toBe('money');
    expect(Math.abs((priv.mean as number) - 580)).toBeLessThanOrEqual(4 * 2.75);
    expect([priv.p5, priv.p95]).toEqual([400, 1000]);
    const ratio = x['privateMobilized.total / publicCommitment.total']!;
    expect(ratio.unit).toBe('ratio');
    expect(ratio.p50).toBeCloseTo(4 / 7, 5);
    expect(ratio.p95).toBe(1);
    expect(Math.abs((ratio.mean as number) - 0.7)).toBeLessThanOrEqual(0.02);
  });

  it('table and CSV show the same: probability, +- one standard error, the tests by id', async () => {
    const t = await cli([
      'simulate',
      FILE,
      '--trials',
      String(N),
      '--seed',
      '5',
      '--width',
      '160',
      '--metric',
      'privateMobilized.total',
    ]);
    expect(t.code, t.stderr).toBe(0);
    const p = (json.probabilities as Record<string, number>)['targets.second']!;
    const row = t.stdout.split('\n').find((l) => l.includes('second: publicCommitment.total >= 1B')) ?? '';
    expect(row).toContain(`${(p * 100).toFixed(1)}%`);
    expect(row).toContain(`${(se(p, N) * 100).toFixed(2)}%`);
    expect(t.stdout).toMatch(/private capital only >= target 1,000\.0/);
    expect(t.stdout).toContain('targets.echo');
    expect(t.stdout).toMatch(/privateMobilized\.total\s*│\s*400\.0\s*│\s*400\.0\s*│\s*1,000\.0/);
    const c = await cli(['simulate', FILE, '--trials', String(N), '--seed', '5', '--format', 'csv']);
    expect(c.stdout).toContain(`targets.second,,probability,share of trials,${p}\r\n`);
    expect(c.stdout).toContain(`targets.second,,stdError,share of trials,${Number(se(p, N).toFixed(6))}\r\n`);
  });

  it('workers give the same bytes with --metric and tests (the plan travels to them)', async () => {
    const run = (w: string) =>
      cli([
        'simulate',
        FILE,
        '--trials',
        '3001',
        '--seed',
        '2',
        '--workers',
        w,
        '--format',
        'json',
        '--metric',
        'privateMobilized.total / publicCommitment.total',
      ]);
    const [one, two] = await Promise.all([run('1'), run('2')]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('bad --metric: the column and a did-you-mean, a true/false, a verdict; exit 2', async () => {
    const a = await cli(['simulate', FILE, '--trials', '10', '--metric', 'privateMobilized.total / publicComitment.total']);
    expect(a.code).toBe(2);
    // "privateMobilized.total / " is 25 characters: the unknown path starts at column 26
    expect(a.stderr).toContain('column 26');
    expect(a.stderr).toContain('publicCommitment');
    const b = await cli(['simulate', FILE, '--trials', '10', '--metric', 'target.met']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('true/false');
    const c = await cli(['simulate', FILE, '--trials', '10', '--metric', 'target.shortfall']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('reads a verdict');
  });

  it('replayed (bounded memory) equals held, over two workers, with --metric and tests', async () => {
    const sc = loadScenario(FILE).scenario!;
    const o = {
      trials: 4001,
      seed: 9,
      workers: 2,
      workerScript: workerScriptIn(process.cwd()),
      metrics: ['privateMobilized.total'],
    };
    const held = await simulate(sc, o);
    const replayed = await simulate(sc, { ...o, inMemoryBytes: 0 });
    expect([...replayed.counts]).toEqual([...held.counts]);
    expect(replayed.summaries.get('expr:privateMobilized.total')).toEqual(held.summaries.get('expr:privateMobilized.total'));
  });
});
