// A YAML document as a plain tree that remembers where every key and value was written
// (file, line, column), so later stages can point at the user's text. Extends-merging
// works on this tree, so positions survive into overriding files.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Scalar as YamlScalar,
} from 'yaml';
import type { Diagnostics, Loc } from '../core/diagnostics.js';
import { Dec } from '../core/money.js';
import { M } from '../core/messages.js';

export type Scalar = string | number | boolean | null;
export interface LScalar {
  kind: 'scalar';
  value: Scalar;
  loc: Loc;
}
export interface LSeq {
  kind: 'seq';
  items: LNode[];
  loc: Loc;
}
export interface LEntry {
  key: string;
  keyLoc: Loc;
  value: LNode;
}
export interface LMap {
  kind: 'map';
  entries: LEntry[];
  loc: Loc;
}
export type LNode = LScalar | LSeq | LMap;

/** C0 controls but tab, LF and CR, and DEL: not allowed raw in YAML, nor (escaped) in any value we print. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Limits that keep a hostile file from costing unbounded time or memory. */
export const LIMITS = { maxDepth: 64, maxNodes: 200_000, maxFlowDepth: 200 };

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

/** The parser's errors as diagnostics (`said` leaves out what the text held); whether there were any. */
function syntaxErrors(
  doc: Document,
  text: string,
  at: (offset: number, length?: number) => Loc,
  said: (m: string) => string,
  diags: Diagnostics,
): boolean {
  for (const e of doc.errors) {
    // The parser is recursive: very deep flow nesting overflows its stack, which it
    // reports as an error; say what the user did (nested too deep), not how it failed.
    if (/call stack/i.test(e.message)) {
      diags.error('too-deep', M.tooDeep(LIMITS.maxDepth), at(e.pos[0]), M.tooLargeHint);
      continue;
    }
    const code = e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
    const msg = said(e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
    diags.error(
      code,
      code === 'duplicate-key' ? M.duplicateKey(msg) : M.yamlSyntax(msg),
      at(errorOffset(doc, text, e.message, e.pos[0]), e.pos[1] - e.pos[0]),
      code === 'duplicate-key' ? M.duplicateKeyHint : M.yamlSyntaxHint(text, e.code),
    );
  }
  return doc.errors.length > 0;
}

/**
 * Each alias resolved in one pass, in document order, to the last anchor of its name
 * before it (the parser's own resolve() walks the whole document per alias: quadratic).
 */
function aliasTargets(doc: Document): Map<Node, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  visit(doc, {
    Node(_, n) {
      if (isAlias(n)) {
        const t = anchors.get(n.source);
        if (t) targets.set(n, t);
      } else if (n.anchor) anchors.set(n.anchor, n);
    },
  });
  return targets;
}

/** A scalar as a located node: exact numbers only, no control characters (`quote`: see parseTree). */
function scalarNode(node: YamlScalar, loc: Loc, quote: boolean, diags: Diagnostics): LNode | undefined {
  const v = node.value;
  if (typeof v === 'bigint') return { kind: 'scalar', value: Number(v), loc };
  if (typeof v === 'number' && !exactNumber(node.source, v)) {
    // A double keeps ~16 digits: 100000000.000000000000001 would silently become 1e8.
    diags.error(
      'imprecise-number',
      quote ? M.impreciseNumber(String(node.source), v) : M.impreciseNumberUnquoted,
      loc,
      M.impreciseNumberHint(quote ? String(node.source) : '...'),
    );
    return undefined;
  }
  if (typeof v === 'string' && CONTROL.test(v)) {
    // An escape in a double-quoted string ("\e[2J") would otherwise reach the terminal through a name or label.
    diags.error(
      'control-character',
      M.controlCharacterEscaped(v.charCodeAt(v.search(CONTROL))),
      loc,
      M.controlCharacterEscapedHint,
    );
    return undefined;
  }
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return { kind: 'scalar', value: v, loc };
  // Dates, binary and other tagged scalars: keep the text as written.
  return { kind: 'scalar', value: String(node.source ?? v), loc };
}

