// ECDSA signature verification on P-256, P-384 and P-521 (FIPS 186-5 section 6.4.2, SEC1 section
// 4.1.4; P-521 keys and parameters RFC 5480 §2.1.1.1)
// and SEC1 public-key decoding (section 2.3.4). The DER parsing of signatures and keys lives in
// the caller; here r and s arrive as big-endian unsigned byte strings and the key as the SEC1
// point from the SPKI BIT STRING.

import { Err } from '../abi.generated';
import { WITH_EC_COMB, WITH_P521 } from '../build-options';
import { ecCombMulAdd } from './ec-comb';
import {
  bytesCompare,
  CURVE_P521,
  ecB,
  ecBits,
  ecBytes,
  ecLimbs,
  ecN,
  ecNBytes,
  ecNR2,
  ecOne,
  ecPBytes,
  ecPMinusNBytes,
  ecRadix,
  ecSelect,
  FE,
  feAdd,
  feEqual,
  feFromMont,
  feIsOdd,
  feLin,
  feMul,
  feSqr,
  feSqrt,
  feSub,
  feToMont,
  feZero,
  limbsFromBytes,
  limbsToBytes,
} from './ec-field';
import { ecKeyAdmit, ecKeyTable } from './ec-key-cache';
import { ecMulAdd } from './ec-mul';
import { PT } from './ec-point';
import { modInverse, scMul, scReduce } from './ec-scalar';

const Q = memory.data(<i32>FE * 2);
const RJ = memory.data(<i32>PT);
const SC_R = memory.data(<i32>FE);
const SC_S = memory.data(<i32>FE);
const SC_E = memory.data(<i32>FE);
const SC_W = memory.data(<i32>FE);
const U1 = memory.data(<i32>FE);
const U2 = memory.data(<i32>FE);
const T0 = memory.data(<i32>FE);
const T1 = memory.data(<i32>FE);

/** Whether [ptr, ptr + len) is a valid range of linear memory (so loads cannot trap). */
function inMemory(ptr: usize, len: i32): bool {
  return len >= 0 && <u64>ptr + <u64>len <= (<u64>memory.size()) << 16;
}

/**
 * Decodes a SEC1 point (0x04 || X || Y, or 0x02 / 0x03 || X) of the selected curve into the
 * affine Montgomery pair at dst (x at dst, y at dst + FE). Rejects the point at infinity (0x00),
 * hybrid forms (0x06 / 0x07), wrong lengths, coordinates >= p and points not on the curve.
 */
function decodePoint(dst: usize, point: usize, len: i32): bool {
  const nb = ecBytes;
  if (len < 1) return false;
  const tag = load<u8>(point);
  if (tag === 4) {
    if (len !== 1 + 2 * nb) return false;
  } else if (tag === 2 || tag === 3) {
    if (len !== 1 + nb) return false;
  } else return false;
  const X = dst;
  const Y = dst + FE;
  if (bytesCompare(point + 1, ecPBytes, nb) >= 0) return false;
  limbsFromBytes(X, point + 1, nb);
  feToMont(X, X);
  // T0 = x^3 - 3x + b
  feSqr(T0, X);
  feLin(T0, T0, 1, ecOne, 3);
  feMul(T0, T0, X);
  feAdd(T0, T0, ecB);
  if (tag === 4) {
    if (bytesCompare(point + 1 + <usize>nb, ecPBytes, nb) >= 0) return false;
    limbsFromBytes(Y, point + 1 + <usize>nb, nb);
    feToMont(Y, Y);
    feSqr(T1, Y);
    return feEqual(T1, T0);
  }
  if (!feSqrt(Y, T0)) return false;
  feFromMont(T1, Y);
  if (feIsOdd(T1) !== ((tag & 1) !== 0)) {
    feZero(T1);
    feSub(Y, T1, Y);
  }
  return true;
}

/**
 * Compares the big-endian integer (src, len) (len <= nb) with the nb-byte constant c: -1, 0, 1.
 */
