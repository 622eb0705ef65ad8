// ecdsaVerify and ecPointCheck on malformed and edge-case inputs: key encodings (lengths, tags,
// coordinates >= p, off-curve, no square root), r and s out of [1, n-1], digests of every length,
// the x(R) >= n case, bad arguments, and random garbage. Nothing may trap or grow memory.
import { generateKeyPairSync, sign } from 'node:crypto';
import { p256, p384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURVES,
  digestOf,
  ecWasm,
  fromBytes,
  mod,
  modInv,
  modPow,
  P256,
  P384,
  pointCheckRaw,
  toBytes,
  verifyRaw,
} from '../../test/ec-harness.js';

const OK = 0;
const UNSUPPORTED_ALGORITHM = 2;
const BAD_SIGNATURE = 3;
const BAD_PUBLIC_KEY = 18;
const INVALID_ARGUMENT = 22;

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const byte = (b: number) => new Uint8Array([b]);

for (const [curve, noble] of [
  [P256, p256],
  [P384, p384],
] as const) {
  const c = CURVES[curve] as (typeof CURVES)[number] & object;
  const { p, n, b, bytes: nb } = c;
  const rhs = (x: bigint) => mod(x * x * x - 3n * x + b, p);

  // One genuine signature to mutate.
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: c.nodeName });
  const jwk = publicKey.export({ format: 'jwk' });
  const X = new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
  const Y = new Uint8Array(Buffer.from(jwk.y as string, 'base64url'));
  const point = concat(byte(4), X, Y);
  const compressed = concat(byte(2 + ((Y[nb - 1] as number) & 1)), X);
  const msg = new TextEncoder().encode('hubtrust ecdsa edge cases');
  const digest = digestOf(c.hash, msg);
  const sig = new Uint8Array(sign(c.hash, msg, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
  const r = sig.subarray(0, nb);
  const s = sig.subarray(nb);
  const rv = fromBytes(r);
  const sv = fromBytes(s);

  describe(`${c.name} ecdsaVerify inputs`, () => {
    it('accepts the genuine signature with uncompressed and compressed keys', () => {
      expect(verifyRaw(curve, point, digest, r, s)).toBe(OK);
      expect(verifyRaw(curve, compressed, digest, r, s)).toBe(OK);
      expect(pointCheckRaw(curve, point)).toBe(OK);
      expect(pointCheckRaw(curve, compressed)).toBe(OK);
    });

    it('rejects unknown curves', () => {
      for (const id of [0, 3, -1, 256]) {
        expect(verifyRaw(id, point, digest, r, s)).toBe(UNSUPPORTED_ALGORITHM);
        expect(pointCheckRaw(id, point)).toBe(UNSUPPORTED_ALGORITHM);
      }
      // The other curve's key is the wrong length here.
      const other = curve === P256 ? P384 : P256;
      expect(verifyRaw(other, point, digest, r, s)).toBe(BAD_PUBLIC_KEY);
    });

    it('rejects malformed key encodings', () => {
      const bad: [string, Uint8Array][] = [
        ['empty', new Uint8Array(0)],
        ['infinity 0x00', byte(0)],
        ['infinity 0x00 padded', concat(byte(0), X, Y)],
        ['hybrid 0x06', concat(byte(6), X, Y)],
        ['hybrid 0x07', concat(byte(7), X, Y)],
        ['tag 0x05', concat(byte(5), X, Y)],
        ['tag 0x01', concat(byte(1), X)],
        ['uncompressed, one byte short', point.subarray(0, point.length - 1)],
        ['uncompressed, one byte long', concat(point, byte(0))],
        ['compressed, one byte long', concat(compressed, byte(0))],
        ['compressed tag with both coordinates', concat(byte(2), X, Y)],
        ['uncompressed tag with x only', concat(byte(4), X)],
        ['bare coordinates', concat(X, Y)],
        ['x = p', concat(byte(4), toBytes(p, nb), Y)],
        ['x + p (same point mod p, too long)', concat(byte(4), toBytes(fromBytes(X) + p, nb + 1), Y)],
        ['y = p - y + p', concat(byte(4), X, toBytes(p + (p - fromBytes(Y)), nb + 1))],
        ['y = all ones', concat(byte(4), X, new Uint8Array(nb).fill(0xff))],
        ['off the curve (y + 1)', concat(byte(4), X, toBytes(mod(fromBytes(Y) + 1n, p), nb))],
        ['(0, 0)', concat(byte(4), new Uint8Array(2 * nb))],
        ['compressed x = p', concat(byte(2), toBytes(p, nb))],
      ];
      // y >= p with the same residue: y + p fits in nb bytes only when y < 2^(8nb) - p.
      const yPlusP = fromBytes(Y) + p;
      if (yPlusP < 1n << BigInt(8 * nb)) bad.push(['y + p', concat(byte(4), X, toBytes(yPlusP, nb))]);
      // A compressed x whose x^3 - 3x + b is not a square.
      let x = 1n;
      while (modPow(rhs(x), (p - 1n) / 2n, p) === 1n) x++;
      bad.push(['compressed x without a square root', concat(byte(2), toBytes(x, nb))]);
      bad.push(['compressed x without a square root (odd)', concat(byte(3), toBytes(x, nb))]);
      for (const [label, key] of bad) {
        expect(pointCheckRaw(curve, key), label).toBe(BAD_PUBLIC_KEY);
        expect(verifyRaw(curve, key, digest, r, s), label).toBe(BAD_PUBLIC_KEY);
      }
    });

    it('decompresses both parities, and rejects the wrong one for this signature', () => {
      const flipped = concat(byte(compressed[0] === 2 ? 3 : 2), X);
      expect(pointCheckRaw(curve, flipped)).toBe(OK);
      expect(verifyRaw(curve, flipped, digest, r, s)).toBe(BAD_SIGNATURE);
      // Decompression agrees with @noble/curves.
      const decoded = noble.Point.fromBytes(compressed).toBytes(false);
      expect(Buffer.from(decoded).equals(Buffer.from(point))).toBe(true);
    });

    it('checks 1 <= r, s <= n - 1 and allows leading zeros', () => {
      const enc = (v: bigint, len = nb) => toBytes(v, len);
      const cases: [string, Uint8Array, Uint8Array, number][] = [
        ['r = 0', enc(0n), s, BAD_SIGNATURE],
        ['s = 0', r, enc(0n), BAD_SIGNATURE],
        ['r, s empty', new Uint8Array(0), new Uint8Array(0), BAD_SIGNATURE],
        ['r = 00', byte(0), s, BAD_SIGNATURE],
        ['r = n', enc(n), s, BAD_SIGNATURE],
        ['s = n', r, enc(n), BAD_SIGNATURE],
        ['r = n + r', enc(n + rv, nb + 1), s, BAD_SIGNATURE],
        ['s = n + s', r, enc(n + sv, nb + 1), BAD_SIGNATURE],
        ['r = 2^bits - 1', new Uint8Array(nb).fill(0xff), s, BAD_SIGNATURE],
        ['r oversized', concat(byte(1), r), s, BAD_SIGNATURE],
        ['s oversized', r, concat(byte(1), s), BAD_SIGNATURE],
        ['r = n - 1', enc(n - 1n), s, BAD_SIGNATURE],
        ['s = n - 1', r, enc(n - 1n), BAD_SIGNATURE],
        ['r = 1, s = 1', enc(1n), enc(1n), BAD_SIGNATURE],
        ['leading zeros', concat(new Uint8Array(40), r), concat(new Uint8Array(3), s), OK],
        ['huge zero padding', concat(new Uint8Array(100_000), r), s, OK],
        [
          'minimal encoding',
          r.subarray(
            Math.max(
              0,
              r.findIndex((x) => x !== 0),
            ),
          ),
          s,
          OK,
        ],
      ];
      for (const [label, rr, ss, want] of cases)
        expect(verifyRaw(curve, point, digest, rr, ss), label).toBe(want);
      // -s is also a valid signature in ECDSA (malleability): accepted, as FIPS 186-5 specifies.
      expect(verifyRaw(curve, point, digest, r, enc(n - sv))).toBe(OK);
    });

    it('uses the leftmost field-size bits of long digests and accepts short ones', () => {
      for (const hash of ['sha1', 'sha256', 'sha384', 'sha512']) {
        const d = digestOf(hash, msg);
        const sg = new Uint8Array(sign(hash, msg, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
        expect(verifyRaw(curve, point, d, sg.subarray(0, nb), sg.subarray(nb)), hash).toBe(OK);
        // Bytes beyond the field size do not matter; bytes within it do.
        if (d.length > nb) {
          const tail = Uint8Array.from(d);
          tail[d.length - 1] = (tail[d.length - 1] as number) ^ 1;
          expect(verifyRaw(curve, point, tail, sg.subarray(0, nb), sg.subarray(nb))).toBe(OK);
        }
        const head = Uint8Array.from(d);
        head[Math.min(d.length, nb) - 1] = (head[Math.min(d.length, nb) - 1] as number) ^ 1;
        expect(verifyRaw(curve, point, head, sg.subarray(0, nb), sg.subarray(nb))).toBe(BAD_SIGNATURE);
      }
      // e = 0 (empty digest) and e >= n are fine inputs: signatures made for them verify.
      for (const e of [0n, n, n + 5n, (1n << BigInt(8 * nb)) - 1n]) {
        const { Q, rr, ss } = forge(e, 7n, 11n);
        const d = e === 0n ? new Uint8Array(0) : toBytes(e, nb);
        expect(verifyRaw(curve, Q, d, toBytes(rr, nb), toBytes(ss, nb)), `e = ${e}`).toBe(OK);
      }
    });

    /**
     * A key Q and signature (r, s) that verify for digest value e, built from the public side:
     * pick R, then Q = u2^-1 (R - u1 G) with u1 = e/s, u2 = r/s (r = x(R) mod n).
     */
    function forge(e: bigint, kR: bigint, sValue: bigint, R = noble.Point.BASE.multiply(kR)) {
      const rr = mod(R.toAffine().x, n);
      const w = modInv(sValue, n);
      const u1 = mod(mod(e, n) * w, n);
      const u2 = mod(rr * w, n);
      const G = noble.Point.BASE;
      const Qp = (u1 === 0n ? R : R.subtract(G.multiply(u1))).multiply(modInv(u2, n));
      return { Q: Qp.toBytes(false), rr, ss: sValue };
    }

    it('accepts when x(R) >= n, where r = x(R) - n, and rejects the unreduced x(R)', () => {
      // A point R with n < x(R) < p exists for both curves; find the first such x on the curve
      // (x = n itself would give r = 0).
      let x = n + 1n;
      while (modPow(rhs(x), (p - 1n) / 2n, p) !== 1n) x++;
      expect(x < p).toBe(true);
      const y = modPow(rhs(x), (p + 1n) / 4n, p);
      const R = noble.Point.fromAffine({ x, y });
      const e = fromBytes(digest.subarray(0, nb));
      const { Q, rr, ss } = forge(e, 0n, 12345n, R);
      expect(rr).toBe(x - n);
      expect(verifyRaw(curve, Q, digest, toBytes(rr, nb), toBytes(ss, nb))).toBe(OK);
      expect(verifyRaw(curve, Q, digest, toBytes(x, nb), toBytes(ss, nb))).toBe(BAD_SIGNATURE);
      expect(verifyRaw(curve, Q, digest, toBytes(rr + 1n, nb), toBytes(ss, nb))).toBe(BAD_SIGNATURE);
    });

    it('returns INVALID_ARGUMENT for negative lengths or ranges outside memory, without trapping', () => {
      const wasm = ecWasm();
      const base = wasm.ioReserve(point.length + digest.length + 2 * nb);
      const mem = new Uint8Array(wasm.memory.buffer);
      mem.set(point, base);
      mem.set(digest, base + point.length);
      mem.set(sig, base + point.length + digest.length);
      const [pp, dp, rp] = [base, base + point.length, base + point.length + digest.length];
      const sp = rp + nb;
      const size = wasm.memory.buffer.byteLength;
      const call = (...args: number[]) =>
        wasm.ecdsaVerify(
          curve,
          ...(args as [number, number, number, number, number, number, number, number]),
        );
      expect(call(pp, point.length, dp, digest.length, rp, nb, sp, nb)).toBe(OK);
      expect(call(pp, -1, dp, digest.length, rp, nb, sp, nb)).toBe(INVALID_ARGUMENT);
      expect(call(pp, point.length, dp, -5, rp, nb, sp, nb)).toBe(INVALID_ARGUMENT);
      expect(call(pp, point.length, dp, digest.length, rp, -1, sp, nb)).toBe(INVALID_ARGUMENT);
      expect(call(pp, point.length, dp, digest.length, rp, nb, sp, -2147483648)).toBe(INVALID_ARGUMENT);
      expect(call(size - 10, point.length, dp, digest.length, rp, nb, sp, nb)).toBe(INVALID_ARGUMENT);
      expect(call(pp, point.length, -1 >>> 0, 2, rp, nb, sp, nb)).toBe(INVALID_ARGUMENT);
      expect(call(pp, point.length, dp, 2147483647, rp, nb, sp, nb)).toBe(INVALID_ARGUMENT);
      expect(wasm.ecPointCheck(curve, pp, -1)).toBe(INVALID_ARGUMENT);
      expect(wasm.ecPointCheck(curve, size, 1)).toBe(INVALID_ARGUMENT);
      expect(wasm.ecPointCheck(curve, size, 0)).toBe(BAD_PUBLIC_KEY);
    });

    it('never traps or grows memory on random garbage', () => {
      const wasm = ecWasm();
      const pages = wasm.memory.buffer.byteLength;
      const blob = (max: number) => fc.uint8Array({ maxLength: max });
      const keyish = fc.oneof(
        blob(2 * nb + 3),
        blob(2 * nb).map((t) => concat(byte(4), t)),
        blob(nb).map((t) => concat(byte(2), t)),
      );
      fc.assert(
        fc.property(keyish, blob(80), blob(nb + 2), blob(nb + 2), (k, d, rr, ss) => {
          const rc = verifyRaw(curve, k, d, rr, ss, wasm);
          expect([BAD_SIGNATURE, BAD_PUBLIC_KEY]).toContain(rc);
          expect([OK, BAD_PUBLIC_KEY]).toContain(pointCheckRaw(curve, k, wasm));
        }),
        { numRuns: 300 },
      );
      // Valid key, random signatures: always a clean rejection.
      fc.assert(
        fc.property(blob(nb + 1), blob(nb + 1), (rr, ss) => {
          expect(verifyRaw(curve, point, digest, rr, ss, wasm)).toBe(BAD_SIGNATURE);
        }),
        { numRuns: 200 },
      );
      expect(wasm.memory.buffer.byteLength).toBe(pages);
    });
  });
}
