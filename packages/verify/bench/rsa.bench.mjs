// RSA verification: hubtrust's raw wasm exports (release build; modulus, exponent, message and
// signature already in the IO area; each call hashes the message with hashDigest and then runs
// rsaVerifyPkcs1v15 / rsaVerifyPss, as crypto.verify hashes too) next to node:crypto (OpenSSL,
// with a pre-imported KeyObject: its Montgomery context is cached in the key) and node-forge
// (pure JS, hashing with forge.md). Rows give ns per verification of a 256-byte message.
// The shipped module is scalar; rows marked "SIMD build" use build/verify.test.simd.wasm (the same
// code compiled with --enable simd, see assembly/crypto/bigint.ts) to show what SIMD would give.
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { wasmBytes } from '../dist/index.js';
import { measureSideBySide } from './lib.mjs';

const HASH_IDS = { sha256: 2, sha384: 3, sha512: 4 };

/** One key and signature set up in its own instance of the module. */
function setup(bits, hash, pss, simdBytes) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicExponent: 65537,
  });
  const jwk = publicKey.export({ format: 'jwk' });
  const n = Buffer.from(jwk.n, 'base64url');
  const e = Buffer.from(jwk.e, 'base64url');
  const msg = crypto.randomBytes(256); // about the size of a small TBSCertificate
  const hLen = crypto.createHash(hash).digest().length;
  const signOptions = pss
    ? { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: hLen }
    : privateKey;
  const sig = crypto.sign(hash, msg, signOptions);
  const verifyOptions = pss
    ? { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: hLen }
    : publicKey;

  const instance = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
  const wasm = instance(wasmBytes());
  const simd = instance(simdBytes);
  const ours = verifier(wasm, { n, e, msg, sig, hash, hLen, pss });
  const oursSimd = verifier(simd, { n, e, msg, sig, hash, hLen, pss });
  const node = () => {
    if (!crypto.verify(hash, msg, verifyOptions, sig)) throw new Error('node verify failed');
  };
  ours();
  oursSimd();
  node();
  return { wasm, ours, oursSimd, node, n, e, msg, sig };
}

/** Hash + raw RSA export call on one instance, with the inputs already in its IO area. */
function verifier(wasm, { n, e, msg, sig, hash, hLen, pss }) {
  const p = wasm.ioReserve(n.length + e.length + 64 + sig.length + msg.length);
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
  const simdBytes = readFileSync(new URL('../build/verify.test.simd.wasm', import.meta.url));
  const rows = [];
  const cases = [
    { bits: 2048, hash: 'sha256', pss: false, target: 2.5, forge: true },
    { bits: 3072, hash: 'sha256', pss: false },
    { bits: 4096, hash: 'sha256', pss: false, target: 3, forge: true },
    { bits: 2048, hash: 'sha256', pss: true },
    { bits: 4096, hash: 'sha512', pss: true },
  ];
  for (const c of cases) {
    const s = setup(c.bits, c.hash, c.pss, simdBytes);
    const fns = { ours: s.ours, simd: s.oursSimd, node: s.node };
    if (c.forge) fns.forge = forgeVerifier(s);
    const t = measureSideBySide(fns, { batchMs: 150 });
    const name = `RSA-${c.bits} ${c.pss ? 'PSS' : 'PKCS#1 v1.5'} ${c.hash.toUpperCase()}, e=65537, 256-byte message`;
    let note;
    if (c.bits === 2048 && !c.pss) {
      const before = s.wasm.memory.buffer.byteLength;
      for (let i = 0; i < 100_000; i++) s.ours();
      note = `memory growth over 100,000 verifications: ${s.wasm.memory.buffer.byteLength - before} bytes`;
    }
    const node = { peer: t.node, peerName: 'node:crypto (KeyObject)' };
    rows.push({
      group: 'rsa',
      name,
      ours: t.ours,
      ...node,
      ...(c.target ? { target: c.target } : {}),
      ...(note ? { note } : {}),
    });
    if (fns.forge)
      rows.push({ group: 'rsa', name, ours: t.ours, peer: t.forge, peerName: 'node-forge', target: 0.2 });
    rows.push({
      group: 'rsa (SIMD build, not shipped)',
      name,
      ours: t.simd,
      ...node,
      ...(c.target ? { target: c.target } : {}),
    });
  }
  return rows;
}
