// Field arithmetic mod p for P-256, P-384 and P-521, dispatching on the curve selected by ecSelect.
//
// Representation (generated code in p256-field.generated.ts / p384-field.generated.ts):
// a field element lives in a slot of FE bytes: signed i64 limbs, value = sum(l[i] * 2^(RADIX*i)).
//   P-256: 9 limbs of 29 bits (R = 2^261)     P-384: 14 limbs of 28 bits (R = 2^392)
//   P-521: 19 limbs of 28 bits (R = 2^532), rolled code only (ec-field-small.ts)
// Values are kept in Montgomery form (x*R mod p) and only "weakly reduced":
//
//   weak(P-256): value in [0, 2^257); limbs 0..7 in (-2^24, 2^29 + 2^27); limb 8 in [0, 2^25)
//   weak(P-384): value in [0, 2^385); limbs 0..12 in (-2^10, 2^28 + 2^22); limb 13 in [0, 2^21)
//   weak(P-521): value in [0, 2^522); limbs 0..17 in [0, 2^28 + 2^7); limb 18 in [0, 2^18)
//                (the fold adds q to limb 0 only: 2^521 = 1 mod p, so no limb goes negative; a
//                column of 19 products stays below 19 * 2^56.01 + 2^45 < 2^61)
//
// Every operation takes weak inputs and returns weak outputs:
//   mul/sqr  Montgomery: out < a*b/R + p < 2^253 + p (P-256); a column is a sum of <= 9 (14)
//            products below 2^58.7 (2^56.1) plus small reduction terms, so it fits an i64.
//            Output limbs are normalised, the top one holds the rest.
//   add/sub  a + b or a - b, plus 4p written with borrowed limbs (each low limb in
//            [2^(RADIX+1), 2^(RADIX+2)), see gen-ec.mjs) so that every column is nonnegative;
//            then one parallel carry step (limb i keeps its low RADIX bits plus the carry out of
//            limb i - 1, a few units), then the bits above 2^256 (q) are folded back with
//            2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p); P-384 folds above 2^384 with
//            2^384 = 2^128 + 2^96 - 2^32 + 1. Everything below the fold is nonnegative and the
//            fold adds q (2^256 - p) > 0, so the value stays nonnegative.
//   lin      ka a - kb b for 0 <= ka <= 9, -8 <= kb <= 8, the same way with the offset scaled by
//            max(kb, 0) + 1: the value is below 54 * 2^256, so q <= 54 and the fold adds at most
//            54 * 2^21 to limb 7 (P-256), 54 * 2^16 to limb 4 (P-384).
//   canon    full reduction to [0, p) with limbs in [0, 2^RADIX): carry chain, fold, carry chain,
//            subtract p once (the value is below 2p after the fold).
// The property tests in src/ecdsa/ec-field.test.ts drive every operation with extreme weak inputs.
//
// The embedded build (ASC_SHRINK_LEVEL > 0) runs the rolled loops of ec-field-small.ts instead of
// the generated code: the same limbs out, 26 KiB less Cortex-M4 code, slower.
//
// Verification handles public data only, so nothing here is constant-time.