/**
 * Parses YAML text into a located tree; syntax problems become diagnostics. `quote`: the
 * file is the user's scenario, so messages may repeat what it holds (a tag, an alias name,
 * a number); otherwise (a file reached through `extends`, one not named .yaml) they say
 * what was wrong and nothing of the text.
 */
export function parseTree(text: string, file: string, diags: Diagnostics, quote = true): LNode | undefined {
  return parseIn(text, file, diags, quote).tree;
}

/** A parse with what a piece of a file parsed alone needs to be checked (read/chunks.ts): the document and its node count. */
export interface Parsed {
  tree?: LNode;
  doc?: Document;
  /** Values converted (the count LIMITS.maxNodes bounds). */
  count: number;
}

export function parseIn(text: string, file: string, diags: Diagnostics, quote = true): Parsed {
  // The parser's messages may end in a piece of the text ("Unresolved tag: !secret").
  const said = (m: string) => (quote ? m : m.replace(/:.*$/s, ''));
  const lc = new LineCounter();
  // The parser recurses, and its memory grows with bracket nesting (300k levels: 400 MB;
  // a stack overflow near 800) before our limits apply: refuse deep flow nesting first.
  const deep = flowNestingBeyond(text, LIMITS.maxFlowDepth);
  if (deep >= 0) {
    diags.error('too-deep', M.tooDeep(LIMITS.maxDepth), posAt(text, file, deep), M.tooLargeHint);
    return { count: 0 };
  }
  // YAML allows no raw control characters (the parser lets them through, and a name
  // holding ESC would reach the terminal); tab, LF and CR are fine.
  const ctl = text.search(CONTROL);
  if (ctl >= 0) {
    diags.error('control-character', M.controlCharacter(text.charCodeAt(ctl)), posAt(text, file, ctl), M.controlCharacterHint);
    return { count: 0 };
  }
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, merge: true });
  const at = (offset: number, length = 1): Loc => {
    const p = lc.linePos(offset);
    return { file, line: p.line, col: p.col, length: Math.max(1, length) };
  };
  if (syntaxErrors(doc, text, at, said, diags)) return { count: 0 };
  for (const w of doc.warnings) diags.warn('yaml-warning', said(w.message.split('\n')[0]!), at(w.pos[0]));
  if (doc.contents === null || doc.contents === undefined) {
    diags.error('empty-file', M.emptyFile, { file, line: 1, col: 1 }, M.emptyFileHint);
    return { count: 0 };
  }
  let count = 0;
  let outerAlias: Loc | undefined; // the alias being expanded, where an alias bomb is reported
  // An alias is written `*name`: a text without a `*` has none, and the walk is skipped.
  const targets = text.includes('*') ? aliasTargets(doc) : new Map<Node, Node>();
  // An anchored node is converted once; each alias reuses the result (trees are never
  // mutated) and adds its expanded size to the node count, so the work is linear in the
  // text and the expanded tree stays within LIMITS.maxNodes.
  const done = new Map<Node, { tree: LNode | undefined; size: number; height: number }>();
  let deepest = 0;
  const convert = (node: Node | null, depth: number, doc: Document): LNode | undefined => {
    deepest = Math.max(deepest, depth);
    if (++count > LIMITS.maxNodes) {
      // Point at the value being expanded when the limit hit (the alias), not at line 1.
      if (count === LIMITS.maxNodes + 1)
        diags.error('too-large', M.tooManyNodes(LIMITS.maxNodes), outerAlias ?? { file, line: 1, col: 1 }, M.tooLargeHint);
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
      const target = targets.get(node);
      if (!target) {
        diags.error('yaml-syntax', M.yamlSyntax(M.unresolvedAlias(quote ? node.source : undefined)), loc);
        return undefined;
      }
      const seen = done.get(target);
      if (seen) {
        const was = count;
        count += seen.size;
        if (count > LIMITS.maxNodes) {
          // Reported once, where the node count first went past the limit.
          if (was <= LIMITS.maxNodes)
            diags.error('too-large', M.tooManyNodes(LIMITS.maxNodes), outerAlias ?? loc, M.tooLargeHint);
          return undefined;
        }
        if (depth + 1 + seen.height > LIMITS.maxDepth) {
          diags.error('too-deep', M.tooDeep(LIMITS.maxDepth), loc, M.tooLargeHint);
          return undefined;
        }
        return seen.tree;
      }
      const outer = outerAlias === undefined;
      if (outer) outerAlias = loc;
      const [before, deepBefore] = [count, deepest];
      deepest = depth + 1;
      const resolved = convert(target as Node, depth + 1, doc);
      done.set(target, { tree: resolved, size: count - before, height: deepest - (depth + 1) });
      deepest = Math.max(deepest, deepBefore);
      if (outer) outerAlias = undefined;
      return resolved;
    }
    if (isScalar(node)) return scalarNode(node, loc, quote, diags);
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
        if ((isScalar(k) && k.value === '<<') || (isScalar(k) && (k as { source?: string }).source === '<<')) {
          // YAML merge key: keys of the merged map(s) apply unless written here.
          const v = convert(pair.value as Node, depth + 1, doc);
          const maps = v?.kind === 'map' ? [v] : v?.kind === 'seq' ? v.items.filter((i): i is LMap => i.kind === 'map') : [];
          // `<<: 5` used to be ignored silently; only mappings can be merged.
          if (v && (v.kind === 'scalar' || (v.kind === 'seq' && maps.length !== v.items.length)))
            diags.error('invalid-merge', M.invalidMerge, v.loc, M.invalidMergeHint);
          for (const m of maps) merged.push(...m.entries);
          continue;
        }
        if (!isScalar(k) && k !== null) {
          diags.error('complex-key', M.complexKey, keyLoc, M.complexKeyHint);
          continue;
        }
        if (isScalar(k) && k.value === null && k.range && k.range[0] === k.range[1]) {
          // `: 10` read as a key "null"; say that the key is missing.
          diags.error('empty-key', M.emptyKey, keyLoc, M.emptyKeyHint);
          continue;
        }
        const key = k === null ? '' : String(k.value);
        // A `__proto__` key vanishes from plain objects (zod records build them), taking its
        // amount with it without a word; no scenario key has that name, so refuse it here.
        if (key === '__proto__') {
          diags.error('reserved-key', M.reservedKey(key), keyLoc, M.reservedKeyHint);
          continue;
        }
        const value =
          pair.value === null
            ? { kind: 'scalar' as const, value: null, loc: keyLoc }
            : convert(pair.value as Node, depth + 1, doc);
        if (value) entries.push({ key, keyLoc, value });
      }
      for (const e of merged) if (!entries.some((x) => x.key === e.key)) entries.push(e);
      return { kind: 'map', entries, loc };
    }
    diags.error('yaml-syntax', M.yamlSyntax('unsupported YAML node'), loc);
    return undefined;
  };
  const tree = convert(doc.contents as Node, 0, doc);
  return { tree, doc, count };
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
      // `key: ~` in a patch deletes the base's key (as in JSON Merge Patch), e.g. to swap
      // an allocation's `amount` for `byYear`.
      if (pe.value.kind === 'scalar' && pe.value.value === null) {
        if (i >= 0) entries.splice(i, 1);
        continue;
      }
      if (i < 0) entries.push(pe);
      // `assert:` lists add up along the extends chain (see appendById).
      else
        entries[i] = {
          key: pe.key,
          keyLoc: pe.keyLoc,
          value: pe.key === 'assert' ? appendById(entries[i]!.value, pe.value) : mergeTrees(entries[i]!.value, pe.value),
        };
    }
    return { kind: 'map', entries, loc: patch.loc };
  }
  if (base.kind === 'seq' && patch.kind === 'seq' && isIdList(base) && isIdList(patch)) {
    const items = [...base.items];
    for (const p of patch.items) {
      const id = idOf(p);
      const i = items.findIndex((b) => idOf(b) === id);
      const remove =
        p.kind === 'map' &&
        getEntry(p, 'remove')?.value.kind === 'scalar' &&
        (getEntry(p, 'remove')!.value as LScalar).value === true;
      if (i < 0) {
        if (!remove) items.push(p);
      } else if (remove) items.splice(i, 1);
      else items[i] = mergeTrees(items[i]!, p);
    }
    return { kind: 'seq', items, loc: patch.loc };
  }
  return patch;
}

