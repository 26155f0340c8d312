// The library: `import { load, run, compare, simulate, solve } from 'compact-model'`. Each
// function takes files as the CLI does and returns what the CLI's `--format json` prints,
// as plain objects, with the diagnostics as values (never a thrown string) and the exit
// code the command would give. Only this module is importable (package.json `exports`);
// its types are declared here, apart from the internals, so they stay a stable surface.
import { type Diagnostic as Internal, exitCodeFor } from './core/diagnostics.js';
import { runRules } from './check/rules.js';
import type { Case } from './compute/engine.js';
import { evaluate } from './measure/evaluate.js';
import { loadScenario } from './normalize/load.js';
import { Loader } from './read/load.js';
import { compareJson } from './render/compare.js';
import { toJson } from './render/json.js';
import { solveJson, takeJson } from './render/solve.js';
import { simulateJson } from './render/uncertainty.js';
import type { Scenario } from './model/scenario.js';
import { simulate as simulateScenario } from './simulate/simulate.js';
import { goalState, parseGoal } from './solve/goal.js';
import { findInput } from './solve/inputs.js';
import { solve as solveFor } from './solve/solve.js';
import { failingGoals, whatItWouldTakeData, writtenAs } from './solve/take.js';
import { prepareComparison } from './cli/commands/compare.js';

/** A problem with an input, as `check --format json` lists it. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** A stable code, e.g. `yaml-syntax`, `assertion-failed`. */
  code: string;
  message: string;
  hint: string | null;
  file: string | null;
  line: number | null;
  col: number | null;
}

/**
 * What every function returns. `ok`: the input could be used and `value` holds the result
 * (rules that fail are diagnostics of severity error, and `exitCode` is 1, as the CLI's);
 * not `ok`: `value` is null and the diagnostics say why (`exitCode` 2).
 */
export type Result<T> =
  | { ok: true; value: T; diagnostics: Diagnostic[]; exitCode: 0 | 1 | 2 }
  | { ok: false; value: null; diagnostics: Diagnostic[]; exitCode: 2 };

export interface Options {
  /** The folder relative file names are read from (default: process.cwd()). */
  cwd?: string;
  /** The scoring basis of budget cost (default: the scenario's own). */
  basis?: 'as-published' | 'federal' | 'cash';
  /** Which end of every range to use (default: base). */
  case?: 'low' | 'base' | 'high';
  /** Other folders `extends:` may reach (the CLI's --root). */
  roots?: string[];
}

/** A figure in USD millions as an exact decimal string, e.g. "8757.5". */
export type Amount = string;

/** Amounts by government code and `total`. */
export type ByScope = Record<string, Amount>;

/** The scenario as `run --format json` describes it (`scenario`). */
export interface ScenarioInfo {
  name: string;
  file: string;
  extends: string[];
  case: string;
  horizon: { start: string; end: string; years: number };
  governments: { code: string; name: string }[];
  mechanisms: {
    id: string;
    kind: string;
    label: string;
    budget: string;
    active: boolean;
    fallbackOf: string | null;
    source: string | null;
  }[];
  headlineIncludesFollowOn: boolean;
  basis: string;
}

/** One money metric of `run --format json`: per scope, by mechanism, by year. */
export interface MoneyMetricJson {
  total: Amount;
  byMechanism: Record<string, ByScope>;
  byYear: Record<string, ByScope>;
  [government: string]: Amount | Record<string, ByScope>;
}

/** `run --format json` (docs/reference/json.md): metrics, claims, the ledger's flows. */
export interface RunResult {
  version: number;
  units: { amounts: string; ratios: string };
  scenario: ScenarioInfo;
  metrics: {
    publicCommitment: MoneyMetricJson;
    budgetCost: MoneyMetricJson;
    outlays: MoneyMetricJson;
    privateMobilized: MoneyMetricJson;
    headlineMobilization: Amount;
    target: { amount: Amount | null; headline: Amount; met: boolean | null; shortfall: Amount | null };
    [metric: string]: unknown;
  };
  claims: { id: string; metric: string; holds: boolean; computed: string | boolean | null; [k: string]: unknown }[];
  flows: { year: string; government: string; mechanism: string; flow: string; amount: Amount }[];
  flowKinds: string[];
  warnings: { code: string; message: string; file: string | null; line: number | null; col: number | null }[];
  presentValue?: unknown;
}

