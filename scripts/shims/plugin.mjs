// The esbuild plugin that swaps dependencies for the faster equivalents beside it (each
// shim says why): used by scripts/build.mjs, and by the bench so it measures the same code.
import { fileURLToPath } from 'node:url';

export const shims = {
  name: 'shims',
  setup(b) {
    b.onResolve({ filter: /^ansi-regex$/ }, () => ({ path: fileURLToPath(new URL('ansi-regex.cjs', import.meta.url)) }));
  },
};
