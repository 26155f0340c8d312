// The pull-request review behind action.yml: checks every scenario, diffs every changed one
// against the base, and writes a short comment body, the full step summary, annotations
// and JSON files for an artifact. Exit 0 all good, 1 a check or a threshold failed, 2 the
// input or the setup could not be used.
//
// Why TypeScript here, bundled by scripts/build.mjs into dist/review.js (not a loose .mjs):
// it is type-checked and linted with the rest, and it ships inside the package next to the
// dist/cli.js it runs, so the review and the engine are always the same version (a team
// that pins compact-model pins both). It uses the CLI only through its documented machine
// outputs (`check --format json`, `diff --format json|markdown`, `run --format json`), run
// as child processes without a shell; it imports nothing from the engine.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { MAX_INPUT_BYTES, readInputFile } from '../core/files.js';
import { runGit, workTreeRoot } from '../core/git.js';
import { M } from '../core/messages.js';
import { forMarkdown } from '../core/text.js';

export const MARKER = '<!-- compact-model-review -->';
/** GitHub refuses comments over 65,536 characters; stay well under. */
export const COMMENT_CAP = 60_000;
/** GitHub's cap on a step summary is 1 MiB. */
const SUMMARY_CAP = 900_000;

type Status = 'A' | 'M' | 'D' | 'R' | 'E';

interface Options {
  cwd: string;
  base: string;
  globs: string[];
  failIf: string[];
  out: string;
  maxAnnotations: number;
  strictClaims: boolean;
  cli: string;
  summaryFile?: string;
  outputFile?: string;
}

export interface Entry {
  status: Status;
  path: string;
  from?: string;
}

export interface Row {
  metric: string;
  scope: string;
  path: string;
  base: string | null;
  alt: string | null;
  change: string | null;
}

export interface DiffJson {
  summary: { text: string };
  headline: Row[];
  claims: { id: string; changed: boolean; alt: { holds: boolean } | null }[];
  thresholds: { expression: string; change: string | null; base: string | null; alt: string | null; crossed: boolean }[];
}

interface CheckDiag {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  hint: string | null;
  file: string | null;
  line: number | null;
  col: number | null;
}

export interface CheckFile {
  file: string;
  status: 'ok' | 'failed' | 'unusable';
  exitCode: number;
  errors: number;
  warnings: number;
  diagnostics: CheckDiag[];
}

export interface Result {
  entry: Entry;
  /** How the two sides were found: the CLI's note, or what the review did instead. */
  note: string;
  diff?: DiffJson;
  /** One side only, no `extends`: its figures from `run`. */
  alone?: { headline: string; budget: [string, string][] };
  markdown: string;
  exitCode: number;
  error?: string;
  crossed: DiffJson['thresholds'];
}

class SetupError extends Error {}

// ---------- escaping ----------

/**
 * Text for markdown (table cells, list items): the CLI's own escaping (core/text.ts), so the
 * comment and the summary treat a name exactly as `diff --format markdown` does (bidi
 * controls such as U+202E shown as `\u{202e}`, no markup, no HTML, no mentions, one line).
 */
export function md(s: string): string {
  return forMarkdown(s);
}

/** Text inside raw HTML (<pre>, <summary>): entities, so nothing can close the element early. */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@/g, '&#64;&#8203;').replace(/\r/g, '\\r');
}

