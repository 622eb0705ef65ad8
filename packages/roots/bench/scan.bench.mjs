#!/usr/bin/env node
// npm run bench (after npm run build): the image scanner's numbers (issue 10).
//   1. a 16 MiB image of random bytes with 30 embedded certificates (15 DER, 15 PEM, taken from
//      Node's root store): all must be found; throughput, warm module, image in memory;
//   2. 64 MiB of random bytes: no hit allowed; throughput;
//   3. Node's own binary (process.execPath, ELF, ~100 MB): every certificate of
//      tls.rootCertificates found and nothing else.
// Each throughput row is interleaved batch by batch with a peer doing the least work a scanner
// can do over the same bytes (one Uint8Array.indexOf sweep for 0x30, no parsing) and with
// node:crypto's SHA-256 of the same bytes, and printed as a ratio. Writes bench/results.md.
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { init } from '@hubtrust/verify';
import { scanImage } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
await init();
const MiB = 1024 * 1024;
const sha = (pem) => new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();

function random(n) {
  const b = new Uint8Array(n);
  for (let o = 0; o < n; o += 65536) b.set(randomBytes(Math.min(65536, n - o)), o);
  return b;
}

function image16() {
  const b = random(16 * MiB);
  const chosen = rootCertificates.slice(0, 30);
  const step = Math.floor(b.length / 31);
  chosen.forEach((pem, i) => {
    const bytes = i % 2 === 0 ? new Uint8Array(new X509Certificate(pem).raw) : new TextEncoder().encode(pem);
    b.set(bytes, (i + 1) * step + ((i * 7919) % 4096));
  });
  return { bytes: b, want: new Set(chosen.map(sha)) };
}

function sweep(b) {
  let n = 0;
  for (let i = b.indexOf(0x30); i >= 0; i = b.indexOf(0x30, i + 1)) n++;
  return n;
}

/** Median ms per call of each competitor, batches interleaved (A B C A B C ...). */
function interleaved(fns, batches = 15) {
  const samples = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (const fn of Object.values(fns)) fn(); // warm-up
  for (let b = 0; b < batches; b++) {
    for (const [k, fn] of Object.entries(fns)) {
      const t = performance.now();
      fn();
      samples[k].push(performance.now() - t);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, v.sort((x, y) => x - y)[v.length >> 1]]),
  );
}

const rows = [];
const mbs = (bytes, ms) => bytes / 1e6 / (ms / 1000);

{
  const { bytes, want } = image16();
  const r = scanImage(bytes, { format: 'raw' });
  const got = new Set(r.hits.map((h) => h.sha256));
  const found = [...want].filter((s) => got.has(s)).length;
  const extra = r.hits.filter((h) => !want.has(h.sha256)).length;
  const t = interleaved({
    scan: () => scanImage(bytes, { format: 'raw' }),
    verified: () => scanImage(bytes, { format: 'raw', verifySelfSignatures: true }),
    portable: () => scanImage(bytes, { format: 'raw', portableSearch: true }),
    sweep: () => sweep(bytes),
    sha256: () => createHash('sha256').update(bytes).digest(),
  });
  rows.push({
    case: '16 MiB random + 30 certificates (15 DER, 15 PEM), warm, in memory',
    scan: `${mbs(bytes.length, t.scan).toFixed(0)} MB/s`,
    target: '≥ 200 MB/s, 30/30 found',
    result: `${found}/30 found, ${extra} other hits`,
    peers: `with verifySelfSignatures ${mbs(bytes.length, t.verified).toFixed(0)} MB/s; portable search (browsers) ${mbs(bytes.length, t.portable).toFixed(0)} MB/s; indexOf(0x30) sweep ${mbs(bytes.length, t.sweep).toFixed(0)} MB/s (scan/sweep time ${(t.scan / t.sweep).toFixed(2)}×); node SHA-256 ${mbs(bytes.length, t.sha256).toFixed(0)} MB/s`,
    met: mbs(bytes.length, t.scan) >= 200 && found === 30 && extra === 0 ? 'yes' : 'NO',
  });
}
{
  const bytes = random(64 * MiB);
  const r = scanImage(bytes, { format: 'raw' });
  const t = interleaved(
    {
      scan: () => scanImage(bytes, { format: 'raw' }),
      portable: () => scanImage(bytes, { format: 'raw', portableSearch: true }),
      sweep: () => sweep(bytes),
    },
    7,
  );
  rows.push({
    case: '64 MiB random bytes, warm, in memory',
    scan: `${mbs(bytes.length, t.scan).toFixed(0)} MB/s`,
    target: 'no hit',
    result: `${r.hits.length} hits, ${r.stats.candidates} candidates decoded`,
    peers: `portable search (browsers) ${mbs(bytes.length, t.portable).toFixed(0)} MB/s; indexOf(0x30) sweep ${mbs(bytes.length, t.sweep).toFixed(0)} MB/s (scan/sweep time ${(t.scan / t.sweep).toFixed(2)}×)`,
    met: r.hits.length === 0 ? 'yes' : 'NO',
  });
}
{
  const bytes = new Uint8Array(readFileSync(process.execPath));
  const want = new Set(rootCertificates.map(sha));
  const t0 = performance.now();
  const r = scanImage(bytes, { file: 'node', verifySelfSignatures: true });
  const ms = performance.now() - t0;
  const got = new Set(r.hits.map((h) => h.sha256));
  const found = [...want].filter((s) => got.has(s)).length;
  const extra = r.hits.filter((h) => !want.has(h.sha256)).length;
  rows.push({
    case: `${process.execPath} (Node ${process.version}, ${r.format}, ${(bytes.length / MiB).toFixed(0)} MiB), first scan, self-signatures verified`,
    scan: `${ms.toFixed(0)} ms (${mbs(bytes.length, ms).toFixed(0)} MB/s)`,
    target: 'every tls.rootCertificates entry, nothing else',
    result: `${found}/${want.size} found, ${extra} other hits, ${r.hits.filter((h) => h.selfSignature === 'valid').length} self-signatures verified, sections ${[...new Set(r.hits.map((h) => h.where.section))].join(', ')}`,
    peers: '',
    met: found === want.size && extra === 0 ? 'yes' : 'NO',
  });
}

const md = [
  '# @hubtrust/roots scanner benchmark',
  '',
  `Node ${process.version}, ${new Date().toISOString()}; medians of interleaved runs.`,
  '',
  '| case | scanner | target | result | peers (same bytes, same batches) | met |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.case} | ${r.scan} | ${r.target} | ${r.result} | ${r.peers} | ${r.met} |`),
  '',
].join('\n');
process.stdout.write(`${md}\n`);
writeFileSync(join(here, 'results.md'), md);
