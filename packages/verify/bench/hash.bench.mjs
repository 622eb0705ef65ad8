// SHA-1/256/384/512 throughput: hubtrust (host API, which copies the input into wasm memory, and the
// raw wasm export on data already in memory) next to node:crypto (OpenSSL, native) and
// @noble/hashes (pure JS). Rows give ns per hash; oursText/peerText give MB/s.
import { createHash as nodeHash } from 'node:crypto';
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256, sha384 as nobleSha384, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { hash, init, wasmBytes } from '../dist/index.js';
import { measureInterleaved } from './lib.mjs';

const ALGS = [
  { name: 'SHA-256', id: 2, node: 'sha256', noble: nobleSha256, target: 300 },
  { name: 'SHA-512', id: 4, node: 'sha512', noble: nobleSha512, target: 300 },
  { name: 'SHA-384', id: 3, node: 'sha384', noble: nobleSha384 },
  { name: 'SHA-1', id: 1, node: 'sha1', noble: nobleSha1 },
];

const mbps = (bytes, ns) => `${((bytes / ns) * 1e3).toFixed(0)} MB/s`;

export default async function () {
  await init('portable'); // the hashes have no SIMD path: measure the portable verify.wasm
  // A private instance for the raw rows, so they measure the wasm code alone.
  const raw = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()), {}).exports;
  const rows = [];
  for (const size of [64 * 1024, 1024]) {
    const data = new Uint8Array(size).map((_, i) => (i * 131 + 7) & 0xff);
    const p = raw.ioReserve(size + 64);
    new Uint8Array(raw.memory.buffer).set(data, p + 64);
    for (const alg of ALGS) {
      if (size !== 64 * 1024 && alg.id !== 2 && alg.id !== 4) continue;
      const t = await measureInterleaved({
        ours: () => hash(alg.name, data),
        raw: () => raw.hashDigest(alg.id, p + 64, size, p),
        node: () => nodeHash(alg.node).update(data).digest(),
        noble: () => alg.noble(data),
      });
      const label = `${size >> 10} KiB`;
      rows.push(
        {
          group: 'hash',
          name: `${alg.name} ${label} (host API)`,
          ours: t.ours,
          peer: t.node,
          peerName: 'node:crypto',
          oursText: mbps(size, t.ours),
          peerText: mbps(size, t.node),
        },
        {
          group: 'hash',
          name: `${alg.name} ${label} (raw wasm export)`,
          ours: t.raw,
          peer: t.node,
          peerName: 'node:crypto',
          oursText: mbps(size, t.raw),
          peerText: mbps(size, t.node),
        },
        {
          group: 'hash',
          name: `${alg.name} ${label} (host API)`,
          ours: t.ours,
          peer: t.noble,
          peerName: '@noble/hashes',
          oursText: mbps(size, t.ours),
          peerText: mbps(size, t.noble),
        },
      );
      // The absolute floor, as a row of its own: the time 64 KiB takes at 300 MB/s.
      if (alg.target && size === 64 * 1024) {
        const floor = (size / alg.target) * 1e3;
        rows.push({
          group: 'hash',
          name: `${alg.name} ${label} (host API) vs the ${alg.target} MB/s floor`,
          ours: t.ours,
          peer: floor,
          peerName: `${alg.target} MB/s`,
          target: 1,
          oursText: mbps(size, t.ours),
          peerText: mbps(size, floor),
        });
      }
    }
  }
  return rows;
}
