// estimate as a cost estimate: per government, direct spending apart from spending subject
// to appropriation, receipts on their own line, incremental to a stated baseline. Every
// expected figure is worked out by hand from the Compact's figures (its line numbers, as
// scenarios/compact-2026.yaml cites them).
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

type Lines = Record<string, Record<string, Record<string, string>>>;
type Sponsor = Lines;
interface EstimateJson {
  version: number;
  baseline: { kind: string };
  enacted: string;
  sponsors: Record<string, Sponsor & { mechanisms: { id: string; category: string; budgetAuthority: Record<string, string> }[] }>;
  gates: { key: string; probabilitySource: string }[];
}

async function estimate(...args: string[]): Promise<EstimateJson> {
  const r = await cli(['estimate', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as EstimateJson;
}
const num = (s: string | undefined) => Number(s);

describe('estimate of the baseline on the federal basis', () => {
  it('files F-1 and F-4 under direct spending and the rest under spending subject to appropriation, per government', async () => {
    const e = await estimate('--basis', 'federal');
    // Two sovereigns, each on its own; no summed "total" sponsor.
    expect(Object.keys(e.sponsors)).toEqual(['US', 'IL']);
    const us = e.sponsors.US!;
    const by = (cat: string) => [...new Set(us.mechanisms.filter((m) => m.category === cat).map((m) => m.id))];
    // F-1 equity and F-4 LP commitments are "not appropriated" (l.579, l.880): the law provides them.
    expect(by('directSpending')).toEqual(['F-1', 'F-4']);
    expect(by('subjectToAppropriation')).toEqual(['F-2', 'F-3', 'F-5', 'F-6', 'Q-1', 'S-1B']);
  });

  it("adds up, over 5 and 10 years, to run's budget cost", async () => {
    const us = (await estimate('--basis', 'federal')).sponsors.US!;
    // Direct budget authority: F-1 $1.0B (l.579) + F-4 two $500M commitments (l.600) = 2,000 over
    // ten years; in the first five, F-1 5 x 100 + F-4's first fund 500 (FY2027) = 1,000.
    expect(num(us.directSpending!.budgetAuthority!['2027-2036'])).toBe(2000);
    expect(num(us.directSpending!.budgetAuthority!['2027-2031'])).toBe(1000);
    // Authorization: F-2 250 x 10 = 2,500 (l.596; Q-1's 150 inside it) + F-3 5% x 2.5B = 125
    // (l.598, midpoint of $2-3B) + F-5 midpoint of $500M-1B = 750 (l.583) + F-6 100 x 10 = 1,000
    // (l.604) + S-1B 7.5 (l.308) = 4,382.5. In five years: 1,250 + 62.5 + 750 (study of 6 months
    // then a 24-month window, l.583) + 500 + 7.5 = 2,570.
    expect(num(us.subjectToAppropriation!.authorizationLevel!['2027-2036'])).toBe(4382.5);
    expect(num(us.subjectToAppropriation!.authorizationLevel!['2027-2031'])).toBe(2570);
    // 2,000 + 4,382.5 = 6,382.5: run's federal budget cost for the U.S.
    const run = JSON.parse((await cli(['run', '--basis', 'federal', '--format', 'json'])).stdout) as {
      metrics: { budgetCost: Record<string, string> };
    };
    expect(num(run.metrics.budgetCost.US)).toBe(6382.5);
  });

  it('keeps offsetting receipts on their own line, never in spending subject to appropriation', async () => {
    const fed = (await estimate('--basis', 'federal')).sponsors.US!;
    const pub = (await estimate('--basis', 'as-published')).sponsors.US!;
    // F-1/F-4 distributions come back as receipts (negative direct spending) on the federal basis.
    expect(num(fed.directSpending!.offsettingReceipts!['2027-2036'])).toBeLessThan(0);
    // Net direct spending = outlays + receipts (already negative), column by column.
    const d = fed.directSpending!;
    expect(num(d.netOutlays!['2027-2036'])).toBeCloseTo(
      num(d.outlays!['2027-2036']) + num(d.offsettingReceipts!['2027-2036']),
      6,
    );
    // The appropriated lines are the same on both bases: the receipts did not touch them.
    expect(fed.subjectToAppropriation).toEqual(pub.subjectToAppropriation);
    // As published, F-1 and F-4 count for nothing, so there is no direct spending at all.
    expect(num(pub.directSpending!.budgetAuthority!['2027-2036'])).toBe(0);
  });

  it("says where each gate probability comes from, or that it is the scenario author's assumption", async () => {
    const e = await estimate('--basis', 'federal');
    // F-4 fund-2's 70% and F-5's 50% are "probability: assumption" in compact-2026.yaml.
    for (const g of e.gates) expect(g.probabilitySource).toMatch(/scenario author's assumption/);
  });
});

describe('estimate --against', () => {
  it('shows only the increment over F-2 at current law', async () => {
    const e = await estimate('--basis', 'federal', '--against', 'scenarios/f2-current-law.yaml');
    expect(e.baseline.kind).toBe('scenario');
    for (const gov of ['US', 'IL']) {
      const sp = e.sponsors[gov]!;
      // Only F-2 differs: $250M a year (l.596) against the placeholder $25M: 225 a year, 2,250 over ten.
      expect([...new Set(sp.mechanisms.map((m) => m.id))]).toEqual(['F-2']);
      expect(num(sp.subjectToAppropriation!.authorizationLevel!['2027-2036'])).toBe(2250);
      // First-year outlays: 15% of 225 (grants-new spend-out: 15/35/30/15/5) = 33.75.
      expect(num(sp.subjectToAppropriation!.outlays!.FY2027)).toBe(33.75);
      expect(num(sp.directSpending!.budgetAuthority!['2027-2036'])).toBe(0);
    }
  });

  it('refuses a baseline with another horizon or other governments, naming the difference', async () => {
    const r = await cli(['estimate', '--against', 'test/fixtures/generic/seven-years-three-governments.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/another horizon \(this plan: FY2027, 10 years; the baseline: FY\d+, \d+ years\)/);
    expect(r.stderr).toMatch(/another set of governments/);
  });
});

describe('estimate of the alternatives', () => {
  it('enactment in FY2028 moves every flow a year later', async () => {
    const us = (await estimate('scenarios/enacted-fy2028.yaml', '--basis', 'federal')).sponsors.US!;
    expect(num(us.subjectToAppropriation!.authorizationLevel!.FY2027)).toBe(0);
    expect(num(us.directSpending!.budgetAuthority!.FY2027)).toBe(0);
    // F-4's first fund (500) and F-1's first year (100) land in FY2028.
    expect(num(us.directSpending!.budgetAuthority!.FY2028)).toBe(600);
    // Ten years of F-1 at 100 become nine in the horizon: 900 + F-4 1,000 = 1,900.
    expect(num(us.directSpending!.budgetAuthority!['2027-2036'])).toBe(1900);
  });

  it('F-1 and F-4 appropriated: the same money under spending subject to appropriation, no direct spending', async () => {
    const us = (await estimate('scenarios/f1-f4-appropriated.yaml', '--basis', 'federal')).sponsors.US!;
    expect(num(us.directSpending!.budgetAuthority!['2027-2036'])).toBe(0);
    // 4,382.5 + F-1 1,000 + F-4 1,000 = 6,382.5.
    expect(num(us.subjectToAppropriation!.authorizationLevel!['2027-2036'])).toBe(6382.5);
  });
});

describe('estimate table', () => {
  it('rounds to whole millions and states the rule', async () => {
    const r = await cli(['estimate', '--basis', 'federal', '--width', '200']);
    expect(r.code).toBe(0);
    // 4,382.5 rounds half away from zero to 4,383; S-1B's FY2032 outlay (7.5 x 5% = 0.375) is '*'.
    expect(r.stdout).toMatch(/Estimated authorization level .*│\s+2,570 │\s+4,383 │/);
    expect(r.stdout).toContain('components may not sum to totals because of rounding');
    expect(r.stdout).not.toContain('All governments');
    expect(r.stdout).toMatch(/S-1B outlays .*│\s+\* │/);
  });

  it('renders the same tables in markdown and HTML', async () => {
    const md = (await cli(['estimate', '--basis', 'federal', '--format', 'markdown'])).stdout;
    const html = (await cli(['estimate', '--basis', 'federal', '--format', 'html'])).stdout;
    // The U.S. authorization over ten years, 4,382.5, rounds to 4,383 in both.
    expect(md).toMatch(/Estimated authorization level \| .*\| 2,570 \| 4,383 \|/);
    for (const t of ['summary', 'cost', 'mechanisms', 'paygo', 'gates']) expect(html).toContain(`id="table-estimate-US-${t}"`);
    expect(html).toContain('4,383');
  });

  it('warns about an administrative cost without a source', async () => {
    const { writeFiles } = await import('../support/scenario.js');
    const dir = writeFiles({
      'a.yaml': [
        'extends: ' + process.cwd() + '/scenarios/compact-2026.yaml',
        'name: with admin',
        'scoring:',
        '  administrativeCosts:',
        '    US: { value: 2M }',
      ].join('\n'),
    });
    const r = await cli(['estimate', 'a.yaml', '--width', '200'], { cwd: dir });
    expect(r.stderr).toMatch(/administrativeCosts\.US has no source/);
    // 2 a year for ten years: 20, shown as its own line under spending subject to appropriation.
    expect(r.stdout).toMatch(/of which administrative costs .*│\s+10 │\s+20 │/);
  });
});
