// The one way compact-model runs git (diff --against, the pull-request review). A scenario
// folder is the input's: a pull request can commit one that looks like a repository (HEAD,
// refs, a config whose core.fsmonitor is a shell command), and git run with -C or a working
// directory inside it would take it for one and run the command. So git is always run from
// the work tree's root, found by its `.git` entry (a path git never lets a commit hold),
// with that repository named explicitly, discovery fenced off, and every configured
// command that a read could trigger switched off.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Options that keep git from running anything on a read: no file-system monitor, no hooks,
 * no bare repository found by walking up, paths printed verbatim.
 */
const HARDENED = [
  '-c',
  'core.fsmonitor=',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'safe.bareRepository=explicit',
  '-c',
  'core.quotePath=false',
  '-c',
  'diff.external=',
] as const;

/**
 * The root of the git work tree holding `dir`: the nearest folder at or above it with a
 * `.git` entry (a folder, or a worktree's `gitdir:` file), as a real path; undefined when
 * there is none. Found without running git, so no folder below the root is ever asked.
 */
export function workTreeRoot(dir: string): string | undefined {
  let d: string;
  try {
    d = realpathSync(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    if (existsSync(join(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** The environment git runs with: none of the caller's GIT_* variables, discovery stopped above the root. */
function gitEnv(root: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('GIT_')) out[k] = v;
  out.GIT_CEILING_DIRECTORIES = dirname(root);
  // Never prompt for credentials or run an askpass program.
  out.GIT_TERMINAL_PROMPT = '0';
  return out;
}

export interface GitOptions {
  /** Bytes of output accepted (more: the call fails with ENOBUFS). */
  maxBuffer?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `git ARGS` on the repository whose work tree is `root` (from workTreeRoot), from
 * that root, with the repository and work tree named explicitly and the options above.
 * Throws as execFileSync does (ENOENT: no git; a status: git refused, stderr attached).
 */
export function runGit(root: string, args: readonly string[], opts: GitOptions = {}): Buffer {
  return execFileSync('git', [`--git-dir=${join(root, '.git')}`, `--work-tree=${root}`, ...HARDENED, ...args], {
    cwd: root,
    env: gitEnv(root, opts.env ?? process.env),
    maxBuffer: opts.maxBuffer ?? 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
