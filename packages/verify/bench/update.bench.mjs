// Signed trust-bundle updates (FORMAT.md): verifyUpdate on a 20-root update signed with ECDSA
// P-256, next to node:crypto (OpenSSL) and WebCrypto checking the same update's signature,
// interleaved in one run. Issue 14's target: ≤ 1 ms per verification in wasm.
//
// What each side does, per call:
//   hubtrust warm   verifyUpdate (the package API): copy the update and the state into the IO
//                   area, every FORMAT.md check (header, fields, 20 DER entries in order, key ids
//                   of the trusted key, SHA-256 of the body, ECDSA P-256 with low-s), new state
//                   and 20 root copies out
//   hubtrust cold   a fresh instance of the compiled module, then the same check through the raw
//                   export (a device's first update after boot; compiling the module is not counted)
//   node:crypto     crypto.verify('sha256', body, KeyObject, signature): the signature only, no
//                   parsing (warm: key imported once; cold: createPublicKey from the JWK each call)
//   WebCrypto       crypto.subtle.verify ECDSA/SHA-256 with a CryptoKey: the signature only
//                   (warm: imported once; cold: importKey each call); awaited per call
//
// The update is built here from the PEMs in test-data/roots with the test-only encoder
// (test/update-encoder.ts; verify depends on nothing of ours, so not @hubtrust/roots'): 20
// certificates, sorted DER, fleet id only, signed with the test key k1 of test-data/updates/keys.json.
import { createPublicKey, verify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { encodeUpdate, field, pointOf } from '../build/harness/test/update-encoder.js';
import { init, verifyUpdate, wasmBytes } from '../dist/index.js';
import { measureInterleaved } from './lib.mjs';

const ROOTS = 20;
const dir = new URL('../test-data/', import.meta.url);
const STATE = { size: 2508, keys: 200, fleet: 8 };
const OUTCOME_SIZE = 3260;

function der(pem) {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/** 20 certificates of test-data/roots whose names say root, sorted (FORMAT.md byte order). */
function certificates() {
  const files = readdirSync(new URL('roots/', dir))
    .filter((f) => f.endsWith('.pem') && f.includes('root'))
    .sort()
    .slice(0, ROOTS);
  if (files.length !== ROOTS) throw new Error(`only ${files.length} root PEMs in test-data/roots`);
  return files.map((f) => der(readFileSync(new URL(`roots/${f}`, dir), 'utf8'))).sort(Buffer.compare);
}

export default async function () {
  await init();
  const keys = JSON.parse(readFileSync(new URL('updates/keys.json', dir), 'utf8')).keys;
  const jwk = keys.k1.privateJwk;
  const fleetId = 'bench-fleet';
  const update = encodeUpdate({
    signer: jwk,
    fields: [field(1, Buffer.from(fleetId)), field(5, Buffer.concat(certificates()))],
  });
  const point = pointOf(jwk);
  const bodyLength = new DataView(update.buffer).getUint32(8);
  const body = update.subarray(0, bodyLength);
  const sig = update.subarray(bodyLength);
  const state = {
    fleetId: new TextEncoder().encode(fleetId),
    trustedKeys: [new Uint8Array(point)],
    revokedKeyIds: [],
    lastSequence: 6,
  };
  const now = 1_800_000_000;
  const pub = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };

  const warm = () => {
    const r = verifyUpdate(update, state, now);
    if (!r.ok || r.roots.length !== ROOTS)
      throw new Error(`verifyUpdate: ${JSON.stringify(r.ok || r.error)}`);
  };
  // cold: a fresh instance of the compiled module and the raw export (records written by hand)
  const module = new WebAssembly.Module(wasmBytes());
  const cold = () => {
    const w = new WebAssembly.Instance(module, {}).exports;
    const p = w.ioReserve(STATE.size + OUTCOME_SIZE + update.length);
    const mem = new Uint8Array(w.memory.buffer);
    mem.fill(0, p, p + STATE.size);
    mem[p + 4] = 1; // key count
    mem[p + 6] = fleetId.length;
    new DataView(mem.buffer).setUint32(p, 6, true);
    mem.set(state.fleetId, p + STATE.fleet);
    mem.set(point, p + STATE.keys);
    const u = p + STATE.size + OUTCOME_SIZE;
    mem.set(update, u);
    const e = w.verifyUpdate(u, update.length, p, BigInt(now), p + STATE.size);
    if (e !== 0) throw new Error(`cold verifyUpdate: ${e}`);
  };
  const keyObject = createPublicKey({ key: pub, format: 'jwk' });
  const nodeWarm = () => {
    if (!verify('sha256', body, { key: keyObject, dsaEncoding: 'ieee-p1363' }, sig)) throw new Error('node');
  };
  const nodeCold = () => {
    const k = createPublicKey({ key: pub, format: 'jwk' });
    if (!verify('sha256', body, { key: k, dsaEncoding: 'ieee-p1363' }, sig)) throw new Error('node');
  };
  const subtle = globalThis.crypto.subtle;
  const alg = { name: 'ECDSA', namedCurve: 'P-256' };
  const cryptoKey = await subtle.importKey('jwk', pub, alg, false, ['verify']);
  const webWarm = async () => {
    if (!(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, cryptoKey, sig, body)))
      throw new Error('subtle');
  };
  const webCold = async () => {
    const k = await subtle.importKey('jwk', pub, alg, false, ['verify']);
    if (!(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, k, sig, body))) throw new Error('subtle');
  };
  const t = await measureInterleaved({ warm, cold, nodeWarm, nodeCold, webWarm, webCold });
  const size = `${ROOTS}-root update, ${update.length.toLocaleString('en-US')} bytes, ECDSA P-256`;
  const name = (kind) =>
    kind === 'warm' ? `warm: ${size} (target ≤ 1 ms: ${t.warm <= 1e6 ? 'met' : 'NOT met'})` : `cold: ${size}`;
  return [
    {
      group: 'update',
      name: name('warm'),
      ours: t.warm,
      peer: t.nodeWarm,
      peerName: 'node:crypto verify (signature only, KeyObject)',
    },
    {
      group: 'update',
      name: name('warm'),
      ours: t.warm,
      peer: t.webWarm,
      peerName: 'WebCrypto subtle.verify (signature only, CryptoKey)',
    },
    {
      group: 'update',
      name: name('cold'),
      ours: t.cold,
      peer: t.nodeCold,
      peerName: 'node:crypto createPublicKey + verify',
    },
    {
      group: 'update',
      name: name('cold'),
      ours: t.cold,
      peer: t.webCold,
      peerName: 'WebCrypto importKey + verify',
    },
  ];
}
