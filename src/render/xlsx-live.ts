// What makes the workbook live: each ledger amount as a formula over the Inputs sheet (its
// polynomial in the inputs, compute/symbolic.ts), each money figure as a SUMIFS over the
// Ledger, and the floor, the target, the ratios and the plan's tests as formulas over those
// sums, found by the JSON pointer each report cell carries (the same figure `run --format
// json` prints there). Every formula carries the exact value `run` computes as its cached
// result. A figure no formula can give (a step that is not a polynomial, a test on a floor,
// target or test, a test in another case) stays a value, and the sheet says so.
import { Dec, Exact, millions } from '../core/money.js';
import { casePicker, compute } from '../compute/engine.js';
import { InputVars, type Sym, symbolicPicker, Symbolic, symInputs, type Term } from '../compute/symbolic.js';
import type { Ledger } from '../kit/ledger.js';
import type { Evaluation } from '../measure/evaluate.js';
import { evalExpr, type ExprSource } from '../measure/expr.js';
import { kindOf } from '../mechanisms/registry.js';
import { BASES } from '../model/bases.js';
import type { ExprTest, TestOp } from '../model/expr.js';
import { BUDGET_FLOWS, FLOW_ORDER, type FlowKind, isBudgetFlow } from '../model/flows.js';
import {
  floorMetric,
  type MoneyMetricId,
  moneyMetric,
  RATIO_METRIC_IDS,
  type RatioMetricId,
  ratioMetric,
  targetMetric,
} from '../model/metrics.js';
import type { MetricRef } from '../model/paths.js';
import type { Fig } from '../model/scenario.js';
import type { MoneyQuery } from '../report/model.js';
import { yearLabel } from '../report/run.js';
import { citation, figureUnit, figureValue } from '../report/inputs.js';

export const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const MILLION = 1_000_000;

/** A money query as a formula: the signed sum of its metric's flows over a ledger sheet, budget flows on `basis`. */
export function sumFormula(query: MoneyQuery, ev: Evaluation, sheet = 'Ledger', basis = ev.measure.basis.id): string {
  const s = ev.scenario;
  const label = (y: number) => q(yearLabel(s.horizon, y, s.horizon.years));
  // One criterion on the year per term: the horizon (<>after), one year, or each year of a range.
  const years: string[] = query.years
    ? Array.from({ length: query.years[1] - query.years[0] + 1 }, (_, k) => label(query.years![0] + k))
    : [query.year === undefined ? q('<>after') : query.year === 'after' ? q('after') : label(query.year)];
  const def = moneyMetric(query.metric);
  // A metric of one instrument category sums its mechanisms only: one criterion per mechanism.
  const mechs =
    query.mech !== undefined
      ? [query.mech]
      : def.category !== undefined
        ? s.mechanisms.filter((m) => kindOf(m).mobilization === def.category).map((m) => m.id)
        : [undefined];
  if (mechs.length === 0) return '0';
  const terms: string[] = [];
  for (const mech of mechs)
    for (const y of years)
      for (const [kind, sign] of def.flows(ev.measure.context)) {
        const crit: [string, string][] = [];
        if (query.gov !== null) crit.push(['B', q(query.gov)]);
        if (mech !== undefined) crit.push(['C', q(mech)]);
        // The Ledger holds budget flows once per scoring basis.
        if (isBudgetFlow(kind)) crit.push(['F', q(basis)]);
        terms.push(
          `${sign === -1 ? '-' : terms.length === 0 ? '' : '+'}SUMIFS(${sheet}!$E:$E,${sheet}!$D:$D,${q(kind)},${sheet}!$A:$A,${y}${crit.map(([col, c]) => `,${sheet}!$${col}:$${col},${c}`).join('')})`,
        );
      }
  return terms.join('');
}

/** A formula cell as exceljs writes it: the formula and its cached result. */
export interface Formula {
  formula: string;
  result: number | string;
}

/** The symbolic ledger and the Inputs sheet's cells: what the Ledger's formulas read. */
export interface LiveInputs {
  vars: InputVars;
  ledger: Ledger<Sym>;
  /** Input path -> its value cell on the Inputs sheet (absolute). */
  cell: Map<string, string>;
  /** Input index -> how it is read: a formula, a value only, or not at all. */
  used: Set<number>;
  lost: Set<number>;
}

/** The scenario's ledger once more with every figure an input: the polynomial of each flow. */
export function liveInputs(ev: Evaluation): LiveInputs {
  const vars = new InputVars();
  const ledger = compute(ev.scenario, Symbolic, symbolicPicker(ev.case, vars));
  return { vars, ledger, cell: new Map(), used: new Set(), lost: new Set() };
}

