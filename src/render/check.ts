// Renders the result of `check`: for people, errors first, then warnings, then one line
// per file for the published claims that do not hold (each in full with --verbose), and a
// one-line summary per file; the same order as GitHub annotations; and the
// `check --format json` document (version 1), always complete.
import { diagnosticsJson, hang, renderDiagnostics, renderGithub } from './diagnostics.js';
import type { CheckResult, FileCheck } from '../check/check.js';
import { RULES } from '../check/rules.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import type { ChalkInstance } from 'chalk';
import { forTerminal, forWorkflowData, forWorkflowLog, forWorkflowProperty } from '../core/text.js';

export const CHECK_JSON_VERSION = 1;

export interface CheckShowOptions {
  /** Every claim warning in full, not one line per file. */
  verbose: boolean;
  /** Wrap lines to this many columns (none: each item on its one line, for logs and grep). */
  width?: number;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function counts(f: FileCheck): { errors: number; warnings: number } {
  const errors = f.diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: f.diagnostics.length - errors };
}

/** A claim that does not hold is a warning (unless --strict-claims): summarized per file. */
const isClaimWarning = (d: Diagnostic) => d.code === RULES.claim && d.severity === 'warning';

/** The diagnostics shown one by one: errors first, then warnings (claim warnings only if verbose). */
function shown(r: CheckResult, verbose: boolean): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const ds = verbose ? r.diagnostics : r.diagnostics.filter((d) => !isClaimWarning(d));
  return { errors: ds.filter((d) => d.severity === 'error'), warnings: ds.filter((d) => d.severity !== 'error') };
}

/** The files with claim warnings, each with the ids of its claims that do not hold. */
function claimSummaries(r: CheckResult): { file: string; notHeld: string[]; total: number }[] {
  return r.files.flatMap((f) =>
    f.report && f.diagnostics.some(isClaimWarning)
      ? [{ file: f.file, notHeld: f.report.claims.notHeld, total: f.report.claims.total }]
      : [],
  );
}

/** What `check` writes to stderr for people: diagnostics, then the claim lines. */
export function checkDiagnosticsText(r: CheckResult, o: CheckShowOptions, c?: ChalkInstance): string {
  const { errors, warnings } = shown(r, o.verbose);
  const blocks = [errors, warnings].filter((ds) => ds.length).map((ds) => renderDiagnostics(ds, r.sources, c, o.width));
  const claims = o.verbose ? [] : claimSummaries(r);
  if (claims.length) {
    const lines = claims.flatMap((s) => hang(`${forTerminal(s.file)}: ${M.claimsNotHeld(s.notHeld, s.total)}`, o.width, '    '));
    lines.push(...hang(`(${M.claimsVerboseHint})`, o.width, ' '));
    blocks.push(`${lines.map((l) => (c ? c.yellow(l) : l)).join('\n')}\n`);
  }
  return blocks.join('\n');
}

/** GitHub annotations: errors, then warnings, then one warning per file for its claims (unless verbose). */
export function checkGithub(r: CheckResult, o: CheckShowOptions): string {
  const { errors, warnings } = shown(r, o.verbose);
  const claims = o.verbose ? [] : claimSummaries(r);
  return (
    renderGithub(errors) +
    renderGithub(warnings) +
    claims
      .map(
        (s) =>
          `::warning file=${forWorkflowProperty(s.file)},title=${RULES.claim}::${forWorkflowData(`${M.claimsNotHeld(s.notHeld, s.total)} (${M.claimsVerboseHint})`)}\n`,
      )
      .join('')
  );
}

export function checkSummary(r: CheckResult, c?: ChalkInstance, width?: number): string {
  const lines = r.files.flatMap((f) => {
    const { errors, warnings } = counts(f);
    const status = f.status === 'ok' ? 'ok' : f.status === 'failed' ? 'FAILED' : 'UNUSABLE';
    const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
    if (f.report) {
      const { assertions: a, totals: t, claims: cl } = f.report;
      parts.push(
        `assertions ${a.hold}/${a.total} hold`,
        `declared totals ${t.hold}/${t.total} match`,
        `claims ${cl.hold}/${cl.total} hold${cl.identity ? ` (${cl.identity} more ${cl.identity === 1 ? 'is an identity' : 'are identities'})` : ''}`,
      );
    }
    // A file name is untrusted (git stores names with newlines and ESC): shown visibly,
    // on its one line, and never starting like a workflow command (`::`, `##[`), since
    // this summary follows the annotations in `--format github`.
    const name = forWorkflowLog(f.file);
    const out = hang(`${name}: ${status} (${parts.join(', ')})`, width, '    ');
    if (c) out[0] = out[0]!.replace(`${name}: ${status}`, `${name}: ${f.status === 'ok' ? c.green(status) : c.red.bold(status)}`);
    return out;
  });
  const bad = r.files.filter((f) => f.status !== 'ok').length;
  lines.push(
    ...hang(
      `checked ${plural(r.files.length, 'file')}: ${bad === 0 ? 'all ok' : `${bad} not ok`} (exit ${r.exitCode})`,
      width,
      '    ',
    ),
  );
  return lines.join('\n') + '\n';
}

export function checkJson(r: CheckResult, strictClaims: boolean): unknown {
  return {
    version: CHECK_JSON_VERSION,
    exitCode: r.exitCode,
    strictClaims,
    files: r.files.map((f) => ({
      file: f.file,
      status: f.status,
      exitCode: f.exitCode,
      ...counts(f),
      assertions: f.report?.assertions ?? null,
      totals: f.report?.totals ?? null,
      claims: f.report?.claims ?? null,
      diagnostics: diagnosticsJson(f.diagnostics),
    })),
  };
}
