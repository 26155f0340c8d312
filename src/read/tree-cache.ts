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
import type { LNode } from './tree.js';

/** Entries kept; past this the folder is emptied and starts again. */
const MAX_ENTRIES = 256;

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
