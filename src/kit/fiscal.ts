// `fiscalYear: { starts: October }`, for the plan (top level) and for a sponsor: the schema,
// with one diagnostic and a hint for each mistake (not a mapping, no `starts`, not a month).
// What the month means is model/fiscal.ts.
import * as z from 'zod';
import { describe } from '../core/amount.js';
import { didYouMean } from '../core/diagnostics.js';
import { M, visible } from '../core/messages.js';
import { MONTHS, monthPattern, parseMonth } from '../model/fiscal.js';
import { obj, once, parts } from './figures.js';

/** The validated form: the month (1-12) and its citation. */
export interface FiscalYearInput {
  starts: number;
  source?: string;
  note?: string;
}

/** The English month names and their three-letter forms, for a did-you-mean. */
const SPELLINGS = [...MONTHS, ...MONTHS.map((m) => m.slice(0, 3))];

export const fiscalYearSchema = once(() => {
  const { note, source } = parts();
  // z.any + our own check: "Octobr is not a month" with a did-you-mean, and a hint when it is missing.
  const starts = z
    .any()
    .superRefine((v, ctx) => {
      if (v === undefined) ctx.addIssue({ code: 'custom', message: '', params: { hint: M.fiscalYearStartsHint } });
      else if (typeof v !== 'string' || parseMonth(v) === undefined) {
        const dym = typeof v === 'string' ? didYouMean(v, SPELLINGS) : undefined;
        ctx.addIssue({
          code: 'custom',
          message: M.notAMonth(visible(describe(v))),
          params: { code: 'invalid-month', hint: dym ? M.didYouMean(dym) : M.monthHint },
        });
      }
    })
    .transform((v) => parseMonth(String(v)) ?? 1)
    .meta({
      type: 'string',
      pattern: monthPattern(),
      examples: [...MONTHS],
      description: 'The month its fiscal years start in: January to December (or Jan to Dec), in any case',
    });
  const shape = obj({ starts, source: source.optional(), note: note.optional() });
  // A month written straight in (`fiscalYear: October`) or any other non-mapping: one diagnostic saying how to write it.
  return z
    .preprocess((v, ctx) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        const month = typeof v === 'string' ? parseMonth(v) : undefined;
        ctx.addIssue({
          code: 'custom',
          message: M.fiscalYearNotMapping(visible(describe(v))),
          params: { code: 'wrong-type', hint: M.fiscalYearHint(month ? MONTHS[month - 1]! : 'October') },
        });
      }
      return v;
    }, shape)
    .meta({
      description:
        'When its fiscal years start: { starts: October }. A year is named by the calendar year it ends in (FY2027 starting in October is October 2026-September 2027); default October for fiscal years, January for calendar years',
    });
});
