// The JSON Schema editors use to complete and check scenario files (scenario.schema.json),
// generated from the zod schema so the two cannot disagree; never edit the JSON by hand.
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

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

/** The schema as a JSON value: draft-07, which the VS Code YAML extension implements. */
export function scenarioJsonSchema(): Json {
  // Shapes used more than once become definitions (the figure syntax is used ~60 times).
  const {
    $schema,
    definitions = {},
    ...strict
  } = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7', reused: 'ref' }) as Json;
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
    else: strict,
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
