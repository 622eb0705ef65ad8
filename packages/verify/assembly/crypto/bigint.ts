// Fixed-width big integers and Montgomery arithmetic for RSA public operations (moduli of
// 2..MAX_MOD_BITS bits; RSA uses 512..8192).
//
// Representation: radix 2^LIMB_BITS limbs (LIMB_BITS < 32), little-endian, one limb per u32
// slot (i64.load32_u widens it at no cost; half the static scratch of u64 slots). Small limbs
// leave headroom in a 64-bit word: a product of two limbs is < 2^(2 LIMB_BITS), so
// CHUNK = 2^(64 - 2 LIMB_BITS) products sum in one u64 with no carry handling at all
// ("delayed carries"). Multiplication and Montgomery reduction are done column-wise (product
// scanning), so the inner loop is just load, i64.mul, i64.add. wasm has no 64x64->128 multiply
// and no add-with-carry, and this beats 32-bit limbs with per-product carry propagation
// (bench/rsa.bench.mjs and the README of the package give the measurements).
//
// Every number lives in a buffer with GUARD zero limbs below limb 0 and GUARD zero limbs above
// limb N-1, so the inner loops may round their trip counts up to even and read the extra limbs
// harmlessly (the extra products are 0 * x).
//
// Montgomery parameters: R = 2^(LIMB_BITS N) with N = limbsFor(bits) chosen so that 4n < R.
// Then a Montgomery product of two inputs < 2n is again < 2n (no conditional subtraction
// between steps); only the final result is reduced to [0, n).
//
// Verification handles public data only (modulus, exponent, signature), so none of this is
// constant-time: it branches on and indexes by the values it processes.
import { BUILD_RSA_MAX_BITS } from '../build-options';

/** Bits per limb. */
export const LIMB_BITS: i32 = 30;
/** Mask of one limb. */
export const LIMB_MASK: u64 = ((<u64>1) << LIMB_BITS) - 1;
const SHIFT: u64 = <u64>LIMB_BITS;
/** Products of two limbs that sum in a u64 without overflow. */
const CHUNK: i32 = 1 << (64 - 2 * LIMB_BITS);
/** Largest modulus handled, in bits: the build's RSA limit (build-options.ts). */
export const MAX_MOD_BITS: i32 = BUILD_RSA_MAX_BITS;
/** Largest limb count: limbsFor(MAX_MOD_BITS), rounded up to even. */
export const MAX_LIMBS: i32 = ((MAX_MOD_BITS + 2 + LIMB_BITS - 1) / LIMB_BITS + 1) & ~1;
/** Zero limbs kept below limb 0 and above the top limb of every buffer. */
export const GUARD: i32 = 4;
/** Bytes of one number buffer (guards included). */
const BUF_BYTES: i32 = (MAX_LIMBS + 2 * GUARD) * 4;
/** Offset of limb 0 inside a number buffer. */
const LIMB0: usize = <usize>(GUARD * 4);

/** Limb count for a modulus of `bits` bits: the smallest N with LIMB_BITS N >= bits + 2 (4n < R). */
export function limbsFor(bits: i32): i32 {
  return (bits + 2 + LIMB_BITS - 1) / LIMB_BITS;
}

// ---- static scratch (memory.data: no heap in the hot path) --------------------------------------

/** The modulus n of the current Montgomery context, and n reversed (nrev_j = n_(N-1-j)). */
export const BN_N: usize = memory.data(BUF_BYTES, 16) + LIMB0;
const BN_NREV: usize = memory.data(BUF_BYTES, 16) + LIMB0;
/** Montgomery quotient digits m_0..m_(N-1) of the running product. */
const BN_M: usize = memory.data(BUF_BYTES, 16) + LIMB0;
/** Reversed copy of the second factor of montMul / of the operand of montSqr. */
const BN_REV: usize = memory.data(BUF_BYTES, 16) + LIMB0;
/** General-purpose numbers for callers (RSA keeps the signature here). */
export const BN_A: usize = memory.data(BUF_BYTES, 16) + LIMB0;
export const BN_B: usize = memory.data(BUF_BYTES, 16) + LIMB0;
/** montExp scratch: the base in the Montgomery domain, and both forms of the base reversed. */
const BN_XM: usize = memory.data(BUF_BYTES, 16) + LIMB0;
const BN_XM_REV: usize = memory.data(BUF_BYTES, 16) + LIMB0;
const BN_X_REV: usize = memory.data(BUF_BYTES, 16) + LIMB0;
/** Dividend / remainder of the long division (2 N + 1 limbs) and the normalised divisor. */
const BN_DIV_U: usize = memory.data((2 * MAX_LIMBS + 2 * GUARD) * 4, 16) + LIMB0;
const BN_DIV_V: usize = memory.data(BUF_BYTES, 16) + LIMB0;

