// Normalizes the `totals:` and `assert:` blocks: parses each item against the scenario's
// names, so a malformed one is an input error pointing at the part of it at fault.
import { parseFigure } from '../core/amount.js';
import type { Diagnostics, Loc } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { parseAssertion } from '../model/assertion.js';
import { type ExprNames, parseExpr, refsOf } from '../model/expr.js';
import type { Assertion, DeclaredTotal } from '../model/scenario.js';
import type { ScenarioInput } from '../validate/schema.js';

type Path = (string | number)[];

export interface NameCtx {
  names: ExprNames;
  at(p: Path, key?: boolean): Loc;
  pathText(p: Path): string;
  diags: Diagnostics;
}

/** The span of `offset..offset+length` inside a one-line scalar written at `loc` (plain or quoted). */
export function subLoc(loc: Loc, text: string, offset: number, length: number): Loc {
  const plain = loc.length === text.length;
  const quoted = loc.length === text.length + 2;
  if (!plain && !quoted) return loc;
  return { ...loc, col: loc.col + (quoted ? 1 : 0) + offset, length: Math.max(1, length) };
}

export function normalizeAssertions(raw: NonNullable<ScenarioInput['assert']>, c: NameCtx): Assertion[] {
  const out: Assertion[] = [];
  const ids = new Set<string>();
  raw.forEach((item, i) => {
    const obj = typeof item === 'string' ? undefined : item;
    const p: Path = obj ? ['assert', i, 'that'] : ['assert', i];
    const text = obj ? obj.that : (item as string);
    if (obj?.id !== undefined) {
      if (ids.has(obj.id))
        c.diags.error('duplicate-id', M.duplicateId('assertion', obj.id), c.at(['assert', i, 'id']), M.duplicateIdHint);
      ids.add(obj.id);
    }
    const loc = c.at(p);
    const r = parseAssertion(text, c.names);
    if (!r.ok) {
      c.diags.error(
        'invalid-assertion',
        M.invalidAssertion(text.trim(), r.message),
        subLoc(loc, text, r.offset, r.length),
        r.hint,
      );
      return;
    }
    out.push({ ...r.assertion, id: obj?.id, text: text.trim(), case: obj?.case ?? 'base', source: obj?.source, loc: { ...loc } });
  });
  return out;
}

export function normalizeTotals(raw: NonNullable<ScenarioInput['totals']>, c: NameCtx): DeclaredTotal[] {
  const out: DeclaredTotal[] = [];
  const ids = new Set<string>();
  raw.forEach((t, i) => {
    const p: Path = ['totals', i];
    if (ids.has(t.id))
      c.diags.error('duplicate-id', M.duplicateId('declared total', t.id), c.at([...p, 'id']), M.duplicateIdHint);
    ids.add(t.id);
    const parsed = parseExpr(t.metric, c.names);
    if (!parsed.ok) {
      const e = parsed.error;
      const loc = c.at([...p, 'metric']);
      c.diags.error(
        'unknown-metric',
        `${c.pathText([...p, 'metric'])}: ${e.message}`,
        subLoc(loc, t.metric, e.offset, e.length),
        e.hint,
      );
      return;
    }
    const expr = parsed.value;
    const unit = expr.unit === 'money' ? 'amount' : expr.unit;
    if (unit === 'boolean') {
      c.diags.error('invalid-total', M.totalNotANumber(t.metric), c.at([...p, 'metric']), M.totalNotANumberHint);
      return;
    }
    const v = parseFigure(t.value, unit === 'amount' ? 'amount' : 'ratio');
    if (!v.ok) {
      c.diags.error('invalid-figure', `${c.pathText([...p, 'value'])}: ${v.message}`, c.at([...p, 'value']), v.hint);
      return;
    }
    if (!v.value.low.eq(v.value.high)) {
      c.diags.error(
        'invalid-figure',
        `${c.pathText([...p, 'value'])}: ${M.totalIsRange(String(t.value))}`,
        c.at([...p, 'value']),
        M.totalIsRangeHint,
      );
      return;
    }
    let tolerance: DeclaredTotal['tolerance'] = { kind: 'absolute', value: v.value.base.times(0), text: '0' };
    if (t.tolerance !== undefined) {
      // A share (0.5%, or a bare number as a fraction, like claims) or an amount with a unit (1M).
      const relative = typeof t.tolerance === 'number' || /%\s*$/.test(t.tolerance);
      const r = parseFigure(t.tolerance, relative ? 'rate' : unit === 'amount' ? 'amount' : 'ratio');
      if (!r.ok || !r.value.low.eq(r.value.high) || r.value.base.isNeg()) {
        c.diags.error(
          'invalid-figure',
          `${c.pathText([...p, 'tolerance'])}: ${M.totalTolerance(String(t.tolerance))}`,
          c.at([...p, 'tolerance']),
          M.totalToleranceHint,
        );
        return;
      }
      tolerance = { kind: relative ? 'relative' : 'absolute', value: r.value.base, text: String(t.tolerance) };
    }
    out.push({
      id: t.id,
      metric: t.metric,
      expr,
      ref: refsOf(expr)[0]!,
      value: v.value.base,
      valueText: String(t.value),
      tolerance,
      case: t.case ?? 'base',
      source: t.source,
      loc: c.at([...p, 'value']),
    });
  });
  return out;
}
