// Each mechanism kind against figures worked out by hand (USD millions in comments).
import { describe, expect, it } from 'vitest';
import { evalYaml, M } from '../support/scenario.js';

const head = (years: number) => `
name: test
horizon: { start: FY2027, years: ${years} }
governments: [US, IL]
`;

describe('grant program', () => {
  const ev = evalYaml(
    head(4) +
      `
assumptions:
  profiles:
    p: { shares: [50%, 30%, 20%] }
mechanisms:
  - id: G
    kind: grant-program
    appropriations:
      US: { amount: 100M, per: year, from: FY2027, years: 3 }
    spendOut: p
    followOn: 2x
    programs:
      - id: P
        amount: { US: { amount: 10M, per: year, from: FY2027, to: FY2029 } }
        followOn: 10x
`,
  );
  const m = ev.measure;
  it('appropriations are the commitment and the budget cost', () => {
    // 100 a year in FY2027-FY2029, nothing in FY2030: 300
    expect(M(m.money('publicCommitment', 'US'))).toBe('300');
    expect(M(m.money('budgetCost', 'US'))).toBe('300');
    expect(M(m.money('budgetCost', 'US', 'G', 3))).toBe('0');
    expect(M(m.money('budgetCost', 'IL'))).toBe('0');
  });
  it('outlays follow the spend-out profile, the tail lands after the horizon', () => {
    // shares 50/30/20 of each year's 100:
    // FY2027 50; FY2028 30+50 = 80; FY2029 20+30+50 = 100; FY2030 20+30 = 50; after: 20
    expect([0, 1, 2, 3].map((y) => M(m.money('outlays', 'US', 'G', y)))).toEqual(['50', '80', '100', '50']);
    expect(M(m.money('outlays', 'US', 'G', 4))).toBe('20');
    // within the horizon: 50 + 80 + 100 + 50 = 280
    expect(M(m.money('outlays', 'US'))).toBe('280');
  });
  it('follow-on: programs at their ratio, the rest of the envelope at the mechanism ratio', () => {
    // program 10 x 10 = 100 a year; rest (100 - 10) x 2 = 180 a year; 3 years: 3 x 280 = 840
    expect(M(m.money('followOn', 'US'))).toBe('840');
    // follow-on stays out of headline mobilization by default: headline = commitment 300
    expect(M(m.money('headlineMobilization'))).toBe('300');
  });
});

describe('equity vehicle', () => {
  const ev = evalYaml(
    head(5) +
      `
mechanisms:
  - id: E
    kind: equity-vehicle
    investments:
      IL: { amount: 300M, per: total, from: 1, to: 3 }
    distributions: { multiple: 2x, lag: 1, over: 2 }
    coInvest: 0.5x
`,
  );
  const m = ev.measure;
  it('invests, is not appropriated, and distributions come back at the multiple', () => {
    // 300 over 3 years = 100 a year; no budget cost (not appropriated)
    expect(M(m.money('publicCommitment', 'IL'))).toBe('300');
    expect(M(m.money('budgetCost', 'IL'))).toBe('0');
    // each 100 returns 2 x 100 = 200, as 100 and 100 one and two years later:
    // FY2028 100; FY2029 100 + 100; FY2030 100 + 100; FY2031 100  -> 600 within the horizon
    expect([0, 1, 2, 3, 4].map((y) => M(m.money('distributions', 'IL', 'E', y)))).toEqual(['0', '100', '200', '200', '100']);
    expect(M(m.money('netAfterReturns', 'IL'))).toBe('-300');
    // co-investment 0.5 x 300 = 150
    expect(M(m.money('privateMobilized', 'IL'))).toBe('150');
  });
  it('a total that does not divide evenly still adds back exactly', () => {
    const e2 = evalYaml(
      head(3) +
        `
mechanisms:
  - id: E
    kind: equity-vehicle
    investments: { US: 1B }
`,
    );
    // 1000 / 3 = 333.333...; the parts must sum to exactly 1000
    expect(M(e2.measure.money('publicCommitment', 'US'))).toBe('1000');
    expect(M(e2.measure.money('publicCommitment', 'US', 'E', 0))).toBe('333.333333');
  });
});

