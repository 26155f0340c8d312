// A clone is self-contained: no tracked file refers to a path outside the repository
// (a scenario's `file:`, a doc's link, a test's fixture), so nothing a user clones depends
// on a folder that happens to sit beside the author's copy. Test sources (*.test.ts) are
// left out: hostile-input tests spell escaping paths on purpose, as strings they feed the
// CLI; their fixture files are scanned like every other file.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

/** A relative path with at least one `../`, as it is written (after a space, quote, bracket, `=` or `:`). */
const UPWARD = /(?:^|[\s'"`(=:,[])((?:\.\.\/)+[^\s'"`)\],]*)/g;

/** Each `../` path in `text` that, resolved against the folder of `file`, leaves the repository. */
function escapingPaths(root: string, file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(UPWARD)) {
    const p = m[1]!;
    if (relative(root, resolve(root, dirname(file), p)).startsWith('..')) out.push(p);
  }
  return out;
}

describe('every path the repository names is inside it', () => {
  it('finds an escaping path and leaves an inner one alone', () => {
    // scenarios/x.yaml -> ../../a leaves the root (scenarios/.. is the root, one more is outside);
    // test/fixtures/bad/x.yaml -> ../../../scenarios stays in (three levels up is the root).
    expect(escapingPaths('/r', 'scenarios/x.yaml', 'file: ../../shared/a.txt')).toEqual(['../../shared/a.txt']);
    expect(escapingPaths('/r', 'test/fixtures/bad/x.yaml', 'extends: ../../../scenarios/c.yaml')).toEqual([]);
    expect(escapingPaths('/r', 'docs/guide/x.md', '[f](../reference/format.md)')).toEqual([]);
  });

  it('no tracked file refers to a path outside the repository', () => {
    if (!existsSync(resolve(ROOT, '.git'))) return; // an unpacked tarball has no list of tracked files
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of files) {
      let text: string;
      try {
        text = readFileSync(resolve(ROOT, f), 'utf8');
      } catch {
        continue; // a tracked file deleted in the working tree
      }
      if (text.includes('\u0000')) continue; // binary
      // This file's own examples, and a line marked `outside-ok` (a hostile fixture built in a
      // temporary folder, which names no file of the clone), are not references.
      if (f === 'test/robust/inside-repo.test.ts') continue;
      const lines = text.split('\n').filter((l) => !l.includes('outside-ok'));
      for (const p of escapingPaths(ROOT, f, lines.join('\n'))) found.push(`${f}: ${p}`);
    }
    expect(found).toEqual([]);
  });
});
