// Escaping for the three places the review prints untrusted text (file names, messages
// from scenario files): markdown, raw HTML inside markdown, and GitHub workflow commands.
import { forMarkdown } from '../core/text.js';

/**
 * Text for markdown (table cells, list items): the CLI's own escaping (core/text.ts), so the
 * comment and the summary treat a name exactly as `diff --format markdown` does (bidi
 * controls such as U+202E shown as `\u{202e}`, no markup, no HTML, no mentions, one line).
 */
export function md(s: string): string {
  return forMarkdown(s);
}

/** Text inside raw HTML (<pre>, <summary>): entities, so nothing can close the element early. */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@/g, '&#64;&#8203;').replace(/\r/g, '\\r');
}

/** A workflow command's data (GitHub's runner: %, \r, \n). */
export function cmdData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also : and , (they separate properties). */
export function cmdProp(s: string): string {
  return cmdData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
