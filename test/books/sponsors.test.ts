// Sponsors with types and budget concepts, and a provisioned guarantee, worked by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { evalYaml, M, tempDir } from '../support/scenario.js';

const EFSI = readFileSync('test/fixtures/books/efsi.yaml', 'utf8');

describe('EFSI: a provisioned EU guarantee and a bank with no budget cost', () => {
  // EU guarantee 16,000 provisioned at 50%: budget cost 16,000 x 0.5 = 8,000, paid when committed
  //   (4,000 a year over 4 years x 50% = 2,000 a year).
  // EIB 5,000 of own resources: commitment 5,000, budget cost 0 (a bank: basis none).
  // Private: the guarantee backs 15 per guaranteed euro, the guaranteed one included: (15 - 1) x 16,000
  //   = 224,000 beyond the public commitment; the bank: 14 x 5,000 = 70,000 on top of its loans -> 294,000.
  // Headline = 21,000 + 294,000 = 315,000: 15x per unit committed (315,000 / 21,000),
  //   39.375x per unit of budget cost (315,000 / 8,000).
  const m = evalYaml(EFSI).measure;

  it('budget cost is the provisioning, and the bank has none', () => {
    expect(M(m.money('budgetCost', 'EU'))).toBe('8000');
    expect(M(m.money('budgetCost', 'EU', undefined, 0))).toBe('2000');
    expect(M(m.money('outlays', 'EU'))).toBe('8000');
    expect(M(m.money('budgetCost', 'EIB'))).toBe('0');
    expect(M(m.money('outlays', 'EIB'))).toBe('0');
  });

  it('the half not provisioned is reported as exposure, not cost', () => {
    // 16,000 guaranteed - 8,000 provisioned = 8,000 unprovisioned; the bank has no budget, so none.
    expect(M(m.money('unprovisionedExposure', 'EU'))).toBe('8000');
    expect(M(m.money('unprovisionedExposure', 'EIB'))).toBe('0');
  });

  it('commitment and mobilization count for both, the bank included', () => {
    expect(M(m.money('publicCommitment', 'EIB'))).toBe('5000');
    expect(M(m.money('publicCommitment'))).toBe('21000');
    expect(M(m.money('privateMobilized'))).toBe('294000');
    expect(M(m.money('headlineMobilization'))).toBe('315000');
    expect(m.money('headlineMobilization').div(m.money('publicCommitment')).toPlain()).toBe('15');
    expect(m.ratio('multiplier')!.toPlain()).toBe('39.375');
  });

  it('is the same plan written with governments: (the older name)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), EFSI);
    writeFileSync(join(dir, 'b.yaml'), EFSI.replace('sponsors:', 'governments:'));
    const a = await cli(['run', 'a.yaml', '--format', 'json'], { cwd: dir });
    const b = await cli(['run', 'b.yaml', '--format', 'json'], { cwd: dir });
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout.replaceAll('b.yaml', 'a.yaml')).toBe(a.stdout);
  });
});

describe('a provisioning schedule', () => {
  it('applies each rate from its year on', () => {
    // 100 a year for 4 years; 50% in FY2015-FY2016, 35% from FY2017: 50 + 50 + 35 + 35 = 170.
    const s = evalYaml(`
name: schedule
horizon: { start: 2015, years: 4 }
sponsors: { EU: { type: multilateral, basis: provisioning } }
mechanisms:
  - id: G
    kind: loan-guarantee
    guarantees: { EU: { amount: 100M, per: year } }
    provisioning: { rate: 50%, schedule: { FY2017: 35% } }
`).measure;
    expect(M(s.money('budgetCost', 'EU'))).toBe('170');
    expect(M(s.money('budgetCost', 'EU', undefined, 2))).toBe('35');
  });
});

describe('sponsor mistakes', () => {
  it('federal scoring on a bank, a bad code, both lists: each a diagnostic, all at once, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      EFSI.replace(
        'EIB: { name: European Investment Bank, type: bank }',
        'EIB: { name: European Investment Bank, type: bank, basis: federal }',
      ).replace('horizon:', 'governments: [EU]\nhorizon:'),
    );
    const r = await cli(['check', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+.*basis "federal" does not fit EIB, a bank sponsor/);
    expect(r.stderr).toContain('federal scoring is for U.S. federal sponsors');
    expect(r.stderr).toMatch(/both `sponsors:` and `governments:` are written/);
  });

  it('a four-letter code is a sponsor code', () => {
    const s = evalYaml(`
name: four
horizon: { start: FY2027, years: 2 }
sponsors: [KFWB]
mechanisms:
  - { id: G, kind: grant-program, appropriations: { KFWB: { amount: 10M, per: year } } }
`).measure;
    expect(M(s.money('budgetCost', 'KFWB'))).toBe('20');
  });
});

describe('the EFSI guide page', () => {
  it('shows the scenario these tests work by hand, word for word', () => {
    const page = readFileSync('docs/guide/efsi.md', 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(page)![1];
    expect(block).toBe(EFSI);
  });
});
