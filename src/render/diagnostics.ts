// Diagnostics for people: `file:line:col: severity code: message`, the offending line
// with a caret under the spot, and a hint. Also GitHub annotations and JSON for CI.
import type { Diagnostic } from '../core/diagnostics.js';
import { sortDiagnostics } from '../core/diagnostics.js';
import type { ChalkInstance } from 'chalk';
import { forTerminal, forWorkflowData, forWorkflowProperty } from '../core/text.js';

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
  // File names, messages and hints carry text from the scenario and the command line:
  // shown with every control and bidi character made visible, each on its one line.
  const where = d.loc ? `${forTerminal(d.loc.file)}:${d.loc.line}:${d.loc.col}: ` : '';
  const lines = [`${where}${sev} ${forTerminal(d.code)}: ${forTerminal(d.message)}`];
  // `sources` holds only files that may be quoted (the loader leaves out what did not
  // parse as a scenario); the line is made visible too, the caret moved to match.
  const text = d.loc ? sources.get(d.loc.file) : undefined;
  if (d.loc && text !== undefined) {
    const src = linesOf(text)[d.loc.line - 1];
    if (src !== undefined && src.length <= 500) {
      const num = String(d.loc.line);
      const pad = ' '.repeat(num.length);
      const show = (s: string) => forTerminal(s.replace(/\t/g, ' '));
      const shown = show(src);
      const col = show(src.slice(0, Math.max(0, d.loc.col - 1))).length + 1;
      const span = show(src.slice(d.loc.col - 1, d.loc.col - 1 + (d.loc.length ?? 1))).length;
      const len = Math.max(1, Math.min(span, shown.length - col + 1));
      lines.push(` ${num} | ${shown}`);
      lines.push(` ${pad} | ${' '.repeat(Math.max(0, col - 1))}${c ? c.red('^'.repeat(len)) : '^'.repeat(len)}`);
    }
  }
  if (d.hint) lines.push(`  = hint: ${forTerminal(d.hint)}`);
  return lines.join('\n');
}

export function renderDiagnostics(ds: Diagnostic[], sources: Map<string, string>, c?: ChalkInstance): string {
  return (
    sortDiagnostics(ds)
      .map((d) => renderDiagnostic(d, sources, c))
      .join('\n\n') + (ds.length ? '\n' : '')
  );
}

/**
 * GitHub Actions workflow commands, one line each: properties and the message escaped as
 * the runner unescapes them (so no text can end the line and start another command),
 * with other control characters made visible.
 */
export function renderGithub(ds: Diagnostic[]): string {
  return (
    sortDiagnostics(ds)
      .map((d) => {
        const loc = d.loc ? `file=${forWorkflowProperty(d.loc.file)},line=${d.loc.line},col=${d.loc.col},` : '';
        return `::${d.severity === 'error' ? 'error' : 'warning'} ${loc}title=${forWorkflowProperty(d.code)}::${forWorkflowData(d.message + (d.hint ? ` (hint: ${d.hint})` : ''))}`;
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
