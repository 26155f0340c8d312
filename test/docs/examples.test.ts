// Every example in README.md and docs/ runs: the conventions are in
// docs/maintainers/tests.md ("Examples in the docs"). In short:
// - ```sh: each line starting `compact-model ` or `npx compact-model ` runs the built
//   bin/compact-model.js and must exit as documented (`# exit N` after it; default 0).
//   Other lines (npm, git, node) are not run. A line with `# skip: why` is not run.
// - Every command of one page runs in the same sandbox: a temporary folder holding a
//   copy of scenarios/ and scenario.schema.json, so `init`, `-o FILE` and `> FILE` write
//   there, and a file written by one example is there for the next.
// - ```text right after a ```sh block (no other fenced block between) shows the output
//   of that block's last command: every number in it must appear in the output; with
//   ```text exact, its lines must appear, in order and adjacent, in the output.
// - ```yaml: a complete scenario is written to the sandbox (as `# file: NAME` on its first
//   line names it, else example-LINE.yaml) and must run (`run`, exit 0); one whose first
//   line is `# fragment` is wrapped into a scenario that extends the baseline and must be
//   usable (`check` exits 0 or 1, not 2); `# skip: why` skips it.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'compact-model.js');

export interface Block {
  lang: string;
  info: string;
  /** 1-based line of the opening fence. */
  line: number;
  body: string[];
}

export function fencedBlocks(md: string): Block[] {
  const lines = md.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+)\s*([\w-]*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(fence!); j++) body.push(lines[j]!.slice(indent!.length));
    out.push({ lang: lang!, info: info!.trim(), line: i + 1, body });
    i = j;
  }
  return out;
}

/** Splits a command line into words as a POSIX shell would for the simple cases docs use. */
export function shellWords(s: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in: ${s}`);
      cur += s.slice(i + 1, end);
      has = true;
      i = end;
    } else if (c === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) throw new Error(`unclosed quote in: ${s}`);
      cur += s.slice(i + 1, end);
      has = true;
      i = end;
    } else if (c === '#' && !has) {
      break;
    } else if (/\s/.test(c)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return { words, comment: s.slice(i + 1).trim() };
}

export interface Command {
  args: string[];
  exit: number;
  /** `> FILE`: stdout is written to FILE in the sandbox. */
  stdoutTo?: string;
  skip?: string;
  line: number;
}

/** The compact-model commands of a ```sh block (continuation lines joined). */
export function commandsOf(b: Block): Command[] {
  const joined: { text: string; line: number }[] = [];
  for (let i = 0; i < b.body.length; i++) {
    let text = b.body[i]!;
    const line = b.line + 1 + i;
    while (/\\\s*$/.test(text) && i + 1 < b.body.length) text = text.replace(/\\\s*$/, ' ') + b.body[++i]!;
    joined.push({ text, line });
  }
  const out: Command[] = [];
  for (const { text, line } of joined) {
    const { words, comment } = shellWords(text);
    if (words[0] === 'npx') words.shift();
    if (words[0] !== 'compact-model') continue;
    const skip = /^skip:\s*(.+)$/.exec(comment)?.[1];
    const exit = Number(/^exit (\d+)\b/.exec(comment)?.[1] ?? 0);
    let stdoutTo: string | undefined;
    const gt = words.indexOf('>');
    if (gt >= 0) {
      stdoutTo = words[gt + 1];
      words.splice(gt, 2);
    }
    if (words.some((w) => w === '|' || w === '&&' || w === ';' || w.startsWith('>') || w === '<'))
      throw new Error(`line ${line}: a documented command may not use pipes or chains: ${text}`);
    out.push({ args: words.slice(1), exit, stdoutTo, skip, line });
  }
  return out;
}

/** Every number written in a block of output, e.g. 4,375.0, 18825, 70%, 0.27x -> "4,375.0", "18825", "70", "0.27". */
export function numbersIn(s: string): string[] {
  return [...s.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/,$/, ''));
}

function containsNumber(out: string, n: string): boolean {
  const esc = n.replace(/[.]/g, '\\.');
  return new RegExp(`(?<![\\d.,])${esc}(?![\\d]|[.,]\\d)`).test(out);
}

/** Lines of `want` (trailing space ignored) appear in order and adjacent in `got`. */
export function containsExcerpt(got: string, want: string[]): boolean {
  const g = got.split('\n').map((l) => l.trimEnd());
  const w = want.map((l) => l.trimEnd());
  while (w.length && w[w.length - 1] === '') w.pop();
  for (let i = 0; i + w.length <= g.length; i++) if (w.every((l, k) => g[i + k] === l)) return true;
  return false;
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBin(args: string[], cwd: string): Promise<Ran> {
  return new Promise((done) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', LANG: 'C.UTF-8', TZ: 'UTC' };
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export function docPages(): string[] {
  const pages = [join(ROOT, 'README.md')];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.md')) pages.push(p);
    }
  };
  walk(join(ROOT, 'docs'));
  return pages;
}

const sandboxes: string[] = [];
function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cm-docs-'));
  sandboxes.push(dir);
  cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  cpSync(join(ROOT, 'scenario.schema.json'), join(dir, 'scenario.schema.json'));
  return dir;
}
afterAll(() => {
  for (const d of sandboxes) rmSync(d, { recursive: true, force: true });
});

