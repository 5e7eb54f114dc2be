import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One module cache per worker: the provider modules load once per worker, not per file.
    pool: 'threads',
    isolate: false,
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
  },
});
