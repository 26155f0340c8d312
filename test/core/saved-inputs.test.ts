// Validated scenarios saved between runs (src/validate/saved.ts) read back as exactly what
// validation made: the same values, the same decimals digit for digit, and an object met
// twice still one object.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { Dec } from '../../src/core/money.js';
import { Loader } from '../../src/read/load.js';
import { decode, encode } from '../../src/validate/saved.js';
import { validate } from '../../src/validate/validate.js';

const files = [
  ...readdirSync('scenarios').map((f) => join('scenarios', f)),
  ...readdirSync('test/fixtures/ok').map((f) => join('test/fixtures/ok', f)),
  'test/fixtures/generic/seven-years-three-governments.yaml',
].filter((f) => f.endsWith('.yaml'));

const roundTrip = (v: unknown) => decode(JSON.parse(JSON.stringify(encode(v))));

describe('saved validated scenarios', () => {
  it.each(files)('%s reads back equal to what validation made', (f) => {
    const diags = new Diagnostics();
    const loaded = new Loader(process.cwd()).load(f, diags);
    const input = validate(loaded.tree!, diags);
    expect(input).toBeDefined();
    expect(roundTrip(input)).toEqual(input);
  });

  it('keeps every digit, the sign of zero, and shared objects shared', () => {
    // 1/3 at 40 digits, a 25-digit integer, and -0
    const third = Dec.of(1).div(3);
    const tol = { value: Dec.of('1234567890123456789012345') };
    const back = roundTrip({ third, neg: Dec.of('-0'), a: tol, b: [tol], u: undefined }) as Record<string, unknown>;
    expect((back.third as Dec).exact()).toBe('0.3333333333333333333333333333333333333333');
    expect((back.neg as Dec).exact()).toBe('-0');
    expect((back.a as typeof tol).value.exact()).toBe('1234567890123456789012345');
    expect((back.b as unknown[])[0]).toBe(back.a);
    expect('u' in back && back.u === undefined).toBe(true);
  });

  it('a list that looks like a tag stays a list of text', () => {
    expect(roundTrip({ note: ['d', '5'], r: ['r', 0] })).toEqual({ note: ['d', '5'], r: ['r', 0] });
  });

  it('a key named __proto__ stays an own key', () => {
    const o = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const back = roundTrip(o) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('what cannot be read back exactly is not saved', () => {
    const unsavable = encode({ x: new Map() });
    expect(typeof unsavable).toBe('symbol');
    const holey = new Array<number>(3);
    holey[0] = 1;
    holey[2] = 3;
    expect(typeof encode(holey)).toBe('symbol'); // a hole reads back as undefined
    expect(typeof encode({ n: Number.NaN })).toBe('symbol');
  });
});