import { WITH_P521 } from '../build-options';
import { smallLin, smallMul } from './ec-field-small';
import {
  P256_COMB_BYTES,
  P256_COMB_COUNT,
  P256_COMB_DIGITS,
  P256_COMB_TABLES,
  P256_COMB_WINDOW,
} from './p256-comb.generated';
import {
  P256_BYTES,
  P256_LIMB_CONSTANTS,
  P256_LIMBS,
  P256_N_BYTES,
  P256_N0INV,
  P256_P_BYTES,
  P256_P_MINUS_N_BYTES,
  P256_RADIX,
  P256_SQRT_EXP,
  p256Add,
  p256Lin,
  p256Mul,
  p256Sqr,
  p256Sub,
} from './p256-field.generated';
import { P256_G_TABLE, P256_G_WINDOW } from './p256-table.generated';
import {
  P384_COMB_BYTES,
  P384_COMB_COUNT,
  P384_COMB_DIGITS,
  P384_COMB_TABLES,
  P384_COMB_WINDOW,
} from './p384-comb.generated';
import {
  P384_BYTES,
  P384_LIMB_CONSTANTS,
  P384_LIMBS,
  P384_N_BYTES,
  P384_N0INV,
  P384_P_BYTES,
  P384_P_MINUS_N_BYTES,
  P384_RADIX,
  P384_SQRT_EXP,
  p384Add,
  p384Lin,
  p384Mul,
  p384Sqr,
  p384Sub,
} from './p384-field.generated';
import { P384_G_TABLE, P384_G_WINDOW } from './p384-table.generated';
import {
  P521_BYTES,
  P521_LIMB_CONSTANTS,
  P521_LIMBS,
  P521_N_BYTES,
  P521_N0INV,
  P521_P_BYTES,
  P521_P_MINUS_N_BYTES,
  P521_RADIX,
  P521_SQRT_EXP,
} from './p521-field.generated';
import { P521_G_TABLE, P521_G_WINDOW } from './p521-table.generated';

/** Curve id of P-256 in the ABI (ecdsaVerify, ecPointCheck). */
export const CURVE_P256: i32 = 1;
/** Curve id of P-384 in the ABI. */
export const CURVE_P384: i32 = 2;
/** Curve id of P-521 in the ABI (abi.json Curve.P521). */
export const CURVE_P521: i32 = 5;

/**
 * Bytes of one field-element (or scalar) slot: 19 limbs of 8 bytes with P-521 (p521-field.generated.ts),
 * 14 (P-384) in a build without it.
 */
export const FE: usize = WITH_P521 ? 152 : 112;

/** Bits of p of the selected curve: 256, 384, or 521 (whose 66 bytes hold 7 spare bits). */
export function ecBits(): i32 {
  return WITH_P521 && ecCurve === CURVE_P521 ? 521 : ecBytes << 3;
}

// Parameters of the selected curve (set by ecSelect; read by every operation).
export let ecCurve: i32 = 0;
/** Limbs per element. */
export let ecLimbs: i32 = 0;
/** Bits per limb. */
export let ecRadix: i32 = 0;
/** Bytes of a field element, scalar or coordinate in SEC1 / P1363 encodings. */
export let ecBytes: i32 = 0;
/** p, limbs. */
export let ecP: usize = 0;
/** 2^bits - p, limbs (what a unit above 2^bits folds into). */
export let ecFold: usize = 0;
/** 1 in Montgomery form. */
export let ecOne: usize = 0;
/** R^2 mod p. */
export let ecR2: usize = 0;
/** b in Montgomery form. */
export let ecB: usize = 0;
/** n, limbs. */
export let ecN: usize = 0;
/** R^2 mod n. */
export let ecNR2: usize = 0;
/** -n^-1 mod 2^RADIX. */
export let ecN0Inv: i64 = 0;
/** p, n, p - n and (p+1)/4 as big-endian byte strings of ecBytes bytes. */
export let ecPBytes: usize = 0;
export let ecNBytes: usize = 0;
export let ecPMinusNBytes: usize = 0;
export let ecSqrtExp: usize = 0;
/** Odd multiples of G (affine, Montgomery, u32 limbs) and the wNAF width that indexes them. */
export let ecGTable: usize = 0;
export let ecGWindow: i32 = 0;
/**
 * Fixed-base comb layout of the selected curve (ec-comb.ts, p256-comb.generated.ts), derived from
 * ecCurve: bits per signed digit, digits per sub-table, digits per scalar, sub-tables, and bytes
 * of a table (G's or a key's). Small enough for binaryen to inline.
 */
