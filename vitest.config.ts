import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests compute exact decimals and spawn the built CLI; give slow shared machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
