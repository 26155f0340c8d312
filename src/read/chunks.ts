// A scenario file parsed top-level key by top-level key, each piece saved between runs
// (read/tree-cache.ts), so an edited file parses again only the keys whose text changed.
// Only a file the cut cannot change the meaning of is cut: every line at column 0 is a
// plain `key:`, a comment, a blank line or a `- ` item of the key above (no document
// markers, directives, flow or quoted keys, tabs, CRs or kept block scalars), and every
// piece parses alone with no diagnostic, no anchor, alias or tag, into one key; anything
// else (and any doubt) is parsed whole, as before, so diagnostics are always the parser's.
import { isAlias, visit, type Node } from 'yaml';
import { Diagnostics, type Loc } from '../core/diagnostics.js';
import { LIMITS, parseIn, type LEntry, type LMap, type LNode } from './tree.js';

/** A piece of the text: from one top-level key to the next (the first one from the start). */
export interface Piece {
  text: string;
  /** Offset of its first character in the file. */
  start: number;
  /** Lines of the file before it. */
  line: number;
}

/** A piece parsed alone: its one entry (lines counted from the piece's start), node count and the root mapping's range. */
export interface ParsedPiece {
  entry: LEntry;
  count: number;
  /** The root mapping's location (the first piece's is the file's, but for its length). */
  loc: Loc;
  /** The root mapping's start and end offsets in the piece. */
  from: number;
  to: number;
}

/** Where parsed pieces are kept (tree-cache.ts); none: each piece is parsed. */
export interface PieceStore {
  /** Whether the file was read before (its pieces are kept from the next text on). */
  known(): boolean;
  /** Notes the file as read (parsed whole): a later, edited text is parsed by pieces. */
  mark(): void;
  get(text: string): ParsedPiece | undefined;
  put(text: string, piece: ParsedPiece): void;
  save(): void;
}

const KEY_LINE = /^[A-Za-z_][A-Za-z0-9_-]*:(?: |\n|$)/;

/** The text cut before each top-level key, or undefined when it is not cut (see the top). */
export function cutAtKeys(text: string): Piece[] | undefined {
  if (/[\r\t]/.test(text) || /[|>][1-9]?\+/.test(text)) return undefined;
  const pieces: Piece[] = [];
  let start = -1;
  let startLine = 0;
  let line = 0;
  for (let pos = 0; pos < text.length; line++) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const c = text[pos]!;
    if (c === '\n' || c === ' ' || c === '#') {
      // blank, indented or a comment: part of the piece it is in (before the first key: a comment or blank only)
      if (start < 0 && c === ' ' && text.slice(pos, end).trim() !== '') return undefined;
    } else if (c === '-' && (text[pos + 1] === ' ' || text[pos + 1] === '\n' || pos + 1 === text.length)) {
      if (start < 0) return undefined; // an item of the key above
    } else if (KEY_LINE.test(text.slice(pos, Math.min(end, pos + 200)))) {
      if (start < 0)
        start = 0; // the first piece holds the comments above it
      else {
        pieces.push({ text: text.slice(start, pos), start, line: startLine });
        [start, startLine] = [pos, line];
      }
    } else return undefined;
    pos = end;
  }
  if (start < 0) return undefined;
  pieces.push({ text: text.slice(start), start, line: startLine });
  return pieces;
}

/** One piece parsed alone, when it parses cleanly into one self-contained key (else undefined: parse the file whole). */
function parsePiece(text: string, file: string): ParsedPiece | undefined {
  const diags = new Diagnostics();
  const r = parseIn(text, file, diags);
  if (diags.items.length || !r.doc || r.tree?.kind !== 'map' || r.tree.entries.length !== 1) return undefined;
  let alone = true;
  visit(r.doc, {
    Node(_, n) {
      if (isAlias(n) || (n as { anchor?: string }).anchor || (n as { tag?: string }).tag) alone = false;
    },
  });
  const range = (r.doc.contents as Node | null)?.range;
  if (!alone || !range) return undefined;
  return { entry: r.tree.entries[0]!, count: r.count, loc: r.tree.loc, from: range[0], to: range[1] };
}

/**
 * The file's tree from its pieces (saved ones where their text is unchanged), the same tree
 * the whole parse gives; undefined when the file is not cut or a piece does not parse alone.
 */
export function parseByKeys(text: string, file: string, store?: PieceStore): LMap | undefined {
  const pieces = cutAtKeys(text);
  if (!pieces) return undefined;
  const parsed: ParsedPiece[] = [];
  for (const p of pieces) {
    const got = store?.get(p.text) ?? parsePiece(p.text, file);
    if (!got) return undefined;
    store?.put(p.text, got);
    parsed.push(got);
  }
  const keys = new Set(parsed.map((p) => p.entry.key));
  // A key written twice is the whole parse's to report; so is a file past the node limit.
  if (keys.size !== parsed.length) return undefined;
  if (1 + parsed.reduce((n, p) => n + p.count - 1, 0) > LIMITS.maxNodes) return undefined;
  store?.save();
  const first = parsed[0]!;
  const last = pieces.length - 1;
  // The first piece starts at the file's start, so its root mapping starts where the file's
  // does; the file's ends where the last piece's does.
  const loc = { ...first.loc, length: Math.max(1, pieces[last]!.start + parsed[last]!.to - first.from) };
  return { kind: 'map', entries: parsed.map((p, i) => shiftEntry(p.entry, pieces[i]!.line)), loc };
}

function shiftEntry(e: LEntry, by: number): LEntry {
  return by === 0 ? e : { key: e.key, keyLoc: shiftLoc(e.keyLoc, by), value: shift(e.value, by) };
}

function shiftLoc(l: Loc, by: number): Loc {
  return { ...l, line: l.line + by };
}

function shift(n: LNode, by: number): LNode {
  if (n.kind === 'scalar') return { kind: 'scalar', value: n.value, loc: shiftLoc(n.loc, by) };
  if (n.kind === 'seq') return { kind: 'seq', items: n.items.map((x) => shift(x, by)), loc: shiftLoc(n.loc, by) };
  return { kind: 'map', entries: n.entries.map((e) => shiftEntry(e, by)), loc: shiftLoc(n.loc, by) };
}
