import { describe, expect, it } from 'vitest';
import { parseFigure, parseYear } from '../../src/core/amount.js';

const base = (x: unknown, unit: 'amount' | 'rate' | 'ratio' = 'amount') => {
  const r = parseFigure(x, unit);
  if (!r.ok) throw new Error(r.message);
  return [r.value.low.toPlain(), r.value.base.toPlain(), r.value.high.toPlain()];
};

describe('amounts as people write them', () => {
  it.each([
    ['$2.5B', '2500000000'],
    ['250M', '250000000'],
    ['1.2bn', '1200000000'],
    [250000000, '250000000'],
    ['$500m', '500000000'],
    ['2.5 billion', '2500000000'],
    ['$1,250,000', '1250000'],
    ['30k', '30000'],
  ])('%s', (text, dollars) => {
    expect(base(text)).toEqual([dollars, dollars, dollars]);
  });

  it('reads ranges, with the unit carried back to a bare low end; base is the midpoint', () => {
    // $2-3B: low 2B, high 3B, base (2 + 3) / 2 = 2.5B
    expect(base('$2B-3B')).toEqual(['2000000000', '2500000000', '3000000000']);
    expect(base('$2-3B')).toEqual(['2000000000', '2500000000', '3000000000']);
    // $500M–1B (en dash): base (0.5 + 1) / 2 = 0.75B
    expect(base('$500M–1B')).toEqual(['500000000', '750000000', '1000000000']);
    expect(base('250M to 500M')).toEqual(['250000000', '375000000', '500000000']);
  });

  it('reads rates and ratios', () => {
    expect(base('5%', 'rate')).toEqual(['0.05', '0.05', '0.05']);
    expect(base(0.05, 'rate')).toEqual(['0.05', '0.05', '0.05']);
    expect(base('4-6%', 'rate')).toEqual(['0.04', '0.05', '0.06']);
    expect(base('25:1', 'ratio')).toEqual(['25', '25', '25']);
    expect(base('1.5x-2.5x', 'ratio')).toEqual(['1.5', '2', '2.5']);
  });

  it.each([['2.5Q'], ['lots'], [true], [null], ['$3B-2B'], ['1-2-3M'], [1e300]])('rejects %s with a hint', (bad) => {
    const r = parseFigure(bad, 'amount');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.hint).toMatch(/250M/);
  });

  it('reads years as fiscal years or year numbers of the horizon', () => {
    const y = (x: unknown) => {
      const r = parseYear(x, 2027, 10);
      return r.ok ? r.value : r.message;
    };
    expect(y('FY2030')).toBe(2030);
    expect(y(2030)).toBe(2030);
    expect(y(1)).toBe(2027);
    expect(y(10)).toBe(2036);
    expect(y('soon')).toMatch(/not a year/);
  });
});

describe('negative amounts (issue 12, finding 15)', () => {
  it.each(['$-5M', '-5M', 'US$ -5M', '-$5M', '−5M'])('%s says it is negative', (raw) => {
    const r = parseFigure(raw, 'amount');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(`"${raw}" is negative; amounts are never negative here`);
  });
  it('a range with a hyphen is still a range', () => {
    expect(base('$2B-3B')).toEqual(['2000000000', '2500000000', '3000000000']);
  });
});
