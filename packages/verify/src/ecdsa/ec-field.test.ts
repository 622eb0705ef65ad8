// Property tests of the P-256 / P-384 field layer (assembly/crypto/ec-field.ts and the generated
// p256-field / p384-field code) against JS BigInt. Besides canonical inputs, every operation is
// driven with adversarial "weak" inputs: limbs at the extremes of the bounds documented in
// ec-field.ts, and the outputs must stay within those bounds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EcLayer, mod, modPow, P256, P384 } from '../../test/ec-harness.js';

interface WeakBounds {
  /** Exclusive bound of the value. */
  value: bigint;
  /** Limbs 0..n-2 in (lo, hi). */
  lo: bigint;
  hi: bigint;
  /** Top limb in [0, top). */
  top: bigint;
}

// The bounds stated in assembly/crypto/ec-field.ts.
const WEAK: Record<number, WeakBounds> = {
  [P256]: { value: 2n ** 257n, lo: -(2n ** 24n), hi: 2n ** 29n + 2n ** 27n, top: 2n ** 25n },
  [P384]: { value: 2n ** 385n, lo: -(2n ** 10n), hi: 2n ** 28n + 2n ** 22n, top: 2n ** 21n },
};

const OP = { mul: 0, sqr: 1, add: 2, sub: 3, times8: 4, canon: 5, fromMont: 6, sqrt: 7, isZero: 8 };

function expectWeak(L: EcLayer, w: WeakBounds, limbs: bigint[]): void {
  const v = L.valueOf(limbs);
  expect(v >= 0n && v < w.value, `value ${v.toString(16)} within the weak bound`).toBe(true);
  limbs.forEach((l, i) => {
    const ok = i === limbs.length - 1 ? l >= 0n && l < w.top : l > w.lo && l < w.hi;
    expect(ok, `limb ${i} = ${l} within the weak bound`).toBe(true);
  });
}

function expectCanonical(L: EcLayer, limbs: bigint[], expected: bigint): void {
  expect(L.valueOf(limbs)).toBe(expected);
  for (const l of limbs) expect(l >= 0n && l < 1n << BigInt(L.radix)).toBe(true);
}

