import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One module cache per worker: the provider modules load once per worker, not per file.
    pool: 'threads',
    isolate: false,
    // vitest leaves one core idle by default; on a 2-core machine that halves the suite's speed.
    maxWorkers: 2,
    // The TradeSense config is synthesized once per run, by one process; workers read its output.
    globalSetup: ['test/support/synth-once/global-setup.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
    // beforeAll hooks synthesize: slower than a test on a busy 2-core machine.
    hookTimeout: 60_000,
    // Vite's transforms of the TypeScript kept on disk (node_modules/.experimental-vitest-cache, keyed by
    // content): a warm run skips them, ~3 s of the suite's CPU (A/B: 27.2–27.5 s against 28.8–29.6 s).
    experimental: { fsModuleCache: true },
  },
});
