// The shipped alternatives (scenarios/*.yaml patches on compact-2026): each one's key
// figures worked out by hand from the Compact's figures and the patch's own numbers.
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

type ByMech = Record<string, Record<string, string>>;
interface RunJson {
  metrics: Record<string, Record<string, string> & { byMechanism: ByMech }>;
}

async function run(file: string, ...args: string[]): Promise<RunJson['metrics']> {
  const r = await cli(['run', `scenarios/${file}.yaml`, '--format', 'json', ...args]);
  expect(r.code === 0 || r.code === 1).toBe(true);
  return (JSON.parse(r.stdout) as RunJson).metrics;
}
const us = (m: RunJson['metrics'], metric: string, mech: string) => Number(m[metric]!.byMechanism[mech]!.US);

describe('credit subsidy alternatives (F-3: $2-3B face value, l.581; midpoint 2,500)', () => {
  it('0%: no budget cost', async () => {
    expect(us(await run('f3-subsidy-zero'), 'budgetCost', 'F-3')).toBe(0); // 0% x 2,500
  });
  it('-2%: negative budget authority', async () => {
    expect(us(await run('f3-subsidy-negative'), 'budgetCost', 'F-3')).toBe(-50); // -2% x 2,500
  });
  it('10-15%: 12.5% at the midpoint, 10% x 2,000 low, 15% x 3,000 high', async () => {
    expect(us(await run('f3-subsidy-high'), 'budgetCost', 'F-3')).toBe(312.5); // 12.5% x 2,500
    expect(us(await run('f3-subsidy-high', '--case', 'low'), 'budgetCost', 'F-3')).toBe(200);
    expect(us(await run('f3-subsidy-high', '--case', 'high'), 'budgetCost', 'F-3')).toBe(450);
  });
  it('$500M of F-3 as equity: loans $1.5-2.5B at 5%, equity at its full amount on the federal basis', async () => {
    const fed = await run('f3-part-equity', '--basis', 'federal');
    expect(us(fed, 'budgetCost', 'F-3')).toBe(100); // 5% x 2,000 (midpoint of 1,500-2,500)
    expect(us(fed, 'budgetCost', 'F-3E')).toBe(500); // cash basis: the whole purchase
    // As published, equity is not appropriated: F-3E costs nothing there.
    expect(us(await run('f3-part-equity'), 'budgetCost', 'F-3E')).toBe(0);
  });
});

describe('equity and fund alternatives', () => {
  it('F-1 at 0.5-1.0x: distributions within the horizon halve', async () => {
    // $100M a year for ten years, each back over years +5..+9 at 0.75x (midpoint): 15 a year.
    // In the horizon: year 0 gives 5 x 15, year 1 4 x 15, ... year 4 1 x 15: 15 x 15 = 225
    // (the baseline's 1.5x gives 450).
    expect(us(await run('f1-low-returns'), 'distributions', 'F-1')).toBe(225);
  });
  it("F-4's $3-5B as total fund size: private capital is (fund - anchors)", async () => {
    // crowd-in 1.0x (midpoint of 0.5-1.5x) on the U.S. anchors 2 x 500 = 1,000.
    expect(us(await run('f4-total-fund-size'), 'privateMobilized', 'F-4')).toBe(1000);
  });
  it('F-1 and F-4 appropriated: counted on the as-published basis too', async () => {
    // 4,382.5 appropriated as published (F-2 2,500 incl. Q-1, F-3 125, F-5 750, F-6 1,000,
    // S-1B 7.5) + F-1 1,000 + F-4 1,000.
    expect(Number((await run('f1-f4-appropriated')).budgetCost!.US)).toBe(6382.5);
  });
});

describe('current law, enactment, stress', () => {
  it('F-2 at current law: $25M a year, of which Q-1 $15M', async () => {
    const m = await run('f2-current-law');
    expect(us(m, 'budgetCost', 'F-2')).toBe(100); // (25 - 15) x 10
    expect(us(m, 'budgetCost', 'Q-1')).toBe(150); // 15 x 10, as in the baseline
  });
  it('enacted in FY2028: a year of F-1 and F-6 falls after the horizon', async () => {
    const m = await run('enacted-fy2028');
    expect(us(m, 'publicCommitment', 'F-1')).toBe(900); // 100 a year, nine years in FY2028-FY2036
    expect(us(m, 'budgetCost', 'F-6')).toBe(900);
  });
  it('the combined stress case', async () => {
    const m = await run('stress');
    // 12.5% x 2,500 = 312.5 obligated evenly over ten plan years; enacted a year late, nine of
    // them fall in the horizon: 312.5 x 9/10 = 281.25.
    expect(us(m, 'budgetCost', 'F-3')).toBe(281.25);
    expect(us(m, 'publicCommitment', 'F-4')).toBe(500); // fund 2 not launched
    expect(us(m, 'privateMobilized', 'F-4')).toBe(500); // 1.0x x 500
    expect(us(m, 'publicCommitment', 'F-1')).toBe(900); // enacted FY2028
    // F-1 at 0.75x from FY2028: investments in years 1..4 return 15 a year from +5;
    // in the horizon 4 + 3 + 2 + 1 = 10 years of 15 = 150.
    expect(us(m, 'distributions', 'F-1')).toBe(150);
  });
});
