// ECDSA P-256 / P-384 / P-521 verification: hubtrust (raw wasm exports: hashDigest of the message, then
// ecdsaVerify on the digest) next to node:crypto (OpenSSL, native) and @noble/curves (pure JS).
// Each operation hashes a 512-byte message (about a TBSCertificate) and verifies; rows give ns per
// verification.
//
// Two cache states for hubtrust (assembly/crypto/ec-key-cache.ts keeps the comb tables of 4 keys
// and admits a key when it repeats within 4 misses):
// - warm key: the same key on every call (its table cached), next to node with a pre-imported
//   KeyObject and noble with the same key bytes (these rows carry the targets);
// - cold key: calls rotate through COLD_KEYS keys, so every call misses the cache (the point is
//   decoded and checked, the multiplication has no table); node rotates through the same keys,
//   each a KeyObject of its own (OpenSSL keeps no per-key precomputation for EC public keys, so
//   its cost does not depend on the rotation).
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { wasmBytes } from '../dist/index.js';
import { measureInterleaved } from './lib.mjs';

const CURVES = [
  {
    name: 'P-256',
    id: 1,
    nodeName: 'prime256v1',
    hash: 'sha256',
    hashId: 2,
    bytes: 32,
    noble: p256,
    target: 4,
  },
  {
    name: 'P-384',
    id: 2,
    nodeName: 'secp384r1',
    hash: 'sha384',
    hashId: 3,
    bytes: 48,
    noble: p384,
    target: 1,
  },
  {
    // Rolled field code, no comb, no key cache (README "ECDSA"): warm and cold rows do the same work.
    name: 'P-521',
    id: 5,
    nodeName: 'secp521r1',
    hash: 'sha512',
    hashId: 4,
    bytes: 66,
    noble: p521,
  },
];
const MESSAGE_BYTES = 512;
/** Keys the cold-key rows rotate through: more than the cache's 4 slots and 4-entry ring. */
const COLD_KEYS = 8;

/** A fresh key pair, its SEC1 point and a signature of msg (DER and P1363). */
function signed(c, msg) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: c.nodeName });
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const keyObject = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const jwk = publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, 'base64url'),
    Buffer.from(jwk.y, 'base64url'),
  ]);
  const der = sign(c.hash, msg, privateKey);
  const p1363 = sign(c.hash, msg, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return { keyObject, point, der, p1363 };
}

/**
 * hashDigest + ecdsaVerify on one instance, keys in rotation; the inputs of all keys are laid out
 * once in one IO request (point | digest (64) | r | s per key, then the message).
 */
function oursVerifier(raw, c, keys, msg) {
  const nb = c.bytes;
  const per = 1 + 2 * nb + 64 + 2 * nb;
  const base = raw.ioReserve(per * keys.length + msg.length);
  const mem = new Uint8Array(raw.memory.buffer);
  const pMsg = base + per * keys.length;
  mem.set(msg, pMsg);
  const calls = keys.map((k, i) => {
    const pPoint = base + per * i;
    const pDigest = pPoint + k.point.length;
    const pR = pDigest + 64;
    const pS = pR + nb;
    mem.set(k.point, pPoint);
    mem.set(k.p1363, pR);
    return () => {
      const len = raw.hashDigest(c.hashId, pMsg, msg.length, pDigest);
      if (raw.ecdsaVerify(c.id, pPoint, k.point.length, pDigest, len, pR, nb, pS, nb) !== 0)
        throw new Error('hubtrust rejected a valid signature');
    };
  });
  let i = 0;
  return () => {
    const call = calls[i];
    i = i + 1 === calls.length ? 0 : i + 1;
    call();
  };
}

/** node:crypto over keys in rotation, each with its pre-imported KeyObject. */
function nodeVerifier(c, keys, msg) {
  let i = 0;
  return () => {
    const k = keys[i];
    i = i + 1 === keys.length ? 0 : i + 1;
    if (!verify(c.hash, msg, k.keyObject, k.der)) throw new Error('node rejected');
  };
}

export default async function () {
  const instance = () => new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()), {}).exports;
  const rows = [];
  for (const c of CURVES) {
    const msg = new Uint8Array(MESSAGE_BYTES).map((_, i) => (i * 29 + 3) & 0xff);
    const keys = Array.from({ length: COLD_KEYS }, () => signed(c, msg));
    const [key] = keys;
    const noblePk = new Uint8Array(key.point);
    const nobleSig = new Uint8Array(key.p1363);
    const fns = {
      ours: oursVerifier(instance(), c, [key], msg),
      node: nodeVerifier(c, [key], msg),
      noble: () => {
        if (!c.noble.verify(nobleSig, msg, noblePk, { lowS: false })) throw new Error('noble rejected');
      },
      oursCold: oursVerifier(instance(), c, keys, msg),
      nodeCold: nodeVerifier(c, keys, msg),
    };
    for (const f of Object.values(fns)) for (let i = 0; i < 3; i++) f(); // checks, and warms the cache
    const t = await measureInterleaved(fns);
    const name = `${c.name} verify (${c.hash.toUpperCase()}, ${MESSAGE_BYTES}-byte message)`;
    const warm = 'ecdsa (warm key: same key every call)';
    rows.push(
      {
        group: warm,
        name,
        ours: t.ours,
        peer: t.node,
        peerName: 'node:crypto (KeyObject)',
        target: c.target,
      },
      { group: warm, name, ours: t.ours, peer: t.noble, peerName: '@noble/curves', target: 0.1 },
      {
        group: `ecdsa (cold key: ${COLD_KEYS} keys in rotation, every call a cache miss)`,
        name,
        ours: t.oursCold,
        peer: t.nodeCold,
        peerName: `node:crypto (${COLD_KEYS} KeyObjects in rotation)`,
      },
    );
  }
  return rows;
}