/** Limb count N of the current Montgomery context. */
let gN: i32 = 0;
/** -n^-1 mod 2^LIMB_BITS of the current context. */
let gN0inv: u64 = 0;

function limb(p: usize, i: i32): u64 {
  return <u64>load<u32>(p + ((<usize>i) << 2));
}

function setLimb(p: usize, i: i32, v: u64): void {
  store<u32>(p + ((<usize>i) << 2), <u32>v);
}

/**
 * Stores limb i of a Montgomery result, and also limb N-1-i of BN_REV, so that BN_REV holds the
 * result reversed when the operation ends (what the next squaring of a chain needs, without a
 * bnReverse). Safe even when BN_REV is the reversed operand being read: pass k only writes
 * reversed indices 2N-2-k and 2N-1-k, above every index that pass and the later ones read.
 */
function setOut(out: usize, i: i32, v: u64, N: i32): void {
  setLimb(out, i, v);
  setLimb(BN_REV, N - 1 - i, v);
}

/** Clears limbs [from, to) of `p`. */
function clearLimbs(p: usize, from: i32, to: i32): void {
  if (to > from) memory.fill(p + ((<usize>from) << 2), 0, (<usize>(to - from)) << 2);
}

// ---- conversions and simple operations ----------------------------------------------------------

/**
 * Loads the big-endian unsigned byte string [src, src + len) into `dst` as N limbs and clears
 * the guard limbs above. The value must fit in N limbs (higher bits are dropped).
 */
export function bnFromBytes(dst: usize, src: usize, len: i32, N: i32): void {
  let acc: u64 = 0;
  let bits: i32 = 0;
  let k: i32 = 0;
  for (let i = len - 1; i >= 0 && k < N; i--) {
    acc |= (<u64>load<u8>(src + <usize>i)) << (<u64>bits);
    bits += 8;
    if (bits >= LIMB_BITS) {
      setLimb(dst, k++, acc & LIMB_MASK);
      acc >>= SHIFT;
      bits -= LIMB_BITS;
    }
  }
  if (k < N) setLimb(dst, k++, acc);
  clearLimbs(dst, k, N + GUARD);
}

/** Stores the N-limb number `src` as a `len`-byte big-endian string at `dst` (truncating). */
export function bnToBytes(dst: usize, len: i32, src: usize, N: i32): void {
  let acc: u64 = 0;
  let bits: i32 = 0;
  let k: i32 = 0;
  for (let i = len - 1; i >= 0; i--) {
    if (bits < 8) {
      if (k < N) acc |= limb(src, k++) << (<u64>bits);
      bits += LIMB_BITS;
    }
    store<u8>(dst + <usize>i, <u8>acc);
    acc >>= 8;
    bits -= 8;
  }
}

/** dst = B^j (B = 2^LIMB_BITS) as N limbs, guards above cleared; j < N. */
export function bnPowB(dst: usize, j: i32, N: i32): void {
  clearLimbs(dst, 0, N + GUARD);
  setLimb(dst, j, 1);
}

