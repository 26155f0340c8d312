// Command-line edges found in review: each case with its expected exit code and output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';

const ROOT = process.cwd();

describe('command line', () => {
  it('no command, or help for an unknown one, is a usage error (exit 2)', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['help', 'bogus'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--version'])).code).toBe(0);
  });

  it('run -o writes no colour codes into a file, even with FORCE_COLOR', async () => {
    const dir = writeFiles({});
    const r = await cli(['run', join(ROOT, 'scenarios/compact-2026.yaml'), '-o', 'out.txt'], {
      cwd: dir,
      env: { FORCE_COLOR: '1' },
    });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).not.toMatch(/\x1b\[/);
  });
});

describe('claims over counts of years', () => {
  it('the table shows a yearsMet claim as a count, not as money', async () => {
    const dir = writeFiles({
      's.yaml': `name: count
horizon: { start: FY2027, years: 3 }
governments: [US]
targets: { floor: 50M }
mechanisms:
  - { id: G, kind: grant-program, appropriations: { US: { amount: 100M, per: year } } }
claims:
  - { id: c, metric: floor.US.appropriated.yearsMet, published: 2 }
`,
    });
    const r = await cli(['run', 's.yaml'], { cwd: dir });
    // 100 a year >= 50 in all 3 years: computed 3, published 2 -> does not hold, shown as 3
    // (the terminal lists claims: id, verdict, published and computed on one line)
    expect(r.stdout).toMatch(/^c {2}does not hold {2}published ~2 {2}computed 3$/m);
  });
});

describe('diff across different horizons', () => {
  const files = {
    'base.yaml': `name: ten
horizon: { start: FY2027, years: 2 }
governments: [US]
mechanisms:
  - { id: G, kind: grant-program, appropriations: { US: { amount: 100M, per: year } }, spendOut: { shares: [50%, 50%] } }
`,
    'alt.yaml': `extends: base.yaml
name: eleven
horizon: { start: FY2027, years: 3 }
`,
  };
  it('a year one side does not model is zero there, not its after-horizon bucket', async () => {
    const dir = writeFiles(files);
    const r = await cli(['diff', 'base.yaml', 'alt.yaml', '--format', 'json', '--all'], { cwd: dir });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).byYear as { path: string; base: string; alt: string }[];
    // base: 100 in FY2027 and FY2028, outlaid 50/50 -> FY2029's 50 lies after its horizon;
    // alt (3 years): 100 a year, FY2029 outlays 50 + 50 = 100
    const fy2029 = rows.find((x) => x.path === 'outlays.total.FY2029')!;
    expect([fy2029.base, fy2029.alt]).toEqual(['0', '100']);
    const after = rows.find((x) => x.path === 'outlays.total.after')!;
    expect([after.base, after.alt]).toEqual(['50', '50']);
  });
  it('--fail-if accepts a year only one side has', async () => {
    const dir = writeFiles(files);
    const r = await cli(['diff', 'base.yaml', 'alt.yaml', '--fail-if', 'outlays.total.FY2029 > 90'], { cwd: dir });
    // change 100 - 0 = 100 > 90: crossed
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/threshold-crossed/);
  });
});

describe('run --discount', () => {
  it('adds present values of the baseline, end-of-year convention', async () => {
    const r = await cli(['run', '--discount', '5%', '--format', 'json']);
    expect(r.code).toBe(0);
    const pv = JSON.parse(r.stdout).presentValue.metrics.budgetCost.US;
    // US budget cost by year: 555.625, 739.375, 550, then 362.5 for seven years (S-1B: 5.625 and 1.875);
    // PV = 555.625/1.05 + 739.375/1.05^2 + 550/1.05^3 + 362.5 x (1/1.05^4 + ... + 1/1.05^10)
    //    = 529.166667 + 670.634921 + 475.110680 + 362.5 x 4.998487 = 3486.863768 (rounded to the dollar)
    // no US budget cost falls after the horizon, so the whole-life PV is the horizon's
    expect(pv).toEqual({
      nominal: '4382.5',
      nominalAfterHorizon: '0',
      presentValue: '3486.863768',
      presentValueHorizon: '3486.863768',
      presentValueWholeLife: '3486.863768',
    });
  });
  it('refuses a rate that is not one', async () => {
    expect((await cli(['run', '--discount', 'soon'])).code).toBe(2);
  });
});
