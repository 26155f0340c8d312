// sensitivity --variance: first-order shares of variance, against a case worked by hand.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';

describe('sensitivity --variance', () => {
  it('a gate at 50% adding 100 and a uniform range 100 wide: 75% and 25% of the variance', async () => {
    const dir = writeFiles({
      'v.yaml': `name: v
horizon: { start: FY2027, years: 4 }
governments: [US]
mechanisms:
  - id: G
    kind: grant-program
    appropriations: { US: { amount: { low: 100M, high: 200M }, per: total, from: FY2027, years: 1 } }
  - id: P
    kind: gated-project
    study: { months: 6, passes: true, probability: 50% }
    window: { months: 12 }
    commit: { US: 100M }
`,
    });
    const r = await cli([
      'sensitivity',
      join(dir, 'v.yaml'),
      '--metric',
      'publicCommitment',
      '--variance',
      '--trials',
      '8000',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const by = Object.fromEntries(
      (JSON.parse(r.stdout).varianceShares.inputs as { path: string; share: number }[]).map((x) => [x.path, x.share]),
    );
    // Y = 100 G + X, G ~ Bernoulli(0.5), X ~ U(100, 200): Var(100 G) = 100^2 x 0.25 = 2500,
    // Var(X) = 100^2 / 12 = 833.3; total 3333.3: the gate 2500 / 3333.3 = 75%, the range 25%
    const gate = Object.entries(by).find(([k]) => k.startsWith('P'))![1];
    const range = by['mechanisms[G].appropriations.US.amount']!;
    expect(Math.abs(gate - 0.75)).toBeLessThan(0.03);
    expect(Math.abs(range - 0.25)).toBeLessThan(0.03);
  });
});
