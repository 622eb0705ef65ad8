// Big-integer layer (assembly/crypto/bigint.ts) against JS BigInt: byte conversions, Montgomery
// product and square (raw outputs: < 2n and congruent), conversion into the Montgomery domain
// (long division), final reduction and modular exponentiation (also without the domain entry:
// x^e R^(1-e)), the short Montgomery sum of RSA PKCS#1 (p + a k B^-h), on random odd moduli of
// 2..8192 bits plus edge values (0, 1, n - 1, 2n - 1, top-heavy and sparse numbers).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILD_VARIANTS, loadTestWasmSimd } from '../test/rsa-abi.js';
import { loadTestWasm } from '../test/test-wasm.js';

interface BigintInternals {
  memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  bnTestLimbBits(): number;
  bnTestLimbsFor(bits: number): number;
  bnTestSetup(n: number, nLen: number): number;
  bnTestRoundTrip(src: number, len: number, out: number, outLen: number): void;
  bnTestMontMul(a: number, aLen: number, b: number, bLen: number, out: number, outLen: number): void;
  bnTestMontSqr(a: number, aLen: number, out: number, outLen: number): void;
  bnTestFinal(a: number, aLen: number, out: number, outLen: number): void;
  bnTestToDomain(x: number, xLen: number, out: number, outLen: number): void;
  bnTestExp(x: number, xLen: number, e: number, eLen: number, out: number, outLen: number): void;
  bnTestExpTwisted(x: number, xLen: number, e: number, eLen: number, out: number, outLen: number): void;
  bnTestShortSum(p: number, a: number, h: number, k: number, len: number, out: number): void;
}

const bitLength = (x: bigint) => (x === 0n ? 0 : x.toString(2).length);
const byteLength = (x: bigint) => Math.max(1, Math.ceil(bitLength(x) / 8));
function toBytes(x: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--, x >>= 8n) out[i] = Number(x & 255n);
  return out;
}
const fromBytes = (b: Uint8Array) => b.reduce((acc, v) => (acc << 8n) | BigInt(v), 0n);
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n % m;
  b %= m;
  for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}
function modInv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

/** Helpers bound to one instance of a test build. */
function bind(w: BigintInternals) {
  const LIMB_BITS = BigInt(w.bnTestLimbBits());
  /** A Montgomery context in the module for the odd modulus n, with R and R^-1 mod n. */
  function context(n: bigint) {
    const nLen = byteLength(n);
    const scratch = w.ioReserve(nLen + 8);
    new Uint8Array(w.memory.buffer).set(toBytes(n, nLen), scratch);
    const N = w.bnTestSetup(scratch, nLen);
    const R = 1n << (LIMB_BITS * BigInt(N));
    return { n, N, R, rInv: modInv(R % n, n), len: nLen + 1 };
  }
  type Ctx = { n: bigint; N: number; R: bigint; rInv: bigint; len: number };

  /** Runs fn(ptrs...) on byte-string inputs (each `len` bytes) and returns the output as a BigInt. */
  function run(len: number, inputs: bigint[], fn: (ptrs: number[], out: number) => void): bigint {
    const base = w.ioReserve(len * (inputs.length + 1));
    const mem = new Uint8Array(w.memory.buffer);
    const ptrs = inputs.map((x, i) => {
      mem.set(toBytes(x, len), base + i * len);
      return base + i * len;
    });
    const out = base + inputs.length * len;
    fn(ptrs, out);
    return fromBytes(new Uint8Array(w.memory.buffer, out, len));
  }
  const montMul = (c: Ctx, a: bigint, b: bigint) =>
    run(c.len, [a, b], ([pa, pb], o) => w.bnTestMontMul(pa ?? 0, c.len, pb ?? 0, c.len, o, c.len));
  const montSqr = (c: Ctx, a: bigint) =>
    run(c.len, [a], ([pa], o) => w.bnTestMontSqr(pa ?? 0, c.len, o, c.len));
  const toDomain = (c: Ctx, x: bigint) =>
    run(c.len, [x], ([px], o) => w.bnTestToDomain(px ?? 0, c.len, o, c.len));
  const final = (c: Ctx, x: bigint) => run(c.len, [x], ([px], o) => w.bnTestFinal(px ?? 0, c.len, o, c.len));
  function exp(c: Ctx, x: bigint, e: bigint, twisted = false): bigint {
    const eLen = byteLength(e);
    const base = w.ioReserve(2 * c.len + eLen);
    const mem = new Uint8Array(w.memory.buffer);
    mem.set(toBytes(x, c.len), base);
    mem.set(toBytes(e, eLen), base + c.len);
    const out = base + c.len + eLen;
    (twisted ? w.bnTestExpTwisted : w.bnTestExp)(base, c.len, base + c.len, eLen, out, c.len);
    return fromBytes(new Uint8Array(w.memory.buffer, out, c.len));
  }
  const shortSum = (c: Ctx, p: bigint, a: bigint, h: number, k: bigint) =>
    run(c.len, [p, a, k], ([pp, pa, pk], o) => w.bnTestShortSum(pp ?? 0, pa ?? 0, h, pk ?? 0, c.len, o));

  return { w, LIMB_BITS, context, montMul, montSqr, toDomain, final, exp, shortSum };
}

