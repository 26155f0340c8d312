// Editor support: `compact-model schema` prints the JSON Schema generated from the zod
// schema, and the committed scenario.schema.json must be exactly that output.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { ROOT } from './support.js';

describe('compact-model schema', () => {
  it('prints a draft-07 schema with $id and title, strict for whole files and relaxed for patches', async () => {
    const r = await cli(['schema'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown> & {
      else: { required: string[]; anyOf?: unknown };
      then: { required?: string[] };
    };
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.$id).toBe('urn:compact-model:scenario');
    expect(s.title).toBe('compact-model scenario');
    expect(s.else.required).toEqual(expect.arrayContaining(['name', 'horizon', 'mechanisms']));
    // sponsors:, or its older name governments:, one of them in a whole file.
    expect(s.else.anyOf).toEqual([{ required: ['sponsors'] }, { required: ['governments'] }]);
    expect(s.then.required).toBeUndefined();
    // Every $ref points at a definition that exists.
    const defs = s.definitions as Record<string, unknown>;
    const refs = [...r.stdout.matchAll(/"\$ref": "#\/definitions\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((x) => !(x in defs))).toEqual([]);
  });

  it('the committed scenario.schema.json is in sync with the zod schema', async () => {
    const r = await cli(['schema'], { cwd: ROOT });
    const committed = readFileSync(join(ROOT, 'scenario.schema.json'), 'utf8');
    expect(
      committed === r.stdout,
      'scenario.schema.json is out of date with src/validate/schema.ts; regenerate it with: node scripts/build.mjs && node bin/compact-model.js schema > scenario.schema.json',
    ).toBe(true);
  });

  it('every shipped scenario names the schema in a yaml-language-server modeline', () => {
    for (const f of readdirSync(join(ROOT, 'scenarios')).filter((x) => x.endsWith('.yaml'))) {
      const first = readFileSync(join(ROOT, 'scenarios', f), 'utf8').split('\n')[0];
      expect(first, f).toBe('# yaml-language-server: $schema=../scenario.schema.json');
    }
  });
});
