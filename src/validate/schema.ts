// The scenario format as written (zod): structure and value syntax, with figures parsed
// to typed values. Rules that need the whole scenario (years in the horizon, known
// governments and names, shares that sum to 100%) live in normalize. Each mechanism
// kind's schema comes from its module; the JSON Schema for editors is generated from this.
import * as z from 'zod';
import { parseFigure, type Ranged } from '../core/amount.js';
import { M } from '../core/messages.js';
import { KINDS } from '../mechanisms/registry.js';
import { BASIS_IDS, SPONSOR_BASES, SPONSOR_TYPES } from '../model/bases.js';
import { unitOfText } from '../model/paths.js';
import { assumptions } from '../kit/assumptions.js';
import { correlations } from './correlations.js';
import { fiscalYearSchema } from '../kit/fiscal.js';
import { alone, figure, itemId, keeping, obj, once, parts, perGov, removeItem, sourced } from '../kit/figures.js';

export { SHAPES } from '../kit/figures.js';

export const MECHANISM_KINDS = KINDS.map((k) => k.kind);

/** What normalize reads of every mechanism; the rest is its kind module's. */
export interface MechanismCommon {
  id: string;
  kind: string;
  label?: string;
  source?: string;
  within?: string;
}

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
  // A measure's unit is its expression's, not known before normalizing: a figure written as a
  // ratio or a share ("1.5x", "35%") is read as one, any other as an amount.
  const ratioMeasure = /^measure\.[^+\s]+$/.test(metric.trim()) && typeof raw === 'string' && /(?:[xX×%]|:1)\s*$/.test(raw);
  const r = parseFigure(raw, unit === 'amount' && !ratioMeasure ? 'amount' : 'ratio');
  if (!r.ok) return { ok: false, message: `${M.publishedUnit(String(raw), unit)}: ${r.message}`, hint: r.hint };
  return { ok: true, value: r.value };
}

type ClaimTestInput = {
  metric: string;
  published: number | string;
  comparison?: 'approx' | 'atLeast' | 'atMost';
  tolerance?: unknown;
};

/** A claim's tests: one per government of `each` (or the one), then `also:`; with where each is written and a label. */
function claimTests(c: ClaimTestInput & { each?: string[]; also?: ClaimTestInput[] }): [ClaimTestInput, PropertyKey[], string][] {
  const own: [ClaimTestInput, PropertyKey[], string][] = c.each
    ? c.each.map((g) => [{ ...c, metric: c.metric.replaceAll('{gov}', g) }, ['published'], g])
    : [[c, ['published'], '']];
  return [
    ...own,
    ...(c.also ?? []).map((t, i): [ClaimTestInput, PropertyKey[], string] => [t, ['also', i, 'published'], t.metric]),
  ];
}

export type { AssumptionsInput } from '../kit/assumptions.js';

/** `claims:` items: a sentence of the source and its tests (`each`, `also:`). */
function claimSchema() {
  const { note, source } = parts();
  const comparison = z
    .enum(['approx', 'atLeast', 'atMost'])
    .optional()
    .meta({ description: 'approx (default: within the tolerance), atLeast ("over $10B") or atMost' });

  /** One more test of the same sentence (`also:`). */
  const claimTest = obj({
    metric: z.string().meta({ description: 'A metric path, or paths joined by +' }),
    published: z.union([z.number(), z.string()]).meta({ description: 'The figure the sentence states for it' }),
    comparison,
    tolerance: figure('rate').optional().meta({ description: 'How far an approx test may be off and still hold' }),
  });

  const claim = obj({
    id: itemId('claim'),
    text: z.string().optional().meta({ description: 'The sentence of the source document, quoted' }),
    metric: z.string().meta({
      description:
        'A metric path such as budgetCost.US.perYear or headlineMobilization; several may be added with +; {gov} stands for each government of `each`',
    }),
    published: z
      .union([z.number(), z.string()])
      .meta({ description: 'The figure the source states: an amount, a ratio, or a range' }),
    comparison,
    tolerance: figure('rate').optional().meta({ description: 'How far an approx claim may be off and still hold, e.g. 10%' }),
    each: z.array(z.string()).min(1).optional().meta({
      description:
        'Test the sentence once per government ("per side"): {gov} in `metric` is each code in turn; it holds when every test holds',
    }),
    also: z.array(claimTest).optional().meta({
      description: 'Further tests of the same sentence (e.g. its "(~$1B/year combined)"); the claim holds when all hold',
    }),
    when: z.string().optional().meta({
      description: 'The key of an event (a study, a gate): the claim is tested only when it holds ("if confirmed viable")',
    }),
    identity: z.boolean().optional().meta({
      description:
        'True when the claim holds by construction of the scenario (its inputs were read from the same sentence): shown as an identity, not counted among the claims that hold',
    }),
    source: source.optional(),
    note: note.optional(),
    remove: removeItem('claim').optional(),
  })
    .superRefine((c, ctx) => {
      for (const [t, path] of claimTests(c)) {
        const r = figureFor(t.metric.split('+')[0]!.trim(), t.published);
        if (!r.ok) ctx.addIssue({ code: 'custom', path, message: r.message, params: { hint: r.hint, code: 'invalid-figure' } });
      }
    })
    .transform((c) => ({
      ...c,
      tests: claimTests(c).map(([t, , label]) => {
        const r = figureFor(t.metric.split('+')[0]!.trim(), t.published);
        return {
          label,
          metric: t.metric,
          terms: t.metric.split('+').map((x) => x.trim()),
          published: r.ok ? r.value : false,
          publishedText: String(t.published),
          comparison: t.comparison,
          tolerance: t.tolerance,
        };
      }),
    }));
  return claim;
}

