// Test-only entry points into the big-integer layer (re-exported by testing.ts, never by
// index.ts). Numbers cross as big-endian byte strings; the Montgomery context is the modulus
// passed to bnTestSetup. Preconditions (a, b < 2n; x < n) are the caller's job.
import {
  BN_A,
  BN_B,
  BN_N,
  bnFromBytes,
  bnToBytes,
  bytesBitLength,
  LIMB_BITS,
  limbsFor,
  montExp,
  montFinal,
  montLimbs,
  montMul,
  montSetup,
  montShortSum,
  montSqr,
  montToDomain,
} from './bigint';

/** Limb count used for a modulus of `bits` bits (R = 2^(28 N)). */
export function bnTestLimbsFor(bits: i32): i32 {
  return limbsFor(bits);
}

/** Makes the odd modulus [n, n + nLen) current; returns its limb count N. */
export function bnTestSetup(n: usize, nLen: i32): i32 {
  const N = limbsFor(bytesBitLength(n, nLen));
  bnFromBytes(BN_N, n, nLen, N);
  montSetup(N);
  return N;
}

/** Bytes -> limbs -> bytes. */
export function bnTestRoundTrip(src: usize, len: i32, out: usize, outLen: i32): void {
  const N = limbsFor(len * 8);
  bnFromBytes(BN_A, src, len, N);
  bnToBytes(out, outLen, BN_A, N);
}

/** out = a b / R mod n, not reduced below 2n (montMul's raw output). */
export function bnTestMontMul(a: usize, aLen: i32, b: usize, bLen: i32, out: usize, outLen: i32): void {
  const N = montLimbs();
  bnFromBytes(BN_A, a, aLen, N);
  bnFromBytes(BN_B, b, bLen, N);
  montMul(BN_A, BN_A, BN_B);
  bnToBytes(out, outLen, BN_A, N);
}

/** out = a^2 / R mod n, not reduced below 2n (montSqr's raw output). */
export function bnTestMontSqr(a: usize, aLen: i32, out: usize, outLen: i32): void {
  const N = montLimbs();
  bnFromBytes(BN_A, a, aLen, N);
  montSqr(BN_A, BN_A);
  bnToBytes(out, outLen, BN_A, N);
}

/** out = montFinal(a) for a < 2n. */
export function bnTestFinal(a: usize, aLen: i32, out: usize, outLen: i32): void {
  const N = montLimbs();
  bnFromBytes(BN_A, a, aLen, N);
  montFinal(BN_A);
  bnToBytes(out, outLen, BN_A, N);
}

/** out = x R mod n for x < n. */
export function bnTestToDomain(x: usize, xLen: i32, out: usize, outLen: i32): void {
  const N = montLimbs();
  bnFromBytes(BN_A, x, xLen, N);
  montToDomain(BN_B, BN_A);
  bnToBytes(out, outLen, BN_B, N);
}

/** out = x^e mod n for x < n. */
export function bnTestExp(x: usize, xLen: i32, e: usize, eLen: i32, out: usize, outLen: i32): void {
  const N = montLimbs();
  bnFromBytes(BN_A, x, xLen, N);
  const bits = bytesBitLength(e, eLen);
  // montExp takes e >= 2: x^0 = 1 (n > 1) and x^1 = x here.
  if (bits <= 1) bnToBytes(out, outLen, bits === 0 ? ONE : BN_A, bits === 0 ? 1 : N);
  else {
    montExp(BN_B, BN_A, e, eLen);
    bnToBytes(out, outLen, BN_B, N);
  }
}

/** The number 1 as one limb. */
const ONE: usize = memory.data<u32>([1]);

/** out = x^e R^(1-e) mod n (montExp without the domain entry) for x < n, e >= 2. */
export function bnTestExpTwisted(x: usize, xLen: i32, e: usize, eLen: i32, out: usize, outLen: i32): void {
  const N = montLimbs();
  bnFromBytes(BN_A, x, xLen, N);
  montExp(BN_B, BN_A, e, eLen, true);
  bnToBytes(out, outLen, BN_B, N);
}

/** out = p + a k B^-h mod n for p, k < n and a < B^h (h even, 2 <= h < N). */
export function bnTestShortSum(p: usize, a: usize, h: i32, k: usize, len: i32, out: usize): void {
  const N = montLimbs();
  bnFromBytes(BN_A, p, len, N);
  bnFromBytes(BN_B, k, len, N);
  bnFromBytes(SHORT_A, a, len, h);
  montShortSum(BN_A, BN_A, SHORT_A, h, BN_B);
  bnToBytes(out, len, BN_A, N);
}
/** The short factor of bnTestShortSum (h <= 60 limbs and the guard). */
const SHORT_A: usize = memory.data(64 * 4, 16);

/** Bits per limb (R = 2^(bnTestLimbBits() N)). */
export function bnTestLimbBits(): i32 {
  return LIMB_BITS;
}