for (const curve of [P256, P384]) {
  const L = new EcLayer(curve);
  const { p } = L.c;
  const w = WEAK[curve] as WeakBounds;
  const Rinv = modPow(L.R, p - 2n, p);
  const canonical = fc.bigInt(0n, p - 1n);
  // Weak representations: each low limb is an extreme or random value of its range, the top limb
  // likewise; keep those whose value lies in [0, bound).
  const limb = fc.oneof(
    fc.constantFrom(w.lo + 1n, w.hi - 1n, 0n, (1n << BigInt(L.radix)) - 1n),
    fc.bigInt(w.lo + 1n, w.hi - 1n),
  );
  const topLimb = fc.oneof(fc.constantFrom(0n, w.top - 1n), fc.bigInt(0n, w.top - 1n));
  const weak = fc
    .tuple(fc.array(limb, { minLength: L.limbs - 1, maxLength: L.limbs - 1 }), topLimb)
    .map(([low, top]) => [...low, top])
    .filter((ls) => {
      const v = L.valueOf(ls);
      return v >= 0n && v < w.value;
    });
  // Values just above 0, p or 2p whose limbs borrow from each other (some negative, some above
  // the radix): the shapes where a carry or fold could go wrong in the low or high direction.
  const nearMultiple = fc
    .tuple(
      fc.bigInt(0n, 1n << 40n),
      fc.constantFrom(0n, 1n, 2n),
      fc.array(fc.tuple(fc.nat(L.limbs - 2), fc.integer({ min: -1, max: 1 })), { maxLength: 6 }),
    )
    .map(([small, k, moves]) => {
      const limbs = L.limbsOf(small + k * p);
      for (const [i, u] of moves) {
        limbs[i] = (limbs[i] as bigint) + BigInt(u) * (1n << BigInt(L.radix));
        limbs[i + 1] = (limbs[i + 1] as bigint) - BigInt(u);
      }
      return limbs;
    })
    .filter((ls) => {
      const v = L.valueOf(ls);
      const inRange = ls.every((l, j) => (j === L.limbs - 1 ? l >= 0n && l < w.top : l > w.lo && l < w.hi));
      return inRange && v >= 0n && v < w.value;
    });
  const input = fc.oneof(
    canonical.map((v) => L.limbsOf(v)),
    weak,
    nearMultiple,
  );

  describe(`${L.c.name} field arithmetic`, () => {
    it('multiplies and squares in Montgomery form, staying weakly reduced', () => {
      fc.assert(
        fc.property(input, input, (a, b) => {
          L.select();
          L.setLimbs(L.slot(0), a);
          L.setLimbs(L.slot(1), b);
          L.feOp(OP.mul, L.slot(2), L.slot(0), L.slot(1));
          const va = L.valueOf(a);
          const vb = L.valueOf(b);
          const prod = L.getLimbs(L.slot(2));
          expect(mod(L.valueOf(prod), p)).toBe(mod(va * vb * Rinv, p));
          expectWeak(L, w, prod);
          L.feOp(OP.sqr, L.slot(3), L.slot(0));
          const sq = L.getLimbs(L.slot(3));
          expect(mod(L.valueOf(sq), p)).toBe(mod(va * va * Rinv, p));
          expectWeak(L, w, sq);
          // In place (r aliasing a and b).
          L.feOp(OP.mul, L.slot(0), L.slot(0), L.slot(0));
          expect(L.getLimbs(L.slot(0))).toEqual(sq);
        }),
        { numRuns: 800 },
      );
    });

    it('adds, subtracts and forms small linear combinations, staying weakly reduced', () => {
      fc.assert(
        fc.property(
          input,
          input,
          fc.integer({ min: 0, max: 9 }),
          fc.integer({ min: -8, max: 8 }),
          (a, b, ka, kb) => {
            L.select();
            L.setLimbs(L.slot(0), a);
            L.setLimbs(L.slot(1), b);
            const va = L.valueOf(a);
            const vb = L.valueOf(b);
            L.feOp(OP.add, L.slot(2), L.slot(0), L.slot(1));
            L.feOp(OP.sub, L.slot(3), L.slot(0), L.slot(1));
            L.wasm.ecTestLin(L.slot(4), L.slot(0), ka, L.slot(1), kb);
            const sum = L.getLimbs(L.slot(2));
            const diff = L.getLimbs(L.slot(3));
            const prod = L.getLimbs(L.slot(4));
            expect(mod(L.valueOf(sum), p)).toBe(mod(va + vb, p));
            expect(mod(L.valueOf(diff), p)).toBe(mod(va - vb, p));
            expect(mod(L.valueOf(prod), p)).toBe(mod(va * BigInt(ka) - vb * BigInt(kb), p));
            expectWeak(L, w, sum);
            expectWeak(L, w, diff);
            expectWeak(L, w, prod);
          },
        ),
        { numRuns: 800 },
      );
    });

    it('reduces weak values to the canonical representative and detects zero', () => {
      fc.assert(
        fc.property(input, (a) => {
          L.select();
          L.setLimbs(L.slot(0), a);
          L.feOp(OP.canon, L.slot(1), L.slot(0));
          const v = mod(L.valueOf(a), p);
          expectCanonical(L, L.getLimbs(L.slot(1)), v);
          expect(L.feOp(OP.isZero, 0, L.slot(0))).toBe(v === 0n ? 1 : 0);
        }),
        { numRuns: 800 },
      );
      // Representations of 0 and of values next to multiples of p.
      L.select();
      for (const v of [0n, p, 2n * p, 1n, p - 1n, p + 1n, 2n * p - 1n, 2n * p + 1n, w.value - 1n]) {
        L.set(L.slot(0), v);
        L.feOp(OP.canon, L.slot(1), L.slot(0));
        expectCanonical(L, L.getLimbs(L.slot(1)), mod(v, p));
        expect(L.feOp(OP.isZero, 0, L.slot(0))).toBe(mod(v, p) === 0n ? 1 : 0);
      }
    });

    it('recognises 0, p and 2p in non-normalised forms as zero, and their neighbours as nonzero', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(0n, p, 2n * p),
          fc.integer({ min: -1, max: 1 }),
          fc.nat(L.limbs - 2),
          fc.nat(3),
          (v, d, i, k) => {
            L.select();
            // Move k units of 2^RADIX from limb i + 1 down into limb i (same value).
            const limbs = L.limbsOf(v + BigInt(d));
            limbs[i] = (limbs[i] as bigint) + BigInt(k) * (1n << BigInt(L.radix));
            limbs[i + 1] = (limbs[i + 1] as bigint) - BigInt(k);
            if (limbs.some((l, j) => (j === L.limbs - 1 ? l < 0n : l <= w.lo || l >= w.hi))) return;
            L.setLimbs(L.slot(0), limbs);
            expect(L.feOp(OP.isZero, 0, L.slot(0))).toBe(d === 0 ? 1 : 0);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('keeps results exact along long chains of mixed operations', () => {
      fc.assert(
        fc.property(
          fc.array(canonical, { minLength: 4, maxLength: 4 }),
          fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(3), fc.nat(3), fc.nat(3)), {
            minLength: 20,
            maxLength: 60,
          }),
          (init, program) => {
            L.select();
            const ref = [...init];
            init.forEach((v, i) => {
              L.set(L.slot(i), v);
            });
            for (const [op, d, a, b] of program) {
              const [x, y] = [ref[a] as bigint, ref[b] as bigint];
              ref[d] = [
                mod(x * y * Rinv, p),
                mod(x * x * Rinv, p),
                mod(x + y, p),
                mod(x - y, p),
                mod(x * 8n, p),
              ][op] as bigint;
              L.feOp(op, L.slot(d), L.slot(a), L.slot(b));
              expectWeak(L, w, L.getLimbs(L.slot(d)));
            }
            ref.forEach((v, i) => {
              L.feOp(OP.canon, L.slot(10), L.slot(i));
              expect(L.get(L.slot(10))).toBe(v);
            });
          },
        ),
        { numRuns: 150 },
      );
    });

    it('converts out of Montgomery form', () => {
      fc.assert(
        fc.property(canonical, (v) => {
          L.select();
          L.set(L.slot(0), L.mont(v));
          L.feOp(OP.fromMont, L.slot(1), L.slot(0));
          expectCanonical(L, L.getLimbs(L.slot(1)), v);
        }),
        { numRuns: 300 },
      );
    });

    it('computes square roots exactly when they exist (Euler criterion)', () => {
      fc.assert(
        fc.property(canonical, (v) => {
          L.select();
          L.set(L.slot(0), L.mont(v));
          const found = L.feOp(OP.sqrt, L.slot(1), L.slot(0));
          const isSquare = v === 0n || modPow(v, (p - 1n) / 2n, p) === 1n;
          expect(found).toBe(isSquare ? 1 : 0);
          if (isSquare) {
            const root = L.unmont(L.get(L.slot(1)));
            expect(mod(root * root, p)).toBe(v);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
}
