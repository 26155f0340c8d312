// The scenario format as written (zod). Structure and value syntax only; rules that
// need the whole scenario (years in the horizon, known governments and names, shares
// that sum to 100%) live in normalize. The JSON Schema for editors is generated from this.
import { z } from 'zod';
import { parseFigure, type Unit } from '../core/amount.js';
import { M } from '../core/messages.js';

/** Every object shape's keys, so an unknown key can get a did-you-mean from its own shape. */
export const SHAPES: string[][] = [];
function obj<T extends z.ZodRawShape>(shape: T) {
  SHAPES.push(Object.keys(shape));
  return z.strictObject(shape);
}

const source = z
  .string()
  .meta({ description: 'Where the figure comes from: section and line of the report, or "assumption: why".' });
const note = z.string();

const SCALAR_DESC: Record<Unit, string> = {
  amount: 'USD amount as written: 250M, $2.5B, 1.2bn, 250000000; a range as $2B-3B',
  rate: 'A rate: 5% or 0.05; a range as 4%-6%',
  ratio: 'A ratio: 2x, 2.5x or 25:1; a range as 1.5x-2.5x',
};

/** One figure as written; its syntax is checked here so the error points at it. */
export function scalarFigure(unit: Unit) {
  // z.any + our own parser: one precise message ("2.5Q" is not an amount) instead of a
  // union's "expected number or string"; the JSON Schema type comes from meta.
  return z
    .any()
    .superRefine((v, ctx) => {
      const mismatch = v === null || v === undefined || typeof v === 'object' || typeof v === 'boolean';
      const p = parseFigure(v, unit);
      // continue: false marks a type mismatch as fatal, so a union picks its mapping branch for a mapping.
      if (!p.ok && mismatch)
        ctx.addIssue({ code: 'custom', message: p.message, params: { hint: p.hint, unit, typeMismatch: true }, continue: false });
      // "-100M": the parser has no sign; say what is wrong rather than "not an amount".
      else if (!p.ok && typeof v === 'string' && /^\s*-/.test(v) && parseFigure(v.trim().slice(1), unit).ok)
        ctx.addIssue({ code: 'custom', message: M.negative(String(v)), params: { hint: M.negativeHint, unit, negative: true } });
      else if (!p.ok) ctx.addIssue({ code: 'custom', message: p.message, params: { hint: p.hint, unit } });
      else if (p.value.low.isNeg())
        ctx.addIssue({ code: 'custom', message: M.negative(String(v)), params: { hint: M.negativeHint, unit, negative: true } });
    })
    .meta({ type: ['number', 'string'], description: SCALAR_DESC[unit] });
}

/** What a range means when sampled (README, "What a range means"); a bare range is uniform. */
export const DISTRIBUTIONS = ['uniform', 'triangular', 'pert', 'normal', 'lognormal'] as const;
const dist = z
  .enum(DISTRIBUTIONS)
  .meta({
    description:
      'How simulate samples the range: uniform (default for a bare range), triangular or pert (mode at base), normal or lognormal (p5/p95 are the 5th and 95th percentiles)',
  });

/** A figure, a range, a low/base/high triple, or two percentiles (p5/p95) of a normal or lognormal. */
export function figure(unit: Unit) {
  return z.union([
    scalarFigure(unit),
    obj({
      low: scalarFigure(unit).optional(),
      base: scalarFigure(unit).optional(),
      high: scalarFigure(unit).optional(),
      p5: scalarFigure(unit).optional(),
      p95: scalarFigure(unit).optional(),
      dist: dist.optional(),
      source: source.optional(),
      note: note.optional(),
    }),
  ]);
}

/** A figure, or `{ value, source }` to cite it (and `dist` to say what its range means). */
export function sourced(unit: Unit) {
  return z.union([
    figure(unit),
    obj({ value: figure(unit), dist: dist.optional(), source: source.optional(), note: note.optional() }),
  ]);
}

