// The report's top cards carry every verdict of the plan: the target on both readings and
// the floor of each government on each reading, as the floor table computes them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempDir, writeFiles } from '../support/scenario.js';

/** The visible text of the HTML's cards (tags dropped, entities of quotes and ampersands undone). */
function cards(html: string): string {
  const start = html.indexOf('Headline mobilization (');
  const end = html.indexOf('Published claims', start);
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/\s+/g, ' ');
}

it('shows the floor of each government on every reading and the target on both readings', async () => {
  const dir = tempDir();
  const r = await cli(['report', 'scenarios/compact-2026.yaml', '-o', join(dir, 'r.html')]);
  expect(r.code).toBe(0);
  const c = cards(readFileSync(join(dir, 'r.html'), 'utf8'));
  // Target: 18,855 >= 10,000 on the headline; private capital 4,015 (F-4 LPs 2 x 2,000 + S-1B's
  // 15) < 10,000 on the private reading.
  expect(c).toContain('target 10,000.0: MET; on private capital only (4,015.0): NOT MET');
  // U.S. floor 500 a year: as published 4,382.5 / 10 = 438.25 < 500, FY2027-FY2029 above it
  // (555.6, 739.4, 550.0): 3 of 10 years; federal 6,382.5 / 10 = 638.25 (F-1's 100 a year and
  // F-4's 500 in FY2027 and FY2032 count too): met on average, and in FY2027-FY2029 and FY2032
  // (1,155.6, 839.4, 650.0, 962.5; the other years 362.5 + 100 = 462.5): 4 of 10 years;
  // commitment 8,757.5 / 10 = 875.75, every year at least 700.
  expect(c).toContain('Floor, United States (at least 500.0 a year) met on 2 of 3 readings');
  expect(c).toContain(
    'budget, as published: NOT MET (3/10 years); budget, federal: MET (4/10 years); commitment: MET (10/10 years)',
  );
  // Israel: as published 4,082.5 / 10 = 408.25 < 500 (only FY2028's 559.4 is above it); on the
  // federal basis and on commitment 6,082.5 / 10 = 608.25.
  expect(c).toContain('Floor, Israel (at least 500.0 a year) met on 2 of 3 readings');
  expect(c).toContain('budget, as published: NOT MET (1/10 years)');
});

it('says when mobilization is all public money, and shows no floor card without a floor', async () => {
  const dir = writeFiles({
    'p.yaml': `name: public only
horizon: { start: FY2030, years: 2 }
governments: { AA: { name: Aland } }
targets: { mobilization: { value: 100M } }
mechanisms:
  - id: G-1
    kind: grant-program
    appropriations: { AA: { amount: 60M, per: year } }
`,
  });
  const r = await cli(['report', 'p.yaml', '-o', 'r.html'], { cwd: dir });
  expect(r.code).toBe(0);
  const c = cards(readFileSync(join(dir, 'r.html'), 'utf8'));
  // 2 x 60 = 120 of public money, no private capital: met on the headline, not on private only.
  expect(c).toContain('target 100.0: MET; on private capital only (0.0): NOT MET');
  expect(c).toContain('all of it public money: no private capital is mobilized');
  expect(c).not.toContain('Floor,');
});

it("does not show two sponsors' budgets as one: their sum is for reference, each sponsor's own beside it", async () => {
  const dir = tempDir();
  const r = await cli(['report', 'scenarios/compact-2026.yaml', '-o', join(dir, 'r.html')]);
  expect(r.code).toBe(0);
  const c = cards(readFileSync(join(dir, 'r.html'), 'utf8'));
  // As published: United States 4,382.5 and Israel 4,082.5 over FY2027-FY2036; 8,465.0 together.
  expect(c).toContain('Budget cost (FY2027-FY2036), 2 sponsors combined for reference 8,465.0');
  expect(c).toContain(
    "as published basis; each sponsor's own budget: United States 4,382.5; Israel 4,082.5 (their sum is not one budget)",
  );
  expect(c).not.toContain('all 2 governments');
});
