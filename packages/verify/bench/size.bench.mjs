// Module sizes (raw and gzip) against their budgets: the cryptographic core alone (issue 3,
// ≤ 48 KiB; 64 KiB since issue 11's ECDSA comb tables), the shipped verify.wasm (issue 4,
// ≤ 96 KiB, 104 KiB since issue 12) and verify.compact.wasm (the same source for size: the web page's share of its
// 250 KiB budget). Rows carry sizes, not times.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KiB = 1024;
function sizeRow(name, file, budgetKiB) {
  const bytes = readFileSync(new URL(`../build/${file}`, import.meta.url));
  const gz = gzipSync(bytes, { level: 9 }).length;
  return {
    group: 'size',
    name: `${name} (${file}); budget ${budgetKiB} KiB`,
    ours: bytes.length,
    peer: budgetKiB * KiB,
    peerName: 'budget',
    target: 1,
    oursText: `${(bytes.length / KiB).toFixed(1)} KiB (gzip ${(gz / KiB).toFixed(1)} KiB)`,
    peerText: `${budgetKiB} KiB`,
  };
}

export default async function () {
  return [
    sizeRow('cryptographic core: hashes, RSA, ECDSA, Ed25519, verifySignature', 'verify.crypto.wasm', 64),
    sizeRow('whole module', 'verify.wasm', 104),
    sizeRow('whole module compiled for size (the web page carries it)', 'verify.compact.wasm', 80),
  ];
}
