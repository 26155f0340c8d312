// Parsed files saved between runs: a scenario's located tree (read/tree.ts) as JSON, keyed
// by the build of the tool, the file's display name (locations carry it) and its exact
// text, so a start of `run` on an unchanged file skips the YAML parser (the slowest part
// of reading). Only a file that parsed without any diagnostic is saved, and only a tree
// whose values JSON keeps exactly (text, finite numbers but -0, true, false, null). A
// missing, corrupt or unwritable entry is ignored: the file is parsed as usual.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exactJson, writeCappedCacheFile } from '../core/cache.js';
import type { ParsedPiece, PieceStore } from './chunks.js';
import type { LNode } from './tree.js';

/** Entries kept; past this the folder is emptied and starts again. */
const MAX_ENTRIES = 256;
/** New pieces with less text than this are not worth rewriting a file's saved pieces for. */
const SMALL_EDIT = 1024;

export class TreeCache {
  private readonly dir: string;
  constructor(
    cacheDir: string,
    private readonly build: string,
  ) {
    this.dir = join(cacheDir, 'trees');
  }

  /** The entry's file name: the build, the display name and the text. */
  private entry(name: string, text: string): string {
    return `${createHash('sha256').update(`${this.build}\0${name}\0`).update(text).digest('hex')}.json`;
  }

  get(name: string, text: string): LNode | undefined {
    try {
      const t = JSON.parse(readFileSync(join(this.dir, this.entry(name, text)), 'utf8')) as LNode;
      return t && typeof t === 'object' && (t.kind === 'map' || t.kind === 'seq' || t.kind === 'scalar') ? t : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The pieces (read/chunks.ts) of the file named `name` as last parsed, by their text: one
   * entry per file, holding only the pieces of its last text. A file read for the first time
   * is parsed whole (a first run costs what it did) and only noted; from its next text on it
   * is parsed by pieces.
   */
  pieces(name: string): PieceStore {
    const file = `pieces-${createHash('sha256').update(`${this.build}\0${name}`).digest('hex')}.json`;
    const id = (text: string) => createHash('sha256').update(text).digest('hex');
    let old: Record<string, ParsedPiece> | undefined;
    const now = new Map<string, ParsedPiece>();
    let fresh = false;
    /** The text of the pieces the saved file does not hold. */
    let freshText = 0;
    let seen = false;
    const read = (): Record<string, ParsedPiece> => {
      if (old) return old;
      old = Object.create(null) as Record<string, ParsedPiece>;
      try {
        const o = JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as { build?: unknown; name?: unknown; pieces?: unknown };
        if (o.build === this.build && o.name === name && o.pieces && typeof o.pieces === 'object') seen = true;
        if (seen) for (const [k, v] of Object.entries(o.pieces as Record<string, ParsedPiece>)) if (isPiece(v)) old[k] = v;
      } catch {
        /* none saved, or unreadable: parsed */
      }
      return old;
    };
    const write = (pieces: Record<string, ParsedPiece>) => {
      const json = exactJson({ build: this.build, name, pieces });
      if (json !== undefined) writeCappedCacheFile(this.dir, file, json, MAX_ENTRIES);
    };
    return {
      known: () => (read(), seen),
      mark: () => {
        if (read() && !seen) write({});
      },
      get: (text) => read()[id(text)],
      put: (text, piece) => {
        const k = id(text);
        if (read()[k] === undefined) {
          fresh = true;
          freshText += text.length;
        }
        now.set(k, piece);
      },
      save: () => {
        if (!fresh && now.size === Object.keys(read()).length) return;
        // Only a few short pieces new (a renamed plan, one changed line): parsing them again
        // next time costs less than writing every piece now; the saved ones still serve the rest.
        if (seen && freshText < SMALL_EDIT) return;
        write(Object.fromEntries(now));
      },
    };
  }

  put(name: string, text: string, tree: LNode): void {
    try {
      const json = exactJson(tree);
      if (json === undefined) return;
      writeCappedCacheFile(this.dir, this.entry(name, text), json, MAX_ENTRIES);
    } catch {
      /* not saved: the next run parses again */
    }
  }
}

function isPiece(p: unknown): p is ParsedPiece {
  const x = p as ParsedPiece;
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.count === 'number' &&
    typeof x.from === 'number' &&
    typeof x.to === 'number' &&
    !!x.loc &&
    typeof x.loc.line === 'number' &&
    !!x.entry &&
    typeof x.entry.key === 'string' &&
    !!x.entry.keyLoc &&
    !!x.entry.value &&
    typeof x.entry.value === 'object'
  );
}
