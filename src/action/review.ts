// The pull-request review behind action.yml and `compact-model review`: checks every
// scenario, diffs every changed one against the base, and writes a short comment body,
// a step summary, annotations and JSON files for an artifact. Exit 0 all good, 1 a check
// or a threshold failed, 2 the input or the setup could not be used.
//
// It uses the CLI only through its documented machine outputs (`check --format json`,
// `diff --format json|markdown`, `run --format json`), run in this process (one process
// for a whole pull request, not two per file): the CLI runner is passed in, so the review
// and the engine are always the same version.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { IO } from '../cli/io.js';
import { DEFAULT_CURRENCY } from '../core/currency.js';
import { annotate } from './annotate.js';
import { baseLockVersion, type Entry, extendsOf, findChanges, git, openRepo, readInput, SetupError } from './changes.js';
import { cmdData, cmdProp } from './escape.js';
import { failIfArgs, type FailIf, parseFailIf } from './fail-if.js';
import type { CheckFile, DiffJson, Result } from './types.js';
import { type Links, renderComment, renderSetupError, renderSummary, type ReportCtx } from './render.js';

export { md, html, cmdData, cmdProp } from './escape.js';
export type { CheckDiag, CheckFile, DiffJson, Result, Row, ThresholdJson } from './types.js';
export { globRegex, SetupError, type Entry } from './changes.js';
export { COMMENT_CAP, MARKER, renderComment, type ReportCtx } from './render.js';

/** Runs the CLI in process: argv without node and script, output through `io`. */
export type CliRunner = (argv: string[], io: IO) => Promise<number>;

