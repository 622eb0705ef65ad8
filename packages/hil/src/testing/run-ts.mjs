// Test helper: runs a TypeScript module in a fresh Node process (Node 20 cannot strip types), via
// Vite's module runner, which vitest already brings. Usage: node run-ts.mjs <file.ts> [args...]
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const file = process.argv[2];
if (!file) {
  console.error('usage: run-ts.mjs <file.ts> [args...]');
  process.exit(64);
}
await runnerImport(resolve(file));