const year = z.union([z.number().int(), z.string()]).meta({ description: 'FY2030, 2030, or a year number 1..N of the horizon' });
const govCode = z.string().regex(/^[A-Z]{2,3}$/, 'a government code is 2 or 3 capital letters, like US or IL');
const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an id starts with a letter and holds letters, digits, - and _');

const allocationObject = obj({
  amount: figure('amount').optional(),
  per: z
    .enum(['year', 'total'])
    .optional()
    .meta({ description: 'year: the amount every year of the window; total (default): spread evenly over it' }),
  from: year.optional(),
  to: year.optional(),
  years: z.number().int().positive().optional(),
  byYear: z
    .record(z.string(), figure('amount'))
    .optional()
    .meta({ description: 'Explicit amounts by year: { FY2027: 100M, ... }' }),
  source: source.optional(),
  note: note.optional(),
});
/** How much a government puts in and when. A bare amount is a total spread evenly over the horizon. */
export const allocation = z.union([scalarFigure('amount'), allocationObject]);

const matchAllocation = z.union([
  scalarFigure('amount'),
  allocationObject.extend({ label: z.string().optional(), budget: z.enum(['appropriated', 'none']).optional() }),
]);
SHAPES.push([...Object.keys(allocationObject.shape), 'label', 'budget']);

const perGov = <T extends z.ZodType>(t: T) => z.record(z.string(), t);

const profileObject = obj({ shares: z.array(figure('rate')).min(1), source: source.optional(), note: note.optional() });
/** Yearly shares of an amount paid out, starting the year it is committed; a name refers to assumptions.profiles. */
export const profile = z.union([z.string(), profileObject]);

const drawdownObject = obj({
  rates: z
    .array(figure('rate'))
    .min(1)
    .meta({ description: 'Rate of contribution by fund age (the last repeats): share of uncalled commitment called that year' }),
  growth: figure('rate').optional(),
  bow: z.number().positive().optional(),
  // Capped: the engine steps a fund year by year over its life (1e9 years never ends).
  life: z.number().int().positive().max(100).optional(),
  source: source.optional(),
  note: note.optional(),
});
export const drawdown = z.union([z.string(), drawdownObject]);

const distributions = obj({
  multiple: sourced('ratio'),
  lag: z.number().int().min(0).meta({ description: 'Years from investment to the first distribution' }),
  // Capped: one slot per year is allocated (a huge `over` exhausted memory).
  over: z.number().int().positive().max(100).meta({ description: 'Years over which distributions are spread' }),
  source: source.optional(),
  note: note.optional(),
});

const budget = z
  .enum(['appropriated', 'none'])
  .meta({ description: 'Whether commitments are appropriated (count as budget cost)' });

const common = {
  id,
  label: z.string().optional(),
  description: z.string().optional(),
  source: source.optional(),
  note: note.optional(),
  remove: z.literal(true).optional().meta({ description: 'In an extending file: drop this mechanism' }),
};

const program = obj({
  id,
  label: z.string().optional(),
  amount: perGov(allocation),
  followOn: sourced('ratio').optional(),
  source: source.optional(),
  note: note.optional(),
  remove: z.literal(true).optional(),
});

const grantProgram = obj({
  ...common,
  kind: z.literal('grant-program'),
  appropriations: perGov(allocation),
  spendOut: profile.optional(),
  followOn: sourced('ratio').optional(),
  programs: z.array(program).optional(),
  budget: budget.optional(),
});

const equityVehicle = obj({
  ...common,
  kind: z.literal('equity-vehicle'),
  investments: perGov(allocation),
  distributions: distributions.optional(),
  coInvest: sourced('ratio').optional(),
  budget: budget.optional(),
});

const creditFacility = obj({
  ...common,
  kind: z.literal('credit-facility'),
  obligations: perGov(allocation),
  subsidyRate: sourced('rate').optional(),
  disbursement: profile.optional(),
  match: perGov(matchAllocation).optional(),
  coFinance: sourced('ratio').optional(),
  budget: budget.optional(),
});

