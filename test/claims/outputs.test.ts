// Claims as every output shows them: identities (true by construction of the scenario) are
// not counted among the claims that hold; a claim's verdict on another scoring basis is shown
// where it differs; a plan without claims prints no claims line; a figure an alternative sets
// on its author's assumption is flagged in every output that shows the scenario.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempDir, writeFiles } from '../support/scenario.js';

// The baseline's 17 claims, as published: 11 hold, of which 6 are identities (marked
// `identity: true`), so 5 hold as evidence and 6 do not (test/core/compact-claims.test.ts
// reads each against the report's line). Federal: totals-row-appropriated holds there
// (1,000 + 2,350 + 150 + 1,000 + 1,000 = 5,500 per side) and f1-f4-not-appropriated does not
// (F-1 + F-4 = 2 x (1,000 + 1,000) = 4,000 > 0): 6 hold, 5 identities, 6 do not.

it('run (table): the count leaves identities out, lists them apart, and shows the other basis', async () => {
  const r = await cli(['run']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Published claims (as published basis): 5 of 17 hold, 6 do not, 6 are identities');
  expect(r.stdout).toContain('Identities: true by construction of the scenario, not evidence (6)');
  expect(r.stdout).toMatch(/^f1-f4-not-appropriated {2}identity {2}published <= 0\.0 {2}computed 0\.0$/m);
  expect(r.stdout).toContain('on the federal basis: does not hold (computed 4,000.0)');
  expect(r.stdout).toContain('on the federal basis: holds (computed US 5,500.0 / IL 5,500.0)');
  expect(r.stdout.replace(/\s+/g, ' ')).toContain('on the federal basis: 6 of 17 hold, 6 do not, 5 are identities');
  expect(r.stdout).not.toMatch(/^headline-15b {2}holds/m);
});

it('run (markdown, JSON): the same verdicts, identity as its own word, every basis in JSON', async () => {
  const md = await cli(['run', '--format', 'markdown']);
  expect(md.stdout).toContain('| s1b-30m-combined | identity |');
  expect(md.stdout).toContain('**Identities: true by construction of the scenario, not evidence (6)**');
  const j = JSON.parse((await cli(['run', '--format', 'json'])).stdout) as {
    claims: { id: string; holds: boolean; identity: boolean; verdict: string; byBasis: Record<string, { verdict: string }> }[];
  };
  const by = Object.fromEntries(j.claims.map((c) => [c.id, c]));
  expect(by['headline-15b']).toMatchObject({ holds: true, identity: true, verdict: 'identity' });
  expect(by['f1-f4-not-appropriated']!.byBasis).toEqual({
    'as-published': { verdict: 'identity', holds: true, computed: '0' },
    federal: { verdict: 'does not hold', holds: false, computed: '4000' },
  });
  expect(j.claims.filter((c) => c.verdict === 'holds').length).toBe(5);
});

it('report (HTML): identity as its own verdict and in the card', async () => {
  const dir = tempDir();
  const r = await cli(['report', '-o', join(dir, 'r.html')]);
  expect(r.code).toBe(0);
  const html = readFileSync(join(dir, 'r.html'), 'utf8');
  expect(html).toMatch(/>identity</);
  expect(html).toContain('6 are identities (true by construction)');
});

it('check: claims that are identities are not counted as holding', async () => {
  const r = await cli(['check', 'scenarios/compact-2026.yaml']);
  expect(r.stdout + r.stderr).toContain('claims 5/17 hold (6 more are identities)');
  const j = JSON.parse((await cli(['check', 'scenarios/compact-2026.yaml', '--format', 'json'])).stdout) as {
    files: { claims: { total: number; hold: number; identity: number } }[];
  };
  expect(j.files[0]!.claims).toMatchObject({ total: 17, hold: 5, identity: 6 });
});

/** A plan with one grant and nothing else: no claims, no private capital. */
const PLAIN = [
  'name: A plain plan',
  'horizon: { start: FY2027, years: 2 }',
  'governments:',
  '  AA: { name: Alpha }',
  'mechanisms:',
  '  - id: G',
  '    kind: grant-program',
  '    label: A grant',
  '    appropriations: { AA: { amount: 10M, per: year, source: "test" } }',
].join('\n');

it('a plan without claims prints no claims line ("0 of 0 hold" says nothing)', async () => {
  const dir = writeFiles({
    'plain.yaml': PLAIN,
  });
  for (const format of ['table', 'markdown']) {
    const r = await cli(['run', 'plain.yaml', '--format', format], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/claims/i);
  }
  // Nor a "Published claims: 0 of 0" card in the HTML report.
  expect((await cli(['report', 'plain.yaml', '-o', 'r.html'], { cwd: dir })).code).toBe(0);
  expect(readFileSync(join(dir, 'r.html'), 'utf8')).not.toContain('Published claims');
});

it("flags an alternative's own assumed figures in run (every format) and in an estimate against it", async () => {
  // f2-current-law.yaml sets F-2 to 25M a year per side, its source "assumption (scenario author, placeholder)".
  const r = await cli(['run', 'scenarios/f2-current-law.yaml']);
  expect(r.stdout.replace(/\s+/g, ' ')).toContain(
    "Assumed by this scenario's author, not a published figure: F-2 appropriations US 25.0; F-2 appropriations IL 25.0",
  );
  const md = await cli(['run', 'scenarios/f2-current-law.yaml', '--format', 'markdown']);
  expect(md.stdout).toContain('F-2 appropriations US 25.0');
  const j = JSON.parse((await cli(['run', 'scenarios/f2-current-law.yaml', '--format', 'json'])).stdout) as {
    scenario: { assumed: { path: string; value: string }[] };
  };
  expect(j.scenario.assumed.map((a) => [a.path, a.value])).toEqual([
    ['mechanisms[F-2].appropriations.US.amount', '25.0'],
    ['mechanisms[F-2].appropriations.IL.amount', '25.0'],
  ]);
  const e = await cli(['estimate', '--against', 'scenarios/f2-current-law.yaml']);
  expect(e.stdout.replace(/\s+/g, ' ')).toContain(
    "Assumed by the baseline scenario's author, not a published figure: F-2 appropriations US 25.0",
  );
  // The baseline itself extends nothing: its own assumptions are in its inputs, not this line.
  expect((await cli(['run'])).stdout).not.toContain('Assumed by');
});

it('report (HTML): no legend entry without marks; headings in words, the path only as a tooltip', async () => {
  // A plan with no private capital: the "private capital mobilized" series has no bar, so no legend entry.
  const dir = writeFiles({
    'plain.yaml': PLAIN,
  });
  expect((await cli(['report', 'plain.yaml', '-o', 'r.html'], { cwd: dir })).code).toBe(0);
  const plain = readFileSync(join(dir, 'r.html'), 'utf8');
  expect(plain).toContain('class="legend">public commitment<');
  expect(plain).not.toContain('class="legend">private capital mobilized<');
  // The baseline's "what it would take" headings: the U.S. as-published average is 4,382.5 / 10
  // = 438.25, 61.75 short of 500 (617.5 over 10 years).
  expect((await cli(['report', '-o', join(dir, 'b.html')])).code).toBe(0);
  const html = readFileSync(join(dir, 'b.html'), 'utf8');
  expect(html).toContain(
    '<h3 title="floor.US.appropriated.met">Floor, US: budget, as published, on average (short by 61.8 a year on average',
  );
  expect(html).not.toMatch(/<h[1-4][^>]*>[^<]*floor\.[A-Z]+\./);
});