/** The list items of `measures:`, `assert:`, `totals:` and the `governments:` map (built in this order: SHAPES). */
function itemSchemas() {
  const { currency, note, source } = parts();
  /** `measures:` sums the plan itself names (e.g. a report's own headline construct), usable as measure.ID. */
  const measure = obj({
    id: itemId('measure'),
    label: z.string().meta({ description: 'How tables name it' }),
    sum: z.string().meta({
      description:
        'An expression: metric paths, numbers, + - * / and parentheses, e.g. publicCommitment.total.F-1 + privateMobilized.total.F-4',
    }),
    source: source.optional(),
    note: note.optional(),
    remove: removeItem('measure').optional(),
  });

  /** `assert:` items: an expression, or a mapping with an id so an extending file can replace or remove it. */
  const assertion = z.union([
    z.string().meta({ description: 'METRIC OP VALUE, e.g. budgetCost.US <= 5B (a bare number is USD millions)' }),
    obj({
      id: itemId('assertion').optional(),
      that: z.string().meta({ description: 'METRIC OP VALUE, e.g. floor.US.appropriated.met == true' }),
      case: z
        .enum(['low', 'base', 'high'])
        .optional()
        .meta({ description: 'Which end of every range to evaluate (default base)' }),
      source: source.optional(),
      note: note.optional(),
      remove: removeItem('assertion').optional(),
    }),
  ]);

  /** `totals:` the file author's own statement of a sum, checked against the computed metric. */
  const declaredTotal = obj({
    id: itemId('total'),
    metric: z.string().meta({ description: 'A metric path such as budgetCost.US or publicCommitment.total.F-2' }),
    value: z.union([z.number(), z.string()]).meta({ description: 'The sum as written: 4.375B, 4375M' }),
    tolerance: z
      .union([z.number(), z.string()])
      .optional()
      .meta({ description: 'Allowed difference: a share (0.5%) or an amount (1M); default 0' }),
    case: z.enum(['low', 'base', 'high']).optional().meta({ description: 'Which end of every range to sum (default base)' }),
    source: source.optional(),
    note: note.optional(),
    remove: removeItem('total').optional(),
  });

  const government = obj({
    name: z.string().optional().meta({ description: 'Its name in reports' }),
    currency: currency
      .optional()
      .meta({ description: "The currency its own tables are shown in (default the plan's); needs an exchange rate" }),
    type: z.enum(SPONSOR_TYPES).optional().meta({
      description:
        'What kind of sponsor: government (default), multilateral (the EU), bank (the EIB: own balance sheet) or private',
    }),
    // Checked where the sponsor is read (kit/context.ts), so an unknown one is reported with its other mistakes.
    basis: z
      .string()
      .optional()
      .meta({
        enum: [...SPONSOR_BASES],
        description:
          'Its budget concept: federal (the U.S. federal government: USD, governments only), cash (another government: a payment is spending when paid), provisioning (cash books; a guarantee costs its provisioning) or none (own balance sheet: no budget cost; the default for banks and private sponsors)',
      }),
    fiscalYear: fiscalYearSchema().optional(),
    source: source.optional(),
    note: note.optional(),
  });
  return { measure, assertion, declaredTotal, government };
}

