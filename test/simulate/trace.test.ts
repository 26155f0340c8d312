// The tape records an operation on the same nodes once (float64 operations are
// deterministic, so the repeat has the same value), and the replay writes stored outputs
// to a strided column and the rest to a row, leaving constants to the caller; a constant
// column's summary without the column.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile, Tape } from '../../src/simulate/trace.js';
import { summarize, summarizeConstant } from '../../src/simulate/stats.js';

describe('Tape', () => {
  it('records a repeated operation once, and replays both uses with its value', () => {
    const t = new Tape();
    const A = t.arith();
    const x = t.input(0),
      y = t.input(1);
    const a = A.div(x, A.int(10)),
      b = A.div(x, A.int(10));
    expect(b).toBe(a);
    // the same operands in another order, or another operation, are other nodes
    expect(A.add(x, y)).not.toBe(A.add(y, x));
    expect(A.sub(x, y)).not.toBe(A.add(x, y));
    const outs = [A.add(a, b), A.mul(a, y), A.sub(x, y)];
    const f = compile(t, outs, 2).replay;
    const cols = new Float64Array(8),
      row = new Float64Array(1);
    // x = 7, y = 3: 7 / 10 = 0.7 (as float64), 0.7 + 0.7, 0.7 x 3, 7 - 3 = 4
    f(new Float64Array([7, 3]), cols, 1, 4, row);
    expect(cols[1]).toBe(7 / 10 + 7 / 10);
    expect(cols[5]).toBe((7 / 10) * 3);
    expect(row[0]).toBe(4);
    expect(Array.from(cols).filter((_, i) => i !== 1 && i !== 5)).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it('leaves a stored output that is a constant to the caller, with its value', () => {
    const t = new Tape();
    const A = t.arith();
    const x = t.input(0);
    // 2 x 3 folds to the constant 6; -0 keeps its sign
    const c = compile(t, [A.add(x, A.int(1)), A.mul(A.int(2), A.int(3)), t.constant(-0), A.int(5)], 3);
    expect(Array.from(c.fixed)).toEqual([1, 2]);
    expect(c.fixedValues[0]).toBe(6);
    expect(Object.is(c.fixedValues[1], -0)).toBe(true);
    const cols = new Float64Array(3).fill(9),
      row = new Float64Array(1);
    c.replay(new Float64Array([1]), cols, 0, 1, row);
    // 1 + 1 = 2 written; the fixed ones untouched (9); the row's constant written: 5
    expect(Array.from(cols)).toEqual([2, 9, 9]);
    expect(row[0]).toBe(5);
  });
});

describe('summarizeConstant', () => {
  it('is summarize() of that many copies, to the bit (the sum of equal numbers is not count x c)', () => {
    const c = fc.oneof(fc.constantFrom(0, -0, 0.1, 1e-300, NaN, Infinity, -Infinity, 5e8), fc.double({ noNaN: false }));
    fc.assert(
      fc.property(c, fc.integer({ min: 1, max: 40_000 }), (v, n) => {
        const want = summarize(new Float64Array(n).fill(v));
        const got = summarizeConstant(v, n);
        expect(JSON.stringify(got, (_, x: unknown) => (typeof x === 'number' ? (Object.is(x, -0) ? '-0' : String(x)) : x))).toBe(
          JSON.stringify(want, (_, x: unknown) => (typeof x === 'number' ? (Object.is(x, -0) ? '-0' : String(x)) : x)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
