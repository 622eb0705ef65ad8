import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The suites in ../../hil import the package by name; tests run them against the sources.
    alias: { '@hubtrust/hil': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'hil',
    include: ['src/**/*.test.ts'],
    // Generous: the suite runs on 2 shared cores next to other packages' tests, and compiles the
    // native board against mbedTLS.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
