// The package as a team gets it: `npm pack` from a clean copy of the sources (the files git
// tracks or would track, without dist/, so packing must build it), for the package tests.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** npm without the settings a parent `npm test` passes to its children (npm_config_*, npm_lifecycle_*). */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

export function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Packs a clean copy of the sources into a new temporary folder: the folder, the tarball and the files it holds. */
export function packClean(prefix: string): { tmp: string; tarball: string; contents: string[] } {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const src = join(tmp, 'src');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })
    .toString('utf8')
    .split('\0')
    .filter((f) => f !== '');
  for (const f of listed) {
    mkdirSync(dirname(join(src, f)), { recursive: true });
    try {
      cpSync(join(ROOT, f), join(src, f));
    } catch {
      // a file deleted in the working tree but still in the index
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp], src)) as {
    filename: string;
    files: { path: string }[];
  }[];
  return { tmp, tarball: join(tmp, packed[0]!.filename), contents: packed[0]!.files.map((f) => f.path) };
}