const commitAmount = z.union([
  figure('amount'),
  obj({ amount: figure('amount'), source: source.optional(), note: note.optional() }),
]);

const gate = obj({
  label: z.string().optional(),
  holds: z.boolean().optional().meta({ description: 'Whether the gate holds in run (default true)' }),
  probability: figure('rate').optional().meta({ description: 'Chance the gate holds, for simulation' }),
  source: source.optional(),
  note: note.optional(),
});

const wave = obj({
  id,
  label: z.string().optional(),
  year,
  commit: perGov(commitAmount),
  gate: gate.optional(),
  crowdIn: sourced('ratio').optional(),
  source: source.optional(),
  note: note.optional(),
  remove: z.literal(true).optional(),
});

const lpFundWaves = obj({
  ...common,
  kind: z.literal('lp-fund-waves'),
  waves: z.array(wave).min(1),
  drawdown: drawdown.optional(),
  crowdIn: sourced('ratio').optional(),
  budget: budget.optional(),
});

const gatedProject = obj({
  ...common,
  kind: z.literal('gated-project'),
  study: obj({
    startMonth: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'Months from the start of the horizon to the study start (default 0)' }),
    months: z.number().int().min(0),
    passes: z.boolean().optional(),
    probability: figure('rate').optional(),
    source: source.optional(),
    note: note.optional(),
  }),
  window: obj({ months: z.number().int().positive(), source: source.optional(), note: note.optional() }),
  commit: perGov(commitAmount),
  spendOut: profile.optional(),
  coFinance: sourced('ratio').optional(),
  fallback: z.string().optional().meta({ description: '"none", or the id of a mechanism that runs only if the study fails' }),
  budget: budget.optional(),
});

export const MECHANISM_KINDS = ['grant-program', 'equity-vehicle', 'credit-facility', 'lp-fund-waves', 'gated-project'] as const;

export const mechanism = z.discriminatedUnion('kind', [grantProgram, equityVehicle, creditFacility, lpFundWaves, gatedProject]);

const claim = obj({
  id,
  text: z.string().optional(),
  metric: z.string().meta({ description: 'A metric path such as budgetCost.US.perYear or headlineMobilization' }),
  published: z
    .union([z.number(), z.string()])
    .meta({ description: 'The figure the source states: an amount, a ratio, or a range' }),
  comparison: z.enum(['approx', 'atLeast', 'atMost']).optional(),
  tolerance: figure('rate').optional(),
  source: source.optional(),
  note: note.optional(),
  remove: z.literal(true).optional(),
});

/** `assert:` items: an expression, or a mapping with an id so an extending file can replace or remove it. */
const assertion = z.union([
  z.string().meta({ description: 'METRIC OP VALUE, e.g. budgetCost.US <= 5B (a bare number is USD millions)' }),
  obj({
    id: id.optional(),
    that: z.string().meta({ description: 'METRIC OP VALUE, e.g. floor.US.appropriated.met == true' }),
    case: z.enum(['low', 'base', 'high']).optional().meta({ description: 'Which end of every range to evaluate (default base)' }),
    source: source.optional(),
    note: note.optional(),
    remove: z.literal(true).optional(),
  }),
]);

/** `totals:` the file author's own statement of a sum, checked against the computed metric. */
const declaredTotal = obj({
  id,
  metric: z.string().meta({ description: 'A metric path such as budgetCost.US or publicCommitment.total.F-2' }),
  value: z.union([z.number(), z.string()]).meta({ description: 'The sum as written: 4.375B, 4375M' }),
  tolerance: z
    .union([z.number(), z.string()])
    .optional()
    .meta({ description: 'Allowed difference: a share (0.5%) or an amount (1M); default 0' }),
  case: z.enum(['low', 'base', 'high']).optional(),
  source: source.optional(),
  note: note.optional(),
  remove: z.literal(true).optional(),
});

