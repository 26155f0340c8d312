// Validated scenarios saved between runs: what zod made of a merged tree, keyed by the
// build of the tool and the tree itself (every value and location of every file of the
// chain), so a start on unchanged files skips building the schema and validating. Only a
// form that reads back exactly is saved: plain objects and lists (shared ones as one),
// text, finite numbers, true, false, null, undefined and exact decimals; anything else
// is validated every time. A missing, corrupt or unwritable entry is ignored.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exactJson, writeCappedCacheFile } from '../core/cache.js';
import { Dec } from '../core/money.js';
import type { LMap } from '../read/tree.js';
import type { ScenarioInput } from './schema.js';

/** Entries kept; past this the folder is emptied and starts again. */
const MAX_ENTRIES = 256;

export class SavedInputs {
  private readonly dir: string;
  constructor(
    cacheDir: string,
    private readonly build: string,
  ) {
    this.dir = join(cacheDir, 'inputs');
  }

  /**
   * The entry's name: the build and the merged tree, every value and location; undefined
   * for a tree holding a number JSON does not keep (-0, infinities), never saved.
   */
  key(tree: LMap): string | undefined {
    const json = exactJson(tree);
    return json === undefined ? undefined : createHash('sha256').update(`${this.build}\0`).update(json).digest('hex');
  }

  get(key: string): ScenarioInput | undefined {
    try {
      return decode(JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8'))) as ScenarioInput;
    } catch {
      return undefined;
    }
  }

  put(key: string, input: ScenarioInput): void {
    const saved = encode(input);
    if (saved === UNSAVABLE) return;
    writeCappedCacheFile(this.dir, `${key}.json`, JSON.stringify(saved), MAX_ENTRIES);
  }
}

const UNSAVABLE = Symbol('unsavable');

/**
 * JSON in which every list is tagged, so nothing a user wrote can pass for a tag:
 * ['a', ...items], ['o', {key: value}], ['d', exact decimal], ['u'] (undefined), and
 * ['r', n] for the n-th list or object met before (validation shares some: a claim's
 * tolerance is each of its tests' too), which reads back as that same object.
 */
export function encode(v: unknown, seen = new Map<object, number>()): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : UNSAVABLE;
  if (v === undefined) return ['u'];
  if (v instanceof Dec) return ['d', v.exact()];
  if (typeof v !== 'object') return UNSAVABLE;
  const n = seen.get(v);
  if (n !== undefined) return ['r', n];
  seen.set(v, seen.size);
  if (Array.isArray(v)) {
    const out: unknown[] = ['a'];
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return UNSAVABLE; // a hole reads back as undefined
      const x = encode(v[i], seen);
      if (x === UNSAVABLE) return UNSAVABLE;
      out.push(x);
    }
    return out;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype || Object.getOwnPropertySymbols(v).length) return UNSAVABLE;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = encode((v as Record<string, unknown>)[k], seen);
    if (x === UNSAVABLE) return UNSAVABLE;
    setOwn(out, k, x);
  }
  return ['o', out];
}

/** o[k] = v, where a key named __proto__ (JSON.parse makes it an own key) stays a key, never the prototype. */
function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** The value `encode` saved, objects met twice read back as one. */
export function decode(v: unknown, made: object[] = []): unknown {
  if (!Array.isArray(v)) return v;
  switch (v[0]) {
    case 'a': {
      const out: unknown[] = [];
      made.push(out);
      for (let i = 1; i < v.length; i++) out.push(decode(v[i], made));
      return out;
    }
    case 'o': {
      const out: Record<string, unknown> = {};
      made.push(out);
      for (const [k, x] of Object.entries(v[1] as Record<string, unknown>)) setOwn(out, k, decode(x, made));
      return out;
    }
    case 'r': {
      const o = made[v[1] as number];
      if (o === undefined) throw new Error('not a saved input');
      return o;
    }
    case 'u':
      return undefined;
    case 'd':
      return Dec.of(String(v[1]));
  }
  throw new Error('not a saved input');
}
