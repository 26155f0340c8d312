// The kinds other programmes need (a tax credit, grants with private matching), credit
// inside an envelope of appropriations, and a guarantee's backed lending counted once:
// every figure worked by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { evalYaml, M, tempDir } from '../support/scenario.js';

const TAX_CREDIT = `name: tax credit
horizon: { start: 2023, years: 3 }
sponsors: [US]
mechanisms:
  - id: T-1
    kind: tax-credit
    rate: 25%
    investment: { US: { amount: 100M, per: year } }
    lag: 1
`;

describe('tax-credit', () => {
  // Qualified investment 100 a year in 2023-2025 = 300: private capital, counted once.
  // Credit 25% x 100 = 25 a year, claimed a year later: 2024 and 2025 inside the horizon
  // (50), 2026's 25 after it. No public commitment, no budget authority, no outlays.
  const ev = evalYaml(TAX_CREDIT);
  const m = ev.measure;

  it('its cost is a revenue loss in the year claimed, not budget cost or outlays', () => {
    expect(M(m.money('revenueLoss', 'US'))).toBe('50');
    expect(M(m.money('revenueLoss', 'US', undefined, 0))).toBe('0');
    expect(M(m.money('revenueLoss', 'US', undefined, 1))).toBe('25');
    expect(M(m.money('budgetCost', 'US'))).toBe('0');
    expect(M(m.money('outlays', 'US'))).toBe('0');
    expect(M(m.money('publicCommitment', 'US'))).toBe('0');
  });

  it('the qualified investment is private capital, in the headline once', () => {
    expect(M(m.money('privateMobilized', 'US'))).toBe('300');
    expect(M(m.money('headlineMobilization'))).toBe('300');
  });

  it('is the same on the federal basis', () => {
    const f = evalYaml(TAX_CREDIT.replace('sponsors:', 'scoring: { basis: federal }\nsponsors:')).measure;
    expect(M(f.money('revenueLoss', 'US'))).toBe('50');
    expect(M(f.money('budgetCost', 'US'))).toBe('0');
  });

  it('claimed the same year by default (lag 0): 25 x 3 = 75 inside the horizon', () => {
    const z = evalYaml(TAX_CREDIT.replace('    lag: 1\n', '')).measure;
    expect(M(z.money('revenueLoss', 'US'))).toBe('75');
    expect(M(z.money('revenueLoss', 'US', undefined, 0))).toBe('25');
  });

  it('estimate shows it as a decrease in revenues, which raises the deficit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tc.yaml'), TAX_CREDIT);
    const r = await cli(['estimate', 'tc.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const us = JSON.parse(r.stdout).sponsors.US;
    // -25 in 2024 and 2025: -50 over 2023-2025; the deficit rises by the same 50.
    expect(us.revenues.revenues['FY2024']).toBe('-25');
    expect(us.revenues.revenues['2023-2025']).toBe('-50');
    expect(us.deficit.increaseInDeficit['2023-2025']).toBe('50');
  });

  it('explain gives the rule and its inputs', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tc.yaml'), TAX_CREDIT);
    const r = await cli(['explain', 'tc.yaml', 'revenueLoss.US'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('revenueLoss.US = 50.0 USD millions');
    expect(r.stdout).toContain('1 year after the');
    expect(r.stdout).toContain('mechanisms[T-1].rate = 0.25 rate');
  });
});

describe('grants with private matching (coFinance)', () => {
  it('counts the match as private capital, apart from follow-on', () => {
    // 100 a year x 2 = 200 appropriated; 3 private per grant dollar = 600 private.
    // Headline = 200 + 600 = 800; follow-on stays 0.
    const m = evalYaml(`name: match
horizon: { start: 2023, years: 2 }
sponsors: [US]
mechanisms:
  - { id: G, kind: grant-program, appropriations: { US: { amount: 100M, per: year } }, coFinance: 3x }
`).measure;
    expect(M(m.money('privateMobilized', 'US'))).toBe('600');
    expect(M(m.money('mobilizedCoFinancing', 'US'))).toBe('600');
    expect(M(m.money('followOn', 'US'))).toBe('0');
    expect(M(m.money('headlineMobilization'))).toBe('800');
  });
});

const ENVELOPE = `name: envelope
horizon: { start: 2023, years: 2 }
sponsors: [US]
mechanisms:
  - id: G-1
    kind: grant-program
    appropriations: { US: { amount: 1000M, per: year } }
  - id: L-1
    kind: credit-facility
    within: G-1
    obligations: { US: { amount: 2000M, per: year } }
    subsidyRate: 10%
  - id: LG-1
    kind: loan-guarantee
    within: G-1
    guarantees: { US: { amount: 500M, per: year } }
    subsidyRate: 20%
`;

