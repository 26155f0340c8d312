// The expression language (model/expr.ts, measure/expr.ts): hand-worked values, every error
// with its column, and laws over generated expressions (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, Exact } from '../../src/core/money.js';
import { type Expr, type ExprNames, MAX_EXPR_DEPTH, parseExpr, parseTest, printExpr } from '../../src/model/expr.js';
import type { MetricRef } from '../../src/model/paths.js';
import { evalExpr, type ExprSource, runTest } from '../../src/measure/expr.js';

const names: ExprNames = { govs: ['US', 'IL'], mechs: ['F-1', 'F-4'], start: 2026, years: 10 };

// A made-up ledger: publicCommitment.US is 100M in each of FY2026..FY2035 (1,000M in all),
// budgetCost.US is 60M a year (600M), headlineMobilization.total is 15,000M and
// privateMobilized.total 4,000M; budgetCost.IL is zero (to divide by).
const M6 = Dec.of(1_000_000);
const src: ExprSource<Dec> = {
  A: Exact,
  yearOf: (r, _y) =>
    r.metric === 'publicCommitment' ? M6.times(100) : r.metric === 'budgetCost' && r.gov === 'US' ? M6.times(60) : Dec.ZERO,
  value(r: MetricRef) {
    if (r.kind === 'money') {
      const perYear = this.yearOf(r, 0);
      if (typeof r.period === 'number') return perYear;
      if (r.metric === 'headlineMobilization') return M6.times(15_000);
      if (r.metric === 'privateMobilized') return M6.times(4_000);
      return perYear.times(10);
    }
    if (r.kind === 'target') return r.field === 'met' ? true : Dec.ZERO;
    return null;
  },
};
const value = (text: string) => {
  const p = parseExpr(text, names);
  if (!p.ok) throw new Error(p.error.message);
  return evalExpr(p.value, src);
};
const err = (text: string) => {
  const p = parseTest(text, names);
  if (p.ok) throw new Error(`parsed: ${text}`);
  return p.error;
};

describe('evaluation, worked by hand', () => {
  it('numbers with units', () => {
    expect((value('500M') as Dec).eq(Dec.of(500_000_000))).toBe(true);
    expect((value('1.5B') as Dec).eq(Dec.of(1_500_000_000))).toBe(true);
    expect((value('$2,500') as Dec).eq(Dec.of(2500))).toBe(true);
    expect((value('15x') as Dec).eq(Dec.of(15))).toBe(true);
    // 35% is the share 0.35
    expect((value('35%') as Dec).eq(Dec.of('0.35'))).toBe(true);
  });
  it('precedence and parentheses: 1 + 2 * 3 = 7, (1 + 2) * 3 = 9, 8 / 4 / 2 = 1, 8 - 4 - 2 = 2', () => {
    expect((value('1 + 2 * 3') as Dec).eq(Dec.of(7))).toBe(true);
    expect((value('(1 + 2) * 3') as Dec).eq(Dec.of(9))).toBe(true);
    expect((value('8 / 4 / 2') as Dec).eq(Dec.of(1))).toBe(true);
    expect((value('8 - 4 - 2') as Dec).eq(Dec.of(2))).toBe(true);
    expect((value('-(2 - 5)') as Dec).eq(Dec.of(3))).toBe(true);
  });
  it('a ratio of two amounts: 15,000M / 1,000M = 15', () => {
    expect((value('headlineMobilization.total / publicCommitment.US') as Dec).eq(Dec.of(15))).toBe(true);
  });
  it('a period range sums its years: FY2027..FY2031 is 5 years x 100M = 500M', () => {
    expect((value('publicCommitment.US.FY2027..FY2031') as Dec).eq(M6.times(500))).toBe(true);
    // one year as a range: 100M
    expect((value('publicCommitment.US.FY2030..FY2030') as Dec).eq(M6.times(100))).toBe(true);
  });
  it('division by zero is not defined (null), and stays so through arithmetic', () => {
    expect(value('budgetCost.US / budgetCost.IL')).toBeNull();
    expect(value('1 + budgetCost.US / budgetCost.IL')).toBeNull();
  });
  it('exact arithmetic: 0.1 + 0.2 is 0.3 (not a float sum)', () => {
    const v = value('0.1 + 0.2') as Dec;
    expect(v.eq(Dec.of('0.3'))).toBe(true);
  });
});

