// check over many scenarios that share a baseline: a claim failing the same way in
// several of them is reported once, naming them, not once per file.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';

it('groups an inherited claim warning across the scenarios where it fails alike', async () => {
  const base = join(process.cwd(), 'scenarios', 'compact-2026.yaml');
  const dir = writeFiles({
    'a.yaml': `extends: ${base}\nname: a\n`,
    'b.yaml': `extends: ${base}\nname: b\n`,
  });
  const r = await cli(['check', '--verbose', 'a.yaml', 'b.yaml'], { cwd: dir });
  expect(r.code).toBe(0);
  // Both copies compute 438.25 / 408.25 / 846.5 for the per-side claim: one warning, naming both.
  const us = r.stderr.split('\n').filter((l) => l.includes('claim "appropriations-per-side" does not hold'));
  expect(us).toHaveLength(1);
  expect(us[0]).toMatch(
    /in a\.yaml, b\.yaml: claim "appropriations-per-side" does not hold: budgetCost\.\{gov\}\.perYear is 438\.25 \/ 408\.25 \/ 846\.5/,
  );
  // 6 of the baseline's 17 claims fail (test/core/compact-claims.test.ts reads each): 6
  // warnings in all, not 12.
  expect(r.stderr.match(/warning claim-not-held/g)).toHaveLength(6);
});
