// The real path of a file that may not exist yet: shared by reading (where `extends:` may
// lead) and writing (never over an input). Kept apart from load.ts so the output module
// stays small (it is bundled alone in a test).
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The real path of `p` (symlinks followed) where it or its folder exists, else `p`. */
export function realish(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    /* not there */
  }
  try {
    return join(realpathSync(dirname(p)), basename(p));
  } catch {
    return p;
  }
}
