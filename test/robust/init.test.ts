// `compact-model init`: the written scenario extends the baseline by a correct relative
// path, runs as written and with every example uncommented, and is never overwritten
// without --force.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { parse } from 'yaml';
import { initTemplate } from '../../src/scaffold/template.js';
import { ROOT } from './support.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('compact-model init', () => {
  it('writes my-scenario.yaml by default, extending the shipped baseline, and it runs with exit 0', async () => {
    const r = await cli(['init'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'my-scenario.yaml'), 'utf8');
    // The shipped baseline by its short name (found from any folder), quoted.
    expect(text).toMatch(/^extends: "compact-2026"$/m);
    const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)![1]!;
    expect(resolve(dir, schema)).toBe(join(ROOT, 'scenario.schema.json'));
    const run = await cli(['run', 'my-scenario.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    // Nothing changed yet: the baseline's headline, 8757.5 + 6082.5 + 4015 = 18855 (USD millions).
    expect((JSON.parse(run.stdout) as { metrics: { headlineMobilization: string } }).metrics.headlineMobilization).toBe('18855');
    // No temp file is left behind.
    expect(readdirSync(dir)).toEqual(['my-scenario.yaml']);
  });

  it('takes a name, adds .yaml, and computes the schema path from a subfolder', async () => {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    const r = await cli(['init', 'a/b/what-if'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'a', 'b', 'what-if.yaml'), 'utf8');
    expect(text).toMatch(/^extends: "compact-2026"$/m);
    const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)![1]!;
    expect(resolve(dir, 'a', 'b', schema)).toBe(join(ROOT, 'scenario.schema.json'));
    expect(text).toMatch(/^name: "what-if"$/m);
    expect((await cli(['run', 'a/b/what-if.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('refuses to overwrite an existing file (exit 2, a diagnostic) unless --force', async () => {
    writeFileSync(join(dir, 'mine.yaml'), 'keep me\n');
    const r = await cli(['init', 'mine'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mine\.yaml:1:1: error output-exists: will not overwrite "mine\.yaml"/m);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('keep me\n');
    const f = await cli(['init', 'mine', '--force'], { cwd: dir });
    expect(f.code, f.stderr).toBe(0);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toMatch(/^extends: /m);
    expect(readdirSync(dir)).toEqual(['mine.yaml']);
  });

  it('a folder named `pkg #1` cuts nothing short (issue 12, finding 13), and the file runs from there', async () => {
    mkdirSync(join(dir, 'pkg #1'));
    const r = await cli(['init', 'pkg #1/alt'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const run = await cli(['run', 'pkg #1/alt.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { metrics: { headlineMobilization: string } }).metrics.headlineMobilization).toBe('18855');
  });

  it('the extends value is quoted: a path through a folder named `pkg #1` survives YAML', () => {
    const text = initTemplate('x', '../pkg #1/scenarios/compact-2026.yaml', 'x.json');
    expect((parse(text) as { extends: string }).extends).toBe('../pkg #1/scenarios/compact-2026.yaml');
  });

  it('a file name with control characters is shown visibly, and the file still runs', async () => {
    const r = await cli(['init', 'x\u001b[2J\u202ey'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // The confirmation goes to stderr, like run -o and report -o; stdout stays empty.
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/[\u001b\u202e]/);
    expect(r.stderr).toContain('x\\u{1b}[2J\\u{202e}y.yaml');
    const run = await cli(['run', 'x\u001b[2J\u202ey.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
  });

  it('a folder that does not exist is a diagnostic, not a crash', async () => {
    const r = await cli(['init', 'no/such/dir/x'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error output-folder-missing: cannot write "no\/such\/dir\/x\.yaml": its folder does not exist/);
  });

  it('never writes over the shipped baseline, even with --force', async () => {
    const before = readFileSync(join(ROOT, 'scenarios', 'compact-2026.yaml'), 'utf8');
    const r = await cli(['init', 'scenarios/compact-2026', '--force'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error output-is-input:/);
    expect(readFileSync(join(ROOT, 'scenarios', 'compact-2026.yaml'), 'utf8')).toBe(before);
  });

  it('every commented example works: uncommented all at once, the file loads and runs', async () => {
    const live = initTemplate('live', '../main/scenarios/compact-2026.yaml', 'x.json', true).replace(
      '../main/scenarios/compact-2026.yaml',
      join(ROOT, 'scenarios', 'compact-2026.yaml'),
    );
    writeFileSync(join(dir, 'live.yaml'), live);
    const r = await cli(['run', 'live.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const m = (JSON.parse(r.stdout) as { metrics: { publicCommitment: { byMechanism: Record<string, { US: string }> } } })
      .metrics;
    // F-3 face value patched to 3B; G-1: 50M a year FY2028-FY2036 = 9 x 50 = 450.
    expect(m.publicCommitment.byMechanism['F-3']!.US).toBe('3000');
    expect(m.publicCommitment.byMechanism['G-1']!.US).toBe('450');
    for (const id of ['E-1', 'C-1', 'L-1', 'P-1']) expect(m.publicCommitment.byMechanism[id], id).toBeDefined();
  });
});