describe('credit facility', () => {
  const ev = evalYaml(
    head(4) +
      `
mechanisms:
  - id: C
    kind: credit-facility
    obligations: { US: 2B }
    subsidyRate: 5%
    disbursement: { shares: [50%, 50%] }
    match:
      IL: { amount: 40M, per: year, label: partner match }
    coFinance: 1x
`,
  );
  const m = ev.measure;
  it('budget cost is subsidy x face value in the year obligated', () => {
    // 2000 over 4 years = 500 a year; 5% x 500 = 25 a year; 4 x 25 = 100
    expect(M(m.money('publicCommitment', 'US'))).toBe('2000');
    expect(M(m.money('budgetCost', 'US', 'C', 0))).toBe('25');
    expect(M(m.money('budgetCost', 'US'))).toBe('100');
  });
  it('loans disburse by the profile and the subsidy is outlaid as they disburse', () => {
    // disbursements: 250 | 250+250 | 500 | 500 | after 250 -> 1750 within the horizon
    expect(M(m.money('deployed', 'US'))).toBe('1750');
    // subsidy outlays: 12.5 | 25 | 25 | 25 | after 12.5 -> 87.5
    expect(M(m.money('outlays', 'US'))).toBe('87.5');
  });
  it('the partner match is its own flow, appropriated by default', () => {
    // 40 a year x 4 = 160
    expect(M(m.money('publicCommitment', 'IL'))).toBe('160');
    expect(M(m.money('budgetCost', 'IL'))).toBe('160');
  });
  it('leverage on both bases', () => {
    // private = 1 x 2000 = 2000; commitment basis 2000 / (2000 + 160) = 0.925926
    expect(m.ratio('leverage.commitment')!.toPlain(6)).toBe('0.925926');
    // budget basis 2000 / (100 + 160) = 7.692308
    expect(m.ratio('leverage.budget')!.toPlain(6)).toBe('7.692308');
  });
});

describe('LP fund waves', () => {
  const ev = evalYaml(
    head(5) +
      `
assumptions:
  drawdowns:
    d: { rates: [50%], growth: 0%, bow: 1, life: 4 }
mechanisms:
  - id: L
    kind: lp-fund-waves
    drawdown: d
    crowdIn: 3x
    waves:
      - { id: w1, year: 1, commit: { US: 100M } }
      - { id: w2, year: 3, commit: { US: 100M }, gate: { holds: false } }
`,
  );
  const m = ev.measure;
  it('a wave whose gate does not hold commits nothing', () => {
    expect(M(m.money('publicCommitment', 'US'))).toBe('100');
    // crowd-in 3 x 100 = 300, in the wave year; not appropriated
    expect(M(m.money('privateMobilized', 'US', 'L', 0))).toBe('300');
    expect(M(m.money('budgetCost', 'US'))).toBe('0');
  });
  it('capital is called at the Takahashi-Alexander rate of the uncalled remainder', () => {
    // 50% of 100 = 50; 50% of 50 = 25; 12.5; 6.25; at age 4 (= life) calls stop
    expect([0, 1, 2, 3, 4].map((y) => M(m.money('deployed', 'US', 'L', y)))).toEqual(['50', '25', '12.5', '6.25', '0']);
  });
  it('distributions follow Takahashi and Alexander (2002): D_t = RD_t x NAV_{t-1} x (1 + G), RD_t = (t / L)^B', () => {
    // Takahashi and Alexander, "Illiquid Alternative Asset Fund Modeling", Journal of Portfolio
    // Management 28(2), 2002. The year of commitment is t = 1. Growth 0, life 4, bow 1: RD_t = t / 4.
    // t = 1 (FY2027): NAV_0 = 0 -> D 0; C 50; NAV = 50
    // t = 2 (FY2028): D = 2/4 x 50 = 25; C 25; NAV = 25 + 25 = 50
    // t = 3 (FY2029): D = 3/4 x 50 = 37.5; C 12.5; NAV = 12.5 + 12.5 = 25
    // t = 4 (FY2030, t = L): D = 1 x 25 = 25; C 6.25; NAV = 6.25
    // t = 5 (FY2031): RD capped at 1: D = 6.25 (the last call back); NAV = 0
    expect([0, 1, 2, 3, 4].map((y) => M(m.money('distributions', 'US', 'L', y)))).toEqual(['0', '25', '37.5', '25', '6.25']);
    // with no growth, everything called comes back: 93.75 = 50 + 25 + 12.5 + 6.25
    expect(M(m.money('distributions', 'US'))).toBe('93.75');
  });
  it('distributions grow at G and rise with the bow (Takahashi and Alexander 2002)', () => {
    const g = evalYaml(
      head(6) +
        `
assumptions:
  drawdowns:
    d: { rates: [50%], growth: 20%, bow: 2, life: 4 }
mechanisms:
  - id: L
    kind: lp-fund-waves
    drawdown: d
    waves:
      - { id: w1, year: 1, commit: { US: 100M } }
`,
    ).measure;
    // t = 1: C 50; D 0; NAV 50
    // t = 2: grown 50 x 1.2 = 60; RD (2/4)^2 = 0.25; D 15; C 25; NAV 45 + 25 = 70
    // t = 3: grown 84; RD (3/4)^2 = 0.5625; D 47.25; C 12.5; NAV 36.75 + 12.5 = 49.25
    // t = 4: grown 59.1; RD 1; D 59.1; C 6.25; NAV 6.25
    // t = 5: grown 7.5; D 7.5; NAV 0
    // t = 6: nothing left
    expect([0, 1, 2, 3, 4, 5].map((y) => M(g.money('distributions', 'US', 'L', y)))).toEqual([
      '0',
      '15',
      '47.25',
      '59.1',
      '7.5',
      '0',
    ]);
  });
});

