import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One module cache per worker: the provider modules load once per worker, not per file.
    pool: 'threads',
    isolate: false,
    // vitest leaves one core idle by default; on a 2-core machine that halves the suite's speed.
    maxWorkers: 2,
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
    // beforeAll hooks synthesize or render cluster states: slower than a test on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
