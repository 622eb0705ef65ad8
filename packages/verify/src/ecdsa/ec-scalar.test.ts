// Property tests of the scalar layer (assembly/crypto/ec-scalar.ts) against JS BigInt: products
// mod n and the divstep modular inverse (mod n, and mod p as a second odd modulus).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EcLayer, mod, modInv, P256, P384 } from '../../test/ec-harness.js';

const OP = { mul: 0, inverse: 1, reduce: 2 };
const CONST = { p: 0, n: 1 };

for (const curve of [P256, P384]) {
  const L = new EcLayer(curve);
  const { p, n } = L.c;
  const bits = BigInt(L.c.bytes * 8);

  /** a^-1 mod m by the wasm divsteps inverse; null when it reports no inverse. */
  function inverse(a: bigint, modulus: 'p' | 'n'): bigint | null {
    L.select();
    L.set(L.slot(0), a);
    const m = L.wasm.ecTestConst(CONST[modulus]);
    const ok = L.wasm.ecTestScalar(OP.inverse, L.slot(1), L.slot(0), m);
    if (!ok) return null;
    const limbs = L.getLimbs(L.slot(1));
    for (const l of limbs) expect(l >= 0n && l < 1n << BigInt(L.radix)).toBe(true);
    return L.valueOf(limbs);
  }

  // Scalars biased towards edge shapes: small, near the modulus, powers of two, all ones.
  const edgy = (m: bigint) =>
    fc.oneof(
      fc.bigInt(1n, m - 1n),
      fc.bigInt(1n, 1000n),
      fc.bigInt(1n, 1000n).map((k) => m - k),
      fc.nat(Number(bits) - 1).map((k) => 1n << BigInt(k)),
      fc.nat(Number(bits) - 1).map((k) => (1n << BigInt(k)) - 1n || 1n),
    );

  describe(`${L.c.name} scalars`, () => {
    it('inverts modulo n and modulo p (divsteps), matching Fermat in BigInt', () => {
      for (const modulus of ['n', 'p'] as const) {
        const m = modulus === 'n' ? n : p;
        fc.assert(
          fc.property(edgy(m), (a) => {
            expect(inverse(a, modulus)).toBe(modInv(a, m));
          }),
          { numRuns: 400 },
        );
      }
    });

    it('reports no inverse for zero and multiples of the modulus', () => {
      expect(inverse(0n, 'n')).toBeNull();
      expect(inverse(0n, 'p')).toBeNull();
      expect(inverse(n, 'n')).toBeNull();
      expect(inverse(p, 'p')).toBeNull();
      expect(inverse(1n, 'n')).toBe(1n);
      expect(inverse(n - 1n, 'n')).toBe(n - 1n);
    });

    it('multiplies modulo n', () => {
      fc.assert(
        fc.property(edgy(n), edgy(n), (a, b) => {
          L.select();
          L.set(L.slot(0), a);
          L.set(L.slot(1), b);
          L.wasm.ecTestScalar(OP.mul, L.slot(2), L.slot(0), L.slot(1));
          expect(L.get(L.slot(2))).toBe(mod(a * b, n));
        }),
        { numRuns: 500 },
      );
    });

    it('reduces values below 2n', () => {
      fc.assert(
        fc.property(fc.bigInt(0n, 2n * n - 1n), (a) => {
          L.select();
          L.set(L.slot(0), a);
          L.wasm.ecTestScalar(OP.reduce, 0, L.slot(0), 0);
          expect(L.get(L.slot(0))).toBe(a % n);
        }),
        { numRuns: 300 },
      );
    });
  });
}
