// Entry of dist/review.js, run by action.yml: `node dist/review.js` (settings in CM_* variables).
// The CLI runs in this process (one process for the whole pull request).
import { runCli } from '../cli/program.js';
import { VERSION } from '../cli/options.js';
import { main } from './review.js';

process.exitCode = await main(runCli, VERSION);
