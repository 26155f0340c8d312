// The JSON Schema editors use to complete and check scenario files (scenario.schema.json),
// generated from the zod schema so the two cannot disagree; never edit the JSON by hand.
import * as z from 'zod';
import { KINDS } from '../mechanisms/registry.js';
import { unshared } from '../kit/figures.js';
import { scenarioSchema } from './schema.js';

const KIND_TEXT = new Map<string, string>(KINDS.map((k) => [k.kind, `${k.title}: ${k.description}`]));

export const SCHEMA_ID = 'urn:compact-model:scenario';

type Json = Record<string, unknown>;

/** A file that `extends` another writes only what it changes: nothing is required in it. */
function relax(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relax);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'required' || k === 'minItems' || k === 'minLength') continue;
    // A patch on a mechanism may fit several kinds (`{ id: F-2, label: x }`): anyOf, not oneOf.
    out[k === 'oneOf' ? 'anyOf' : k] = relax(v);
  }
  // `key: ~` in a patch deletes the base's key: every property also takes null.
  if (out.properties && typeof out.properties === 'object')
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Json).map(([k, v]) => [k, { anyOf: [v, { type: 'null' }] }]),
    );
  return out;
}

/**
 * Every key's own description, for an editor's hover: zod writes an optional key as
 * `{ allOf: [{ $ref }] }`, whose description sits in the definition it points to; copied up
 * to the key (beside allOf, where draft-07 keeps it, unlike beside a bare $ref).
 */
function describeKeys(node: unknown, defs: Json): void {
  if (Array.isArray(node)) return node.forEach((n) => describeKeys(n, defs));
  if (node === null || typeof node !== 'object') return;
  const o = node as Json;
  if (o.properties && typeof o.properties === 'object') {
    const props = o.properties as Json;
    for (const [k, v] of Object.entries(props)) {
      const p = v as Json;
      // A mechanism's `kind`: what the kind is, from its module.
      const literal = constOf(p, defs, 0);
      if (k === 'kind' && literal !== undefined && KIND_TEXT.has(literal)) {
        props[k] = p.$ref
          ? { description: KIND_TEXT.get(literal), allOf: [{ $ref: p.$ref }] }
          : { ...p, description: KIND_TEXT.get(literal) };
        continue;
      }
      if (typeof p.description === 'string') continue;
      const d = descriptionOf(p, defs, 0);
      if (d === undefined) continue;
      props[k] = p.$ref ? { description: d, allOf: [{ $ref: p.$ref }] } : { description: d, ...p };
    }
  }
  for (const v of Object.values(o)) describeKeys(v, defs);
}

function constOf(n: Json, defs: Json, depth: number): string | undefined {
  if (depth > 20 || !n) return undefined;
  if (typeof n.const === 'string') return n.const;
  if (typeof n.$ref === 'string') return constOf(defs[n.$ref.replace('#/definitions/', '')] as Json, defs, depth + 1);
  return undefined;
}

function descriptionOf(n: Json, defs: Json, depth: number): string | undefined {
  if (depth > 20) return undefined;
  if (typeof n.description === 'string') return n.description;
  if (typeof n.$ref === 'string') return descriptionOf(defs[n.$ref.replace('#/definitions/', '')] as Json, defs, depth + 1);
  if (Array.isArray(n.allOf) && n.allOf.length === 1) return descriptionOf(n.allOf[0] as Json, defs, depth + 1);
  return undefined;
}

/** The schema as a JSON value: draft-07, which the VS Code YAML extension implements. */
export function scenarioJsonSchema(): Json {
  // Shapes used more than once become definitions (the figure syntax is used ~60 times).
  // Built afresh without validation's shared figures, which would each become one.
  const {
    $schema,
    definitions = {},
    ...strict
  } = z.toJSONSchema(unshared(scenarioSchema), { io: 'input', target: 'draft-7', reused: 'ref' }) as Json;
  describeKeys(strict, definitions as Json);
  describeKeys(definitions, definitions as Json);
  // The relaxed copy gets its own definitions, under a prefix, so the two never mix.
  const patch = JSON.parse(
    JSON.stringify(relax({ strict, definitions })).replaceAll('"#/definitions/', '"#/definitions/patch.'),
  ) as { strict: Json; definitions: Json };
  return {
    $schema,
    $id: SCHEMA_ID,
    title: 'compact-model scenario',
    description:
      'A financing scenario for compact-model (`compact-model run FILE`). Generated from the zod schema by `compact-model schema`; do not edit.',
    if: { required: ['extends'] },
    then: patch.strict,
    // A whole file names who commits money under either name (zod checks the same).
    else: { ...(strict as Json), anyOf: [{ required: ['sponsors'] }, { required: ['governments'] }] },
    definitions: {
      ...(definitions as Json),
      ...Object.fromEntries(Object.entries(patch.definitions).map(([k, v]) => [`patch.${k}`, v])),
    },
  };
}

/** The file's text: what `compact-model schema` prints and scenario.schema.json holds. */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
