// RSA verification: hubtrust's raw wasm exports (release build; modulus, exponent, message and
// signature already in the IO area; each call hashes the message with hashDigest and then runs
// rsaVerifyPkcs1v15 / rsaVerifyPss, as crypto.verify hashes too) next to node:crypto (OpenSSL,
// with a pre-imported KeyObject: its Montgomery context is cached in the key) and node-forge
// (pure JS, hashing with forge.md). Rows give ns per verification of a 256-byte message.
//
// Two cache states for hubtrust (assembly/crypto/rsa-key-cache.ts keeps 4 keys):
// - warm key: the same key on every call, the analogue of node's pre-imported KeyObject (these
//   rows carry the targets);
// - cold key: calls rotate through COLD_KEYS > 4 keys, so every call misses the cache (context
//   rebuilt, signature converted by long division); node rotates through the same keys, each a
//   KeyObject of its own (OpenSSL stays warm: it caches per KeyObject).
// Rows marked "SIMD build" use verify.simd.wasm (the same code compiled with --enable simd, see
// assembly/crypto/bigint.ts), which init() loads in engines that validate wasm SIMD; the others
// the portable verify.wasm.
import crypto from 'node:crypto';
import forge from 'node-forge';
import { wasmBytes } from '../dist/index.js';
import { measureInterleaved } from './lib.mjs';

const HASH_IDS = { sha256: 2, sha384: 3, sha512: 4 };

/** Keys the cold-key rows rotate through: more than the 4 slots of the key cache. */
const COLD_KEYS = 5;

/** A fresh key pair and a signature of a 256-byte message (about a small TBSCertificate). */
function signed(bits, hash, pss) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicExponent: 65537,
  });
  const jwk = publicKey.export({ format: 'jwk' });
  const n = Buffer.from(jwk.n, 'base64url');
  const e = Buffer.from(jwk.e, 'base64url');
  const msg = crypto.randomBytes(256);
  const hLen = crypto.createHash(hash).digest().length;
  const padding = (key) =>
    pss ? { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: hLen } : key;
  const sig = crypto.sign(hash, msg, padding(privateKey));
  return { n, e, msg, sig, hash, hLen, pss, verifyOptions: padding(publicKey) };
}

/** node:crypto over one or more keys in rotation, each with its pre-imported KeyObject. */
function nodeVerifier(keys) {
  let i = 0;
  return () => {
    const k = keys[i];
    i = i + 1 === keys.length ? 0 : i + 1;
    if (!crypto.verify(k.hash, k.msg, k.verifyOptions, k.sig)) throw new Error('node verify failed');
  };
}

/** One key (and, with `cold`, COLD_KEYS - 1 more to rotate through), each engine set up. */
function setup(bits, hash, pss, simdBytes, cold) {
  const key = signed(bits, hash, pss);
  const instance = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
  const wasm = instance(wasmBytes());
  const simd = instance(simdBytes);
  const fns = { ours: verifier(wasm, [key]), simd: verifier(simd, [key]), node: nodeVerifier([key]) };
  if (cold) {
    const keys = [key];
    for (let i = 1; i < COLD_KEYS; i++) keys.push(signed(bits, hash, pss));
    fns.oursCold = verifier(instance(wasmBytes()), keys);
    fns.nodeCold = nodeVerifier(keys);
  }
  for (const f of Object.values(fns)) for (let i = 0; i < 3; i++) f(); // checks, and warms the cache
  return { wasm, fns, ...key };
}

/** Bytes one key's inputs take in the IO area. */
const areaOf = ({ n, e, msg, sig }) => n.length + e.length + 64 + sig.length + msg.length;

/**
 * Hash + raw RSA export call on one instance, keys in rotation, the inputs of all of them laid out
 * once in one IO request (ioReserve resets the area, so one request per key would overwrite).
 */
function verifier(wasm, keys) {
  let p = wasm.ioReserve(keys.reduce((sum, k) => sum + areaOf(k), 0));
  const calls = keys.map((k) => {
    const call = oneVerifier(wasm, k, p);
    p += areaOf(k);
    return call;
  });
  if (calls.length === 1) return calls[0];
  let i = 0;
  return () => {
    const call = calls[i];
    i = i + 1 === calls.length ? 0 : i + 1;
    call();
  };
}

