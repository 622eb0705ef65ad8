import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, type KeySpec, publicJwk, seededBytes } from './keys.js';

function roundTrip(spec: KeySpec, label: string) {
  const jwk = deriveKey('unit-test-seed', label, spec);
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const pub = createPublicKey({ key: publicJwk(jwk), format: 'jwk' });
  const data = Buffer.from('hubtrust');
  expect(verify('sha256', data, pub, sign('sha256', data, key))).toBe(true);
  return { jwk, key };
}

describe('deterministic key derivation', () => {
  it('separates seeds and labels in the byte stream', () => {
    expect(seededBytes('a', 'b', 16)).toEqual(seededBytes('a', 'b', 16));
    expect(seededBytes('a', 'b', 16)).not.toEqual(seededBytes('ab', '', 16));
    expect(seededBytes('a', 'b', 16)).not.toEqual(seededBytes('a', 'c', 16));
  });

  it('derives the same RSA-2048 key for the same seed and label, a different one otherwise', () => {
    const { jwk, key } = roundTrip({ type: 'RSA', bits: 2048 }, 'rsa-a');
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(deriveKey('unit-test-seed', 'rsa-a', { type: 'RSA', bits: 2048 })).toEqual(jwk);
    expect(deriveKey('unit-test-seed', 'rsa-b', { type: 'RSA', bits: 2048 }).n).not.toBe(jwk.n);
    expect(deriveKey('other-seed', 'rsa-a', { type: 'RSA', bits: 2048 }).n).not.toBe(jwk.n);
  });

  it('derives RSA keys with exponent 3 (Starfield Class 2 style) and 4096-bit keys', () => {
    const three = roundTrip({ type: 'RSA', bits: 2048, publicExponent: 3 }, 'rsa-e3');
    expect(three.key.asymmetricKeyDetails?.publicExponent).toBe(3n);
    const big = roundTrip({ type: 'RSA', bits: 4096 }, 'rsa-4096');
    expect(big.key.asymmetricKeyDetails?.modulusLength).toBe(4096);
  });

  it('derives EC P-256 and P-384 keys whose public point matches the private scalar', () => {
    for (const curve of ['P-256', 'P-384'] as const) {
      const { jwk, key } = roundTrip({ type: 'EC', curve }, `ec-${curve}`);
      expect(createPublicKey(key).export({ format: 'jwk' })).toEqual(publicJwk(jwk));
      expect(deriveKey('unit-test-seed', `ec-${curve}`, { type: 'EC', curve })).toEqual(jwk);
    }
  });
});
