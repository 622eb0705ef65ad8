// ECDSA P-256 / P-384 verification: hubtrust (raw wasm exports: hashDigest of the message, then
// ecdsaVerify on the digest) next to node:crypto (OpenSSL, native) with a pre-imported KeyObject,
// and @noble/curves (pure JS). Each operation hashes a 512-byte message (about a TBSCertificate)
// and verifies; rows give ns per verification.
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { p256, p384 } from '@noble/curves/nist.js';
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
];
const MESSAGE_BYTES = 512;

export default async function () {
  const raw = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()), {}).exports;
  const rows = [];
  for (const c of CURVES) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: c.nodeName });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const keyObject = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const jwk = publicKey.export({ format: 'jwk' });
    const point = Buffer.concat([
      Buffer.from([4]),
      Buffer.from(jwk.x, 'base64url'),
      Buffer.from(jwk.y, 'base64url'),
    ]);
    const msg = new Uint8Array(MESSAGE_BYTES).map((_, i) => (i * 29 + 3) & 0xff);
    const der = sign(c.hash, msg, privateKey);
    const p1363 = sign(c.hash, msg, { key: privateKey, dsaEncoding: 'ieee-p1363' });

    // IO area: point | message | digest (64) | r | s. ecdsaVerify never writes to it, so it is
    // laid out once; each call hashes and verifies.
    const nb = c.bytes;
    const base = raw.ioReserve(point.length + msg.length + 64 + 2 * nb);
    const mem = new Uint8Array(raw.memory.buffer);
    const pPoint = base;
    const pMsg = pPoint + point.length;
    const pDigest = pMsg + msg.length;
    const pR = pDigest + 64;
    const pS = pR + nb;
    mem.set(point, pPoint);
    mem.set(msg, pMsg);
    mem.set(p1363, pR);
    const ours = () => {
      const len = raw.hashDigest(c.hashId, pMsg, msg.length, pDigest);
      if (raw.ecdsaVerify(c.id, pPoint, point.length, pDigest, len, pR, nb, pS, nb) !== 0)
        throw new Error('hubtrust rejected a valid signature');
    };
    const node = () => {
      if (!verify(c.hash, msg, keyObject, der)) throw new Error('node rejected');
    };
    const noblePk = new Uint8Array(point);
    const nobleSig = new Uint8Array(p1363);
    const noble = () => {
      if (!c.noble.verify(nobleSig, msg, noblePk, { lowS: false })) throw new Error('noble rejected');
    };
    ours();
    node();
    noble();
    const t = await measureInterleaved({ ours, node, noble });
    const name = `${c.name} verify (${c.hash.toUpperCase()}, ${MESSAGE_BYTES}-byte message)`;
    rows.push(
      {
        group: 'ecdsa',
        name,
        ours: t.ours,
        peer: t.node,
        peerName: 'node:crypto (KeyObject)',
        target: c.target,
      },
      { group: 'ecdsa', name, ours: t.ours, peer: t.noble, peerName: '@noble/curves', target: 0.1 },
    );
  }
  return rows;
}
