// The building blocks of the scenario schema for figures as people write them: amounts,
// rates and ratios, ranges, `{ value, source }` citations, allocations and curves. Each
// parses what it checks, so validation hands normalize typed values (a Ranged with its
// unit, distribution and source) and nothing downstream parses a figure again.
import * as z from 'zod';
import { parseFigure, type Ranged, type Unit } from '../core/amount.js';
import { CURRENCY_CODES, isCurrency } from '../core/currency.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { DistKind } from '../model/scenario.js';

/** Every object shape's keys, so an unknown key can get a did-you-mean from its own shape. */
export const SHAPES: string[][] = [];
export function obj<T extends z.ZodRawShape>(shape: T) {
  registerShape(Object.keys(shape));
  return z.strictObject(shape);
}
/** Adds a shape's keys to SHAPES, but not while building a piece that is not kept (`alone`, `unshared`). */
export function registerShape(keys: string[]): void {
  if (building === 0) SHAPES.push(keys);
}

/**
 * The schema is built on first use, not when the module loads: a start that validates
 * nothing (help, or a scenario whose validated form is saved, validate/saved.ts) skips it.
 * `once` memoizes one builder; the shared parts below are built together, in this file's order.
 */
export function once<T>(build: () => T): () => T {
  let made: { v: T } | undefined;
  return () => {
    if (scope) {
      let m = scope.get(build) as { v: T } | undefined;
      if (!m) scope.set(build, (m = { v: build() }));
      return m.v;
    }
    return made ? made.v : building > 0 ? build() : (made = { v: build() }).v;
  };
}

/** Above 0 while `alone` or `unshared` builds: nothing built then is kept (once) or registered (SHAPES). */
let building = 0;
/** While `unshared` builds: what `once` keeps for that build alone. */
let scope: Map<unknown, unknown> | undefined;

/**
 * Builds the schema afresh as it is written, each figure its own instance (no `shared`),
 * keeping nothing: for the JSON Schema, where an instance used twice becomes a `$ref`, so
 * the file for editors is the same whatever this process has validated before.
 */
export function unshared<T>(build: () => T): T {
  const outer = scope;
  scope = new Map();
  building++;
  try {
    return build();
  } finally {
    building--;
    scope = outer;
  }
}

/** Whether a schema being built now is kept (not `alone`, not `unshared`). */
export const keeping = (): boolean => building === 0;

/**
 * One instance per kind of figure in the schema that validation uses (the same figure is
 * written in many places: building each anew was most of the schema's cost on a first run).
 * zod schemas are immutable, so sharing them changes nothing a parse does; `obj` registers a
 * shared shape once, where it was first built, so hints list keys as before. Nothing is kept
 * while `alone` or `unshared` builds.
 */
function shared<A extends unknown[], T>(build: (...a: A) => T): (...a: A) => T {
  const made = new Map<string, T>();
  return (...a: A) => {
    if (!keeping()) return build(...a);
    const key = JSON.stringify(a);
    let v = made.get(key);
    if (v === undefined) made.set(key, (v = build(...a)));
    return v;
  };
}

/**
 * Builds one piece of the schema for a single use (validating one part of a scenario whose
 * other parts are saved, validate/saved.ts), leaving no trace: the whole schema, when built
 * later, registers its shapes in its own order, so the keys a hint lists stay the same.
 */
export function alone<T>(build: () => T): T {
  building++;
  try {
    return build();
  } finally {
    building--;
  }
}

/** The leaves every part uses: a source, a note, a distribution, an id. */
const basics = once(() => ({
  source: z
    .string()
    .meta({ description: 'Where the figure comes from: section and line of the source document, or "assumption: why".' }),
  note: z.string().meta({ description: 'A remark for readers; not used in any computation.' }),
  dist: z.enum(DISTRIBUTIONS).meta({
    description:
      'How simulate samples the range: uniform (default for a bare range), triangular or pert (mode at base), normal or lognormal (p5/p95 are the 5th and 95th percentiles)',
  }),
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an id starts with a letter and holds letters, digits, - and _'),
}));

const SCALAR_DESC: Record<Unit, string> = {
  amount: "An amount in the plan's currency (default USD) as written: 250M, 2.5B, 1.2bn, 250000000; a range as 2B-3B",
  rate: 'A rate: 5% or 0.05; a range as 4%-6%',
  ratio: 'A ratio: 2x, 2.5x or 25:1; a range as 1.5x-2.5x',
};

