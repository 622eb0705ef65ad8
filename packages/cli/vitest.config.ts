import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    // vitest runs one file at a time on 2 CPUs (CPUs - 1), but these tests mostly wait: on npm
    // (the packaging test, ~40 s), on hubs, on the simulated board. Three files at once overlap
    // the waiting; nothing here is CPU-bound for long.
    maxWorkers: 3,
    testTimeout: 60_000,
    // Hooks start hubs and the native board; on a loaded shared machine that can take seconds (sized for a loaded 2-core CI box).
    hookTimeout: 120_000,
  },
});
