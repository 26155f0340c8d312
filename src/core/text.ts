// Untrusted text (names, labels, notes, sources, file names, revisions: anything a
// scenario or the command line supplies) made visible and inert for each place it is
// printed. Small pure functions, one per sink; renderers call them on every such text.
//
// "Visible" means a character that could move the cursor, start an escape sequence,
// reorder the line (bidi controls) or hide itself is written as `\u{1b}`, `\u{202e}`:
// the reader sees that something odd is there, and nothing reaches the terminal or
// the page that could act on it.

/**
 * Characters never printed raw: C0 controls, DEL, C1 controls (U+0080-009F: \u009b is a
 * one-byte CSI, \u009d an OSC), the soft hyphen, zero-width and direction marks
 * (U+200B-200F, U+061C), line and paragraph separators (U+2028-2029), bidi embeddings,
 * overrides and isolates (U+202A-202E, U+2066-2069), other invisible format characters
 * (U+2060-206F), interlinear annotations (U+FFF9-FFFB) and the byte-order mark.
 * Tab (harmless) and LF (a caller may allow it) are decided separately.
 */
const HIDDEN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** `\u{1b}`: the code point in lower-case hex, the form JavaScript and Rust accept. */
export function escapeChar(c: string): string {
  return `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

/** Whether `s` holds a character the sinks below would escape (LF and tab aside). */
export function hasHidden(s: string): boolean {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(s);
  HIDDEN.lastIndex = 0;
  return found;
}

export interface TerminalOptions {
  /** Keep LF as a line break (a multi-line note in a table cell); otherwise it is shown as `\u{a}`. */
  newlines?: boolean;
}

/**
 * For a terminal (tables, diagnostics, messages): every control, bidi and invisible
 * character shown as `\u{...}`; a lone or paired CR always (it would rewrite the line);
 * LF only where the caller allows it; tab kept.
 */
export function forTerminal(s: string, opts: TerminalOptions = {}): string {
  const out = s.replace(HIDDEN, escapeChar);
  return opts.newlines ? out : out.replace(/\n/g, escapeChar);
}

/**
 * One line of plain log output a GitHub Actions runner reads (the `check` summary, any
 * line that is not itself a workflow command): terminal-safe, on one line, and never
 * starting like a command (`::` or the older `##[`), so a file name cannot forge one.
 */
export function forWorkflowLog(s: string): string {
  const line = forTerminal(s);
  return line.replace(/^(\s*)([:#])(?=:|#\[)/, (_, ws: string, c: string) => ws + escapeChar(c));
}

/**
 * The message part of a workflow command (`::error file=...::MESSAGE`), escaped as the
 * runner unescapes it (`%`, CR, LF), with other controls made visible.
 */
export function forWorkflowData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(HIDDEN, escapeChar);
}

/** A property of a workflow command (`file=`, `title=`): as data, and `:` and `,` too. */
export function forWorkflowProperty(s: string): string {
  return forWorkflowData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Inline Markdown text (a table cell, a heading, a sentence in a pull-request comment):
 * stays on its line (CR and LF shown as `\u{d}`, `\u{a}`: a lone CR is a line break to
 * CommonMark), cannot open raw HTML or a comment (`<`, `>` and `&` as entities, so
 * `<!--` hides nothing), a code span, emphasis, a link or a table cell (backslash-escaped
 * punctuation), cannot start a heading or quote, and mentions nobody (`@` followed by a
 * zero-width space, so `@user` notifies no one and `@org/team` pings no team).
 */
export function forMarkdown(s: string): string {
  const md = s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-]|\d+[.)])(?=\s|$)/, (_, ws: string, m: string) => `${ws}\\${m}`)
    .replace(/^(\s*)#/, '$1\\#');
  // Controls shown with a doubled backslash: Markdown renders `\\u{1b}` as `\u{1b}`.
  return md
    .replace(/[\r\n]/g, (c) => `\\${escapeChar(c)}`)
    .replace(HIDDEN, (c) => `\\${escapeChar(c)}`)
    .replace(/@/g, '@\u200b');
}

/**
 * A CSV field's text before quoting: controls and bidi characters made visible (a
 * spreadsheet or `cat` shows them otherwise), LF kept (quoted fields may hold it), CR shown.
 */
export function forCsvText(s: string): string {
  return forTerminal(s, { newlines: true });
}

/**
 * JSON for a `<script type="application/json">` block of an HTML page: `<`, `>` and `&`
 * as \u escapes (so no `</script>` or `<!--` can end or change the block), and U+2028 /
 * U+2029 too (older parsers treat them as line ends). JSON.parse reads it back unchanged.
 */
export function forScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
