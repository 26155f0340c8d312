// An internal error (a bug) prints one line and a hint to report it, exit 70; the stack
// trace only with CM_DEBUG=1. The built CLI is driven into one by a broken bundle copy.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { debugOn, INTERNAL_EXIT, internalErrorText } from '../../src/cli/internal.js';
import { tempDir } from '../support/scenario.js';

it('says what broke on one line, how to report it, and no stack unless CM_DEBUG asks', () => {
  const e = new TypeError('Cannot read properties of undefined (reading "x")\nsecond line');
  const plain = internalErrorText(e, {});
  expect(plain.split('\n')).toEqual([
    'compact-model: internal error: TypeError: Cannot read properties of undefined (reading "x")',
    expect.stringMatching(
      /^ {2}= hint: this is a bug in compact-model, not a problem with your input: please report it .*CM_DEBUG=1/,
    ),
    '',
  ]);
  expect(plain).not.toMatch(/\n\s+at /);
  expect(internalErrorText(e, { CM_DEBUG: '1' })).toMatch(/\n\s+at /);
  expect([debugOn({}), debugOn({ CM_DEBUG: '0' }), debugOn({ CM_DEBUG: 'false' }), debugOn({ CM_DEBUG: '1' })]).toEqual([
    false,
    false,
    false,
    true,
  ]);
  // Text from outside (a message quoting input) is shown, never obeyed: ESC as \u{1b}.
  expect(internalErrorText(new Error('bad \x1b[31m'), {})).toContain('bad \\u{1b}[31m');
  expect(INTERNAL_EXIT).toBe(70);
});

it('the built CLI exits 70 with the one line when a command throws (a copy of the bundle made to throw)', () => {
  // dist/cli.js loads dist/cli-app.cjs beside it: a copy whose `run` command throws.
  const dir = tempDir();
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  copyFileSync('dist/cli.js', join(dist, 'cli.js'));
  const app = readFileSync('dist/cli-app.cjs', 'utf8');
  const marker = 'Published claims';
  expect(app).toContain(marker);
  writeFileSync(join(dist, 'cli-app.cjs'), app.replace(`\`${marker}`, `\`\${(() => { throw new RangeError('planted'); })()}`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'compact-model', type: 'module' }));
  for (const [env, stack] of [
    [{}, false],
    [{ CM_DEBUG: '1' }, true],
  ] as const) {
    const r = spawnSync(process.execPath, [join(dist, 'cli.js'), 'run', join(process.cwd(), 'scenarios/compact-2026.yaml')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, COMPACT_MODEL_NO_CACHE: '1', ...env },
    });
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/^compact-model: internal error: RangeError: planted\n {2}= hint: /);
    expect(/\n\s+at /.test(r.stderr)).toBe(stack);
  }
});