/** `compare --format json` (docs/reference/json.md#compare). */
export interface CompareResult {
  version: number;
  case: string;
  baseline: number;
  options: {
    option: string;
    name: string;
    file: string;
    basis: string;
    governments: string[];
    currency: string;
    horizon: unknown;
  }[];
  rows: {
    path: string;
    basis: string | null;
    label: string;
    unit: string;
    runJson: string | null;
    values: (string | number | boolean | null)[];
    notAvailable: (string | null)[];
    changes: ({ change: string | null; percent: string | null; changed: boolean; note?: string } | null)[];
  }[];
  notes: string[];
  simulation?: unknown;
  unusable: { file: string; diagnostics: unknown[] }[];
}

/** `simulate --format json`: percentiles of each metric, the chance of each test. */
export interface SimulateResult {
  version: number;
  trials: number;
  seed: number;
  probabilities: Record<string, number>;
  [k: string]: unknown;
}

/** `solve --format json`: the answer for one input, or what it would take for each failing test. */
export type SolveResult = Record<string, unknown>;

export interface CompareOptions extends Options {
  /** The reference (default: the first file). */
  baseline?: string;
  /** Metric paths for the rows (default: the figures a memo needs). */
  metrics?: string[];
  /** Also simulate this many trials per option (common random numbers). */
  simulate?: number;
  seed?: number;
}

export interface SimulateOptions extends Omit<Options, 'case'> {
  trials?: number;
  seed?: number;
}

export interface SolveOptions extends Options {
  /** What should hold, e.g. `floor.US.appropriated.met` or `budgetCost.US.perYear >= 500M`. */
  goal?: string;
  /** The input to solve for (needs `goal`), e.g. `mechanisms[F-3].subsidyRate`. */
  vary?: string;
}

const diag = (d: Internal): Diagnostic => ({
  severity: d.severity,
  code: d.code,
  message: d.message,
  hint: d.hint ?? null,
  file: d.loc?.file ?? null,
  line: d.loc?.line ?? null,
  col: d.loc?.col ?? null,
});

const failed = (ds: Internal[]): Result<never> => ({ ok: false, value: null, diagnostics: ds.map(diag), exitCode: 2 });
const usageError = (code: string, message: string, hint?: string): Internal => ({
  severity: 'error',
  category: 'input',
  code,
  message,
  hint,
});
const plain = <T>(x: unknown): T => JSON.parse(JSON.stringify(x)) as T;

/** An exception from a bug is still a diagnostic, never a throw into the caller's code. */
function guarded<T>(f: () => Result<T>): Result<T> {
  try {
    return f();
  } catch (e) {
    return failed([usageError('internal-error', `compact-model: ${e instanceof Error ? e.message : String(e)}`)]);
  }
}

async function guardedAsync<T>(f: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await f();
  } catch (e) {
    return failed([usageError('internal-error', `compact-model: ${e instanceof Error ? e.message : String(e)}`)]);
  }
}

function open(file: string, o: Options): { scenario?: Scenario; diags: Internal[] } {
  const r = loadScenario(file, new Loader(o.cwd ?? process.cwd(), { roots: o.roots }));
  const usable = r.scenario && exitCodeFor(r.diags.items) !== 2;
  const s = usable ? (o.basis === undefined ? r.scenario : { ...r.scenario!, basis: o.basis }) : undefined;
  return { scenario: s, diags: r.diags.items };
}

/** Reads, validates and normalizes a scenario; its description as run's JSON has it. */
export function load(file: string, options: Options = {}): Result<ScenarioInfo> {
  return guarded(() => {
    const { scenario, diags } = open(file, options);
    if (!scenario) return failed(diags);
    const info = (toJson(evaluate(scenario, options.case ?? 'base')) as { scenario: ScenarioInfo }).scenario;
    return { ok: true, value: plain<ScenarioInfo>(info), diagnostics: diags.map(diag), exitCode: exitCodeFor(diags) };
  });
}

