// A file parsed key by key (src/read/chunks.ts, for the edit-run loop) gives the very tree
// the whole parse gives, every value and location; a file the cut could change is not cut,
// and a piece that does not parse cleanly alone sends the file to the whole parse.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { cutAtKeys, parseByKeys, type ParsedPiece, type PieceStore } from '../../src/read/chunks.js';
import { parseTree } from '../../src/read/tree.js';

function yamlUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

const files = [...yamlUnder('scenarios'), ...yamlUnder('test/fixtures')];

const whole = (text: string) => {
  const diags = new Diagnostics();
  const tree = parseTree(text, 'f.yaml', diags);
  return diags.items.length ? undefined : tree;
};

/** A store in memory that counts what it was asked. */
function memoryStore() {
  const m = new Map<string, ParsedPiece>();
  let hits = 0;
  const store: PieceStore = {
    known: () => true,
    mark() {},
    get(t) {
      const p = m.get(t);
      if (p) hits++;
      return p && structuredClone(p);
    },
    put: (t, p) => void m.set(t, structuredClone(p)),
    save() {},
  };
  return { store, hits: () => hits };
}

describe('parsing a file key by key', () => {
  it.each(files)('%s: the same tree as the whole parse, or not cut', (f) => {
    const text = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
    const byKeys = parseByKeys(text, 'f.yaml');
    if (byKeys) expect(byKeys).toEqual(whole(text));
  });

  it('cuts most of them (so the comparison above is not empty)', () => {
    const cut = files.filter((f) => parseByKeys(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''), 'f.yaml'));
    expect(cut.length).toBeGreaterThan(files.length / 2);
  });

  it('cuts the shipped baseline, and an edit of one key re-parses that key only', () => {
    const text = readFileSync('scenarios/compact-2026.yaml', 'utf8');
    const pieces = cutAtKeys(text)!;
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    const { store, hits } = memoryStore();
    expect(parseByKeys(text, 'f.yaml', store)).toEqual(whole(text));
    expect(hits()).toBe(0);
    // One more line in `description:` moves every later key down a line: their saved pieces
    // are used, at their new lines.
    const edited = text.replace('  10-year MOU.', '  10-year MOU\n  (edited).');
    expect(edited).not.toBe(text);
    const again = parseByKeys(edited, 'f.yaml', store);
    expect(hits()).toBe(pieces.length - 1);
    expect(again).toEqual(whole(edited));
  });

  const cases: [string, string][] = [
    ['a value', 'name: a\nhorizon: { start: 2027, years: 5 }\n'],
    ['a comment only', '# top\nname: a # said\n# between\nhorizon:\n  start: 2027 # here\n\n  years: 5\n'],
    ['items at column 0', 'name: a\nmechanisms:\n- id: A\n  kind: x\n-\n  id: B\n'],
    ['a block scalar', 'description: |\n  one\n\n  two\n\nname: a\n'],
    ['a folded scalar at the end', 'name: a\ndescription: >-\n  one\n  two\n'],
    ['an empty value', 'name:\nhorizon: 1\n'],
    ['no final newline', 'name: a\nyears: 5'],
  ];
  it.each(cases)('%s: cut, and the same tree', (_, text) => {
    expect(cutAtKeys(text)).toBeDefined();
    const t = parseByKeys(text, 'f.yaml');
    expect(t).toBeDefined();
    expect(t).toEqual(whole(text));
  });

  const notCut: [string, string][] = [
    ['an anchor and an alias', 'a: &x { v: 1 }\nb: *x\n'],
    ['a merge key', 'a: { v: 1 }\n<<: { w: 2 }\n'],
    ['a tag', 'a: !!str 5\n'],
    ['a document marker', '---\na: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a flow mapping at the top', '{ a: 1 }\n'],
    ['a quoted key', '"a": 1\n'],
    ['a key written twice', 'a: 1\nb: 2\na: 3\n'],
    ['a syntax error in one key', 'a: 1\nb: [1, 2\nc: 3\n'],
    ['a kept block scalar', 'a: |+\n  x\n\nb: 1\n'],
    ['a tab', 'a:\t1\n'],
    ['CR line ends', 'a: 1\r\nb: 2\r\n'],
    ['a continuation at column 0', 'a: one\ntwo\n'],
    ['indented text before the first key', '  a: 1\nb: 2\n'],
    ['an item before any key', '- 1\n'],
    ['a duplicate key inside a key', 'a:\n  x: 1\n  x: 2\n'],
    ['an imprecise number', 'a: 100000000.000000000000001\n'],
  ];
  it.each(notCut)('%s: parsed whole', (_, text) => {
    expect(parseByKeys(text, 'f.yaml')).toBeUndefined();
  });
});
