#!/usr/bin/env node
// npm run bench: runs every bench/*.bench.mjs (or those named on the command line), prints one
// table of ratios, and writes bench/results.json and bench/results.md.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchClock, fmtTime } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
const rows = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const mod = await import(pathToFileURL(join(here, file)).href);
  for (const row of await mod.default({})) rows.push({ file, ...row });
}
const lines = [
  '| group | case | hubtrust | peer | peer time | ratio (ours/peer) | target | met |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const r of rows) {
  const ratio = r.peer ? r.ours / r.peer : undefined;
  const met = r.target === undefined || ratio === undefined ? '' : ratio <= r.target ? 'yes' : 'NO';
  r.ratio = ratio;
  r.met = met;
  lines.push(
    `| ${r.group} | ${r.name} | ${r.oursText ?? fmtTime(r.ours)} | ${r.peerName ?? ''} | ${r.peer ? (r.peerText ?? fmtTime(r.peer)) : ''} | ${ratio === undefined ? '' : `${ratio.toFixed(3)}×`} | ${r.target === undefined ? '' : `≤ ${r.target}×`} | ${met} |`,
  );
}
const load = `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the end`;
const md = `# @hubtrust/verify benchmarks\n\nNode ${process.version}, ${new Date().toISOString()}, ${load}. Medians of interleaved batches (${benchClock === 'cpu' ? 'CPU time of the process' : 'wall time'}); ratio < 1 means hubtrust is faster.\n\n${lines.join('\n')}\n`;
process.stdout.write(`${md}\n`);
if (only.length === 0) {
  writeFileSync(join(here, 'results.json'), `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`);
  writeFileSync(join(here, 'results.md'), md);
}