// ---- arbitraries ---------------------------------------------------------------------------------
/** Sizes weighted towards the RSA sizes and the limb boundaries. */
const bitsArb = fc.oneof(
  fc.constantFrom(512, 1024, 1025, 2048, 2049, 3072, 4096, 7680, 8192),
  fc.integer({ min: 2, max: 8192 }),
  fc.integer({ min: 2, max: 200 }),
);
/** An odd modulus of exactly `bits` bits; sometimes all-ones or sparse (edge cases for carries). */
const modulusArb = bitsArb.chain((bits) => {
  const top = 1n << BigInt(bits - 1);
  return fc.oneof(
    fc.bigInt({ min: top, max: 2n * top - 1n }).map((x) => x | 1n),
    fc.constant(2n * top - 1n),
    fc.constant(top + 1n),
  );
});
/** A value in [0, bound) with the edges 0, 1, bound - 1 and bound - 2 likely. */
const below = (bound: bigint) =>
  fc.oneof(
    fc.bigInt({ min: 0n, max: bound - 1n }),
    fc.constantFrom(0n, 1n % bound, bound - 1n, bound > 2n ? bound - 2n : 0n),
  );

describe.each(BUILD_VARIANTS)('%s build', (variant) => {
  const { w, LIMB_BITS, context, montMul, montSqr, toDomain, final, exp, shortSum } = bind(
    variant === 'simd' ? loadTestWasmSimd<BigintInternals>() : loadTestWasm<BigintInternals>(),
  );

  describe('big integers: conversions', () => {
    it('round-trips byte strings through limbs', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 0, maxLength: 1100 }), (bytes) => {
          const len = Math.max(1, bytes.length);
          const base = w.ioReserve(2 * len);
          const mem = new Uint8Array(w.memory.buffer);
          mem.set(bytes, base);
          w.bnTestRoundTrip(base, bytes.length, base + len, bytes.length);
          expect([...new Uint8Array(w.memory.buffer, base + len, bytes.length)]).toEqual([...bytes]);
        }),
        { numRuns: 200 },
      );
    });

    it('uses the fewest limbs with 4n < R', () => {
      for (const bits of [2, 28, 29, 1024, 2048, 3072, 4096, 8192]) {
        const N = w.bnTestLimbsFor(bits);
        expect(BigInt(N) * LIMB_BITS).toBeGreaterThanOrEqual(BigInt(bits + 2));
        expect(BigInt(N - 1) * LIMB_BITS).toBeLessThan(BigInt(bits + 2));
      }
    });
  });

  describe('big integers: Montgomery arithmetic against BigInt', () => {
    it('montMul: result < 2n and = a b R^-1 (mod n) for a, b < 2n', () => {
      fc.assert(
        fc.property(
          modulusArb.chain((n) => fc.tuple(fc.constant(n), below(2n * n), below(2n * n))),
          ([n, a, b]) => {
            const c = context(n);
            const r = montMul(c, a, b);
            expect(r < 2n * n).toBe(true);
            expect(r % n).toBe((((a * b) % n) * c.rInv) % n);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('montSqr: result < 2n and = a^2 R^-1 (mod n) for a < 2n', () => {
      fc.assert(
        fc.property(
          modulusArb.chain((n) => fc.tuple(fc.constant(n), below(2n * n))),
          ([n, a]) => {
            const c = context(n);
            const r = montSqr(c, a);
            expect(r < 2n * n).toBe(true);
            expect(r % n).toBe((((a * a) % n) * c.rInv) % n);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('montToDomain (long division) = x R mod n exactly, and montFinal reduces [0, 2n) to [0, n)', () => {
      fc.assert(
        fc.property(
          modulusArb.chain((n) => fc.tuple(fc.constant(n), below(n), below(2n * n))),
          ([n, x, y]) => {
            const c = context(n);
            expect(toDomain(c, x)).toBe((x * c.R) % n);
            expect(final(c, y)).toBe(y % n);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('montExp = x^e mod n for short and long exponents (binary, up to 300 bits)', () => {
      const expArb = fc.oneof(
        fc.constantFrom(0n, 1n, 2n, 3n, 17n, 65537n, 2n ** 32n - 1n, 2n ** 32n + 1n, 2n ** 64n - 1n),
        fc.bigInt({ min: 0n, max: 2n ** 33n }),
        fc.bigInt({ min: 0n, max: 2n ** 300n }),
      );
      fc.assert(
        fc.property(
          modulusArb.chain((n) => fc.tuple(fc.constant(n), below(n), expArb)),
          ([n, x, e]) => {
            const c = context(n);
            expect(exp(c, x, e)).toBe(modPow(x, e, n));
          },
        ),
        { numRuns: 150 },
      );
    });

    it('montExp without the domain entry = x^e R^(1-e) mod n', () => {
      const expArb = fc.oneof(
        fc.constantFrom(2n, 3n, 65536n, 65537n, 2n ** 64n - 1n),
        fc.bigInt({ min: 2n, max: 2n ** 64n }),
      );
      fc.assert(
        fc.property(
          modulusArb.chain((n) => fc.tuple(fc.constant(n), below(n), expArb)),
          ([n, x, e]) => {
            const c = context(n);
            expect(exp(c, x, e, true)).toBe((modPow(x, e, n) * modPow(c.rInv, e - 1n, n)) % n);
          },
        ),
        { numRuns: 100 },
      );
    });

    it('montShortSum = p + a k B^-h mod n, fully reduced (h even, 2 <= h < N)', () => {
      const arb = modulusArb
        .filter((n) => bitLength(n) > 3 * Number(LIMB_BITS))
        .chain((n) => {
          const N = w.bnTestLimbsFor(bitLength(n));
          const hArb = fc.integer({ min: 1, max: Math.min(30, (N - 1) >> 1) }).map((x) => 2 * x);
          return fc.tuple(fc.constant(n), below(n), below(n), hArb).chain(([n2, p, k, h]) => {
            const top = 1n << (LIMB_BITS * BigInt(h));
            return fc.tuple(fc.constant(n2), fc.constant(p), fc.constant(k), fc.constant(h), below(top));
          });
        });
      fc.assert(
        fc.property(arb, ([n, p, k, h, a]) => {
          const c = context(n);
          const bInvH = modInv((1n << (LIMB_BITS * BigInt(h))) % n, n);
          expect(shortSum(c, p, a, h, k)).toBe((p + ((a * k) % n) * bInvH) % n);
        }),
        { numRuns: 200 },
      );
    });

    it('handles the RSA sizes with full-size operands (every limb in use)', () => {
      for (const bits of [1024, 2048, 3072, 4096, 8192]) {
        const n = (1n << BigInt(bits)) - 1n - (1n << BigInt(bits >> 1)) * 2n; // odd, top limb full
        const c = context(n);
        const a = 2n * n - 1n;
        expect(montMul(c, a, a) % n).toBe((((a * a) % n) * c.rInv) % n);
        expect(montSqr(c, a) % n).toBe((((a * a) % n) * c.rInv) % n);
        expect(toDomain(c, n - 1n)).toBe(((n - 1n) * c.R) % n);
        expect(exp(c, n - 1n, 65537n)).toBe(n - 1n);
        expect(exp(c, 2n, 3n)).toBe(8n);
        const h = 18; // the largest: SHA-512 digests
        const bInvH = modInv((1n << (LIMB_BITS * BigInt(h))) % n, n);
        const big = (1n << (LIMB_BITS * BigInt(h))) - 1n;
        expect(shortSum(c, n - 1n, big, h, n - 1n)).toBe((n - 1n + ((big * (n - 1n)) % n) * bInvH) % n);
      }
    });
  });
});
