// Renders the result of `check`: a one-line summary per file (text and github formats)
// and the `check --format json` document (version 1).
import { diagnosticsJson } from './diagnostics.js';
import type { CheckResult, FileCheck } from '../check/check.js';
import type { ChalkInstance } from 'chalk';
import { forWorkflowLog } from '../core/text.js';

export const CHECK_JSON_VERSION = 1;

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function counts(f: FileCheck): { errors: number; warnings: number } {
  const errors = f.diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: f.diagnostics.length - errors };
}

export function checkSummary(r: CheckResult, c?: ChalkInstance): string {
  const lines = r.files.map((f) => {
    const { errors, warnings } = counts(f);
    const status = f.status === 'ok' ? 'ok' : f.status === 'failed' ? 'FAILED' : 'UNUSABLE';
    const shown = c ? (f.status === 'ok' ? c.green(status) : c.red.bold(status)) : status;
    const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
    if (f.report) {
      const { assertions: a, totals: t, claims: cl } = f.report;
      parts.push(
        `assertions ${a.hold}/${a.total} hold`,
        `declared totals ${t.hold}/${t.total} match`,
        `claims ${cl.hold}/${cl.total} hold`,
      );
    }
    // A file name is untrusted (git stores names with newlines and ESC): shown visibly,
    // on its one line, and never starting like a workflow command (`::`, `##[`), since
    // this summary follows the annotations in `--format github`.
    return `${forWorkflowLog(f.file)}: ${shown} (${parts.join(', ')})`;
  });
  const bad = r.files.filter((f) => f.status !== 'ok').length;
  lines.push(`checked ${plural(r.files.length, 'file')}: ${bad === 0 ? 'all ok' : `${bad} not ok`} (exit ${r.exitCode})`);
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
