// `compact-model compare FILE...`: the options table. Loads every file with one Loader (a
// shared baseline is read once), evaluates one case, compares each with the reference
// (the first usable file, or --baseline), renders. A file that cannot be used is reported
// and left out (exit 2); the others are still compared. Rules fail as in check (exit 1).
import type { Command } from 'commander';
import { buildId, cacheDir } from '../../core/cache.js';
import { type Diagnostic, exitCodeFor } from '../../core/diagnostics.js';
import { M } from '../../core/messages.js';
import type { Case } from '../../compute/engine.js';
import {
  type Comparison,
  compareEvaluations,
  comparedBases,
  defaultRows,
  governmentsOf,
  pathRow,
} from '../../measure/compare.js';
import { evaluate, type Evaluation } from '../../measure/evaluate.js';
import { loadScenario } from '../../normalize/load.js';
import { Loader } from '../../read/load.js';
import { TreeCache } from '../../read/tree-cache.js';
import { SavedInputs } from '../../validate/saved.js';
import { compareCsv, compareJson, type Unusable } from '../../render/compare.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { toHtml } from '../../render/html.js';
import { renderMarkdown } from '../../render/markdown.js';
import { makeChalk, renderTerminal } from '../../render/terminal.js';
import { buildCompareReport, type CompareSimulation, letter } from '../../report/compare.js';
import { simulate, workerScriptIn } from '../../simulate/simulate.js';
import { runRules } from '../../check/rules.js';
import { expandPatterns } from '../glob.js';
import { packageRoot, type IO } from '../io.js';
import { usage, widthFor } from '../open.js';
import { writeOutput } from '../output.js';
import { basisOption, caseOption, choice, type Ctx, intOption, parseWidth, widthOption } from '../options.js';

type Format = 'table' | 'markdown' | 'json' | 'csv' | 'xlsx' | 'html';
export interface CompareOpts {
  baseline?: string;
  case: Case;
  format: Format;
  metrics: string[];
  simulate?: number;
  seed: number;
  basis?: string;
  output?: string;
  force?: boolean;
  width?: number;
}

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('compare')
      .description(
        'an options table: scenarios side by side against a reference (budget cost on each basis, mobilization, every floor and target verdict, changes in $ and %)',
      )
      .argument('<files...>', "scenario files or patterns (e.g. 'scenarios/*.yaml'); the first is the reference")
      .option('--baseline <file>', 'the reference scenario (default: the first file)')
      .addOption(caseOption())
      .option(
        '--format <format>',
        'output format: table, markdown, json, csv, xlsx or html (xlsx and html need -o)',
        choice(['table', 'markdown', 'json', 'csv', 'xlsx', 'html']),
        'table',
      )
      .option(
        '--metrics <paths>',
        "the rows: metric paths or expressions, comma-separated or repeated (e.g. 'budgetCost.US,target.met' or 'privateMobilized.total / publicCommitment.total'); default: the figures a memo needs",
        (v: string, acc: string[]) => [
          ...acc,
          ...v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ],
        [] as string[],
      )
      .option(
        '--simulate <trials>',
        'also simulate each option (common random numbers) and show the chances of each test with their Monte Carlo error',
        intOption(1, 10_000_000, M.simulateTrials),
      )
      .option('--seed <s>', 'random seed of --simulate', intOption(0, Number.MAX_SAFE_INTEGER, M.simulateSeed), 1)
      .option('-o, --output <file>', 'write to this file instead of stdout (atomically; never over an input)')
      .option('--force', 'overwrite an existing output file'),
  )
    .option(widthOption[0], widthOption[1], parseWidth)
    .action(async (files: string[], opts: CompareOpts) => {
      ctx.exitCode = await compare(ctx.io, files, opts);
    });
}

interface Loaded {
  evaluations: Evaluation[];
  unusable: Unusable[];
  /** The highest exit code of the files' own diagnostics and rules. */
  code: number;
  sources: Map<string, string>;
  /** Every file's diagnostics and broken rules, in file order. */
  diagnostics: Diagnostic[];
}