/**
 * For lists that extending files add to (`assert:`): the patch's items follow the base's;
 * an item with the id of a base item replaces it (or drops it with `remove: true`), and
 * an expression already in the base is not repeated.
 */
export function appendById(base: LNode, patch: LNode): LNode {
  if (base.kind !== 'seq' || patch.kind !== 'seq') return patch;
  const items = [...base.items];
  for (const p of patch.items) {
    const id = idOf(p);
    const i = id === undefined ? -1 : items.findIndex((b) => idOf(b) === id);
    const remove =
      p.kind === 'map' &&
      getEntry(p, 'remove')?.value.kind === 'scalar' &&
      (getEntry(p, 'remove')!.value as LScalar).value === true;
    if (i >= 0) {
      if (remove) items.splice(i, 1);
      else items[i] = p;
      continue;
    }
    if (remove) continue;
    if (p.kind === 'scalar' && items.some((b) => b.kind === 'scalar' && b.value === p.value)) continue;
    items.push(p);
  }
  return { kind: 'seq', items, loc: patch.loc };
}

function idOf(n: LNode): Scalar | undefined {
  if (n.kind !== 'map') return undefined;
  const e = getEntry(n, 'id');
  return e?.value.kind === 'scalar' ? e.value.value : undefined;
}

function isIdList(s: LSeq): boolean {
  return s.items.length > 0 && s.items.every((i) => idOf(i) !== undefined);
}

