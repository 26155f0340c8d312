// The shapes the review reads from the CLI's JSON (check, diff) and keeps per file.
import type { Entry } from './changes.js';

export interface Row {
  metric: string;
  scope: string;
  path: string;
  base: string | null;
  alt: string | null;
  change: string | null;
}

export interface ThresholdJson {
  expression: string;
  applies: boolean;
  crossed: boolean;
  why?: string;
  form?: string;
  change?: string | null;
  base?: string | null;
  alt?: string | null;
  flipped?: { path: string; base: boolean | null; alt: boolean | null }[];
}

export interface DiffJson {
  /** `amounts`: "USD millions", "EUR millions": the plan's currency, in which every amount is. */
  units?: { amounts?: string };
  base: { file: string };
  summary: { text: string };
  headline: Row[];
  claims: { id: string; changed: boolean; alt: { holds: boolean } | null }[];
  thresholds: ThresholdJson[];
}

export interface CheckDiag {
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
  /** An added file's parent, as compared with (e.g. scenarios/compact-2026.yaml at the base). */
  parent?: string;
  diff?: DiffJson;
  /** The currency of the file's figures (from the CLI's JSON), undefined when none was read. */
  currency?: string;
  /** One side only, no `extends`: its figures from `run`. */
  alone?: { headline: string; budget: [string, string][] };
  markdown: string;
  exitCode: number;
  error?: string;
  crossed: ThresholdJson[];
  /** Claims this change made stop holding (ids). */
  broken: Set<string>;
}
