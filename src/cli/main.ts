// Entry point: runs the CLI and sets the process exit code (the only place that does).
import { runCli } from './program.js';
import { processIO } from './io.js';
import { installTempCleanup } from './output.js';

// A temporary output file is removed whatever ends the process (Ctrl-C, a CI timeout).
installTempCleanup();

// A closed pipe (`| head`) is the reader's choice, not an error.
for (const s of [process.stdout, process.stderr])
  s.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

runCli(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not a user's mistake: say so plainly, with the stack for the report.
    process.stderr.write(
      `compact-model: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 70;
  },
);
