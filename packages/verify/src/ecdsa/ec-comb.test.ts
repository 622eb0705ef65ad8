// Fixed-base comb (assembly/crypto/ec-comb.ts) against @noble/curves: G's committed table
// (p256-comb.generated.ts, p384-comb.generated.ts), tables built for random keys, and
// u1 G + u2 Q through both tables for random and edge-shaped scalars (digits at the ends of their
// range, carries through every digit, coinciding points and cancellation to infinity).
import { p256, p384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EcLayer, mod, P256, P384 } from '../../test/ec-harness.js';

for (const [curve, noble] of [
  [P256, p256],
  [P384, p384],
] as const) {
  const L = new EcLayer(curve);
  const wasm = L.wasm;
  const { n } = L.c;
  const G = noble.Point.BASE;
  type Pt = typeof G;
  const lay = {
    w: wasm.ecTestLayout(4),
    s: wasm.ecTestLayout(5),
    count: wasm.ecTestLayout(6),
    tables: wasm.ecTestLayout(7),
    bytes: wasm.ecTestLayout(8),
  };
  const half = 1 << (lay.w - 1);
  const nb = L.c.bytes;
  // Scratch: slots 0..7 for points and scalars, a table at slot 8 (P-384: 6,152 bytes + a canary).
  const TABLE = () => L.slot(8);
  const CANARY = 16;
  const scalar = fc.bigInt(1n, n - 1n);

  /** Affine points of a packed table at ptr: [sub-table][j - 1] = (x, y), plain values. */
  function readTable(ptr: number): { x: bigint; y: bigint }[][] {
    const mem = new Uint8Array(wasm.memory.buffer);
    const le = (at: number) => {
      let v = 0n;
      for (let i = nb - 1; i >= 0; i--) v = (v << 8n) | BigInt(mem[at + i] as number);
      return L.unmont(v);
    };
    const out: { x: bigint; y: bigint }[][] = [];
    for (let i = 0; i < lay.tables; i++) {
      const sub: { x: bigint; y: bigint }[] = [];
      for (let j = 0; j < half; j++) {
        const at = ptr + (i * half + j) * 2 * nb;
        sub.push({ x: le(at), y: le(at + nb) });
      }
      out.push(sub);
    }
    return out;
  }

  /** The table of P computed by @noble/curves. */
  function expectedTable(P: Pt): { x: bigint; y: bigint }[][] {
    const out: { x: bigint; y: bigint }[][] = [];
    for (let i = 0; i < lay.tables; i++) {
      const base = P.multiplyUnsafe(mod(1n << BigInt(lay.w * lay.s * i), n));
      out.push(Array.from({ length: half }, (_, j) => base.multiplyUnsafe(BigInt(j + 1)).toAffine()));
    }
    return out;
  }

  /** Builds Q's table at TABLE() (with a canary after it); returns whether the canary survived. */
  function build(Q: Pt): boolean {
    L.select();
    const q = Q.toAffine();
    L.setAffine(L.slot(0), q.x, q.y);
    const mem = new Uint8Array(wasm.memory.buffer);
    const end = TABLE() + lay.bytes + 8;
    mem.fill(0xa5, TABLE(), end + CANARY);
    wasm.ecTestCombBuild(TABLE(), L.slot(0));
    const after = new Uint8Array(wasm.memory.buffer);
    return (
      after.subarray(end - 8, end).every((b) => b === 0) &&
      after.subarray(end, end + CANARY).every((b) => b === 0xa5)
    );
  }

  /** u1 G + u2 Q through the comb tables (Q's table already built at TABLE()); null = infinity. */
  function combMulAdd(u1: bigint, u2: bigint): { x: bigint; y: bigint } | null {
    L.set(L.slot(2), u1);
    L.set(L.slot(3), u2);
    const inf = wasm.ecTestCombMulAdd(L.slot(4), L.slot(2), L.slot(3), TABLE());
    return inf ? null : L.affine(L.slot(4));
  }
  const expected = (u1: bigint, u2: bigint, Q: Pt) => {
    const R = G.multiplyUnsafe(u1).add(Q.multiplyUnsafe(u2));
    return R.is0() ? null : R.toAffine();
  };

  describe(`${L.c.name} fixed-base comb`, () => {
    it('has a layout whose digits cover every scalar and whose last digit cannot carry out', () => {
      const bits = nb * 8;
      expect(lay.count).toBe(Math.floor(bits / lay.w) + 1);
      expect(lay.tables).toBe(Math.ceil(lay.count / lay.s));
      expect(lay.bytes).toBe(lay.tables * half * 2 * nb);
    });

    it("commits G's table as j 2^(w s i) G (affine, Montgomery, little-endian)", () => {
      L.select();
      expect(readTable(wasm.ecTestConst(7))).toEqual(expectedTable(G));
    });

    it('builds the table of a key like @noble/curves, padding zeroed, nothing written past it', () => {
      fc.assert(
        fc.property(scalar, (k) => {
          const Q = G.multiply(k);
          expect(build(Q)).toBe(true);
          expect(readTable(TABLE())).toEqual(expectedTable(Q));
        }),
        { numRuns: 6 },
      );
    });

    // Scalars whose signed digits sit at the ends of their range or carry through every digit.
    const digitsScalar = (digit: bigint) => {
      let v = 0n;
      for (let m = 0; m < lay.count - 1; m++) v += digit << BigInt(lay.w * m);
      return mod(v, n);
    };
    const edgy = fc.oneof(
      scalar,
      fc.bigInt(0n, 300n),
      fc.bigInt(1n, 300n).map((k) => n - k),
      fc.nat(nb * 8 - 1).map((k) => 1n << BigInt(k)),
      fc.nat(nb * 8 - 1).map((k) => mod((1n << BigInt(k)) - 1n, n)),
      fc.constantFrom(BigInt(half), BigInt(half + 1), BigInt(2 * half - 1)).map(digitsScalar),
    );

    it('computes u1 G + u2 Q like @noble/curves for random and edge-shaped scalars', () => {
      fc.assert(
        fc.property(scalar, fc.array(fc.tuple(edgy, edgy), { minLength: 8, maxLength: 8 }), (kq, pairs) => {
          const Q = G.multiply(kq);
          build(Q);
          for (const [u1, u2] of pairs)
            expect(combMulAdd(u1, u2), `${u1} ${u2}`).toEqual(expected(u1, u2, Q));
        }),
        { numRuns: 8 },
      );
    });

    it('handles Q = +-G: coinciding points, cancellation to infinity, and continuing after it', () => {
      const k = digitsScalar(BigInt(half + 1));
      for (const Q of [G, G.negate()]) {
        build(Q);
        const cases: [bigint, bigint][] = [
          [0n, 0n],
          [1n, 0n],
          [0n, 1n],
          [1n, 1n],
          [1n, n - 1n],
          [k, k], // every digit pair doubles (Q = G) or cancels (Q = -G)
          [k, n - k],
          [n - 1n, n - 1n],
          [(n - 1n) / 2n, (n - 1n) / 2n],
          [123456789n, n - 123456789n],
        ];
        for (const [u1, u2] of cases) expect(combMulAdd(u1, u2), `${u1} ${u2}`).toEqual(expected(u1, u2, Q));
      }
    });
  });
}
