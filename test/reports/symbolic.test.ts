// The symbolic arithmetic behind the live workbook (src/compute/symbolic.ts): exact values as
// Exact gives them, and the polynomial in the inputs wherever the steps are polynomial.
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/core/money.js';
import { type Sym, Symbolic as A, symInputs } from '../../src/compute/symbolic.js';

/** Input number i at value v: the polynomial x_i. */
const x = (i: number, v: number): Sym => ({ v: Dec.of(v), p: new Map([[`${i}^1`, { c: Dec.ONE, vars: [[i, 1]] }]]) });
/** The polynomial as "coefficient*x0^1*..." terms, sorted, for reading. */
const terms = (a: Sym) =>
  a.p === null ? null : [...a.p.values()].map((t) => [t.c.toPlain(), ...t.vars.map(([i, k]) => `x${i}^${k}`)].join('*')).sort();

describe('Symbolic arithmetic', () => {
  it('keeps products, sums and divisions by one term as polynomials, with the exact value', () => {
    // (x0 * x1 + 2 x0) / x2 at x0 = 3, x1 = 4, x2 = 5: (12 + 6) / 5 = 3.6.
    const a = A.div(A.add(A.mul(x(0, 3), x(1, 4)), A.mul(A.int(2), x(0, 3))), x(2, 5));
    expect(a.v.toPlain()).toBe('3.6');
    expect(terms(a)).toEqual(['1*x0^1*x1^1*x2^-1', '2*x0^1*x2^-1']);
    // x0 - x0 cancels to nothing: the constant zero.
    expect(terms(A.sub(x(0, 3), x(0, 3)))).toEqual([]);
    // A whole power of an input stays a polynomial: (x0 + 1)^2 = x0^2 + 2 x0 + 1 = 16 at x0 = 3.
    const sq = A.pow(A.add(x(0, 3), A.one), A.int(2));
    expect(sq.v.toPlain()).toBe('16');
    expect(terms(sq)).toEqual(['1', '1*x0^2', '2*x0^1']);
  });

  it('loses the polynomial at a step that is not one, keeping the value and the inputs it read', () => {
    // min(x0, x1) at 3 and 4 is 3, but which one it is depends on the inputs.
    const m = A.min(x(0, 3), x(1, 4));
    expect(m.v.toPlain()).toBe('3');
    expect(m.p).toBeNull();
    expect([...symInputs(m)].sort()).toEqual([0, 1]);
    // ...and what is added to it is lost too: 3 + 5 = 8, reading x0, x1 and x2.
    const s = A.add(m, x(2, 5));
    expect(s.v.toPlain()).toBe('8');
    expect(s.p).toBeNull();
    expect([...symInputs(s)].sort()).toEqual([0, 1, 2]);
    // A division by a sum: 3 / (4 + 5) = 0.333...
    expect(A.div(x(0, 3), A.add(x(1, 4), x(2, 5))).p).toBeNull();
    // A constant either side of a min is still a choice that depends on the input.
    expect(A.min(x(0, 3), A.int(10)).p).toBeNull();
    // Two constants stay constant: min(2, 10) = 2.
    expect(terms(A.min(A.int(2), A.int(10)))).toEqual(['2']);
  });

  it('compares by the exact value, so control flow is the one run takes', () => {
    expect(A.lt(x(0, 3), x(1, 4))).toBe(true);
    expect(A.isZero(A.sub(x(0, 3), A.int(3)))).toBe(true);
  });
});
