// A hostile pull request against the CLI and the review behind action.yml (issue 27): each
// finding gets a scratch repository with the pull request that exploited it on the old
// main, and the test asserts the exploit no longer works (no command run, no file read from
// outside the tree, no crash, no stall, no stale result, no raw bidi control).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { md } from '../../src/action/review.js';
import { Diagnostics } from '../../src/core/diagnostics.js';
import { forMarkdown } from '../../src/core/text.js';
import { LIMITS, parseTree, toPlain } from '../../src/read/tree.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/scenario.js';

const ROOT = resolve(import.meta.dirname, '../..');
const REVIEW = join(ROOT, 'dist', 'review.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const SECRET = 'ghp_SECRETSECRETSECRET0123456789';

function git(repo: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
    { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

function write(repo: string, path: string, text: string): void {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
}

/** A repository whose main holds the shipped baseline, with `pr` checked out, and a token in .git/config as actions/checkout leaves it. */
function scratchRepo(): string {
  const repo = tempDir();
  git(repo, 'init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'scenarios'));
  copyFileSync(join(ROOT, 'scenarios', 'compact-2026.yaml'), join(repo, 'scenarios', 'compact-2026.yaml'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  git(repo, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${SECRET}`);
  git(repo, 'checkout', '-q', '-b', 'pr');
  return repo;
}

function commit(repo: string, msg: string): void {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', msg);
}

interface Review {
  code: number;
  stdout: string;
  stderr: string;
  comment: string;
  summary: string;
  /** Every file the review wrote (comment, summary, JSON for the artifact), concatenated. */
  all: string;
}

/** Runs the review as action.yml does: `node dist/review.js` in the checkout. */
function review(repo: string): Review {
  const out = tempDir();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(GITHUB_|CM_|RUNNER_)/.test(k)) env[k] = v;
  Object.assign(env, {
    CM_BASE: 'main',
    CM_OUT: join(out, 'review'),
    GITHUB_STEP_SUMMARY: join(out, 'summary.md'),
    GITHUB_OUTPUT: join(out, 'output.txt'),
  });
  const r = spawnSync(process.execPath, [REVIEW], { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
  const files = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
          d.isDirectory() ? files(join(dir, d.name)) : [read(join(dir, d.name))],
        )
      : [];
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    comment: read(join(out, 'review', 'comment.md')),
    summary: read(join(out, 'summary.md')),
    all: [r.stdout, r.stderr, ...files(out)].join('\n'),
  };
}

describe('git never runs inside a folder the pull request wrote', () => {
  /**
   * The pull request commits scenarios/evil/, which looks like a repository (HEAD, refs,
   * objects borrowed from the real one through alternates, a config with a work tree and a
   * core.fsmonitor command) and a scenario in it. The old main ran `git -C scenarios/evil`,
   * git took the folder for the repository and ran the command.
   */
  function hostile(): { repo: string; marker: string } {
    const repo = scratchRepo();
    const marker = join(repo, '..', `${repo.split('/').pop()}-MARKER`);
    const e = 'scenarios/evil';
    write(repo, `${e}/HEAD`, 'ref: refs/heads/main\n');
    write(repo, `${e}/refs/heads/main`, git(repo, 'rev-parse', 'main'));
    write(repo, `${e}/objects/info/alternates`, '../../../.git/objects\n'); // outside-ok: inside the scratch repository
    write(
      repo,
      `${e}/config`,
      `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = "touch '${marker}'; false"\n`,
    );
    write(repo, `${e}/x.yaml`, 'extends: ../compact-2026.yaml\nname: evil\n');
    commit(repo, 'a folder that looks like a repository');
    return { repo, marker };
  }

  it('diff --against reads the revision from the real repository and runs no configured command', async () => {
    const { repo, marker } = hostile();
    const r = await cli(['diff', '--against', 'main', '--', 'scenarios/evil/x.yaml'], { cwd: repo });
    expect(existsSync(marker)).toBe(false);
    // The file is new at main (the real repository's main has no scenarios/evil/x.yaml).
    expect(r.stderr).toMatch(/new/);
    expect(r.code).toBe(0);
  });

  it('the review runs no configured command either', () => {
    const { repo, marker } = hostile();
    const r = review(repo);
    expect(existsSync(marker)).toBe(false);
    expect(r.stdout).toMatch(/compact-model review: 1 scenario file\(s\) changed/);
  });

  it('a scenario outside any work tree has no revision to read', async () => {
    const dir = tempDir();
    write(dir, 'x.yaml', 'extends: compact-2026\nname: loose\n');
    const r = await cli(['diff', '--against', 'main', '--', 'x.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not inside a git work tree/);
  });
});

describe('one reader: regular files in the tree, capped; nothing read through a link out of it', () => {
  /** A pull request adding a good scenario and two links: to /dev/zero and to the checkout's .git/config. */
  function links(): string {
    const repo = scratchRepo();
    write(repo, 'scenarios/good.yaml', 'extends: compact-2026.yaml\nname: good\n');
    symlinkSync('/dev/zero', join(repo, 'scenarios', 'zero.yaml'));
    symlinkSync('../.git/config', join(repo, 'scenarios', 'leak.yaml'));
    commit(repo, 'links');
    return repo;
  }

  it('the CLI refuses both links, says why, and quotes nothing of the target', async () => {
    const repo = links();
    for (const format of ['text', 'json', 'github']) {
      const r = await cli(['check', '--format', format, 'scenarios/zero.yaml', 'scenarios/leak.yaml', 'scenarios/good.yaml'], {
        cwd: repo,
      });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).not.toContain('extraheader');
      if (format === 'json') {
        type Diag = { code: string; severity: string };
        const files = (JSON.parse(r.stdout) as { files: { file: string; status: string; diagnostics: Diag[] }[] }).files;
        const firstError = (ds: Diag[]) => ds.find((d) => d.severity === 'error')?.code ?? null;
        expect(files.map((f) => [f.file, f.status, firstError(f.diagnostics)])).toEqual([
          ['scenarios/zero.yaml', 'unusable', 'outside-tree'],
          ['scenarios/leak.yaml', 'unusable', 'in-git-dir'],
          ['scenarios/good.yaml', 'ok', null],
        ]);
      }
    }
  });

  it('the review reports each refused file as a finding and reviews the others', () => {
    const repo = links();
    const r = review(repo);
    expect(r.code).toBe(2);
    expect(r.all).not.toContain(SECRET);
    expect(r.all).not.toContain('extraheader');
    // Three files changed, each in the table; the two links with why they were not read.
    expect(r.stdout).toMatch(/compact-model review: 3 scenario file\(s\) changed, 4 checked, exit 2/);
    expect(r.comment).toMatch(/zero\.yaml.*symbolic link to a file outside its tree/);
    expect(r.comment).toMatch(/leak\.yaml.*inside a \.git folder/);
    expect(r.comment).toContain('good.yaml');
  });

  it("sources[].file is read only inside the scenario's tree; .git/config and /etc/passwd are refused, nothing quoted", async () => {
    const repo = scratchRepo();
    for (const [name, file, why] of [
      ['git', '../.git/config', 'inside a .git folder'],
      ['passwd', '/etc/passwd', "outside the scenario's tree"],
    ]) {
      write(
        repo,
        `scenarios/${name}.yaml`,
        `extends: compact-2026.yaml\nname: cites ${name}\nsources:\n  - id: compact\n    file: ${file}\n`,
      );
      for (const format of ['text', 'json']) {
        const r = await cli(['explain', `scenarios/${name}.yaml`, 'budgetCost.US.F-3', '--format', format], { cwd: repo });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(why);
        expect(r.stdout + r.stderr).not.toContain(SECRET);
        expect(r.stdout + r.stderr).not.toMatch(/root:|\[core\]|repositoryformatversion/);
      }
    }
  });
});

describe('nothing of a file that is not a scenario is quoted', () => {
  it('a link to a credentials file in the tree is refused as not a scenario, none of its keys or values echoed', async () => {
    const repo = scratchRepo();
    // What an earlier workflow step may leave in the checkout (an auth action's key file).
    write(repo, 'gha-creds-1234.json', `{"type": "service_account", "private_key_id": "${SECRET}", "client_email": "x@y.z"}\n`);
    symlinkSync('../gha-creds-1234.json', join(repo, 'scenarios', 'creds.yaml'));
    for (const format of ['text', 'json', 'github']) {
      const r = await cli(['check', '--format', format, 'scenarios/creds.yaml'], { cwd: repo });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).toMatch(/not-a-scenario/);
      expect(r.stdout + r.stderr).not.toMatch(new RegExp(`${SECRET}|private_key|service_account|client_email`));
    }
  });

  it('a parse error in a file reached through extends says what was wrong, not what the file holds', async () => {
    const repo = scratchRepo();
    // An unknown tag and an alias the parser reports with the text they carry.
    write(repo, 'notes.txt', `token: !${SECRET} x\nother: *${SECRET}\n`);
    write(repo, 'scenarios/x.yaml', 'extends: ../notes.txt\nname: x\n');
    const r = await cli(['check', '--format', 'json', 'scenarios/x.yaml'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/"code": "yaml-syntax"/);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});

describe('aliases cost what the file would cost written out', () => {
  const HEAD = 'name: aliases\nhorizon: { start: FY2027, years: 1 }\ngovernments:\n  AA: { name: Country A }\nmechanisms:\n';
  const N = 10_000;
  const plain =
    HEAD +
    Array.from(
      { length: N },
      (_, i) => `  - {id: G-${i}, kind: grant-program, appropriations: {AA: {amount: 1M, per: year}}, spendOut: grants}\n`,
    ).join('');
  const aliased =
    HEAD +
    '  - {id: G-0, kind: &k grant-program, appropriations: &p {AA: {amount: 1M, per: year}}, spendOut: &s grants}\n' +
    Array.from({ length: N - 1 }, (_, i) => `  - {id: G-${i + 1}, kind: *k, appropriations: *p, spendOut: *s}\n`).join('');

  /** A parse's tree and time in milliseconds: only ever compared with another such time, never with a bound. */
  function timed(text: string): { tree: unknown; ms: number } {
    const d = new Diagnostics();
    const t0 = performance.now();
    const tree = parseTree(text, 'x.yaml', d);
    const ms = performance.now() - t0;
    expect(d.items).toEqual([]);
    return { tree: toPlain(tree!), ms };
  }

  it("10,000 aliased mechanisms parse into the same tree, in under three times the plain file's time", () => {
    timed(HEAD); // warm up the parser
    const p = timed(plain);
    const a = timed(aliased);
    expect(a.tree).toEqual(p.tree);
    // The old main resolved each alias by walking the whole document: 10,000 walks of
    // some 80,000 nodes, minutes against seconds.
    expect(a.ms).toBeLessThan(3 * p.ms);
  }, 600_000);

  it('an alias bomb is refused at the alias that passes the node limit, quickly', () => {
    // Ten aliases per level: l0 is 11 nodes (a list of 10), l(k) is 1 + 10 x l(k-1), so
    // l1..l5 = 111, 1,111, 11,111, 111,111, 1,111,111 nodes, 10^9 at l9. Counted so far:
    // 11 + 111 + 1,111 + 11,111 + 111,111 = 122,455 after line 5 (l4); l5 on line 6
    // passes the 200,000-node limit.
    let text = 'l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 9; i++)
      text += `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]\n`;
    const d = new Diagnostics();
    const t0 = performance.now();
    parseTree(text, 'bomb.yaml', d);
    const bomb = performance.now() - t0;
    expect(d.items.map((x) => [x.code, x.loc?.file, x.loc?.line])).toEqual([['too-large', 'bomb.yaml', 6]]);
    expect(d.items[0]!.message).toContain(String(LIMITS.maxNodes));
    // Refused after at most the limit's worth of counting: cheaper than parsing the plain file.
    expect(bomb).toBeLessThan(timed(plain).ms);
  }, 600_000);
});

describe('a signal ends the process promptly, whatever it is doing', () => {
  /** The exit status as a shell reports it: the code, or 128 + the number of the signal that ended it. */
  interface Ended {
    status: number;
    /** Milliseconds from the signal to the end. */
    after: number;
    stdout: string;
  }

  /** Starts `node SCRIPT ARGS` in `cwd`, sends SIGTERM once it has printed `ready` to stderr (or after `wait` ms), and waits for the end. */
  function stopped(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, wait: number): Promise<Ended> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
      let stdout = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
      child.stderr.resume();
      let sent = 0;
      setTimeout(() => {
        sent = performance.now();
        child.kill('SIGTERM');
      }, wait);
      child.on('close', (code, signal) =>
        done({ status: code ?? 128 + constants.signals[signal!], after: performance.now() - sent, stdout }),
      );
    });
  }

  it('during a long computation on the main thread: run on 10,000 mechanisms', async () => {
    const dir = tempDir();
    const head = 'name: big\nhorizon: { start: FY2027, years: 1 }\ngovernments:\n  AA: { name: Country A }\nmechanisms:\n';
    const mechs = Array.from(
      { length: 10_000 },
      (_, i) => `  - {id: G-${i}, kind: grant-program, appropriations: {AA: {amount: 1M, per: year}}, spendOut: grants}\n`,
    );
    writeFileSync(join(dir, 'big.yaml'), head + mechs.join(''));
    // Reading and computing this file takes far longer than the 2 s before the signal.
    const r = await stopped(CLI, ['run', 'big.yaml', '-o', 'out.json', '--format', 'json'], dir, {}, 2000);
    expect(r.status).toBe(143);
    expect(r.stdout).toBe('');
    // Ended by the signal, not by finishing: no output file, no temporary file left.
    expect(readdirSync(dir)).toEqual(['big.yaml']);
    // The old main ran on until the computation ended (minutes here); a generous bound.
    expect(r.after).toBeLessThan(10_000);
  }, 120_000);

  it('inside worker threads: simulate with ten million trials', async () => {
    const r = await stopped(
      CLI,
      ['simulate', join(ROOT, 'scenarios', 'compact-2026.yaml'), '--trials', '10000000', '--format', 'json'],
      tempDir(),
      { COMPACT_MODEL_NO_CACHE: '1' },
      3000,
    );
    expect(r.status).toBe(143);
    expect(r.stdout).toBe('');
    expect(r.after).toBeLessThan(10_000);
  }, 120_000);
});

describe('caches: keyed by real paths, used only from a private folder', () => {
  function check(cwd: string, cache: string, files: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache, NO_COLOR: '1' };
    delete env.COMPACT_MODEL_NO_CACHE;
    const r = spawnSync(process.execPath, [CLI, 'check', '--workers', '0', '--', ...files], { cwd, env, encoding: 'utf8' });
    return { code: r.status, out: r.stdout + r.stderr };
  }

  it('a link in an extends chain re-pointed to a byte-identical copy outside the tree is checked again: extends-outside', () => {
    const repo = scratchRepo();
    const text = readFileSync(join(repo, 'scenarios', 'compact-2026.yaml'), 'utf8');
    write(repo, 'scenarios/real-base.yaml', text);
    symlinkSync('real-base.yaml', join(repo, 'scenarios', 'base.yaml'));
    write(repo, 'scenarios/a.yaml', 'extends: base.yaml\nname: a\n');
    const cache = tempDir();
    const first = check(repo, cache, ['scenarios/a.yaml']);
    expect(first.code, first.out).not.toBe(2);
    expect(readdirSync(join(cache, 'compact-model')).some((f) => f.startsWith('check-'))).toBe(true);
    // The same bytes, now outside the tree.
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'real-base.yaml'), text);
    rmSync(join(repo, 'scenarios', 'base.yaml'));
    symlinkSync(join(elsewhere, 'real-base.yaml'), join(repo, 'scenarios', 'base.yaml'));
    const second = check(repo, cache, ['scenarios/a.yaml']);
    expect(second.out).toMatch(/extends-outside/);
    expect(second.code).toBe(2);
  });

  it('a cache folder that others may write is not used', () => {
    const dir = tempDir();
    write(dir, 'a.yaml', 'extends: compact-2026\nname: a\n');
    const cache = tempDir();
    mkdirSync(join(cache, 'compact-model'));
    chmodSync(join(cache, 'compact-model'), 0o777);
    const r = check(dir, cache, ['a.yaml']);
    expect(r.code, r.out).not.toBe(2);
    // Nothing saved there, nothing read from there.
    expect(readdirSync(join(cache, 'compact-model'))).toEqual([]);
    // The same folder made private is used.
    chmodSync(join(cache, 'compact-model'), 0o700);
    check(dir, cache, ['a.yaml']);
    expect(readdirSync(join(cache, 'compact-model')).length).toBeGreaterThan(0);
  });
});

describe('the review prints as the CLI does and runs only the installed tool', () => {
  it("markdown escaping is the CLI's: a bidi override is shown, never raw", () => {
    for (const name of ['scenarios/evil\u202eyaml.txt', 'a|b @team <!-- x --> `t` \u2066\u2069 *e*', 'line\nbreak\r'])
      expect(md(name)).toBe(forMarkdown(name));
    expect(md('scenarios/evil\u202eyaml.txt')).toBe('scenarios/evil\\\\u{202e}yaml.txt');
    expect(md('x\u202ey')).not.toMatch(/\u202e/);
  });

  it('action.yml never runs a script from the checkout', () => {
    const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    expect(action).not.toMatch(/GITHUB_WORKSPACE/);
    expect(action).toMatch(/script=\$GITHUB_ACTION_PATH\/dist\/review\.js/);
    // Nothing builds on install (no prepare script): the action builds the copy it runs.
    expect(action).toMatch(/npm install [^\n]*\n\s*npm run build/);
  });
});