describe('credit within an envelope counts its subsidy', () => {
  it('takes the subsidy, not the face value, out of the envelope', () => {
    // Loans: 2,000 a year x 10% = 200 a year of subsidy; guarantees 500 x 20% = 100 a year.
    // G-1's own row: 1,000 - 200 - 100 = 700 a year, 1,400 over two years (not 1,000 - 2,000 - 500 < 0).
    // Commitment: 1,400 + loans 4,000 face + guarantees 1,000 = 6,400.
    // Budget cost: 1,400 + 400 + 200 = 2,000: the envelope, counted once.
    const m = evalYaml(ENVELOPE).measure;
    expect(M(m.money('publicCommitment', 'US', 'G-1'))).toBe('1400');
    expect(M(m.money('publicCommitment', 'US'))).toBe('6400');
    expect(M(m.money('budgetCost', 'US'))).toBe('2000');
  });

  it('an overrun names the subsidy and the fix', async () => {
    // 10,000 a year x 10% = 1,000 + 100 of guarantees = 1,100 > 1,000: over by 100 in FY2023.
    const dir = tempDir();
    writeFileSync(join(dir, 'over.yaml'), ENVELOPE.replace('2000M', '10000M'));
    const r = await cli(['check', 'over.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '"L-1" is within "G-1" but its subsidy cost (subsidy rate x face value) exceeds G-1\'s US commitment in FY2023 by 100',
    );
    expect(r.stderr).toContain('hint: lower its subsidy rate or its face value, or raise G-1');
  });
});

describe('a guarantee counts the lending it backs once', () => {
  const plan = (coFinance: string) => `name: backed
horizon: { start: 2023, years: 2 }
sponsors: [US]
mechanisms:
  - id: LG
    kind: loan-guarantee
    guarantees: { US: { amount: 100M, per: year } }
    subsidyRate: 5%
    coFinance: ${coFinance}
`;

  it('1x: the guarantee covers the whole loan, so the loan is counted once (no private beyond it)', () => {
    // Guaranteed 200; backed lending 1 x 200 = 200, all of it the guaranteed loan: headline 200, not 400.
    const m = evalYaml(plan('1x')).measure;
    expect(M(m.money('privateMobilized'))).toBe('0');
    expect(M(m.money('headlineMobilization'))).toBe('200');
  });

  it('3x: a guarantee of a third of the lending; private is the two thirds beyond it', () => {
    // Backed lending 3 x 200 = 600; private = 600 - 200 = 400; headline 200 + 400 = 600.
    const m = evalYaml(plan('3x')).measure;
    expect(M(m.money('privateMobilized'))).toBe('400');
    expect(M(m.money('headlineMobilization'))).toBe('600');
  });

  it('below 1x is a diagnostic with the rule in its hint', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'half.yaml'), plan('0.5x'));
    const r = await cli(['check', 'half.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/half\.yaml:9:16: error invalid-value: .*coFinance below 1x/);
    expect(r.stderr).toContain('the guaranteed loan included');
  });
});

describe('solve on a ratio whose response is linear', () => {
  it('is exact on the grid, not "not linear" by bisection', async () => {
    // Headline = 39,000 appropriated + 39,000 x r matching + 10,000 x 5 qualified investment
    //   = 89,000 + 39,000 r >= 500,000  =>  r >= 411,000 / 39,000 = 10.538461538461...
    // On the 10-decimal grid the least value that meets it is 10.5384615385.
    const dir = tempDir();
    writeFileSync(
      join(dir, 'sv.yaml'),
      `name: sv
horizon: { start: 2023, years: 5 }
sponsors: [US]
targets:
  mobilization: { value: 500B }
mechanisms:
  - { id: G-1, kind: grant-program, appropriations: { US: { amount: 39B, per: total } }, coFinance: 1x }
  - { id: T-1, kind: tax-credit, rate: 25%, investment: { US: { amount: 10B, per: year } } }
`,
    );
    const args = ['solve', 'sv.yaml', '--goal', 'target.met', '--vary', 'mechanisms[G-1].coFinance'];
    const j = JSON.parse((await cli([...args, '--format', 'json'], { cwd: dir })).stdout);
    expect(j.solution.value).toBe('10.5384615385');
    expect(j.solution.method).toBe('exact');
    const t = (await cli(args, { cwd: dir })).stdout;
    expect(t).not.toContain('not linear');
    expect(t).not.toContain('Searched up to');
  });
});

describe('mistakes in a euro plan, and sponsor codes as map keys', () => {
  it('hints say euros, never USD or $; a bad sponsor code says why, at the key', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'eur.yaml'),
      `name: eur
currency: EUR
horizon: { start: 2015, years: 2 }
sponsors: { EU: { type: multilateral }, european-bank: { type: bank } }
mechanisms:
  - { id: G, kind: grant-program, appropriations: { EU: { amount: lots, per: year } } }
`,
    );
    const r = await cli(['check', 'eur.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /eur\.yaml:4:41: error invalid-value: .*"european-bank": a sponsor code is 2 to 8 capital letters or digits/,
    );
    expect(r.stderr).not.toContain('Invalid key in record');
    writeFileSync(
      join(dir, 'eur.yaml'),
      readFileSync(join(dir, 'eur.yaml'), 'utf8').replace(', european-bank: { type: bank }', ''),
    );
    const t = await cli(['check', 'eur.yaml'], { cwd: dir });
    expect(t.stderr).toContain('hint: write an amount in EUR such as 250M, 2.5B');
    expect(t.stderr).not.toMatch(/USD|\$|dollar/);
  });
});
