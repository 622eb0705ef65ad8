// Points of edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19)) for Ed25519 verification.
//
// Coordinates (Hisil, Wong, Carter, Dawson, "Twisted Edwards curves revisited", 2008), each field
// element 40 bytes (ed25519-field.ts), laid out consecutively in linear memory:
//   P2     (X, Y, Z)             x = X/Z, y = Y/Z                                  120 bytes
//   P3     (X, Y, Z, T)          extended: P2 plus T = XY/Z                        160 bytes
//   P1P1   (X, Y, Z, T)          "completed": x = X/Z, y = Y/T (result of add/dbl) 160 bytes
//   CACHED (Y+X, Y-X, Z, 2dT)    a P3 prepared as the second operand of an addition 160 bytes
//   PRE    (y+x, y-x, 2dxy)      an affine CACHED (Z = 1), as in the base-point table 120 bytes
// Formulas: dbl-2008-hwcd and add-2008-hwcd-3 / madd-2008-hwcd-3 for a = -1, k = 2d (EFD).
// The comments give the bound of each mul/sq input in carried elements ("2C" = a sum of two); the
// field code accepts up to 4C.
import {
  FE_SIZE,
  feAdd,
  feCopy,
  feEqual,
  feFromBytes,
  feInvert,
  feIsNegative,
  feIsZero,
  feMul,
  feNeg,
  fePow22523,
  feSetInt,
  feSq,
  feSub,
  feToBytes,
} from './ed25519-field';
import { ED_D, ED_D2, ED_SQRTM1 } from './ed25519-table.generated';

export const P3_SIZE: usize = 4 * FE_SIZE;
export const PRE_SIZE: usize = 3 * FE_SIZE;

// Field element offsets inside a point.
const X: usize = 0;
const Y: usize = FE_SIZE;
const Z: usize = 2 * FE_SIZE;
const T: usize = 3 * FE_SIZE;

// Temporaries (never passed in by callers).
const TA: usize = memory.data(40, 8);
const TB: usize = memory.data(40, 8);
const TC: usize = memory.data(40, 8);
const TD: usize = memory.data(40, 8);
const TE: usize = memory.data(40, 8);

/** r = the neutral element (0, 1) as P2 (or the first three coordinates of a P3). */
export function p2Identity(r: usize): void {
  feSetInt(r + X, 0);
  feSetInt(r + Y, 1);
  feSetInt(r + Z, 1);
}

/** r (P2) = p (P1P1): 3M. r and p must not overlap. */
export function p1p1ToP2(r: usize, p: usize): void {
  feMul(r + X, p + X, p + T); // 3C x 4C (see the producers below)
  feMul(r + Y, p + Y, p + Z);
  feMul(r + Z, p + Z, p + T);
}

/** r (P3) = p (P1P1): 4M. r and p must not overlap. */
export function p1p1ToP3(r: usize, p: usize): void {
  feMul(r + X, p + X, p + T);
  feMul(r + Y, p + Y, p + Z);
  feMul(r + Z, p + Z, p + T);
  feMul(r + T, p + X, p + Y);
}

/** r (CACHED) = p (P3): 1M. r and p must not overlap. */
export function p3ToCached(r: usize, p: usize): void {
  feAdd(r, p + Y, p + X); // 2C
  feSub(r + Y, p + Y, p + X); // 2C
  feCopy(r + Z, p + Z);
  feMul(r + T, p + T, ED_D2);
}

/** r (P3) = -p (P3), in place allowed. */
export function p3Neg(r: usize, p: usize): void {
  feNeg(r + X, p + X);
  feCopy(r + Y, p + Y);
  feCopy(r + Z, p + Z);
  feNeg(r + T, p + T);
}

/**
 * r (P1P1) = 2p, p given as P2 (a P3 works too): dbl-2008-hwcd with a = -1, 4S.
 * A = X^2, B = Y^2, C = 2Z^2, E = (X+Y)^2 - A - B, G = B - A, F = G - C, H = -A - B;
 * completed result (X, Y, Z, T) = (E, H, G, F), so that X3 = EF, Y3 = GH, Z3 = FG, T3 = EH.
 * r and p must not overlap.
 */
export function p2Dbl(r: usize, p: usize): void {
  feSq(TA, p + X); // A
  feSq(TB, p + Y); // B
  feSq(TC, p + Z);
  feAdd(TC, TC, TC); // C = 2Z^2: 2C
  feAdd(TD, p + X, p + Y); // 2C
  feSq(TD, TD); // (X+Y)^2
  feAdd(r + Y, TA, TB); // A + B: 2C
  feSub(r + X, TD, r + Y); // E: 3C
  feNeg(r + Y, r + Y); // H = -(A + B): 2C
  feSub(r + Z, TB, TA); // G: 2C
  feSub(r + T, r + Z, TC); // F = G - C: 4C
}

