// The document a scenario cites (`sources:` with a local `file:`), read so `explain` can
// show the line a citation such as "l.581" names. The path comes from a scenario, so it
// is untrusted: only a regular file is read, at most MAX_CITED_BYTES of it, never
// through a device or a FIFO, and its text is returned as it is (callers escape it for
// the place they print it). A file that cannot be read is not an error: the caller says
// so once and carries on.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

/** A cited document larger than this is not read (a report is a few hundred KB). */
export const MAX_CITED_BYTES = 8 * 1024 * 1024;

export type CitedDocument =
  | { ok: true; path: string; lines: string[] }
  | { ok: false; path: string; why: 'missing' | 'not-a-file' | 'too-large' | 'unreadable' | 'not-text' };

/**
 * Reads `file` as written in a scenario, relative to `declaredIn` (the display name of the
 * file that declares it, itself relative to `cwd`), and splits it into lines.
 */
export function readCitedDocument(cwd: string, declaredIn: string, file: string): CitedDocument {
  const path = isAbsolute(file) ? file : resolve(cwd, dirname(declaredIn), file);
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, path, why: 'not-a-file' };
    if (st.size > MAX_CITED_BYTES) return { ok: false, path, why: 'too-large' };
  } catch (e) {
    return { ok: false, path, why: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return { ok: false, path, why: 'unreadable' };
  }
  try {
    // Checked again once open: the path may have been swapped for a FIFO or a device.
    if (!fstatSync(fd).isFile()) return { ok: false, path, why: 'not-a-file' };
    const buf = Buffer.alloc(MAX_CITED_BYTES + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > MAX_CITED_BYTES) return { ok: false, path, why: 'too-large' };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n));
    } catch {
      return { ok: false, path, why: 'not-text' };
    }
    if (text.includes('\u0000')) return { ok: false, path, why: 'not-text' };
    return { ok: true, path, lines: text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/) };
  } catch {
    return { ok: false, path, why: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}
