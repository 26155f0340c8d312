// The output cache ("replay"): an identical re-run of a command that only reads files and
// prints is answered from a saved copy of its output, before the CLI bundle is even
// compiled. It may never serve stale output, so nothing is assumed about which inputs a
// command has: while a command runs, every file-system call it makes is observed (each read
// with the bytes it saw, each existence test, stat, folder listing and real path), and the
// entry is served only when every one of those calls gives the same answer again. The key
// is everything else a command can see: the build, Node, the arguments, the working folder,
// the whole environment, and whether each stream is a terminal and its width. A command
// that writes a file (outside the cache folder), starts a process or a thread, reads
// standard input or reads a file out of order is not saved. Files under the cache folder
// are not inputs: every cache there is output-neutral (test/robust/caches.test.ts).
// Imports Node built-ins only, like boot.ts.
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import { isatty } from 'node:tty';
import { writeCappedCacheFile } from '../core/cache.js';

/** Commands whose output depends only on what they read, the arguments and the environment. */
const COMMANDS = new Set(['run', 'estimate', 'explain', 'compare', 'schema']);
/** Outputs larger than this are not saved (the replay would not save much). */
const MAX_OUTPUT = 4 << 20;
const MAX_ENTRIES = 256;
const VERSION = 1;
/** Where replay events are appended ("hit", "miss", "saved", "not saved: why"), for tests; not part of the key. */
const LOG_VAR = 'COMPACT_MODEL_REPLAY_LOG';

/** One observed call and what it gave: [operation, absolute path, what was seen]. */
type Obs = [string, string, string];
interface Entry {
  v: number;
  key: string;
  obs: Obs[];
  /** The output in order: [1 stdout | 2 stderr, base64]. */
  out: [number, string][];
  code: number;
}

// The modules' own objects, which the CommonJS bundle reads its functions from at each call
// (an ES module namespace cannot be changed).
const req = createRequire(import.meta.url);
const fsModule = req('node:fs') as typeof fs;
const original = {
  readFileSync: fs.readFileSync,
  existsSync: fs.existsSync,
  statSync: fs.statSync,
  lstatSync: fs.lstatSync,
  realpathSync: fs.realpathSync,
  readdirSync: fs.readdirSync,
  openSync: fs.openSync,
  readSync: fs.readSync,
  fstatSync: fs.fstatSync,
  closeSync: fs.closeSync,
};

const log = (event: string) => {
  const f = process.env[LOG_VAR];
  if (f)
    try {
      fs.appendFileSync(f, `${event}\n`);
    } catch {
      /* a test's log only */
    }
};

/** The command the arguments name, when it is one whose output may be replayed. */
function command(argv: string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return first !== undefined && COMMANDS.has(first) ? first : undefined;
}

