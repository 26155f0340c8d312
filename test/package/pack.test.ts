// The package a team installs: `npm pack` from a clean copy of the sources builds dist/
// (the prepack script), the tarball holds what the command needs and no tests, and it
// installs into an empty folder where `compact-model run` works. Slow by nature (npm
// installs the runtime dependencies, from its cache when it can): ~10-30 s here.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npm, packClean } from '../support/pack.js';

let tmp = '';
let tarball = '';
let contents: string[] = [];

beforeAll(() => {
  ({ tmp, tarball, contents } = packClean('cm-pack-'));
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('builds dist/ and ships the command, the scenarios and the schema', () => {
    for (const f of [
      'dist/cli.js',
      // What bin/compact-model.js (CommonJS, by bin/package.json) starts, and the code cache made for its bundle.
      'dist/cli.cjs',
      'bin/package.json',
      'dist/cli-app.cjs',
      'dist/cli-app.v8cache',
      'dist/sim-worker.js',
      'dist/check-worker.js',
      'dist/review.js',
      'docs/guide/ci.md',
      'docs/reference/cli.md',
      'bin/compact-model.js',
      'scenario.schema.json',
      'README.md',
    ])
      expect(contents).toContain(f);
    expect(contents).toContain('scenarios/compact-2026.yaml');
  });

  it('leaves out tests, fixtures, sources and tooling', () => {
    const unwanted = contents.filter((f) => /^(test|src|scripts|\.ci|node_modules)\//.test(f) || f.endsWith('.test.ts'));
    expect(unwanted).toEqual([]);
  });
});

describe('installed from the tarball into an empty folder', () => {
  it('runs `compact-model run`', () => {
    const app = join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "team-scenarios", "private": true }\n');
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], app);
    // Worked by hand: one grant program, US 100M and IL 50M a year for 10 years:
    // budget cost US 1,000, IL 500, total 1,500 (USD millions).
    writeFileSync(
      join(app, 'mine.yaml'),
      [
        'name: minimal',
        'horizon: { start: FY2027, years: 10 }',
        'governments: [US, IL]',
        'mechanisms:',
        '  - id: G-1',
        '    kind: grant-program',
        '    appropriations:',
        '      US: { amount: 100M, per: year }',
        '      IL: { amount: 50M, per: year }',
        '',
      ].join('\n'),
    );
    const bin = join(app, 'node_modules', '.bin', 'compact-model');
    const out = JSON.parse(execFileSync(bin, ['run', 'mine.yaml', '--format', 'json'], { cwd: app, encoding: 'utf8' }));
    expect(out.metrics.budgetCost).toMatchObject({ US: '1000', IL: '500', total: '1500' });
    // The shipped scenarios come with it, and their `extends` resolves inside the package.
    const shipped = join(app, 'node_modules', 'compact-model', 'scenarios', 'f3-high.yaml');
    const text = execFileSync(bin, ['run', shipped], { cwd: app, encoding: 'utf8' });
    expect(text).toContain('F-3 at the top of its range');
  });
});
