// `run`'s output saved by everything but the plan's name (the edit-run loop, issue 26): a
// plan renamed since its last run changes no figure, so its output is the saved one with
// the new name put back where the name goes. The key is everything the output can depend
// on: the build and Node, the merged tree of the file and what it extends (every value and
// location; the top-level `name` stands in as "a name" when it is a non-empty string, the
// only form the schema accepts), the chain of display names, the working folder, the extra
// roots, the command's options, the whole environment, and whether each stream is a
// terminal and its width. Saved only for a run without any diagnostic (nothing on stderr,
// exit 0) written to stdout; a file read with a diagnostic is never answered from here. The
// name is put back as each format writes it: the terminal's title (render/terminal.ts
// terminalTitle), the markdown heading (markdownWithTitle), JSON's `scenario.name` (the
// writer's JSON.stringify of it); the CSV ledger has no name.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildId, cacheDir, writeCappedCacheFile } from '../core/cache.js';
import type { Loc } from '../core/diagnostics.js';
import type { LNode } from '../read/tree.js';
import { markdownWithTitle } from '../render/markdown.js';
import { makeChalk, terminalTitle } from '../render/terminal.js';
import type { IO } from './io.js';

const VERSION = 1;
const MAX_ENTRIES = 256;
/** Outputs larger than this are not saved (a large plan's JSON is written in pieces). */
export const MEMO_MAX_OUTPUT = 4 << 20;
/** Where memo events are appended ("hit", "miss", "saved"), for tests; not part of the key. */
export const MEMO_LOG_VAR = 'COMPACT_MODEL_MEMO_LOG';
/** JSON's scenario.name: the first key of the top-level "scenario" (strings hold no raw newline, so this text is that key). */
const JSON_NAME_AT = '\n  "scenario": {\n    "name": ';

export type MemoFormat = 'table' | 'markdown' | 'json' | 'csv';
export interface MemoOptions {
  format: MemoFormat;
  /** The width tables are laid out for (--width, else the terminal's, else the default). */
  width: number;
  /** Every option of the command line, as parsed. */
  opts: Record<string, unknown>;
}

interface Entry {
  v: number;
  key: string;
  format: MemoFormat;
  /** The output around the name: [before, after] (the table and markdown: ['', body]). */
  parts: [string, string];
}

const log = (io: IO, event: string) => {
  const f = io.env[MEMO_LOG_VAR];
  if (f)
    try {
      appendFileSync(f, `${event}\n`);
    } catch {
      /* a test's log only */
    }
};

/** The plan's name, when it is the presentational text the key leaves out: a non-empty string. */
function nameOf(tree: LNode): string | undefined {
  if (tree.kind !== 'map') return undefined;
  const e = tree.entries.find((x) => x.key === 'name');
  return e && e.value.kind === 'scalar' && typeof e.value.value === 'string' && e.value.value.length > 0
    ? e.value.value
    : undefined;
}

/**
 * The tree as exact text, in one form however it was read (parsed whole, by pieces or read
 * back saved): every value and location; the name's value (and its location) as one mark.
 * Numbers JSON cannot hold exactly (-0, NaN, infinities) are written apart. With the name
 * left out, so is the length of the whole file's span (the only other location a rename
 * moves): a span's length only underlines a diagnostic (render/diagnostics.ts, and the
 * spans normalize/assertions.ts subLoc derives for one), and the file's own span is used
 * for nothing else (kit/context.ts `at([])`: a missing key), while a saved run has none.
 */
