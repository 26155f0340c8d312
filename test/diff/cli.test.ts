// `compact-model diff` end to end: golden table and markdown output, the json shape,
// --fail-if exit codes, usage errors, and --against a git revision.
import { describe, expect, it } from 'vitest';
import { golden as checkGolden } from '../support/golden.js';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/scenario.js';

const ROOT = join(import.meta.dirname, '..', '..');
const GOLDEN = join(ROOT, 'test', 'golden', 'diff');
const BASE = 'scenarios/compact-2026.yaml';

const golden = (name: string, actual: string) => checkGolden(join(GOLDEN, name), actual);

describe('diff output (golden files, figures checked by hand in diff.test.ts)', () => {
  for (const [alt, format, ext] of [
    ['f3-high', 'table', 'txt'],
    ['f3-high', 'markdown', 'md'],
    ['f4-no-second-wave', 'table', 'txt'],
    ['f4-no-second-wave', 'markdown', 'md'],
    ['f6-two-years-late', 'markdown', 'md'],
  ] as const) {
    it(`${alt} as ${format}`, async () => {
      const r = await cli(['diff', BASE, `scenarios/${alt}.yaml`, '--format', format], { cwd: ROOT });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      golden(`${alt}.${ext}`, r.stdout);
    });
  }

  it('a scenario against itself: every section says nothing changed', async () => {
    const r = await cli(['diff', BASE, BASE], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Summary\nheadline mobilization unchanged; budget cost US unchanged, IL unchanged; no input differs;',
    );
    expect(r.stdout).toContain('No headline metric changed.');
    expect(r.stdout).not.toContain('┌');
  });

  it('--all shows unchanged rows', async () => {
    const r = await cli(['diff', BASE, 'scenarios/f3-high.yaml', '--all'], { cwd: ROOT });
    // IL budget cost is unchanged (4082.5); it shows only with --all.
    expect(r.stdout).toMatch(/│ Budget cost \(as published basis\) +│ IL +│ +4,082\.5 │ +4,082\.5 │ +0\.0 │ +0\.0% │/);
    const hidden = await cli(['diff', BASE, 'scenarios/f3-high.yaml'], { cwd: ROOT });
    expect(hidden.stdout).not.toMatch(/│ Budget cost \(as published basis\) +│ IL /);
  });

  it('--case applies to both sides', async () => {
    // At the high case F-3 is 3000 in both the baseline and f3-high: no change at all.
    const r = await cli(['diff', BASE, 'scenarios/f3-high.yaml', '--case', 'high', '--format', 'json'], { cwd: ROOT });
    const j = JSON.parse(r.stdout);
    expect(j.case).toBe('high');
    expect(j.summary.changed.headline).toBe(0);
    // The figure still differs as written (the range 2000-3000 against 3000).
    expect(j.inputs.map((x: { path: string }) => x.path)).toEqual(['mechanisms[F-3].obligations.US.amount']);
  });
});

describe('diff --format json (version 1)', () => {
  it('has the documented shape, amounts as USD-million strings', async () => {
    const r = await cli(['diff', BASE, 'scenarios/f3-high.yaml', '--format', 'json', '--fail-if', 'budgetCost.US > +100'], {
      cwd: ROOT,
    });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual([
      'version',
      'kind',
      'units',
      'case',
      'base',
      'alt',
      'allRows',
      'summary',
      'headline',
      'byMechanism',
      'byYear',
      'inputs',
      'verdicts',
      'claims',
      'thresholds',
    ]);
    expect(j.version).toBe(1);
    expect(j.base).toEqual({ name: 'Compact 2026 as published', file: BASE, extends: [] });
    // Headline: 21 money metrics x (US, IL, total) + 6 ratios x 3 = 81 rows, always all of them.
    expect(j.headline).toHaveLength(81);
    // 8757.5 -> 9257.5, +500, 500 / 8757.5 = 5.709392% (6 places).
    expect(j.headline.find((x: { path: string }) => x.path === 'publicCommitment.US')).toEqual({
      path: 'publicCommitment.US',
      metric: 'publicCommitment',
      scope: 'US',
      unit: 'USD millions',
      base: '8757.5',
      alt: '9257.5',
      change: '500',
      percent: '5.709392',
      changed: true,
    });
    expect(j.byMechanism.find((x: { path: string }) => x.path === 'budgetCost.US.F-3')).toMatchObject({
      mechanism: 'F-3',
      base: '125',
      alt: '150',
      change: '25',
      percent: '20',
    });
    expect(j.inputs).toEqual([
      {
        path: 'mechanisms[F-3].obligations.US.amount',
        base: {
          kind: 'figure',
          unit: 'USD millions',
          low: '2000',
          base: '2500',
          high: '3000',
          source:
            '$2-3B (face value), l.581; over ten years, l.598; assumption: obligated evenly from FY2027 (l.598 makes a project-development facility a precondition)',
          file: BASE,
          line: 102,
        },
        alt: {
          kind: 'figure',
          unit: 'USD millions',
          low: '3000',
          base: '3000',
          high: '3000',
          source: 'top of $2-3B (face value), l.581',
          file: 'scenarios/f3-high.yaml',
          line: 8,
        },
      },
    ]);
    expect(j.thresholds).toEqual([
      {
        expression: 'budgetCost.US > +100',
        form: 'change',
        applies: true,
        path: 'budgetCost.US',
        op: '>',
        limit: '100',
        limitIn: 'USD millions',
        base: '4382.5',
        alt: '4407.5',
        change: '25',
        percent: '0.570451', // 25 / 4382.5 = 0.57045065...%
        crossed: false,
      },
    ]);
  });
});

