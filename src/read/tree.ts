// A YAML document as a plain tree that remembers where every key and value was written
// (file, line, column), so later stages can point at the user's text. Extends-merging
// works on this tree, so positions survive into overriding files.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { Diagnostics, type Loc } from '../core/diagnostics.js';
import { M } from '../core/messages.js';

export type Scalar = string | number | boolean | null;
export interface LScalar { kind: 'scalar'; value: Scalar; loc: Loc }
export interface LSeq { kind: 'seq'; items: LNode[]; loc: Loc }
export interface LEntry { key: string; keyLoc: Loc; value: LNode }
export interface LMap { kind: 'map'; entries: LEntry[]; loc: Loc }
export type LNode = LScalar | LSeq | LMap;

/** Limits that keep a hostile file from costing unbounded time or memory. */
export const LIMITS = { maxDepth: 64, maxNodes: 200_000 };

export function getEntry(m: LMap, key: string): LEntry | undefined {
  return m.entries.find((e) => e.key === key);
}

/** Plain JS value of a tree, for schema validation (prototype-free objects). */
export function toPlain(n: LNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toPlain);
  const o: Record<string, unknown> = Object.create(null);
  for (const e of n.entries) o[e.key] = toPlain(e.value);
  return o;
}

/** The node at a path of keys and indices, and the location best describing it. */
export function locate(root: LNode, path: readonly PropertyKey[], wantKey = false): Loc {
  let n: LNode = root;
  let loc = root.loc;
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (n.kind === 'map') {
      const e = getEntry(n, String(p));
      if (!e) return loc;
      loc = wantKey && i === path.length - 1 ? e.keyLoc : e.value.loc;
      n = e.value;
    } else if (n.kind === 'seq' && typeof p === 'number' && n.items[p]) {
      n = n.items[p]!;
      loc = n.loc;
    } else return loc;
  }
  return loc;
}

/** Parses YAML text into a located tree; syntax problems become diagnostics. */
export function parseTree(text: string, file: string, diags: Diagnostics): LNode | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, merge: true });
  const at = (offset: number, length = 1): Loc => {
    const p = lc.linePos(offset);
    return { file, line: p.line, col: p.col, length: Math.max(1, length) };
  };
  let syntax = false;
  for (const e of doc.errors) {
    syntax = true;
    const code = e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
    const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    diags.error(code, code === 'duplicate-key' ? M.duplicateKey(msg) : M.yamlSyntax(msg), at(e.pos[0], e.pos[1] - e.pos[0]),
      code === 'duplicate-key' ? M.duplicateKeyHint : M.yamlSyntaxHint(text, e.code));
  }
  if (syntax) return undefined;
  for (const w of doc.warnings) diags.warn('yaml-warning', w.message.split('\n')[0]!, at(w.pos[0]));
  if (doc.contents === null || doc.contents === undefined) {
    diags.error('empty-file', M.emptyFile, { file, line: 1, col: 1 }, M.emptyFileHint);
    return undefined;
  }
  let count = 0;
  const convert = (node: Node | null, depth: number, doc: Document): LNode | undefined => {
    if (++count > LIMITS.maxNodes) {
      if (count === LIMITS.maxNodes + 1) diags.error('too-large', M.tooManyNodes(LIMITS.maxNodes), { file, line: 1, col: 1 }, M.tooLargeHint);
      return undefined;
    }
    if (node === null) return { kind: 'scalar', value: null, loc: { file, line: 1, col: 1 } };
    const range = node.range ?? [0, 0, 0];
    const loc = at(range[0], range[1] - range[0]);
    if (depth > LIMITS.maxDepth) {
      diags.error('too-deep', M.tooDeep(LIMITS.maxDepth), loc, M.tooLargeHint);
      return undefined;
    }
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) { diags.error('yaml-syntax', M.yamlSyntax(`unresolved alias *${node.source}`), loc); return undefined; }
      const resolved = convert(target as Node, depth + 1, doc);
      return resolved;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'bigint') return { kind: 'scalar', value: Number(v), loc };
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { kind: 'scalar', value: v, loc };
      // Dates, binary and other tagged scalars: keep the text as written.
      return { kind: 'scalar', value: String(node.source ?? v), loc };
    }
    if (isSeq(node)) {
      const items: LNode[] = [];
      for (const it of node.items) {
        const c = convert(it as Node, depth + 1, doc);
        if (c) items.push(c);
      }
      return { kind: 'seq', items, loc };
    }
    if (isMap(node)) {
      const entries: LEntry[] = [];
      const merged: LEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as Node | null;
        const kRange = k?.range ?? range;
        const keyLoc = at(kRange[0], kRange[1] - kRange[0]);
        if (isScalar(k) && k.value === '<<' || (isScalar(k) && (k as { source?: string }).source === '<<')) {
          // YAML merge key: keys of the merged map(s) apply unless written here.
          const v = convert(pair.value as Node, depth + 1, doc);
          const maps = v?.kind === 'map' ? [v] : v?.kind === 'seq' ? v.items.filter((i): i is LMap => i.kind === 'map') : [];
          for (const m of maps) merged.push(...m.entries);
          continue;
        }
        if (!isScalar(k) && k !== null) {
          diags.error('complex-key', M.complexKey, keyLoc, M.complexKeyHint);
          continue;
        }
        const key = k === null ? '' : String(k.value);
        const value = pair.value === null ? { kind: 'scalar' as const, value: null, loc: keyLoc } : convert(pair.value as Node, depth + 1, doc);
        if (value) entries.push({ key, keyLoc, value });
      }
      for (const e of merged) if (!entries.some((x) => x.key === e.key)) entries.push(e);
      return { kind: 'map', entries, loc };
    }
    diags.error('yaml-syntax', M.yamlSyntax('unsupported YAML node'), loc);
    return undefined;
  };
  return convert(doc.contents as Node, 0, doc);
}

/**
 * Applies `patch` on `base`: maps merge key by key; lists whose items carry `id` merge
 * item by item (an item with `remove: true` drops its namesake); anything else replaces.
 */
export function mergeTrees(base: LNode, patch: LNode): LNode {
  if (base.kind === 'map' && patch.kind === 'map') {
    const entries = base.entries.map((e) => ({ ...e }));
    for (const pe of patch.entries) {
      const i = entries.findIndex((e) => e.key === pe.key);
      if (i < 0) entries.push(pe);
      else entries[i] = { key: pe.key, keyLoc: pe.keyLoc, value: mergeTrees(entries[i]!.value, pe.value) };
    }
    return { kind: 'map', entries, loc: patch.loc };
  }
  if (base.kind === 'seq' && patch.kind === 'seq' && isIdList(base) && isIdList(patch)) {
    const items = [...base.items];
    for (const p of patch.items) {
      const id = idOf(p);
      const i = items.findIndex((b) => idOf(b) === id);
      const remove = p.kind === 'map' && getEntry(p, 'remove')?.value.kind === 'scalar' && (getEntry(p, 'remove')!.value as LScalar).value === true;
      if (i < 0) { if (!remove) items.push(p); }
      else if (remove) items.splice(i, 1);
      else items[i] = mergeTrees(items[i]!, p);
    }
    return { kind: 'seq', items, loc: patch.loc };
  }
  return patch;
}

function idOf(n: LNode): Scalar | undefined {
  if (n.kind !== 'map') return undefined;
  const e = getEntry(n, 'id');
  return e?.value.kind === 'scalar' ? e.value.value : undefined;
}

function isIdList(s: LSeq): boolean {
  return s.items.length > 0 && s.items.every((i) => idOf(i) !== undefined);
}