function oneVerifier(wasm, { n, e, msg, sig, hash, hLen, pss }, p) {
  const pn = p;
  const pe = pn + n.length;
  const pd = pe + e.length;
  const ps = pd + 64;
  const pm = ps + sig.length;
  const mem = new Uint8Array(wasm.memory.buffer);
  mem.set(n, pn);
  mem.set(e, pe);
  mem.set(sig, ps);
  mem.set(msg, pm);
  const alg = HASH_IDS[hash];
  return pss
    ? () => {
        wasm.hashDigest(alg, pm, msg.length, pd);
        const r = wasm.rsaVerifyPss(pn, n.length, pe, e.length, alg, alg, hLen, pd, ps, sig.length);
        if (r !== 0) throw new Error(`rsaVerifyPss: ${r}`);
      }
    : () => {
        wasm.hashDigest(alg, pm, msg.length, pd);
        const r = wasm.rsaVerifyPkcs1v15(pn, n.length, pe, e.length, alg, pd, ps, sig.length);
        if (r !== 0) throw new Error(`rsaVerifyPkcs1v15: ${r}`);
      };
}

function forgeVerifier({ n, e, msg, sig }) {
  const key = forge.pki.setRsaPublicKey(
    new forge.jsbn.BigInteger(n.toString('hex'), 16),
    new forge.jsbn.BigInteger(e.toString('hex'), 16),
  );
  const msgBin = msg.toString('binary');
  const sigBin = sig.toString('binary');
  return () => {
    const md = forge.md.sha256.create();
    md.update(msgBin);
    if (!key.verify(md.digest().bytes(), sigBin)) throw new Error('forge verify failed');
  };
}

export default async function () {
  const simdBytes = wasmBytes('simd');
  const rows = [];
  const cases = [
    { bits: 2048, hash: 'sha256', pss: false, target: 2.5, forge: true, cold: true },
    { bits: 3072, hash: 'sha256', pss: false },
    { bits: 4096, hash: 'sha256', pss: false, target: 3, forge: true, cold: true },
    { bits: 2048, hash: 'sha256', pss: true, cold: true },
    { bits: 4096, hash: 'sha512', pss: true },
  ];
  for (const c of cases) {
    const s = setup(c.bits, c.hash, c.pss, simdBytes, c.cold);
    const fns = { ...s.fns };
    if (c.forge) fns.forge = forgeVerifier(s);
    // Batches of ~20 ms interleaved across all competitors, 41 each (median): the 2-core machine
    // is shared, and a neighbour hogging the sibling hyperthread then slows every row alike.
    const t = await measureInterleaved(fns, { batchMs: 20, batches: 41 });
    const name = `RSA-${c.bits} ${c.pss ? 'PSS' : 'PKCS#1 v1.5'} ${c.hash.toUpperCase()}, e=65537, 256-byte message`;
    let note;
    if (c.bits === 2048 && !c.pss) {
      // Memory: 100,000 verifications, alternating the warm key and the cold rotation (every cold
      // call a cache miss that refills a slot).
      const before = s.wasm.memory.buffer.byteLength;
      const rotation = setup(c.bits, c.hash, c.pss, simdBytes, true).fns.oursCold;
      for (let i = 0; i < 50_000; i++) {
        s.fns.ours();
        rotation();
      }
      note = `memory growth over 100,000 verifications (warm key and ${COLD_KEYS} rotating keys): ${s.wasm.memory.buffer.byteLength - before} bytes`;
      process.stderr.write(`rsa: ${note}\n`);
    }
    const node = { peer: t.node, peerName: 'node:crypto (KeyObject)' };
    rows.push({
      group: 'rsa (warm key: same key every call)',
      name,
      ours: t.ours,
      ...node,
      ...(c.target ? { target: c.target } : {}),
      ...(note ? { note } : {}),
    });
    if (c.cold)
      rows.push({
        group: `rsa (cold key: ${COLD_KEYS} keys in rotation, every call a cache miss)`,
        name,
        ours: t.oursCold,
        peer: t.nodeCold,
        peerName: `node:crypto (${COLD_KEYS} KeyObjects in rotation)`,
      });
    if (fns.forge)
      rows.push({
        group: 'rsa (warm key: same key every call)',
        name,
        ours: t.ours,
        peer: t.forge,
        peerName: 'node-forge',
        target: 0.2,
      });
    rows.push({
      group: 'rsa (SIMD build verify.simd.wasm; warm key)',
      name,
      ours: t.simd,
      ...node,
      ...(c.target ? { target: c.target } : {}),
    });
  }
  return rows;
}
