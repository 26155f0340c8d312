// Runs the CLI in process with captured output (no colour, fixed env), for golden tests.
import { runCli } from '../../src/cli/program.js';
import { expect } from 'vitest';
import type { IO } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: IO = {
    out: (s) => {
      stdout += s;
    },
    err: (s) => {
      stderr += s;
    },
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** cli() for a command that must succeed: exit 0, else the test fails showing its stderr. */
export async function cliOk(args: string[], opts: Parameters<typeof cli>[1] = {}): Promise<CliResult> {
  const r = await cli(args, opts);
  expect(r.code, r.stderr).toBe(0);
  return r;
}
