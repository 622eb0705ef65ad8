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
    // Vitest runs one file at a time on a 2-core machine (cores - 1 workers). These files mostly
    // wait (ptys, socat, board processes, hub sockets, ROM timeouts), so three run at once; none
    // shares a port, pty or lock directory with another (each makes its own temporary rig, only
    // nightly.test.ts uses hil/rigs/sim.yaml).
    maxWorkers: 3,
  },
});