export function ecCombWindow(): i32 {
  return ecCurve === CURVE_P256 ? P256_COMB_WINDOW : P384_COMB_WINDOW;
}
export function ecCombDigits(): i32 {
  return ecCurve === CURVE_P256 ? P256_COMB_DIGITS : P384_COMB_DIGITS;
}
export function ecCombCount(): i32 {
  return ecCurve === CURVE_P256 ? P256_COMB_COUNT : P384_COMB_COUNT;
}
export function ecCombTables(): i32 {
  return ecCurve === CURVE_P256 ? P256_COMB_TABLES : P384_COMB_TABLES;
}
export function ecCombBytes(): i32 {
  return ecCurve === CURVE_P256 ? P256_COMB_BYTES : P384_COMB_BYTES;
}

/** The selected curve's limb constants widened to i64 (seven slots, see ecSelect). */
const LIMB_CONSTANTS = memory.data(<i32>FE * 7);

/** Selects the curve for the following operations. Returns false for an unknown curve id. */
export function ecSelect(curve: i32): bool {
  if (curve === ecCurve && curve !== 0) return true; // constants already widened
  let constants: usize;
  if (curve === CURVE_P256) {
    ecLimbs = P256_LIMBS;
    ecRadix = P256_RADIX;
    ecBytes = P256_BYTES;
    constants = P256_LIMB_CONSTANTS;
    ecN0Inv = P256_N0INV;
    ecPBytes = P256_P_BYTES;
    ecNBytes = P256_N_BYTES;
    ecPMinusNBytes = P256_P_MINUS_N_BYTES;
    ecSqrtExp = P256_SQRT_EXP;
    ecGTable = P256_G_TABLE;
    ecGWindow = P256_G_WINDOW;
  } else if (curve === CURVE_P384) {
    ecLimbs = P384_LIMBS;
    ecRadix = P384_RADIX;
    ecBytes = P384_BYTES;
    constants = P384_LIMB_CONSTANTS;
    ecN0Inv = P384_N0INV;
    ecPBytes = P384_P_BYTES;
    ecNBytes = P384_N_BYTES;
    ecPMinusNBytes = P384_P_MINUS_N_BYTES;
    ecSqrtExp = P384_SQRT_EXP;
    ecGTable = P384_G_TABLE;
    ecGWindow = P384_G_WINDOW;
  } else if (WITH_P521 && curve === CURVE_P521) {
    // Rolled field code only and no comb: ecdsa.ts never admits a P-521 key to the table cache,
    // and ecCombGTable is never asked for P-521's G (the comb layout functions above are P-256's
    // or P-384's).
    ecLimbs = P521_LIMBS;
    ecRadix = P521_RADIX;
    ecBytes = P521_BYTES;
    constants = P521_LIMB_CONSTANTS;
    ecN0Inv = P521_N0INV;
    ecPBytes = P521_P_BYTES;
    ecNBytes = P521_N_BYTES;
    ecPMinusNBytes = P521_P_MINUS_N_BYTES;
    ecSqrtExp = P521_SQRT_EXP;
    ecGTable = P521_G_TABLE;
    ecGWindow = P521_G_WINDOW;
  } else {
    ecCurve = 0;
    return false;
  }
  // Widen the u32 limb constants (p, 2^bits - p, R, R^2, bR, n, R^2 mod n) into i64 slots.
  const n = <usize>ecLimbs;
  for (let j: usize = 0; j < 7; j++)
    for (let k: usize = 0; k < n; k++)
      store<i64>(LIMB_CONSTANTS + j * FE + (k << 3), <i64>load<u32>(constants + ((j * n + k) << 2)));
  ecP = LIMB_CONSTANTS;
  ecFold = LIMB_CONSTANTS + FE;
  ecOne = LIMB_CONSTANTS + 2 * FE;
  ecR2 = LIMB_CONSTANTS + 3 * FE;
  ecB = LIMB_CONSTANTS + 4 * FE;
  ecN = LIMB_CONSTANTS + 5 * FE;
  ecNR2 = LIMB_CONSTANTS + 6 * FE;
  ecCurve = curve;
  return true;
}

