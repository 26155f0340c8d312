// A patch that states an event's outcome (`passes: false`) over a baseline that gave its
// odds (col 22: four spaces and "study: { passes: " come first): simulate takes the stated outcome in every trial and a warning says so. Before,
// simulate kept drawing the baseline's 50% and the patch's "the study fails" was lost.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';

const dir = writeFiles({
  'fails.yaml': 'extends: compact-2026\nname: study fails\nmechanisms:\n  - id: F-5\n    study: { passes: false }\n',
  'odds.yaml':
    'extends: compact-2026\nname: study fails, odds kept\nmechanisms:\n  - id: F-5\n    study: { passes: false, probability: 30% }\n',
});

const gate = (j: { gates: { id: string; probability: string | null; asWritten: boolean }[] }) =>
  j.gates.find((g) => g.id === 'F-5')!;

describe('an outcome stated in a later file than its probability', () => {
  it('is fixed for simulate, with a warning at the outcome', async () => {
    const r = await cli(['simulate', join(dir, 'fails.yaml'), '--trials', '200', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('fails.yaml:5:22: warning outcome-stated');
    expect(r.stderr).toContain('the F-5 feasibility study fails');
    expect(gate(JSON.parse(r.stdout))).toMatchObject({ probability: null, asWritten: false });
  });

  it('keeps the odds when the same file gives both', async () => {
    const r = await cli(['simulate', join(dir, 'odds.yaml'), '--trials', '200', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('outcome-stated');
    expect(gate(JSON.parse(r.stdout))).toMatchObject({ probability: '0.3', asWritten: false });
  });
});