export function treeKeyText(tree: LNode): string {
  const out: string[] = [];
  const named = nameOf(tree) !== undefined;
  const loc = (l: Loc, n?: LNode) =>
    `${JSON.stringify(l.file)}:${l.line}:${l.col}:${named && n === tree ? '-' : (l.length ?? '')}`;
  const scalar = (v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
      ? `#${Object.is(v, -0) ? '-0' : String(v)}`
      : JSON.stringify(v);
  const walk = (n: LNode, name: boolean): void => {
    if (name) out.push('N');
    else if (n.kind === 'scalar') out.push(`S${scalar(n.value)}@${loc(n.loc)}`);
    else if (n.kind === 'seq') {
      out.push(`[${n.items.length}@${loc(n.loc)}`);
      for (const x of n.items) walk(x, false);
    } else {
      out.push(`{${n.entries.length}@${loc(n.loc, n)}`);
      for (const e of n.entries) {
        out.push(`K${JSON.stringify(e.key)}@${loc(e.keyLoc)}`);
        walk(e.value, named && n === tree && e.key === 'name');
      }
    }
  };
  walk(tree, false);
  return out.join('\n');
}

/** The key of a run (see the top of the file). */
export function memoKey(io: IO, build: string, m: MemoOptions, tree: LNode, chain: readonly string[]): string {
  const text = (v: unknown) => (v === undefined ? null : typeof v === 'object' && v !== null ? String(v) : v);
  const opts = Object.entries(m.opts)
    .map(([k, v]) => [k, text(v)])
    .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
  const env = Object.entries(io.env)
    .filter(([k]) => k !== MEMO_LOG_VAR)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = [
    VERSION,
    build,
    process.version,
    process.arch,
    m.format,
    m.width,
    opts,
    chain,
    io.cwd,
    io.roots ?? null,
    env,
    io.stdoutIsTTY,
    io.stderrIsTTY,
    io.columns ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).update('\0').update(treeKeyText(tree)).digest('hex').slice(0, 40);
}

/** The output of a format with its name put back. */
function titled(io: IO, m: MemoOptions, name: string, parts: [string, string]): string {
  if (m.format === 'table') return terminalTitle(name, makeChalk(io.stdoutIsTTY, io.env), m.width) + parts[1];
  if (m.format === 'markdown') return markdownWithTitle(name, parts[1]);
  if (m.format === 'json') return parts[0] + JSON.stringify(name) + parts[1];
  return parts[1];
}

/**
 * The memo of one `run`, or undefined when there is none (no cache folder, running from
 * sources). `early` answers from a saved entry; `save` is given the output's parts once the
 * run has printed (without any diagnostic).
 */
export function runMemo(io: IO, m: MemoOptions) {
  const dir = cacheDir(io.env),
    build = buildId();
  if (!dir || !build) return undefined;
  const folder = join(dir, 'runs');
  let pending: { key: string; name: string } | undefined;
  return {
    early(tree: LNode, chain: readonly string[]): boolean {
      const name = nameOf(tree);
      if (name === undefined) return false;
      const key = memoKey(io, build, m, tree, chain);
      pending = { key, name };
      const entry = readEntry(join(folder, `${key}.json`));
      if (entry?.v !== VERSION || entry.key !== key || entry.format !== m.format) {
        log(io, 'miss');
        return false;
      }
      pending = undefined;
      log(io, 'hit');
      io.out(titled(io, m, name, entry.parts));
      return true;
    },
    /** The output of a run that printed without any diagnostic, around its name (see jsonParts). */
    save(name: string, parts: [string, string] | undefined): void {
      // `name` is the one the output was made with: the tree's, unless a later stage changed it.
      if (!pending || name !== pending.name || !parts || parts[0].length + parts[1].length > MEMO_MAX_OUTPUT) return;
      const body = JSON.stringify({ v: VERSION, key: pending.key, format: m.format, parts } satisfies Entry);
      writeCappedCacheFile(folder, `${pending.key}.json`, `${hashOf(body)}\n${body}`, MAX_ENTRIES);
      log(io, 'saved');
    },
  };
}

const hashOf = (s: string) => createHash('sha256').update(s).digest('hex');

/** A saved entry whose checksum holds and whose parts are text; undefined otherwise (missing, torn, spoiled). */
function readEntry(file: string): Entry | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    const body = text.slice(nl + 1);
    if (nl < 0 || text.slice(0, nl) !== hashOf(body)) return undefined;
    const e = JSON.parse(body) as Entry;
    return Array.isArray(e.parts) && e.parts.length === 2 && e.parts.every((p) => typeof p === 'string') ? e : undefined;
  } catch {
    return undefined;
  }
}

/** JSON's output around the value of `scenario.name`, or undefined when it is not there as JSON.stringify writes `name`. */
export function jsonParts(output: string, name: string): [string, string] | undefined {
  const at = output.indexOf(JSON_NAME_AT);
  const quoted = JSON.stringify(name);
  if (at < 0 || !output.startsWith(quoted, at + JSON_NAME_AT.length)) return undefined;
  const end = at + JSON_NAME_AT.length;
  return [output.slice(0, end), output.slice(end + quoted.length)];
}
