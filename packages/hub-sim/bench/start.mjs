#!/usr/bin/env node
// Hub start-up time with a warm PKI cache (issue 5 target: < 1 s), measured in fresh Node
// processes, interleaved with a named peer so machine noise hits both alike:
//   hub-sim   import @hubtrust/hub-sim (dist) + startHub({ scenario }) until all 3 ports listen
//   node:tls  import node:tls + one tls.Server with a ready-made cert listening (the floor)
// plus startHub repeated inside one process (PKI already in memory) and, with --cold, one
// derivation of the whole PKI from a fresh seed. Prints medians and ratios; writes
// bench/results/start.json.
// Run: npm run build -w @hubtrust/hub-sim && node packages/hub-sim/bench/start.mjs [--rounds N] [--cold]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = new URL('../dist/index.js', import.meta.url).href;
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 7;
const scenarios = ['current', 'rotated-root', 'large-chain', 'client-cert-required'];

const { loadTestPki, startHub } = await import(dist);
const pki = await loadTestPki(); // make sure the cache is warm before timing anything
const material = join(mkdtempSync(join(tmpdir(), 'hub-sim-bench-')), 'server.json');
writeFileSync(
  material,
  JSON.stringify({
    key: pki.privateKeyPem('microsoft-azure-rsa-tls-issuing-ca-03'),
    cert: pki.certificatePem('microsoft-azure-rsa-tls-issuing-ca-03-xsign'),
  }),
);

const hubChild = (scenario) => `
const t0 = performance.now();
const { startHub } = await import(${JSON.stringify(dist)});
const t1 = performance.now();
const hub = await startHub({ scenario: ${JSON.stringify(scenario)} });
const t2 = performance.now();
await hub.stop();
console.log(JSON.stringify({ importMs: t1 - t0, startMs: t2 - t1, totalMs: t2 - t0, startupMs: hub.startupMs }));`;

const floorChild = `
const t0 = performance.now();
const tls = await import('node:tls');
const { readFileSync } = await import('node:fs');
const m = JSON.parse(readFileSync(${JSON.stringify(material)}, 'utf8'));
const server = tls.createServer({ key: m.key, cert: m.cert });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const t2 = performance.now();
server.close();
console.log(JSON.stringify({ totalMs: t2 - t0 }));`;

function runChild(source) {
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' }),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const scenario of scenarios) {
  const hub = [];
  const floor = [];
  for (let r = 0; r < rounds; r++) {
    hub.push(runChild(hubChild(scenario)));
    floor.push(runChild(floorChild));
  }
  rows.push({
    scenario,
    totalMs: median(hub.map((h) => h.totalMs)),
    importMs: median(hub.map((h) => h.importMs)),
    startMs: median(hub.map((h) => h.startMs)),
    floorMs: median(floor.map((f) => f.totalMs)),
  });
}

const inProcess = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const hub = await startHub({ scenario: 'current' });
  inProcess.push(performance.now() - t0);
  await hub.stop();
}

let coldMs = null;
if (args.includes('--cold')) {
  const t0 = performance.now();
  await loadTestPki({ seed: `bench-${Date.now()}`, cacheDir: false });
  coldMs = performance.now() - t0;
}

const f = (ms) => `${ms.toFixed(0)} ms`.padStart(8);
console.log(`hub start with a warm PKI cache, fresh process, median of ${rounds} (target < 1000 ms)`);
console.log('scenario               hub-sim   import  startHub  node:tls floor  ratio');
for (const r of rows) {
  console.log(
    `${r.scenario.padEnd(21)}${f(r.totalMs)} ${f(r.importMs)} ${f(r.startMs)} ${f(r.floorMs)}       ${(r.totalMs / r.floorMs).toFixed(1)}x`,
  );
}
console.log(`startHub again in the same process (PKI in memory): median ${median(inProcess).toFixed(1)} ms`);
if (coldMs !== null) console.log(`cold: deriving a new PKI (no cache): ${(coldMs / 1000).toFixed(1)} s`);

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'start.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rounds, rows, inProcessMs: median(inProcess), coldMs }, null, 2)}\n`,
);
