// Years written as calendar years, and one diagnostic for an unusable horizon start.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { evalYaml, M, tempDir } from '../support/scenario.js';

const PLAN = `name: cy
horizon: { start: CY2022, years: 3 }
sponsors: [US]
mechanisms:
  - { id: G, kind: grant-program, appropriations: { US: { byYear: { CY2022: 1M, CY2023: 2M } } } }
`;

describe('calendar years', () => {
  it('CY2022 names the year 2022: 1 + 2 = 3 over the horizon, 2 in its second year', () => {
    const m = evalYaml(PLAN).measure;
    expect(M(m.money('budgetCost', 'US'))).toBe('3');
    expect(M(m.money('budgetCost', 'US', undefined, 1))).toBe('2');
  });

  it('an unusable horizon start is one error, not one more per year written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), PLAN.replace('start: CY2022', 'start: CY-2022'));
    const r = await cli(['check', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/ error /g)).toHaveLength(1);
    expect(r.stderr).toContain('bad.yaml:2:19');
  });
});