async function checkPage(page: string): Promise<string[]> {
  const name = relative(ROOT, page);
  const blocks = fencedBlocks(readFileSync(page, 'utf8'));
  const problems: string[] = [];
  let dir: string | undefined;
  const box = () => (dir ??= sandbox());
  let last: { ran: Ran; cmd: Command } | undefined;
  for (const b of blocks) {
    const first = b.body[0]?.trim() ?? '';
    const where = `${name}:${b.line}`;
    if (b.lang === 'sh') {
      last = undefined;
      if (first.startsWith('# skip:')) continue;
      for (const cmd of commandsOf(b)) {
        if (cmd.skip) continue;
        const ran = await runBin(cmd.args, box());
        if (ran.code !== cmd.exit)
          problems.push(
            `${name}:${cmd.line}: compact-model ${cmd.args.join(' ')} exited ${ran.code}, documented ${cmd.exit}\n${ran.stderr.slice(0, 2000)}`,
          );
        if (cmd.stdoutTo) writeFileSync(join(box(), cmd.stdoutTo), ran.stdout);
        last = { ran, cmd };
      }
      continue;
    }
    if (b.lang === 'text' && last) {
      const out = last.ran.stdout + last.ran.stderr;
      const cmdText = `compact-model ${last.cmd.args.join(' ')}`;
      if (b.info === 'exact') {
        if (!containsExcerpt(out, b.body))
          problems.push(
            `${where}: the output of \`${cmdText}\` does not contain these lines:\n${b.body.join('\n')}\n--- actual:\n${out}`,
          );
      } else {
        const missing = numbersIn(b.body.join('\n')).filter((n) => !containsNumber(out, n));
        if (missing.length)
          problems.push(`${where}: numbers not in the output of \`${cmdText}\`: ${[...new Set(missing)].join(', ')}`);
      }
      last = undefined;
      continue;
    }
    last = undefined;
    if (b.lang === 'yaml') {
      if (first.startsWith('# skip:')) continue;
      const text = b.body.join('\n') + '\n';
      if (first === '# fragment') {
        const file = `fragment-${b.line}.yaml`;
        writeFileSync(join(box(), file), `extends: compact-2026\nname: fragment of ${name}\n${text}`);
        const ran = await runBin(['check', file], box());
        if (ran.code !== 0 && ran.code !== 1)
          problems.push(`${where}: the fragment is not a usable patch of the baseline:\n${ran.stderr}`);
        continue;
      }
      const file = /^# file: (\S+)$/.exec(first)?.[1] ?? `example-${b.line}.yaml`;
      writeFileSync(join(box(), file), text);
      const ran = await runBin(['run', file], box());
      if (ran.code !== 0) problems.push(`${where}: the scenario does not run (exit ${ran.code}):\n${ran.stderr}`);
    }
  }
  return problems;
}

describe('examples in the docs', () => {
  it('the extractor reads commands, exit codes and redirections', () => {
    const b: Block = {
      lang: 'sh',
      info: '',
      line: 1,
      body: [
        "compact-model check a.yaml --fail-if 'x > +1'   # exit 1",
        'npx compact-model run --format csv > flows.csv',
        'npm ci',
        'compact-model diff --against main f.yaml \\',
        '  --all   # skip: needs git history',
      ],
    };
    expect(commandsOf(b)).toEqual([
      { args: ['check', 'a.yaml', '--fail-if', 'x > +1'], exit: 1, stdoutTo: undefined, skip: undefined, line: 2 },
      { args: ['run', '--format', 'csv'], exit: 0, stdoutTo: 'flows.csv', skip: undefined, line: 3 },
      {
        args: ['diff', '--against', 'main', 'f.yaml', '--all'],
        exit: 0,
        stdoutTo: undefined,
        skip: 'needs git history',
        line: 5,
      },
    ]);
    expect(numbersIn('US 4,375.0 and 70%, 0.27x, FY2027.')).toEqual(['4,375.0', '70', '0.27', '2027']);
    expect(containsNumber('total 14,825.0 x', '14,825.0')).toBe(true);
    expect(containsNumber('total 14,825.0 x', '825.0')).toBe(false);
    expect(containsExcerpt('a\nb  \nc\n', ['b', 'c'])).toBe(true);
    expect(containsExcerpt('a\nb\nc\n', ['a', 'c'])).toBe(false);
  });

  const pages = docPages();
  it('README.md is at most 250 lines', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(251);
  });
  for (const page of pages)
    it.concurrent(`${relative(ROOT, page)}: every example runs as documented`, async () => {
      const problems = await checkPage(page);
      expect(problems, problems.join('\n\n')).toEqual([]);
    });
});