/** An amount input is written in millions on the Inputs sheet; rates and ratios as they are. */
function scaleOf(f: Fig, currency: string): number {
  return figureUnit(f, currency).endsWith(' millions') ? MILLION : 1;
}

const numText = (x: Dec) => String(x.toNumber());

/** A flow's polynomial as a formula in millions over the Inputs cells; undefined when it has none or reads no input. */
function polyFormula(p: Map<string, Term>, live: LiveInputs, currency: string): string | undefined {
  let out = '';
  let reads = false;
  for (const t of p.values()) {
    let c = t.c.div(MILLION);
    const refs: string[] = [];
    for (const [i, k] of t.vars) {
      const ref = live.cell.get(live.vars.figs[i]!.path);
      if (!ref) return undefined;
      c = c.times(Dec.of(scaleOf(live.vars.figs[i]!, currency)).pow(k));
      for (let n = 0; n < Math.abs(k); n++) refs.push(`${k > 0 ? '*' : '/'}${ref}`);
      reads = true;
    }
    const neg = c.isNeg();
    const mag = numText(c.abs());
    const body = mag === '1' && refs.length && refs[0]!.startsWith('*') ? refs.join('').slice(1) : mag + refs.join('');
    out += neg ? `-${body}` : out ? `+${body}` : body;
  }
  return reads ? out : undefined;
}

/** One Ledger row: year, government, mechanism, flow, amount (a formula when live), basis, how it is live. */
export type LedgerLine = [string, string, string, string, number | Formula, string, string];

/**
 * The Ledger sheet's rows: every flow on the scenario's own basis (the CSV's rows), then the
 * budget flows on each other basis, so the floor on every basis can be a formula.
 */
export function ledgerLines(ev: Evaluation, live: LiveInputs | undefined): LedgerLine[] {
  const s = ev.scenario;
  const N = s.horizon.years;
  const own = ev.measure.basisIndex;
  const lines: LedgerLine[] = [];
  const add = (kinds: readonly FlowKind[], b: number) => {
    for (const e of ev.ledger.entries(kinds, b)) {
      const exact = Number(millions(e.amount));
      let amount: number | Formula = exact;
      let how = 'value';
      if (live) {
        const sym = live.ledger.get(e.m, e.g, e.kind, e.y, b);
        const f = sym.v.eq(e.amount) && sym.p ? polyFormula(sym.p, live, s.currency) : undefined;
        if (f) {
          amount = { formula: f, result: exact };
          how = 'formula';
          for (const i of symInputs(sym)) live.used.add(i);
        } else if (!sym.p) {
          for (const i of symInputs(sym)) live.lost.add(i);
          how = `value: a min, max or power of (or too long a formula in) ${[...symInputs(sym)].map((i) => live.vars.figs[i]!.path).join(', ')}`;
        }
      }
      lines.push([
        yearLabel(s.horizon, e.y, N),
        s.governments[e.g]!.code,
        s.mechanisms[e.m]!.id,
        e.kind,
        amount,
        BASES[b]!.id,
        how,
      ]);
    }
  };
  add(FLOW_ORDER, own);
  // The other bases the plan is read on (not one that applies to none of its sponsors).
  ev.measure.planBases.forEach((x) => {
    const b = BASES.indexOf(x);
    if (b !== own) add(BUDGET_FLOWS, b);
  });
  return lines;
}

/** One Inputs row: path, unit, the value this workbook computes with (edit it), low, base, high, how it is read, source, where. */
export function inputLines(ev: Evaluation, live: LiveInputs, firstRow: number): (string | number)[][] {
  const s = ev.scenario;
  const rows: (string | number)[][] = [];
  const seen = new Set<string>();
  const floorPaths = new Set([s.targets.floor?.path, s.targets.mobilization?.path].filter((p) => p !== undefined));
  const figs = [...s.figures, ...live.vars.figs];
  const own = casePicker(Exact, ev.case);
  for (const f of figs) {
    if (seen.has(f.path)) continue;
    seen.add(f.path);
    const unit = figureUnit(f, s.currency);
    const i = live.vars.at(f.path);
    const value = i === undefined ? own.fig(f) : live.vars.values[i]!;
    const num = (x: Dec) => Number(figureValue(x, unit));
    live.cell.set(f.path, `Inputs!$C$${firstRow + rows.length}`);
    rows.push([
      f.path,
      unit,
      floorPaths.has(f.path) ? num(f.value.base) : num(value),
      num(f.value.low),
      num(f.value.base),
      num(f.value.high),
      '',
      citation(s, f),
      `${f.loc.file}:${f.loc.line}`,
    ]);
  }
  return rows;
}

