#!/usr/bin/env node
// Writes the trust-bundle update test vectors of packages/verify/FORMAT.md into
// packages/verify/test-data/updates/: the .htbu files, vectors.json (device state, time and the
// expected result of each) and the test signing keys (keys.json: test keys, never for real fleets).
// Uses this package's build (npm run build first): the vectors are made with the same encoder and
// signer users get, then checked by an independent verifier in the tests.
//
// usage: node scripts/make-update-vectors.mjs [<output dir>]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { init } from '@hubtrust/verify';
import { getCertificate, recommendedRoots } from '../dist/index.js';
import { compareUpdateBytes, encodeUpdateBody, UPDATE_FIELD } from '../dist/updates/format.js';
import { signCanonical, updateKeyId, webCryptoSigner } from '../dist/updates/signer.js';

await init();
const out = process.argv[2] ?? new URL('../../verify/test-data/updates/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const subtle = globalThis.crypto.subtle;
const hex = (b) => Buffer.from(b).toString('hex');
const ascii = (s) => new TextEncoder().encode(s);

// Test keys: kept in keys.json so the vectors can be remade with the same keys.
const keysFile = join(out, 'keys.json');
const stored = existsSync(keysFile) ? JSON.parse(readFileSync(keysFile, 'utf8')).keys : {};
const keys = {};
for (const name of ['k1', 'k2', 'k3']) {
  let jwk = stored[name]?.privateJwk;
  if (!jwk) {
    const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    jwk = await subtle.exportKey('jwk', pair.privateKey);
  }
  const privateKey = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
  ]);
  const { d: _d, ...pub } = jwk;
  const publicKey = await subtle.importKey(
    'jwk',
    { ...pub, key_ops: ['verify'] },
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['verify'],
  );
  const signer = await webCryptoSigner({ privateKey, publicKey });
  keys[name] = { jwk, signer, point: signer.publicKey, id: updateKeyId(signer.publicKey) };
}

const FLEET = 'hubtrust-test-fleet';
const NOW = 1_800_000_000; // 2027-01-15T08:00:00Z
const NOT_BEFORE = 1_790_000_000;
const NOT_AFTER = 1_830_000_000;
const SMALL_ROOTS = [getCertificate('amazon-root-ca-3').der];
const AZURE_ALL = recommendedRoots('azure-all')
  .map((c) => c.der)
  .sort(compareUpdateBytes);
const concat = (list) => {
  const v = new Uint8Array(list.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of list) {
    v.set(x, at);
    at += x.length;
  }
  return v;
};
const f = (tag, value) => ({ tag, value });
const fleet = (s = FLEET) => f(UPDATE_FIELD.FLEET_ID, ascii(s));
const roots = (list = SMALL_ROOTS) => f(UPDATE_FIELD.ROOTS, concat(list));

/** Encodes and signs: header overrides, fields as given, signers in order. */
async function make({
  signer = keys.k1,
  sequence = 7,
  notBefore = NOT_BEFORE,
  notAfter = NOT_AFTER,
  fields,
  raw = {},
  sigs,
}) {
  const body = encodeUpdateBody({ sequence, notBefore, notAfter, signerKeyId: signer.id }, fields, raw);
  const parts = [body];
  for (const s of sigs ?? [signer]) parts.push(await signCanonical(s.signer, body, 'vector'));
  return concat(parts);
}

const state = (over = {}) => ({
  fleetId: FLEET,
  trustedKeys: [hex(keys.k1.point)],
  revokedKeyIds: [],
  lastSequence: 6,
  ...over,
});
const vectors = [];
const files = new Map();
function add(name, file, bytes, description, expect, st = state(), now = NOW) {
  if (bytes) files.set(file, bytes);
  vectors.push({ name, file, description, state: st, now, expect });
}

const small = await make({ fields: [fleet(), roots()] });
const azure = await make({
  fields: [fleet(), f(UPDATE_FIELD.DEVICE_ID, ascii('thermostat-0042')), roots(AZURE_ALL)],
});
const rotation = await make({
  fields: [fleet(), f(UPDATE_FIELD.NEXT_KEY, keys.k2.point), f(UPDATE_FIELD.REVOKE, keys.k1.id), roots()],
  sigs: [keys.k1, keys.k2],
});
const revokeBackup = await make({ fields: [fleet(), f(UPDATE_FIELD.REVOKE, keys.k3.id), roots()] });
const ok = (roots, newState) => ({
  ok: true,
  sequence: 7,
  roots: roots.map((r) => hex(sha256(r))),
  state: newState,
});

function sha256(b) {
  return createHash('sha256').update(b).digest();
}

