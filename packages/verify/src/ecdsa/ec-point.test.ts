// Point layer (assembly/crypto/ec-point.ts) and the double-scalar multiplication (ec-mul.ts)
// against @noble/curves: random points with random Jacobian Z, and the special cases of the
// addition formulas (P == Q, P == -Q, infinity in the middle of the ladder).
import { p256, p384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EcLayer, mod, P256, P384 } from '../../test/ec-harness.js';

const OP = { double: 0, addAffine: 1, add: 2 };

for (const [curve, noble] of [
  [P256, p256],
  [P384, p384],
] as const) {
  const L = new EcLayer(curve);
  const { n, p } = L.c;
  const G = noble.Point.BASE;
  type Pt = typeof G;
  const scalar = fc.bigInt(1n, n - 1n);
  const zValue = fc.bigInt(1n, p - 1n);
  const affine = (P: Pt) => P.toAffine();
  /** Affine coordinates, or null for the point at infinity. */
  const affineOrNull = (P: Pt) => (P.is0() ? null : P.toAffine());

  /** Result of a point op as affine coordinates (null = infinity). */
  function run(op: number, P: Pt, zp: bigint, Q: Pt, zq: bigint): { x: bigint; y: bigint } | null {
    L.select();
    const a = affine(P);
    const b = affine(Q);
    L.setJacobian(L.slot(0), a.x, a.y, zp);
    if (op === OP.addAffine) L.setAffine(L.slot(3), b.x, b.y);
    else L.setJacobian(L.slot(3), b.x, b.y, zq);
    const inf = L.wasm.ecTestPoint(op, L.slot(6), L.slot(0), L.slot(3));
    return inf ? null : L.affine(L.slot(6));
  }

  describe(`${L.c.name} points`, () => {
    it('doubles and adds (Jacobian and mixed) like @noble/curves', () => {
      fc.assert(
        fc.property(scalar, scalar, zValue, zValue, (k1, k2, z1, z2) => {
          const P = G.multiply(k1);
          const Q = G.multiply(k2);
          expect(run(OP.double, P, z1, P, z1)).toEqual(affine(P.double()));
          // k1 + k2 = n gives the point at infinity (fast-check finds it).
          expect(run(OP.addAffine, P, z1, Q, 1n)).toEqual(affineOrNull(P.add(Q)));
          expect(run(OP.add, P, z1, Q, z2)).toEqual(affineOrNull(P.add(Q)));
        }),
        { numRuns: 40 },
      );
    });

    it('handles P + P (doubling) and P + (-P) (infinity) in both additions', () => {
      fc.assert(
        fc.property(scalar, zValue, zValue, (k, z1, z2) => {
          const P = G.multiply(k);
          const twice = affine(P.double());
          expect(run(OP.addAffine, P, z1, P, 1n)).toEqual(twice);
          expect(run(OP.add, P, z1, P, z2)).toEqual(twice);
          expect(run(OP.addAffine, P, z1, P.negate(), 1n)).toBeNull();
          expect(run(OP.add, P, z1, P.negate(), z2)).toBeNull();
        }),
        { numRuns: 20 },
      );
    });

    /** u1 G + u2 Q by the wasm (null = infinity). */
    function mulAdd(u1: bigint, u2: bigint, Q: Pt): { x: bigint; y: bigint } | null {
      L.select();
      const q = affine(Q);
      L.setAffine(L.slot(0), q.x, q.y);
      L.set(L.slot(2), u1);
      L.set(L.slot(3), u2);
      const inf = L.wasm.ecTestMulAdd(L.slot(4), L.slot(2), L.slot(3), L.slot(0));
      return inf ? null : L.affine(L.slot(4));
    }
    const expected = (u1: bigint, u2: bigint, Q: Pt) =>
      affineOrNull(G.multiplyUnsafe(u1).add(Q.multiplyUnsafe(u2)));

    it('computes u1 G + u2 Q like @noble/curves for random and edge-shaped scalars', () => {
      const edgy = fc.oneof(
        scalar,
        fc.bigInt(0n, 300n),
        fc.bigInt(1n, 300n).map((k) => n - k),
        fc.nat(L.c.bytes * 8 - 1).map((k) => 1n << BigInt(k)),
        fc.nat(L.c.bytes * 8 - 1).map((k) => mod((1n << BigInt(k)) - 1n, n)),
      );
      fc.assert(
        fc.property(edgy, edgy, scalar, (u1, u2, kq) => {
          const Q = G.multiply(kq);
          expect(mulAdd(u1, u2, Q)).toEqual(expected(u1, u2, Q));
        }),
        { numRuns: 60 },
      );
    });

    it('handles Q = +-G: coinciding points, cancellation to infinity, and continuing after it', () => {
      const cases: [bigint, bigint, Pt][] = [
        [0n, 0n, G],
        [1n, 0n, G],
        [0n, 1n, G],
        [1n, 1n, G], // the Q addition meets R == Q: doubling path
        [1n, n - 1n, G], // G - G: infinity at the end
        [5n * 256n + 3n, 5n * 256n + 1n, G.negate()], // infinity at bit 8, then 3G - G
        [5n * 256n + 3n, 5n * 256n + 3n, G.negate()], // infinity twice
        [n - 1n, n - 1n, G],
        [123456789n, n - 123456789n, G],
        [(n - 1n) / 2n, (n - 1n) / 2n, G],
      ];
      for (const [u1, u2, Q] of cases) expect(mulAdd(u1, u2, Q), `${u1} ${u2}`).toEqual(expected(u1, u2, Q));
    });
  });
}
