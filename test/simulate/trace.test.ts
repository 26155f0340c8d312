// The tape records an operation on the same nodes once (float64 operations are
// deterministic, so the repeat has the same value), and the replay writes stored outputs
// to a strided column and the rest to a row.
import { describe, expect, it } from 'vitest';
import { compile, Tape } from '../../src/simulate/trace.js';

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
    const f = compile(t, outs, 2);
    const cols = new Float64Array(8),
      row = new Float64Array(1);
    // x = 7, y = 3: 7 / 10 = 0.7 (as float64), 0.7 + 0.7, 0.7 x 3, 7 - 3 = 4
    f(new Float64Array([7, 3]), cols, 1, 4, row);
    expect(cols[1]).toBe(7 / 10 + 7 / 10);
    expect(cols[5]).toBe((7 / 10) * 3);
    expect(row[0]).toBe(4);
    expect(Array.from(cols).filter((_, i) => i !== 1 && i !== 5)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
