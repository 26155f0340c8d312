// Bundles the CLI, dependencies included, into dist/cli-app.cjs, started by dist/cli.js
// (src/cli/boot.ts), which loads it through V8's code cache (docs/maintainers/performance.md);
// the simulation worker goes into dist/sim-worker.js. One minified file starts faster than
// node_modules resolution of each package (measured: run ~0.31 s vs ~0.40 s here). exceljs
// stays external: it is imported only by `--format xlsx`. Runs on `npm install` (prepare),
// so the command works right after install.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// Dependencies replaced at build time by a faster equivalent (each shim says why).
const shims = {
  name: 'shims',
  setup(b) {
    b.onResolve({ filter: /^ansi-regex$/ }, () => ({ path: fileURLToPath(new URL('shims/ansi-regex.cjs', import.meta.url)) }));
  },
};
const common = {
  plugins: [shims],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: !process.env.CM_NO_MINIFY,
  external: ['exceljs', 'playwright-core'],
  // Bundled CommonJS packages (commander, cli-table3) call require() for Node built-ins.
  banner: { js: "import { createRequire as __cmRequire } from 'node:module'; const require = __cmRequire(import.meta.url);" },
  logLevel: 'warning',
};
// The CLI as one CommonJS script: what a vm.Script with cached data can run (an ES module
// cannot use V8's code cache on Node 20). import.meta.url becomes the file's URL.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli-app.cjs',
  define: { 'import.meta.url': '__cmUrl' },
  // import('exceljs') as require(): a vm.Script has no module loader of its own.
  supported: { 'dynamic-import': false },
  banner: { js: "var __cmUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({ ...common, banner: undefined, entryPoints: ['src/cli/boot.ts'], outfile: 'dist/cli.js' });
// simulate's worker threads load this small entry instead of the whole CLI.
await build({ ...common, entryPoints: ['src/simulate/worker.ts'], outfile: 'dist/sim-worker.js' });
// check's worker threads (many files): the checking half of the CLI.
await build({ ...common, entryPoints: ['src/check/worker.ts'], outfile: 'dist/check-worker.js' });
// The pull-request review of action.yml; it runs dist/cli.js beside it as a child process.
await build({ ...common, entryPoints: ['src/action/main.ts'], outfile: 'dist/review.js' });
