import { defineConfig } from 'vitest/config';

/** Root config: every package is a vitest project, so `npx vitest` runs them all at once. */
export default defineConfig({
  test: {
    projects: ['packages/*'],
  },
});