/** Whether a YAML number holds exactly the decimal digits written (hex, octal, .inf are not checked). */
function exactNumber(source: unknown, v: number): boolean {
  if (typeof source !== 'string') return true;
  const t = source
    .trim()
    .replace(/^\+/, '')
    .replace(/\.(?=$|e)/i, '');
  if (!/^-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?$/i.test(t)) return true;
  return Number.isFinite(v) && Dec.of(t).eq(Dec.of(v));
}

/** Offset of the first `[` or `{` nested deeper than `limit` (outside quotes and comments), or -1. */
function flowNestingBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const e = text.indexOf('\n', i);
      if (e < 0) break;
      i = e;
    } else if (c === '"' || c === "'") {
      // Skip a quoted string ('' escapes a quote in single quotes; \ escapes in double).
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    }
  }
  return -1;
}

/** Line and column of an offset, for problems found before the parser runs. */
function posAt(text: string, file: string, offset: number): Loc {
  let line = 1,
    start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { file, line, col: offset - start + 1 };
}

/**
 * Where to point for a parser error. The parser reports an unclosed quote at the end of
 * the file and some indentation errors at the line break before the culprit; the user
 * needs the opening quote and the misplaced line.
 */
function errorOffset(doc: Document, text: string, message: string, pos: number): number {
  if (/^Missing closing .?quote/.test(message)) {
    let open = -1;
    visit(doc, {
      Scalar(_, n) {
        if ((n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') && n.range && n.range[1] >= pos) open = n.range[0];
      },
    });
    if (open >= 0) return open;
  }
  if (/^Flow (sequence|map) in block collection/.test(message)) {
    // An unclosed [ or {: point at the bracket that opened it.
    let open = -1;
    const seen = (_: unknown, n: Node) => {
      if ((n as { flow?: boolean }).flow && n.range && n.range[0] < pos && n.range[0] > open) open = n.range[0];
    };
    visit(doc, { Seq: seen, Map: seen });
    if (open >= 0) return open;
  }
  let i = pos;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '\n' || text[i] === '\r') {
    const next = text.slice(i).search(/[^\s]/);
    if (next >= 0) return i + next;
  }
  return pos;
}
