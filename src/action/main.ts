// Entry of dist/review.js, run by action.yml: `node dist/review.js` (settings in CM_* variables).
import { main } from './review.js';

process.exitCode = await main();
