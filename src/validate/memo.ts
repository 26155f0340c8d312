// Validation that reuses what it already knows: an item of `mechanisms`, `claims`, `totals`
// or `sources` that is the very node validated before (a Loader shares a parent's parsed,
// unchanged items with every file extending it) is not validated again. Only for input
// that is valid: on any issue validate.ts runs the whole schema, so diagnostics are the
// same as ever. The items' outputs are immutable values (Dec, strings, plain objects no
// stage writes to), so sharing them between scenarios is safe.
import * as z from 'zod';
import { type LMap, type LNode, toPlain } from '../read/tree.js';
import { once } from '../kit/figures.js';
import { scenarioSchema, type ScenarioInput } from './schema.js';

const LISTS = ['mechanisms', 'claims', 'totals', 'sources'] as const;
type List = (typeof LISTS)[number];

/** The schema's keys and items, read from it when first needed (it is built on first use). */
const schemaParts = once(() => {
  const shape = scenarioSchema().shape as Record<string, z.ZodType>;
  const KEYS = Object.keys(shape);
  const itemSchema = (k: List): z.ZodType => {
    // z.array(X).min(1).meta(...), or .optional() around it
    let s = shape[k]!;
    if (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    return (s as z.ZodArray<z.ZodType>).element;
  };
  const ITEMS = Object.fromEntries(LISTS.map((k) => [k, itemSchema(k)])) as Record<List, z.ZodType>;
  /** Keys the scenario must have. */
  const REQUIRED = KEYS.filter((k) => !shape[k]!.safeParse(undefined).success);
  /** Validated values by the very node they came from, per key. */
  const seen = new Map<string, WeakMap<LNode, unknown>>(KEYS.map((k) => [k, new WeakMap()]));
  return { shape, KEYS, ITEMS, REQUIRED, seen };
});
/** Each list as a list, its items taken as they come (they are checked one by one). */
const LIST_SHELL: Record<List, z.ZodType> = {
  mechanisms: z.array(z.unknown()).min(1),
  claims: z.array(z.unknown()),
  totals: z.array(z.unknown()),
  sources: z.array(z.unknown()),
};

/** Validated values by the very node they came from, per list item. */
const seenItem: Record<List, WeakMap<LNode, unknown>> = {
  mechanisms: new WeakMap(),
  claims: new WeakMap(),
  totals: new WeakMap(),
  sources: new WeakMap(),
};

/** The validated scenario, or undefined when anything is off (the caller then validates in full). */
export function validateValid(tree: LMap): ScenarioInput | undefined {
  const { shape, KEYS, ITEMS, REQUIRED, seen } = schemaParts();
  const got = new Map<string, unknown>();
  for (const e of tree.entries) {
    const memo = seen.get(e.key);
    if (!memo || got.has(e.key)) return undefined;
    let v = memo.get(e.value);
    if (v === undefined) {
      if ((LISTS as readonly string[]).includes(e.key) && e.value.kind === 'seq') {
        const k = e.key as List;
        if (!LIST_SHELL[k].safeParse(e.value.items).success) return undefined;
        const items: unknown[] = [];
        for (const item of e.value.items) {
          let iv = seenItem[k].get(item);
          if (iv === undefined) {
            const r = ITEMS[k].safeParse(toPlain(item));
            if (!r.success) return undefined;
            seenItem[k].set(item, (iv = r.data));
          }
          items.push(iv);
        }
        v = items;
      } else {
        const r = shape[e.key]!.safeParse(toPlain(e.value));
        if (!r.success) return undefined;
        v = r.data;
      }
      // A value that validates to undefined is not remembered (undefined means "not seen").
      if (v !== undefined) memo.set(e.value, v);
    }
    got.set(e.key, v);
  }
  if (REQUIRED.some((k) => !got.has(k))) return undefined;
  // In the schema's key order, as zod builds it.
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if (got.has(k)) out[k] = got.get(k);
  return out as ScenarioInput;
}
