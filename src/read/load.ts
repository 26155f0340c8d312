// Reads a scenario file and the chain of files it `extends`, into one located tree.
// The only stage that touches the file system. A Loader caches parsed files so a
// command over many scenarios reads a shared baseline once. Bytes come from a
// FileSource: the disk, or (for `diff --against`) a git revision.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { Diagnostics, type Loc } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { getEntry, mergeTrees, parseTree, type LMap, type LNode } from './tree.js';

/** Scenario files are small; anything bigger is refused before the YAML parser sees it. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface Loaded {
  /** The merged tree (extends applied), or undefined when the input is unusable. */
  tree?: LMap;
  /** Every file read, by display name, for excerpts in diagnostics. */
  sources: Map<string, string>;
  /** Display names of the chain, the file itself first. */
  chain: string[];
}

interface Parsed {
  tree?: LNode;
  diags: Diagnostics;
}

/** Why a file's bytes could not be had: a diagnostic's code, message and hint. */
export interface ReadFailure {
  code: string;
  message: string;
  hint: string;
}

/**
 * Where a file's bytes come from: the disk by default; `diff --against` reads a git
 * revision through the same checks (size, binary, UTF-8, empty, YAML) and the same cache.
 */
export interface FileSource {
  /** Keys the cache, so one path read from two sources is two files. */
  readonly id: string;
  /** The name a file goes by in diagnostics and `sources`, from its display path. */
  name(display: string): string;
  read(abs: string, name: string): { buf: Buffer } | ReadFailure;
}

export const DISK: FileSource = {
  id: 'disk',
  name: (display) => display,
  read(abs, name) {
    let size: number;
    try {
      const st = statSync(abs);
      if (st.isDirectory()) return { code: 'not-a-file', message: M.isDirectory(name), hint: M.isDirectoryHint };
      size = st.size;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return {
        code: 'file-not-found',
        message: code === 'ENOENT' ? M.fileNotFound(name) : M.fileUnreadable(name, String(code)),
        hint: M.fileNotFoundHint,
      };
    }
    // Checked before reading, so a huge file is never loaded into memory.
    if (size > MAX_FILE_BYTES)
      return { code: 'too-large', message: M.fileTooLarge(name, size, MAX_FILE_BYTES), hint: M.tooLargeHint };
    try {
      // Regular files are read whole (their size was checked); anything else (/dev/zero,
      // a pipe) has no size to check, so read at most one byte past the cap, never forever.
      if (statSync(abs).isFile()) return { buf: readFileSync(abs) };
      const buf = readAtMost(abs, MAX_FILE_BYTES + 1);
      return buf.length > MAX_FILE_BYTES
        ? { code: 'too-large', message: M.streamTooLarge(name, MAX_FILE_BYTES), hint: M.tooLargeHint }
        : { buf };
    } catch (e) {
      return {
        code: 'file-not-found',
        message: M.fileUnreadable(name, String((e as NodeJS.ErrnoException).code)),
        hint: M.fileNotFoundHint,
      };
    }
  },
};

export class Loader {
  private cache = new Map<string, Parsed>();
  readonly sources = new Map<string, string>();
  constructor(private readonly cwd: string = process.cwd()) {}

  display(abs: string): string {
    const r = relative(this.cwd, abs);
    return r.startsWith('..') || isAbsolute(r) ? abs : r;
  }

  /** Reads and parses one file (cached); no extends handling. */
  private parseFile(abs: string, name: string, source: FileSource, from?: Loc): Parsed {
    const key = `${source.id}\0${abs}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const diags = new Diagnostics();
    const result: Parsed = { diags };
    this.cache.set(key, result);
    const at: Loc = from ?? { file: name, line: 1, col: 1 };
    const got = source.read(abs, name);
    if (!('buf' in got)) {
      diags.error(got.code, got.message, at, got.hint);
      return result;
    }
    const buf = got.buf;
    if (buf.length > MAX_FILE_BYTES) {
      diags.error('too-large', M.fileTooLarge(name, buf.length, MAX_FILE_BYTES), at, M.tooLargeHint);
      return result;
    }
    if (buf.includes(0)) {
      diags.error('binary-file', M.binaryFile(name), at, M.binaryFileHint);
      return result;
    }
    let text = buf.toString('utf8');
    if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(buf)) {
      diags.error('not-utf8', M.notUtf8(name), at, M.binaryFileHint);
      return result;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is harmless; drop it
    // YAML counts a lone CR (old Mac line ends) as a line break; the parser does not, so
    // the whole file read as one line. CR -> LF keeps every offset, hence every column.
    if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
    this.sources.set(name, text);
    if (text.trim() === '' || /^\s*(#.*)?(\r?\n\s*(#.*)?)*$/.test(text)) {
      diags.error('empty-file', M.emptyFile, { file: name, line: 1, col: 1 }, M.emptyFileHint);
      return result;
    }
    const tree = parseTree(text, name, diags);
    if (tree && tree.kind !== 'map') {
      diags.error('not-a-mapping', M.notAMapping(tree.kind === 'seq' ? 'a list' : 'a single value'), tree.loc, M.notAMappingHint);
      return result;
    }
    result.tree = tree;
    return result;
  }

  /** Loads `file` with its extends chain merged; every problem goes to `diags`. */
  load(file: string, diags: Diagnostics, source: FileSource = DISK): Loaded {
    const abs = resolve(this.cwd, file);
    const chain: string[] = [];
    const tree = this.loadChain(abs, source.name(this.display(abs)), diags, [], chain, source);
    return { tree, sources: this.sources, chain };
  }

  private loadChain(
    abs: string,
    name: string,
    diags: Diagnostics,
    stack: string[],
    chain: string[],
    source: FileSource,
    from?: Loc,
  ): LMap | undefined {
    chain.push(name);
    const parsed = this.parseFile(abs, name, source, from);
    for (const d of parsed.diags.items) diags.add(d);
    const tree = parsed.tree as LMap | undefined;
    if (!tree) return undefined;
    const ext = getEntry(tree, 'extends');
    if (!ext) return tree;
    if (ext.value.kind !== 'scalar' || typeof ext.value.value !== 'string' || ext.value.value.trim() === '') {
      diags.error('invalid-extends', M.extendsNotAPath, ext.value.loc, M.extendsHint);
      return undefined;
    }
    const parentAbs = resolve(dirname(abs), ext.value.value);
    // A parent is read from the same source: at a git revision, the parent as it was then.
    const parentName = source.name(this.display(parentAbs));
    if (parentAbs === abs || stack.includes(parentAbs)) {
      const cycle = [...stack, abs, parentAbs].map((p) => source.name(this.display(p)));
      diags.error(
        'extends-cycle',
        M.extendsCycle(cycle.slice(cycle.indexOf(parentName)).join(' -> ')),
        ext.value.loc,
        M.extendsCycleHint,
      );
      return undefined;
    }
    const parent = this.loadChain(parentAbs, parentName, diags, [...stack, abs], chain, source, ext.value.loc);
    if (!parent) return undefined;
    const own: LMap = { ...tree, entries: tree.entries.filter((e) => e.key !== 'extends') };
    return mergeTrees(parent, own) as LMap;
  }
}

/** Reads up to `limit` bytes of a file that has no useful size (a device, a pipe). */
function readAtMost(abs: string, limit: number): Buffer {
  const fd = openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(limit);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, limit - n, null);
      if (got === 0 || (n += got) >= limit) break;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
