// Output files: atomic, never over an input (the scenario or what it extends), never over
// an existing file without --force; each refusal a diagnostic with exit 2.
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/scenario.js';

const SCEN = resolve('scenarios');

/** A temp folder holding the baseline and an alternative that extends it. */
function folder(): string {
  const dir = tempDir();
  copyFileSync(join(SCEN, 'compact-2026.yaml'), join(dir, 'compact-2026.yaml'));
  copyFileSync(join(SCEN, 'f3-high.yaml'), join(dir, 'f3-high.yaml'));
  return dir;
}

describe('output files', () => {
  it('writes a new file and leaves no temporary file behind', async () => {
    const dir = folder();
    const r = await cli(['run', 'compact-2026.yaml', '--format', 'csv', '-o', 'out.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/^year,government,mechanism,flow,amount_musd,basis\r\n/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite an existing file without --force, and replaces it with --force', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'out.html'), 'keep me');
    const r = await cli(['report', 'compact-2026.yaml', '-o', 'out.html'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error output-exists: will not overwrite "out.html"');
    expect(r.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toBe('keep me');
    const f = await cli(['report', 'compact-2026.yaml', '-o', 'out.html', '--force'], { cwd: dir });
    expect(f.code).toBe(0);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('never writes over the input, even with --force', async () => {
    const dir = folder();
    const before = readFileSync(join(dir, 'compact-2026.yaml'), 'utf8');
    for (const args of [
      ['run', 'compact-2026.yaml', '--format', 'json', '-o', 'compact-2026.yaml', '--force'],
      ['report', 'compact-2026.yaml', '-o', './compact-2026.yaml', '--force'],
    ]) {
      const r = await cli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error output-is-input');
    }
    expect(readFileSync(join(dir, 'compact-2026.yaml'), 'utf8')).toBe(before);
  });

  it('never writes over a file the input extends, nor through a symlink to it', async () => {
    const dir = folder();
    symlinkSync(join(dir, 'compact-2026.yaml'), join(dir, 'link.yaml'));
    for (const out of ['compact-2026.yaml', 'link.yaml', join(dir, 'compact-2026.yaml')]) {
      const r = await cli(['run', 'f3-high.yaml', '--format', 'xlsx', '-o', out, '--force'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('it is the input file "compact-2026.yaml"');
    }
  });

  it('refuses a missing folder and a directory', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'sub'));
    const a = await cli(['report', 'compact-2026.yaml', '-o', 'nope/r.html'], { cwd: dir });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('error output-folder-missing');
    const b = await cli(['report', 'compact-2026.yaml', '-o', 'sub', '--force'], { cwd: dir });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('error output-is-directory');
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });

  it('xlsx needs -o (a binary file is not written to a terminal)', async () => {
    const r = await cli(['run', '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error output-needed');
    expect(r.stdout).toBe('');
  });
});
