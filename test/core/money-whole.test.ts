// Dec keeps a safe integer as a number and adds, subtracts and multiplies two of them in
// float64 while the result stays at most 2^53 - 1 (core/money.ts). These tests hold it to
// what Decimal alone gives: the same digits, the same sign of zero, the same comparisons.
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { Dec } from '../../src/core/money.js';

// The Decimal that money.ts configures (40 digits, ties to even, plain notation).
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
const exactOf = (d: Decimal) => (d.isZero() && d.isNeg() ? '-0' : d.toString());

describe('Dec on whole numbers', () => {
  it('is exact at and past 2^53', () => {
    // 2^53 - 1 = 9007199254740991; + 2 = 9007199254740993, which float64 cannot hold (it rounds to ...992).
    expect(Dec.of(9007199254740991).plus(Dec.of(2)).exact()).toBe('9007199254740993');
    // 94906267 x 94906269 = 94906268^2 - 1 = 9007199705687823 (> 2^53: done in Decimal).
    expect(Dec.of(94906267).times(Dec.of(94906269)).exact()).toBe('9007199705687823');
    // -(2^53 - 1) - 2 = -9007199254740993.
    expect(Dec.of(-9007199254740991).minus(Dec.of(2)).exact()).toBe('-9007199254740993');
    // 250M a year for 10 years, then 12.5% of it: 2,500,000,000 and 312,500,000.
    const ten = Array.from({ length: 10 }, () => Dec.of('250').times(1_000_000)).reduce((a, b) => a.plus(b));
    expect(ten.exact()).toBe('2500000000');
    expect(ten.times(Dec.of('0.125')).exact()).toBe('312500000');
    // A whole result of a decimal product is whole again: 0.125 x 8 = 1, then 1 + 2^53 - 1 = 2^53.
    expect(Dec.of('0.125').times(8).plus(Dec.of(9007199254740991)).exact()).toBe('9007199254740992');
  });

  it('has one form per value, so equal values compare equal field by field', () => {
    // 0.125 x 8 = 1 (a Decimal product); 2.5 x 1,000,000 = 2,500,000; 2^53 - 1 from 16 digits of text.
    expect(Dec.of('0.125').times(8)).toEqual(Dec.ONE);
    expect(Dec.of('2.5').times(1_000_000)).toEqual(Dec.of(2_500_000));
    expect(Dec.of('9007199254740991')).toEqual(Dec.of(9007199254740991));
    const made = Dec.of(7);
    made.times(Dec.of('0.5')); // makes (and keeps) 7's Decimal
    expect(made).toEqual(Dec.of(7));
    expect(Dec.of('0.5')).not.toEqual(Dec.of('0.25'));
  });

  it('keeps the sign of zero as Decimal does', () => {
    expect(Dec.of(-5).plus(Dec.of(5)).exact()).toBe('0'); // x + (-x) is +0
    expect(Dec.of(5).minus(Dec.of(5)).exact()).toBe('0');
    expect(Dec.ZERO.times(-5).exact()).toBe('-0'); // 0 x -5 is -0
    expect(Dec.ZERO.neg().exact()).toBe('-0');
    expect(Dec.of(-0).isNeg()).toBe(false);
    expect(Dec.of(-0).cmp(Dec.ZERO)).toBe(0);
  });

  it('agrees with Decimal alone on mixed operations', () => {
    const pool = [
      '0',
      '-0',
      '1',
      '-1',
      '7',
      '250000000',
      '-250000000',
      '999999999999999',
      '-999999999999999',
      '9007199254740991',
      '-9007199254740991',
      '9007199254740992',
      '1e20',
      '0.05',
      '-0.125',
      '1.5',
      '33.333',
      '1e-7',
      '123456789.5',
      '10000000',
      '-20000000000000',
    ];
    // A fixed sequence (a linear congruential generator), so a failure reproduces.
    let seed = 12345;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const pick = (): [Dec, Decimal] => {
      const s = pool[next(pool.length)]!;
      return [Dec.of(s), new D(s)];
    };
    for (let i = 0; i < 1000; i++) {
      let [a, da] = pick();
      // Chains of a few operations, so results made on both paths meet again.
      for (let j = 0; j < 4; j++) {
        const [b, db] = pick();
        const op = next(4);
        if (op === 0) [a, da] = [a.plus(b), db.isZero() ? da : da.isZero() ? db : da.plus(db)];
        else if (op === 1) [a, da] = [a.minus(b), db.isZero() ? da : da.minus(db)];
        else if (op === 2) [a, da] = [a.times(b), da.times(db)];
        else [a, da] = [a.neg(), da.neg()];
        expect(a.exact()).toBe(exactOf(da));
        expect(a.cmp(b)).toBe(da.cmp(db));
        expect([a.lt(b), a.lte(b), a.gt(b), a.gte(b), a.eq(b)]).toEqual([
          da.lt(db),
          da.lte(db),
          da.gt(db),
          da.gte(db),
          da.eq(db),
        ]);
        expect([a.isZero(), a.isInteger(), a.isNeg()]).toEqual([da.isZero(), da.isInteger(), da.isNeg() && !da.isZero()]);
        expect(Object.is(a.toNumber(), da.toNumber())).toBe(true);
      }
    }
  });
});
