// The one expression language of every place a metric is accepted (claims, totals, assert,
// measures, targets, solve --goal, diff --fail-if, sensitivity --metric, explain): metric
// paths, numbers with units (500M, 15x, 35%), + - * /, parentheses, and a period range
// (publicCommitment.US.FY2027..FY2031) that sums the years in it. A tokenizer and a
// recursive-descent parser, each one pass over the text (linear in its length), into a typed
// AST whose every node carries its unit; errors name the offset and length at fault.
// Evaluating one is measure's (measure/expr.ts).
import { amountScale } from '../core/amount.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import { type ExprUnit, type MetricRef, type Names, parseMetricPath, unitOf } from './paths.js';

export type { ExprUnit };
export type ArithOp = '+' | '-' | '*' | '/';
export type TestOp = '>=' | '<=' | '>' | '<' | '==' | '!=';

export interface Span {
  offset: number;
  length: number;
}

export type Expr =
  | { kind: 'num'; value: Dec; unit: ExprUnit; text: string; at: Span }
  | { kind: 'bool'; value: boolean; unit: 'boolean'; at: Span }
  /** A metric; `to` (a year index) makes it the sum of the years from ref.period to `to`. */
  | { kind: 'path'; ref: MetricRef; to?: number; text: string; unit: ExprUnit; at: Span }
  | { kind: 'neg'; arg: Expr; unit: ExprUnit; at: Span }
  | { kind: 'bin'; op: ArithOp; left: Expr; right: Expr; unit: ExprUnit; at: Span };

/** `EXPRESSION OP VALUE`; a true/false metric alone is `== true`. */
export interface ExprTest {
  text: string;
  left: Expr;
  op: TestOp;
  right: Expr;
}

export interface ExprError {
  message: string;
  hint: string;
  offset: number;
  length: number;
}

export type ExprParse<T> = { ok: true; value: T } | { ok: false; error: ExprError };

export const MAX_EXPR_LENGTH = 1000;
export const MAX_EXPR_DEPTH = 50;

/** The names a path may use, and the unit of each of the plan's own measures and tests. */
export type ExprNames = Names;

type Tok =
  | { t: 'num'; value: Dec; unit: ExprUnit; text: string; at: Span }
  | { t: 'path'; text: string; at: Span }
  | { t: 'op'; text: string; at: Span }
  | { t: 'end'; at: Span };

class Fail extends Error {
  constructor(readonly e: ExprError) {
    super(e.message);
  }
}
const fail = (message: string, hint: string, offset: number, length: number): never => {
  throw new Fail({ message, hint, offset, length: Math.max(1, length) });
};

const NUMBER = /(?:US\$|\$)?(\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?|\.\d+)(\s*%|:1(?!\d)|[A-Za-z×]*)/y;
const PATH = /[A-Za-z_][A-Za-z0-9_]*(?:(?:\.\.?|-)[A-Za-z0-9_]+)*/y;
const OPS = ['>=', '<=', '==', '!=', '=>', '=<', '>', '<', '=', '+', '-', '*', '/', '(', ')'];

function numberToken(text: string, i: number): Tok | undefined {
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const whole = m[0];
  const dollar = whole.startsWith('$') || whole.startsWith('US$');
  const digits = Dec.of(m[1]!.replace(/,/g, ''));
  const suffix = m[2]!.trim();
  const at = { offset: i, length: whole.length };
  let value = digits;
  let unit: ExprUnit;
  if (suffix === '%') {
    value = digits.div(100);
    unit = 'percent';
  } else if (suffix === ':1' || ((suffix === 'x' || suffix === 'X' || suffix === '×') && !dollar)) unit = 'ratio';
  else if (suffix === '') unit = dollar ? 'money' : 'number';
  else {
    const scale = amountScale(suffix);
    if (scale === undefined) return fail(M.exprNumberUnit(whole, suffix), M.exprNumberHint, i, whole.length);
    value = digits.times(scale);
    unit = 'money';
  }
  return { t: 'num', value, unit, text: whole, at };
}