/** Loads, evaluates and applies the rules to each file; the broken ones are set aside. */
function loadAll(io: Pick<IO, 'cwd' | 'env' | 'roots'>, files: string[], opts: Pick<CompareOpts, 'basis' | 'case'>): Loaded {
  const dir = cacheDir(io.env),
    build = buildId();
  const trees = dir && build ? new TreeCache(dir, build) : undefined;
  const inputs = dir && build ? new SavedInputs(dir, build) : undefined;
  const loader = new Loader(io.cwd, { roots: io.roots, trees });
  const evaluations: Evaluation[] = [];
  const unusable: Unusable[] = [];
  const sources = new Map<string, string>();
  const diags: Diagnostic[] = [];
  let code = 0;
  for (const file of files) {
    const r = loadScenario(file, loader, { saved: inputs });
    for (const [k, v] of r.sources) sources.set(k, v);
    diags.push(...r.diags.items);
    const c = exitCodeFor(r.diags.items);
    code = Math.max(code, c);
    if (!r.scenario || c === 2) {
      unusable.push({ file, diagnostics: r.diags.items });
      continue;
    }
    const s = opts.basis === undefined ? r.scenario : { ...r.scenario, basis: opts.basis };
    const ev = evaluate(s, opts.case);
    const rules = runRules(s, (k) => (k === opts.case ? ev : evaluate(s, k)), { strictClaims: false });
    const errors = rules.diagnostics.filter((d) => d.severity === 'error');
    diags.push(...errors);
    if (errors.length) code = Math.max(code, 1);
    evaluations.push(ev);
  }
  return { evaluations, unusable, code, sources, diagnostics: diags };
}

async function simulateAll(evs: Evaluation[], trials: number, seed: number): Promise<CompareSimulation> {
  // Keyed streams: each input draws by its path, so options that share an input draw the
  // same numbers for it (common random numbers); one thread each, the same whatever the cores.
  const results = [];
  for (const ev of evs)
    results.push(
      await simulate(ev.scenario, { trials, seed, workers: 1, workerScript: workerScriptIn(packageRoot()), keyed: true }),
    );
  return { trials, seed, results };
}

export interface Prepared {
  /** Undefined when nothing can be compared (exit 2). */
  cmp?: Comparison;
  sim?: CompareSimulation;
  unusable: Unusable[];
  /** The files' diagnostics (with `sources` for their excerpts), then the command line's. */
  fileDiagnostics: Diagnostic[];
  sources: Map<string, string>;
  usageDiagnostics: Diagnostic[];
  code: number;
}

/**
 * Everything compare computes, its diagnostics collected, not printed: what the command
 * renders and what the library returns.
 */