/** r = a * b / R mod p (weak). */
export function feMul(r: usize, a: usize, b: usize): void {
  if (ASC_SHRINK_LEVEL > 0) smallMul(r, a, b);
  else if (ecCurve === CURVE_P256) p256Mul(r, a, b);
  else if (WITH_P521 && ecCurve === CURVE_P521) smallMul(r, a, b);
  else p384Mul(r, a, b);
}

/** r = a^2 / R mod p (weak). */
export function feSqr(r: usize, a: usize): void {
  if (ASC_SHRINK_LEVEL > 0) smallMul(r, a, a);
  else if (ecCurve === CURVE_P256) p256Sqr(r, a);
  else if (WITH_P521 && ecCurve === CURVE_P521) smallMul(r, a, a);
  else p384Sqr(r, a);
}

/** r = a + b (weak). */
export function feAdd(r: usize, a: usize, b: usize): void {
  if (ASC_SHRINK_LEVEL > 0) smallLin(r, a, 1, b, -1, 1);
  else if (ecCurve === CURVE_P256) p256Add(r, a, b);
  else if (WITH_P521 && ecCurve === CURVE_P521) smallLin(r, a, 1, b, -1, 1);
  else p384Add(r, a, b);
}

/** r = a - b mod p (weak). */
export function feSub(r: usize, a: usize, b: usize): void {
  if (ASC_SHRINK_LEVEL > 0) smallLin(r, a, 1, b, 1, 1);
  else if (ecCurve === CURVE_P256) p256Sub(r, a, b);
  else if (WITH_P521 && ecCurve === CURVE_P521) smallLin(r, a, 1, b, 1, 1);
  else p384Sub(r, a, b);
}

/** r = ka a - kb b mod p for 0 <= ka <= 9, -8 <= kb <= 8 (weak). */
export function feLin(r: usize, a: usize, ka: i64, b: usize, kb: i64): void {
  if (ASC_SHRINK_LEVEL > 0) smallLin(r, a, ka, b, kb, (kb > 0 ? kb : 0) + 1);
  else if (ecCurve === CURVE_P256) p256Lin(r, a, ka, b, kb);
  else if (WITH_P521 && ecCurve === CURVE_P521) smallLin(r, a, ka, b, kb, (kb > 0 ? kb : 0) + 1);
  else p384Lin(r, a, ka, b, kb);
}

const CANON_T = memory.data(<i32>FE);

/** Carry chain over the limbs of a into r: limbs 0..n-2 in [0, 2^RADIX), the top one the rest. */
export function carryChain(r: usize, a: usize): void {
  const radix = ecRadix;
  const mask: i64 = ((<i64>1) << radix) - 1;
  const top = (<usize>ecLimbs - 1) << 3;
  let c: i64 = 0;
  for (let i: usize = 0; i < top; i += 8) {
    const t = load<i64>(a + i) + c;
    store<i64>(r + i, t & mask);
    c = t >> radix;
  }
  store<i64>(r + top, load<i64>(a + top) + c);
}

/** r = r - m when r >= m (r, m: normalised limbs, r < 2m). */
export function subtractIfAbove(r: usize, m: usize): void {
  const radix = ecRadix;
  const mask: i64 = ((<i64>1) << radix) - 1;
  const top = (<usize>ecLimbs - 1) << 3;
  let c: i64 = 0;
  for (let i: usize = 0; i < top; i += 8) {
    const t = load<i64>(r + i) - load<i64>(m + i) + c;
    store<i64>(CANON_T + i, t & mask);
    c = t >> radix;
  }
  const last = load<i64>(r + top) - load<i64>(m + top) + c;
  if (last >= 0) {
    store<i64>(CANON_T + top, last);
    memory.copy(r, CANON_T, top + 8);
  }
}

