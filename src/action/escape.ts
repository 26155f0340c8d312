// Escaping for the three places the review prints untrusted text (file names, messages
// from scenario files): markdown, raw HTML inside markdown, and GitHub workflow commands.

/** Text for markdown (table cells, list items): no markup, no HTML, no mentions, no line breaks. */
export function md(s: string): string {
  return s
    .replace(/[\\`*_{}[\]<>()#+!|~"':;=?^$]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/@/g, '@&#8203;')
    .replace(/\r/g, '\\\\r')
    .replace(/\n/g, '\\\\n')
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
