// explain: a metric traced to its flows, rules and inputs, and to the report's lines.
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('explain', () => {
  it('traces the baseline US budget cost back to Section 8 and its parts add up', async () => {
    const r = await cli(['explain', 'budgetCost.US', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    // 4382.5 = F-2 2350 (250M x 10 years less Q-1's 150 within it) + F-3 125 (5% subsidy x 2500 face)
    //   + F-5 750 (midpoint of 500M-1B) + F-6 1000 (100M x 10) + Q-1 150 ($300M, $150M each) + S-1B 7.5.
    expect(e.value).toBe('4382.5');
    const mechs = e.parts[0].mechanisms as {
      id: string;
      total: string;
      inputs: { path: string; reportLines: string[] }[];
      byYear: Record<string, string>;
    }[];
    expect(mechs.map((m) => [m.id, m.total])).toEqual([
      ['F-2', '2350'],
      ['F-3', '125'],
      ['F-5', '750'],
      ['F-6', '1000'],
      ['Q-1', '150'],
      ['S-1B', '7.5'],
    ]);
    expect(2350 + 125 + 750 + 1000 + 150 + 7.5).toBe(4382.5);
    // Each mechanism's yearly flows add up to its total.
    for (const m of mechs) expect(Object.values(m.byYear).reduce((a, b) => a + Number(b), 0)).toBeCloseTo(Number(m.total), 9);
    // F-5 US: 750 over the 24-month window after a 6-month study: 6, 12 and 6 months -> 187.5, 375, 187.5.
    expect(mechs[2]!.byYear).toMatchObject({ FY2027: '187.5', FY2028: '375', FY2029: '187.5', FY2030: '0' });
    const lines = (id: string) => mechs.find((m) => m.id === id)!.inputs.flatMap((i) => i.reportLines);
    expect(lines('F-2')).toContain('l.580');
    expect(lines('F-3')).toEqual(expect.arrayContaining(['l.581', 'l.598']));
    expect(lines('F-5')).toContain('l.583');
    expect(lines('F-6')).toContain('l.584');
    expect(e.reportLines).toEqual(expect.arrayContaining(['l.580', 'l.581', 'l.583', 'l.584', 'l.598']));
    // F-3's inputs: the face value and the subsidy rate, not Israel's IIA match.
    expect(mechs[1]!.inputs.map((i) => i.path)).toEqual([
      'mechanisms[F-3].obligations.US.amount',
      'mechanisms[F-3].subsidyRate.value',
    ]);
    // F-1 and F-4 are not appropriated as published; Fort Foundry One runs only if F-5's study fails.
    expect(e.parts[0].silent.map((x: { id: string }) => x.id)).toEqual(['F-1', 'F-4', 'FF-1']);
  });

  it('prints the sum in text, with the report lines', async () => {
    const r = await cli(['explain', 'scenarios/compact-2026.yaml', 'budgetCost.US', '--width', '400']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('budgetCost.US = 4,382.5 USD millions');
    expect(r.stdout).toContain('check: 2,350.0 + 125.0 + 750.0 + 1,000.0 + 150.0 + 7.5 = 4,382.5');
    expect(r.stdout).toContain(
      'source: $2-3B (face value), l.581; over ten years, l.598; assumption: obligated evenly from FY2027 (l.598 makes a project-development facility a precondition) [report l.581, l.598]',
    );
    expect(r.stdout).toContain('report lines cited: l.308, l.420, l.580, l.581, l.583, l.584, l.596, l.598, l.604, l.803, l.880');
  });

  it('explains headline mobilization and the floor test', async () => {
    const h = JSON.parse((await cli(['explain', 'headlineMobilization', '--format', 'json'])).stdout);
    // Commitment + private by mechanism: F-1 2000, F-2 4700 (5000 less Q-1's 300), F-3 2700 (2500 face + 200 match),
    // F-4 2000 + 4000 private, F-5 1125 (750 + 375), F-6 2000, Q-1 300, S-1B 15 + 15 private;
    // 2000+4700+2700+6000+1125+2000+300+30 = 18855.
    expect(h.value).toBe('18855');
    expect(h.parts[0].mechanisms.map((m: { id: string; total: string }) => `${m.id}=${m.total}`)).toEqual([
      'F-1=2000',
      'F-2=4700',
      'F-3=2700',
      'F-4=6000',
      'F-5=1125',
      'F-6=2000',
      'Q-1=300',
      'S-1B=30',
    ]);
    const t = JSON.parse((await cli(['explain', 'target.met', '--format', 'json'])).stdout);
    expect(t.value).toBe(true);
    expect(t.reportLines).toEqual(expect.arrayContaining(['l.576', 'l.615']));
    const f = JSON.parse((await cli(['explain', 'floor.IL.appropriated', '--format', 'json'])).stdout);
    // IL budget cost 4082.5 over 10 years = 408.25 a year < 500: not met.
    expect(f.value).toBe(false);
    expect(f.parts[0].total).toBe('4082.5');
    expect(f.otherInputs[0].path).toBe('targets.floor.value');
  });

  it('an unknown metric is a diagnostic with a suggestion (exit 2)', async () => {
    const r = await cli(['explain', 'budgetCots.US']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error unknown-metric');
    expect(r.stderr).toContain('did you mean "budgetCost"?');
  });
});
