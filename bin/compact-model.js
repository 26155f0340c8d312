#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts it without loading its ES module loader.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry
require('../dist/cli.cjs');
