// Validation's schema builds each kind of figure once and shares it (kit/figures.ts
// `shared`, a first run's largest validation cost); the JSON Schema for editors is built
// afresh without that sharing (`unshared`), since zod writes an instance used twice as a
// $ref. So the file editors read is the same whatever the process validated before it, and
// hints list the same keys as when every figure was built anew.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figure, scalarFigure, sourced, unshared } from '../../src/kit/figures.js';
import { scenarioJsonSchema } from '../../src/validate/jsonschema.js';
import { scenarioSchema, SHAPES } from '../../src/validate/schema.js';
import { ROOT } from '../support/spawn.js';

describe('shared figures', () => {
  it('the JSON Schema equals the committed file after validation has built its own schema', () => {
    const kept = scenarioSchema();
    expect(kept.safeParse({}).success).toBe(false); // built and used
    const registered = SHAPES.length;
    expect(registered).toBeGreaterThan(0);
    const committed = JSON.parse(readFileSync(join(ROOT, 'scenario.schema.json'), 'utf8')) as unknown;
    expect(scenarioJsonSchema()).toEqual(committed);
    // Building it registers no shape a hint would list.
    expect(SHAPES.length).toBe(registered);
  });

  it('one instance per figure while the kept schema is built, a new one each time for the JSON Schema', () => {
    expect(sourced('amount')).toBe(sourced('amount'));
    expect(figure('rate', { atMostOne: true })).toBe(figure('rate', { atMostOne: true }));
    expect(figure('rate', { atMostOne: true })).not.toBe(figure('rate'));
    expect(scalarFigure('ratio')).not.toBe(scalarFigure('amount'));
    const a = unshared(() => sourced('amount'));
    const b = unshared(() => sourced('amount'));
    expect(a).not.toBe(b);
    expect(a).not.toBe(sourced('amount'));
  });
});
