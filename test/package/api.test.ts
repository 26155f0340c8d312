// The library as a user gets it: `npm pack` from a clean copy of the sources, installed
// into a scratch project, used from TypeScript files type-checked with tsc against the
// package's own declarations: every example of docs/reference/api.md, run. Only the
// documented entry is importable. Slow by nature (pack and install): ~20-40 s here.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npm, packClean } from '../support/pack.js';

const root = resolve(import.meta.dirname, '../..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let tmp = '';
let app = '';

/** The ```ts blocks of api.md that name a file (`// file: NAME.ts` on their first line). */
function examples(): { name: string; body: string }[] {
  const md = readFileSync(join(root, 'docs', 'reference', 'api.md'), 'utf8');
  return [...md.matchAll(/```ts\n\/\/ file: (\S+\.ts)\n([\s\S]*?)```/g)].map((m) => ({ name: m[1]!, body: m[2]! }));
}

beforeAll(() => {
  let tarball: string;
  ({ tmp, tarball } = packClean('cm-api-'));
  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "analysis", "private": true, "type": "module" }\n');
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], app);
  cpSync(join(root, 'scenarios'), join(app, 'scenarios'), { recursive: true });
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        outDir: 'out',
        typeRoots: [join(root, 'node_modules', '@types')],
        types: ['node'],
      },
      include: ['*.ts'],
    }),
  );
}, 400_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the library, installed from the packed tarball', () => {
  it('api.md examples type-check with tsc and run', () => {
    const list = examples();
    expect(list.map((e) => e.name)).toEqual(['run.ts', 'load.ts', 'compare.ts', 'simulate.ts', 'solve.ts']);
    for (const e of list) writeFileSync(join(app, e.name), e.body);
    const t = spawnSync(process.execPath, [tsc, '-p', app], { cwd: app, encoding: 'utf8' });
    expect(t.stdout + t.stderr, 'tsc').toBe('');
    expect(t.status).toBe(0);
    for (const e of list) {
      const r = spawnSync(process.execPath, [join('out', e.name.replace(/\.ts$/, '.js'))], { cwd: app, encoding: 'utf8' });
      expect([e.name, r.status, r.stderr]).toEqual([e.name, 0, '']);
    }
  }, 400_000);

  it('the types catch a misuse', () => {
    writeFileSync(
      join(app, 'wrong.ts'),
      "import { run } from 'compact-model';\nconst r = run('x.yaml', { basis: 'accrual' });\nconst n: number = r.value!.metrics.budgetCost.total;\n",
    );
    const t = spawnSync(process.execPath, [tsc, '-p', app, '--noEmit'], { cwd: app, encoding: 'utf8' });
    rmSync(join(app, 'wrong.ts'));
    expect(t.status).not.toBe(0);
    // 'accrual' is not a basis; an amount is an exact decimal string, not a number.
    expect(t.stdout).toContain(`Type '"accrual"' is not assignable`);
    expect(t.stdout).toContain("Type 'string' is not assignable to type 'number'");
  }, 300_000);

  it('exports only the documented entry', () => {
    const probe = (spec: string) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(spec)})`], {
        cwd: app,
        encoding: 'utf8',
      });
    expect(probe('compact-model').status).toBe(0);
    const inner = probe('compact-model/dist/cli.js');
    expect(inner.status).not.toBe(0);
    expect(inner.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    // The functions and nothing else.
    const keys = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "console.log(Object.keys(await import('compact-model')).sort().join(','))"],
      { cwd: app, encoding: 'utf8' },
    );
    expect(keys.stdout.trim()).toBe('compare,load,run,simulate,solve');
  });

  it('the command still installs beside the library', () => {
    const out = execFileSync(
      join(app, 'node_modules', '.bin', 'compact-model'),
      ['run', 'scenarios/f3-high.yaml', '--format', 'json'],
      {
        cwd: app,
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out).metrics.budgetCost.US).toBe('4407.5');
  });
});
