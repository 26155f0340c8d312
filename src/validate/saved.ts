// Validated scenarios saved between runs, part by part: what zod made of each top-level
// value of a merged tree (and of each item of its lists), keyed by the build of the tool,
// the key and the value itself (its plain form, as validation sees it). Validation of a
// valid tree is per key and per list item (validate/memo.ts), so a file edited in one place
// re-validates that place only, and a start where every part is saved skips building the
// schema. One file per scenario file (its chain of display names) holds the parts of its
// last validated tree; a part is used only when its key matches, so which file holds it
// never matters. Only a form that reads back exactly is saved: plain objects and lists
// (shared ones as one), text, finite numbers, true, false, null, undefined and exact
// decimals; anything else is validated every time. A missing, corrupt or unwritable entry
// is ignored.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exactJson, writeCappedCacheFile } from '../core/cache.js';
import { Dec } from '../core/money.js';

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

  /** The saved parts of the scenario whose chain of files is `chain` (display names, the file itself first). */
  parts(chain: readonly string[]): SavedParts {
    const name = `${createHash('sha256')
      .update(`${this.build}\0${chain.join('\0')}`)
      .digest('hex')}.json`;
    return new SavedParts(this.dir, name, this.build);
  }
}

/** The schema's keys in order and the required ones: the same for every tree of one build. */
export interface SchemaFacts {
  keys: string[];
  required: string[];
}

/** A validated value, or none saved. */
export type Found = { value: unknown } | undefined;

export class SavedParts {
  private old: Record<string, unknown> | undefined;
  private readonly now = new Map<string, unknown>();
  private facts: SchemaFacts | undefined;
  private fresh = false;
  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly build: string,
  ) {}

  private read(): Record<string, unknown> {
    if (this.old) return this.old;
    this.old = Object.create(null) as Record<string, unknown>;
    try {
      const o = JSON.parse(readFileSync(join(this.dir, this.name), 'utf8')) as unknown;
      if (o && typeof o === 'object' && !Array.isArray(o)) {
        const { build, facts, parts } = o as { build?: unknown; facts?: unknown; parts?: unknown };
        if (build === this.build && isFacts(facts) && parts && typeof parts === 'object' && !Array.isArray(parts)) {
          this.facts = facts;
          for (const [k, v] of Object.entries(parts)) this.old[k] = v;
        }
      }
    } catch {
      /* none saved, or unreadable: validated as usual */
    }
    return this.old;
  }

  /** The schema's keys, when a run of this build saved them. */
  schemaFacts(): SchemaFacts | undefined {
    this.read();
    return this.facts;
  }

  /**
   * A part's name: the build, the part (a top-level key, or `key[]` for an item of a list)
   * and its plain value; undefined for a value holding a number JSON does not keep.
   */
  id(part: string, plain: unknown): string | undefined {
    const json = exactJson(plain);
    return json === undefined ? undefined : createHash('sha256').update(`${this.build}\0${part}\0`).update(json).digest('hex');
  }

  get(id: string): Found {
    const saved = this.read()[id];
    if (saved === undefined) return undefined;
    try {
      const value = decode(saved);
      this.now.set(id, saved);
      return { value };
    } catch {
      return undefined;
    }
  }

  /** `facts`: the schema's, asked only when no saved ones were read (asking builds the schema). */
  put(id: string, value: unknown, facts: () => SchemaFacts): void {
    this.read();
    this.facts ??= facts();
    const saved = encode(value);
    if (saved === UNSAVABLE) return;
    this.now.set(id, saved);
    this.fresh = true;
  }

  /** Writes the parts this tree used, when any was new or an old one is no longer used. */
  save(): void {
    const old = this.read();
    if (!this.facts) return;
    if (!this.fresh && Object.keys(old).length === this.now.size) return;
    const parts: Record<string, unknown> = {};
    for (const [k, v] of this.now) parts[k] = v;
    writeCappedCacheFile(this.dir, this.name, JSON.stringify({ build: this.build, facts: this.facts, parts }), MAX_ENTRIES);
  }
}

function isFacts(f: unknown): f is SchemaFacts {
  const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
  return !!f && typeof f === 'object' && strings((f as SchemaFacts).keys) && strings((f as SchemaFacts).required);
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
