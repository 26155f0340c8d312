// The JSON Schema's patterns for figures against the parser they describe (core/amount.ts):
// a string the parser accepts always matches (an editor never flags what check accepts),
// and the usual mistakes do not. Every key of the schema has a description (editor hovers).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFigure, type Unit } from '../../src/core/amount.js';
import { Dec } from '../../src/core/money.js';
import { figurePattern } from '../../src/kit/figures.js';
import { scenarioJsonSchema } from '../../src/validate/jsonschema.js';

const matches = (unit: Unit, s: string, opts = {}) => new RegExp(figurePattern(unit, opts)).test(s);

// Figures built from the pieces the parser knows, in any case, spacing and order, including
// some it refuses (so both sides of the property are exercised).
const num = fc.oneof(
  fc.nat({ max: 5000 }).map(String),
  fc.tuple(fc.nat({ max: 999 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom('1,250,000', '2,500', '.5', '0.05', '12,34'),
);
const word = fc.constantFrom(
  '',
  'M',
  'm',
  'B',
  'bn',
  'Bn',
  'k',
  'million',
  'Billion',
  'mm',
  'mn',
  'mil',
  't',
  'tn',
  'milion',
  'x',
  '%',
  ':1',
  '×',
  'TBD',
);
const one = fc.tuple(fc.constantFrom('', '$', 'US$', '-', 'us$ '), num, fc.constantFrom('', ' '), word).map((p) => p.join(''));
const join = fc.constantFrom('-', ' - ', '–', ' to ', 'to', ' TO ');
const figureText = fc.oneof(
  one,
  fc.tuple(one, join, one).map((p) => p.join('')),
);

describe('figure patterns', () => {
  for (const unit of ['amount', 'rate', 'ratio'] as const)
    it(`accept every ${unit} the parser accepts`, () => {
      fc.assert(
        fc.property(figureText, (s) => {
          const p = parseFigure(s, unit);
          // "-0%" is zero to the parser; the editor's pattern refuses its sign (a harmless miss).
          if (/^-0*(\.0*)?\s*%?$/.test(s)) return;
          if (p.ok && !p.value.low.isNeg()) expect(matches(unit, s), s).toBe(true);
          // A rate at most 100%: the bounded pattern accepts every such rate.
          if (unit === 'rate' && p.ok && !p.value.low.isNeg() && p.value.high.lte(Dec.ONE))
            expect(matches(unit, s, { atMostOne: true }), s).toBe(true);
          if (unit === 'rate' && p.ok && p.value.low.gte(Dec.of(-1)) && p.value.high.lte(Dec.ONE))
            expect(matches(unit, s, { atMostOne: true, signed: true }), s).toBe(true);
        }),
        { numRuns: 5000 },
      );
    });

  it('accept the documented forms', () => {
    for (const s of ['250M', '$2.5B', '1.2bn', '1,250,000', '250000000', '$2B-3B', '250M to 500M', 'US$ 5 million', '$500M–1B'])
      expect(matches('amount', s), s).toBe(true);
    for (const s of ['5%', '0.05', '4%-6%', '4-6%', '100%']) expect(matches('rate', s), s).toBe(true);
    for (const s of ['2x', '25:1', '1.5x-2.5x', '2.5']) expect(matches('ratio', s), s).toBe(true);
  });

  it('reject the usual mistakes', () => {
    for (const s of ['TBD', '5 milion', '-5M', '$-5M', '2.5Q', '', '5M-', '1-2-3M']) expect(matches('amount', s), s).toBe(false);
    for (const s of ['500%', '170%', '1.5', '5', '-1%']) expect(matches('rate', s, { atMostOne: true }), s).toBe(false);
    expect(matches('rate', '-3%', { atMostOne: true, signed: true })).toBe(true);
    expect(matches('rate', '-300%', { atMostOne: true, signed: true })).toBe(false);
    for (const s of ['2xx', 'two', '2:3']) expect(matches('ratio', s), s).toBe(false);
  });
});

describe('schema descriptions', () => {
  it('every key of every object has a description of its own', () => {
    const s = scenarioJsonSchema() as { else: unknown; definitions: Record<string, unknown> };
    const missing: string[] = [];
    const walk = (node: unknown, path: string, seen: Set<string>) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n) => walk(n, path, seen));
      const o = node as Record<string, unknown>;
      if (typeof o.$ref === 'string') {
        if (seen.has(o.$ref)) return;
        return walk(s.definitions[o.$ref.replace('#/definitions/', '')], path, new Set([...seen, o.$ref]));
      }
      for (const [k, v] of Object.entries((o.properties ?? {}) as Record<string, { description?: string }>)) {
        if (typeof v.description !== 'string' || v.description.length < 8) missing.push(`${path}.${k}`);
        walk(v, `${path}.${k}`, seen);
      }
      for (const k of ['anyOf', 'oneOf', 'allOf', 'items', 'additionalProperties'])
        walk(o[k], path + (k === 'items' ? '[]' : k === 'additionalProperties' ? '.*' : ''), seen);
    };
    walk(s.else, '', new Set());
    expect(missing).toEqual([]);
  });

  it('each mechanism kind has its own title', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    for (const t of ['Grant program', 'Equity vehicle', 'Credit facility', 'Loan guarantee'])
      expect(text).toContain(`"title":"${t}`);
  });
});
