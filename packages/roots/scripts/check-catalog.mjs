#!/usr/bin/env node
// Build-time catalog check: runs checkCatalog() from the freshly built dist/ (every fingerprint,
// date, name, key and issuer → subject signature re-derived with @hubtrust/verify) and fails the
// build naming the slug and field of every disagreement. Prints how long the check took.
import { init } from '@hubtrust/verify';

const { checkCatalog, catalog } = await import('../dist/index.js');
const t0 = performance.now();
await init();
const t1 = performance.now();
const problems = checkCatalog();
const t2 = performance.now();
if (problems.length) {
  console.error(`catalog check: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  ${p.slug}: ${p.field}: ${p.message}`);
  process.exit(1);
}
console.log(
  `catalog check: ${catalog.length} certificates consistent (wasm init ${(t1 - t0).toFixed(0)} ms, check ${(t2 - t1).toFixed(0)} ms)`,
);
