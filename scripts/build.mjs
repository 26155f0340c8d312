// Bundles the CLI, dependencies included, into dist/cli-app.cjs, started by dist/cli.cjs
// (src/cli/boot.ts; bin/compact-model.js requires it; dist/cli.js is the same as a module), which loads it through V8's code cache (docs/maintainers/performance.md);
// the simulation worker goes into dist/sim-worker.js. One minified file starts faster than
// node_modules resolution of each package (measured: run ~0.31 s vs ~0.40 s here). exceljs
// stays external: it is imported only by `--format xlsx` (an optional peer dependency).
// Runs on `npm pack` (prepack) and in `npm test`, never on install: a packed tarball holds dist/.
import { build } from 'esbuild';
import { shims } from './shims/plugin.mjs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
// CommonJS output: import.meta.url becomes the file's URL.
const cjs = {
  ...common,
  format: 'cjs',
  define: { 'import.meta.url': '__cmUrl' },
  banner: { js: "var __cmUrl = require('node:url').pathToFileURL(__filename).href;" },
};
// The CLI as one CommonJS script: what a vm.Script with cached data can run (an ES module
// cannot use V8's code cache on Node 20).
await build({
  ...cjs,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli-app.cjs',
  // import('exceljs') as require(): a vm.Script has no module loader of its own.
  supported: { 'dynamic-import': false },
});
await build({ ...common, banner: undefined, entryPoints: ['src/cli/boot.ts'], outfile: 'dist/cli.js' });
// The same start as CommonJS, what bin/compact-model.js (CommonJS: bin/package.json) requires:
// a CommonJS entry spares a first run Node's ES module loader (a few ms of every start).
await build({ ...cjs, entryPoints: ['src/cli/boot.ts'], outfile: 'dist/cli.cjs' });
// simulate's worker threads load this small entry instead of the whole CLI.
await build({ ...common, entryPoints: ['src/simulate/worker.ts'], outfile: 'dist/sim-worker.js' });
// check's worker threads (many files): the checking half of the CLI.
await build({ ...common, entryPoints: ['src/check/worker.ts'], outfile: 'dist/check-worker.js' });
// The pull-request review of action.yml; it runs dist/cli.js beside it as a child process.
await build({ ...common, entryPoints: ['src/action/main.ts'], outfile: 'dist/review.js' });
// The interactive report's script (report --interactive inlines it): the engine, the report
// model and the HTML renderer for the browser, one minified IIFE with no import of Node's.
await build({
  plugins: [shims],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: !process.env.CM_NO_MINIFY,
  legalComments: 'none',
  entryPoints: ['src/render/whatif/app.ts'],
  outfile: 'dist/whatif.js',
  logLevel: 'warning',
});
// The library (`import { run } from 'compact-model'`, package.json `exports`), and its
// types: src/index.ts declares every public type itself, so its declarations transpile
// alone (no type check here; `tsc --noEmit` checks it) and name nothing internal.
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });
{
  const ts = (await import('typescript')).default;
  const d = ts.transpileDeclaration(readFileSync('src/index.ts', 'utf8'), {
    fileName: 'index.ts',
    compilerOptions: { declaration: true, isolatedDeclarations: true, strict: true },
    reportDiagnostics: true,
  });
  if (d.diagnostics?.length)
    throw new Error(
      `build: src/index.ts declarations: ${d.diagnostics.map((x) => ts.flattenDiagnosticMessageText(x.messageText, ' ')).join('; ')}`,
    );
  writeFileSync('dist/index.d.ts', d.outputText);
}

// The V8 code cache of the CLI bundle, shipped beside it (dist/cli-app.v8cache): made by
// running the command once (run on the shipped baseline, so the functions it compiles are
// in it), tagged with the bundle's hash, so a first run after install starts compiled.
// src/cli/boot.ts reads it when the user's cache folder has none; under another Node
// version V8 rejects it and the command compiles as before.
{
  const shipped = 'dist/cli-app.v8cache';
  rmSync(shipped, { force: true });
  const tmp = mkdtempSync(join(tmpdir(), 'cm-build-'));
  const env = { ...process.env, XDG_CACHE_HOME: tmp, NO_COLOR: '1' };
  delete env.COMPACT_MODEL_NO_CACHE;
  const r = spawnSync(process.execPath, ['dist/cli.cjs', 'run', 'scenarios/compact-2026.yaml'], {
    env,
    stdio: 'ignore',
  });
  const dir = join(tmp, 'compact-model');
  const code = r.status === 0 ? readdirSync(dir).find((f) => /^code-[0-9a-f]+\.bin$/.test(f)) : undefined;
  if (code) {
    const bundle = createHash('sha256').update(readFileSync('dist/cli-app.cjs', 'utf8')).digest('hex').slice(0, 24);
    writeFileSync(shipped, Buffer.concat([Buffer.from(bundle, 'latin1'), readFileSync(join(dir, code))]));
  } else console.warn('build: no code cache made (the command will compile on its first run)');
  rmSync(tmp, { recursive: true, force: true });
}
