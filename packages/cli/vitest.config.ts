import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    testTimeout: 30_000,
    // Hooks start hubs and the native board; on a loaded shared machine that can take seconds.
    hookTimeout: 60_000,
  },
});