function keyOf(build: string, argv: string[]): string | undefined {
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    return undefined;
  }
  const env = Object.entries(process.env)
    .filter(([k]) => k !== LOG_VAR)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // isatty, not process.stdin: making the stdin stream has effects of its own.
  const tty = (fd: number, s?: NodeJS.WriteStream) => [isatty(fd), s?.isTTY ? [s.columns, s.rows] : null];
  const ids = [process.getuid?.() ?? null, process.getgid?.() ?? null, process.umask()];
  const parts = [
    VERSION,
    build,
    process.version,
    process.arch,
    process.platform,
    argv,
    cwd,
    env,
    tty(0),
    tty(1, process.stdout),
    tty(2, process.stderr),
    ids,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

const statSig = (st: fs.Stats | undefined): string =>
  st === undefined
    ? 'E:ENOENT'
    : [
        st.isFile() ? 'f' : st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : 'o',
        st.size,
        st.mtimeMs,
        st.ctimeMs,
        st.ino,
        st.dev,
        st.mode,
        st.uid,
        st.nlink,
      ].join(':');
const errSig = (e: unknown) => `E:${String((e as NodeJS.ErrnoException).code ?? 'unknown')}`;
const hashOf = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** What the call `op` on `path` gives now, in the form it was recorded (`content` is compared by contentHolds). */
function observeNow(op: string, path: string): string {
  const [name, arg] = op.split('|') as [string, string | undefined];
  try {
    switch (name) {
      case 'read':
        return hashOf(original.readFileSync(path, arg ? (arg as BufferEncoding) : undefined));
      case 'exists':
        return String(original.existsSync(path));
      case 'stat':
        return statSig(original.statSync(path));
      case 'lstat':
        return statSig(original.lstatSync(path));
      case 'realpath':
        return original.realpathSync(path);
      case 'readdir':
        return arg === 'types'
          ? dirSig(original.readdirSync(path, { withFileTypes: true }))
          : JSON.stringify(original.readdirSync(path));
      case 'open':
        original.closeSync(original.openSync(path, Number(arg)));
        return 'ok';
      case 'fstat': {
        const fd = original.openSync(path, Number(arg));
        try {
          return statSig(original.fstatSync(fd));
        } finally {
          original.closeSync(fd);
        }
      }
    }
  } catch (e) {
    return errSig(e);
  }
  return 'unknown operation';
}

const dirSig = (list: fs.Dirent[]) =>
  JSON.stringify(list.map((d) => [d.name, d.isFile() ? 'f' : d.isDirectory() ? 'd' : d.isSymbolicLink() ? 'l' : 'o']));

/** The whole file as it reads now through a descriptor opened with `flags`: its length in bytes and their hash. */
function contentNow(path: string, flags: number): [bytes: number, hash: string] {
  const fd = original.openSync(path, flags);
  try {
    const chunks: Buffer[] = [];
    let n = 0;
    for (;;) {
      const b = Buffer.alloc(65536);
      const got = original.readSync(fd, b, 0, b.length, null);
      if (got === 0) break;
      chunks.push(b.subarray(0, got));
      n += got;
    }
    return [n, hashOf(Buffer.concat(chunks, n))];
  } finally {
    original.closeSync(fd);
  }
}

/** Whether a recorded content observation still holds: the file as a whole is the same bytes as the command read. */
function contentHolds(path: string, flags: number, seen: string): boolean {
  // Recorded as JSON [n, eof, hash] of what the command read (Watch.close). Compared whole,
  // whether or not the command read to the end: a reader that stopped (a size cap, or a size
  // it learned unobserved) could read otherwise from a longer file.
  const [n, , hash] = JSON.parse(seen) as [number, boolean, string];
  try {
    const [m, now] = contentNow(path, flags);
    return m === n && now === hash;
  } catch {
    return false;
  }
}

/** Serves the saved output of an identical earlier run; true when it did (the process then only exits). */
function replay(file: string, key: string): boolean {
  let entry: Entry;
  try {
    const text = original.readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    const body = text.slice(nl + 1);
    if (text.slice(0, nl) !== hashOf(body)) return false;
    entry = JSON.parse(body) as Entry;
  } catch {
    return false;
  }
  if (entry.v !== VERSION || entry.key !== key) return false;
  for (const [op, path, seen] of entry.obs) {
    const [name, arg] = op.split('|');
    const holds = name === 'content' ? contentHolds(path, Number(arg), seen) : observeNow(op, path) === seen;
    if (!holds) {
      log(`changed: ${op} ${path}`);
      return false;
    }
  }
  process.exitCode = entry.code;
  // As the CLI does (main.ts): a closed pipe (`| head`) is the reader's choice, not an error.
  for (const s of [process.stdout, process.stderr])
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(entry.code);
      throw e;
    });
  for (const [fd, b64] of entry.out) (fd === 2 ? process.stderr : process.stdout).write(Buffer.from(b64, 'base64'));
  return true;
}

/** The key of a run that may be saved, once replayed() found no entry for it. */
let pending: { cacheDir: string; key: string } | undefined;

/**
 * Answers the command from the output cache when an identical run was saved (true: done);
 * else false, and watchRun() then watches the run so that its output can be saved at exit.
 */
export function replayed(cacheDir: string, build: string): boolean {
  const argv = process.argv.slice(2);
  if (command(argv) === undefined) return false;
  const key = keyOf(build, argv);
  if (key === undefined) return false;
  if (replay(join(cacheDir, 'out', `${key}.json`), key)) {
    log('hit');
    return true;
  }
  log('miss');
  pending = { cacheDir, key };
  return false;
}

/** Starts watching the command's calls (just before it starts: the boot's own reads are not its inputs). */
export function watchRun(app?: string): void {
  if (pending) record(pending.cacheDir, pending.key, app);
}