/** The Inputs sheet's "Live" column, once the Ledger's formulas are written (they say which inputs they read). */
export function howRead(ev: Evaluation, live: LiveInputs, path: string): string {
  const s = ev.scenario;
  if (path === s.targets.floor?.path) return 'formula: the floor table reads it';
  if (path === s.targets.mobilization?.path) return 'formula: the target table reads it';
  const i = live.vars.at(path);
  if (i !== undefined && live.used.has(i) && live.lost.has(i))
    return 'partly: some Ledger rows read it; others take it through a min, max or power and are values';
  if (i !== undefined && live.used.has(i)) return 'formula: the Ledger reads it';
  if (i !== undefined && live.lost.has(i))
    return 'value only: it enters through a min, max or power; change it in the scenario and run again';
  return 'value only: the engine takes it as a fixed number (a profile share, a probability, a tolerance), or it books nothing at these values; change it in the scenario and run again';
}

/** What the formulas of one evaluation read: its Ledger sheet, its Inputs cells (undefined: values). */
export interface LiveContext {
  ev: Evaluation;
  sheet: string;
  inputs?: LiveInputs;
}

/** A floor or target amount: its Inputs cell when the workbook's case uses that value, else the number (millions). */
function amountRef(lc: LiveContext, f: Fig | undefined, v: Dec): string {
  const ref = f && lc.inputs?.cell.get(f.path);
  return ref && (lc.ev.case === 'base' || f!.value.low.eq(f!.value.high)) ? ref : numText(v.div(MILLION));
}

const verdict = (cond: string, met: boolean | null): Formula => ({
  formula: `IF(${cond},"MET","NOT MET")`,
  result: met ? 'MET' : 'NOT MET',
});
const num = (formula: string, v: Dec, scale = MILLION): Formula => ({ formula, result: Number(v.div(scale).toPlain(6)) });

/** The floor table's cells: /metrics/floor/G/READING/FIELD and /metrics/floorByBasis/BASIS/G/FIELD. */
function floorCell(lc: LiveContext, parts: string[]): Formula | undefined {
  const { ev } = lc;
  const s = ev.scenario;
  const floor = s.targets.floor;
  if (!floor) return undefined;
  let gov: string, reading: 'appropriated' | 'commitment', basis: string, field: string;
  if (parts[0] === 'floor' && parts.length === 4) [, gov, reading, field] = parts as [string, string, typeof reading, string];
  else if (parts[0] === 'floorByBasis' && parts.length === 4) [, basis, gov, field] = parts as [string, string, string, string];
  else return undefined;
  reading ??= 'appropriated';
  basis ??= ev.measure.basis.id;
  const bi = BASES.findIndex((b) => b.id === basis);
  if (bi < 0 || !ev.measure.govs.includes(gov)) return undefined;
  const N = s.horizon.years;
  const f = ev.measure.floor(gov, reading, bi);
  const metric = floorMetric(reading);
  const F = amountRef(lc, floor, f.floor!);
  const total = sumFormula({ metric, gov }, ev, lc.sheet, basis);
  const year = (y: number) => `ROUND(${sumFormula({ metric, gov, year: y }, ev, lc.sheet, basis)}-${F},6)>=0`;
  const years = Array.from({ length: N }, (_, y) => year(y));
  switch (field) {
    case 'average':
      return num(`(${total})/${N}`, f.average);
    case 'shortfall':
      return num(`MAX(0,${N}*${F}-(${total}))`, f.shortfall!);
    case 'met':
      return verdict(`ROUND((${total})/${N}-${F},6)>=0`, f.met);
    case 'yearsMet':
      return { formula: `0+${years.map((c) => `(${c})`).join('+')}`, result: f.yearsMet! };
    case 'everyYear':
      return verdict(`AND(${years.join(',')})`, f.everyYear);
  }
  return undefined;
}

