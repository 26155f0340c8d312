// The committed JSON Schema does what an editor needs: the shipped scenarios pass it, and
// typical mistakes are flagged, as the YAML language server (draft-07) would flag them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const schema = JSON.parse(readFileSync(join(root, 'scenario.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const ok = (doc: unknown) => {
  const r = validate(doc);
  return r ? 'ok' : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
};

describe('scenario.schema.json in an editor', () => {
  for (const f of readdirSync(join(root, 'scenarios')).filter((x) => x.endsWith('.yaml'))) {
    it(`accepts scenarios/${f}`, () => {
      expect(ok(parse(readFileSync(join(root, 'scenarios', f), 'utf8')))).toBe('ok');
    });
  }
  it('accepts what init writes', async () => {
    const { initTemplate } = await import('../../src/scaffold/template.js');
    expect(ok(parse(initTemplate('x', '../scenarios/compact-2026.yaml', '../scenario.schema.json')))).toBe('ok');
  });
  it('flags a misspelt key, a wrong enum and a missing required key', () => {
    const base = parse(readFileSync(join(root, 'scenarios', 'compact-2026.yaml'), 'utf8'));
    expect(ok({ ...base, mechansims: [] })).not.toBe('ok');
    const badPer = structuredClone(base);
    badPer.mechanisms[1].appropriations.US.per = 'yearly';
    expect(ok(badPer)).not.toBe('ok');
    const { name: _n, ...noName } = base;
    void _n;
    expect(ok(noName)).not.toBe('ok');
  });
  it('does not demand required keys in a patch (a file that extends another)', () => {
    expect(ok({ extends: 'compact-2026.yaml', mechanisms: [{ id: 'F-5', study: { passes: false } }] })).toBe('ok');
  });
});
