// The grammar of assertions a scenario makes about its own results (`assert:`), e.g.
// `budgetCost.US <= 5B`: one expression parsed against the scenario's names into a typed
// metric ref, an operator and a value. Testing one is measure's (measure/assert.ts).
import { parseFigure } from '../core/amount.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import { type MetricRef, type Names, parseMetricPath, unitOf } from './paths.js';

export const COMPARE_OPS = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

export interface ParsedAssertion {
  metric: string;
  ref: MetricRef;
  op: CompareOp;
  /** Amounts in USD (not millions), ratios as plain numbers, booleans for tests. */
  value: Dec | boolean;
  valueText: string;
}

/** A parse failure names the part of the text at fault (offset and length), so the caret can point at it. */
export type AssertionParse =
  { ok: true; assertion: ParsedAssertion } | { ok: false; message: string; hint: string; offset: number; length: number };

const SYNTAX_HINT = M.assertSyntaxHint;
const BARE_NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+(\.\d+)?|\.\d+)$/;

/**
 * Parses `METRIC OP VALUE`. Amounts: a bare number is USD millions (as every report shows
 * them); with a unit it is read as written (5B, $500M). A test metric alone (`target.met`)
 * means `== true`.
 */
export function parseAssertion(text: string, names: Names): AssertionParse {
  const lead = text.length - text.trimStart().length;
  const m = /^(\s*)(\S+?)\s*(<=|>=|==|!=|=<|=>|<|>|=)\s*(.*?)\s*$/.exec(text);
  const metricText = m ? m[2]! : text.trim();
  const metricOffset = m ? m[1]!.length : lead;
  const path = parseMetricPath(metricText, names);
  if (metricText === '')
    return { ok: false, message: M.assertEmpty, hint: SYNTAX_HINT, offset: 0, length: Math.max(1, text.length) };
  if (!path.ok) return { ok: false, message: path.message, hint: path.hint, offset: metricOffset, length: metricText.length };
  const ref = path.ref;
  const unit = unitOf(ref);
  if (!m) {
    if (unit === 'boolean' && /^\S+$/.test(text.trim()))
      return { ok: true, assertion: { metric: metricText, ref, op: '==', value: true, valueText: 'true' } };
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
    return { ok: true, assertion: { metric: metricText, ref, op, value: valueText === 'true', valueText } };
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
  return { ok: true, assertion: { metric: metricText, ref, op, value: neg ? value.neg() : value, valueText } };
}