describe('feasibility-gated project', () => {
  const project = (passes: boolean, months = 6) =>
    head(3) +
    `
mechanisms:
  - id: P
    kind: gated-project
    study: { months: ${months}, passes: ${passes} }
    window: { months: 24 }
    commit: { US: 240M }
    fallback: B
  - id: B
    kind: grant-program
    appropriations: { US: { amount: 50M, per: year } }
`;
  it('commits over the window after the study, month by month', () => {
    const m = evalYaml(project(true)).measure;
    // window = months 6..30: FY2027 6 months, FY2028 12, FY2029 6 -> 240 x 6/24, 12/24, 6/24
    expect([0, 1, 2].map((y) => M(m.money('publicCommitment', 'US', 'P', y)))).toEqual(['60', '120', '60']);
    expect(M(m.money('budgetCost', 'US', 'P'))).toBe('240');
    // the fallback does not run when the study passes
    expect(M(m.money('publicCommitment', 'US', 'B'))).toBe('0');
  });
  it('a failed study commits nothing and the named fallback runs', () => {
    const m = evalYaml(project(false)).measure;
    expect(M(m.money('publicCommitment', 'US', 'P'))).toBe('0');
    // fallback: 50 a year x 3 = 150
    expect(M(m.money('publicCommitment', 'US', 'B'))).toBe('150');
  });
  it('a window running past the horizon books the rest after it', () => {
    const m = evalYaml(project(true, 30)).measure;
    // window = months 30..54; the horizon ends at month 36: 6 months inside, 18 after
    // 240 x 6/24 = 60 in FY2029; 240 x 18/24 = 180 after
    expect(M(m.money('publicCommitment', 'US', 'P', 2))).toBe('60');
    expect(M(m.money('publicCommitment', 'US', 'P'))).toBe('60');
    expect(M(m.money('publicCommitment', 'US', 'P', 3))).toBe('180');
  });
});

describe('extends patches', () => {
  it('`key: ~` deletes the base key, so an allocation can switch from amount to byYear', async () => {
    const { writeFiles } = await import('../support/scenario.js');
    const { loadScenario } = await import('../../src/normalize/load.js');
    const { evaluate } = await import('../../src/measure/evaluate.js');
    const { Loader } = await import('../../src/read/load.js');
    const dir = writeFiles({
      'base.yaml':
        head(3) +
        `
mechanisms:
  - id: G
    kind: grant-program
    appropriations: { US: { amount: 100M, per: year } }
`,
      'alt.yaml': `extends: base.yaml
name: alt
mechanisms:
  - id: G
    appropriations: { US: { amount: ~, per: ~, byYear: { FY2028: 50M } } }
`,
    });
    const r = loadScenario('alt.yaml', new Loader(dir));
    expect(r.diags.errors()).toEqual([]);
    const m = evaluate(r.scenario!).measure;
    // base: 3 x 100 = 300; the patch leaves only 50 in FY2028
    expect(M(m.money('publicCommitment', 'US'))).toBe('50');
    expect(M(m.money('publicCommitment', 'US', 'G', 1))).toBe('50');
  });
});