/** A workflow command's data (GitHub's runner: %, \r, \n). */
export function cmdData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also : and , (they separate properties). */
export function cmdProp(s: string): string {
  return cmdData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// ---------- numbers (display only; the CLI's JSON keeps the exact decimals) ----------

function grouped(x: number): string {
  const [int, frac] = Math.abs(x).toFixed(1).split('.');
  return `${x < 0 && Number(`${int}.${frac}`) !== 0 ? '-' : ''}${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

function amount(s: string | null | undefined): string {
  return s == null ? '—' : grouped(Number(s));
}

function change(s: string | null | undefined): string {
  if (s == null) return '—';
  const x = Number(s);
  if (x === 0) return '±0';
  return (x > 0 ? '+' : '') + grouped(x);
}

// ---------- git ----------

/** git on the repository whose work tree is `root`, run the one hardened way (core/git.ts). */
function git(root: string, args: string[]): string {
  return runGit(root, args, { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
}

function nulList(s: string): string[] {
  return s.split('\0').filter((x) => x !== '');
}

/** A glob as a regular expression over repository-relative paths: `**` any folders, `*` and `?` within one, `{a,b}`. */
export function globRegex(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      i++;
      if (g[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${g
          .slice(i + 1, end)
          .split(',')
          .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

// ---------- the CLI ----------

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI processes running, ended with the review when it is stopped (see stopOnSignals). */
const children = new Set<ReturnType<typeof spawn>>();

function runCli(o: Options, args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [o.cli, ...args], {
      cwd: o.cwd,
      // No caches: a review runs once on a pull request's files, and a cache folder another
      // job could have written is not to be trusted with them (docs/guide/ci.md, Safety).
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', COMPACT_MODEL_NO_CACHE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => done({ code: 2, stdout: '', stderr: String(e) }));
    children.add(child);
    child.on('close', () => children.delete(child));
    child.on('close', (code) =>
      done({ code: code ?? 2, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

async function pool<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
  return out;
}

/** The path a file's `extends` names, relative to the repository root, or undefined. */
function extendsOf(text: string, file: string): string | undefined {
  try {
    const doc = parseYaml(text, { uniqueKeys: false });
    const ext = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).extends : undefined;
    return typeof ext === 'string' && ext.trim() !== '' ? posix.normalize(posix.join(posix.dirname(file), ext)) : undefined;
  } catch {
    return undefined;
  }
}

// ---------- the review ----------

export async function review(o: Options): Promise<number> {
  // Found by its `.git` entry, never by asking git inside a folder the pull request wrote.
  const root = workTreeRoot(o.cwd);
  if (!root) throw new SetupError(`${o.cwd} is not inside a git work tree; run the review in the checkout`);
  o = { ...o, cwd: root };
  let base: string;
  try {
    base = git(root, ['rev-parse', '--verify', '--quiet', `${o.base}^{commit}`]).trim();
  } catch {
    throw new SetupError(
      `base "${o.base}" is not a commit of this repository; check out with fetch-depth: 0 (actions/checkout) so the base branch is there`,
    );
  }
  // The pull request's changes are those since the merge base (on GitHub's merge checkout, the base tip).
  let rev = base;
  try {
    rev = git(root, ['merge-base', base, 'HEAD']).trim();
  } catch {
    // unrelated histories: compare with the base itself
  }

  const patterns = o.globs.map(globRegex);
  const wanted = (p: string) => patterns.some((r) => r.test(p));
  const now = nulList(git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])).filter(
    (p) => wanted(p) && existsSync(join(root, p)),
  );

  // What changed since the merge base, in the working tree (so local runs see uncommitted edits).
  const entries: Entry[] = [];
  const changedAny = new Set<string>();
  const parts = nulList(git(root, ['diff', '-z', '--name-status', '-M', '--no-ext-diff', rev, '--']));
  for (let i = 0; i < parts.length;) {
    const s = parts[i++]!;
    if (s.startsWith('R') || s.startsWith('C')) {
      const from = parts[i++]!;
      const to = parts[i++]!;
      changedAny.add(from).add(to);
      if (s.startsWith('C')) {
        if (wanted(to)) entries.push({ status: 'A', path: to });
      } else if (wanted(to) && wanted(from)) entries.push({ status: 'R', path: to, from });
      else if (wanted(to)) entries.push({ status: 'A', path: to });
      else if (wanted(from)) entries.push({ status: 'D', path: from });
    } else {
      const p = parts[i++]!;
      changedAny.add(p);
      if (!wanted(p)) continue;
      entries.push({ status: s === 'A' ? 'A' : s === 'D' ? 'D' : 'M', path: p });
    }
  }
  const listed = new Set(entries.map((e) => e.path));
  const old = new Set(nulList(git(root, ['ls-tree', '-r', '-z', '--name-only', rev])));
  for (const p of now)
    if (!listed.has(p) && !old.has(p)) {
      entries.push({ status: 'A', path: p }); // untracked, new
      changedAny.add(p);
      listed.add(p);
    }
  // Unchanged scenarios whose `extends` chain runs through a changed file.
  for (const p of now) {
    if (listed.has(p)) continue;
    const seen = new Set<string>([p]);
    let cur: string | undefined = p;
    while (cur !== undefined) {
      const got = readInput(root, cur);
      if (!got.ok) break;
      const parent = extendsOf(got.text, cur);
      if (parent === undefined || seen.has(parent)) break;
      if (changedAny.has(parent)) {
        entries.push({ status: 'E', path: p });
        break;
      }
      seen.add(parent);
      cur = parent;
    }
  }
  const order: Status[] = ['A', 'M', 'D', 'R', 'E'];
  entries.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  mkdirSync(join(o.out, 'diff'), { recursive: true });
  const version = toolVersion(o);
  const lockVersion = baseLockVersion(root, rev);

  // Check every scenario in the tree.
  let check: { exitCode: number; files: CheckFile[] } = { exitCode: 0, files: [] };
  let checkError: string | undefined;
  if (now.length) {
    const args = ['check', '--format', 'json', ...(o.strictClaims ? ['--strict-claims'] : []), '--', ...now];
    const r = await runCli(o, args);
    try {
      check = JSON.parse(r.stdout);
    } catch {
      checkError = r.stderr.trim() || `compact-model check exited ${r.code}`;
      check = { exitCode: 2, files: [] };
    }
    writeFileSync(join(o.out, 'check.json'), r.stdout);
  }
  const checkOf = new Map(check.files.map((f) => [f.file, f]));

  // Diff every changed scenario against the base.
  const failIf = o.failIf.flatMap((t) => ['--fail-if', t]);
  const results = await pool(entries, availableParallelism(), (e) => diffEntry(o, rev, e, failIf));
  results.forEach((r, i) => {
    writeFileSync(
      join(o.out, 'diff', `${String(i + 1).padStart(3, '0')}.json`),
      JSON.stringify(
        {
          status: r.entry.status,
          file: r.entry.path,
          from: r.entry.from ?? null,
          note: r.note,
          exitCode: r.exitCode,
          error: r.error ?? null,
          diff: r.diff ?? null,
          alone: r.alone ?? null,
        },
        null,
        2,
      ) + '\n',
    );
  });

  // Annotations: only on the pull request's own files, at most maxAnnotations per severity.
  const prFiles = new Set(entries.filter((e) => e.status !== 'D' && e.status !== 'E').map((e) => e.path));
  const turnedFalse = new Map<string, Set<string>>();
  for (const r of results)
    turnedFalse.set(
      r.entry.path,
      new Set((r.diff?.claims ?? []).filter((c) => c.changed && c.alt && !c.alt.holds).map((c) => c.id)),
    );
  const newAlone = new Set(results.filter((r) => r.alone && r.entry.status === 'A').map((r) => r.entry.path));
  const annotate: { d: CheckDiag; scenario: string }[] = [];
  const notAnnotated: { d: CheckDiag; scenario: string; why: string }[] = [];
  const seenDiag = new Set<string>();
  for (const f of check.files)
    for (const d of f.diagnostics) {
      // A rule written in a file outside the change (say the baseline) but failing in a scenario
      // of the change is placed on that scenario, where the reviewer sees it.
      const own = d.file !== null && prFiles.has(d.file);
      const target = own
        ? d
        : prFiles.has(f.file)
          ? { ...d, file: f.file, line: 1, col: 1, message: `${d.message} (from ${d.file}${d.line ? `:${d.line}` : ''})` }
          : undefined;
      const key = `${d.severity}\0${d.code}\0${target?.file ?? d.file}\0${d.line}\0${d.col}\0${d.message}`;
      if (seenDiag.has(key)) continue;
      seenDiag.add(key);
      // A claim that does not hold is news only where this change made it stop holding (or in a new file).
      const claimId = d.code === 'claim-not-held' ? /claim "([^"]*)"/.exec(d.message)?.[1] : undefined;
      const claimNews = claimId === undefined || newAlone.has(f.file) || (turnedFalse.get(f.file)?.has(claimId) ?? false);
      if (target && claimNews) annotate.push({ d: target, scenario: f.file });
      else notAnnotated.push({ d, scenario: f.file, why: !target ? 'not a file of this change' : 'held no better at the base' });
    }
  const lines: string[] = [];
  const counts = { error: 0, warning: 0 };
  const overflow: CheckDiag[] = [];
  for (const { d } of annotate) {
    if (counts[d.severity] >= o.maxAnnotations) {
      overflow.push(d);
      continue;
    }
    counts[d.severity]++;
    const props = [`file=${cmdProp(d.file!)}`];
    if (d.line) props.push(`line=${d.line}`);
    if (d.col) props.push(`col=${d.col}`);
    props.push(`title=${cmdProp(`compact-model ${d.code}`)}`);
    lines.push(`::${d.severity} ${props.join(',')}::${cmdData(d.message + (d.hint ? ` (hint: ${d.hint})` : ''))}`);
  }
  for (const r of results)
    for (const t of r.crossed) {
      // On the pull request's own files; a deleted file or one that only extends a changed one has no place there.
      const where = prFiles.has(r.entry.path) ? `file=${cmdProp(r.entry.path)},` : '';
      lines.push(
        `::error ${where}title=${cmdProp('compact-model threshold')}::${cmdData(
          `${r.entry.path}: threshold "${t.expression}" crossed: change ${change(t.change)} (${amount(t.base)} -> ${amount(t.alt)})`,
        )}`,
      );
    }
  for (const r of results)
    if (r.error) lines.push(`::error title=${cmdProp('compact-model diff')}::${cmdData(`${r.entry.path}: ${r.error}`)}`);
  if (checkError) lines.push(`::error title=${cmdProp('compact-model check')}::${cmdData(checkError)}`);

  const crossedAny = results.some((r) => r.crossed.length > 0);
  const diffUnusable = results.some((r) => r.exitCode === 2);
  const exitCode = Math.max(check.exitCode, diffUnusable ? 2 : 0, crossedAny ? 1 : 0);

  const versionNote =
    lockVersion !== undefined && lockVersion !== version
      ? `compact-model ${version} computed both sides; the base's package-lock.json has ${lockVersion}: a changed engine can move every figure, and those moves are not shown as changes.`
      : undefined;
  const ctx: ReportCtx = { entries, results, checkOf, exitCode, versionNote, checkError, total: now.length };
  const comment = renderComment(ctx);
  const summary = renderSummary(ctx, annotate.length - overflow.length, overflow, notAnnotated);
  writeFileSync(join(o.out, 'comment.md'), comment);
  writeFileSync(join(o.out, 'summary.md'), summary);
  writeFileSync(
    join(o.out, 'review.json'),
    JSON.stringify(
      {
        version: 1,
        exitCode,
        base: o.base,
        mergeBase: rev,
        compactModel: version,
        baseLockVersion: lockVersion ?? null,
        files: results.map((r, i) => ({
          status: r.entry.status,
          file: r.entry.path,
          from: r.entry.from ?? null,
          diff: `diff/${String(i + 1).padStart(3, '0')}.json`,
          check: checkOf.get(r.entry.path)?.status ?? null,
          thresholdsCrossed: r.crossed.map((t) => t.expression),
        })),
      },
      null,
      2,
    ) + '\n',
  );
  if (o.summaryFile) appendFileSync(o.summaryFile, summary);
  if (o.outputFile)
    appendFileSync(
      o.outputFile,
      `comment-file=${join(o.out, 'comment.md')}\nout-dir=${o.out}\nexit-code=${exitCode}\nchanged=${entries.length}\n`,
    );
  process.stdout.write(lines.map((l) => l + '\n').join(''));
  process.stdout.write(
    `compact-model review: ${entries.length} scenario file(s) changed, ${now.length} checked, exit ${exitCode}\n`,
  );
  return exitCode;
}

async function diffEntry(o: Options, rev: string, e: Entry, failIf: string[]): Promise<Result> {
  const res: Result = { entry: e, note: '', markdown: '', exitCode: 0, crossed: [] };
  // One side only and no `extends`: nothing to compare with; show its figures.
  const oneSided = e.status === 'A' || e.status === 'D';
  if (oneSided) {
    let text = '';
    if (e.status === 'A') {
      // The one input reader (core/files.ts): a link to /dev/zero or to .git/config is refused,
      // reported as this file's finding, and the review goes on with the others.
      const got = readInput(o.cwd, e.path);
      if (!got.ok) {
        res.exitCode = 2;
        res.error = got.message;
        return res;
      }
      text = got.text;
    } else
      try {
        text = git(o.cwd, ['cat-file', 'blob', `${rev}:${e.path}`]);
      } catch {
        /* read as empty: the CLI reports what git says */
      }
    if (extendsOf(text, e.path) === undefined) {
      let file = e.path;
      if (e.status === 'D') {
        // No `extends`, so the old text stands alone: run it from a file of our own naming.
        file = join(o.out, 'deleted', `${createHash('sha256').update(e.path).digest('hex').slice(0, 16)}.yaml`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
      const r = await runCli(o, ['run', '--format', 'json', '--', file]);
      res.note =
        e.status === 'A' ? 'new, extends nothing: its own figures' : 'deleted, extended nothing: its figures at the base';
      try {
        const j = JSON.parse(r.stdout) as {
          scenario: { governments: { code: string }[] };
          metrics: { headlineMobilization: string | { total: string }; budgetCost: Record<string, string> };
        };
        const h = j.metrics.headlineMobilization;
        res.alone = {
          headline: typeof h === 'string' ? h : h.total,
          budget: j.scenario.governments.map((g) => [g.code, j.metrics.budgetCost[g.code] ?? '0']),
        };
        res.markdown = `${e.status === 'A' ? 'New' : 'Deleted'} scenario that extends nothing: headline mobilization ${amount(res.alone.headline)}; budget cost ${res.alone.budget.map(([g, v]) => `${md(g)} ${amount(v)}`).join(', ')} (USD millions).\n`;
      } catch {
        res.exitCode = 2;
        res.error = firstLine(r.stderr) || `compact-model run exited ${r.code}`;
      }
      return res;
    }
  }
  const args = ['diff', '--against', rev, '--', e.path];
  // Thresholds compare a file with itself at the base: not a new file with its parent, nor a deleted one.
  const j = await runCli(o, [...args.slice(0, 3), '--format', 'json', ...(oneSided ? [] : failIf), ...args.slice(3)]);
  // The CLI's one note (which sides it compared) comes first on stderr; a file name in it may hold a newline.
  const note = /^note: ([\s\S]*?)\n(?=[^\n]*: (?:error|warning) |$)/.exec(j.stderr);
  res.note = note ? note[1]!.split(rev).join(rev.slice(0, 12)) : '';
  try {
    res.diff = JSON.parse(j.stdout) as DiffJson;
    res.crossed = res.diff.thresholds.filter((t) => t.crossed);
    res.exitCode = j.code === 1 && res.crossed.length ? 1 : j.code;
  } catch {
    res.exitCode = 2;
    res.error = firstLine(j.stderr.replace(/^note: .*\n/gm, '')) || `compact-model diff exited ${j.code}`;
    return res;
  }
  const m = await runCli(o, [...args.slice(0, 3), '--format', 'markdown', ...args.slice(3)]);
  res.markdown = m.stdout.replace(/^<!-- compact-model-diff -->\n/, '');
  return res;
}

/** A file of the checkout, read as the CLI reads scenarios; a refusal as the CLI words it. */
function readInput(root: string, path: string): { ok: true; text: string } | { ok: false; message: string } {
  const got = readInputFile(join(root, path), { cap: MAX_INPUT_BYTES });
  if (got.ok) return { ok: true, text: got.buf.toString('utf8') };
  return { ok: false, message: M.inputRefused(path, got.why, got.code, got.size, MAX_INPUT_BYTES) };
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

function toolVersion(o: Options): string {
  try {
    return JSON.parse(readFileSync(join(dirname(o.cli), '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** compact-model's version in the base's package-lock.json (the team's pin), if there is one. */
function baseLockVersion(root: string, rev: string): string | undefined {
  try {
    const lock = JSON.parse(git(root, ['cat-file', 'blob', `${rev}:package-lock.json`]));
    const v = lock?.packages?.['node_modules/compact-model']?.version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

// ---------- rendering ----------

export interface ReportCtx {
  entries: Entry[];
  results: Result[];
  checkOf: Map<string, CheckFile>;
  exitCode: number;
  versionNote?: string;
  checkError?: string;
  total: number;
}

function headlineCell(r: Result): string {
  if (r.alone) return `${amount(r.alone.headline)} (${r.entry.status === 'A' ? 'new' : 'was'})`;
  const h = r.diff?.headline.find((x) => x.metric === 'headlineMobilization' && x.scope === 'total');
  if (!h) return '—';
  return r.entry.status === 'D' ? `${amount(h.base)} (was)` : `${amount(h.alt)} (${change(h.change)})`;
}

function budgetCell(r: Result): string {
  if (r.alone) return r.alone.budget.map(([g, v]) => `${md(g)} ${amount(v)}`).join('<br>');
  const rows = r.diff?.headline.filter((x) => x.metric === 'budgetCost' && x.scope !== 'total') ?? [];
  if (!rows.length) return '—';
  if (r.entry.status === 'D') return rows.map((x) => `${md(x.scope)} ${amount(x.base)} (was)`).join('<br>');
  return rows.map((x) => `${md(x.scope)} ${change(x.change)}`).join('<br>');
}

function checkCell(r: Result, checkOf: Map<string, CheckFile>): string {
  if (r.entry.status === 'D') return '—';
  const c = checkOf.get(r.entry.path);
  if (!c) return '—';
  const w = c.warnings ? `, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}` : '';
  if (c.status === 'ok') return `✅ ok${w}`;
  return `❌ ${c.status === 'unusable' ? 'unusable' : 'failed'}: ${c.errors} error${c.errors === 1 ? '' : 's'}${w}`;
}

function thresholdCell(r: Result): string {
  if (r.error) return `⚠️ ${md(r.error)}`;
  return r.crossed.length ? r.crossed.map((t) => `❌ ${md(t.expression)} (${change(t.change)})`).join('<br>') : '—';
}

function verdict(c: ReportCtx): string {
  return c.exitCode === 0
    ? '✅ passed'
    : c.exitCode === 1
      ? '❌ a check or a threshold failed'
      : '❌ some input could not be used';
}

function table(c: ReportCtx, rows: Result[]): string {
  return [
    '| | File | Headline mobilization | Budget cost change | Check | Thresholds |',
    '| --- | --- | ---: | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.entry.status} | ${r.entry.from !== undefined ? `${md(r.entry.from)} → ` : ''}${md(r.entry.path)} | ${headlineCell(r)} | ${budgetCell(r)} | ${checkCell(r, c.checkOf)} | ${thresholdCell(r)} |`,
    ),
  ].join('\n');
}

const LEGEND =
  'A added · M modified · D deleted · R renamed · E unchanged, a file it extends changed. Amounts in USD millions; changes against the base branch.';

export function renderComment(c: ReportCtx): string {
  const head = [
    MARKER,
    `### compact-model: ${verdict(c)}`,
    '',
    `${c.entries.length} scenario file${c.entries.length === 1 ? '' : 's'} changed; ${c.total} checked.${
      c.versionNote ? ` ⚠️ ${md(c.versionNote)}` : ''
    }${c.checkError ? ` ⚠️ check could not run: ${md(c.checkError)}` : ''}`,
    '',
    '',
  ].join('\n');
  const tail = `\n\n${LEGEND} The full diffs are in the job summary.\n`;
  if (!c.entries.length) return `${head}No scenario file changed.\n`;
  // Rows first; the folded details only while they fit; rows beyond the cap are counted.
  let rows = c.results;
  let body = head + table(c, rows);
  while (body.length + tail.length + 200 > COMMENT_CAP && rows.length > 1) {
    rows = rows.slice(0, Math.max(1, Math.floor(rows.length * 0.9)));
    body = head + table(c, rows);
  }
  if (rows.length < c.results.length) {
    const rest = c.results.slice(rows.length);
    body += `\n\n…and ${rest.length} more file(s), listed in the job summary.`;
  }
  let details = '';
  for (const r of c.results.slice(0, rows.length)) {
    const line = `- ${r.entry.status} ${md(r.entry.path)}: ${md(r.diff?.summary.text ?? r.note ?? '')}${r.note && r.diff ? ` (${md(r.note)})` : ''}\n`;
    if (body.length + tail.length + details.length + line.length + 60 > COMMENT_CAP) break;
    details += line;
  }
  if (details) body += `\n\n<details><summary>What changed, file by file</summary>\n\n${details}\n</details>`;
  return body + tail;
}

function pre(lines: string[]): string {
  return lines.length ? `<pre>\n${lines.map(html).join('\n')}\n</pre>\n` : '';
}

function diagLine(d: CheckDiag): string {
  return `${d.file ?? ''}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}: ${d.severity} ${d.code}: ${d.message}`.replace(
    /\n/g,
    '\\n',
  );
}

export function renderSummary(
  c: ReportCtx,
  annotated: number,
  overflow: CheckDiag[],
  notAnnotated: { d: CheckDiag; scenario: string; why: string }[],
): string {
  let s = `## compact-model review: ${verdict(c)}\n\n`;
  if (c.versionNote) s += `⚠️ ${md(c.versionNote)}\n\n`;
  s += c.entries.length ? `${table(c, c.results)}\n\n${LEGEND}\n\n` : 'No scenario file changed.\n\n';
  s += `### Check (${c.total} files)\n\n${annotated} problem(s) annotated on the pull request's files.\n\n`;
  if (overflow.length)
    s += `${overflow.length} more on the pull request's files, past the annotation limit:\n\n${pre(overflow.map(diagLine))}\n`;
  const failing = notAnnotated.filter((x) => x.d.severity === 'error');
  if (failing.length)
    s += `Errors outside the pull request's files (they fail the check too):\n\n${pre(failing.map((x) => diagLine(x.d)))}\n`;
  const warn = notAnnotated.filter((x) => x.d.severity === 'warning');
  if (warn.length)
    s += `<details><summary>${warn.length} warning(s) not annotated (outside the pull request's files, or claims that did not hold at the base either)</summary>\n\n${pre(warn.map((x) => diagLine(x.d)))}\n</details>\n\n`;
  s += '### Diffs\n\n';
  let omitted = 0;
  for (const r of c.results) {
    const part = `#### ${r.entry.status} ${md(r.entry.from !== undefined ? `${r.entry.from} → ${r.entry.path}` : r.entry.path)}\n\n${
      r.note ? `${md(r.note)}\n\n` : ''
    }${r.error ? `⚠️ ${md(r.error)}\n\n` : ''}${r.markdown}\n`;
    if (Buffer.byteLength(s + part) > SUMMARY_CAP) omitted++;
    else s += part;
  }
  if (omitted)
    s += `\n${omitted} diff(s) left out to keep the summary under GitHub's 1 MiB; they are in the artifact's diff/*.json.\n`;
  return s;
}

// ---------- entry point ----------

function lines(s: string | undefined): string[] {
  return (s ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter((x) => x !== '' && !x.startsWith('#'));
}

export function optionsFromEnv(env: NodeJS.ProcessEnv, cwd: string): Options {
  const base = env.CM_BASE?.trim() || (env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : '');
  if (!base) throw new SetupError('no base to compare with: set the base-ref input (CM_BASE), or run on a pull_request event');
  if (base.startsWith('-')) throw new SetupError(`base "${base}" is not a usable git revision`);
  const max = Number(env.CM_MAX_ANNOTATIONS || '10');
  if (!Number.isInteger(max) || max < 0)
    throw new SetupError(`max-annotations "${env.CM_MAX_ANNOTATIONS}" is not a whole number`);
  const globs = lines(env.CM_SCENARIOS);
  return {
    cwd,
    base,
    globs: globs.length ? globs : ['scenarios/**/*.yaml', 'scenarios/**/*.yml'],
    failIf: lines(env.CM_FAIL_IF),
    out: env.CM_OUT || join(env.RUNNER_TEMP || cwd, 'compact-model-review'),
    maxAnnotations: max,
    strictClaims: /^(true|1|yes)$/i.test(env.CM_STRICT_CLAIMS ?? ''),
    cli: env.CM_CLI || join(dirname(fileURLToPath(import.meta.url)), 'cli.js'),
    summaryFile: env.GITHUB_STEP_SUMMARY || undefined,
    outputFile: env.GITHUB_OUTPUT || undefined,
  };
}

/**
 * A cancelled job or `timeout` stops the review: its CLI processes are stopped with the
 * same signal, then it ends with 128 + the signal's number (130 SIGINT, 143 SIGTERM).
 * The review's own thread only waits on them, so the listener runs at once.
 */
function stopOnSignals(): void {
  for (const [sig, n] of [
    ['SIGINT', 2],
    ['SIGTERM', 15],
    ['SIGHUP', 1],
  ] as const)
    process.on(sig, () => {
      for (const c of children) c.kill(sig);
      process.exit(128 + n);
    });
}

export async function main(): Promise<number> {
  stopOnSignals();
  try {
    return await review(optionsFromEnv(process.env, process.cwd()));
  } catch (e) {
    const msg = e instanceof SetupError ? e.message : `review failed: ${e instanceof Error ? e.message : String(e)}`;
    process.stdout.write(`::error title=compact-model::${cmdData(msg)}\n`);
    return 2;
  }
}