describe('--fail-if', () => {
  it('exit 1 naming the threshold when crossed; the diff still goes to stdout', async () => {
    const r = await cli(
      ['diff', BASE, 'scenarios/f3-high.yaml', '--fail-if', 'budgetCost.US > +20', '--fail-if', 'budgetCost.IL > +0'],
      { cwd: ROOT },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Thresholds (--fail-if)');
    expect(r.stderr).toBe(
      'error threshold-crossed: --fail-if "budgetCost.US > +20" crossed: budgetCost.US changed by +25.0 (+0.6%) (4,382.5 -> 4,407.5)\n' +
        '  = hint: the alternative moves this metric past the limit; change the scenario or, if the change is intended, the threshold\n',
    );
  });

  it('percent thresholds: f4 moves the headline by -3000 / 18855 = -15.9%', async () => {
    const crossed = await cli(['diff', BASE, 'scenarios/f4-no-second-wave.yaml', '--fail-if', 'headlineMobilization < -5%'], {
      cwd: ROOT,
    });
    expect(crossed.code).toBe(1);
    expect(crossed.stderr).toContain('headlineMobilization changed by -3,000.0 (-15.9%) (18,855.0 -> 15,855.0)');
    const fine = await cli(['diff', BASE, 'scenarios/f4-no-second-wave.yaml', '--fail-if', 'headlineMobilization < -16%'], {
      cwd: ROOT,
    });
    expect(fine.code).toBe(0);
    expect(fine.stderr).toBe('');
  });

  it('a malformed expression is a usage error (exit 2) with a hint, before any file is read', async () => {
    const r = await cli(['diff', 'missing-a.yaml', 'missing-b.yaml', '--fail-if', 'budgetCost.US is big'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error invalid-fail-if: --fail-if "budgetCost.US is big" is not a threshold');
    expect(r.stderr).toContain('= hint: write METRIC OP +CHANGE');
  });

  it('the old unsigned form keeps its meaning (a change) and warns once', async () => {
    // f3-high moves US budget cost by +25 (4,382.5 -> 4,407.5): not above a change of 600.
    const r = await cli(['diff', BASE, 'scenarios/f3-high.yaml', '--fail-if', 'budgetCost.US > 600'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning fail-if-unsigned: --fail-if "budgetCost.US > 600": an unsigned limit is read as a change, as before; this form is deprecated and will mean a level\n' +
        '  = hint: write "budgetCost.US > +600" for a change, or "budgetCost.US > 600 level" for the figure itself\n',
    );
  });

  it('a level compares the figure itself: 4,407.5 is above 4,400 (0.0044T), not above 4.5B', async () => {
    const over = await cli(['diff', BASE, 'scenarios/f3-high.yaml', '--fail-if', 'budgetCost.US > 4400 level'], { cwd: ROOT });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('crossed: budgetCost.US is 4,407.5 (was 4,382.5)');
    const under = await cli(['diff', BASE, 'scenarios/f3-high.yaml', '--fail-if', 'budgetCost.US > 4.5B level'], { cwd: ROOT });
    expect(under.code).toBe(0);
    expect(under.stderr).toBe('');
  });

  it('a threshold on a government the scenarios do not have is n/a, and another one still counts', async () => {
    const r = await cli(
      [
        'diff',
        BASE,
        'scenarios/f3-high.yaml',
        '--format',
        'json',
        '--fail-if',
        'budgetCost.XX > +1',
        '--fail-if',
        'budgetCost.US > +20',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(1);
    const t = JSON.parse(r.stdout).thresholds;
    expect(t[0]).toMatchObject({
      expression: 'budgetCost.XX > +1',
      applies: false,
      why: 'this scenario has no XX',
      crossed: false,
    });
    expect(t[1]).toMatchObject({ expression: 'budgetCost.US > +20', applies: true, change: '25', crossed: true });
  });

  it('must-not-flip: the federal basis flips the U.S. floor on appropriations (NOT MET -> MET); the target stays met', async () => {
    const args = ['diff', BASE, 'scenarios/federal-basis.yaml', '--fail-if'];
    const floor = await cli([...args, 'floor.US.met: must-not-flip'], { cwd: ROOT });
    expect(floor.code).toBe(1);
    expect(floor.stderr).toContain(
      'error threshold-crossed: --fail-if "floor.US.met: must-not-flip" crossed: floor.US.appropriated.met false -> true',
    );
    const target = await cli([...args, 'targets.*: must-not-flip', '--fail-if', 'floor.XX.met: must-not-flip'], { cwd: ROOT });
    expect(target.code).toBe(0);
    expect(target.stdout).toContain('n/a: no verdict of this scenario matches');
  });

  it('an unknown metric is a usage error (exit 2) with a did-you-mean', async () => {
    const r = await cli(['diff', BASE, 'scenarios/f3-high.yaml', '--fail-if', 'budgetCots.US > +1'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error invalid-fail-if: --fail-if "budgetCots.US > +1": unknown metric "budgetCots"\n  = hint: did you mean "budgetCost"?\n',
    );
  });
});

describe('usage and input errors', () => {
  it('one file without --against, or an unreadable file, exits 2', async () => {
    const one = await cli(['diff', BASE], { cwd: ROOT });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('diff needs two scenario files (BASE and ALT), got 1');
    const missing = await cli(['diff', BASE, 'nope.yaml'], { cwd: ROOT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml:1:1: error file-not-found');
    const badFormat = await cli(['diff', BASE, BASE, '--format', 'html'], { cwd: ROOT });
    expect(badFormat.code).toBe(2);
  });

  it('a revision that looks like an option is refused', async () => {
    const r = await cli(['diff', '--against=--output=x', BASE], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a usable git revision');
  });
});

describe('--against REV', () => {
  // A throwaway repository: the baseline and f3-high committed, then f3-high edited in the working tree.
  function repo(): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'scenarios'));
    for (const f of ['compact-2026.yaml', 'f3-high.yaml']) copyFileSync(join(ROOT, 'scenarios', f), join(dir, 'scenarios', f));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'scenarios');
    // Edit in the working tree: F-3 face 3B -> 3.5B, and the baseline's subsidy rate 5% -> 6%.
    const f3 = join(dir, 'scenarios', 'f3-high.yaml');
    writeFileSync(f3, readFileSync(f3, 'utf8').replace('amount: 3B', 'amount: 3.5B'));
    const b = join(dir, 'scenarios', 'compact-2026.yaml');
    writeFileSync(b, readFileSync(b, 'utf8').replace('value: 5%', 'value: 6%'));
    return dir;
  }

  it('compares FILE with its version at REV; the old version extends the baseline as it was at REV', async () => {
    const dir = repo();
    const r = await cli(['diff', '--against', 'HEAD', 'scenarios/f3-high.yaml', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.base.file).toBe('HEAD:scenarios/f3-high.yaml');
    expect(j.base.extends).toEqual(['HEAD:scenarios/compact-2026.yaml']);
    const row = (p: string) => j.headline.find((x: { path: string }) => x.path === p);
    // Commitment: face 3000 -> 3500, +500.
    expect(row('publicCommitment.US').change).toBe('500');
    // Budget cost of F-3: 5% x 3000 = 150 at HEAD; 6% x 3500 = 210 now: +60.
    // (Had the old version read today's baseline, the subsidy rate would not show as changed.)
    expect(row('budgetCost.US').change).toBe('60');
    expect(j.inputs.map((x: { path: string }) => x.path).sort()).toEqual([
      'mechanisms[F-3].obligations.US.amount',
      'mechanisms[F-3].subsidyRate.value',
    ]);
  });

  it('an unknown revision is an input error (exit 2) naming it', async () => {
    const dir = repo();
    const r = await cli(['diff', '--against', 'no-such-branch', 'scenarios/f3-high.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error git-read-failed: cannot read "no-such-branch:scenarios/f3-high.yaml" from git');
    expect(r.stderr).toContain('hint: check that "no-such-branch" is a revision of this repository');
  });

  it('a file new since REV is compared with the file it extends, as it was at REV', async () => {
    const dir = repo();
    copyFileSync(join(ROOT, 'scenarios', 'f5-study-fails.yaml'), join(dir, 'scenarios', 'f5-study-fails.yaml'));
    const r = await cli(['diff', '--against', 'HEAD', 'scenarios/f5-study-fails.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'note: scenarios/f5-study-fails.yaml is new since HEAD: comparing it with the file it extends, HEAD:scenarios/compact-2026.yaml',
    );
    const j = JSON.parse(r.stdout);
    expect(j.base.file).toBe('HEAD:scenarios/compact-2026.yaml');
    expect(j.alt.file).toBe('scenarios/f5-study-fails.yaml');
    // The baseline's subsidy rate edit (5% -> 6%) shows too: the new file extends today's baseline.
    expect(j.inputs.map((x: { path: string }) => x.path)).toContain('mechanisms[F-3].subsidyRate.value');
  });

  it('a new file that extends nothing is a usage error saying so', async () => {
    const dir = repo();
    writeFileSync(
      join(dir, 'alone.yaml'),
      'name: alone\nhorizon: { start: FY2027, years: 10 }\ngovernments: [US, IL]\nmechanisms:\n  - { id: G-1, kind: grant-program, appropriations: { US: { amount: 100M, per: year } } }\n',
    );
    const r = await cli(['diff', '--against', 'HEAD', 'alone.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"alone.yaml" is new since HEAD and extends nothing');
  });

  it('a deleted file is compared, as it was at REV, with the file it extended at REV', async () => {
    const dir = repo();
    rmSync(join(dir, 'scenarios', 'f3-high.yaml'));
    const r = await cli(['diff', '--against', 'HEAD', 'scenarios/f3-high.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: scenarios/f3-high.yaml was deleted since HEAD');
    const j = JSON.parse(r.stdout);
    expect([j.base.file, j.alt.file]).toEqual(['HEAD:scenarios/f3-high.yaml', 'HEAD:scenarios/compact-2026.yaml']);
    // Both at HEAD, subsidy 5%: F-3's face 3,000 -> 2,500 is a budget cost of -5% x 500 = -25.
    expect(j.headline.find((x: { path: string }) => x.path === 'budgetCost.US').change).toBe('-25');
  });

  it('a deleted file that extended a shipped scenario (short name, or a path under node_modules) is compared with it', async () => {
    const dir = repo();
    // Committed at HEAD, then deleted: one extends the shipped baseline by name, one by its installed path.
    const pkg = join(dir, 'node_modules', 'compact-model', 'scenarios');
    mkdirSync(pkg, { recursive: true });
    copyFileSync(join(ROOT, 'scenarios', 'compact-2026.yaml'), join(pkg, 'compact-2026.yaml'));
    const f3 = readFileSync(join(ROOT, 'scenarios', 'f3-high.yaml'), 'utf8');
    writeFileSync(join(dir, 'scenarios', 'by-name.yaml'), f3.replace('extends: compact-2026.yaml', 'extends: compact-2026'));
    writeFileSync(
      join(dir, 'scenarios', 'by-path.yaml'),
      f3.replace('extends: compact-2026.yaml', 'extends: ../node_modules/compact-model/scenarios/compact-2026.yaml'),
    );
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('add', 'scenarios');
    git('commit', '-q', '-m', 'two alternatives of the shipped baseline');
    for (const f of ['by-name', 'by-path']) {
      rmSync(join(dir, 'scenarios', `${f}.yaml`));
      const r = await cli(['diff', '--against', 'HEAD', `scenarios/${f}.yaml`, '--format', 'json'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.base.file).toBe(`HEAD:scenarios/${f}.yaml`);
      // F-3 face 3,000 -> the baseline's 2,500 at the shipped 5% subsidy: -25.
      expect(j.headline.find((x: { path: string }) => x.path === 'budgetCost.US').change).toBe('-25');
    }
  });

  it('a new file extending a file that moved is compared with that file under its old name at REV', async () => {
    const dir = repo();
    execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: dir });
    execFileSync('git', ['mv', 'scenarios/compact-2026.yaml', 'scenarios/plan.yaml'], { cwd: dir });
    const f3 = readFileSync(join(dir, 'scenarios', 'f3-high.yaml'), 'utf8');
    writeFileSync(join(dir, 'scenarios', 'new.yaml'), f3.replace('extends: compact-2026.yaml', 'extends: plan.yaml'));
    const r = await cli(['diff', '--against', 'HEAD', 'scenarios/new.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).base.file).toBe('HEAD:scenarios/compact-2026.yaml');
  });

  it('a renamed file is compared with its old name at REV', async () => {
    const dir = repo();
    execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: dir });
    execFileSync('git', ['mv', 'scenarios/f3-high.yaml', 'scenarios/sans deuxième vague.yaml'], { cwd: dir });
    const r = await cli(['diff', '--against', 'HEAD', 'scenarios/sans deuxième vague.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('was renamed since HEAD: comparing HEAD:scenarios/f3-high.yaml with');
    const j = JSON.parse(r.stdout);
    expect(j.base.file).toBe('HEAD:scenarios/f3-high.yaml');
    expect(j.inputs).toEqual([]);
  });
});