/** Compares two N-limb normalised numbers: -1, 0 or 1. */
export function bnCmp(a: usize, b: usize, N: i32): i32 {
  for (let i = N - 1; i >= 0; i--) {
    const x = limb(a, i);
    const y = limb(b, i);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** a -= b for N-limb normalised numbers with a >= b. */
function bnSubInPlace(a: usize, b: usize, N: i32): void {
  let borrow: i64 = 0;
  for (let i = 0; i < N; i++) {
    const d = <i64>limb(a, i) - <i64>limb(b, i) + borrow;
    setLimb(a, i, <u64>d & LIMB_MASK);
    borrow = d >> SHIFT;
  }
}

/** Copies the N limbs of `src` and the zero guard above them to `dst`. */
function bnCopy(dst: usize, src: usize, N: i32): void {
  memory.copy(dst, src, (<usize>(N + GUARD)) << 2);
}

/** dst = src reversed over N limbs (dst_j = src_(N-1-j)); the guards of dst stay zero. */
function bnReverse(dst: usize, src: usize, N: i32): void {
  for (let j = 0; j < N; j++) setLimb(dst, j, limb(src, N - 1 - j));
  clearLimbs(dst, N, N + GUARD);
}

/** Bit length of the big-endian byte string [p, p + len). */
export function bytesBitLength(p: usize, len: i32): i32 {
  for (let i = 0; i < len; i++) {
    const b = <u32>load<u8>(p + <usize>i);
    if (b !== 0) return (len - i) * 8 - <i32>clz<u32>(b) + 24;
  }
  return 0;
}

// ---- Montgomery context -------------------------------------------------------------------------

/**
 * Makes the odd modulus at BN_N (N limbs, loaded with bnFromBytes) the current Montgomery
 * modulus. N >= 2.
 */
export function montSetup(N: i32): void {
  gN = N;
  // Newton iteration for n0^-1 mod 2^LIMB_BITS: x = n0 is correct to 3 bits for odd n0
  // (n0 * n0 = 1 mod 8) and each step doubles the number of correct bits: 3, 6, 12, 24, 48.
  const n0 = limb(BN_N, 0);
  let x: u64 = n0;
  x *= 2 - n0 * x;
  x *= 2 - n0 * x;
  x *= 2 - n0 * x;
  x *= 2 - n0 * x;
  gN0inv = (0 - x) & LIMB_MASK;
  bnReverse(BN_NREV, BN_N, N);
}

/** Limb count of the current context. */
export function montLimbs(): i32 {
  return gN;
}

// ---- Montgomery multiplication and squaring -----------------------------------------------------
//
// Column k of a*b is sum_i a_i b_(k-i). With b stored reversed it is a dot product of two
// ascending slices, and column k+1 is the same dot product with the reversed slice shifted down
// by one limb. Both are computed in one loop, so every loaded limb feeds two products (one load
// per product instead of two). The quotient digits m_k are produced in column order; the one term
// of column k+1 that needs m_k (m_k n_1) is added once m_k is known.

// The two dot products of each column pair are written out inline below (AssemblyScript's
// @inline does not pass the linter, and a call per column pair costs ~9%). Each is: sum over t
// in [0, cnt) of pa[t] * pb[t] (column k) and of pa[t] * pb[t - 1] (column k+1), cnt even, in
// chunks of CHUNK products folded into (low, high) parts so no u64 sum can overflow.

/** Rounds a term count up to the unrolling of the dot-product loops (2). */
function roundUp(x: i32): i32 {
  return (x + 1) & ~1;
}

/**
 * Montgomery product (square = false: a * b with brev = b reversed) or square (square = true:
 * a * a with brev = a reversed), two columns per step. `out` may alias `a`.
 */
function montCore(out: usize, a: usize, brev: usize, square: bool): void {
  const N = gN;
  const m = BN_M;
  const nrev = BN_NREV;
  const n0 = limb(BN_N, 0);
  const n1 = limb(BN_N, 1);
  const inv = gN0inv;
  let carry: u64 = 0;
  for (let k = 0; k < 2 * N; k += 2) {
    const lo = k < N ? 0 : k - N + 1;
    // Product part of columns k and k+1. Square: off-diagonal a_i a_(k-i) with i < k - i,
    // i in [lo, h - 1] for column k and the same plus i = h for column k+1 (added below, with
    // the diagonal a_h^2 of column k). Product: a_i b_(k-i) for i in [lo, hi], which covers both
    // columns (the extra terms read zero guards).
    let c: i32;
    let i0: i32;
    const h = k >> 1;
    if (square) {
      c = h > lo ? roundUp(h - lo) : 0;
      i0 = h - c;
    } else {
      const hi = k + 1 < N ? k + 1 : N - 1;
      c = roundUp(hi - lo + 1);
      i0 = hi + 1 - c;
    }
    let lo0: u64 = 0;
    let hi0: u64 = 0;
    let lo1: u64 = 0;
    let hi1: u64 = 0;
    {
      let pa = a + ((<usize>i0) << 2);
      let pb = brev + ((<usize>(N - 1 - k + i0)) << 2);
      let bPrev = <u64>load<u32>(pb - 4);
      const end = pa + ((<usize>c) << 2);
      while (pa < end) {
        const stop = min<usize>(end, pa + ((<usize>CHUNK) << 2));
        let s0: u64 = 0;
        let s1: u64 = 0;
        do {
          const a0 = <u64>load<u32>(pa);
          const a1 = <u64>load<u32>(pa, 4);
          const b0 = <u64>load<u32>(pb);
          const b1 = <u64>load<u32>(pb, 4);
          s0 += a0 * b0 + a1 * b1;
          s1 += a0 * bPrev + a1 * b0;
          bPrev = b1;
          pa += 8;
          pb += 8;
        } while (pa < stop);
        lo0 += s0 & LIMB_MASK;
        hi0 += s0 >> SHIFT;
        lo1 += s1 & LIMB_MASK;
        hi1 += s1 >> SHIFT;
      }
    }
    if (square) {
      const ah = limb(a, h);
      const d = ah * ah;
      const e = ah * limb(a, h + 1);
      lo0 = (lo0 << 1) + (d & LIMB_MASK);
      hi0 = (hi0 << 1) + (d >> SHIFT);
      lo1 = (lo1 << 1) + ((e & LIMB_MASK) << 1);
      hi1 = (hi1 << 1) + ((e >> SHIFT) << 1);
    }
    // Reduction part: m_i n_(k-i) for i in [0, k - 1] while k < N (column k+1 then still lacks
    // m_k n_1), else for i in [k - N + 1, N - 1].
    const cm = k < N ? roundUp(k) : roundUp(2 * N - 1 - k);
    const j0 = k < N ? k - cm : N - cm;
    {
      let pa = m + ((<usize>j0) << 2);
      let pb = nrev + ((<usize>(N - 1 - k + j0)) << 2);
      let bPrev = <u64>load<u32>(pb - 4);
      const end = pa + ((<usize>cm) << 2);
      while (pa < end) {
        const stop = min<usize>(end, pa + ((<usize>CHUNK) << 2));
        let s0: u64 = 0;
        let s1: u64 = 0;
        do {
          const a0 = <u64>load<u32>(pa);
          const a1 = <u64>load<u32>(pa, 4);
          const b0 = <u64>load<u32>(pb);
          const b1 = <u64>load<u32>(pb, 4);
          s0 += a0 * b0 + a1 * b1;
          s1 += a0 * bPrev + a1 * b0;
          bPrev = b1;
          pa += 8;
          pb += 8;
        } while (pa < stop);
        lo0 += s0 & LIMB_MASK;
        hi0 += s0 >> SHIFT;
        lo1 += s1 & LIMB_MASK;
        hi1 += s1 >> SHIFT;
      }
    }
    if (k < N) {
      let low = lo0 + (carry & LIMB_MASK);
      let high = hi0 + (carry >> SHIFT);
      const mk = (low * inv) & LIMB_MASK;
      setLimb(m, k, mk);
      carry = high + ((low + mk * n0) >> SHIFT);
      const extra = mk * n1;
      low = lo1 + (extra & LIMB_MASK) + (carry & LIMB_MASK);
      high = hi1 + (extra >> SHIFT) + (carry >> SHIFT);
      if (k + 1 < N) {
        const mk1 = (low * inv) & LIMB_MASK;
        setLimb(m, k + 1, mk1);
        carry = high + ((low + mk1 * n0) >> SHIFT);
      } else {
        setOut(out, 0, low & LIMB_MASK, N);
        carry = high + (low >> SHIFT);
      }
    } else {
      let low = lo0 + (carry & LIMB_MASK);
      let high = hi0 + (carry >> SHIFT);
      setOut(out, k - N, low & LIMB_MASK, N);
      carry = high + (low >> SHIFT);
      low = lo1 + (carry & LIMB_MASK);
      high = hi1 + (carry >> SHIFT);
      setOut(out, k + 1 - N, low & LIMB_MASK, N);
      carry = high + (low >> SHIFT);
    }
  }
  clearLimbs(out, N, N + GUARD);
}

// ---- SIMD variant (builds with --enable simd) ------------------------------------------------
//
// The same column-pair algorithm, with the dot products done by i64x2.extmul_{low,high}_i32x4_u
// over the u32 limbs: four products per instruction pair where the scalar loop does
// one i64.mul each (see README: about 1.3x faster per Montgomery operation in V8 on x64). The
// plain build keeps only the scalar path, so the module still loads in engines without SIMD.

/** Rounds a term count up to the SIMD unrolling (4). */
function roundUp4(x: i32): i32 {
  return (x + 3) & ~3;
}

/**
 * montCore with SIMD dot products (only compiled when ASC_FEATURE_SIMD). The column-pair
 * bookkeeping mirrors montCore's line for line: it stays inline in both because a shared helper
 * called per column pair cost 2-4% (measured at 2048 and 4096 bits).
 */
function montCoreSimd(out: usize, a: usize, brev: usize, square: bool): void {
  const N = gN;
  const m = BN_M;
  const n0 = limb(BN_N, 0);
  const n1 = limb(BN_N, 1);
  const inv = gN0inv;
  const mask = i64x2.splat(<i64>LIMB_MASK);
  let carry: u64 = 0;
  for (let k = 0; k < 2 * N; k += 2) {
    const lo = k < N ? 0 : k - N + 1;
    const h = k >> 1;
    let c: i32;
    let i0: i32;
    if (square) {
      c = h > lo ? roundUp4(h - lo) : 0;
      i0 = h - c;
    } else {
      const hi = k + 1 < N ? k + 1 : N - 1;
      c = roundUp4(hi - lo + 1);
      i0 = hi + 1 - c;
    }
    const cm = k < N ? roundUp4(k) : roundUp4(2 * N - 1 - k);
    const j0 = k < N ? k - cm : N - cm;
    // Lane sums of both dot products of both parts, folded every 32 terms (16 products per lane).
    let lo0v = i64x2.splat(0);
    let hi0v = i64x2.splat(0);
    let lo1v = i64x2.splat(0);
    let hi1v = i64x2.splat(0);
    for (let part = 0; part < 2; part++) {
      let pa = part === 0 ? a + ((<usize>i0) << 2) : m + ((<usize>j0) << 2);
      let pb =
        part === 0 ? brev + ((<usize>(N - 1 - k + i0)) << 2) : BN_NREV + ((<usize>(N - 1 - k + j0)) << 2);
      const end = pa + ((<usize>(part === 0 ? c : cm)) << 2);
      while (pa < end) {
        const stop = min<usize>(end, pa + 128);
        let acc0 = i64x2.splat(0);
        let acc1 = i64x2.splat(0);
        do {
          const va = v128.load(pa);
          const vb = v128.load(pb);
          const vp = v128.load(pb - 4);
          acc0 = i64x2.add(
            acc0,
            i64x2.add(i64x2.extmul_low_i32x4_u(va, vb), i64x2.extmul_high_i32x4_u(va, vb)),
          );
          acc1 = i64x2.add(
            acc1,
            i64x2.add(i64x2.extmul_low_i32x4_u(va, vp), i64x2.extmul_high_i32x4_u(va, vp)),
          );
          pa += 16;
          pb += 16;
        } while (pa < stop);
        lo0v = i64x2.add(lo0v, v128.and(acc0, mask));
        hi0v = i64x2.add(hi0v, i64x2.shr_u(acc0, LIMB_BITS));
        lo1v = i64x2.add(lo1v, v128.and(acc1, mask));
        hi1v = i64x2.add(hi1v, i64x2.shr_u(acc1, LIMB_BITS));
      }
      if (part === 0 && square) {
        // Double the off-diagonal sums before the reduction part joins them.
        lo0v = i64x2.shl(lo0v, 1);
        hi0v = i64x2.shl(hi0v, 1);
        lo1v = i64x2.shl(lo1v, 1);
        hi1v = i64x2.shl(hi1v, 1);
      }
    }
    // Lane sums, two columns at once: (lo0, lo1) and (hi0, hi1).
    const lo01 = i64x2.add(i64x2.shuffle(lo0v, lo1v, 0, 2), i64x2.shuffle(lo0v, lo1v, 1, 3));
    const hi01 = i64x2.add(i64x2.shuffle(hi0v, hi1v, 0, 2), i64x2.shuffle(hi0v, hi1v, 1, 3));
    let lo0 = <u64>i64x2.extract_lane(lo01, 0);
    let hi0 = <u64>i64x2.extract_lane(hi01, 0);
    let lo1 = <u64>i64x2.extract_lane(lo01, 1);
    let hi1 = <u64>i64x2.extract_lane(hi01, 1);
    if (square) {
      const ah = limb(a, h);
      const d = ah * ah;
      const e = ah * limb(a, h + 1);
      lo0 += d & LIMB_MASK;
      hi0 += d >> SHIFT;
      lo1 += (e & LIMB_MASK) << 1;
      hi1 += (e >> SHIFT) << 1;
    }
    if (k < N) {
      let low = lo0 + (carry & LIMB_MASK);
      let high = hi0 + (carry >> SHIFT);
      const mk = (low * inv) & LIMB_MASK;
      setLimb(m, k, mk);
      carry = high + ((low + mk * n0) >> SHIFT);
      const extra = mk * n1;
      low = lo1 + (extra & LIMB_MASK) + (carry & LIMB_MASK);
      high = hi1 + (extra >> SHIFT) + (carry >> SHIFT);
      if (k + 1 < N) {
        const mk1 = (low * inv) & LIMB_MASK;
        setLimb(m, k + 1, mk1);
        carry = high + ((low + mk1 * n0) >> SHIFT);
      } else {
        setOut(out, 0, low & LIMB_MASK, N);
        carry = high + (low >> SHIFT);
      }
    } else {
      let low = lo0 + (carry & LIMB_MASK);
      let high = hi0 + (carry >> SHIFT);
      setOut(out, k - N, low & LIMB_MASK, N);
      carry = high + (low >> SHIFT);
      low = lo1 + (carry & LIMB_MASK);
      high = hi1 + (carry >> SHIFT);
      setOut(out, k + 1 - N, low & LIMB_MASK, N);
      carry = high + (low >> SHIFT);
    }
  }
  clearLimbs(out, N, N + GUARD);
}

/** montCore, with SIMD dot products when the module is built with SIMD. */
function montOp(out: usize, a: usize, brev: usize, square: bool): void {
  if (ASC_FEATURE_SIMD) montCoreSimd(out, a, brev, square);
  else montCore(out, a, brev, square);
}

/**
 * Montgomery product out = a * b / R mod n for a, b < 2n, with b given REVERSED
 * (brev_j = b_(N-1-j), see bnReverse). The result is < 2n with normalised limbs; `out` may
 * alias `a`.
 */
export function montMulRev(out: usize, a: usize, brev: usize): void {
  montOp(out, a, brev, false);
}

/**
 * Montgomery product out = a * b / R mod n, for a, b < 2n; the result is < 2n (normalised
 * limbs). `out` may alias `a` or `b`.
 */
export function montMul(out: usize, a: usize, b: usize): void {
  bnReverse(BN_REV, b, gN);
  montOp(out, a, BN_REV, false);
}

/** Montgomery square out = a^2 / R mod n, for a < 2n; the result is < 2n. `out` may alias `a`. */
export function montSqr(out: usize, a: usize): void {
  bnReverse(BN_REV, a, gN);
  montOp(out, a, BN_REV, true);
}

/** x = x^2 / R mod n in place, for x < 2n whose reversal is in BN_REV (as every operation leaves it). */
function montSqrChain(x: usize): void {
  montOp(x, x, BN_REV, true);
}

/** Reduces x < 2n (normalised limbs) to [0, n) in place. */
export function montFinal(x: usize): void {
  // The comparison loop is written out here (not bnCmp), which also keeps this cold helper from
  // being inlined at each of its callers.
  let i = gN - 1;
  while (i > 0 && limb(x, i) === limb(BN_N, i)) i--;
  if (limb(x, i) >= limb(BN_N, i)) bnSubInPlace(x, BN_N, gN);
}

// ---- conversion into the Montgomery domain: long division ---------------------------------------

/**
 * top / d for top < 2^60 and 2^29 <= d < 2^30 (montToDomain's trial quotient, below 2^31), by
 * shift and subtract. The embedded build (ASC_SHRINK_LEVEL > 0) uses it instead of i64.div_u,
 * which wasm2c compiles to libgcc's __aeabi_uldivmod on 32-bit targets (about 0.9 KiB of
 * Cortex-M4 code with __udivmoddi4); it runs once per quotient digit of a key's setup.
 */
function divSmall(top: u64, d: u64): u64 {
  let q: u64 = 0;
  let r: u64 = top >> 31;
  for (let i = 30; i >= 0; i--) {
    r = (r << 1) | ((top >> <u64>i) & 1);
    q <<= 1;
    if (r >= d) {
      r -= d;
      q |= 1;
    }
  }
  return q;
}

/**
 * out = x R mod n for x < n (N limbs), by schoolbook long division in radix 2^LIMB_BITS
 * (Knuth, TAOCP vol. 2, 4.3.1, Algorithm D); about N^2 multiply-subtracts.
 */
export function montToDomain(out: usize, x: usize): void {
  const N = gN;
  const u = BN_DIV_U;
  const v = BN_DIV_V;
  // Significant limbs of n, and the shift that sets the top bit of its top limb (D1).
  let nn = N;
  while (nn > 1 && limb(BN_N, nn - 1) === 0) nn--;
  const sh = <u64>(<i32>clz<u64>(limb(BN_N, nn - 1)) - (64 - LIMB_BITS));
  const rsh = SHIFT - sh;
  let prev: u64 = 0;
  for (let i = 0; i < nn; i++) {
    const w = limb(BN_N, i);
    setLimb(v, i, ((w << sh) | (prev >> rsh)) & LIMB_MASK);
    prev = w;
  }
  // u = (x << sh) * 2^(LIMB_BITS N): limbs [0, N) are zero, then x shifted, then one more limb.
  clearLimbs(u, 0, N);
  prev = 0;
  for (let i = 0; i < N; i++) {
    const w = limb(x, i);
    setLimb(u, N + i, ((w << sh) | (prev >> rsh)) & LIMB_MASK);
    prev = w;
  }
  setLimb(u, 2 * N, prev >> rsh);
  const vTop = limb(v, nn - 1);
  const vNext = nn >= 2 ? limb(v, nn - 2) : 0;
  // D2..D7: one quotient digit per step, from the top.
  for (let j = 2 * N - nn; j >= 0; j--) {
    const top = (limb(u, j + nn) << SHIFT) | limb(u, j + nn - 1);
    let qhat = ASC_SHRINK_LEVEL > 0 ? divSmall(top, vTop) : top / vTop;
    let rhat = top - qhat * vTop;
    const uNext = nn >= 2 ? limb(u, j + nn - 2) : 0;
    while (qhat > LIMB_MASK || qhat * vNext > ((rhat << SHIFT) | uNext)) {
      qhat--;
      rhat += vTop;
      if (rhat > LIMB_MASK) break;
    }
    if (qhat === 0) continue;
    // D4: u[j .. j + nn] -= qhat v: one signed carry chain, two limbs per iteration.
    const uj = u + ((<usize>j) << 2);
    let pu = uj;
    let pv = v;
    const pEnd = v + ((<usize>(nn & ~1)) << 2);
    let c: i64 = 0;
    while (pv < pEnd) {
      const t0 = <i64>load<u32>(pu) - <i64>(qhat * <u64>load<u32>(pv)) + c;
      const p1 = <i64>(qhat * <u64>load<u32>(pv, 4));
      store<u32>(pu, <u32>t0 & <u32>LIMB_MASK);
      const t1 = <i64>load<u32>(pu, 4) - p1 + (t0 >> SHIFT);
      store<u32>(pu, <u32>t1 & <u32>LIMB_MASK, 4);
      c = t1 >> SHIFT;
      pu += 8;
      pv += 8;
    }
    if (nn & 1) {
      const t0 = <i64>load<u32>(pu) - <i64>(qhat * <u64>load<u32>(pv)) + c;
      store<u32>(pu, <u32>t0 & <u32>LIMB_MASK);
      c = t0 >> SHIFT;
    }
    const t = <i64>limb(uj, nn) + c;
    setLimb(uj, nn, <u64>t & LIMB_MASK);
    if (t < 0) {
      // D6: qhat was one too large (rare): add v back.
      let cc: u64 = 0;
      for (let i = 0; i < nn; i++) {
        const s = limb(uj, i) + limb(v, i) + cc;
        setLimb(uj, i, s & LIMB_MASK);
        cc = s >> SHIFT;
      }
      setLimb(uj, nn, (limb(uj, nn) + cc) & LIMB_MASK);
    }
  }
  // D8: the remainder is u[0 .. nn) >> sh.
  for (let i = 0; i < nn; i++) {
    const up = i + 1 < nn ? limb(u, i + 1) : 0;
    setLimb(out, i, ((limb(u, i) >> sh) | (up << rsh)) & LIMB_MASK);
  }
  clearLimbs(out, nn, N + GUARD);
}

// ---- exponentiation -----------------------------------------------------------------------------

/** Bit `i` (0 = least significant) of the big-endian byte string [e, e + eLen). */
function expBit(e: usize, eLen: i32, i: i32): i32 {
  return (<i32>load<u8>(e + <usize>(eLen - 1 - (i >> 3))) >> (i & 7)) & 1;
}

/**
 * out = x^e mod n, fully reduced, for x < n (N limbs) and the exponent e as a big-endian byte
 * string. `out` must differ from `x`.
 *
 * Left-to-right binary exponentiation: for e = 65537 that is 16 squarings and one
 * multiplication, the minimum (a window would only pay off for long exponents, and RSA public
 * exponents are 3 and 65537 in practice; the longest accepted one, 64 bits, costs at most 63 of
 * each). The last multiplication takes x in the normal domain, which also leaves the Montgomery
 * domain: (x^(e-1) R) x / R = x^e.
 *
 * twisted = true skips the entry into the Montgomery domain (the long division): x itself enters
 * the chain, and the result is x^e R^(1-e) mod n instead (each step keeps out = x^t R^(1-t) for
 * the exponent prefix t). Callers compare it against a value scaled by the same constant
 * R^(1-e), computed once per key (crypto/rsa-key-cache.ts).
 *
 * e >= 2 (RSA exponents are odd and >= 3; the test export handles e = 0 and 1).
 */
export function montExp(out: usize, x: usize, e: usize, eLen: i32, twisted: bool = false): void {
  const N = gN;
  const bits = bytesBitLength(e, eLen);
  let base = x;
  if (!twisted) {
    montToDomain(BN_XM, x);
    base = BN_XM;
  }
  bnReverse(BN_XM_REV, base, N);
  bnCopy(BN_REV, BN_XM_REV, N);
  bnCopy(out, base, N);
  for (let i = bits - 2; i >= 0; i--) {
    montSqrChain(out);
    if (expBit(e, eLen, i)) {
      let f = BN_XM_REV;
      if (i === 0 && !twisted) {
        f = BN_X_REV;
        bnReverse(f, x, N);
      }
      montMulRev(out, out, f);
    }
  }
  if (!twisted && !expBit(e, eLen, 0)) montFromDomain(out);
  montFinal(out);
}

/** x = x / R mod n (< 2n): leaves the Montgomery domain (a product with 1; 1 reversed is 0..01). */
export function montFromDomain(x: usize): void {
  clearLimbs(BN_REV, 0, gN + GUARD);
  setLimb(BN_REV, gN - 1, 1);
  montOp(x, x, BN_REV, false);
}

/**
 * out = p + a k B^-h mod n, fully reduced, for p < n and k < n (N limbs each) and a short
 * factor a of h limbs, h even, 2 <= h < N (B = 2^LIMB_BITS): a Montgomery reduction by h limbs
 * only (h quotient digits instead of N), so it costs 2 h N limb products where a full product
 * costs 2 N^2. Computes (p B^h + a k + m n) / B^h < p + 2n < 3n by operand scanning, two rows
 * (two limbs of a, two quotient digits) per pass over the N limbs, then reduces. RSA PKCS#1 v1.5
 * uses it to scale the digest part of the expected encoding.
 */
export function montShortSum(out: usize, p: usize, a: usize, h: i32, k: usize): void {
  const N = gN;
  const x = BN_DIV_U;
  const hi = x + ((<usize>h) << 2);
  clearLimbs(x, 0, h);
  memory.copy(hi, p, (<usize>N) << 2);
  const inv = gN0inv;
  const k0 = limb(k, 0);
  const k1 = limb(k, 1);
  const n0 = limb(BN_N, 0);
  const n1 = limb(BN_N, 1);
  for (let j = 0; j < h; j += 2) {
    const a0 = limb(a, j);
    const a1 = limb(a, j + 1);
    const row = x + ((<usize>j) << 2);
    // Quotient digits m0, m1 make limbs j and j+1 zero (mod 2^64 arithmetic keeps low bits right).
    let t = limb(row, 0) + a0 * k0;
    const m0 = (t * inv) & LIMB_MASK;
    t = limb(row, 1) + a0 * k1 + m0 * n1 + a1 * k0 + ((t + m0 * n0) >> SHIFT);
    const m1 = (t * inv) & LIMB_MASK;
    let c = (t + m1 * n0) >> SHIFT;
    // Limbs j+i, i = 2..N-1: four products each (< 2^62 with the carry and a limb < 2^33).
    let kp = k1;
    let np = n1;
    for (let i = 2; i < N; i++) {
      const ki = limb(k, i);
      const ni = limb(BN_N, i);
      t = limb(row, i) + a0 * ki + m0 * ni + a1 * kp + m1 * np + c;
      setLimb(row, i, t & LIMB_MASK);
      c = t >> SHIFT;
      kp = ki;
      np = ni;
    }
    t = limb(row, N) + a1 * kp + m1 * np + c;
    setLimb(row, N, t & LIMB_MASK);
    // The carry (< 2^32) joins limb j+N+1 (< 2^30, a limb of p): the next pass normalises it;
    // after the last pass it is the top limb of a value < 3n < B^N, hence below B by itself.
    setLimb(row, N + 1, limb(row, N + 1) + (t >> SHIFT));
  }
  memory.copy(out, hi, (<usize>N) << 2);
  clearLimbs(out, N, N + GUARD);
  for (let t = 0; t < 2; t++) montFinal(out);
}
