import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'verify',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // Suites that do their work in beforeAll (x509-limbo, the profile differential) get the same
    // minute: on the shared 2-core machine under load the 10 s default was not enough.
    hookTimeout: 120_000,
  },
});
