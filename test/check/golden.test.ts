// Golden tests for `check`: one fixture per error kind under test/golden/check/, each with
// its expected exit code, stdout and stderr in NAME.expected. Run from the repo root so file
// names in the output are stable. UPDATE_GOLDEN=1 rewrites the expected files (read them
// before keeping them).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden } from '../support/golden.js';
import { cli } from '../support/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = 'test/golden/check';

const CASES: { name: string; args: string[]; code: number }[] = [
  { name: 'wrong-type', args: [`${DIR}/wrong-type.yaml`], code: 2 },
  { name: 'unknown-key', args: [`${DIR}/unknown-key.yaml`], code: 2 },
  { name: 'envelope-overrun', args: [`${DIR}/envelope-overrun.yaml`], code: 1 },
  { name: 'assertion-failed', args: [`${DIR}/assertion-failed.yaml`], code: 1 },
  { name: 'assertion-failed-github', args: [`${DIR}/assertion-failed.yaml`, '--format', 'github'], code: 1 },
  { name: 'assertion-failed-json', args: [`${DIR}/assertion-failed.yaml`, '--format', 'json'], code: 1 },
  { name: 'assertion-malformed', args: [`${DIR}/assertion-malformed.yaml`], code: 2 },
  { name: 'missing-file', args: [`${DIR}/no-such-file.yaml`], code: 2 },
  { name: 'directory', args: [DIR], code: 2 },
  { name: 'empty', args: [`${DIR}/empty.yaml`], code: 2 },
  { name: 'yaml-syntax', args: [`${DIR}/yaml-syntax.yaml`], code: 2 },
  { name: 'negative-amount', args: [`${DIR}/negative-amount.yaml`], code: 2 },
  { name: 'year-outside-horizon', args: [`${DIR}/year-outside-horizon.yaml`], code: 2 },
  { name: 'unknown-kind', args: [`${DIR}/unknown-kind.yaml`], code: 2 },
  // A fiscal year's month: misspelt, not in a mapping, missing, a number (one diagnostic each).
  { name: 'fiscal-year', args: [`${DIR}/fiscal-year.yaml`], code: 2 },
  { name: 'extends-cycle', args: [`${DIR}/cycle-a.yaml`], code: 2 },
  { name: 'duplicate-key', args: [`${DIR}/duplicate-key.yaml`], code: 2 },
  { name: 'shares-sum', args: [`${DIR}/shares-sum.yaml`], code: 1 },
  { name: 'declared-total', args: [`${DIR}/declared-total.yaml`], code: 1 },
  { name: 'claim-warning', args: [`${DIR}/claim.yaml`], code: 0 },
  // Claims that do not hold: one line per file, each in full with --verbose.
  { name: 'claim-verbose', args: [`${DIR}/claim.yaml`, '--verbose'], code: 0 },
  { name: 'claim-github-verbose', args: [`${DIR}/claim.yaml`, '--verbose', '--format', 'github'], code: 0 },
  // Errors first, then warnings, then the claim lines; wrapped to 80 columns with --width.
  { name: 'errors-first-80', args: [`${DIR}/shares-sum.yaml`, `${DIR}/year-outside-horizon.yaml`, '--width', '80'], code: 2 },
  // A warning in a file named first still comes after an error in a later one.
  { name: 'errors-first-verbose', args: [`${DIR}/claim.yaml`, `${DIR}/shares-sum.yaml`, '--verbose'], code: 1 },
  { name: 'claim-strict', args: [`${DIR}/claim.yaml`, '--strict-claims'], code: 1 },
  // Every problem of every file at once; the exit code is the worst of them.
  {
    name: 'many-files',
    args: [`${DIR}/claim.yaml`, `${DIR}/missing.yaml`, `${DIR}/shares-sum.yaml`, '--format', 'github'],
    code: 2,
  },
];

function render(r: { code: number; stdout: string; stderr: string }): string {
  return `exit: ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

describe('check golden files', () => {
  for (const c of CASES) {
    it(`${c.name} (exit ${c.code})`, async () => {
      const r = await cli(['check', ...c.args], { cwd: ROOT });
      const file = join(ROOT, DIR, `${c.name}.expected`);
      expect(r.code).toBe(c.code);
      golden(file, render(r));
    });
  }
});