/** Watches the run (see the top of the file) and saves its output at exit when nothing made it unsafe to. */
function record(cacheDir: string, key: string, app: string | undefined): void {
  const w = new Watch(cacheDir);
  install(w);
  watchRequire(w, app);
  process.once('exit', (code) => {
    w.done = true;
    const why = w.unsafe ?? (code > 2 ? `exit ${code}` : w.size > MAX_OUTPUT ? 'output too large' : undefined);
    if (why !== undefined) return log(`not saved: ${why}`);
    w.flush();
    const seen = new Set<string>();
    const obs = w.obs.filter((o) => {
      const k = JSON.stringify(o);
      return !seen.has(k) && (seen.add(k), true);
    });
    const entry: Entry = { v: VERSION, key, obs, out: w.out.map(([fd, b]) => [fd, b.toString('base64')]), code };
    const body = JSON.stringify(entry);
    writeCappedCacheFile(join(cacheDir, 'out'), `${key}.json`, `${hashOf(body)}\n${body}`, MAX_ENTRIES);
    log('saved');
  });
}

type AnyFn = (...a: never[]) => unknown;
/** The file-system calls of one run, and its output. */
class Watch {
  obs: Obs[] = [];
  out: [number, Buffer][] = [];
  size = 0;
  unsafe: string | undefined;
  done = false;
  /** Descriptors the command opened for reading: what it has read of each, in order. */
  fds = new Map<number, { path: string; flags: number; n: number; eof: boolean; hash: Hash }>();
  /** Descriptors of files under the cache folder. */
  cacheFds = new Set<number>();
  private readonly root: string;

  constructor(cacheDir: string) {
    this.root = resolve(cacheDir) + sep;
  }

  hook(mod: object, name: string, wrap: (f: AnyFn) => unknown): void {
    if (!patch(mod, name, wrap)) this.stop(`cannot observe ${name}`);
  }
  inCache(p: unknown): boolean {
    return typeof p === 'string' && (resolve(p) + sep).startsWith(this.root);
  }
  stop(why: string): void {
    this.unsafe ??= why;
  }
  see(op: string, p: string, seen: string): void {
    if (!this.done && !this.inCache(p)) this.obs.push([op, resolve(p), seen]);
  }

  tee(fd: number, chunk: unknown, encoding: unknown): void {
    const b =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : undefined;
    if (b === undefined) return this.stop('writes something that is not text or bytes');
    this.size += b.length;
    if (this.size <= MAX_OUTPUT) this.out.push([fd, b]);
  }

  /** The bytes read through a descriptor, as one observation. */
  close(fd: number): void {
    const t = this.fds.get(fd);
    if (t === undefined) return;
    this.fds.delete(fd);
    if (!this.done) this.obs.push([`content|${t.flags}`, t.path, JSON.stringify([t.n, t.eof, t.hash.digest('hex')])]);
  }

  /** Descriptors never closed count as read up to where the command stopped. */
  flush(): void {
    const open = [...this.fds.keys()];
    this.done = false;
    for (const fd of open) this.close(fd);
    this.done = true;
  }
}

