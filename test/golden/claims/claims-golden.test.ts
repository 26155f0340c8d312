// Golden output of what the claims work changed: the baseline's run at 80 columns (the
// claims as a list with identities apart, the by-mechanism table), its claims in markdown,
// and an alternative that flags its author's assumed figures. Regenerate with
// UPDATE_GOLDEN=1, then read every changed file before committing it.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { golden as checkGolden } from '../../support/golden.js';

const here = 'test/golden/claims';
const golden = (name: string, actual: string) => checkGolden(join(here, name), actual);

it('run at 80 columns', async () => {
  const r = await cli(['run', '--width', '80']);
  expect(r.code).toBe(0);
  // Every line fits.
  expect(Math.max(...r.stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
  golden('baseline-80.txt', r.stdout);
});

it('the claims section in markdown', async () => {
  const r = await cli(['run', '--format', 'markdown']);
  const start = r.stdout.indexOf('#### Published claims');
  golden('claims.md', r.stdout.slice(start, r.stdout.indexOf('#### ', start + 1)));
});

it("an alternative's assumed figures, under the title", async () => {
  const r = await cli(['run', 'scenarios/f2-current-law.yaml']);
  golden('f2-current-law-head.txt', r.stdout.split('\n\n')[0]!);
});
