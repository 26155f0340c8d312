// Warnings that leave the input usable: reported with a position, exit 0.
import { expect, it } from 'vitest';
import { writeFiles } from '../support/scenario.js';
import { cli } from '../support/cli.js';

it('a project window running past the horizon is a warning, not an error', async () => {
  const dir = writeFiles({
    's.yaml': `name: late project
horizon: { start: FY2027, years: 3 }
governments: [US]
mechanisms:
  - id: P
    kind: gated-project
    study: { months: 30 }
    window: { months: 24 }
    commit: { US: 240M }
`,
  });
  const r = await cli(['run', 's.yaml', '--format', 'json'], { cwd: dir });
  expect(r.code).toBe(0);
  // the window is months 30..54 and the horizon ends at month 36: 18 months after it
  expect(r.stderr).toMatch(
    /^s\.yaml:8:23: warning window-after-horizon: the commitment window of "P" ends 18 months after the horizon/m,
  );
  // 6 of 24 months inside: 240 x 6 / 24 = 60
  expect(JSON.parse(r.stdout).metrics.publicCommitment.US).toBe('60');
});
