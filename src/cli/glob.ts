// File patterns on the command line (`compare 'scenarios/*.yaml'`): a shell expands them
// unquoted; quoted (or on Windows), they are expanded here. `*` and `?` match within one
// folder name, `**` any folders; matches are files, sorted by code point. A name without
// a wildcard is kept as written (a missing file is then the loader's diagnostic).
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { byCodePoint } from '../core/diagnostics.js';

const WILD = /[*?]/;

function segmentRegex(seg: string): RegExp {
  const body = seg
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

function list(dir: string): { name: string; dir: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((d) => ({
      name: d.name,
      dir: d.isDirectory() || (d.isSymbolicLink() && isDir(join(dir, d.name))),
    }));
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Files matching `segs` under `base` (`rel` the path as the user wrote it so far). */
function walk(cwd: string, rel: string, segs: string[], out: string[]): void {
  const abs = (r: string) => (isAbsolute(r) ? r : join(cwd, r));
  const at = (name: string) => (rel === '' ? name : rel.endsWith('/') ? `${rel}${name}` : `${rel}/${name}`);
  const [seg, ...rest] = segs;
  if (seg === undefined) return;
  if (seg === '**') {
    walk(cwd, rel, rest, out);
    for (const e of list(abs(rel || '.'))) if (e.dir && !e.name.startsWith('.')) walk(cwd, at(e.name), segs, out);
    return;
  }
  if (!WILD.test(seg)) {
    const next = at(seg);
    if (rest.length) walk(cwd, next, rest, out);
    else if (!isDir(abs(next)) && out.indexOf(next) < 0) {
      try {
        statSync(abs(next));
        out.push(next);
      } catch {
        // not there: no match
      }
    }
    return;
  }
  const re = segmentRegex(seg);
  for (const e of list(abs(rel || '.'))) {
    if (!re.test(e.name) || (e.name.startsWith('.') && !seg.startsWith('.'))) continue;
    if (rest.length) {
      if (e.dir) walk(cwd, at(e.name), rest, out);
    } else if (!e.dir && !out.includes(at(e.name))) out.push(at(e.name));
  }
}

/** Each argument, expanded when it holds a wildcard; `unmatched` lists patterns that matched nothing. */
export function expandPatterns(cwd: string, args: string[]): { files: string[]; unmatched: string[] } {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const a of args) {
    if (!WILD.test(a)) {
      if (!files.includes(a)) files.push(a);
      continue;
    }
    const found: string[] = [];
    const root = a.startsWith('/') ? '/' : '';
    walk(
      cwd,
      root,
      a.split('/').filter((s, i) => s !== '' || i > 0),
      found,
    );
    if (!found.length) unmatched.push(a);
    for (const f of found.sort(byCodePoint)) if (!files.includes(f)) files.push(f);
  }
  return { files, unmatched };
}