/**
 * r = a mod p, canonical (value < p, limbs in [0, 2^RADIX)); a weak. Carry chain, fold the bit
 * above 2^bits (q <= 1 for a weak value) back in as q (2^bits - p), carry chain (now below 2p),
 * then subtract p when that does not go negative. Not on the hot path (zero tests and the final
 * comparison), so a loop rather than generated code.
 */
export function feCanon(r: usize, a: usize): void {
  const radix = ecRadix;
  const top = (<usize>ecLimbs - 1) << 3;
  const topShift = ecBits() - radix * (ecLimbs - 1);
  carryChain(r, a);
  const hi = load<i64>(r + top);
  const q = hi >> topShift;
  store<i64>(r + top, hi & (((<i64>1) << topShift) - 1));
  for (let i: usize = 0; i <= top; i += 8) store<i64>(r + i, load<i64>(r + i) + q * load<i64>(ecFold + i));
  carryChain(r, r);
  subtractIfAbove(r, ecP);
}

/** r = a (limb copy). */
export function feCopy(r: usize, a: usize): void {
  memory.copy(r, a, (<usize>ecLimbs) << 3);
}

/** r = 0. */
export function feZero(r: usize): void {
  memory.fill(r, 0, (<usize>ecLimbs) << 3);
}

const CANON_A = memory.data(<i32>FE);
const CANON_B = memory.data(<i32>FE);

/** Whether a = 0 (mod p). */
export function feIsZero(a: usize): bool {
  // A weak value is below 3p, so it is 0 mod p only if it is 0, p or 2p, which are 0, -1 and -2
  // mod 2^RADIX (p = -1 mod 2^RADIX); the low limb gives the value mod 2^RADIX whatever the other
  // limbs hold. This settles almost every call without the full reduction.
  const mask: i64 = ((<i64>1) << ecRadix) - 1;
  const low = load<i64>(a) & mask;
  if (low !== 0 && low !== mask && low !== mask - 1) return false;
  feCanon(CANON_A, a);
  for (let i: usize = 0, n = (<usize>ecLimbs) << 3; i < n; i += 8)
    if (load<i64>(CANON_A + i) !== 0) return false;
  return true;
}

/** Whether a = b (mod p). */
export function feEqual(a: usize, b: usize): bool {
  feCanon(CANON_A, a);
  feCanon(CANON_B, b);
  return memory.compare(CANON_A, CANON_B, (<usize>ecLimbs) << 3) === 0;
}

/** Whether the canonical a is odd (the SEC1 parity of a coordinate); a must be canonical and plain. */
export function feIsOdd(a: usize): bool {
  return (load<i64>(a) & 1) !== 0;
}

/**
 * Reads a big-endian unsigned integer of `len` bytes (at most ecBytes + 1 so it fits the limbs)
 * into plain limbs r (no reduction, no range check).
 */
export function limbsFromBytes(r: usize, src: usize, len: i32): void {
  const radix = ecRadix;
  const mask: u64 = ((<u64>1) << radix) - 1;
  let acc: u64 = 0;
  let bits = 0;
  let k: usize = 0;
  const end = (<usize>ecLimbs) << 3;
  for (let i = len - 1; i >= 0; i--) {
    acc |= (<u64>load<u8>(src + <usize>i)) << bits;
    bits += 8;
    if (bits >= radix) {
      if (k < end) store<i64>(r + k, <i64>(acc & mask));
      k += 8;
      acc >>= radix;
      bits -= radix;
    }
  }
  for (; k < end; k += 8) {
    store<i64>(r + k, <i64>acc);
    acc = 0;
  }
}

