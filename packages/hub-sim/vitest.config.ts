import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'hub-sim',
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
