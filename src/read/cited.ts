// The document a scenario cites (`sources:` with a local `file:`), read so `explain` can
// show the line a citation such as "l.581" names. The path comes from a scenario, so it
// is untrusted: it is read by the one input reader (core/files.ts) and only when its real
// path is inside the citing scenario's tree or a --root folder (never `.git/config`,
// never `/etc/passwd`), at most MAX_CITED_BYTES of it; its text is returned as it is
// (callers escape it for the place they print it). A file that cannot be read is not an
// error: the caller says why once, quoting nothing of it, and carries on.
import { dirname, isAbsolute, resolve } from 'node:path';
import { readInputFile, treeOfName } from '../core/files.js';

/** A cited document larger than this is not read (a report is a few hundred KB). */
export const MAX_CITED_BYTES = 8 * 1024 * 1024;

export type CitedDocument =
  | { ok: true; path: string; lines: string[] }
  | {
      ok: false;
      path: string;
      why: 'missing' | 'not-a-file' | 'too-large' | 'unreadable' | 'not-text' | 'outside-tree' | 'in-git-dir';
    };

/**
 * Reads `file` as written in a scenario, relative to `declaredIn` (the display name of the
 * file that declares it, itself relative to `cwd`), and splits it into lines. `roots`: real
 * folders (--root) it may also be in, besides the declaring scenario's tree.
 */
export function readCitedDocument(cwd: string, declaredIn: string, file: string, roots: readonly string[] = []): CitedDocument {
  const path = isAbsolute(file) ? file : resolve(cwd, dirname(declaredIn), file);
  const tree = treeOfName(resolve(cwd, declaredIn));
  const got = readInputFile(path, { cap: MAX_CITED_BYTES, roots: [tree, ...roots], onlyRoots: true });
  if (!got.ok) return { ok: false, path, why: got.why === 'directory' ? 'not-a-file' : got.why };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(got.buf);
  } catch {
    return { ok: false, path, why: 'not-text' };
  }
  if (text.includes('\u0000')) return { ok: false, path, why: 'not-text' };
  return { ok: true, path, lines: text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/) };
}
