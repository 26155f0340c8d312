// The engine's arithmetic with each value carried twice: exactly (Dec, as `Exact` gives it)
// and as a polynomial in the scenario's inputs (a sum of coefficient x product of inputs,
// with integer powers, so a division by an exchange rate stays one). The live workbook
// writes a ledger cell as its polynomial over the Inputs sheet, so editing an input there
// recomputes what `run` would give, wherever the flow is a polynomial in its inputs (amounts,
// rates, shares, ratios). A step that is not (a min or max of two input-dependent values, a
// power of one, a division by a sum) keeps the exact value and records the inputs it read,
// so the workbook can say which cells are values only. Comparisons read the exact value,
// so control flow is the one `run` takes.
import { Dec, Exact, type Arith } from '../core/money.js';
import type { Fig } from '../model/scenario.js';
import { casePicker, type Case, type Picker } from '../kit/flows.js';

/** One term: a coefficient times inputs (by index) raised to non-zero integer powers. */
export interface Term {
  c: Dec;
  /** [input index, power], by input index. */
  vars: [number, number][];
}

export interface Sym {
  /** The exact value, as `Exact` computes it. */
  v: Dec;
  /** The polynomial by term key; null when a step was not polynomial (`lost` says in which inputs). */
  p: Map<string, Term> | null;
  lost?: Set<number>;
}

/** A polynomial longer than this is not written as a formula (it would not be read). */
const MAX_TERMS = 48;

const keyOf = (vars: [number, number][]) => vars.map(([i, k]) => `${i}^${k}`).join('*');

function constant(v: Dec): Sym {
  return { v, p: v.isZero() ? new Map() : new Map([['', { c: v, vars: [] }]]) };
}

function inputsOf(a: Sym): Set<number> {
  const out = new Set(a.lost ?? []);
  for (const t of a.p?.values() ?? []) for (const [i] of t.vars) out.add(i);
  return out;
}

/** The value with its polynomial lost: the inputs either side read are kept, to be named. */
function lose(v: Dec, ...from: Sym[]): Sym {
  const lost = new Set<number>();
  for (const a of from) for (const i of inputsOf(a)) lost.add(i);
  return { v, p: null, lost };
}

function isConstant(a: Sym): boolean {
  return a.p !== null && [...a.p.values()].every((t) => t.vars.length === 0);
}

function addPoly(a: Map<string, Term>, b: Map<string, Term>, sign: 1 | -1): Map<string, Term> {
  const out = new Map(a);
  for (const [k, t] of b) {
    const c = sign === 1 ? t.c : t.c.neg();
    const had = out.get(k);
    const sum = had ? had.c.plus(c) : c;
    if (sum.isZero()) out.delete(k);
    else out.set(k, { c: sum, vars: t.vars });
  }
  return out;
}

function mulTerm(x: Term, y: Term): Term {
  const pow = new Map(x.vars);
  for (const [i, k] of y.vars) pow.set(i, (pow.get(i) ?? 0) + k);
  const vars = [...pow].filter(([, k]) => k !== 0).sort((p, q) => p[0] - q[0]);
  return { c: x.c.times(y.c), vars };
}

function mulPoly(a: Map<string, Term>, b: Map<string, Term>): Map<string, Term> | null {
  if (a.size * b.size > MAX_TERMS * MAX_TERMS) return null;
  const out = new Map<string, Term>();
  for (const x of a.values())
    for (const y of b.values()) {
      const t = mulTerm(x, y);
      const k = keyOf(t.vars);
      const had = out.get(k);
      const c = had ? had.c.plus(t.c) : t.c;
      if (c.isZero()) out.delete(k);
      else out.set(k, { c, vars: t.vars });
    }
  return out.size > MAX_TERMS ? null : out;
}

const bin = (v: Dec, p: Map<string, Term> | null, ...from: Sym[]): Sym => (p === null ? lose(v, ...from) : { v, p });