/** A figure as validated: its value (a range when low < high), its unit and how a range is sampled. */
export interface ParsedFigure {
  value: Ranged;
  unit: Unit;
  dist?: DistKind;
  source?: string;
  /** Written as `{ value: ..., source: ... }`: the number itself sits under `value`. */
  cited: boolean;
}

/** What a range means when sampled (docs: "What a range means"); a bare range is uniform. */
export const DISTRIBUTIONS = ['uniform', 'triangular', 'pert', 'normal', 'lognormal'] as const;

/**
 * How a figure may be written, for editors: `signed` allows a negative value (a subsidy
 * rate); `atMostOne` says a rate is at most 100% (a probability, a share): both shape only
 * the JSON Schema (pattern, minimum, maximum); the checks themselves are the parser's and
 * normalize's.
 */
export interface FigureOpts {
  signed?: boolean;
  atMostOne?: boolean;
}

/** `word` matched in any case, for JSON Schema patterns (which take no flags). */
const anyCase = (w: string) => [...w].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch)).join('');
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)`;
const SCALES = [
  'thousand',
  'millions',
  'million',
  'mil',
  'mm',
  'mn',
  'billions',
  'billion',
  'bn',
  'trillion',
  'tn',
  'k',
  'm',
  'b',
  't',
];
const SCALE = `(?:${SCALES.map(anyCase).join('|')})`;
// A range joins two figures with a hyphen, an en or em dash, or "to" (core/amount.ts); after
// a hyphen the high end starts with $, a digit or a point, after a dash or "to" as any figure.
const HYPHEN = String.raw`\s*-\s*`;
const DASH_TO = String.raw`(?:\s*[\u2013\u2014]\s*|\s*\b${anyCase('to')}\b\s*)`;
const AMOUNT_ONE = String.raw`(?:${anyCase('US')})?\$?\s*${NUMBER}\s*${SCALE}?`;
const AMOUNT_HIGH = String.raw`\$?\s*${NUMBER}\s*${SCALE}?`;
const RATE_ONE = String.raw`(?:\d+(?:\.\d+)?|\.\d+)\s*%?`;
// At most 100%: up to 100 with %, or up to 1 without; the low end of a range may leave out its %.
const PCT_100 = String.raw`(?:0*100(?:\.0+)?|0*\d{1,2}(?:\.\d+)?|0*\.\d+)\s*%`;
const ONE = String.raw`(?:0*1(?:\.0+)?|0*\.\d+|0+(?:\.\d+)?)`;
const LOW_100 = String.raw`(?:0*100(?:\.0+)?|0*\d{1,2}(?:\.\d+)?|0*\.\d+)\s*%?`;
const RATIO_ONE = String.raw`(?:\d+(?:\.\d+)?|\.\d+)\s*(?:[xX\u00d7]|:\s*1)?`;

/** The pattern a figure written as a string matches (what core/amount.ts parses), for editors. */
export function figurePattern(unit: Unit, opts: FigureOpts = {}): string {
  const sign = opts.signed ? '-?' : '';
  const whole = (one: string, low: string, high: string, afterHyphen = high) =>
    String.raw`^\s*(?:${sign}${one}|${sign}${low}${DASH_TO}${high}|${sign}${low}${HYPHEN}${afterHyphen})\s*$`;
  if (unit === 'amount') return whole(AMOUNT_ONE, AMOUNT_ONE, AMOUNT_ONE, AMOUNT_HIGH);
  if (unit === 'ratio') return whole(RATIO_ONE, RATIO_ONE, RATIO_ONE);
  if (opts.atMostOne) return whole(`(?:${PCT_100}|${ONE})`, LOW_100, `(?:${PCT_100}|${ONE})`);
  return whole(RATE_ONE, RATE_ONE, RATE_ONE);
}

/** JSON Schema keywords for a figure: both forms, the string's pattern and the number's bounds. */
function figureMeta(unit: Unit, opts: FigureOpts) {
  return {
    type: ['number', 'string'],
    pattern: figurePattern(unit, opts),
    ...(opts.signed ? (opts.atMostOne ? { minimum: -1 } : {}) : { minimum: 0 }),
    ...(unit === 'rate' && opts.atMostOne ? { maximum: 1 } : {}),
    description: SCALAR_DESC[unit] + (opts.atMostOne ? ' (at most 100%)' : ''),
  };
}

/** One scalar figure; its syntax is checked here so the error points at it. */
export const scalarFigure = shared((unit: Unit, opts: FigureOpts = {}) => scalarFigureOf(unit, opts));
function scalarFigureOf(unit: Unit, opts: FigureOpts) {
  // z.any + our own parser: one precise message ("2.5Q" is not an amount) instead of a
  // union's "expected number or string"; the JSON Schema type comes from meta.
  // The check's parse serves the transform that follows it on the same value (parseFigure
  // is a pure function of the value and the unit; what the check made is not kept anywhere).
  let last: { v: unknown; p: ReturnType<typeof parseFigure> } | undefined;
  const parse = (v: unknown) => (last !== undefined && Object.is(last.v, v) ? last.p : (last = { v, p: parseFigure(v, unit) }).p);
  return z
    .any()
    .superRefine((v, ctx) => {
      const mismatch = v === null || v === undefined || typeof v === 'object' || typeof v === 'boolean';
      const p = parse(v);
      // continue: false marks a type mismatch as fatal, so a union picks its mapping branch for a mapping.
      if (!p.ok && mismatch)
        ctx.addIssue({ code: 'custom', message: p.message, params: { hint: p.hint, unit, typeMismatch: true }, continue: false });
      // "-100M": the parser has no sign; say what is wrong rather than "not an amount".
      else if (!p.ok && !opts.signed && typeof v === 'string' && /^\s*-/.test(v) && parseFigure(v.trim().slice(1), unit).ok)
        ctx.addIssue({ code: 'custom', message: M.negative(String(v)), params: { hint: M.negativeHint, unit, negative: true } });
      else if (!p.ok) ctx.addIssue({ code: 'custom', message: p.message, params: { hint: p.hint, unit } });
      else if (!opts.signed && p.value.low.isNeg())
        ctx.addIssue({ code: 'custom', message: M.negative(String(v)), params: { hint: M.negativeHint, unit, negative: true } });
    })
    .transform((v): Ranged => {
      const p = parse(v);
      last = undefined;
      return p.ok ? p.value : ZERO;
    })
    .meta(figureMeta(unit, opts));
}

const ZERO: Ranged = { low: Dec.ZERO, base: Dec.ZERO, high: Dec.ZERO };

const rangeShape = shared((unit: Unit, opts: FigureOpts) => rangeShapeOf(unit, opts));
function rangeShapeOf(unit: Unit, opts: FigureOpts) {
  const { dist, source, note } = basics();
  return obj({
    low: scalarFigure(unit, opts).optional(),
    base: scalarFigure(unit, opts).optional(),
    high: scalarFigure(unit, opts).optional(),
    p5: scalarFigure(unit, opts).optional(),
    p95: scalarFigure(unit, opts).optional(),
    dist: dist.optional(),
    source: source.optional(),
    note: note.optional(),
    // Never valid here: it makes `{ value: ..., source }` fail this branch outright, so the
    // citation branch of `sourced` reports what is wrong with the value.
    value: z.never().optional().meta({ description: 'Not in a range: cite a range as { value: { low, high }, source }' }),
  });
}
type RangeInput = z.output<ReturnType<typeof rangeShapeOf>>;

const PERCENTILE_KINDS: DistKind[] = ['normal', 'lognormal'];

/** The typical value `run` uses when none is written: the midpoint, or the median of a lognormal. */
function centre(low: Dec, high: Dec, d: DistKind | undefined): Dec {
  if (d === 'lognormal' && low.gt(Dec.ZERO)) return low.times(high).pow(0.5);
  return low.plus(high).div(2);
}

interface Problem {
  code: string;
  message: string;
  hint: string;
}

/**
 * `{ low, base?, high, dist? }` or `{ p5, p95, base?, dist: normal|lognormal }` with the
 * distribution of an enclosing `{ value, dist }` when it has none of its own. With an
 * explicit base and no dist the range is triangular with its mode at base; without one, uniform.
 */
function fromRange(o: RangeInput, outer: DistKind | undefined): { value: Ranged; dist?: DistKind; problems: Problem[] } {
  const problems: Problem[] = [];
  let d = o.dist ?? outer;
  const percentiles = d !== undefined && PERCENTILE_KINDS.includes(d);
  const [a, b] = percentiles ? (['p5', 'p95'] as const) : (['low', 'high'] as const);
  const [wrongA, wrongB] = percentiles ? (['low', 'high'] as const) : (['p5', 'p95'] as const);
  for (const k of [wrongA, wrongB])
    if (o[k] !== undefined) problems.push({ code: 'range-form', message: M.rangeWrongEnds(k, d), hint: M.rangeFormHint });
  for (const k of [a, b])
    if (o[k] === undefined) problems.push({ code: 'missing-key', message: M.rangeMissingEnd(k, d), hint: M.rangeFormHint });
  const low = o[a]?.base ?? Dec.ZERO;
  const high = o[b]?.base ?? Dec.ZERO;
  const base = o.base?.base ?? centre(low, high, d);
  if (d === undefined && o.base !== undefined) d = 'triangular';
  if (low.gt(high) || base.lt(low) || base.gt(high))
    problems.push({ code: 'range-order', message: M.rangeOrder(a, b), hint: M.rangeOrderHint });
  problems.push(...distProblems({ low, base, high }, d));
  return { value: { low, base, high }, dist: d, problems };
}

/** A range written as a string (`$2B-3B`) under `{ value, dist }`: for normal/lognormal its ends are P5/P95. */
function fromScalar(value: Ranged, d: DistKind | undefined): { value: Ranged; dist?: DistKind; problems: Problem[] } {
  if (d === 'lognormal' && !value.low.eq(value.high) && value.low.gt(Dec.ZERO))
    value = { ...value, base: centre(value.low, value.high, d) };
  return { value, dist: d, problems: distProblems(value, d) };
}

function distProblems(v: Ranged, d: DistKind | undefined): Problem[] {
  if (d === 'lognormal' && !v.low.gt(Dec.ZERO))
    return [{ code: 'range-form', message: M.lognormalPositive, hint: M.rangeFormHint }];
  return [];
}

type FigureShape = Ranged | RangeInput;
const isRanged = (x: FigureShape): x is Ranged => 'base' in x && x.base instanceof Dec && 'low' in x && x.low instanceof Dec;

function resolve(x: FigureShape, outer: DistKind | undefined) {
  return isRanged(x) ? fromScalar(x, outer) : fromRange(x, outer);
}

const figureShape = shared((unit: Unit, opts: FigureOpts) => figureShapeOf(unit, opts));
function figureShapeOf(unit: Unit, opts: FigureOpts) {
  return z.union([scalarFigure(unit, opts), rangeShape(unit, opts)]);
}

function report(problems: Problem[], ctx: z.RefinementCtx, path: PropertyKey[]) {
  for (const p of problems) ctx.addIssue({ code: 'custom', message: p.message, path, params: { hint: p.hint, code: p.code } });
}

/** A figure, a range, a low/base/high triple, or two percentiles (p5/p95) of a normal or lognormal. */
export const figure = shared((unit: Unit, opts: FigureOpts = {}) => figureOf(unit, opts));
function figureOf(unit: Unit, opts: FigureOpts) {
  return figureShape(unit, opts)
    .superRefine((x, ctx) => report(resolve(x, undefined).problems, ctx, []))
    .transform((x): ParsedFigure => {
      const r = resolve(x, undefined);
      return { value: r.value, unit, dist: r.dist, source: isRanged(x) ? undefined : x.source, cited: false };
    });
}

/** A figure, or `{ value, source }` to cite it (and `dist` to say what its range means). */
export const sourced = shared((unit: Unit, opts: FigureOpts = {}) => sourcedOf(unit, opts));
function sourcedOf(unit: Unit, opts: FigureOpts) {
  const { dist, source, note } = basics();
  const cited = obj({
    value: figureShape(unit, opts).meta({ description: `The figure itself. ${SCALAR_DESC[unit]}` }),
    dist: dist.optional(),
    source: source.optional(),
    note: note.optional(),
  });
  type Cited = z.output<typeof cited>;
  const isCited = (x: FigureShape | Cited): x is Cited => !isRanged(x as FigureShape) && 'value' in x && x.value !== undefined;
  return z
    .union([figureShape(unit, opts), cited])
    .superRefine((x, ctx) => {
      if (isCited(x)) report(resolve(x.value, x.dist).problems, ctx, ['value']);
      else report(resolve(x as FigureShape, undefined).problems, ctx, []);
    })
    .transform((x): ParsedFigure => {
      if (isCited(x)) {
        const r = resolve(x.value, x.dist);
        return {
          value: r.value,
          unit,
          dist: r.dist,
          source: (isRanged(x.value) ? undefined : x.value.source) ?? x.source,
          cited: true,
        };
      }
      const f = x as FigureShape;
      const r = resolve(f, undefined);
      return { value: r.value, unit, dist: r.dist, source: isRanged(f) ? undefined : f.source, cited: false };
    });
}

/** The keys every list item an extending file can patch has: its id and `remove`. */
export const itemId = (what: string) =>
  basics().id.meta({ description: `The ${what}'s id: letters, digits, - and _; an extending file patches the ${what} by it` });