/** Writes canonical plain limbs a as ecBytes big-endian bytes at dst. */
export function limbsToBytes(dst: usize, a: usize): void {
  const radix = ecRadix;
  let acc: u64 = 0;
  let bits = 0;
  let k: usize = 0;
  for (let i = ecBytes - 1; i >= 0; i--) {
    if (bits < 8) {
      acc |= (<u64>load<i64>(a + k)) << bits;
      k += 8;
      bits += radix;
    }
    store<u8>(dst + <usize>i, <u8>acc);
    acc >>= 8;
    bits -= 8;
  }
}

/**
 * Reads a packed coordinate (ecBytes little-endian bytes, the layout of the G tables and of the
 * per-key tables) into limbs at dst: limb k is bits [k RADIX, (k+1) RADIX) of one 8-byte read
 * (the top limb keeps only the bits below the field size), so up to 7 bytes past the coordinate
 * are read; every table ends with 8 bytes of padding.
 */
export function feLoadPacked(dst: usize, src: usize): void {
  const n = ecLimbs;
  const radix = ecRadix;
  const mask: u64 = ((<u64>1) << radix) - 1;
  const topMask: u64 = ((<u64>1) << ((ecBytes << 3) - radix * (n - 1))) - 1;
  for (let k = 0; k < n; k++) {
    const bit = k * radix;
    const word = load<u64>(src + <usize>(bit >> 3)) >> <u64>(bit & 7);
    store<i64>(dst + ((<usize>k) << 3), <i64>(word & (k === n - 1 ? topMask : mask)));
  }
}

/** Writes canonical limbs a as ecBytes little-endian bytes at dst (the packed table layout). */
export function feStorePacked(dst: usize, a: usize): void {
  const radix = ecRadix;
  let acc: u64 = 0;
  let bits = 0;
  let k: usize = 0;
  for (let i = 0; i < ecBytes; i++) {
    if (bits < 8) {
      acc |= (<u64>load<i64>(a + k)) << bits;
      k += 8;
      bits += radix;
    }
    store<u8>(dst + <usize>i, <u8>acc);
    acc >>= 8;
    bits -= 8;
  }
}

/**
 * Compares big-endian byte strings a and b of equal length `len`: -1, 0 or 1.
 */
export function bytesCompare(a: usize, b: usize, len: i32): i32 {
  for (let i = 0; i < len; i++) {
    const x = load<u8>(a + <usize>i);
    const y = load<u8>(b + <usize>i);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const PLAIN_ONE = memory.data(<i32>FE);

/** r = a converted to Montgomery form (a plain, weak or canonical). */
export function feToMont(r: usize, a: usize): void {
  feMul(r, a, ecR2);
}

/** r = a converted out of Montgomery form, canonical. */
export function feFromMont(r: usize, a: usize): void {
  feZero(PLAIN_ONE);
  store<i64>(PLAIN_ONE, 1);
  feMul(r, a, PLAIN_ONE);
  feCanon(r, r);
}

/**
 * r = a^e (Montgomery form), e a big-endian byte string of `len` bytes, by square-and-multiply.
 * Used for square roots only (decompressing points; about 40 multiplications more than 4-bit
 * windows would take), so it favours size. r must not alias a.
 */
export function fePow(r: usize, a: usize, e: usize, len: i32): void {
  feCopy(r, ecOne);
  for (let i = 0; i < len; i++) {
    const byte = <i32>load<u8>(e + <usize>i);
    for (let bit = 7; bit >= 0; bit--) {
      feSqr(r, r);
      if ((byte >> bit) & 1) feMul(r, r, a);
    }
  }
}

const SQRT_T = memory.data(<i32>FE);

/**
 * r = a square root of a (Montgomery form) when one exists: r = a^((p+1)/4), valid because
 * p = 3 mod 4 for both curves. Returns whether r^2 = a. r must not alias a.
 */
export function feSqrt(r: usize, a: usize): bool {
  fePow(r, a, ecSqrtExp, ecBytes);
  feSqr(SQRT_T, r);
  return feEqual(SQRT_T, a);
}
