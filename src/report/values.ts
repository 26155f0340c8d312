// How a value reads for people and for machines, in one place: USD millions for money,
// "1.23x" for ratios, a whole number for counts of years, MET / NOT MET for tests.
import { Dec, displayMillions, millions } from '../core/money.js';
import type { MetricRef } from '../model/paths.js';
import type { ExprUnit } from '../model/expr.js';
import { unitIn } from '../measure/assert.js';
import type { Cell } from './model.js';

/**
 * A cell for a value in an expression's unit: money as money, a ratio as "1.23x", a share as
 * a percentage, a count whole, a plain number as written; "not defined" (a division by zero)
 * as words, never 0. Every format renders the cell, so the unit decides the display once.
 */
export function valueCell(x: Dec | boolean | null, unit: ExprUnit, json?: string): Cell {
  if (x === null) return { kind: 'text', text: 'not defined', json, jsonValue: null };
  if (typeof x === 'boolean') return { kind: 'verdict', value: x, json };
  switch (unit) {
    case 'money':
      return { kind: 'money', value: x, json };
    case 'percent':
      return { kind: 'rate', value: x, json };
    case 'count':
      return { kind: 'count', value: x.toNumber(), json };
    case 'number':
      return { kind: 'text', text: x.toPlain(2), json, jsonValue: x.toPlain(6) };
    default:
      return { kind: 'ratio', value: x, json };
  }
}

export function ratioText(x: Dec | null, digits = 2): string {
  return x === null ? '-' : `${x.toFixed(digits)}x`;
}

export function verdictText(met: boolean | null): string {
  return met === null ? 'n/a' : met ? 'MET' : 'NOT MET';
}

/** A metric's value for people. */
export function metricText(x: Dec | boolean | null | undefined, ref: MetricRef | ExprUnit): string {
  if (x === null || x === undefined) return 'n/a';
  if (typeof x === 'boolean') return String(x);
  const unit = unitIn(ref);
  if (unit === 'count') return x.toFixed(0);
  if (unit === 'percent') return `${x.times(100).toPlain(2)}%`;
  return unit === 'money' ? displayMillions(x) : ratioText(x);
}

/** A metric's value for machines: amounts in USD millions, exact; ratios and counts as decimals. */
export function metricJson(x: Dec | boolean | null, ref: MetricRef | ExprUnit): string | boolean | null {
  if (x === null || typeof x === 'boolean') return x;
  return unitIn(ref) === 'money' ? millions(x) : x.toPlain(6);
}

/** A published estimate marks an amount between -$500,000 and $500,000 (not zero) with '*'. */
const HALF_MILLION = Dec.of(500_000);

/** A cell as people read it. */
export function cellText(c: Cell): string {
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'money':
      return c.dp === 0
        ? !c.value.isZero() && c.value.abs().lt(HALF_MILLION)
          ? '*'
          : displayMillions(c.value, 0, 'away')
        : displayMillions(c.value, c.dp ?? 1);
    case 'ratio':
      return ratioText(c.value, c.digits);
    case 'rate':
      return `${c.value.times(100).toPlain(2)}%`;
    case 'verdict':
      return verdictText(c.value);
    case 'count':
      return c.value === null ? '-' : c.of !== undefined ? `${c.value}/${c.of}` : String(c.value);
    case 'empty':
      return '';
  }
}

/** A cell's exact value as the JSON output has it (what HTML's data-value carries). */
export function cellJson(c: Cell): string | number | boolean | null {
  switch (c.kind) {
    case 'money':
      return millions(c.value);
    case 'ratio':
      return c.value === null ? null : c.value.toPlain(6);
    case 'rate':
      return c.value.toPlain(6);
    case 'verdict':
      return c.value;
    case 'count':
      return c.value;
    case 'text':
      return c.jsonValue ?? c.text;
    case 'empty':
      return null;
  }
}