export const removeItem = (what: string) =>
  z.literal(true).meta({ description: `In an extending file: drop this ${what} (write remove: true)` });

export const perGov = <T extends z.ZodType>(t: T) => z.record(z.string(), t);

/** Spend-out profiles, capital-call curves and fund distributions (built in this order: SHAPES). */
function curveParts({ source, note }: Pick<ReturnType<typeof basics>, 'source' | 'note'>) {
  const profileObject = obj({
    shares: z
      .array(figure('rate', { atMostOne: true }))
      .min(1)
      .meta({ description: 'Share paid out in the commitment year, the next year, ...; sums to 100%' }),
    source: source.optional(),
    note: note.optional(),
  });
  /** Yearly shares of an amount paid out, starting the year it is committed; a name refers to assumptions.profiles. */
  const profile = z.union([z.string(), profileObject]).meta({
    description: 'A spend-out or disbursement profile: the name of one under assumptions.profiles, or { shares: [...] }',
  });

  const drawdownObject = obj({
    rates: z
      .array(figure('rate', { atMostOne: true }))
      .min(1)
      .meta({
        description: 'Rate of contribution by fund age (the last repeats): share of uncalled commitment called that year',
      }),
    growth: figure('rate')
      .optional()
      .meta({ description: "Yearly growth of the fund's net asset value (Takahashi-Alexander G)" }),
    bow: z.number().positive().optional().meta({ description: 'Bow factor of distributions (Takahashi-Alexander B, about 2.5)' }),
    // Capped: the engine steps a fund year by year over its life (1e9 years never ends).
    life: z.number().int().positive().max(100).optional().meta({ description: 'Fund life in years (default 12)' }),
    source: source.optional(),
    note: note.optional(),
  });
  const drawdown = z
    .union([z.string(), drawdownObject])
    .meta({ description: 'A capital-call curve: the name of one under assumptions.drawdowns, or inline' });

  const distributions = obj({
    multiple: sourced('ratio').meta({ description: 'Money back per dollar invested' }),
    lag: z.number().int().min(0).meta({ description: 'Years from investment to the first distribution' }),
    // Capped: one slot per year is allocated (a huge `over` exhausted memory).
    over: z.number().int().positive().max(100).meta({ description: 'Years over which distributions are spread' }),
    source: source.optional(),
    note: note.optional(),
  });
  return { profileObject, profile, drawdownObject, drawdown, distributions };
}

