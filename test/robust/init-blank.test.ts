// `compact-model init --blank`: a stand-alone plan (no extends) that runs and passes
// check as written, with one mechanism of every kind in the registry.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KIND_NAMES } from '../../src/mechanisms/registry.js';
import { cli } from '../support/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-blank-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('writes a stand-alone plan with every kind that check passes and run computes', async () => {
  const r = await cli(['init', '--blank', 'new-plan'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain('wrote new-plan.yaml');
  const text = readFileSync(join(dir, 'new-plan.yaml'), 'utf8');
  const doc = parse(text) as Record<string, unknown> & { mechanisms: { kind: string }[] };
  expect(doc.extends).toBeUndefined();
  for (const k of ['horizon', 'governments', 'targets', 'claims', 'assert']) expect(doc[k], k).toBeDefined();
  // Every kind of the registry, once each.
  expect(doc.mechanisms.map((m) => m.kind).sort()).toEqual([...KIND_NAMES].sort());
  // Nothing of the shipped plan's wording.
  expect(text).not.toMatch(/Compact|F-[1-6]\b|\bUS\b|\bIL\b/);

  const check = await cli(['check', 'new-plan.yaml'], { cwd: dir });
  expect(check.code, check.stderr).toBe(0);
  expect(check.stderr).toBe('');
  expect(check.stdout).toContain('assertions 2/2 hold');
  expect(check.stdout).toContain('claims 1/1 hold');

  const run = await cli(['run', 'new-plan.yaml', '--format', 'json'], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  const m = (JSON.parse(run.stdout) as { metrics: { budgetCost: { total: string }; headlineMobilization: string } }).metrics;
  // Budget cost, by hand (USD millions, base case = midpoints):
  //   grants 2 x 100/yr x 10 yr = 2,000; equity 0; loans 5% x 1,250 = 62.5;
  //   guarantees 2% x (50/yr x 9 yr from FY2028 = 450) = 9; fund of funds 0;
  //   gated project (study passes) 300 + 150 = 450. Total 2,000 + 62.5 + 9 + 450 = 2,521.5.
  expect(m.budgetCost.total).toBe('2521.5');
  //   The tax credit's 25% x 100/yr is revenue forgone, not budget cost.
  // Headline: public commitment 2,000 + 500 + 1,250 + 450 + 800 + 450 = 5,450, plus private
  //   (2x - 1) x 450 (guarantees: the lending beyond the guaranteed half) + 800 x 2x (crowd-in
  //   midpoint of 1.5x-2.5x) + 100/yr x 10 yr (tax-credit investment) = 3,050: 8,500.
  expect(m.headlineMobilization).toBe('8500');
});

it('refuses to overwrite an existing file without --force', async () => {
  expect((await cli(['init', '--blank', 'p'], { cwd: dir })).code).toBe(0);
  const again = await cli(['init', '--blank', 'p'], { cwd: dir });
  expect(again.code).toBe(2);
  expect((await cli(['init', '--blank', 'p', '--force'], { cwd: dir })).code).toBe(0);
});