function compareWith(src: usize, len: i32, c: usize, nb: i32): i32 {
  const pad = nb - len;
  for (let i = 0; i < nb; i++) {
    const a: u32 = i < pad ? 0 : load<u8>(src + <usize>(i - pad));
    const b: u32 = load<u8>(c + <usize>i);
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/**
 * Reads a signature integer (big-endian, leading zeros allowed) into scalar limbs at dst.
 * Returns false unless 1 <= value <= n - 1.
 */
function sigScalar(dst: usize, src: usize, len: i32): bool {
  while (len > 0 && load<u8>(src) === 0) {
    src++;
    len--;
  }
  if (len === 0 || len > ecBytes) return false;
  if (compareWith(src, len, ecNBytes, ecBytes) >= 0) return false;
  limbsFromBytes(dst, src, len);
  return true;
}

/** a >>= k (0 <= k < radix) over the canonical limbs of a. */
function shiftRightSmall(a: usize, k: i32): void {
  if (k === 0) return;
  const radix = ecRadix;
  const mask: i64 = ((<i64>1) << radix) - 1;
  const top = (<usize>ecLimbs - 1) << 3;
  for (let i: usize = 0; i < top; i += 8) {
    const v = (load<i64>(a + i) >> k) | ((load<i64>(a + i + 8) << (radix - k)) & mask);
    store<i64>(a + i, v);
  }
  store<i64>(a + top, load<i64>(a + top) >> k);
}

/**
 * Validates a SEC1-encoded public key of `curve` (1 = P-256, 2 = P-384, 5 = P-521): uncompressed or
 * compressed form, coordinates below p, on the curve, not the point at infinity.
 *
 * Returns Err.OK, Err.BAD_PUBLIC_KEY, Err.UNSUPPORTED_ALGORITHM (unknown curve) or
 * Err.INVALID_ARGUMENT (negative length or a range outside linear memory).
 */
export function ecPointCheck(curve: i32, point: usize, pointLen: i32): i32 {
  if (!ecSelect(curve)) return Err.UNSUPPORTED_ALGORITHM;
  if (!inMemory(point, pointLen)) return Err.INVALID_ARGUMENT;
  return decodePoint(Q, point, pointLen) ? Err.OK : Err.BAD_PUBLIC_KEY;
}

/**
 * Verifies an ECDSA signature (r, s) over a message digest with a SEC1 public key.
 *
 * `curve`: 1 = P-256, 2 = P-384, 5 = P-521 (Err.UNSUPPORTED_ALGORITHM in a build without it). `point`: the SEC1 point (see ecPointCheck). `digest`: the hash of
 * the message, any length; its leftmost field-size bits are used (bits2int), reduced mod n.
 * `r`, `s`: big-endian unsigned integers, leading zeros allowed, each must be in [1, n - 1].
 *
 * Returns Err.OK when the signature is valid, Err.BAD_SIGNATURE when it is not (including r or s
 * out of range), Err.BAD_PUBLIC_KEY for an invalid key, Err.UNSUPPORTED_ALGORITHM for an unknown
 * curve and Err.INVALID_ARGUMENT for a negative length or a range outside linear memory.
 */
export function ecdsaVerify(
  curve: i32,
  point: usize,
  pointLen: i32,
  digest: usize,
  digestLen: i32,
  r: usize,
  rLen: i32,
  s: usize,
  sLen: i32,
): i32 {
  if (!ecSelect(curve)) return Err.UNSUPPORTED_ALGORITHM;
  if (!inMemory(point, pointLen) || !inMemory(digest, digestLen) || !inMemory(r, rLen) || !inMemory(s, sLen))
    return Err.INVALID_ARGUMENT;
  // A cached key (same curve and bytes) decoded as a valid point before: its table replaces Q.
  let table: usize = 0;
  // P-521 has no comb (gen-ec.mjs `rolled`): its keys never enter the table cache.
  const comb = WITH_EC_COMB && curve !== CURVE_P521;
  if (comb) table = ecKeyTable(curve, point, pointLen);
  if (table === 0 && !decodePoint(Q, point, pointLen)) return Err.BAD_PUBLIC_KEY;
  if (!sigScalar(SC_R, r, rLen) || !sigScalar(SC_S, s, sLen)) return Err.BAD_SIGNATURE;
  const nb = ecBytes;
  // e = bits2int(digest) mod n (SEC1 §4.1.4 step 5, FIPS 186-5 §6.4.2 step 4): the leftmost
  // min(8 * digestLen, bits) bits. For P-256 and P-384 bits = 8 nb: the first min(digestLen, nb)
  // bytes. For P-521 a digest of nb = 66 bytes or more keeps its first 66 bytes shifted right by
  // 8 nb - 521 = 7 bits; SHA-512 (64 bytes) is used whole. e < 2^bits < 2n.
  limbsFromBytes(SC_E, digest, digestLen < nb ? digestLen : nb);
  if (WITH_P521 && digestLen >= nb) shiftRightSmall(SC_E, (nb << 3) - ecBits());
  scReduce(SC_E);
  // w = s^-1, u1 = e w, u2 = r w (mod n). s is in [1, n - 1] and n is prime: always invertible.
  if (!modInverse(SC_W, SC_S, ecN)) return Err.BAD_SIGNATURE;
  scMul(U1, SC_E, SC_W, ecNR2);
  scMul(U2, SC_R, SC_W, ecNR2);
  let ok: bool;
  if (comb) {
    if (table === 0) table = ecKeyAdmit(curve, point, pointLen, Q);
    ok = table !== 0 ? ecCombMulAdd(RJ, U1, U2, table) : ecMulAdd(RJ, U1, U2, Q);
  } else {
    ok = ecMulAdd(RJ, U1, U2, Q);
  }
  if (!ok) return Err.BAD_SIGNATURE;
  // Accept iff x(R) mod n = r, i.e. X = r Z^2 or (when r + n < p) X = (r + n) Z^2 (mod p).
  feSqr(T0, RJ + 2 * FE);
  feToMont(T1, SC_R);
  feMul(T1, T1, T0);
  if (feEqual(T1, RJ)) return Err.OK;
  limbsToBytes(T1, SC_R);
  if (bytesCompare(T1, ecPMinusNBytes, nb) >= 0) return Err.BAD_SIGNATURE;
  feAdd(T1, SC_R, ecN);
  feToMont(T1, T1);
  feMul(T1, T1, T0);
  return feEqual(T1, RJ) ? Err.OK : Err.BAD_SIGNATURE;
}