const assumptions = obj({
  profiles: z.record(z.string(), profileObject).optional(),
  drawdowns: z.record(z.string(), drawdownObject).optional(),
  spendOut: profile.optional().meta({ description: 'Default spend-out profile for appropriated grants and projects' }),
  disbursement: profile.optional().meta({ description: 'Default disbursement profile for loans' }),
  drawdown: drawdown.optional(),
  subsidyRate: sourced('rate').optional(),
  crowdIn: sourced('ratio').optional(),
  followOn: sourced('ratio').optional(),
  coInvest: sourced('ratio').optional(),
  coFinance: sourced('ratio').optional(),
  distributions: distributions.optional(),
  discount: z
    .union([
      scalarFigure('rate'),
      obj({
        rate: scalarFigure('rate').optional().meta({ description: 'One rate for every maturity' }),
        byMaturity: z
          .record(z.string(), scalarFigure('rate'))
          .optional()
          .meta({
            description:
              "Rates by maturity in years, e.g. { 1: 4.1%, 5: 4.0%, 10: 4.3% } (as OMB's Treasury-rate tables for credit programs); linear between, flat beyond",
          }),
        source: source.optional(),
        note: note.optional(),
      }),
    ])
    .optional()
    .meta({ description: 'Discount rate for present values (end-of-year convention)' }),
  inflation: z
    .union([
      scalarFigure('rate'),
      obj({
        rate: scalarFigure('rate'),
        base: year
          .optional()
          .meta({ description: 'Year whose dollars real figures are in (default: the first year of the horizon)' }),
        source: source.optional(),
        note: note.optional(),
      }),
    ])
    .optional()
    .meta({ description: 'Inflation rate for real (constant-dollar) figures; amounts are read as nominal' }),
});

const government = obj({ name: z.string().optional(), source: source.optional(), note: note.optional() });

export const scenarioSchema = obj({
  extends: z.string().optional().meta({ description: 'Path of a scenario this one patches (relative to this file)' }),
  name: z.string().min(1),
  description: z.string().optional(),
  sources: z
    .array(
      obj({
        id: z.string().optional(),
        title: z.string(),
        file: z.string().optional(),
        url: z.string().optional(),
        date: z.union([z.string(), z.number()]).optional(),
        note: note.optional(),
      }),
    )
    .optional(),
  horizon: obj({ start: year, years: z.number().int().min(1).max(200), source: source.optional() }),
  governments: z.union([z.array(govCode).min(1), z.record(govCode, government)]),
  targets: obj({
    floor: sourced('amount').optional().meta({ description: 'Minimum public funding per government per year' }),
    mobilization: sourced('amount').optional().meta({ description: 'Total mobilization target over the horizon' }),
    headlineIncludesFollowOn: z
      .boolean()
      .optional()
      .meta({ description: 'Count grant follow-on private funding in headline mobilization (default false)' }),
  }).optional(),
  assumptions: assumptions.optional(),
  mechanisms: z.array(mechanism).min(1),
  claims: z.array(claim).optional(),
  totals: z
    .array(declaredTotal)
    .optional()
    .meta({ description: 'Sums the author states; `check` fails when the computed metric differs' }),
  assert: z
    .array(assertion)
    .optional()
    .meta({ description: "Conditions on results that `check` enforces; an extending file adds to its base's list" }),
});

export type ScenarioInput = z.infer<typeof scenarioSchema>;
export type MechanismInput = z.infer<typeof mechanism>;
export type AllocationInput = z.infer<typeof allocation>;
export type FigureInput = z.infer<ReturnType<typeof figure>>;
export type SourcedInput = z.infer<ReturnType<typeof sourced>>;
export type ProfileInput = z.infer<typeof profile>;
export type DrawdownInput = z.infer<typeof drawdown>;