/** The kinds' schemas, told apart by `kind` (a did-you-mean for an unknown one in validate.ts). */
const mechanismUnion = once(
  () =>
    // Each kind has its title and description in an editor (hover, completion).
    z.discriminatedUnion(
      'kind',
      KINDS.map((k) => k.schema().meta({ title: k.title, description: k.description })) as unknown as [
        z.ZodObject,
        ...z.ZodObject[],
      ],
    ) as unknown as z.ZodType<MechanismCommon, unknown>,
);
const claim = once(claimSchema);
const items = once(itemSchemas);

/**
 * Each top-level key's schema, made on call: by the whole schema (below, in this order), or
 * alone for one part (validate/memo.ts, through `alone`: nothing of it kept or registered).
 */
const TOP = {
  extends: () => z.string().optional().meta({ description: 'Path of a scenario this one patches (relative to this file)' }),
  name: () => z.string().min(1).meta({ description: "The scenario's name in reports" }),
  description: () => z.string().optional().meta({ description: 'What the scenario models, for readers of reports' }),
  sources: () =>
    z
      .array(
        obj({
          id: z.string().optional().meta({ description: 'A short name for the document, e.g. compact' }),
          title: z.string().meta({ description: 'The title of the document, as a reader would search for it' }),
          publisher: z.string().optional().meta({ description: 'Who published it, e.g. a research institute' }),
          date: z.union([z.string(), z.number()]).optional().meta({ description: 'When it was published, e.g. 2026-06' }),
          file: z.string().optional().meta({
            description:
              'A local copy (relative to this scenario file); when present, explain shows the line a citation such as l.581 names',
          }),
          url: z.string().optional().meta({ description: 'Where to find it online' }),
          note: parts().note.optional(),
        }),
      )
      .optional()
      .meta({
        description: 'The documents cited: a citation such as "l.581" in a source: refers to a line of the first one',
      }),
  currency: () =>
    parts().currency.optional().meta({
      description: 'The currency every amount is written and reported in, an ISO 4217 code (default USD)',
    }),
  exchangeRates: () =>
    z.record(parts().currency, sourced('ratio')).optional().meta({
      description:
        "Units of another currency per one unit of the plan's (ILS: 3.7), for amounts written in it; a cited figure, a range is simulated",
    }),
  fiscalYear: () => fiscalYearSchema().optional(),
  horizon: () =>
    obj({
      start: parts().year.meta({ description: 'The first fiscal year, e.g. FY2027' }),
      years: z.number().int().min(1).max(200).meta({ description: 'Number of fiscal years modeled' }),
      source: parts().source.optional(),
    }).meta({ description: 'The fiscal years modeled: every amount, window and test runs over them' }),
  sponsors: () =>
    z
      .union([z.array(parts().govCode).min(1), z.record(parts().govCode, items().government)])
      .optional()
      .meta({
        description:
          'Who commits the money (governments, multilaterals, banks), by a code of 2-8 capital letters or digits; `governments:` is the same list by its older name',
      }),
  governments: () =>
    z
      .union([z.array(parts().govCode).min(1), z.record(parts().govCode, items().government)])
      .optional()
      .meta({ description: 'The sponsors, by their older name (same as `sponsors:`; write one of the two)' }),
  targets: () =>
    obj({
      floor: sourced('amount').optional().meta({ description: 'Minimum public funding per government per year' }),
      mobilization: sourced('amount').optional().meta({ description: 'Total mobilization target over the horizon' }),
      headlineIncludesFollowOn: z
        .boolean()
        .optional()
        .meta({ description: 'Count grant follow-on private funding in headline mobilization (default false)' }),
      tests: z
        .array(
          obj({
            id: itemId('target test'),
            that: z.string().meta({
              description:
                'EXPRESSION OP VALUE (>=, <=, >, <, ==), e.g. headlineMobilization.total / publicCommitment.total >= 15x',
            }),
            text: z.string().optional().meta({ description: 'The promise in the words of the source' }),
            source: parts().source.optional(),
            basis: z
              .enum(BASIS_IDS as [string, ...string[]])
              .optional()
              .meta({ description: "The scoring basis its verdict is on (default the scenario's)" }),
            case: z.enum(['low', 'base', 'high']).optional().meta({ description: 'Which end of every range (default base)' }),
            note: parts().note.optional(),
          }),
        )
        .optional()
        .meta({ description: 'Any test the plan states; a miss is a verdict (NOT MET), not an error' }),
    })
      .optional()
      .meta({
        description: 'What the plan promises: a floor per government and year, a mobilization target, any other test',
      }),
  scoring: () =>
    obj({
      basis: z
        .enum(BASIS_IDS as [string, ...string[]])
        .optional()
        .meta({ description: 'The scoring basis budget cost is reported on (default as-published); --basis overrides it' }),
      source: parts().source.optional(),
      note: parts().note.optional(),
      enacted: parts().year.optional().meta({
        description:
          "The fiscal year the plan's law is enacted: its first year's flows land there and the rest follow (default: the horizon's first year); a cost estimate states it",
      }),
      enactedSource: parts().source.optional().meta({ description: 'Where the enactment year comes from' }),
      administrativeCosts: perGov(sourced('amount')).optional().meta({
        description:
          'Administrative costs per government per year (subject to appropriation), shown in the cost estimate; without a source, a warning',
      }),
    })
      .optional()
      .meta({ description: 'How budget cost is scored' }),
  assumptions: () => assumptions().optional().meta({ description: 'Named curves and defaults every mechanism can use' }),
  mechanisms: () => z.array(mechanismUnion()).min(1).meta({ description: 'The financing mechanisms, one per item' }),
  measures: () =>
    z.array(items().measure).optional().meta({
      description:
        "Sums the plan itself states (its own headline construct), shown beside the tool's metrics and usable as measure.ID",
    }),
  claims: () => z.array(claim()).optional().meta({ description: 'What the source says, tested against the model' }),
  totals: () =>
    z
      .array(items().declaredTotal)
      .optional()
      .meta({ description: 'Sums the author states; every command fails (exit 1) when the computed metric differs' }),
  correlations: () => correlations().optional(),
  assert: () =>
    z
      .array(items().assertion)
      .optional()
      .meta({ description: "Conditions on results that every command enforces; an extending file adds to its base's list" }),
};