export const Symbolic: Arith<Sym> = {
  // Not 'exact': the engine's shortcuts for equal exact values would share one value's
  // parts with another that is equal now but reads other inputs.
  name: 'fast',
  zero: constant(Dec.ZERO),
  one: constant(Dec.ONE),
  lift: (x) => constant(x),
  int: (n) => constant(Dec.of(n)),
  add: (a, b) => bin(a.v.plus(b.v), a.p && b.p && addPoly(a.p, b.p, 1), a, b),
  sub: (a, b) => bin(a.v.minus(b.v), a.p && b.p && addPoly(a.p, b.p, -1), a, b),
  mul: (a, b) => bin(a.v.times(b.v), a.p && b.p && mulPoly(a.p, b.p), a, b),
  div: (a, b) => {
    const v = Exact.div(a.v, b.v);
    // Only a single term divides exactly: multiply by its inverse (negative powers).
    const only = b.p?.size === 1 ? [...b.p.values()][0]! : undefined;
    if (!a.p || !only || only.c.isZero()) return lose(v, a, b);
    const inv: Term = { c: Dec.ONE.div(only.c), vars: only.vars.map(([i, k]) => [i, -k]) };
    return bin(v, mulPoly(a.p, new Map([[keyOf(inv.vars), inv]])), a, b);
  },
  pow: (a, b) => {
    const v = Exact.pow(a.v, b.v);
    if (isConstant(a) && isConstant(b)) return constant(v);
    if (!isConstant(b) || !b.v.isInteger() || b.v.isNeg() || b.v.gt(Dec.of(4)) || !a.p) return lose(v, a, b);
    let p: Map<string, Term> | null = new Map([['', { c: Dec.ONE, vars: [] }]]);
    for (let k = 0; k < b.v.toNumber() && p; k++) p = mulPoly(p, a.p);
    return bin(v, p, a, b);
  },
  min: (a, b) => pick(a, b, a.v.lte(b.v)),
  max: (a, b) => pick(a, b, a.v.gte(b.v)),
  lt: (a, b) => a.v.lt(b.v),
  isZero: (a) => a.v.isZero(),
  toNumber: (a) => a.v.toNumber(),
  toDec: (a) => a.v,
};

/** min/max: of two constants, or of one polynomial with itself, stays exact; otherwise the choice depends on the inputs. */
function pick(a: Sym, b: Sym, first: boolean): Sym {
  const chosen = first ? a : b;
  if (isConstant(a) && isConstant(b)) return chosen;
  if (a.p && b.p && addPoly(a.p, b.p, -1).size === 0) return chosen;
  return lose(chosen.v, a, b);
}

/** The inputs a symbolic computation read, by path, in the order first read. */
export class InputVars {
  readonly figs: Fig[] = [];
  private readonly index = new Map<string, number>();
  /** Figure path -> the value the case picks. */
  readonly values: Dec[] = [];
  indexOf(f: Fig, value: Dec): number {
    let i = this.index.get(f.path);
    if (i === undefined) {
      i = this.figs.length;
      this.index.set(f.path, i);
      this.figs.push(f);
      this.values.push(value);
    }
    return i;
  }
  has(path: string): boolean {
    return this.index.has(path);
  }
  at(path: string): number | undefined {
    return this.index.get(path);
  }
}

/** Each figure as the input it is (one variable per path, a shared default once), at the value case `c` picks. */
export function symbolicPicker(c: Case, vars: InputVars): Picker<Sym> {
  const own = casePicker(Exact, c);
  return {
    fig: (f) => {
      const v = own.fig(f);
      const i = vars.indexOf(f, v);
      return { v, p: new Map([[keyOf([[i, 1]]), { c: Dec.ONE, vars: [[i, 1]] }]]) };
    },
    event: own.event,
  };
}

/** The inputs a value reads (its polynomial's, or those of the step that lost it). */
export const symInputs = inputsOf;