/**
 * r (P1P1) = p (P3) + q, or p - q when `negate`; q is CACHED (qz != 0: q + 2*FE_SIZE holds Z) or
 * PRE (affine, Z = 1, 2dxy at q + 2*FE_SIZE). add-2008-hwcd-3 / madd-2008-hwcd-3 with k = 2d:
 * A = (Y1-X1)(Y2-X2), B = (Y1+X1)(Y2+X2), C = T1 2d T2, D = 2 Z1 Z2, E = B - A, F = D - C, G = D + C,
 * H = B + A; result (E, H, G, F). Negating q swaps Y2+X2 with Y2-X2 and negates 2dT2, so F and G swap.
 * r and p must not overlap.
 */
function addInto(r: usize, p: usize, qYpX: usize, qYmX: usize, qT2d: usize, qZ: usize, negate: bool): void {
  feSub(TA, p + Y, p + X); // 2C
  feMul(TA, TA, negate ? qYpX : qYmX); // A (q coordinates: at most 2C)
  feAdd(TB, p + Y, p + X); // 2C
  feMul(TB, TB, negate ? qYmX : qYpX); // B
  feMul(TC, p + T, qT2d); // C
  if (qZ !== 0) {
    feMul(TD, p + Z, qZ);
    feAdd(TD, TD, TD); // D = 2 Z1 Z2: 2C
  } else {
    feAdd(TD, p + Z, p + Z); // D = 2 Z1: 2C
  }
  feSub(r + X, TB, TA); // E: 2C
  feAdd(r + Y, TB, TA); // H: 2C
  if (negate) {
    feSub(r + Z, TD, TC); // G: 3C
    feAdd(r + T, TD, TC); // F: 3C
  } else {
    feAdd(r + Z, TD, TC);
    feSub(r + T, TD, TC);
  }
}

/** r (P1P1) = p (P3) +- q (CACHED). */
export function addCached(r: usize, p: usize, q: usize, negate: bool): void {
  addInto(r, p, q, q + Y, q + T, q + Z, negate);
}

/** r (P1P1) = p (P3) +- q (PRE, affine). */
export function addPre(r: usize, p: usize, q: usize, negate: bool): void {
  addInto(r, p, q, q + Y, q + Z, 0, negate);
}

/**
 * Decodes a 32-byte point encoding at s into r (P3), RFC 8032 §5.1.3. Returns false when the
 * encoding is non-canonical (y >= p), when x^2 = (y^2 - 1)/(d y^2 + 1) has no square root, or when
 * x = 0 with the sign bit set ("-0"): the strict decoding §5.1.7 asks for.
 */
export function pointDecode(r: usize, s: usize): bool {
  // y < p? The only 255-bit values >= p are 2^255 - 19 .. 2^255 - 1: bytes ed..ff ff..ff 7f/ff.
  if (load<u8>(s) >= 0xed && (load<u8>(s, 31) & 0x7f) === 0x7f) {
    let allOnes = true;
    for (let i: usize = 1; i < 31; i++) allOnes = allOnes && load<u8>(s + i) === 0xff;
    if (allOnes) return false;
  }
  const sign = <i32>(load<u8>(s, 31) >> 7);
  feFromBytes(r + Y, s);
  feSetInt(r + Z, 1);
  // u = y^2 - 1, v = d y^2 + 1
  feSq(TA, r + Y);
  feMul(TB, TA, ED_D);
  feSub(TA, TA, r + Z); // u: 2C
  feAdd(TB, TB, r + Z); // v: 2C
  // x = u v^3 (u v^7)^((p-5)/8)
  feSq(TC, TB);
  feMul(TC, TC, TB); // v^3
  feSq(TD, TC);
  feMul(TD, TD, TB); // v^7
  feMul(TD, TD, TA); // u v^7
  fePow22523(TD, TD);
  feMul(TD, TD, TC);
  feMul(r + X, TD, TA); // x candidate
  // check v x^2 against u and -u
  feSq(TE, r + X);
  feMul(TE, TE, TB);
  if (!feEqual(TE, TA)) {
    feNeg(TA, TA);
    if (!feEqual(TE, TA)) return false;
    feMul(r + X, r + X, ED_SQRTM1);
  }
  if (feIsZero(r + X)) {
    if (sign === 1) return false;
  } else if (feIsNegative(r + X) !== sign) {
    feNeg(r + X, r + X);
  }
  feMul(r + T, r + X, r + Y);
  return true;
}

/** Writes the 32-byte encoding of p (P2 or P3) at s: y with the sign of x in bit 255. */
export function pointEncode(s: usize, p: usize): void {
  feInvert(TA, p + Z);
  feMul(TB, p + X, TA);
  feMul(TC, p + Y, TA);
  feToBytes(s, TC);
  store<u8>(s, load<u8>(s, 31) | <u8>(feIsNegative(TB) << 7), 31);
}

/** True when p (P2 or P3, any coordinates) is the neutral element: X = 0 and Y = Z. */
export function pointIsIdentity(p: usize): bool {
  return feIsZero(p + X) && feEqual(p + Y, p + Z);
}