/** One pass over the text: each character is read once. */
export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[\d.$]/.test(ch) || text.startsWith('US$', i)) {
      const n = numberToken(text, i);
      if (n) {
        // "3B-4B" (no spaces) is how a range is written in a scenario: a test compares with one value.
        const end = i + n.at.length;
        if (text[end] === '-' && /[\d.$]/.test(text[end + 1] ?? '')) {
          const next = numberToken(text, end + 1);
          const len = end + 1 + (next?.at.length ?? 0) - i;
          fail(M.assertRange(text.slice(i, i + len)), M.exprRangeValueHint, i, len);
        }
        out.push(n);
        i += n.at.length;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(ch)) {
      PATH.lastIndex = i;
      const m = PATH.exec(text)!;
      out.push({ t: 'path', text: m[0], at: { offset: i, length: m[0].length } });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op === undefined) return fail(M.exprBadChar(ch), M.exprHint, i, 1);
    out.push({ t: 'op', text: op, at: { offset: i, length: op.length } });
    i += op.length;
  }
  out.push({ t: 'end', at: { offset: text.length, length: 1 } });
  return out;
}

/** The unit of a metric ref as an expression sees it. */
export function refUnit(ref: MetricRef, n: ExprNames): ExprUnit {
  if (ref.kind === 'measure') return ref.unit ?? n.measureUnits?.get(ref.id) ?? 'money';
  if (ref.kind === 'test' && ref.field === 'margin') return ref.unit ?? n.testUnits?.get(ref.id) ?? 'money';
  const u = unitOf(ref);
  return u === 'amount' ? 'money' : u;
}

/** How a unit is named in a message. */
export function unitName(u: ExprUnit): string {
  return u === 'money'
    ? 'money'
    : u === 'ratio'
      ? 'a ratio (x)'
      : u === 'percent'
        ? 'a share (%)'
        : u === 'count'
          ? 'a count'
          : u === 'number'
            ? 'a plain number'
            : 'true/false';
}

const DIMENSIONLESS: ReadonlySet<ExprUnit> = new Set(['ratio', 'percent', 'count', 'number']);

function resolvePath(tok: Extract<Tok, { t: 'path' }>, n: ExprNames): Expr {
  const { text, at } = tok;
  const pre = n.calendar ? 'CY' : 'FY';
  const yearRe = n.calendar ? /^CY(\d{4})$/ : /^FY(\d{4})$/;
  const first = `${pre}${n.start}`;
  const last = `${pre}${n.start + n.years - 1}`;
  // A year outside the horizon says so (not "unknown part"), wherever it is written.
  let off = 0;
  for (const seg of text.split('.')) {
    const fy = yearRe.exec(seg);
    if (fy && (Number(fy[1]) < n.start || Number(fy[1]) >= n.start + n.years))
      fail(M.exprOutsideHorizon(seg, first, last), M.exprOutsideHorizonHint(first, last), at.offset + off, seg.length);
    off += seg.length + 1;
  }
  const dots = text.indexOf('..');
  const head = dots < 0 ? text : text.slice(0, dots);
  const r = parseMetricPath(head, n);
  if (!r.ok) {
    const hy = /^(.*?[A-Za-z0-9_])-([A-Za-z_].*)$/.exec(head);
    const hint = hy && parseMetricPath(hy[1]!, n).ok ? M.exprHyphenHint(hy[1]!, hy[2]!) : r.hint;
    // A lone word on the right of a comparison is more often a mistyped amount than a metric.
    const word = !head.includes('.') && !/did you mean/.test(r.hint);
    return fail(r.message, word ? `${M.exprNumberHint}, or a metric path` : hint, at.offset, head.length);
  }
  const unit = refUnit(r.ref, n);
  if (dots < 0) return { kind: 'path', ref: r.ref, text, unit, at };
  const toText = text.slice(dots + 2);
  const to = yearRe.exec(toText);
  const ref = r.ref;
  if (ref.kind !== 'money' || typeof ref.period !== 'number' || !to || text.indexOf('..', dots + 2) >= 0)
    return fail(M.exprRangeMetric(text), M.exprRangeHint(pre, n.start, Math.min(4, n.years - 1)), at.offset, at.length);
  const toIndex = Number(to[1]) - n.start;
  if (toIndex < ref.period)
    fail(
      M.exprReversedRange(`${pre}${n.start + ref.period}`, toText),
      M.exprReversedRangeHint(toText, `${pre}${n.start + ref.period}`),
      at.offset,
      at.length,
    );
  return { kind: 'path', ref, to: toIndex, text, unit, at };
}

