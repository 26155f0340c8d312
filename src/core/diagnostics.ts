// Errors a user can cause, as values: collected through the pipeline, never thrown,
// and rendered as `file:line:col: severity code: message`, the line, a caret, a hint.

export interface Loc {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
  /** Length of the span to underline (at least 1). */
  length?: number;
}

export type Severity = 'error' | 'warning';

/**
 * Exit status a diagnostic implies: `input` errors make the input unusable (exit 2);
 * `rule` errors are failed checks on usable input (exit 1).
 */
export type Category = 'input' | 'rule';

export interface Diagnostic {
  severity: Severity;
  category: Category;
  code: string;
  message: string;
  hint?: string;
  loc?: Loc;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];
  add(d: Diagnostic): void {
    this.items.push(d);
  }
  error(code: string, message: string, loc?: Loc, hint?: string, category: Category = 'input'): void {
    this.items.push({ severity: 'error', category, code, message, loc, hint });
  }
  warn(code: string, message: string, loc?: Loc, hint?: string): void {
    this.items.push({ severity: 'warning', category: 'rule', code, message, loc, hint });
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
  get hasInputErrors(): boolean {
    return this.items.some((d) => d.severity === 'error' && d.category === 'input');
  }
  errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }
}

/** Compares strings by code point: unlike localeCompare, the same on every machine and locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order: by file, line, column, then code, so output bytes do not depend on stage order. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      byCodePoint(a.loc?.file ?? '', b.loc?.file ?? '') ||
      (a.loc?.line ?? 0) - (b.loc?.line ?? 0) ||
      (a.loc?.col ?? 0) - (b.loc?.col ?? 0) ||
      byCodePoint(a.code, b.code) ||
      byCodePoint(a.message, b.message),
  );
}

/** Exit code for a set of diagnostics: 2 unusable input, 1 failed rule, 0 fine. */
export function exitCodeFor(ds: Diagnostic[]): 0 | 1 | 2 {
  if (ds.some((d) => d.severity === 'error' && d.category === 'input')) return 2;
  if (ds.some((d) => d.severity === 'error')) return 1;
  return 0;
}

/** Edit distance for did-you-mean hints. */
export function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * An optional package a command needs is not installed (exceljs for `--format xlsx`): the
 * CLI reports it as a usage error (exit 2) with how to install it, not as a crash.
 */
export class MissingPackage extends Error {
  constructor(
    readonly pkg: string,
    readonly hint: string,
  ) {
    super(`${pkg} is not installed`);
  }
}
