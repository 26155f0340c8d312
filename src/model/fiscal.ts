// Fiscal years: the month the plan's years start in and each sponsor's own, and the one rule
// that attributes a sponsor's fiscal years to the plan's. A fiscal year is named by the
// calendar year it ends in (FY2027 starting in October runs October 2026-September 2027);
// one starting in January is a calendar year and is labelled CY. Every year has 12 months,
// so the rule pairs the sponsor's years with the plan's one to one: amounts are never split,
// only the sponsor's own labels differ.
import type { Scenario, Sponsor } from './scenario.js';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A plan of fiscal years that names no start begins them in October (the U.S. federal year): every older file means what it did. */
export const DEFAULT_FISCAL_START = 10;

/** A month (1-12) by its English name or the name's first three letters, in any case; undefined otherwise. */
export function parseMonth(raw: string): number | undefined {
  const t = raw.toLowerCase();
  const i = MONTHS.findIndex((m) => m.toLowerCase() === t || m.slice(0, 3).toLowerCase() === t);
  return i < 0 ? undefined : i + 1;
}

/** The JSON Schema pattern of parseMonth's input (a name or its first three letters, in any case). */
export function monthPattern(): string {
  const ci = (s: string) => [...s].map((ch) => `[${ch.toUpperCase()}${ch.toLowerCase()}]`).join('');
  return `^(?:${MONTHS.map((m) => ci(m.slice(0, 3)) + (m.length > 3 ? `(?:${ci(m.slice(3))})?` : '')).join('|')})$`;
}

export const monthName = (m: number): string => MONTHS[m - 1]!;

/** The first month of fiscal year `y` starting in month `starts`, counted as 12 x year + (month - 1). */
function firstMonth(y: number, starts: number): number {
  return 12 * y + (starts === 1 ? 0 : starts - 13);
}

/** The month the plan's years start in: as written, else January for calendar years, October for fiscal years. */
export function planFiscalStart(s: Pick<Scenario, 'fiscalYear' | 'horizon'>): number {
  return s.fiscalYear?.starts ?? (s.horizon.calendar ? 1 : DEFAULT_FISCAL_START);
}

/** A sponsor's own years, paired with the plan's (see ownYears). */
export interface OwnYears {
  code: string;
  /** The month its years start in, and the plan's. */
  starts: number;
  planStarts: number;
  /** Added to a plan year's number, the number of the sponsor's year attributed to it. */
  shift: number;
  /** Of the sponsor's 12 months, how many fall in the plan year it is attributed to (6 to 12). */
  monthsInPlanYear: number;
}

/**
 * The attribution rule: a sponsor's fiscal year belongs to the plan year that holds most of
 * its months, and on a 6/6 tie to the plan year it starts in. With the sponsor's year
 * starting D months after the plan year's (D in -5..6 for the one it belongs to), that plan
 * year holds 12 - |D| of its months. Undefined when the sponsor's years are the plan's.
 */
export function ownYears(s: Pick<Scenario, 'fiscalYear' | 'horizon'>, g: Sponsor): OwnYears | undefined {
  const planStarts = planFiscalStart(s);
  const starts = g.fiscalYear?.starts ?? planStarts;
  if (starts === planStarts) return undefined;
  // The sponsor's year numbered like the plan's starts `delta` months after it (-11..11).
  const delta = firstMonth(0, starts) - firstMonth(0, planStarts);
  const shift = Math.ceil((-5 - delta) / 12) + 0; // + 0: never -0
  const d = 12 * shift + delta;
  return { code: g.code, starts, planStarts, shift, monthsInPlanYear: 12 - Math.abs(d) };
}

/** The sponsor's own label for plan year number `planYear`: CY2027 for a January start, else FY2028. */
export function ownYearName(o: OwnYears, planYear: number): string {
  return `${o.starts === 1 ? 'CY' : 'FY'}${planYear + o.shift}`;
}

/** The months of fiscal year `y` starting in `starts`: "Jan-Dec 2027", "Apr 2027-Mar 2028". */
export function monthsText(y: number, starts: number, long = false): string {
  const first = firstMonth(y, starts);
  const last = first + 11;
  const name = (m: number) => (long ? monthName((m % 12) + 1) : monthName((m % 12) + 1).slice(0, 3));
  const year = (m: number) => Math.floor(m / 12);
  return year(first) === year(last)
    ? `${name(first)}-${name(last)} ${year(last)}`
    : `${name(first)} ${year(first)}-${name(last)} ${year(last)}`;
}

/** The sponsor's own year attributed to plan year `planYear`, with its months: "CY2027 (Jan-Dec 2027)". */
export function ownYearText(o: OwnYears, planYear: number): string {
  return `${ownYearName(o, planYear)} (${monthsText(planYear + o.shift, o.starts)})`;
}

/**
 * The rule in one sentence, for a sponsor: "IL's fiscal years start in January, the plan's
 * in October: each of its years counts in the plan year that holds most of its months ...".
 */
export function attributionText(o: OwnYears, planYear: number, planLabel: string): string {
  const tie = o.monthsInPlanYear === 6 ? ' (a 6/6 tie: the plan year it starts in)' : '';
  return (
    `${o.code}'s fiscal years start in ${monthName(o.starts)}, the plan's in ${monthName(o.planStarts)}: ` +
    `each of its years counts in the plan year that holds most of its months (on a 6/6 tie, the one it starts in), ` +
    `so its ${ownYearName(o, planYear)} (${monthsText(planYear + o.shift, o.starts, true)}) is the plan's ${planLabel} ` +
    `(${monthsText(planYear, o.planStarts, true)}), which holds ${o.monthsInPlanYear} of its 12 months${tie}; ` +
    `no amount moves between years, only its labels differ`
  );
}

/** "2027-01": the first (or last, with `end`) month of fiscal year `y` starting in `starts`. */
function monthIso(y: number, starts: number, end: boolean): string {
  const m = firstMonth(y, starts) + (end ? 11 : 0);
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/**
 * A stated fiscal year as the JSON shows it: the month by name, and for a sponsor whose
 * years differ from the plan's, its own year for each plan year (keyed by the plan's label)
 * with the months it spans.
 */
export function fiscalYearJson(
  s: Pick<Scenario, 'fiscalYear' | 'horizon'>,
  f: { starts: number; source?: string },
  g?: Sponsor,
  planLabel?: (y: number) => string,
): Record<string, unknown> {
  const o = g ? ownYears(s, g) : undefined;
  return {
    starts: monthName(f.starts),
    ...(f.source !== undefined ? { source: f.source } : {}),
    ...(o && planLabel
      ? {
          monthsInPlanYear: o.monthsInPlanYear,
          years: Object.fromEntries(
            Array.from({ length: s.horizon.years }, (_, y) => {
              const own = s.horizon.start + y + o.shift;
              return [
                planLabel(y),
                {
                  year: ownYearName(o, s.horizon.start + y),
                  from: monthIso(own, o.starts, false),
                  to: monthIso(own, o.starts, true),
                },
              ];
            }),
          ),
        }
      : {}),
  };
}