function observeReads(w: Watch): void {
  w.hook(
    fsModule,
    'readFileSync',
    (f) =>
      function (this: unknown, p: unknown, opts?: unknown) {
        const enc = typeof opts === 'string' ? opts : ((opts as { encoding?: string } | undefined)?.encoding ?? '');
        if (typeof p !== 'string') {
          if (!w.done) w.stop('reads a descriptor or URL');
          return (f as (...x: unknown[]) => unknown).call(this, p, opts);
        }
        try {
          const r = (f as (...x: unknown[]) => string | Buffer).call(this, p, opts);
          w.see(`read|${enc}`, p, hashOf(r));
          return r;
        } catch (e) {
          w.see(`read|${enc}`, p, errSig(e));
          throw e;
        }
      },
  );
  w.hook(
    fsModule,
    'existsSync',
    (f) =>
      function (this: unknown, p: unknown) {
        const r = (f as (x: unknown) => boolean).call(this, p);
        if (typeof p === 'string') w.see('exists', p, String(r));
        else if (!w.done) w.stop('tests a path that is not a string');
        return r;
      },
  );
  for (const name of ['statSync', 'lstatSync'] as const)
    w.hook(
      fsModule,
      name,
      (f) =>
        function (this: unknown, p: unknown, opts?: { bigint?: boolean }) {
          const op = name === 'statSync' ? 'stat' : 'lstat';
          if (typeof p !== 'string' || opts?.bigint) {
            if (!w.done) w.stop(`${op} of something that is not a path`);
            return (f as (...x: unknown[]) => unknown).call(this, p, opts);
          }
          try {
            const r = (f as (...x: unknown[]) => fs.Stats | undefined).call(this, p, opts);
            w.see(op, p, statSig(r));
            return r;
          } catch (e) {
            w.see(op, p, errSig(e));
            throw e;
          }
        },
    );
  const realpath = fs.realpathSync;
  w.hook(fsModule, 'realpathSync', (f) => {
    const g = function (this: unknown, p: unknown, opts?: unknown) {
      try {
        const r = (f as (...x: unknown[]) => string).call(this, p, opts);
        if (typeof p === 'string') w.see('realpath', p, r);
        else if (!w.done) w.stop('realpath of something that is not a path');
        return r;
      } catch (e) {
        if (typeof p === 'string') w.see('realpath', p, errSig(e));
        throw e;
      }
    };
    return Object.assign(g, { native: realpath.native });
  });
  w.hook(
    fsModule,
    'readdirSync',
    (f) =>
      function (this: unknown, p: unknown, opts?: unknown) {
        const r = (f as (...x: unknown[]) => unknown).call(this, p, opts);
        const o = (typeof opts === 'object' && opts !== null ? opts : {}) as {
          withFileTypes?: boolean;
          recursive?: boolean;
          encoding?: string;
        };
        // What the command saw, as it saw it (a second listing could differ).
        if (
          typeof p !== 'string' ||
          o.recursive ||
          (typeof opts === 'string' && opts !== 'utf8') ||
          (o.encoding !== undefined && o.encoding !== 'utf8')
        ) {
          if (!w.done) w.stop('lists a folder in a form not observed');
        } else if (o.withFileTypes) w.see('readdir|types', p, dirSig(r as fs.Dirent[]));
        else w.see('readdir|names', p, JSON.stringify(r));
        return r;
      },
  );
}
function observeDescriptors(w: Watch): void {
  const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
  w.hook(
    fsModule,
    'openSync',
    (f) =>
      function (this: unknown, p: unknown, flags?: unknown, mode?: unknown) {
        const writing =
          typeof flags === 'number'
            ? (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) !== 0
            : flags !== undefined && flags !== 'r';
        const cache = w.inCache(p);
        if (!w.done && writing && !cache) w.stop('opens a file to write');
        if (!w.done && typeof p !== 'string') w.stop('opens something that is not a path');
        const num = typeof flags === 'number' ? flags : fs.constants.O_RDONLY;
        let fd: number;
        try {
          fd = (f as (...x: unknown[]) => number).call(this, p, flags, mode);
        } catch (e) {
          if (typeof p === 'string') w.see(`open|${num}`, p, errSig(e));
          throw e;
        }
        if (cache) w.cacheFds.add(fd);
        else if (typeof p === 'string' && !w.done)
          w.fds.set(fd, { path: resolve(p), flags: num, n: 0, eof: false, hash: createHash('sha256') });
        return fd;
      },
  );
  w.hook(
    fsModule,
    'readSync',
    (f) =>
      function (this: unknown, fd: number, buf: NodeJS.ArrayBufferView, ...rest: unknown[]) {
        const got = (f as (...x: unknown[]) => number).call(this, fd, buf, ...rest);
        if (w.done || w.cacheFds.has(fd)) return got;
        const t = w.fds.get(fd);
        const o =
          typeof rest[0] === 'object' && rest[0] !== null
            ? (rest[0] as { offset?: number; position?: unknown })
            : { offset: rest[0] as number | undefined, position: rest[2] };
        if (t === undefined) w.stop(fd === 0 ? 'reads standard input' : 'reads a descriptor it did not open');
        else if (o.position !== null && o.position !== undefined && Number(o.position) !== t.n)
          w.stop('reads a file out of order');
        else {
          const off = o.offset ?? 0;
          t.hash.update(new Uint8Array(buf.buffer, buf.byteOffset + off, got));
          t.n += got;
          if (got === 0) t.eof = true;
        }
        return got;
      },
  );
  w.hook(
    fsModule,
    'fstatSync',
    (f) =>
      function (this: unknown, fd: number, opts?: unknown) {
        const r = (f as (...x: unknown[]) => fs.Stats).call(this, fd, opts);
        const t = w.fds.get(fd);
        if (!w.done && !w.cacheFds.has(fd)) {
          if (t === undefined) w.stop('stats a descriptor it did not open');
          else w.see(`fstat|${t.flags}`, t.path, statSig(r));
        }
        return r;
      },
  );
  w.hook(
    fsModule,
    'closeSync',
    (f) =>
      function (this: unknown, fd: number) {
        w.close(fd);
        w.cacheFds.delete(fd);
        return (f as (x: number) => void).call(this, fd);
      },
  );
  w.hook(
    fsModule,
    'writeSync',
    (f) =>
      function (this: unknown, fd: number, ...rest: unknown[]) {
        if (!w.done && !w.cacheFds.has(fd)) w.stop('writes to a descriptor');
        return (f as (...x: unknown[]) => number).call(this, fd, ...rest);
      },
  );
}
/** Replaces fs's functions (the bundle calls them through the module object) with observing ones. */
function install(w: Watch): void {
  observeReads(w);
  observeDescriptors(w);
  // A Proxy, so that a class (worker_threads' Worker) is refused when constructed too.
  const refuse = (why: string, pathArg: boolean) => (f: AnyFn) => {
    const mark = (a: unknown[]) => {
      if (!w.done && !(pathArg && w.inCache(a[0]))) w.stop(why);
    };
    return new Proxy(f, {
      apply: (t, self, a: unknown[]) => (mark(a), Reflect.apply(t, self, a)),
      construct: (t, a: unknown[], nt) => (mark(a), Reflect.construct(t, a, nt) as object),
    });
  };
  // Every other function of fs (a write, an asynchronous read, a stream) stops the entry being
  // saved, unless it names a path in the cache folder (the caches' own files).
  for (const n of Object.keys(fsModule))
    if (!OBSERVED.has(n) && !HARMLESS.has(n) && typeof (fsModule as unknown as Record<string, unknown>)[n] === 'function')
      w.hook(fsModule, n, refuse(`uses fs.${n}`, true));
  const fsPromises = req('node:fs/promises') as Record<string, unknown>;
  for (const n of Object.keys(fsPromises))
    if (typeof fsPromises[n] === 'function') w.hook(fsPromises, n, refuse(`uses fs/promises ${n}`, false));
  for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
    w.hook(req('node:child_process') as object, n, refuse('starts a process', false));
  w.hook(req('node:worker_threads') as object, 'Worker', refuse('starts a thread', false));
  for (const [fd, stream] of [
    [1, process.stdout],
    [2, process.stderr],
  ] as const) {
    const write = stream.write;
    stream.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
      if (!w.done) w.tee(fd, chunk, rest[0]);
      return (write as (...x: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
  }
}
/** The fs functions whose answers are recorded (observeReads, observeDescriptors). */
const OBSERVED = new Set([
  'readFileSync',
  'existsSync',
  'statSync',
  'lstatSync',
  'realpathSync',
  'readdirSync',
  'openSync',
  'readSync',
  'fstatSync',
  'closeSync',
  'writeSync',
]);
/** Classes and helpers of fs that touch no file. */
const HARMLESS = new Set([
  'Stats',
  'StatsFs',
  'Dirent',
  'Dir',
  'ReadStream',
  'WriteStream',
  'FileReadStream',
  'FileWriteStream',
  '_toUnixTimestamp',
]);

/**
 * A module loaded from disk by the command (an optional dependency, found by Node's own
 * unobserved lookups) stops the entry being saved; Node's built-in modules and the CLI's
 * own bundle do not.
 */
function watchRequire(w: Watch, app: string | undefined): void {
  const Module = req('node:module') as { prototype: { require: AnyFn }; isBuiltin: (id: string) => boolean };
  w.hook(
    Module.prototype,
    'require',
    (f) =>
      function (this: unknown, id: unknown) {
        if (!w.done && typeof id === 'string' && !Module.isBuiltin(id) && id !== app) w.stop(`loads ${id}`);
        return (f as (x: unknown) => unknown).call(this, id);
      },
  );
  // Standard input read as a stream (not through fs) is not observed either.
  const d = Object.getOwnPropertyDescriptor(process, 'stdin');
  if (d?.get && d.configurable) {
    const get = d.get;
    Object.defineProperty(process, 'stdin', {
      ...d,
      get() {
        if (!w.done) w.stop('reads standard input');
        return get.call(process);
      },
    });
  } else w.stop('cannot observe standard input');
}

/** Replaces mod[name] with wrap(it); false when it cannot be (then it could be used unobserved). */
function patch(mod: object, name: string, wrap: (f: AnyFn) => unknown): boolean {
  const f = (mod as Record<string, unknown>)[name];
  if (typeof f !== 'function') return true;
  try {
    Object.defineProperty(mod, name, { value: wrap(f as AnyFn), writable: true, configurable: true, enumerable: true });
    return (mod as Record<string, unknown>)[name] !== f;
  } catch {
    return false;
  }
}