/** Calls every builder of `t`, in order. */
function callAll<T extends Record<string, () => z.ZodType>>(t: T): { [K in keyof T]: ReturnType<T[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [k, f] of Object.entries(t)) out[k] = f();
  return out as { [K in keyof T]: ReturnType<T[K]> };
}

/**
 * The scenario format (zod), built on first use: a start whose scenario is saved validated
 * (validate/saved.ts), or that validates nothing, never builds it. The parts are built in
 * the order the modules that hold them used to load (figures, the kinds by name, assumptions,
 * correlations, then this file's): the order of SHAPES, so of the keys a hint lists.
 */
export const scenarioSchema = once(() => {
  parts();
  for (const k of [...KINDS].sort((x, y) => (x.kind < y.kind ? -1 : 1))) k.schema();
  assumptions();
  correlations();
  mechanismUnion();
  claim();
  items();
  const schema = obj(callAll(TOP));
  // Not when built for the JSON Schema alone (kit/figures.ts `unshared`).
  if (keeping()) built = true;
  return schema;
});
let built = false;

/** Whether the whole schema has been built (then every piece comes from it). */
export function isSchemaBuilt(): boolean {
  return built;
}

/** The schema of one top-level key: the whole schema's once built, else made alone. */
export function keySchema(key: string): z.ZodType | undefined {
  if (built) return (scenarioSchema().shape as Record<string, z.ZodType>)[key];
  const make = (TOP as Record<string, () => z.ZodType>)[key];
  return make && alone(make);
}

/** The schema of one mechanism of kind `kind` (the union's branch for it), or undefined for no such kind. */
export function kindSchema(kind: unknown): z.ZodType | undefined {
  const k = KINDS.find((x) => x.kind === kind);
  if (!k) return undefined;
  return built ? k.schema() : alone(() => k.schema());
}

export type ScenarioInput = z.output<ReturnType<typeof scenarioSchema>>;
export type MechanismInput = MechanismCommon;