export async function prepareComparison(
  io: Pick<IO, 'cwd' | 'env' | 'roots'>,
  args: string[],
  opts: Omit<CompareOpts, 'format' | 'width' | 'output' | 'force'>,
): Promise<Prepared> {
  const none = { unusable: [], fileDiagnostics: [], sources: new Map<string, string>(), code: 2 };
  const { files, unmatched } = expandPatterns(io.cwd, args);
  if (unmatched.length && !files.length)
    return { ...none, usageDiagnostics: [usage('no-files', M.compareNoFiles(unmatched), M.compareNoFilesHint)] };
  // The reference goes first; named only by --baseline, it is added.
  if (opts.baseline !== undefined) {
    const b = expandPatterns(io.cwd, [opts.baseline]).files[0] ?? opts.baseline;
    const at = files.indexOf(b);
    if (at >= 0) files.splice(at, 1);
    files.unshift(b);
  }
  const loaded = loadAll(io, files, opts);
  const evs = loaded.evaluations;
  const base = { unusable: loaded.unusable, fileDiagnostics: loaded.diagnostics, sources: loaded.sources };
  const usageDiagnostics: Diagnostic[] = unmatched.map((p) => ({
    ...usage('no-files', M.compareNoFiles([p]), M.compareNoFilesHint),
    severity: 'warning' as const,
  }));
  if (!evs.length)
    return { ...base, code: 2, usageDiagnostics: [...usageDiagnostics, usage('nothing-to-compare', M.compareNoneUsable)] };
  if (loaded.unusable.some((u) => u.file === files[0]))
    usageDiagnostics.push({
      ...usage('baseline-unusable', M.compareBaselineUnusable(files[0]!, evs[0]!.scenario.file)),
      severity: 'warning',
    });
  const specs = opts.metrics.length
    ? opts.metrics.map(pathRow)
    : defaultRows(
        governmentsOf(evs, 0),
        evs.some((ev) => ev.scenario.targets.floor),
        evs.some((ev) => ev.scenario.targets.mobilization),
        comparedBases(evs),
        evs,
      );
  const cmp = compareEvaluations(evs, 0, specs);
  // A path no option can answer is a mistake on the command line, not a row of n/a.
  for (const r of cmp.rows) {
    const first = r.answers[0]!;
    if (r.answers.every((a) => 'na' in a) && 'na' in first)
      usageDiagnostics.push(usage('invalid-metric', M.compareUnknownMetric(r.spec.path, first.na), first.hint));
  }
  if (exitCodeFor(usageDiagnostics) === 2) return { ...base, code: 2, usageDiagnostics };
  const sim = opts.simulate === undefined ? undefined : await simulateAll(evs, opts.simulate, opts.seed);
  return { ...base, cmp, sim, usageDiagnostics, code: Math.max(loaded.code, loaded.unusable.length ? 2 : 0) };
}

export async function compare(io: IO, args: string[], opts: CompareOpts): Promise<number> {
  const errChalk = makeChalk(io.stderrIsTTY, io.env);
  const fail = (ds: Diagnostic[]) => {
    io.err(renderDiagnostics(ds, new Map(), errChalk));
    return 2;
  };
  if ((opts.format === 'xlsx' || opts.format === 'html') && !opts.output)
    return fail([usage('output-needed', M.outputNeeded(opts.format), M.outputNeededHint(opts.format))]);
  const p = await prepareComparison(io, args, opts);
  if (p.fileDiagnostics.length) io.err(renderDiagnostics(p.fileDiagnostics, p.sources, errChalk, io.columns));
  if (p.usageDiagnostics.length) io.err(renderDiagnostics(p.usageDiagnostics, new Map(), errChalk));
  const cmp = p.cmp;
  if (!cmp) return 2;
  const evs = cmp.evaluations;
  const report = () => buildCompareReport(cmp, p.sim);
  const data: string | Uint8Array =
    opts.format === 'json'
      ? JSON.stringify(compareJson(cmp, p.unusable, p.sim), null, 2) + '\n'
      : opts.format === 'csv'
        ? compareCsv(cmp)
        : opts.format === 'markdown'
          ? renderMarkdown(report())
          : opts.format === 'html'
            ? toHtml(report())
            : opts.format === 'xlsx'
              ? await (
                  await import('../../render/xlsx.js')
                ).toCompareXlsx(
                  report(),
                  evs,
                  evs.map((_, i) => letter(i)),
                )
              : renderTerminal(report(), makeChalk(io.stdoutIsTTY && !opts.output, opts.output ? {} : io.env), {
                  width: widthFor(io, opts.width),
                  all: true,
                });
  if (opts.output === undefined) {
    io.out(data as string);
    return p.code;
  }
  const refused = writeOutput(
    opts.output,
    io.cwd,
    evs.flatMap((ev) => ev.scenario.chain),
    opts.force ?? false,
    data,
  );
  if (refused) return fail([refused]);
  io.err(M.wroteFile(opts.output));
  return p.code;
}