add(
  'valid-small',
  'valid-small.htbu',
  small,
  'one root (Amazon Root CA 3), fleet only: the ≤ 1 KiB vector for the single-byte-change test',
  ok(SMALL_ROOTS, state({ lastSequence: 7 })),
);
add(
  'valid-azure-all',
  'valid-azure-all.htbu',
  azure,
  'the Azure-all set (DigiCert G2 and G3, Microsoft RSA and ECC 2017) for one device: the full-size vector',
  ok(AZURE_ALL, state({ deviceId: 'thermostat-0042', lastSequence: 7 })),
  state({ deviceId: 'thermostat-0042' }),
);
add(
  'valid-rotation',
  'valid-rotation.htbu',
  rotation,
  'rotates the signing key k1 → k2 (k2 signs too) and revokes k1',
  ok(
    SMALL_ROOTS,
    state({ trustedKeys: [hex(keys.k2.point)], revokedKeyIds: [hex(keys.k1.id)], lastSequence: 7 }),
  ),
);
add(
  'valid-revoke-backup',
  'valid-revoke-backup.htbu',
  revokeBackup,
  'the device trusts k1 and a backup k3; k1 revokes k3',
  ok(SMALL_ROOTS, state({ revokedKeyIds: [hex(keys.k3.id)], lastSequence: 7 })),
  state({ trustedKeys: [hex(keys.k1.point), hex(keys.k3.point)] }),
);

