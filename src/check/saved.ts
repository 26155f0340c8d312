// Saved results of `check`, so re-checking a repository where one file changed costs about
// one file. A file's result is reused when the bytes of every file in its extends chain
// and their real paths are the same (SHA-256 of each), under the same build of the tool, folder, --root folders
// and options. One JSON file per (build, folder, options) under the cache folder
// (core/cache.ts); diagnostics shared by many files (a baseline's claims) are stored once.
// A missing, corrupt or unwritable store is ignored: the file is simply checked again.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pruneCacheFiles, writeCacheFile } from '../core/cache.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { readInputFile } from '../core/files.js';
import { DISK, MAX_FILE_BYTES } from '../read/load.js';
import type { RuleReport } from './rules.js';

/** What checking one file found, before the per-run merging (check.ts). */
export interface FileOutcome {
  name: string;
  ds: Diagnostic[];
  /** Per diagnostic: raised by a rule (not by reading or validation). */
  rule: boolean[];
  /** Per diagnostic: a rule failing at a line of another file of the chain. */
  inherited: boolean[];
  counts?: Omit<RuleReport, 'diagnostics'>;
  /** Files of the chain quoted in excerpts: display name -> absolute path. */
  sources: [string, string][];
}

interface Entry {
  /** Absolute path and SHA-1 of each file of the chain, the file itself first. */
  chain: [string, string][];
  name: string;
  ds: number[];
  rule: number[];
  inherited: number[];
  counts?: FileOutcome['counts'];
  sources: [string, string][];
}
interface Store {
  v: 1;
  diags: string[];
  files: Record<string, Entry>;
}

export class SavedChecks {
  private readonly file: string;
  private old: Store | undefined;
  private readonly fresh: Record<string, Entry> = {};
  private readonly hashes = new Map<string, string | null>();
  private readonly trees = new Map<string, string>();
  /** The bytes hashed, for the excerpts of a reused outcome (each file read once). */
  private readonly bytes = new Map<string, Buffer>();
  /** The saved diagnostics parsed, by index (one baseline's claims are shared by most files). */
  private readonly parsed = new Map<number, Diagnostic>();
  private changed = false;

  constructor(
    private readonly dir: string,
    key: string,
  ) {
    this.file = join(dir, `check-${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`);
    try {
      const s = JSON.parse(readFileSync(this.file, 'utf8')) as Store;
      if (s && s.v === 1 && Array.isArray(s.diags) && s.files && typeof s.files === 'object') this.old = s;
    } catch {
      /* none yet, or unreadable: start afresh */
    }
  }

  /**
   * SHA-256 of a file's bytes, once per run; null when the Loader would not read it (not a
   * regular file, over the size cap, unreadable): read as the Loader reads, so a FIFO or a
   * device named on the command line is refused here too, never opened blocking.
   */
  hash(abs: string): string | null {
    let h = this.hashes.get(abs);
    if (h === undefined) {
      // The real path is part of the key: a link re-pointed to a byte-identical file
      // elsewhere (outside the tree, say) is a different file, checked again. Read as
      // DISK reads (the same rules); the git tree of each folder found once for the run.
      const got = readInputFile(abs, { cap: MAX_FILE_BYTES, trees: this.trees });
      h = got.ok ? createHash('sha256').update(`${got.real}\0`).update(got.buf).digest('hex') : null;
      if (got.ok) this.bytes.set(abs, got.buf);
      this.hashes.set(abs, h);
    }
    return h;
  }

  /** The bytes of `abs` as hashed in this run, if it was. */
  bytesOf(abs: string): Buffer | undefined {
    return this.bytes.get(abs);
  }

  /** The saved outcome of `abs` when its chain is unchanged. */
  get(abs: string, texts: Map<string, string>): FileOutcome | undefined {
    try {
      const e = this.old?.files[abs];
      if (!e || !Array.isArray(e.chain) || !e.chain.every(([p, h]) => this.hash(p) === h)) return undefined;
      const pick = (ix: number[]) => new Set(ix);
      const ds = e.ds.map((i) => {
        let d = this.parsed.get(i);
        if (d === undefined) this.parsed.set(i, (d = JSON.parse(this.old!.diags[i]!) as Diagnostic));
        return d;
      });
      const rule = pick(e.rule),
        inh = pick(e.inherited);
      for (const [name, p] of e.sources)
        if (!texts.has(name)) {
          const got = this.bytes.has(p) ? { buf: this.bytes.get(p)! } : DISK.read(p, name, undefined, this.trees);
          if ('buf' in got) texts.set(name, sourceText(got.buf));
        }
      this.fresh[abs] = e;
      return {
        name: e.name,
        ds,
        rule: ds.map((_, i) => rule.has(i)),
        inherited: ds.map((_, i) => inh.has(i)),
        counts: e.counts,
        sources: e.sources,
      };
    } catch {
      return undefined;
    }
  }

  /** Saves the outcome of `abs`, whose chain is `chain` (absolute paths). */
  put(abs: string, chain: string[], o: FileOutcome): void {
    const hashes = chain.map((p) => [p, this.hash(p)] as const);
    if (hashes.some(([, h]) => h === null)) return;
    const idx = (b: boolean[]) => b.flatMap((x, i) => (x ? [i] : []));
    this.fresh[abs] = {
      chain: hashes as [string, string][],
      name: o.name,
      ds: o.ds.map((d) => this.intern(JSON.stringify(d))),
      rule: idx(o.rule),
      inherited: idx(o.inherited),
      counts: o.counts,
      sources: o.sources,
    };
    this.mine.add(this.fresh[abs]);
    this.changed = true;
  }

  private readonly table: string[] = [];
  private readonly index = new Map<string, number>();
  private intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.table.push(s) - 1));
    return i;
  }

  /** Writes the store (only the files of this run) atomically; never fails. */
  save(): void {
    if (!this.changed && this.old && Object.keys(this.old.files).length === Object.keys(this.fresh).length) return;
    try {
      const files: Record<string, Entry> = {};
      for (const [abs, e] of Object.entries(this.fresh)) {
        // A reused entry's diagnostics point into the old table: re-intern them.
        const old = !this.mine.has(e);
        files[abs] = old ? { ...e, ds: e.ds.map((i) => this.intern(this.old!.diags[i]!)) } : e;
      }
      const store: Store = { v: 1, diags: this.table, files };
      if (writeCacheFile(this.file, JSON.stringify(store))) pruneSaved(this.dir, this.file);
    } catch {
      /* an unwritable cache folder only costs the next check its time */
    }
  }

  /** Entries made in this run (their diagnostic indices are into the new table). */
  private readonly mine = new WeakSet<Entry>();
}

/** The text as the Loader keeps it for excerpts: no BOM, a lone CR read as a line break. */
function sourceText(buf: Buffer): string {
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  return text;
}

/** Removes stores of other builds and folders beyond the 16 newest (best effort). */
function pruneSaved(dir: string, keep: string): void {
  const age = new Map<string, number>();
  try {
    for (const f of readdirSync(dir))
      if (f.startsWith('check-') && f.endsWith('.json') && join(dir, f) !== keep) age.set(f, statSync(join(dir, f)).mtimeMs);
  } catch {
    return;
  }
  const oldest = [...age.keys()].sort((a, b) => age.get(a)! - age.get(b)!);
  const drop = new Set(oldest.slice(0, Math.max(0, oldest.length - 16)));
  pruneCacheFiles(dir, (f) => drop.has(f));
}
