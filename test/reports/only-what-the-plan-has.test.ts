// A plan shows only the tests it has: no floor chart or table without a floor, no target line
// without a target, no claims section or card without claims, in markdown, the terminal and HTML.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One government, grants of 100M a year for 5 years; no floor, target, test or claim.
const BARE = join(dir, 'bare.yaml');
writeFileSync(
  BARE,
  `name: bare
horizon: { start: FY2031, years: 5 }
governments:
  AA: { name: Country A }
mechanisms:
  - id: G-1
    kind: grant-program
    label: Grants
    appropriations:
      AA: { amount: 100M, per: year }
`,
);

describe('only what the plan has', () => {
  it('no floor, target or claims: none of their sections, in the terminal and markdown', async () => {
    for (const format of ['table', 'markdown']) {
      const r = await cli(['run', BARE, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/floor|target|claim/i);
      // the plan's own figures are there: 5 x 100 = 500
      expect(r.stdout).toContain('500.0');
    }
  });

  it('HTML: no floor chart, no target line, no claims card', async () => {
    const out = join(dir, 'bare.html');
    const r = await cli(['report', BARE, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('chart-floor');
    expect(html).not.toContain('Published claims');
    expect(html).not.toMatch(/against the target/);
    expect(html).toContain('chart-headline');
  });

  it('a target and no floor: the target line, no floor chart', async () => {
    const out = join(dir, 'plan.html');
    const r = await cli(['report', 'test/fixtures/generic/targets-plan.yaml', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('chart-floor');
    expect(html).toContain('Cumulative headline mobilization (public commitment + private capital) against the target');
  });
});
