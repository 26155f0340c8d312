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

/**
 * Breaks text at spaces into lines of at most `width` code points, continuation lines
 * indented by `indent`; a word never breaks (a path or a metric stays whole, and findable).
 */
export function hang(s: string, width: number | undefined, indent: string): string[] {
  if (width === undefined) return [s];
  const out: string[] = [];
  const lead = /^ */.exec(s)![0];
  let line = lead;
  for (const word of s.slice(lead.length).split(' ')) {
    const room = width - (out.length ? [...indent].length : 0);
    if (line.trim() && [...line].length + 1 + [...word].length > room) {
      out.push(line);
      line = word;
    } else line = line.trim() ? `${line} ${word}` : line + word;
  }
  out.push(line);
  return out.map((l, i) => (i ? indent + l : l));
}

/**
 * The excerpt of a source line shown under a diagnostic, cut to `room` code points with
 * an ellipsis either side so that the caret's span stays in view.
 */
function excerpt(shown: string[], col: number, len: number, room: number | undefined): { text: string; col: number } {
  if (room === undefined || shown.length <= room) return { text: shown.join(''), col };
  room = Math.max(room, 10);
  // Start at the line's beginning when the caret fits; else a third of the room before it.
  let start = col - 1 + len <= room - 1 ? 0 : Math.max(0, col - 1 - Math.floor(room / 3));
  const lead = start > 0 ? 1 : 0;
  let end = start + room - lead;
  if (end < shown.length) end -= 1;
  else {
    end = shown.length;
    start = Math.max(0, Math.min(start, end - (room - 1)));
  }
  const text = `${start > 0 ? '…' : ''}${shown.slice(start, end).join('')}${end < shown.length ? '…' : ''}`;
  return { text, col: col - start + (start > 0 ? 1 : 0) };
}

/**
 * One diagnostic for a person. With `width`, the message and the hint wrap at spaces and
 * a long source line is cut around the caret, so no line is wider (a word longer than the
 * line, such as a long path, stays whole); without it each stays on one line.
 */
export function renderDiagnostic(d: Diagnostic, sources: Map<string, string>, c?: ChalkInstance, width?: number): string {
  const sevWord = d.severity === 'error' ? 'error' : 'warning';
  const sev = c ? (d.severity === 'error' ? c.red.bold(sevWord) : c.yellow.bold(sevWord)) : sevWord;
  // File names, messages and hints carry text from the scenario and the command line:
  // shown with every control and bidi character made visible, each on its one line.
  const where = d.loc ? `${forTerminal(d.loc.file)}:${d.loc.line}:${d.loc.col}: ` : '';
  const head = hang(`${where}${sevWord} ${forTerminal(d.code)}: ${forTerminal(d.message)}`, width, '    ');
  // The severity word is coloured where it sits, on the first line (the location has no spaces).
  head[0] = head[0]!.replace(`${where}${sevWord}`, `${where}${sev}`);
  const lines = [...head];
  // `sources` holds only files that may be quoted (the loader leaves out what did not
  // parse as a scenario); the line is made visible too, the caret moved to match.
  const text = d.loc ? sources.get(d.loc.file) : undefined;
  if (d.loc && text !== undefined) {
    const src = linesOf(text)[d.loc.line - 1];
    if (src !== undefined && src.length <= 500) {
      const num = String(d.loc.line);
      const pad = ' '.repeat(num.length);
      const show = (s: string) => [...forTerminal(s.replace(/\t/g, ' '))];
      const shown = show(src);
      const col = show(src.slice(0, Math.max(0, d.loc.col - 1))).length + 1;
      const span = show(src.slice(d.loc.col - 1, d.loc.col - 1 + (d.loc.length ?? 1))).length;
      const room = width === undefined ? undefined : width - num.length - 4;
      const len0 = Math.max(1, Math.min(span, shown.length - col + 1));
      const ex = excerpt(shown, col, len0, room);
      const len = room === undefined ? len0 : Math.max(1, Math.min(len0, room - ex.col + 1));
      lines.push(` ${num} | ${ex.text}`);
      lines.push(` ${pad} | ${' '.repeat(Math.max(0, ex.col - 1))}${c ? c.red('^'.repeat(len)) : '^'.repeat(len)}`);
    }
  }
  if (d.hint) lines.push(...hang(`  = hint: ${forTerminal(d.hint)}`, width, '    '));
  return lines.join('\n');
}

/** Diagnostics for a person, in the file's order; `width` as for renderDiagnostic. */
export function renderDiagnostics(ds: Diagnostic[], sources: Map<string, string>, c?: ChalkInstance, width?: number): string {
  return (
    sortDiagnostics(ds)
      .map((d) => renderDiagnostic(d, sources, c, width))
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