/** The target table's cells: /metrics/target/{amount,headline,shortfall,met} and /metrics/target/byReading/private/... */
function targetCell(lc: LiveContext, parts: string[]): Formula | undefined {
  const { ev } = lc;
  const t0 = ev.scenario.targets.mobilization;
  if (parts[0] !== 'target' || !t0) return undefined;
  const reading = parts[1] === 'byReading' ? parts[2] : 'headline';
  const field = parts[1] === 'byReading' ? parts[3] : parts[1];
  if (reading !== 'headline' && reading !== 'private') return undefined;
  const t = ev.measure.target(reading);
  const T = amountRef(lc, t0, t.target!);
  const H = sumFormula({ metric: targetMetric(reading), gov: null }, ev, lc.sheet);
  if (field === 'amount' && parts[1] === 'amount') return num(T, t.target!);
  if (field === 'headline' || (field === 'amount' && reading === 'private')) return num(H, t.headline);
  if (field === 'shortfall') return num(`MAX(0,${T}-(${H}))`, t.shortfall!);
  if (field === 'met') return verdict(`ROUND((${H})-${T},6)>=0`, t.met);
  return undefined;
}

/** A ratio's cell: /metrics/ID.../SCOPE or /metrics/ID.../byMechanism/MECH. */
function ratioCell(lc: LiveContext, parts: string[]): Formula | undefined {
  const id = RATIO_METRIC_IDS.find((r) => r.split('.').every((p, i) => parts[i] === p));
  if (!id) return undefined;
  const rest = parts.slice(id.split('.').length);
  const { ev } = lc;
  let gov: string | null = null;
  let mech: string | undefined;
  if (rest.length === 2 && rest[0] === 'byMechanism') mech = rest[1];
  else if (rest.length === 1 && rest[0] !== 'total') gov = rest[0]!;
  else if (!(rest.length === 1 && rest[0] === 'total')) return undefined;
  if (gov !== null && !ev.measure.govs.includes(gov)) return undefined;
  return ratioFormula(lc, id, gov, mech);
}

function ratioFormula(
  lc: LiveContext,
  id: RatioMetricId,
  gov: string | null,
  mech?: string,
  basis?: string,
): Formula | undefined {
  const r = ratioMetric(id);
  const m = basis ? lc.ev.measure.onBasis(basis) : lc.ev.measure;
  const v = m.ratio(id, gov, mech);
  if (v === null) return undefined;
  const sum = (metric: MoneyMetricId) => sumFormula({ metric, gov, mech }, lc.ev, lc.sheet, basis);
  return { formula: `(${sum(r.numerator)})/(${sum(r.denominator)})`, result: Number(v.toPlain(6)) };
}

/** An expression's value as a formula, in the model's units (money in currency units, not millions). */
interface Val {
  v: Dec;
  f: string;
}

class NotLive extends Error {}

const wrap =
  (op: string) =>
  (a: Val, b: Val, v: Dec): Val => ({ v, f: `(${a.f}${op}${b.f})` });
const FormulaArith = {
  name: 'fast' as const,
  zero: { v: Dec.ZERO, f: '0' },
  one: { v: Dec.ONE, f: '1' },
  lift: (x: Dec): Val => ({ v: x, f: numText(x) }),
  int: (n: number): Val => ({ v: Dec.of(n), f: String(n) }),
  add: (a: Val, b: Val) => wrap('+')(a, b, a.v.plus(b.v)),
  sub: (a: Val, b: Val) => wrap('-')(a, b, a.v.minus(b.v)),
  mul: (a: Val, b: Val) => wrap('*')(a, b, a.v.times(b.v)),
  div: (a: Val, b: Val) => wrap('/')(a, b, Exact.div(a.v, b.v)),
  pow: (a: Val, b: Val): Val => ({ v: Exact.pow(a.v, b.v), f: `POWER(${a.f},${b.f})` }),
  min: (a: Val, b: Val): Val => ({ v: a.v.min(b.v), f: `MIN(${a.f},${b.f})` }),
  max: (a: Val, b: Val): Val => ({ v: a.v.max(b.v), f: `MAX(${a.f},${b.f})` }),
  lt: (a: Val, b: Val) => a.v.lt(b.v),
  isZero: (a: Val) => a.v.isZero(),
  toNumber: (a: Val) => a.v.toNumber(),
  toDec: (a: Val) => a.v,
};