/** `run FILE --format json`, with the rules `check` applies (a failed one: exitCode 1). */
export function run(file: string, options: Options = {}): Result<RunResult> {
  return guarded(() => {
    const { scenario, diags } = open(file, options);
    if (!scenario) return failed(diags);
    const c: Case = options.case ?? 'base';
    const ev = evaluate(scenario, c);
    const rules = runRules(scenario, (k) => (k === c ? ev : evaluate(scenario, k)), { strictClaims: false });
    const errors = rules.diagnostics.filter((d) => d.severity === 'error');
    const all = [...diags, ...errors];
    return { ok: true, value: plain<RunResult>(toJson(ev, all)), diagnostics: all.map(diag), exitCode: exitCodeFor(all) };
  });
}

/** `compare FILES --format json`: files that cannot be used are diagnostics and left out (exitCode 2). */
export function compare(files: string[], options: CompareOptions = {}): Promise<Result<CompareResult>> {
  return guardedAsync(async () => {
    const p = await prepareComparison({ cwd: options.cwd ?? process.cwd(), env: process.env, roots: options.roots }, files, {
      baseline: options.baseline,
      case: options.case ?? 'base',
      metrics: options.metrics ?? [],
      simulate: options.simulate,
      seed: options.seed ?? 1,
      basis: options.basis,
    });
    const all = [...p.fileDiagnostics, ...p.usageDiagnostics];
    if (!p.cmp) return failed(all);
    const value = plain<CompareResult>(compareJson(p.cmp, p.unusable, p.sim));
    return { ok: true, value, diagnostics: all.map(diag), exitCode: p.code as 0 | 1 | 2 };
  });
}

/** `simulate FILE --format json` (seeded: the same seed and trials give the same result). */
export function simulate(file: string, options: SimulateOptions = {}): Promise<Result<SimulateResult>> {
  return guardedAsync(async () => {
    const { scenario, diags } = open(file, options);
    if (!scenario) return failed(diags);
    const trials = options.trials ?? 10_000;
    if (!Number.isSafeInteger(trials) || trials < 1)
      return failed([usageError('invalid-trials', `trials must be a whole number of at least 1 (got ${trials})`)]);
    const r = await simulateScenario(scenario, { trials, seed: options.seed ?? 1, workers: 1, workerScript: '' });
    const value = plain<SimulateResult>(simulateJson(scenario, r));
    return { ok: true, value, diagnostics: diags.map(diag), exitCode: exitCodeFor(diags) };
  });
}

/**
 * `solve FILE --goal GOAL [--vary INPUT] --format json`: with `vary`, the value of that input
 * that meets the goal (exitCode 1 when none does); without, what it would take.
 */
export function solve(file: string, options: SolveOptions = {}): Result<SolveResult> {
  return guarded(() => {
    if (options.vary !== undefined && options.goal === undefined)
      return failed([usageError('usage', 'vary needs a goal: what should hold once the input changes')]);
    const { scenario: s, diags } = open(file, options);
    if (!s) return failed(diags);
    const c: Case = options.case ?? 'base';
    const g = options.goal === undefined ? undefined : parseGoal(options.goal, s);
    if (g && !g.ok) return failed([usageError('invalid-goal', g.message, g.hint)]);
    const goal = g?.ok ? g.goal : undefined;
    const before = evaluate(s, c);
    const ok = (value: unknown, code: 0 | 1 | 2): Result<SolveResult> => ({
      ok: true,
      value: plain<SolveResult>(value),
      diagnostics: diags.map(diag),
      exitCode: Math.max(code, exitCodeFor(diags)) as 0 | 1 | 2,
    });
    if (options.vary === undefined) {
      const goals = goal ? (goalState(goal, before.measure).holds ? [] : [goal]) : failingGoals(before);
      const tests = goals.length ? whatItWouldTakeData(before, goals) : [];
      return ok(takeJson(before, tests), goal && !tests.every((t) => t.rows.length > 0) ? 1 : 0);
    }
    const located = findInput(s, options.vary);
    if (!located.ok) return failed([usageError('invalid-input', located.message, located.hint)]);
    const r = solveFor(s, goal!, located.fig, c, before);
    return ok(solveJson(r, writtenAs(s, located.fig)), r.status === 'unreachable' ? 1 : r.status === 'no-value' ? 2 : 0);
  });
}
