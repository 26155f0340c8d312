// The edit-run loop's caches (docs/maintainers/performance.md): a file edited since the last
// run is parsed key by key (read/chunks.ts), validated part by part (validate/saved.ts) and
// its unchanged tables copied (cli/table-cache.ts). None may ever serve a stale result: after
// every kind of edit, the built command with its caches warm prints exactly what it prints
// with every cache off, diagnostics and their line:col included. Runs bin/compact-model.js
// (the caches are keyed by the build), so `npm test` builds first.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../support/scenario.js';
import { ROOT, spawnCli } from '../support/spawn.js';

const root = ROOT;
const baseline = readFileSync(join(root, 'scenarios', 'compact-2026.yaml'), 'utf8');

const cm = spawnCli;

/** Runs `args` with the warm cache and with caches off: the two must be the same, byte for byte. */
function same(args: string[], dir: string, cache: string) {
  const warm = cm(args, dir, { XDG_CACHE_HOME: cache });
  const off = cm(args, dir, { COMPACT_MODEL_NO_CACHE: '1' });
  expect(warm).toEqual(off);
  return warm;
}

const FORMATS = [
  ['run', 'plan.yaml', '--width', '100'],
  ['run', 'plan.yaml', '--format', 'json'],
];

/** A step of the loop: edit, then every format, warm against off. */
function step(dir: string, cache: string, edit: (text: string) => string) {
  const f = join(dir, 'plan.yaml');
  const before = readFileSync(f, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before); // the edit found its text
  writeFileSync(f, after);
  return FORMATS.map((a) => same(a, dir, cache));
}