/** The unit of `a op b`, or an error naming both. */
function combine(op: ArithOp, a: Expr, b: Expr, at: Span): ExprUnit {
  const ua = a.unit,
    ub = b.unit;
  const verb = op === '+' ? 'add' : op === '-' ? 'subtract' : op === '*' ? 'multiply' : 'divide';
  const bad = (): never => fail(M.exprUnits(verb, unitName(ua), unitName(ub)), M.exprUnitsHint, at.offset, at.length);
  for (const x of [a, b])
    if (x.unit === 'boolean')
      fail(M.exprBooleanArith(x.kind === 'path' ? x.text : 'true/false'), M.exprHint, x.at.offset, x.at.length);
  if (op === '+' || op === '-') {
    if (ua === ub) return ua;
    if (DIMENSIONLESS.has(ua) && DIMENSIONLESS.has(ub)) return ua === 'number' ? ub : ua;
    return bad();
  }
  if (op === '*') {
    if (ua === 'money' && ub === 'money') return bad();
    if (ua === 'money' || ub === 'money') return 'money';
    return ua === 'number' ? ub : ua;
  }
  if (ua === 'money' && ub === 'money') return 'ratio';
  if (ub === 'money') return bad();
  if (ua === 'money') return 'money';
  return ua === 'number' ? (ub === 'number' ? 'number' : 'ratio') : ua === ub ? 'ratio' : ua;
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly n: ExprNames,
  ) {}
  peek(): Tok {
    return this.toks[this.i]!;
  }
  next(): Tok {
    return this.toks[this.i++]!;
  }
  isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.t === 'op' && ops.includes(t.text);
  }
  expr(depth: number): Expr {
    let left = this.term(depth);
    while (this.isOp('+', '-')) {
      const op = (this.next() as { text: string }).text as ArithOp;
      const right = this.term(depth);
      const at = spanOf(left, right);
      left = { kind: 'bin', op, left, right, unit: combine(op, left, right, at), at };
    }
    return left;
  }
  term(depth: number): Expr {
    let left = this.unary(depth);
    while (this.isOp('*', '/')) {
      const op = (this.next() as { text: string }).text as ArithOp;
      const right = this.unary(depth);
      const at = spanOf(left, right);
      left = { kind: 'bin', op, left, right, unit: combine(op, left, right, at), at };
    }
    return left;
  }
  unary(depth: number): Expr {
    if (depth > MAX_EXPR_DEPTH) {
      const t = this.peek();
      fail(M.exprTooDeep(MAX_EXPR_DEPTH), M.exprTooDeepHint, t.at.offset, 1);
    }
    if (this.isOp('-')) {
      const start = this.next().at.offset;
      const arg = this.unary(depth + 1);
      if (arg.unit === 'boolean')
        fail(M.exprBooleanArith(arg.kind === 'path' ? arg.text : 'true/false'), M.exprHint, arg.at.offset, arg.at.length);
      return { kind: 'neg', arg, unit: arg.unit, at: { offset: start, length: arg.at.offset + arg.at.length - start } };
    }
    return this.primary(depth);
  }
  primary(depth: number): Expr {
    const t = this.next();
    if (t.t === 'num') return { kind: 'num', value: t.value, unit: t.unit, text: t.text, at: t.at };
    if (t.t === 'path') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'bool', value: t.text === 'true', unit: 'boolean', at: t.at };
      return resolvePath(t, this.n);
    }
    if (t.t === 'op' && t.text === '(') {
      const inner = this.expr(depth + 1);
      if (!this.isOp(')')) fail(M.exprUnclosed, M.exprUnclosedHint, t.at.offset, 1);
      this.next();
      return inner;
    }
    if (t.t === 'end') return fail(M.exprUnexpectedEnd, M.exprHint, t.at.offset, 1);
    return fail(M.exprUnexpected(t.text), M.exprHint, t.at.offset, t.at.length);
  }
  expectEnd(): void {
    const t = this.peek();
    if (t.t !== 'end')
      fail(M.exprUnexpected(t.t === 'op' || t.t === 'path' || t.t === 'num' ? t.text : ''), M.exprHint, t.at.offset, t.at.length);
  }
}

