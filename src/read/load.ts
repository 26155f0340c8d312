// Reads a scenario file and the chain of files it `extends`, into one located tree.
// The only stage that touches the file system. A Loader caches parsed files so a
// command over many scenarios reads a shared baseline once.
import { readFileSync, statSync } from 'node:fs';
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

interface Parsed { tree?: LNode; diags: Diagnostics }

export class Loader {
  private cache = new Map<string, Parsed>();
  readonly sources = new Map<string, string>();
  constructor(private readonly cwd: string = process.cwd()) {}

  display(abs: string): string {
    const r = relative(this.cwd, abs);
    if (r === '') return '.';
    return r.startsWith('..') || isAbsolute(r) ? abs : r;
  }

  /** Reads and parses one file (cached); no extends handling. */
  private parseFile(abs: string, name: string, from?: Loc): Parsed {
    const hit = this.cache.get(abs);
    if (hit) return hit;
    const diags = new Diagnostics();
    const result: Parsed = { diags };
    this.cache.set(abs, result);
    const at: Loc = from ?? { file: name, line: 1, col: 1 };
    let size: number;
    try {
      const st = statSync(abs);
      if (st.isDirectory()) { diags.error('not-a-file', M.isDirectory(name), at, M.isDirectoryHint); return result; }
      size = st.size;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      diags.error('file-not-found', code === 'ENOENT' ? M.fileNotFound(name) : M.fileUnreadable(name, String(code)), at, M.fileNotFoundHint);
      return result;
    }
    if (size > MAX_FILE_BYTES) {
      diags.error('too-large', M.fileTooLarge(name, size, MAX_FILE_BYTES), at, M.tooLargeHint);
      return result;
    }
    let buf: Buffer;
    try {
      buf = readFileSync(abs);
    } catch (e) {
      diags.error('file-not-found', M.fileUnreadable(name, String((e as NodeJS.ErrnoException).code)), at, M.fileNotFoundHint);
      return result;
    }
    if (buf.includes(0)) { diags.error('binary-file', M.binaryFile(name), at, M.binaryFileHint); return result; }
    let text = buf.toString('utf8');
    if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(buf)) {
      diags.error('not-utf8', M.notUtf8(name), at, M.binaryFileHint);
      return result;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is harmless; drop it
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
  load(file: string, diags: Diagnostics): Loaded {
    const abs = resolve(this.cwd, file);
    const chain: string[] = [];
    const tree = this.loadChain(abs, this.display(abs), diags, [], chain);
    return { tree, sources: this.sources, chain };
  }

  private loadChain(abs: string, name: string, diags: Diagnostics, stack: string[], chain: string[], from?: Loc): LMap | undefined {
    chain.push(name);
    const parsed = this.parseFile(abs, name, from);
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
    const parentName = this.display(parentAbs);
    if (parentAbs === abs || stack.includes(parentAbs)) {
      const cycle = [...stack, abs, parentAbs].map((p) => this.display(p));
      diags.error('extends-cycle', M.extendsCycle(cycle.slice(cycle.indexOf(parentName)).join(' -> ')), ext.value.loc, M.extendsCycleHint);
      return undefined;
    }
    const parent = this.loadChain(parentAbs, parentName, diags, [...stack, abs], chain, ext.value.loc);
    if (!parent) return undefined;
    const own: LMap = { ...tree, entries: tree.entries.filter((e) => e.key !== 'extends') };
    return mergeTrees(parent, own) as LMap;
  }
}
