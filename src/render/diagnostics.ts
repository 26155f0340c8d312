// Diagnostics for people: `file:line:col: severity code: message`, the offending line
// with a caret under the spot, and a hint. Also GitHub annotations and JSON for CI.
import type { Diagnostic } from '../core/diagnostics.js';
import { sortDiagnostics } from '../core/diagnostics.js';
import type { ChalkInstance } from 'chalk';

// check renders thousands of diagnostics over a few shared files: split each text once.
let lastText: string | undefined;
let lastLines: string[] = [];
function linesOf(text: string): string[] {
  if (text !== lastText) {
    lastText = text;
    lastLines = text.split(/\r?\n/);
  }
  return lastLines;
}

export function renderDiagnostic(d: Diagnostic, sources: Map<string, string>, c?: ChalkInstance): string {
  const sev = d.severity === 'error' ? (c ? c.red.bold('error') : 'error') : c ? c.yellow.bold('warning') : 'warning';
  const where = d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.col}: ` : '';
  const lines = [`${where}${sev} ${d.code}: ${d.message}`];
  const text = d.loc ? sources.get(d.loc.file) : undefined;
  if (d.loc && text !== undefined) {
    const src = linesOf(text)[d.loc.line - 1];
    if (src !== undefined && src.length <= 500) {
      const num = String(d.loc.line);
      const pad = ' '.repeat(num.length);
      const shown = src.replace(/\t/g, ' ');
      const len = Math.max(1, Math.min(d.loc.length ?? 1, shown.length - d.loc.col + 1));
      lines.push(` ${num} | ${shown}`);
      lines.push(` ${pad} | ${' '.repeat(Math.max(0, d.loc.col - 1))}${c ? c.red('^'.repeat(len)) : '^'.repeat(len)}`);
    }
  }
  if (d.hint) lines.push(`  = hint: ${d.hint}`);
  return lines.join('\n');
}

export function renderDiagnostics(ds: Diagnostic[], sources: Map<string, string>, c?: ChalkInstance): string {
  return (
    sortDiagnostics(ds)
      .map((d) => renderDiagnostic(d, sources, c))
      .join('\n\n') + (ds.length ? '\n' : '')
  );
}

/** GitHub Actions workflow commands, one line each; properties escaped per the runner's rules. */
export function renderGithub(ds: Diagnostic[]): string {
  const prop = (s: string) =>
    s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return (
    sortDiagnostics(ds)
      .map((d) => {
        const loc = d.loc ? `file=${prop(d.loc.file)},line=${d.loc.line},col=${d.loc.col},` : '';
        return `::${d.severity === 'error' ? 'error' : 'warning'} ${loc}title=${prop(d.code)}::${data(d.message + (d.hint ? ` (hint: ${d.hint})` : ''))}`;
      })
      .join('\n') + (ds.length ? '\n' : '')
  );
}

export function diagnosticsJson(ds: Diagnostic[]): unknown[] {
  return sortDiagnostics(ds).map((d) => ({
    severity: d.severity,
    category: d.category,
    code: d.code,
    message: d.message,
    hint: d.hint ?? null,
    file: d.loc?.file ?? null,
    line: d.loc?.line ?? null,
    col: d.loc?.col ?? null,
  }));
}