function spanOf(a: Expr, b: Expr): Span {
  return { offset: a.at.offset, length: b.at.offset + b.at.length - a.at.offset };
}

function guard<T>(text: string, f: () => T): ExprParse<T> {
  if (text.length > MAX_EXPR_LENGTH)
    return {
      ok: false,
      error: { message: M.exprTooLong(text.length, MAX_EXPR_LENGTH), hint: M.exprTooLongHint, offset: 0, length: text.length },
    };
  if (text.trim() === '')
    return { ok: false, error: { message: M.exprEmpty, hint: M.exprHint, offset: 0, length: Math.max(1, text.length) } };
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.e };
    throw e;
  }
}

/** An expression alone (a claim's metric, a measure, a total, --metric). */
export function parseExpr(text: string, n: ExprNames): ExprParse<Expr> {
  return guard(text, () => {
    const p = new Parser(tokenize(text), n);
    const e = p.expr(0);
    p.expectEnd();
    return e;
  });
}

const LEGACY_OPS: Record<string, string> = { '=': '==', '=<': '<=', '=>': '>=' };

/**
 * `EXPRESSION OP VALUE` (assert, targets, solve --goal, --fail-if). A true/false metric alone
 * means `== true`. A bare number compared with money is USD millions, as every report shows
 * amounts (and as assertions always read it): `budgetCost.US <= 5000` is 5,000M.
 */
export function parseTest(
  text: string,
  n: ExprNames,
  ops: readonly TestOp[] = ['>=', '<=', '>', '<', '==', '!='],
): ExprParse<ExprTest> {
  return guard(text, () => {
    const p = new Parser(tokenize(text), n);
    const left = p.expr(0);
    const t = p.peek();
    if (t.t === 'end') {
      if (left.unit === 'boolean')
        return {
          text: text.trim(),
          left,
          op: '==' as TestOp,
          right: { kind: 'bool', value: true, unit: 'boolean', at: t.at } as Expr,
        };
      return fail(M.exprNeedsComparison(text.trim()), M.exprTestHint, left.at.offset, left.at.length);
    }
    if (t.t !== 'op' || !['>=', '<=', '>', '<', '==', '!=', '=', '=<', '=>'].includes(t.text))
      return fail(
        M.exprUnexpected(t.t === 'op' ? t.text : (t as { text: string }).text),
        M.exprTestHint,
        t.at.offset,
        t.at.length,
      );
    if (LEGACY_OPS[t.text]) return fail(M.assertBadOperator(t.text), M.didYouMean(LEGACY_OPS[t.text]!), t.at.offset, t.at.length);
    if (!(ops as readonly string[]).includes(t.text))
      return fail(M.exprTestOps(t.text), M.exprTestOpsHint, t.at.offset, t.at.length);
    p.next();
    const op = t.text as TestOp;
    let right = p.expr(0);
    p.expectEnd();
    right = millionsIfBare(left, right);
    checkComparable(left, op, right);
    return { text: text.trim(), left, op, right };
  });
}

