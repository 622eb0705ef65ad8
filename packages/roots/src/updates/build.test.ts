// Building and signing updates with WebCrypto keys and KMS-style callbacks; every result is
// checked by the independent reference verifier, and the valid vectors are rebuilt byte for byte.
import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCertificate } from '../catalog.js';
import { recommendedRoots } from '../recommended.js';
import { referenceVerify } from '../testing/update-reference-verifier.js';
import { deviceState, updateVectors, vectorBytes, vectorKeys } from '../testing/update-vectors.js';
import { createTrustBundleUpdate } from './build.js';
import { rawToDerSignature, type UpdateSigner, updateKeyId, webCryptoSigner } from './signer.js';

const subtle = globalThis.crypto.subtle;
let k1: UpdateSigner;
let k2: UpdateSigner;
let k3: UpdateSigner;

async function signerFromJwk(jwk: JsonWebKey): Promise<UpdateSigner> {
  const privateKey = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
  ]);
  const { d: _d, key_ops: _o, ...pub } = jwk;
  const publicKey = await subtle.importKey('jwk', pub, { name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'verify',
  ]);
  return webCryptoSigner({ privateKey, publicKey });
}

beforeAll(async () => {
  await init();
  const keys = vectorKeys();
  const load = (n: string) => signerFromJwk(keys[n]?.privateJwk as JsonWebKey);
  k1 = await load('k1');
  k2 = await load('k2');
  k3 = await load('k3');
});

const { vectors } = updateVectors();
const vector = (n: string) => vectors.find((v) => v.name === n) as (typeof vectors)[number];
const base = {
  sequence: 7,
  notBefore: new Date(1_790_000_000_000),
  notAfter: new Date(1_830_000_000_000),
  fleetId: 'hubtrust-test-fleet',
};

describe('createTrustBundleUpdate', () => {
  it('rebuilds the valid vectors byte for byte up to the (randomised) signatures, which verify', async () => {
    const cases = [
      ['valid-small', { ...base, roots: [getCertificate('amazon-root-ca-3').der] }],
      ['valid-azure-all', { ...base, roots: recommendedRoots('azure-all'), deviceId: 'thermostat-0042' }],
      [
        'valid-rotation',
        {
          ...base,
          roots: [getCertificate('amazon-root-ca-3')],
          nextKeySigner: k2,
          revokeKeyIds: [updateKeyId(k1.publicKey)],
        },
      ],
    ] as const;
    for (const [name, input] of cases) {
      const v = vector(name);
      const u = await createTrustBundleUpdate(input, k1);
      expect(u.body, name).toEqual(vectorBytes(v.file).subarray(0, u.body.length));
      expect(u.bytes.length, name).toBe(vectorBytes(v.file).length);
      const r = referenceVerify(u.bytes, deviceState(v.state), v.now);
      expect(r.ok, `${name}: ${JSON.stringify(r)}`).toBe(true);
      if (v.expect.ok && r.ok) expect(u.roots).toEqual(v.expect.roots);
    }
  });

  it('fits the Azure-all set in 8 KiB', async () => {
    const u = await createTrustBundleUpdate({ ...base, roots: recommendedRoots('azure-all') }, k1);
    expect(u.bytes.length).toBeLessThanOrEqual(8192);
  });

  it('takes a KMS-style signer (DER signatures, high s) and normalises to r ‖ s with low s', async () => {
    const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const kms: UpdateSigner = {
      publicKey: k1.publicKey,
      async sign(data) {
        const raw = await k1.sign(data);
        let s = 0n;
        for (const b of raw.subarray(32)) s = (s << 8n) | BigInt(b);
        if (s <= N >> 1n) s = N - s; // always hand back the high-s twin, DER-encoded
        const high = new Uint8Array(raw);
        for (let i = 63; i >= 32; i--) {
          high[i] = Number(s & 0xffn);
          s >>= 8n;
        }
        return rawToDerSignature(high);
      },
    };
    const u = await createTrustBundleUpdate({ ...base, roots: [getCertificate('amazon-root-ca-3')] }, kms);
    const v = vector('valid-small');
    expect(referenceVerify(u.bytes, deviceState(v.state), v.now).ok).toBe(true);
  });

  it('refuses a signer whose signature does not verify, and inputs the format cannot carry', async () => {
    const liar: UpdateSigner = { publicKey: k1.publicKey, sign: (d) => k3.sign(d) };
    const roots = [getCertificate('amazon-root-ca-3')];
    await expect(createTrustBundleUpdate({ ...base, roots }, liar)).rejects.toMatchObject({
      code: 'SIGNER_FAILED',
    });
    const broken: UpdateSigner = { publicKey: k1.publicKey, sign: async () => new Uint8Array(10) };
    await expect(createTrustBundleUpdate({ ...base, roots }, broken)).rejects.toMatchObject({
      code: 'SIGNER_FAILED',
    });
    for (const bad of [
      { fleetId: 'has space' },
      { fleetId: 'x'.repeat(65) },
      { deviceId: '' },
      { sequence: 0 },
      { sequence: 2 ** 32 },
      { notAfter: base.notBefore },
      { notBefore: new Date(1_790_000_000_500) },
      { roots: [] },
      { roots: [roots[0], roots[0]] },
      { revokeKeyIds: [updateKeyId(k1.publicKey)] },
      { revokeKeyIds: [new Uint8Array(31)] },
      { nextKeySigner: k1 },
    ]) {
      await expect(
        createTrustBundleUpdate(
          { ...base, roots, ...bad } as Parameters<typeof createTrustBundleUpdate>[0],
          k1,
        ),
        JSON.stringify(Object.keys(bad)),
      ).rejects.toThrow();
    }
  });

  it('revokes a backup key and rotates: the reference device state follows', async () => {
    const roots = [getCertificate('amazon-root-ca-3')];
    const state = deviceState({
      ...vector('valid-small').state,
      trustedKeys: [k1, k3].map((k) => Buffer.from(k.publicKey).toString('hex')),
    });
    const revoke = await createTrustBundleUpdate(
      { ...base, roots, revokeKeyIds: [updateKeyId(k3.publicKey)] },
      k1,
    );
    const r1 = referenceVerify(revoke.bytes, state, 1_800_000_000);
    expect(r1.ok).toBe(true);
    if (!r1.ok) return;
    expect(r1.state.trustedKeys).toEqual([k1.publicKey]);
    // k3 is now refused even if it signs a later update
    const byK3 = await createTrustBundleUpdate({ ...base, roots, sequence: 8 }, k3);
    expect(referenceVerify(byK3.bytes, r1.state, 1_800_000_000)).toEqual({ ok: false, error: 'KEY_REVOKED' });
    const rotate = await createTrustBundleUpdate({ ...base, roots, sequence: 8, nextKeySigner: k2 }, k1);
    const r2 = referenceVerify(rotate.bytes, r1.state, 1_800_000_000);
    expect(r2.ok && r2.state.trustedKeys).toEqual([k2.publicKey]);
    if (!r2.ok) return;
    // after the rotation k1 no longer signs for this device
    const old = await createTrustBundleUpdate({ ...base, roots, sequence: 9 }, k1);
    expect(referenceVerify(old.bytes, r2.state, 1_800_000_000)).toEqual({ ok: false, error: 'UNKNOWN_KEY' });
  });
});
