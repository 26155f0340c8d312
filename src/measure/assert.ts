// Assertions a scenario makes about its own results (`assert:`), e.g. `budgetCost.US <= 5B`:
// parsing one expression against the scenario's names, and testing it on a measured ledger.
import { M } from '../core/messages.js';
import { parseFigure } from '../core/amount.js';
import { Dec, displayMillions } from '../core/money.js';
import { parseMetricPath, metricUnit } from './paths.js';
import type { Measure } from './metrics.js';

export const COMPARE_OPS = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

export interface ParsedAssertion {
  metric: string;
  op: CompareOp;
  /** Amounts in USD (not millions), ratios as plain numbers, booleans for tests. */
  value: Dec | boolean;
  valueText: string;
}

/** A parse failure names the part of the text at fault (offset and length), so the caret can point at it. */
export type AssertionParse =
  | { ok: true; assertion: ParsedAssertion }
  | { ok: false; message: string; hint: string; offset: number; length: number };

const SYNTAX_HINT = M.assertSyntaxHint;
const BARE_NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+(\.\d+)?|\.\d+)$/;

/**
 * Parses `METRIC OP VALUE`. Amounts: a bare number is USD millions (as every report shows
 * them); with a unit it is read as written (5B, $500M). A test metric alone (`target.met`)
 * means `== true`.
 */
export function parseAssertion(text: string, govs: string[], mechs: string[], start: number, years: number): AssertionParse {
  const lead = text.length - text.trimStart().length;
  const m = /^(\s*)(\S+?)\s*(<=|>=|==|!=|=<|=>|<|>|=)\s*(.*?)\s*$/.exec(text);
  const metricText = m ? m[2]! : text.trim();
  const metricOffset = m ? m[1]!.length : lead;
  const path = parseMetricPath(metricText, govs, mechs, start, years);
  if (metricText === '')
    return { ok: false, message: M.assertEmpty, hint: SYNTAX_HINT, offset: 0, length: Math.max(1, text.length) };
  if (!path.ok) return { ok: false, message: path.message, hint: path.hint, offset: metricOffset, length: metricText.length };
  const unit = metricUnit(metricText);
  if (!m) {
    if (unit === 'boolean' && /^\S+$/.test(text.trim()))
      return { ok: true, assertion: { metric: metricText, op: '==', value: true, valueText: 'true' } };
    return {
      ok: false,
      message: M.assertNoOperator(text.trim()),
      hint: SYNTAX_HINT,
      offset: metricOffset,
      length: Math.max(1, text.trim().length),
    };
  }
  const opText = m[3]!;
  const opOffset = text.indexOf(opText, metricOffset + metricText.length);
  if (opText === '=' || opText === '=<' || opText === '=>') {
    const fix = opText === '=' ? '==' : opText === '=<' ? '<=' : '>=';
    return { ok: false, message: M.assertBadOperator(opText), hint: M.didYouMean(fix), offset: opOffset, length: opText.length };
  }
  const op = opText as CompareOp;
  const valueText = m[4]!;
  const valueOffset = valueText === '' ? opOffset + opText.length : text.indexOf(valueText, opOffset + opText.length);
  const badValue = (message: string, hint: string): AssertionParse => ({
    ok: false,
    message,
    hint,
    offset: valueOffset,
    length: Math.max(1, valueText.length),
  });
  if (valueText === '') return badValue(M.assertNoValue(metricText, op), SYNTAX_HINT);
  if (unit === 'boolean') {
    if (valueText !== 'true' && valueText !== 'false')
      return badValue(M.assertNotBoolean(metricText, valueText), M.assertBooleanHint(metricText));
    if (op !== '==' && op !== '!=') return badValue(M.assertBooleanOp(metricText), M.assertBooleanOpHint(metricText, valueText));
    return { ok: true, assertion: { metric: metricText, op, value: valueText === 'true', valueText } };
  }
  const neg = valueText.startsWith('-');
  const body = neg ? valueText.slice(1).trim() : valueText;
  let value: Dec;
  if (unit === 'amount') {
    if (BARE_NUMBER.test(body)) value = Dec.of(body.replace(/,/g, '')).times(1_000_000);
    else {
      const r = parseFigure(body, 'amount');
      if (!r.ok) return badValue(M.notAnAmount(valueText), M.assertAmountHint);
      if (!r.value.low.eq(r.value.high)) return badValue(M.assertRange(valueText), M.assertRangeHint);
      value = r.value.base;
    }
  } else {
    const r = parseFigure(body, 'ratio');
    if (!r.ok)
      return badValue(
        M.assertNotNumber(valueText),
        metricText.startsWith('leverage') ? M.assertLeverageHint : M.assertNumberHint,
      );
    if (!r.value.low.eq(r.value.high)) return badValue(M.assertRange(valueText), M.assertRangeHint);
    value = r.value.base;
  }
  return { ok: true, assertion: { metric: metricText, op, value: neg ? value.neg() : value, valueText } };
}

export interface AssertionResult {
  /** The metric's value; null when it has none (a ratio over zero, a test without its target). */
  computed: Dec | boolean | null;
  holds: boolean;
}

export function compare(a: Dec, op: CompareOp, b: Dec): boolean {
  const c = a.cmp(b);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
  }
}

export function testAssertion(a: ParsedAssertion, m: Measure<Dec>): AssertionResult {
  const computed = m.get(a.metric) ?? null;
  if (computed === null) return { computed, holds: false };
  if (typeof computed === 'boolean' || typeof a.value === 'boolean') {
    const same = computed === a.value;
    return { computed, holds: a.op === '==' ? same : a.op === '!=' ? !same : false };
  }
  return { computed, holds: compare(computed, a.op, a.value) };
}

/** A metric value as people read it: amounts in USD millions, exact, digits grouped. */
export function showValue(x: Dec | boolean | null, metric: string): string {
  if (x === null) return 'undefined';
  if (typeof x === 'boolean') return String(x);
  return metricUnit(metric) === 'amount' ? displayMillions(x, 'exact') : x.toPlain(6);
}