/** A bare number (or its negation) compared with money is USD millions. */
function millionsIfBare(left: Expr, right: Expr): Expr {
  if (left.unit !== 'money') return right;
  const scale = (e: Expr): Expr | undefined =>
    e.kind === 'num' && e.unit === 'number'
      ? { ...e, value: e.value.times(1_000_000), unit: 'money' }
      : e.kind === 'neg' && e.arg.kind === 'num' && e.arg.unit === 'number'
        ? { ...e, arg: scale(e.arg)!, unit: 'money' }
        : undefined;
  return scale(right) ?? right;
}

function checkComparable(left: Expr, op: TestOp, right: Expr): void {
  const a = left.unit,
    b = right.unit;
  const at = spanOf(left, right);
  if (a === 'boolean' || b === 'boolean') {
    if (a !== b) fail(M.exprCompareUnits(unitName(a), unitName(b)), M.exprCompareUnitsHint(unitName(a)), at.offset, at.length);
    if (op !== '==' && op !== '!=') {
      const name = left.kind === 'path' ? left.text : 'true/false';
      const value = right.kind === 'bool' ? String(right.value) : 'true';
      fail(M.assertBooleanOp(name), M.assertBooleanOpHint(name, value), right.at.offset, right.at.length);
    }
    return;
  }
  if (a === b || (DIMENSIONLESS.has(a) && DIMENSIONLESS.has(b))) return;
  fail(M.exprCompareUnits(unitName(a), unitName(b)), M.exprCompareUnitsHint(unitName(a)), at.offset, at.length);
}

const PREC: Record<ArithOp, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/** The text of an expression, with the parentheses its structure needs (parse(print(e)) is e). */
export function printExpr(e: Expr, start: number): string {
  switch (e.kind) {
    case 'num':
      return e.text;
    case 'bool':
      return String(e.value);
    case 'path':
      return e.text;
    case 'neg': {
      const inner = printExpr(e.arg, start);
      return e.arg.kind === 'bin' || e.arg.kind === 'neg' ? `-(${inner})` : `-${inner}`;
    }
    case 'bin': {
      const p = PREC[e.op];
      const l = printExpr(e.left, start);
      const r = printExpr(e.right, start);
      const wrapL = e.left.kind === 'bin' && PREC[e.left.op] < p;
      const wrapR = e.right.kind === 'bin' && PREC[e.right.op] <= p;
      return `${wrapL ? `(${l})` : l} ${e.op} ${wrapR ? `(${r})` : r}`;
    }
  }
}

/** Every metric ref an expression reads (a range as its first year's ref). */
export function refsOf(e: Expr, out: MetricRef[] = []): MetricRef[] {
  if (e.kind === 'path') out.push(e.ref);
  else if (e.kind === 'neg') refsOf(e.arg, out);
  else if (e.kind === 'bin') {
    refsOf(e.left, out);
    refsOf(e.right, out);
  }
  return out;
}

/** Every path of an expression with its range end (`to`), in order. */
export function refsOfRanges(e: Expr, out: { ref: MetricRef; to?: number }[] = []): { ref: MetricRef; to?: number }[] {
  if (e.kind === 'path') out.push({ ref: e.ref, to: e.to });
  else if (e.kind === 'neg') refsOfRanges(e.arg, out);
  else if (e.kind === 'bin') {
    refsOfRanges(e.left, out);
    refsOfRanges(e.right, out);
  }
  return out;
}

/** A test's unit (of its left side; a bare number on the left takes the right's). */
export function testUnit(t: ExprTest): ExprUnit {
  return t.left.unit === 'number' ? t.right.unit : t.left.unit;
}
