import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'hub-sim',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    // Generous: the suite runs on 2 shared cores next to other packages' tests.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