export interface Options {
  cwd: string;
  base: string;
  globs: string[];
  /** The globs came from the `scenarios` input (a glob matching nothing is then an error). */
  globsGiven: boolean;
  failIf: string;
  out: string;
  maxAnnotations: number;
  strictClaims: boolean;
  cli: CliRunner;
  /** The package's version (package.json beside dist/). */
  version: string;
  links?: Links;
  summaryFile?: string;
  outputFile?: string;
  /** Where the annotations (workflow commands) and the last line go: stdout by default. */
  print?: (s: string) => void;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(o: Options, args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: IO = {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    cwd: o.cwd,
    // No caches: a review runs once on a pull request's files, and a cache folder another
    // job could have written is not to be trusted with them (docs/guide/ci.md, Safety).
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', COMPACT_MODEL_NO_CACHE: '1' },
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  try {
    return { code: await o.cli(args, io), stdout, stderr };
  } catch (e) {
    return { code: 70, stdout, stderr: `${stderr}internal error: ${e instanceof Error ? e.message : String(e)}\n` };
  }
}

// ---------- the review ----------

export async function review(opts: Options): Promise<number> {
  const repo = openRepo(opts.cwd, opts.base);
  const o = { ...opts, cwd: repo.root };
  const failIf = parseFailIf(o.failIf);
  if (failIf.errors.length) throw new SetupError(failIf.errors.join('; '));
  const { entries, now, unmatched } = findChanges(repo, o.globs);
  if (unmatched.length && o.globsGiven)
    throw new SetupError(
      `the scenarios input’s glob${unmatched.length === 1 ? '' : 's'} ${unmatched.map((g) => `"${g}"`).join(', ')} match${unmatched.length === 1 ? 'es' : ''} no file`,
    );
  // The default globs (.yaml and .yml) warn only when neither matches.
  const quiet = !o.globsGiven && unmatched.length < o.globs.length;
  const setupNotes = [
    ...(quiet ? [] : unmatched.map((g) => `the glob "${g}" matches no file`)),
    ...failIf.warnings,
    ...sectionsMatchingNothing(failIf, now, entries),
  ];

  mkdirSync(join(o.out, 'diff'), { recursive: true });
  const check = await runCheck(o, now);
  const results: Result[] = [];
  for (const e of entries) results.push(await diffEntry(o, repo.rev, e, failIf));
  setupNotes.push(...thresholdsApplyingNowhere(failIf, results));
  writeDiffs(o.out, results);

  const checkOf = new Map(check.files.map((f) => [f.file, f]));
  const a = annotate({
    results,
    check: check.files,
    strictClaims: o.strictClaims,
    max: o.maxAnnotations,
    setupNotes,
    checkError: check.error,
  });
  const crossedAny = results.some((r) => r.crossed.length > 0);
  const diffUnusable = results.some((r) => r.exitCode === 2);
  const exitCode = Math.max(check.exitCode, diffUnusable ? 2 : 0, crossedAny || (o.strictClaims && a.newlyBroken > 0) ? 1 : 0);

  const lockVersion = baseLockVersion(repo.root, repo.rev);
  const versionNote =
    lockVersion !== undefined && lockVersion !== o.version
      ? `compact-model ${o.version} computed both sides; the base's package-lock.json has ${lockVersion}: a changed engine can move every figure, and those moves are not shown as changes.`
      : undefined;
  const ctx: ReportCtx = {
    entries,
    results,
    checkOf,
    exitCode,
    versionNote,
    checkError: check.error,
    total: now.length,
    notes: setupNotes,
    annotations: a,
    strictClaims: o.strictClaims,
    links: o.links,
  };
  const comment = renderComment(ctx);
  const summary = renderSummary(ctx);
  writeOutputs(o, { comment, summary, exitCode, rev: repo.rev, lockVersion, results, checkOf });
  const print = o.print ?? ((t: string) => void process.stdout.write(t));
  print(a.lines.map((l) => l + '\n').join(''));
  print(`compact-model review: ${entries.length} scenario file(s) changed, ${now.length} checked, exit ${exitCode}\n`);
  return exitCode;
}

/** `check` on every scenario of the tree; claims as warnings (the review decides which are the change's). */
async function runCheck(o: Options, now: string[]): Promise<{ exitCode: number; files: CheckFile[]; error?: string }> {
  if (!now.length) return { exitCode: 0, files: [] };
  const r = await runCli(o, ['check', '--format', 'json', '--', ...now]);
  writeFileSync(join(o.out, 'check.json'), r.stdout);
  try {
    const j = JSON.parse(r.stdout) as { exitCode: number; files: CheckFile[] };
    return { exitCode: j.exitCode, files: j.files };
  } catch {
    return { exitCode: 2, files: [], error: r.stderr.trim() || `compact-model check exited ${r.code}` };
  }
}

/** Globs of fail-if sections that match no scenario of the tree or of the change. */
function sectionsMatchingNothing(f: FailIf, now: string[], entries: Entry[]): string[] {
  const paths = [...now, ...entries.map((e) => e.path)];
  const globs = [...new Set(f.rules.filter((r) => r.glob !== undefined && !paths.some(r.match)).map((r) => r.glob!))];
  return globs.map((g) => `the fail-if section "${g}" matches no scenario file`);
}

/** Thresholds that did not apply to any file they were checked on (a typo, or a rule for other plans). */
function thresholdsApplyingNowhere(f: FailIf, results: Result[]): string[] {
  const seen = new Map<string, boolean>();
  for (const r of results)
    for (const t of r.diff?.thresholds ?? []) seen.set(t.expression, (seen.get(t.expression) ?? false) || t.applies);
  return f.rules
    .filter((r) => seen.get(r.t.text) === false)
    .map(
      (r) =>
        `fail-if "${r.t.text}" applies to none of the files it was checked on (n/a: no such government, mechanism or verdict)`,
    );
}

const num = (i: number) => String(i + 1).padStart(3, '0');

function writeDiffs(out: string, results: Result[]): void {
  results.forEach((r, i) => {
    writeFileSync(
      join(out, 'diff', `${num(i)}.json`),
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
    if (r.markdown) writeFileSync(join(out, 'diff', `${num(i)}.md`), r.markdown);
  });
}

function writeOutputs(
  o: Options,
  x: {
    comment: string;
    summary: string;
    exitCode: number;
    rev: string;
    lockVersion?: string;
    results: Result[];
    checkOf: Map<string, CheckFile>;
  },
): void {
  writeFileSync(join(o.out, 'comment.md'), x.comment);
  writeFileSync(join(o.out, 'summary.md'), x.summary);
  writeFileSync(
    join(o.out, 'review.json'),
    JSON.stringify(
      {
        version: 1,
        exitCode: x.exitCode,
        base: o.base,
        mergeBase: x.rev,
        compactModel: o.version,
        baseLockVersion: x.lockVersion ?? null,
        files: x.results.map((r, i) => ({
          status: r.entry.status,
          file: r.entry.path,
          from: r.entry.from ?? null,
          diff: `diff/${num(i)}.json`,
          check: x.checkOf.get(r.entry.path)?.status ?? null,
          thresholdsCrossed: r.crossed.map((t) => t.expression),
          claimsBroken: [...r.broken],
        })),
      },
      null,
      2,
    ) + '\n',
  );
  if (o.summaryFile) appendFileSync(o.summaryFile, x.summary);
  if (o.outputFile)
    appendFileSync(
      o.outputFile,
      `comment-file=${join(o.out, 'comment.md')}\nout-dir=${o.out}\nexit-code=${x.exitCode}\nchanged=${x.results.length}\n`,
    );
}

// ---------- one file ----------

async function diffEntry(o: Options, rev: string, e: Entry, failIf: FailIf): Promise<Result> {
  const res: Result = { entry: e, note: '', markdown: '', exitCode: 0, crossed: [], broken: new Set() };
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
    // One side only and no `extends`: nothing to compare with; show its figures.
    if (extendsOf(text, e.path) === undefined) return runAlone(o, res, text);
  }
  // Thresholds compare a file with itself at the base; a new file's level is its own figure
  // (so a level applies to it), its change against its parent is not a change it made.
  const thresholds = e.status === 'D' ? [] : failIfArgs(failIf, e.path, e.status === 'A' ? (t) => t.form === 'level' : undefined);
  const j = await runCli(o, ['diff', '--against', rev, '--format', 'json', ...thresholds, '--', e.path]);
  // The CLI's one note (which sides it compared) on stderr; a file name in it may hold a newline.
  const note = /(?:^|\n)note: ([\s\S]*?)\n(?=[^\n]*: (?:error|warning) |$)/.exec(j.stderr);
  res.note = note ? note[1]!.split(rev).join(rev.slice(0, 12)) : '';
  try {
    res.diff = JSON.parse(j.stdout) as DiffJson;
  } catch {
    res.exitCode = 2;
    res.error = firstProblem(j.stderr) || `compact-model diff exited ${j.code}`;
    return res;
  }
  res.currency = currencyOf(res.diff.units);
  res.crossed = res.diff.thresholds.filter((t) => t.crossed);
  res.exitCode = j.code === 1 && res.crossed.length ? 1 : j.code;
  // A deleted file is compared with what it extended: its claims are not the change's to break.
  if (e.status !== 'D') res.broken = new Set(res.diff.claims.filter((c) => c.changed && c.alt && !c.alt.holds).map((c) => c.id));
  if (e.status === 'A') res.parent = res.diff.base.file.split(`${rev}:`).join('');
  const m = await runCli(o, ['diff', '--against', rev, '--format', 'markdown', '--', e.path]);
  res.markdown = m.stdout.replace(/^<!-- compact-model-diff -->\n/, '');
  return res;
}

/** A new or deleted file that extends nothing: its own figures from `run`. */
async function runAlone(o: Options, res: Result, text: string): Promise<Result> {
  const e = res.entry;
  let file = e.path;
  if (e.status === 'D') {
    // No `extends`, so the old text stands alone: run it from a file of our own naming.
    file = join(o.out, 'deleted', `${createHash('sha256').update(e.path).digest('hex').slice(0, 16)}.yaml`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const r = await runCli(o, ['run', '--format', 'json', '--', file]);
  res.note = e.status === 'A' ? 'new, extends nothing: its own figures' : 'deleted, extended nothing: its figures at the base';
  try {
    const j = JSON.parse(r.stdout) as {
      units?: { amounts?: string };
      scenario: { governments: { code: string }[] };
      metrics: { headlineMobilization: string | { total: string }; budgetCost: Record<string, string> };
    };
    const h = j.metrics.headlineMobilization;
    res.currency = currencyOf(j.units);
    res.alone = {
      headline: typeof h === 'string' ? h : h.total,
      budget: j.scenario.governments.map((g) => [g.code, j.metrics.budgetCost[g.code] ?? '0']),
    };
  } catch {
    res.exitCode = 2;
    res.error = firstProblem(r.stderr) || `compact-model run exited ${r.code}`;
  }
  return res;
}

/** The plan's currency from the JSON's `units.amounts` ("EUR millions"); a document without it is in dollars. */
function currencyOf(units: { amounts?: string } | undefined): string {
  return /^([A-Z]{3}) millions$/.exec(units?.amounts ?? '')?.[1] ?? DEFAULT_CURRENCY;
}

/** The first diagnostic line of the CLI's stderr (its notes are not problems). */
function firstProblem(s: string): string {
  return (
    s
      .split('\n')
      .find((l) => l.trim() !== '' && !l.startsWith('note: ') && !l.startsWith('  ='))
      ?.trim() ?? ''
  );
}

// ---------- entry point ----------

function lines(s: string | undefined): string[] {
  return (s ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter((x) => x !== '' && !x.startsWith('#'));
}

/** The review's settings from the CM_* variables action.yml sets (and GitHub's own). */
export function optionsFromEnv(env: NodeJS.ProcessEnv, cwd: string, cli: CliRunner, version: string): Options {
  const base = env.CM_BASE?.trim() || (env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : '');
  if (!base) throw new SetupError('no base to compare with: set the base-ref input (CM_BASE), or run on a pull_request event');
  if (base.startsWith('-')) throw new SetupError(`base "${base}" is not a usable git revision`);
  const max = Number(env.CM_MAX_ANNOTATIONS || '10');
  if (!Number.isInteger(max) || max < 0)
    throw new SetupError(`max-annotations "${env.CM_MAX_ANNOTATIONS}" is not a whole number`);
  const globs = lines(env.CM_SCENARIOS);
  const server = env.GITHUB_SERVER_URL,
    repo = env.GITHUB_REPOSITORY;
  return {
    cwd,
    base,
    globs: globs.length ? globs : ['scenarios/**/*.yaml', 'scenarios/**/*.yml'],
    globsGiven: globs.length > 0,
    failIf: env.CM_FAIL_IF ?? '',
    out: env.CM_OUT || join(env.RUNNER_TEMP || cwd, 'compact-model-review'),
    maxAnnotations: max,
    strictClaims: /^(true|1|yes)$/i.test(env.CM_STRICT_CLAIMS ?? ''),
    cli,
    version,
    links:
      server && repo
        ? {
            file: env.CM_HEAD_SHA ? `${server}/${repo}/blob/${env.CM_HEAD_SHA}/` : undefined,
            summary: env.GITHUB_RUN_ID ? `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
          }
        : undefined,
    summaryFile: env.GITHUB_STEP_SUMMARY || undefined,
    outputFile: env.GITHUB_OUTPUT || undefined,
  };
}

/**
 * Runs the review from the environment. A setup error (no base, a bad input) still leaves
 * a short comment saying what failed, so the pull request shows why the job is red.
 */
export async function main(cli: CliRunner, version: string, env = process.env, cwd = process.cwd()): Promise<number> {
  const out = env.CM_OUT || join(env.RUNNER_TEMP || cwd, 'compact-model-review');
  try {
    return await review(optionsFromEnv(env, cwd, cli, version));
  } catch (e) {
    const msg = e instanceof SetupError ? e.message : `review failed: ${e instanceof Error ? e.message : String(e)}`;
    process.stdout.write(`::error title=${cmdProp('compact-model')}::${cmdData(msg)}\n`);
    setupFailed(out, msg, env);
    return 2;
  }
}

function setupFailed(out: string, msg: string, env: NodeJS.ProcessEnv): void {
  try {
    mkdirSync(out, { recursive: true });
    const body = renderSetupError(msg);
    writeFileSync(join(out, 'comment.md'), body);
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, body);
    if (env.GITHUB_OUTPUT)
      appendFileSync(env.GITHUB_OUTPUT, `comment-file=${join(out, 'comment.md')}\nout-dir=${out}\nexit-code=2\nchanged=0\n`);
  } catch {
    // nowhere to write: the ::error line above stands
  }
}
