// The scenario format as written (zod): structure and value syntax, with figures parsed
// to typed values. Rules that need the whole scenario (years in the horizon, known
// governments and names, shares that sum to 100%) live in normalize. Each mechanism
// kind's schema comes from its module; the JSON Schema for editors is generated from this.
import { z } from 'zod';
import { parseFigure, type Ranged } from '../core/amount.js';
import { M } from '../core/messages.js';
import { KINDS } from '../mechanisms/registry.js';
import { BASIS_IDS } from '../model/bases.js';
import { unitOfText } from '../model/paths.js';
import { assumptions } from './assumptions.js';
import { figure, govCode, id, note, obj, source, sourced, year } from './figures.js';

export { SHAPES } from './figures.js';

export const MECHANISM_KINDS = KINDS.map((k) => k.kind);

/** What normalize reads of every mechanism; the rest is its kind module's. */
export interface MechanismCommon {
  id: string;
  kind: string;
  label?: string;
  source?: string;
}

// The kinds' schemas, told apart by `kind` (a did-you-mean for an unknown one in validate.ts).
export const mechanism = z.discriminatedUnion(
  'kind',
  KINDS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<MechanismCommon, unknown>;

/** A published figure or a declared total, parsed for the unit its metric names. */
function figureFor(
  metric: string,
  raw: unknown,
): { ok: true; value: Ranged | boolean } | { ok: false; message: string; hint: string } {
  const unit = unitOfText(metric);
  if (unit === 'boolean') {
    if (typeof raw !== 'string' || !/^(true|false)$/.test(raw))
      return { ok: false, message: M.publishedUnit(String(raw), unit), hint: M.booleanHint };
    return { ok: true, value: raw === 'true' };
  }
  const r = parseFigure(raw, unit === 'amount' ? 'amount' : 'ratio');
  if (!r.ok) return { ok: false, message: `${M.publishedUnit(String(raw), unit)}: ${r.message}`, hint: r.hint };
  return { ok: true, value: r.value };
}

const claim = obj({
  id,
  text: z.string().optional().meta({ description: 'The sentence of the source document, quoted' }),
  metric: z
    .string()
    .meta({ description: 'A metric path such as budgetCost.US.perYear or headlineMobilization; several may be added with +' }),
  published: z
    .union([z.number(), z.string()])
    .meta({ description: 'The figure the source states: an amount, a ratio, or a range' }),
  comparison: z
    .enum(['approx', 'atLeast', 'atMost'])
    .optional()
    .meta({ description: 'approx (default: within the tolerance), atLeast ("over $10B") or atMost' }),
  tolerance: figure('rate').optional().meta({ description: 'How far an approx claim may be off and still hold, e.g. 10%' }),
  source: source.optional(),
  note: note.optional(),
  remove: z.literal(true).optional(),
})
  .superRefine((c, ctx) => {
    const r = figureFor(c.metric.split('+')[0]!.trim(), c.published);
    if (!r.ok)
      ctx.addIssue({ code: 'custom', path: ['published'], message: r.message, params: { hint: r.hint, code: 'invalid-figure' } });
  })
  .transform((c) => {
    const r = figureFor(c.metric.split('+')[0]!.trim(), c.published);
    return {
      ...c,
      terms: c.metric.split('+').map((x) => x.trim()),
      published: r.ok ? r.value : false,
      publishedText: String(c.published),
    };
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

export type { AssumptionsInput } from './assumptions.js';

const government = obj({
  name: z.string().optional().meta({ description: 'Its name in reports' }),
  source: source.optional(),
  note: note.optional(),
});

export const scenarioSchema = obj({
  extends: z.string().optional().meta({ description: 'Path of a scenario this one patches (relative to this file)' }),
  name: z.string().min(1).meta({ description: "The scenario's name in reports" }),
  description: z.string().optional(),
  sources: z
    .array(
      obj({
        id: z.string().optional().meta({ description: 'A short name for the document, e.g. compact' }),
        title: z.string().meta({ description: 'The title of the document, as a reader would search for it' }),
        publisher: z.string().optional().meta({ description: 'Who published it, e.g. SCSP & MIND Israel' }),
        date: z.union([z.string(), z.number()]).optional().meta({ description: 'When it was published, e.g. 2026-06' }),
        file: z.string().optional().meta({
          description:
            'A local copy (relative to this scenario file); when present, explain shows the line a citation such as l.581 names',
        }),
        url: z.string().optional().meta({ description: 'Where to find it online' }),
        note: note.optional(),
      }),
    )
    .optional()
    .meta({
      description: 'The documents cited: a citation such as "l.581" in a source: refers to a line of the first one',
    }),
  horizon: obj({
    start: year.meta({ description: 'The first fiscal year, e.g. FY2027' }),
    years: z.number().int().min(1).max(200).meta({ description: 'Number of fiscal years modeled' }),
    source: source.optional(),
  }),
  governments: z
    .union([z.array(govCode).min(1), z.record(govCode, government)])
    .meta({ description: 'The governments that commit money, by code of 2-3 capital letters' }),
  targets: obj({
    floor: sourced('amount').optional().meta({ description: 'Minimum public funding per government per year' }),
    mobilization: sourced('amount').optional().meta({ description: 'Total mobilization target over the horizon' }),
    headlineIncludesFollowOn: z
      .boolean()
      .optional()
      .meta({ description: 'Count grant follow-on private funding in headline mobilization (default false)' }),
  })
    .optional()
    .meta({ description: 'What the plan promises: a floor per government and year, a mobilization target' }),
  scoring: obj({
    basis: z
      .enum(BASIS_IDS as [string, ...string[]])
      .optional()
      .meta({ description: 'The scoring basis budget cost is reported on (default as-published); --basis overrides it' }),
    source: source.optional(),
    note: note.optional(),
  })
    .optional()
    .meta({ description: 'How budget cost is scored' }),
  assumptions: assumptions.optional().meta({ description: 'Named curves and defaults every mechanism can use' }),
  mechanisms: z.array(mechanism).min(1).meta({ description: 'The financing mechanisms, one per item' }),
  claims: z.array(claim).optional().meta({ description: 'What the source says, tested against the model' }),
  totals: z
    .array(declaredTotal)
    .optional()
    .meta({ description: 'Sums the author states; every command fails (exit 1) when the computed metric differs' }),
  assert: z
    .array(assertion)
    .optional()
    .meta({ description: "Conditions on results that every command enforces; an extending file adds to its base's list" }),
});

export type ScenarioInput = z.output<typeof scenarioSchema>;
export type MechanismInput = z.output<typeof mechanism>;
