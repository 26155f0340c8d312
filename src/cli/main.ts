// Entry point: runs the CLI and sets the process exit code (the only place that does).
import { INTERNAL_EXIT, internalErrorText } from './internal.js';
import { runCli } from './program.js';
import { processIO } from './io.js';
import { installTempCleanup } from './output.js';
import { buildId, cacheDir } from '../core/cache.js';
import { keepDrawnTables } from './table-cache.js';

// A temporary output file is removed whatever ends the process (Ctrl-C, a CI timeout).
installTempCleanup();

// A closed pipe (`| head`) is the reader's choice, not an error.
for (const s of [process.stdout, process.stderr])
  s.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

// An error thrown outside the command's promise (an event handler, a timer): the same one line.
process.on('uncaughtException', (e) => {
  process.stderr.write(internalErrorText(e, process.env));
  process.exit(INTERNAL_EXIT);
});

// Tables drawn by the last run of the same command line, when caches are kept (table-cache.ts).
{
  const dir = cacheDir(process.env),
    build = buildId();
  if (dir && build) keepDrawnTables(dir, build, process.argv.slice(2), process.cwd());
}

runCli(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not a user's mistake: one line and how to report it (the stack with CM_DEBUG=1).
    process.stderr.write(internalErrorText(e, process.env));
    process.exitCode = INTERNAL_EXIT;
  },
);