/** The schema parts the kinds and the scenario share, built together on first use. */
export const parts = once(() => {
  const { source, note, id } = basics();
  const year = z
    .union([z.number().int(), z.string()])
    .meta({ description: 'FY2030, 2030, or a year number 1..N of the horizon' });

  // 2-8 capital letters or digits, starting with a letter: US, IL, EU, EIB, KFW, IDB2.
  const govCode = z
    .string()
    .regex(
      /^[A-Z][A-Z0-9]{1,7}$/,
      'a sponsor code is 2 to 8 capital letters or digits, starting with a letter, like US, IL or EIB',
    );
  const currency = z
    .string()
    .superRefine((v, ctx) => {
      if (!isCurrency(v))
        ctx.addIssue({
          code: 'custom',
          message: M.unknownCurrency(v),
          params: { hint: M.currencyHint(v), code: 'unknown-currency' },
        });
    })
    .meta({ description: 'An ISO 4217 currency code: USD, EUR, ILS, GBP, ...', enum: [...CURRENCY_CODES] });

  const allocationObject = obj({
    amount: figure('amount')
      .optional()
      .meta({ description: 'The amount: every year of the window (per: year) or in total (per: total)' }),
    currency: currency
      .optional()
      .meta({ description: "The currency the amounts are written in (default the plan's); converted at exchangeRates" }),
    per: z
      .enum(['year', 'total'])
      .optional()
      .meta({ description: 'year: the amount every year of the window; total (default): spread evenly over it' }),
    from: year.optional().meta({ description: 'First year of the window (default: the first year of the horizon)' }),
    to: year.optional().meta({ description: 'Last year of the window (default: the last year of the horizon)' }),
    years: z.number().int().positive().optional().meta({ description: 'Length of the window in years' }),
    byYear: z
      .record(z.string(), figure('amount'))
      .optional()
      .meta({ description: 'Explicit amounts by year: { FY2027: 100M, ... }' }),
    source: source.optional(),
    note: note.optional(),
  });
  /** How much a government puts in and when. A bare amount is a total spread evenly over the horizon. */
  const allocation = z.union([
    scalarFigure('amount').transform((value): ParsedFigure => ({ value, unit: 'amount', cited: false })),
    allocationObject,
  ]);

  const { profileObject, profile, drawdownObject, drawdown, distributions } = curveParts({ source, note });

  const budget = z.enum(['appropriated', 'none']).meta({
    description:
      "The plan's own convention: whether commitments are appropriated (count as budget cost on the as-published basis)",
  });

  /** Keys every mechanism has, whatever its kind. */
  const common = {
    id: id.meta({ description: "The mechanism's id: letters, digits, - and _; unique in the scenario" }),
    label: z.string().optional().meta({ description: 'Its name in tables' }),
    description: z.string().optional().meta({ description: 'What the mechanism is, for readers of reports' }),
    source: source.optional(),
    note: note.optional(),
    remove: z.literal(true).optional().meta({ description: 'In an extending file: drop this mechanism' }),
    within: z.string().optional().meta({
      description:
        "The id of a mechanism whose envelope this one is part of (a fund inside an 'aggregate' grant line): its flows are shown here and taken out of the other's, so the money is counted once",
    }),
  };

  /** `currentLaw:` per government: the share of its appropriations current law already provides. */
  const currentLaw = perGov(sourced('rate')).optional().meta({
    description:
      'Per government, the share (0-100%) of these appropriations already provided under current law (no new budget authority): incremental cost is budget cost less it',
  });

  const gate = obj({
    label: z.string().optional().meta({ description: 'What the gate is, e.g. performance' }),
    holds: z.boolean().optional().meta({ description: 'Whether the gate holds in run (default true)' }),
    probability: figure('rate', { atMostOne: true })
      .optional()
      .meta({ description: 'Chance the gate holds (0% to 100%), drawn by simulate; run uses holds' }),
    source: source.optional(),
    note: note.optional(),
  });

  const commitAmount = z.union([
    figure('amount'),
    obj({
      amount: figure('amount').meta({
        description: "The amount committed (the plan's currency), e.g. 500M or a range 250M-500M",
      }),
      currency: currency
        .optional()
        .meta({ description: "The currency the amount is written in (default the plan's); converted at exchangeRates" }),
      source: source.optional(),
      note: note.optional(),
    }),
  ]);
  return {
    source,
    note,
    id,
    year,
    govCode,
    currency,
    allocationObject,
    allocation,
    profileObject,
    profile,
    drawdownObject,
    drawdown,
    distributions,
    budget,
    common,
    currentLaw,
    gate,
    commitAmount,
  };
});
type Parts = ReturnType<typeof parts>;
export type AllocationInput = z.output<Parts['allocation']>;
export type ProfileInput = z.output<Parts['profile']>;
export type DrawdownInput = z.output<Parts['drawdown']>;
export type DistributionsInput = z.output<Parts['distributions']>;
export type CommitInput = z.output<Parts['commitAmount']>;