const reject = (error) => ({ ok: false, error });
add(
  'truncated',
  'truncated.htbu',
  small.subarray(0, small.length - 1),
  'valid-small without its last byte',
  reject('TRUNCATED'),
);
add(
  'trailing-bytes',
  'trailing-bytes.htbu',
  concat([small, Uint8Array.of(0)]),
  'valid-small plus one byte',
  reject('TRAILING_BYTES'),
);
const big = new Uint8Array(32_769);
big.set(small);
add('too-large', 'too-large.htbu', big, 'valid-small padded to 32,769 bytes', reject('TOO_LARGE'));
add(
  'bad-magic',
  'bad-magic.htbu',
  await make({ fields: [fleet(), roots()], raw: {} }).then((b) => {
    b[3] = 0x56;
    return b;
  }),
  "magic 'HTBV'",
  reject('BAD_MAGIC'),
);
add(
  'unsupported-version',
  'unsupported-version.htbu',
  await make({ fields: [fleet(), roots()], raw: { version: 2 } }),
  'format version 2, signed',
  reject('UNSUPPORTED_VERSION'),
);
add(
  'unsupported-algorithm',
  'unsupported-algorithm.htbu',
  await make({ fields: [fleet(), roots()], raw: { algorithm: 2 } }),
  'algorithm 2, signed',
  reject('UNSUPPORTED_ALGORITHM'),
);
add(
  'malformed-header-reserved',
  'malformed-header-reserved.htbu',
  await make({ fields: [fleet(), roots()], raw: { reserved: 1 } }),
  'reserved bytes not zero, signed',
  reject('MALFORMED_HEADER'),
);
add(
  'malformed-header-dates',
  'malformed-header-dates.htbu',
  await make({ notBefore: NOT_AFTER, notAfter: NOT_AFTER, fields: [fleet(), roots()] }),
  'notBefore = notAfter, signed',
  reject('MALFORMED_HEADER'),
);
add(
  'unknown-field',
  'unknown-field.htbu',
  await make({ fields: [fleet(), roots(), f(6, Uint8Array.of(1))] }),
  'a field with tag 6 after ROOTS, signed',
  reject('UNKNOWN_FIELD'),
);
add(
  'duplicate-field',
  'duplicate-field.htbu',
  await make({ fields: [fleet(), fleet(), roots()] }),
  'FLEET_ID twice, signed',
  reject('DUPLICATE_FIELD'),
);
add(
  'field-order',
  'field-order.htbu',
  await make({ fields: [f(UPDATE_FIELD.DEVICE_ID, ascii('thermostat-0042')), fleet(), roots()] }),
  'DEVICE_ID before FLEET_ID, signed',
  reject('FIELD_ORDER'),
);
add(
  'oversized-field',
  'oversized-field.htbu',
  await make({ fields: [fleet('f'.repeat(65)), roots()] }),
  'a 65-byte FLEET_ID (at most 64), signed',
  reject('FIELD_SIZE'),
);
add(
  'malformed-fleet-id',
  'malformed-fleet-id.htbu',
  await make({ fields: [fleet('hubtrust test fleet'), roots()] }),
  'FLEET_ID with spaces, signed',
  reject('MALFORMED_FIELD'),
);
const badRoot = new Uint8Array(SMALL_ROOTS[0]);
badRoot[0] = 0x31;
add(
  'malformed-root',
  'malformed-root.htbu',
  await make({ fields: [fleet(), roots([badRoot])] }),
  'a root that is not a DER SEQUENCE, signed',
  reject('MALFORMED_FIELD'),
);
add(
  'unsorted-roots',
  'unsorted-roots.htbu',
  await make({ fields: [fleet(), roots([...AZURE_ALL].reverse())] }),
  'the Azure-all roots in descending order, signed',
  reject('MALFORMED_FIELD'),
);
add(
  'missing-field',
  'missing-field.htbu',
  await make({ fields: [fleet()] }),
  'no ROOTS, signed',
  reject('MISSING_FIELD'),
);
add(
  'key-revoked',
  'valid-small.htbu',
  undefined,
  'valid-small, but the device revoked k1',
  reject('KEY_REVOKED'),
  state({ revokedKeyIds: [hex(keys.k1.id)] }),
);
add(
  'wrong-key',
  'wrong-key.htbu',
  await make({ signer: keys.k3, fields: [fleet(), roots()] }),
  'signed by k3, which the device does not trust',
  reject('UNKNOWN_KEY'),
);
const flipped = new Uint8Array(small);
flipped[flipped.length - 1] ^= 0x01;
add(
  'bad-signature',
  'bad-signature.htbu',
  flipped,
  'valid-small with the last bit of s flipped',
  reject('BAD_SIGNATURE'),
);
add(
  'bad-next-key-signature',
  'bad-next-key-signature.htbu',
  await make({
    fields: [fleet(), f(UPDATE_FIELD.NEXT_KEY, keys.k2.point), roots()],
    sigs: [keys.k1, keys.k3],
  }),
  'rotation to k2 whose second signature is by k3',
  reject('BAD_NEXT_KEY_SIGNATURE'),
);
add(
  'wrong-fleet',
  'valid-small.htbu',
  undefined,
  'valid-small on a device of another fleet',
  reject('WRONG_FLEET'),
  state({ fleetId: 'other-fleet' }),
);
add(
  'wrong-device',
  'valid-azure-all.htbu',
  undefined,
  'valid-azure-all (for thermostat-0042) on thermostat-0043',
  reject('WRONG_DEVICE'),
  state({ deviceId: 'thermostat-0043' }),
);
add(
  'replay',
  'valid-small.htbu',
  undefined,
  'valid-small again after it was installed (sequence 7 = last)',
  reject('ROLLBACK'),
  state({ lastSequence: 7 }),
);
add(
  'rollback',
  'valid-small.htbu',
  undefined,
  'valid-small (sequence 7) after sequence 8',
  reject('ROLLBACK'),
  state({ lastSequence: 8 }),
);
add(
  'not-yet-valid',
  'valid-small.htbu',
  undefined,
  'valid-small one second before notBefore',
  reject('NOT_YET_VALID'),
  state(),
  NOT_BEFORE - 1,
);
add(
  'expired',
  'valid-small.htbu',
  undefined,
  'valid-small one second after notAfter',
  reject('EXPIRED'),
  state(),
  NOT_AFTER + 1,
);
add(
  'invalid-rotation',
  'invalid-rotation.htbu',
  await make({
    fields: [fleet(), f(UPDATE_FIELD.NEXT_KEY, keys.k1.point), roots()],
    sigs: [keys.k1, keys.k1],
  }),
  'NEXT_KEY is the signing key itself',
  reject('INVALID_ROTATION'),
);
const full = Array.from({ length: 64 }, (_, i) => hex(sha256(Uint8Array.of(i))));
add(
  'revoked-list-full',
  'valid-revoke-backup.htbu',
  undefined,
  'valid-revoke-backup on a device whose revoked list is full (64)',
  reject('REVOKED_LIST_FULL'),
  state({ trustedKeys: [hex(keys.k1.point), hex(keys.k3.point)], revokedKeyIds: full }),
);

for (const [file, bytes] of files) writeFileSync(join(out, file), bytes);
writeFileSync(
  keysFile,
  `${JSON.stringify(
    {
      note: 'TEST KEYS ONLY: the private keys are public. They sign the vectors of this folder and nothing else.',
      keys: Object.fromEntries(
        Object.entries(keys).map(([n, k]) => [
          n,
          { publicKey: hex(k.point), keyId: hex(k.id), privateJwk: k.jwk },
        ]),
      ),
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  join(out, 'vectors.json'),
  `${JSON.stringify({ format: 1, keys: Object.fromEntries(Object.entries(keys).map(([n, k]) => [n, { publicKey: hex(k.point), keyId: hex(k.id) }])), vectors }, null, 2)}\n`,
);
console.log(`wrote ${files.size} files and ${vectors.length} vectors to ${out}`);
