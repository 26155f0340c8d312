// The review's `fail-if` input: thresholds, one per line, each for every file, or per glob
// under a header line that ends in a colon:
//
//   budgetCost.US > +100            every scenario
//   targets.*: must-not-flip        every scenario
//   scenarios/five-year/**:         a glob header: the indented lines below are for its files
//     budgetCost.IL > +50
//
// Each threshold is parsed here once (so a mistake is reported before any file is read,
// and the old unsigned form warns once, not once per file), then handed to `diff --fail-if`.
import { parseThreshold, type Threshold } from '../measure/thresholds.js';
import { globRegex } from './changes.js';

export interface Rule {
  /** The glob it is for; undefined for every file. */
  glob?: string;
  match: (path: string) => boolean;
  t: Threshold;
}

export interface FailIf {
  rules: Rule[];
  /** One message per line that is not a threshold. */
  errors: string[];
  /** One message per threshold written in the deprecated unsigned form. */
  warnings: string[];
}

const HEADER = /^(\S+):\s*$/;

export function parseFailIf(input: string | undefined): FailIf {
  const out: FailIf = { rules: [], errors: [], warnings: [] };
  let section: { glob: string; re: RegExp } | undefined;
  for (const raw of (input ?? '').split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indented = /^\s/.test(line);
    const header = HEADER.exec(line.trim());
    if (!indented && header) {
      section = { glob: header[1]!, re: globRegex(header[1]!) };
      continue;
    }
    if (!indented) section = undefined;
    const t = parseThreshold(line.trim());
    if (!t) {
      out.errors.push(
        `fail-if "${line.trim()}" is not a threshold: write METRIC OP +CHANGE (budgetCost.US > +100, headlineMobilization < -5%), METRIC OP AMOUNT level (budgetCost.US > 4.5B level) or VERDICT: must-not-flip`,
      );
      continue;
    }
    if (t.form === 'change' && t.legacy)
      out.warnings.push(
        `fail-if "${t.text}": an unsigned limit is read as a change, as before; this form is deprecated and will mean a level: write "+${t.limit.toPlain()}" for a change or add "level" for the figure itself`,
      );
    const s = section;
    out.rules.push(s ? { glob: s.glob, match: (p) => s.re.test(p), t } : { match: () => true, t });
  }
  return out;
}

/** The thresholds for one file, as `diff --fail-if` arguments. */
export function failIfArgs(f: FailIf, path: string, only?: (t: Threshold) => boolean): string[] {
  return f.rules.filter((r) => r.match(path) && (!only || only(r.t))).flatMap((r) => ['--fail-if', r.t.text]);
}
