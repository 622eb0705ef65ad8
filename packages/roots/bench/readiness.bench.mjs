#!/usr/bin/env node
// npm run bench:readiness (after npm run build): readiness for every cloud profile × every device
// profile over a 15-year range (issue 14: ≤ 1 s in Node, warm module).
//
// One row = 8 analyzeReadiness calls (one per device profile), each over all 11 endpoint families
// and 15 years, recommendation included (candidate roots, smallest cover, sizes in 6 formats); the
// bundle is read once beforehand (reading is the formats' job, measured by scan.bench.mjs). The
// module is warm: init() and one untimed round first. There is no peer tool to compare with; the
// rows print their ratio to the target and the work done (instants visited, chain evaluations,
// verifyChain calls: the change points keep these small, 616–880 instants for 88 family ×
// profile pairs over 15 years instead of 88 × 5,479 days). Writes bench/readiness-results.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init } from '@hubtrust/verify';
import {
  analyzeReadiness,
  cloudProfiles,
  DEVICE_PROFILE_IDS,
  readCSource,
  readPem,
  recommendedRoots,
} from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
await init();
const FROM = new Date('2026-01-01T00:00:00Z');
const TO = new Date('2041-01-01T00:00:00Z');
const families = cloudProfiles.map((f) => f.id);
const bundles = {
  'certs.c 2017 (Baltimore only)': readCSource(
    readFileSync(join(here, '../test-data/readiness/azure-iot-sdk-c-2017-01-21-certs.c'), 'utf8'),
    { file: 'certs.c' },
  ),
  'certs.c 2021 (4 roots)': readCSource(
    readFileSync(
      join(here, '../test-data/formats/device-bundles/azure-iot-sdk-c-2021-02-12-certs.c'),
      'utf8',
    ),
    { file: 'certs.c' },
  ),
  'Azure-all + AWS sets (7 roots)': readPem(
    [...recommendedRoots('azure-all'), ...recommendedRoots('aws')].map((c) => c.pem).join(''),
  ),
};

function matrix(bundle) {
  let work = { instants: 0, evaluations: 0, verifyCalls: 0 };
  for (const device of DEVICE_PROFILE_IDS) {
    const r = analyzeReadiness({ bundle, families, device, from: FROM, to: TO });
    work = {
      instants: work.instants + r.work.instants,
      evaluations: work.evaluations + r.work.evaluations,
      verifyCalls: work.verifyCalls + r.work.verifyCalls,
    };
  }
  return work;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [name, bundle] of Object.entries(bundles)) {
  matrix(bundle); // warm-up
  const times = [];
  let work;
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    work = matrix(bundle);
    times.push(performance.now() - t0);
  }
  rows.push({ name, ms: median(times), min: Math.min(...times), max: Math.max(...times), work });
  console.log(
    `${name}: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) ${JSON.stringify(work)}`,
  );
}

const md = [
  '# Readiness benchmark (`npm run bench:readiness`)',
  '',
  `Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}, this machine (shared, 2 cores). One row: ${DEVICE_PROFILE_IDS.length} device profiles × ${families.length} endpoint families, ${FROM.toISOString().slice(0, 10)} → ${TO.toISOString().slice(0, 10)}, recommendation included, warm module, bundle read beforehand; median of 9 (min – max). Target ≤ 1,000 ms.`,
  '',
  '| bundle | median ms | min – max ms | ÷ target | instants | chain evaluations | verifyChain calls |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.ms.toFixed(0)} | ${r.min.toFixed(0)} – ${r.max.toFixed(0)} | ${(r.ms / 1000).toFixed(2)} | ${r.work.instants} | ${r.work.evaluations} | ${r.work.verifyCalls} |`,
  ),
  '',
];
writeFileSync(join(here, 'readiness-results.md'), md.join('\n'));
