// A tax credit claimed after the horizon is a revenue loss then, not spending: the estimate's
// summary asks about direct spending and revenues apart (it said "Increases net direct
// spending" of the credit), and a plan with no revenue effect keeps its one question.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/scenario.js';

// Qualified investment 100 a year in 2023-2025; the 25% credit (25 a year) is claimed a year
// later: 25 in 2024 and 25 in 2025 within the horizon, 2025's investment's 25 in 2026, after it.
const CREDIT = `name: credit
horizon: { start: 2023, years: 3 }
sponsors: [US]
mechanisms:
  - { id: T-1, kind: tax-credit, rate: 25%, investment: { US: { amount: 100M, per: year } }, lag: 1 }
`;
describe("estimate: a tax credit's later cost is a revenue loss", () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'credit.yaml'), CREDIT);

  it('says revenues decrease after the horizon, and net direct spending does not increase', async () => {
    const r = await cli(['estimate', 'credit.yaml', '--width', '200'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Increases net direct spending after FY2025? No.');
    expect(r.stdout).toContain('Decreases revenues after FY2025? Yes (a revenue loss of 25 from FY2026 on:');
    expect(r.stdout).toContain('Revenue loss after FY2025: 25 (tax credits claimed then');
    expect(r.stdout).toContain('No spending on this basis; the revenue loss is under Revenues above.');
  });

  it('a plan with no revenue effect asks only about net direct spending, as before', async () => {
    const r = await cli(['estimate', 'scenarios/compact-2026.yaml', '--width', '200']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Increases net direct spending after FY2036?');
    expect(r.stdout).not.toContain('Decreases revenues');
    expect(r.stdout).not.toContain('Revenue loss after');
  });
});
