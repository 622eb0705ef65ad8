// ECDSA P-521 specifics: bits2int of digests longer than the 521-bit order (SEC1 §4.1.3 step 5,
// FIPS 186-5 §6.4.1: the leftmost 521 bits, i.e. 66 bytes shifted right by 7 bits), which no
// hash of the X.509 layer produces (SHA-512 is 64 bytes, used whole) but the raw ecdsaVerify
// export accepts; r and s range checks at the edges of the 66-byte encoding; and the key cache,
// which P-521 keys never enter. Signatures are made with BigInt arithmetic here, R = kG and
// Q = dG by node:crypto's ECDH (an independent implementation of the scalar multiplication).
import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CURVES,
  type CurveParams,
  ecWasm,
  fromBytes,
  keyCached,
  mod,
  modInv,
  P521,
  toBytes,
  verifyRaw,
} from '../../test/ec-harness.js';

const c = CURVES[P521] as CurveParams;
const OK = 0;
const BAD_SIGNATURE = 3;

/** kG as an uncompressed SEC1 point, by node's ECDH. */
function mulG(k: bigint): Uint8Array {
  const ecdh = createECDH('secp521r1');
  ecdh.setPrivateKey(Buffer.from(toBytes(k, 66)));
  return new Uint8Array(ecdh.getPublicKey());
}

/** The leftmost 521 bits of a digest (bits2int), as a number. */
function bits2int(digest: Uint8Array): bigint {
  const v = fromBytes(digest);
  const extra = digest.length * 8 - 521;
  return extra > 0 ? v >> BigInt(extra) : v;
}

/** A signature (r, s) over `digest` with private key d, nonce k. */
function signDigest(d: bigint, k: bigint, digest: Uint8Array): { r: bigint; s: bigint } {
  const R = mulG(k);
  const r = mod(fromBytes(R.subarray(1, 67)), c.n);
  const s = mod(modInv(k, c.n) * (bits2int(digest) + r * d), c.n);
  return { r, s };
}

const scalar = () => mod(fromBytes(new Uint8Array(randomBytes(72))), c.n - 1n) + 1n;

describe('ECDSA P-521', () => {
  it('uses the leftmost 521 bits of a digest of 66 bytes or more (bits2int), the whole of a shorter one', () => {
    const wasm = ecWasm();
    for (const len of [32, 64, 66, 80, 128]) {
      const d = scalar();
      const Q = mulG(d);
      const digest = new Uint8Array(randomBytes(len));
      const { r, s } = signDigest(d, scalar(), digest);
      const rb = toBytes(r, 66);
      const sb = toBytes(s, 66);
      expect(verifyRaw(P521, Q, digest, rb, sb, wasm), `digest of ${len} bytes`).toBe(OK);
      const flipped = Uint8Array.from(digest);
      flipped[0] = (flipped[0] as number) ^ 0x80; // inside the leftmost 521 bits: must fail
      expect(verifyRaw(P521, Q, flipped, rb, sb, wasm)).toBe(BAD_SIGNATURE);
      if (len >= 66) {
        // Bits past the leftmost 521 are not part of e: flipping one changes nothing.
        const tail = Uint8Array.from(digest);
        tail[len - 1] = (tail[len - 1] as number) ^ 1;
        expect(verifyRaw(P521, Q, tail, rb, sb, wasm), `tail of a ${len}-byte digest`).toBe(OK);
      }
    }
  });

  it('checks r and s against n at the edges of the 66-byte encoding, and never caches a P-521 key', () => {
    const wasm = ecWasm();
    const d = scalar();
    const Q = mulG(d);
    const digest = new Uint8Array(randomBytes(64));
    const { r, s } = signDigest(d, scalar(), digest);
    const v = (rr: bigint, ss: bigint, len = 66) =>
      verifyRaw(P521, Q, digest, toBytes(rr, len), toBytes(ss, len), wasm);
    expect(v(r, s)).toBe(OK);
    expect(v(r, s, 67)).toBe(OK); // a leading zero octet is allowed
    expect(v(r + c.n, s)).toBe(BAD_SIGNATURE); // r + n still fits 66 bytes
    expect(v(r, s + c.n)).toBe(BAD_SIGNATURE);
    expect(v(c.n - r, s)).toBe(BAD_SIGNATURE);
    expect(v(r, c.n - s)).toBe(OK); // ECDSA's malleability: (r, n - s) is the signature made with -k
    expect(v(r + (1n << 521n), s, 67)).toBe(BAD_SIGNATURE);
    expect(v(0n, s)).toBe(BAD_SIGNATURE);
    expect(v(r, 0n)).toBe(BAD_SIGNATURE);
    expect(v(c.n, s)).toBe(BAD_SIGNATURE);
    expect(v(c.p, s)).toBe(BAD_SIGNATURE);
    expect(keyCached(P521, Q, wasm)).toBe(false);
  });
});
