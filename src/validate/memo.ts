// Validation that reuses what it already knows: an item of `mechanisms`, `claims`, `totals`
// or `sources` that is the very node validated before (a Loader shares a parent's parsed,
// unchanged items with every file extending it) is not validated again. Only for input
// that is valid: on any issue validate.ts runs the whole schema, so diagnostics are the
// same as ever. The items' outputs are immutable values (Dec, strings, plain objects no
// stage writes to), so sharing them between scenarios is safe.
import * as z from 'zod';
import { exactJson } from '../core/cache.js';
import { type LMap, type LNode, toPlain } from '../read/tree.js';
import { once } from '../kit/figures.js';
import { isSchemaBuilt, keySchema, kindSchema, scenarioSchema, type ScenarioInput } from './schema.js';
import type { SavedParts, SchemaFacts } from './saved.js';

const LISTS = ['mechanisms', 'claims', 'totals', 'sources'] as const;
type List = (typeof LISTS)[number];

/** The schema's keys and items, read from it when first needed (it is built on first use). */
const schemaParts = once(() => {
  const shape = scenarioSchema().shape as Record<string, z.ZodType>;
  const KEYS = Object.keys(shape);
  const ITEMS = Object.fromEntries(LISTS.map((k) => [k, elementOf(shape[k]!)])) as Record<List, z.ZodType>;
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

/**
 * The validated scenario, or undefined when anything is off (the caller then validates in
 * full). `saved`: parts validated by earlier runs (validate/saved.ts), by their plain value;
 * when every part is there, the schema is not built at all.
 */
export function validateValid(tree: LMap, saved?: SavedParts): ScenarioInput | undefined {
  const facts = saved?.schemaFacts() ?? schemaFacts();
  const got = new Map<string, unknown>();
  for (const e of tree.entries) {
    if (!facts.keys.includes(e.key) || got.has(e.key)) return undefined;
    const v = entryValue(e.key, e.value, saved);
    if (v === INVALID) return undefined;
    got.set(e.key, v.value);
  }
  if (facts.required.some((k) => !got.has(k))) return undefined;
  // In the schema's key order, as zod builds it.
  const out: Record<string, unknown> = {};
  for (const k of facts.keys) if (got.has(k)) out[k] = got.get(k);
  return out as ScenarioInput;
}

const schemaFacts = once((): SchemaFacts => ({ keys: schemaParts().KEYS, required: schemaParts().REQUIRED }));

const INVALID = Symbol('invalid');

/** One top-level value validated: by the very node seen before, a saved part, or its schema. */
function entryValue(key: string, node: LNode, saved: SavedParts | undefined): { value: unknown } | typeof INVALID {
  if (saved === undefined) {
    const memo = schemaParts().seen.get(key)!;
    const v = memo.get(node);
    if (v !== undefined) return { value: v };
  }
  let v: unknown;
  if ((LISTS as readonly string[]).includes(key) && node.kind === 'seq') {
    const k = key as List;
    if (!LIST_SHELL[k].safeParse(node.items).success) return INVALID;
    const items: unknown[] = [];
    for (const item of node.items) {
      // With saved parts, every item goes through them, so the file's parts stay whole.
      let iv = saved ? undefined : seenItem[k].get(item);
      if (iv === undefined) {
        const r = part(`${k}[]`, item, (plain) => itemSchema(k, plain, saved), saved);
        if (r === INVALID) return INVALID;
        iv = r.value;
        if (iv !== undefined && !saved) seenItem[k].set(item, iv);
      }
      items.push(iv);
    }
    v = items;
  } else {
    const r = part(key, node, () => (saved ? keySchema(key)! : schemaParts().shape[key]!), saved);
    if (r === INVALID) return INVALID;
    v = r.value;
  }
  // A value that validates to undefined is not remembered (undefined means "not seen").
  if (v !== undefined && saved === undefined) schemaParts().seen.get(key)!.set(node, v);
  return { value: v };
}

/**
 * The schema of an item of list `k`: the whole schema's once built (or without saved parts);
 * else made alone: a mechanism's by its kind (the branch the union would take), or the list's.
 */
function itemSchema(k: List, plain: unknown, saved: SavedParts | undefined): z.ZodType {
  if (!saved || isSchemaBuilt()) return schemaParts().ITEMS[k];
  if (k === 'mechanisms') {
    const kind = plain !== null && typeof plain === 'object' ? (plain as { kind?: unknown }).kind : undefined;
    return kindSchema(kind) ?? schemaParts().ITEMS[k];
  }
  return elementOf(keySchema(k)!);
}

/** The items' schema of a list schema: z.array(X).min(1).meta(...), or .optional() around it. */
function elementOf(s: z.ZodType): z.ZodType {
  if (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return (s as z.ZodArray<z.ZodType>).element;
}

/**
 * zod compiles a parser (new Function) for each object schema the first time it parses with
 * it, which pays back only over many parses: a process that validates a scenario or a few
 * (`run`, the first run of anything) parses without; one that validates many (`check` of a
 * folder) compiles after the first parts. The same output either way.
 */
let parses = 0;
const JIT_AFTER = 256;
const parseOptions = () => (++parses > JIT_AFTER ? undefined : { jitless: true });

/** Parts validated without a saved form so far, and how many may have a schema made alone. */
let unsaved = 0;
const ALONE_AT_MOST = 3;

/** A part validated, from the saved parts when it is there (then the schema is not built). */
function part(
  name: string,
  node: LNode,
  schema: (plain: unknown) => z.ZodType,
  saved: SavedParts | undefined,
): { value: unknown } | typeof INVALID {
  const plain = toPlain(node);
  const id = saved?.id(name, plain);
  const hit = id === undefined ? undefined : saved!.get(id);
  if (hit) return hit;
  // Without saved parts, by the plain value within this process (check's variants repeat
  // one patched item of their base, each a new node).
  const key = saved ? undefined : exactJson(plain);
  const known = key === undefined ? undefined : byPlain.get(name)?.get(key);
  if (known !== undefined) return { value: known };
  // A piece made alone costs a share of the whole schema: past a few, build the whole once.
  if (saved && ++unsaved > ALONE_AT_MOST) scenarioSchema();
  const r = schema(plain).safeParse(plain, parseOptions());
  if (!r.success) return INVALID;
  if (id !== undefined) saved!.put(id, r.data, schemaFacts);
  if (key !== undefined && r.data !== undefined) remember(name, key, r.data);
  return { value: r.data };
}

/**
 * Valid parts' outputs by part name and exact JSON of their plain value. JSON types only
 * (toPlain), numbers JSON does not keep excluded, so one key is one input, and zod's output
 * for one input is one value. Bounded, as a library's process may live long.
 */
const byPlain = new Map<string, Map<string, unknown>>();
let remembered = 0;
const REMEMBER_AT_MOST = 4096;

function remember(name: string, key: string, value: unknown): void {
  if (++remembered > REMEMBER_AT_MOST) {
    byPlain.clear();
    remembered = 1;
  }
  let m = byPlain.get(name);
  if (!m) byPlain.set(name, (m = new Map()));
  m.set(key, value);
}
