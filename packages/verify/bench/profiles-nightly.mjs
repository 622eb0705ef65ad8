#!/usr/bin/env node
// The whole device-profile differential (nightly; CI runs a sample, src/profiles.differential.test.ts):
// every x509-limbo case with a DNS peer name or none, and the whole generated corpus, through every
// measured profile and its real stack (hosts/stacks/). Prints the agreement per profile and corpus,
// checks test-data/profiles/disagreements.json, and with --write regenerates it.
//   npm run build && node bench/profiles-nightly.mjs [--write]
// Exit 1 on a disagreement the table does not list, on a listed one that now agrees, or on one no
// rule of test/profile-disagreement-rules.ts explains.
import { writeFileSync } from 'node:fs';
// The harness (tsconfig.harness.json) has its own copy of src/: initialise that instance.
import { initSync } from '../build/harness/src/wasm.js';
import {
  buildDisagreementTable,
  checkAgainstTable,
  DISAGREEMENT_TABLE,
  formatAgreement,
  generatedCorpus,
  limboCorpus,
  loadDisagreementTable,
  runDifferential,
} from '../build/harness/test/profile-differential.js';
import { buildStacks } from '../build/harness/test/stacks.js';

const write = process.argv.includes('--write');
initSync();
const t0 = performance.now();
const build = buildStacks();
const cases = [...limboCorpus(), ...generatedCorpus()];
process.stderr.write(`profiles: ${cases.length} cases, stacks ${JSON.stringify(build.versions)}\n`);
const { rows, disagreements } = await runDifferential(build, cases);
process.stdout.write(
  `${formatAgreement(rows)}\n\n${disagreements.length} disagreements in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
);
if (write) {
  const table = buildDisagreementTable(disagreements);
  writeFileSync(DISAGREEMENT_TABLE, `${JSON.stringify(table, null, 1)}\n`);
  process.stdout.write(`wrote ${DISAGREEMENT_TABLE.pathname}\n`);
} else {
  const problems = checkAgainstTable(disagreements, loadDisagreementTable(), new Set(cases.map((c) => c.id)));
  for (const p of problems) process.stdout.write(`${p}\n`);
  if (problems.length) process.exit(1);
}
