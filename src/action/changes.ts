// What a pull request changed: the scenario files added (A), modified (M), deleted (D),
// renamed (R) since the merge base, and the unchanged ones whose `extends` chain runs
// through a changed file (E). Read with git's plumbing, names verbatim (-z).
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { MAX_INPUT_BYTES, readInputFile } from '../core/files.js';
import { runGit, workTreeRoot } from '../core/git.js';
import { M } from '../core/messages.js';

export type Status = 'A' | 'M' | 'D' | 'R' | 'E';

export interface Entry {
  status: Status;
  path: string;
  from?: string;
}

export class SetupError extends Error {}

/** git on the repository whose work tree is `root`, run the one hardened way (core/git.ts). */
export function git(root: string, args: string[]): string {
  return runGit(root, args, { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
}

/** A file of the checkout, read as the CLI reads scenarios; a refusal as the CLI words it. */
export function readInput(root: string, path: string): { ok: true; text: string } | { ok: false; message: string } {
  const got = readInputFile(join(root, path), { cap: MAX_INPUT_BYTES });
  if (got.ok) return { ok: true, text: got.buf.toString('utf8') };
  return { ok: false, message: M.inputRefused(path, got.why, got.code, got.size, MAX_INPUT_BYTES) };
}

function nulList(s: string): string[] {
  return s.split('\0').filter((x) => x !== '');
}

/** A glob as a regular expression over repository-relative paths: `**` any folders, `*` and `?` within one, `{a,b}`. */
export function globRegex(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      i++;
      if (g[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${g
          .slice(i + 1, end)
          .split(',')
          .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** The path a file's `extends` names, relative to the repository root, or undefined (none, or a shipped short name). */
export function extendsOf(text: string, file: string): string | undefined {
  try {
    const doc = parseYaml(text, { uniqueKeys: false });
    const ext = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).extends : undefined;
    return typeof ext === 'string' && ext.trim() !== '' ? posix.normalize(posix.join(posix.dirname(file), ext)) : undefined;
  } catch {
    return undefined;
  }
}

export interface Repo {
  root: string;
  /** The revision compared with: the merge base of the base and HEAD. */
  rev: string;
}

/** The repository root and the merge base; a base that is not a commit is a setup error. */
export function openRepo(cwd: string, baseRef: string): Repo {
  // Found by its `.git` entry, never by asking git inside a folder the pull request wrote.
  const root = workTreeRoot(cwd);
  if (!root) throw new SetupError(`${cwd} is not inside a git work tree; run the review in the checkout`);
  let base: string;
  try {
    base = git(root, ['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`]).trim();
  } catch {
    throw new SetupError(
      `base "${baseRef}" is not a commit of this repository; check out with fetch-depth: 0 (actions/checkout) so the base branch is there`,
    );
  }
  // The pull request's changes are those since the merge base (on GitHub's merge checkout, the base tip).
  let rev = base;
  try {
    rev = git(root, ['merge-base', base, 'HEAD']).trim();
  } catch {
    // unrelated histories: compare with the base itself
  }
  return { root, rev };
}

export interface Changes {
  entries: Entry[];
  /** Every scenario in the tree the globs match (what `check` checks). */
  now: string[];
  /** Globs that match no file, in the tree or at the base. */
  unmatched: string[];
}

/** The scenario files of the tree, the changes since `rev`, and the globs that match nothing. */
export function findChanges(repo: Repo, globs: string[]): Changes {
  const { root, rev } = repo;
  const patterns = globs.map(globRegex);
  const wanted = (p: string) => patterns.some((r) => r.test(p));
  const tree = nulList(git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])).filter((p) =>
    existsSync(join(root, p)),
  );
  const old = nulList(git(root, ['ls-tree', '-r', '-z', '--name-only', rev]));
  const now = tree.filter(wanted);
  const unmatched = globs.filter((_, i) => !tree.some((p) => patterns[i]!.test(p)) && !old.some((p) => patterns[i]!.test(p)));

  const { entries, changedAny } = changedSince(root, rev, wanted);
  const listed = new Set(entries.map((e) => e.path));
  const oldSet = new Set(old);
  for (const p of now)
    if (!listed.has(p) && !oldSet.has(p)) {
      entries.push({ status: 'A', path: p }); // untracked, new
      changedAny.add(p);
      listed.add(p);
    }
  for (const p of now) if (!listed.has(p) && extendsChanged(root, p, changedAny)) entries.push({ status: 'E', path: p });
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entries, now, unmatched };
}

/** What changed since `rev`, in the working tree (so local runs see uncommitted edits). */
function changedSince(root: string, rev: string, wanted: (p: string) => boolean) {
  const entries: Entry[] = [];
  const changedAny = new Set<string>();
  const parts = nulList(git(root, ['diff', '-z', '--name-status', '-M', '--no-ext-diff', rev, '--']));
  for (let i = 0; i < parts.length;) {
    const s = parts[i++]!;
    if (s.startsWith('R') || s.startsWith('C')) {
      const from = parts[i++]!;
      const to = parts[i++]!;
      changedAny.add(from).add(to);
      if (s.startsWith('C')) {
        if (wanted(to)) entries.push({ status: 'A', path: to });
      } else if (wanted(to) && wanted(from)) entries.push({ status: 'R', path: to, from });
      else if (wanted(to)) entries.push({ status: 'A', path: to });
      else if (wanted(from)) entries.push({ status: 'D', path: from });
    } else {
      const p = parts[i++]!;
      changedAny.add(p);
      if (!wanted(p)) continue;
      entries.push({ status: s === 'A' ? 'A' : s === 'D' ? 'D' : 'M', path: p });
    }
  }
  return { entries, changedAny };
}

/** Whether an unchanged scenario's `extends` chain runs through a changed file. */
function extendsChanged(root: string, p: string, changed: Set<string>): boolean {
  const seen = new Set<string>([p]);
  let cur: string | undefined = p;
  while (cur !== undefined) {
    const got = readInput(root, cur);
    if (!got.ok) return false;
    const parent = extendsOf(got.text, cur);
    if (parent === undefined || seen.has(parent)) return false;
    if (changed.has(parent)) return true;
    seen.add(parent);
    cur = parent;
  }
  return false;
}

/** compact-model's version in the base's package-lock.json (the team's pin), if there is one. */
export function baseLockVersion(root: string, rev: string): string | undefined {
  try {
    const lock = JSON.parse(git(root, ['cat-file', 'blob', `${rev}:package-lock.json`]));
    const v = lock?.packages?.['node_modules/compact-model']?.version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