/** Money and ratio metrics (and the plan's measures built of them) as formulas on one basis; anything else is not live. */
function exprSource(lc: LiveContext, basis: string): ExprSource<Val> {
  const m = lc.ev.measure.onBasis(basis);
  const N = lc.ev.scenario.horizon.years;
  const money = (r: Extract<MetricRef, { kind: 'money' }>, year: number | 'after' | undefined): Val => {
    const v = m.money(r.metric, r.gov, r.mech, year === 'after' ? N : year);
    return { v, f: `((${sumFormula({ metric: r.metric, gov: r.gov, mech: r.mech, year }, lc.ev, lc.sheet, basis)})*${MILLION})` };
  };
  const src: ExprSource<Val> = {
    A: FormulaArith,
    value(r) {
      if (r.kind === 'money') {
        if (r.period === 'perYear') {
          const t = money(r, undefined);
          return { v: t.v.div(N), f: `${t.f}/${N}` };
        }
        return money(r, r.period);
      }
      if (r.kind === 'ratio') {
        const f = ratioFormula(lc, r.metric, r.gov, r.mech, basis);
        if (!f) throw new NotLive();
        return { v: m.ratio(r.metric, r.gov, r.mech)!, f: `(${f.formula})` };
      }
      if (r.kind === 'measure') {
        const me = lc.ev.scenario.measures.find((x) => x.id === r.id);
        if (me) return evalExpr(me.expr, src);
      }
      throw new NotLive();
    },
    yearOf: (r, y) => money(r, y),
  };
  return src;
}

/** A test's rounding before it compares: to the cent for money, else to 9 places (the float sums' noise). */
function testFormula(t: ExprTest, src: ExprSource<Val>, money: boolean): { value: Val; margin: Val; cond: string } {
  const l = evalExpr(t.left, src);
  const r = evalExpr(t.right, src);
  if (l === null || r === null || typeof l === 'boolean' || typeof r === 'boolean') throw new NotLive();
  const margin = FormulaArith.sub(l, r);
  const ops: Record<TestOp, string> = { '>=': '>=', '<=': '<=', '>': '>', '<': '<', '==': '=', '!=': '<>' };
  return { value: l, margin, cond: `ROUND(${margin.f},${money ? 2 : 9})${ops[t.op]}0` };
}

/** A target test's cells: /metrics/targets/ID/FIELD and /metrics/targets/ID/byBasis/BASIS/FIELD. */
function testCell(lc: LiveContext, parts: string[]): Formula | undefined {
  if (parts[0] !== 'targets') return undefined;
  const s = lc.ev.scenario;
  const test = s.targets.tests.find((x) => x.id === parts[1]);
  if (!test || (test.case !== lc.ev.case && test.case !== undefined)) return undefined;
  const basis = parts[2] === 'byBasis' ? parts[3]! : (test.basis ?? lc.ev.measure.basis.id);
  const field = parts[2] === 'byBasis' ? parts[4] : parts[2];
  const m = lc.ev.measure.onBasis(basis);
  const o = m.testOn(test);
  if (o.holds === null || typeof o.value === 'boolean' || o.value === null || o.margin === null) return undefined;
  const money = o.value !== null && isMoney(t0(test.test));
  try {
    const { value, margin, cond } = testFormula(test.test, exprSource(lc, basis), money);
    const scale = money ? MILLION : 1;
    const shown = (x: Val) => ({ formula: money ? `${x.f}/${MILLION}` : x.f, result: Number(x.v.div(scale).toPlain(6)) });
    if (field === 'value') return shown(value);
    if (field === 'margin') return shown(margin);
    if (field === 'met') return verdict(cond, o.holds);
  } catch (e) {
    if (e instanceof NotLive) return undefined;
    throw e;
  }
  return undefined;
}

const t0 = (t: ExprTest) => t.left;
const isMoney = (e: ExprTest['left']) => e.unit === 'money';

/** One of the plan's own measures: /metrics/measures/ID, its expression over the sums. */
function measureCell(lc: LiveContext, parts: string[]): Formula | undefined {
  if (parts[0] !== 'measures' || parts.length !== 2) return undefined;
  const me = lc.ev.scenario.measures.find((x) => x.id === parts[1]);
  if (!me) return undefined;
  try {
    const v = evalExpr(me.expr, exprSource(lc, lc.ev.measure.basis.id));
    if (v === null || typeof v === 'boolean') return undefined;
    const money = me.expr.unit === 'money';
    return { formula: money ? `${v.f}/${MILLION}` : v.f, result: Number(v.v.div(money ? MILLION : 1).toPlain(6)) };
  } catch (e) {
    if (e instanceof NotLive) return undefined;
    throw e;
  }
}

/** The formula for a report cell, by the JSON pointer it carries; undefined: the cell stays a value. */
export function liveCell(lc: LiveContext, json: string | undefined): Formula | undefined {
  if (!json?.startsWith('/metrics/')) return undefined;
  const parts = json
    .slice('/metrics/'.length)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return floorCell(lc, parts) ?? targetCell(lc, parts) ?? testCell(lc, parts) ?? measureCell(lc, parts) ?? ratioCell(lc, parts);
}
