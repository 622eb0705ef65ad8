import { generateKeyPairSync, sign } from 'node:crypto';
import { ecdsaSigParts } from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SignatureAlgorithm, verifySignature } from './signature.js';
import { VerifyError } from './verify-error.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spkiP256 = new Uint8Array(p256.publicKey.export({ type: 'spki', format: 'der' }));
const data = new TextEncoder().encode('hubtrust');
const derSig = new Uint8Array(sign('sha256', data, p256.privateKey));

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof VerifyError) return e.code;
    throw e;
  }
  return undefined;
}

const ecdsa256: SignatureAlgorithm = { name: 'ECDSA', hash: 'SHA-256' };

describe('verifySignature arguments', () => {
  it.each([
    ['no algorithm name', { hash: 'SHA-256' }, 'INVALID_ARGUMENT'],
    ['an unknown algorithm', { name: 'DSA', hash: 'SHA-256' }, 'UNSUPPORTED_ALGORITHM'],
    ['an unknown hash', { name: 'ECDSA', hash: 'MD4' }, 'INVALID_ARGUMENT'],
    ['SHA-224', { name: 'ECDSA', hash: 'SHA-224' }, 'UNSUPPORTED_ALGORITHM'],
    [
      'a PSS salt that is not an integer',
      { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 1.5 },
      'INVALID_ARGUMENT',
    ],
    ['a negative PSS salt', { name: 'RSA-PSS', hash: 'SHA-256', saltLength: -1 }, 'INVALID_ARGUMENT'],
    ['PSS without a salt length', { name: 'RSA-PSS', hash: 'SHA-256' }, 'INVALID_ARGUMENT'],
  ])('throws for %s', (_l, algorithm, want) => {
    expect(
      code(() =>
        verifySignature({
          algorithm: algorithm as SignatureAlgorithm,
          publicKey: spkiP256,
          data,
          signature: derSig,
        }),
      ),
    ).toBe(want);
  });

  it('throws INVALID_ARGUMENT when a byte argument is not a Uint8Array', () => {
    expect(
      code(() =>
        verifySignature({
          algorithm: ecdsa256,
          publicKey: 'x' as unknown as Uint8Array,
          data,
          signature: derSig,
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(code(() => verifySignature(null as unknown as Parameters<typeof verifySignature>[0]))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('accepts hash names in any case and as { name }', () => {
    for (const hash of ['sha-256', { name: 'SHA-256' }]) {
      // The key is P-256 and the signature malformed: reaching `false` proves the name was accepted.
      expect(
        verifySignature({
          algorithm: { name: 'ECDSA', hash },
          publicKey: spkiP256,
          data,
          signature: Uint8Array.of(0x30, 0x00),
        }),
      ).toBe(false);
    }
  });
});

describe('verifySignature key handling', () => {
  it('throws MALFORMED for a public key that is not SPKI DER', () => {
    expect(
      code(() =>
        verifySignature({ algorithm: ecdsa256, publicKey: Uint8Array.of(1, 2, 3), data, signature: derSig }),
      ),
    ).toBe('MALFORMED');
    const trailing = new Uint8Array([...spkiP256, 0]);
    expect(
      code(() => verifySignature({ algorithm: ecdsa256, publicKey: trailing, data, signature: derSig })),
    ).toBe('MALFORMED');
    expect(
      code(() =>
        verifySignature({
          algorithm: ecdsa256,
          publicKey: spkiP256.subarray(0, 40),
          data,
          signature: derSig,
        }),
      ),
    ).toBe('MALFORMED');
  });

  it('throws KEY_ALGORITHM_MISMATCH when the key type does not fit the algorithm', () => {
    const ed = new Uint8Array(
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }),
    );
    const rsa = new Uint8Array(
      generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }),
    );
    const cases: [SignatureAlgorithm, Uint8Array][] = [
      [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, spkiP256],
      [{ name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 }, ed],
      [{ name: 'Ed25519' }, rsa],
      [ecdsa256, rsa],
    ];
    for (const [algorithm, publicKey] of cases) {
      expect(code(() => verifySignature({ algorithm, publicKey, data, signature: derSig }))).toBe(
        'KEY_ALGORITHM_MISMATCH',
      );
    }
  });

  it('verifies ECDSA P-521 with SHA-512 (RFC 5480), and refuses a P-521 signature made over other data', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-521' });
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    const sig = new Uint8Array(sign('sha512', data, privateKey));
    const algorithm = { name: 'ECDSA', hash: 'SHA-512' } as const;
    expect(verifySignature({ algorithm, publicKey: spki, data, signature: sig })).toBe(true);
    expect(verifySignature({ algorithm, publicKey: spki, data: data.subarray(1), signature: sig })).toBe(
      false,
    );
  });

  it('throws UNSUPPORTED_ALGORITHM for curves and key types it lacks', () => {
    const k1 = new Uint8Array(
      generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({
        type: 'spki',
        format: 'der',
      }),
    );
    expect(code(() => verifySignature({ algorithm: ecdsa256, publicKey: k1, data, signature: derSig }))).toBe(
      'UNSUPPORTED_ALGORITHM',
    );
    const x25519 = new Uint8Array(
      generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'der' }),
    );
    expect(
      code(() =>
        verifySignature({ algorithm: { name: 'Ed25519' }, publicKey: x25519, data, signature: derSig }),
      ),
    ).toBe('UNSUPPORTED_ALGORITHM');
  });

  it('binds an RSASSA-PSS key with parameters to its hash, MGF1 hash and minimum salt', () => {
    const pssKeyPair = generateKeyPairSync as unknown as (
      t: string,
      o: object,
    ) => { publicKey: import('node:crypto').KeyObject };
    const key = new Uint8Array(
      pssKeyPair('rsa-pss', {
        modulusLength: 1024,
        hashAlgorithm: 'sha256',
        mgf1HashAlgorithm: 'sha256',
        saltLength: 32,
      }).publicKey.export({ type: 'spki', format: 'der' }),
    );
    const sig = new Uint8Array(128);
    for (const algorithm of [
      { name: 'RSA-PSS', hash: 'SHA-384', saltLength: 32 },
      { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32, mgf1Hash: 'SHA-1' },
      { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 31 },
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    ] as SignatureAlgorithm[]) {
      expect(code(() => verifySignature({ algorithm, publicKey: key, data, signature: sig }))).toBe(
        'KEY_ALGORITHM_MISMATCH',
      );
    }
  });
});

describe('verifySignature: strict DER ECDSA-Sig-Value', () => {
  // Each malformed encoding of a (well-formed) signature must be rejected as a signature: false.
  const good = derSig;
  const r = ecdsaSigParts(good);
  it.each([
    ['BER long-form length', r.reencode({ seqLongForm: true })],
    ['trailing byte after the SEQUENCE', new Uint8Array([...good, 0])],
    ['trailing INTEGER inside the SEQUENCE', r.reencode({ extra: Uint8Array.of(2, 1, 1) })],
    ['a superfluous leading zero on r', r.reencode({ padR: true })],
    ['a negative s', r.reencode({ negateS: true })],
    ['r and s swapped tags (OCTET STRING)', r.reencode({ rTag: 0x04 })],
    ['an empty SEQUENCE', Uint8Array.of(0x30, 0x00)],
    ['indefinite length', r.reencode({ indefinite: true })],
    ['raw r||s (P1363 form)', r.raw(32)],
    ['nothing', new Uint8Array(0)],
  ])('%s -> false', (_l, signature) => {
    expect(verifySignature({ algorithm: ecdsa256, publicKey: spkiP256, data, signature })).toBe(false);
  });
});