describe('tests', () => {
  it('a multiplier test: 15,000M / 1,000M = 15 >= 15x holds with margin 0', () => {
    const t = parseTest('headlineMobilization.total / publicCommitment.US >= 15x', names);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    const r = runTest(t.value, src);
    expect(r.holds).toBe(true);
    expect((r.margin as Dec).isZero()).toBe(true);
  });
  it('a private-only target: 4,000M >= 10B misses by 6,000M', () => {
    const t = parseTest('privateMobilized.total >= 10B', names);
    if (!t.ok) throw new Error(t.error.message);
    const r = runTest(t.value, src);
    expect(r.holds).toBe(false);
    // 4,000M - 10,000M = -6,000M
    expect((r.margin as Dec).eq(M6.times(-6000))).toBe(true);
  });
  it('a bare number compared with money is USD millions (as assertions read it)', () => {
    const t = parseTest('budgetCost.US <= 600', names);
    if (!t.ok) throw new Error(t.error.message);
    // 600M <= 600M
    expect(runTest(t.value, src).holds).toBe(true);
  });
  it('a true/false metric alone means == true', () => {
    const t = parseTest('target.met', names);
    if (!t.ok) throw new Error(t.error.message);
    expect(runTest(t.value, src).holds).toBe(true);
  });
  it('not defined gives no verdict', () => {
    const t = parseTest('budgetCost.US / budgetCost.IL >= 1x', names);
    if (!t.ok) throw new Error(t.error.message);
    expect(runTest(t.value, src).holds).toBeNull();
  });
});

describe('errors with their column', () => {
  it('an unknown metric: did-you-mean, at its column', () => {
    const e = err('budgetCots.US >= 5B');
    expect(e.offset).toBe(0);
    expect(e.length).toBe('budgetCots'.length + 3);
    expect(e.hint).toContain('budgetCost');
  });
  it('a unit mismatch names both units', () => {
    const e = err('budgetCost.US >= 15x');
    expect(e.message).toContain('money');
    expect(e.message).toContain('ratio');
    expect(e.offset).toBe(0);
  });
  it('money + ratio is refused', () => {
    expect(err('budgetCost.US + 2x >= 1B').message).toBe('cannot add money and a ratio (x)');
  });
  it('a period outside the horizon, and a reversed range', () => {
    const e = err('publicCommitment.US.FY2040 >= 1B');
    expect(e.message).toContain('FY2040 is outside the horizon (FY2026..FY2035)');
    expect(e.offset).toBe('publicCommitment.US.'.length);
    expect(err('publicCommitment.US.FY2031..FY2027 >= 1B').message).toContain('runs backwards');
  });
  it('limits: longer than 1,000 characters, deeper than 50', () => {
    expect(err(`budgetCost.US >= ${'1 + '.repeat(300)}1`).message).toContain('at most 1000');
    const deep = `${'('.repeat(MAX_EXPR_DEPTH + 2)}1${')'.repeat(MAX_EXPR_DEPTH + 2)} >= 1`;
    expect(err(deep).message).toContain(`deeper than ${MAX_EXPR_DEPTH}`);
  });
  it('syntax: no operator, an unclosed parenthesis, a stray character, = for ==', () => {
    expect(err('budgetCost.US').message).toContain('compares nothing');
    const u = err('(budgetCost.US >= 1B');
    expect(u.offset).toBe(0);
    expect(err('budgetCost.US >= 1B #').offset).toBe(20);
    expect(err('budgetCost.US = 1B').hint).toContain('==');
  });
  it('a hyphen between two paths suggests spaces', () => {
    expect(err('budgetCost.US-publicCommitment.US >= 0').hint).toContain('budgetCost.US - publicCommitment.US');
  });
});

// Generated expressions over a few leaves, for the laws.
const leaves = ['publicCommitment.US', 'budgetCost.US', 'headlineMobilization.total', '500M', '1.5B', '$2,000'];
const moneyArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...leaves),
    fc.tuple(tie('e'), fc.constantFrom('+', '-'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    // divisors whose quotients terminate (2, 4x, 50%), so the laws hold exactly, not to a precision
    fc.tuple(tie('e'), fc.constantFrom('2', '3x', '35%')).map(([a, b]) => `${a} * ${b}`),
    fc.tuple(tie('e'), fc.constantFrom('2', '4x', '50%')).map(([a, b]) => `${a} / ${b}`),
    tie('e').map((a) => `-(${a})`),
  ),
})).e;

const strip = (e: Expr): unknown =>
  JSON.parse(JSON.stringify(e, (k, v) => (k === 'at' || k === 'text' ? undefined : v instanceof Dec ? v.toString() : v)));

describe('laws', () => {
  it('parse(print(ast)) == ast', () => {
    fc.assert(
      fc.property(moneyArb, (text) => {
        const a = parseExpr(text, names);
        if (!a.ok) throw new Error(`${text}: ${a.error.message}`);
        const b = parseExpr(printExpr(a.value, names.start), names);
        if (!b.ok) throw new Error(b.error.message);
        expect(strip(b.value)).toEqual(strip(a.value));
      }),
      { numRuns: 200 },
    );
  });
  it('a + b == b + a and (a + b) - b == a, exactly', () => {
    fc.assert(
      fc.property(moneyArb, moneyArb, (a, b) => {
        const ab = value(`(${a}) + (${b})`);
        const ba = value(`(${b}) + (${a})`);
        if (ab === null) return expect(ba).toBeNull();
        expect((ab as Dec).eq(ba as Dec)).toBe(true);
        const back = value(`((${a}) + (${b})) - (${b})`);
        const own = value(a);
        if (own !== null && back !== null) expect((back as Dec).eq(own as Dec)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
  it('parsing never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        parseTest(text, names);
        parseExpr(text, names);
      }),
      { numRuns: 500 },
    );
  });
});
