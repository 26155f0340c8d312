// Validation remembers a valid part by its plain value within a process (validate/memo.ts):
// two files patching their base the same way get one validated item, and any difference
// in the value is validated on its own.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { Loader } from '../../src/read/load.js';
import { validate } from '../../src/validate/validate.js';
import { tempDir } from '../support/scenario.js';

const base = resolve('scenarios/compact-2026.yaml');
const dir = tempDir();
const variant = (name: string, amount: string) => {
  const f = join(dir, `${name}.yaml`);
  writeFileSync(
    f,
    `extends: ${base}\nname: ${name}\nmechanisms:\n  - id: F-2\n    appropriations:\n      US: { amount: ${amount}, per: year }\n`,
  );
  return f;
};

/** The validated F-2 of a file, each file read by its own Loader (so no node is shared). */
function f2(file: string): unknown {
  const diags = new Diagnostics();
  const loaded = new Loader(dir, { roots: [resolve('scenarios')] }).load(file, diags);
  const input = validate(loaded.tree!, diags);
  expect(diags.items).toEqual([]);
  return input!.mechanisms.find((m) => m.id === 'F-2');
}

describe('validation remembered by plain value', () => {
  it('gives two files with the same patch one validated item', () => {
    const a = f2(variant('a', '250M'));
    const b = f2(variant('b', '250M'));
    expect(b).toBe(a);
  });

  it('validates a different value on its own', () => {
    const a = f2(variant('c', '250M'));
    const d = f2(variant('d', '251M'));
    expect(d).not.toBe(a);
    expect(JSON.stringify(d)).not.toBe(JSON.stringify(a));
  });
});
