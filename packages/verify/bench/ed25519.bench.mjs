// Ed25519 verification: hubtrust's raw wasm export (release build, public key, message and
// signature already in the IO area) next to node:crypto (OpenSSL, with a pre-imported KeyObject)
// and @noble/curves (pure JS). Rows give ns per verification.
import crypto from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { wasmBytes } from '../dist/index.js';
import { measureInterleaved } from './lib.mjs';

export default async function () {
  const wasm = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()), {}).exports;
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const pub = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  const msg = new Uint8Array(crypto.randomBytes(256)); // about the size of a small TBSCertificate
  const sig = new Uint8Array(crypto.sign(null, msg, privateKey));
  const p = wasm.ioReserve(96 + msg.length);
  const mem = new Uint8Array(wasm.memory.buffer);
  mem.set(pub, p);
  mem.set(sig, p + 32);
  mem.set(msg, p + 96);
  const ours = () => {
    if (wasm.ed25519Verify(p, p + 96, msg.length, p + 32) !== 0) throw new Error('ed25519Verify failed');
  };
  const node = () => {
    if (!crypto.verify(null, msg, publicKey, sig)) throw new Error('node verify failed');
  };
  const noble = () => {
    if (!ed25519.verify(sig, msg, pub)) throw new Error('noble verify failed');
  };
  const t = await measureInterleaved({ ours, node, noble });
  const pagesBefore = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 100_000; i++) ours();
  const grown = wasm.memory.buffer.byteLength - pagesBefore;
  const note = `memory growth over 100,000 verifications: ${grown} bytes`;
  return [
    {
      group: 'ed25519',
      name: 'verify, 256-byte message',
      ours: t.ours,
      peer: t.node,
      peerName: 'node:crypto (KeyObject)',
      note,
    },
    {
      group: 'ed25519',
      name: 'verify, 256-byte message',
      ours: t.ours,
      peer: t.noble,
      peerName: '@noble/curves',
    },
  ];
}
