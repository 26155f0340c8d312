// Every shipped scenario gives the same output, byte for byte, in every machine format and
// the terminal tables: the scenario format grows (currency, fiscal years, sponsors) and a
// file that names none of it must read as it did. The expected file holds one SHA-256 per
// scenario and output (the outputs themselves are ~150 KB each); a changed hash is a
// changed output: find it with `compact-model run FILE --format json` before and after,
// and name the figure in docs/CHANGES.md if it was a bug.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { golden } from '../../support/golden.js';

const ROOT = join(__dirname, '..', '..', '..');
const OUTPUTS: [string, string[]][] = [
  ['run.json', ['run', '--format', 'json']],
  ['run.csv', ['run', '--format', 'csv']],
  ['run.txt', ['run']],
  ['estimate.json', ['estimate', '--format', 'json']],
  ['explain.json', ['explain', 'headlineMobilization', '--format', 'json']],
];

describe('shipped scenarios keep their outputs', () => {
  it('every format of every shipped scenario hashes as recorded', async () => {
    const lines: string[] = [];
    for (const f of readdirSync(join(ROOT, 'scenarios')).filter((x) => x.endsWith('.yaml')).sort()) {
      for (const [name, args] of OUTPUTS) {
        const r = await cli([args[0]!, `scenarios/${f}`, ...args.slice(1)], { cwd: ROOT });
        const h = createHash('sha256').update(`${r.code}\n${r.stdout}\n${r.stderr}`).digest('hex');
        lines.push(`${f} ${name} ${h}`);
      }
    }
    golden(join(__dirname, 'hashes.txt'), `${lines.join('\n')}\n`);
  }, 120_000);
});
