// A fresh clone with nothing beside it works: the committed HEAD is cloned into an empty
// temporary folder (its only neighbour the dependencies, linked, since installing them is
// npm's job, not ours), built, and a representative subset runs there: `run`, `check` of
// every shipped scenario, `explain` (which names the cited document without a local copy)
// and `report`. With CM_CLONE_TEST=1 the whole test command (`npm test`) runs in the clone
// instead of the subset's last step; it takes as long as `npm test`, so it is opt-in
// (docs/maintainers/tests.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

const hasGit = existsSync(resolve(ROOT, '.git')) && spawnSync('git', ['--version']).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'cm-clone-'));
const clone = join(tmp, 'm');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bin(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/compact-model.js', ...args], {
    cwd: clone,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmp },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasGit)('a fresh clone', () => {
  beforeAll(() => {
    execFileSync('git', ['clone', '-q', ROOT, clone], { stdio: 'pipe' });
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(clone, 'node_modules'), 'dir');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: clone, stdio: 'pipe' });
  }, 120_000);

  it('holds only the repository and the linked dependencies', () => {
    expect(readdirSync(tmp)).toEqual(['m']);
  });

  it('runs and checks every shipped scenario', () => {
    const scenarios = readdirSync(join(clone, 'scenarios'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `scenarios/${f}`);
    expect(scenarios.length).toBeGreaterThan(1);
    const r = bin(['run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const c = bin(['check', ...scenarios]);
    expect(c.code, c.stdout + c.stderr).toBe(0);
  });

  it('explain and report name the cited document, once, and carry on without a local copy', () => {
    for (const args of [
      ['explain', 'budgetCost.US.F-3', '--width', '80'],
      ['report', '-o', join(tmp, 'r.html')],
    ]) {
      const r = bin(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.split('no local copy of the cited document').length - 1).toBe(1);
      expect(r.stderr).not.toContain('is not at');
    }
    rmSync(join(tmp, 'r.html'));
  });

  it.runIf(process.env.CM_CLONE_TEST === '1')(
    'passes the whole test command',
    () => {
      const r = spawnSync('npm', ['test'], { cwd: clone, encoding: 'utf8', env: { ...process.env, CM_CLONE_TEST: '' } });
      expect(r.status, (r.stdout + r.stderr).slice(-4000)).toBe(0);
    },
    1_800_000,
  );
});