describe('the edit-run loop: never a stale result', () => {
  it('every kind of edit of the baseline gives what an uncached run gives', { timeout: 300_000 }, () => {
    const dir = writeFiles({ 'plan.yaml': baseline });
    const cache = tempDir();
    const [table] = FORMATS.map((a) => same(a, dir, cache));
    expect(table!.code).toBe(0);
    // the caches of the loop were written (so the steps below read them)
    const folder = join(cache, 'compact-model');
    expect(readdirSync(join(folder, 'trees')).some((f) => f.startsWith('pieces-'))).toBe(true);
    expect(readdirSync(join(folder, 'inputs')).length).toBeGreaterThan(0);
    expect(readdirSync(join(folder, 'tables')).length).toBeGreaterThan(0);

    // the name (a top-level value)
    step(dir, cache, (t) => t.replace('\nname: Compact 2026 as published\n', '\nname: Compact 2026, edited\n'));
    // a figure inside one mechanism: F-2's U.S. appropriation
    const [, json] = step(dir, cache, (t) => t.replace(/(- id: F-2\n(?:.*\n)*?\s+US: \{ amount: )250M/, '$1300M'));
    // 250M -> 300M a year for the 10 years: 500M more than the baseline's 4,382.5 (as published)
    expect(JSON.parse(json!.stdout).metrics.budgetCost.US).toBe('4882.5');
    // a comment only, and lines added above everything (every location moves down)
    step(dir, cache, (t) => `# a comment\n#\n${t.replace('\nhorizon:\n', '\n# before the horizon\nhorizon:\n')}`);
    // a key: a mechanism's label added, then the description removed
    step(dir, cache, (t) => t.replace(/(- id: F-2\n)/, '$1    label: Renamed grants\n'));
    step(dir, cache, (t) => t.replace(/\ndescription: >-\n(?: {2}.*\n)+/, '\n'));
    // top-level keys in another order
    step(dir, cache, (t) => {
      const m = /\nscoring:\n(?: .*\n|\n)+?(?=\S)/.exec(t)!;
      return t.replace(m[0], '\n') + m[0].slice(1);
    });
    // an anchor and an alias (the file is then parsed whole), then the anchored value changed
    step(dir, cache, (t) =>
      t.replace('\n  start: FY2027\n', '\n  start: &first FY2027\n').replace(/\nscoring:\n/, '\nscoring:\n  enacted: *first\n'),
    );
    step(dir, cache, (t) => t.replace('start: &first FY2027', 'start: &first FY2028'));
  });

  it('an invalid edit reports at the right line and column, and a fix is read again', { timeout: 300_000 }, () => {
    const dir = writeFiles({ 'plan.yaml': baseline });
    const cache = tempDir();
    FORMATS.map((a) => same(a, dir, cache));
    // a bad figure deep in the file, after lines were added above it
    const [bad] = step(dir, cache, (t) =>
      `# one\n# two\n${t}`.replace(/(- id: F-2\n(?:.*\n)*?\s+US: \{ amount: )250M/, '$1lots'),
    );
    expect(bad!.code).toBe(2);
    expect(bad!.stderr).toMatch(/plan\.yaml:\d+:\d+/);
    // an unknown key (a did-you-mean) and a wrong type at the top
    step(dir, cache, (t) => t.replace(/lots/, '250M').replace('\nname: Compact', '\nnmae: x\nname: Compact'));
    step(dir, cache, (t) => t.replace('\nnmae: x\n', '\n').replace(/\n {2}years: 10\n/, '\n  years: ten\n'));
    // a valid change in one mechanism and a misspelt key in a later one, at once (the first
    // part's schema made alone, then the whole schema for the diagnostics: the same hint)
    const [misspelt] = step(dir, cache, (t) =>
      t
        .replace(/(- id: F-2\n(?:.*\n)*?\s+US: \{ amount: )250M/, '$1260M')
        .replace(/(- id: F-3\n(?:.*\n)*?\s+)obligations:/, '$1obligatons:'),
    );
    expect(misspelt!.stderr).toMatch(/did you mean/i);
    step(dir, cache, (t) => t.replace('obligatons:', 'obligations:'));
    // many parts changed at once (past the parts whose schema is made alone)
    step(dir, cache, (t) => t.replaceAll('assumption:', 'assumed:'));
    // a YAML error in one key, then fixed
    step(dir, cache, (t) => t.replace(/\n {2}years: ten\n/, '\n  years: [10\n'));
    const [fixed] = step(dir, cache, (t) => t.replace('\n  years: [10\n', '\n  years: 10\n'));
    expect(fixed!.code).toBe(0);
  });

  it('a parent changed under an unchanged file is read again', { timeout: 300_000 }, () => {
    const dir = writeFiles({
      'base.yaml': baseline,
      'plan.yaml': 'extends: base.yaml\nname: a variant\n',
    });
    const cache = tempDir();
    FORMATS.map((a) => same(a, dir, cache));
    writeFileSync(join(dir, 'base.yaml'), baseline.replace(/(- id: F-2\n(?:.*\n)*?\s+US: \{ amount: )250M/, '$1300M'));
    const [, json] = FORMATS.map((a) => same(a, dir, cache));
    expect(JSON.parse(json!.stdout).metrics.budgetCost.US).toBe('4882.5');
    // and an edit of the child after it
    step(dir, cache, (t) => t.replace('name: a variant', 'name: another variant'));
  });

  it('every command that draws tables prints the same bytes with the tables saved', { timeout: 300_000 }, () => {
    const dir = writeFiles({ 'base.yaml': baseline, 'plan.yaml': 'extends: base.yaml\nname: a variant\n' });
    const cache = { XDG_CACHE_HOME: tempDir() };
    const off = { COMPACT_MODEL_NO_CACHE: '1' };
    const commands = [
      ['run', 'plan.yaml', '--width', '80', '--all'],
      ['estimate', 'plan.yaml', '--width', '100'],
      ['explain', 'plan.yaml', 'budgetCost.US', '--width', '100'],
      ['diff', 'base.yaml', 'plan.yaml', '--width', '100'],
      ['compare', 'base.yaml', 'plan.yaml', '--width', '120'],
      ['solve', 'plan.yaml', '--width', '100'],
    ];
    // with the caches empty, then warm; then after an edit of a figure (some tables change)
    for (const c of commands) {
      const want = cm(c, dir, off);
      expect(cm(c, dir, cache)).toEqual(want);
      expect(cm(c, dir, cache)).toEqual(want);
    }
    writeFileSync(
      join(dir, 'plan.yaml'),
      'extends: base.yaml\nname: a variant\nmechanisms:\n  - id: F-2\n    appropriations:\n      US: { amount: 300M, per: year }\n',
    );
    for (const c of commands) expect(cm(c, dir, cache)).toEqual(cm(c, dir, off));
  });
});
