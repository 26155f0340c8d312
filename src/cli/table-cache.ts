// Drawn tables saved between runs (render/table-chunks.ts TableMemo): one file per command
// line and folder, holding the tables its last run drew, each by a hash of the build and
// everything the drawing read (options and cells). A table an edit left alone (every table
// of a renamed plan; the tables of other mechanisms) is copied, not drawn by cli-table3
// again. Written when the process exits, only when a table was new or one went unused; a
// missing, corrupt or unwritable file is ignored.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCappedCacheFile } from '../core/cache.js';
import { type TableMemo, useTableMemo } from '../render/table-chunks.js';

/** Entries kept; past this the folder is emptied and starts again. */
const MAX_ENTRIES = 256;

export function keepDrawnTables(cacheDir: string, build: string, args: readonly string[], cwd: string): void {
  const dir = join(cacheDir, 'tables');
  const file = `${createHash('sha256')
    .update(`${build}\0${cwd}\0${args.join('\0')}`)
    .digest('hex')}.json`;
  let old: Record<string, string> | undefined;
  const now = new Map<string, string>();
  let fresh = false;
  const read = (): Record<string, string> => {
    if (old) return old;
    old = Object.create(null) as Record<string, string>;
    try {
      const o = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { build?: unknown; tables?: unknown };
      if (o.build === build && o.tables && typeof o.tables === 'object')
        for (const [k, v] of Object.entries(o.tables)) if (typeof v === 'string') old[k] = v;
    } catch {
      /* none saved, or unreadable: drawn */
    }
    return old;
  };
  const id = (input: string) => createHash('sha256').update(`${build}\0`).update(input).digest('hex');
  const memo: TableMemo = {
    get(input) {
      const k = id(input);
      const v = read()[k];
      if (v !== undefined) now.set(k, v);
      return v;
    },
    put(input, drawn) {
      now.set(id(input), drawn);
      fresh = true;
    },
  };
  useTableMemo(memo);
  process.once('exit', () => {
    // No table asked for (a run answered from cli/run-memo.ts, or one that drew none): nothing to update.
    if (old === undefined) return;
    if (!fresh && now.size === Object.keys(read()).length) return;
    writeCappedCacheFile(dir, file, JSON.stringify({ build, tables: Object.fromEntries(now) }), MAX_ENTRIES);
  });
}
