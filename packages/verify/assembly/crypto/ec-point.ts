// Jacobian point arithmetic on y^2 = x^3 - 3x + b (P-256, P-384): (X, Y, Z) stands for the affine
// point (X/Z^2, Y/Z^3). A point occupies PT bytes: X at +0, Y at +FE, Z at +2*FE, all in
// Montgomery form and weakly reduced (see ec-field.ts). The point at infinity is never stored:
// callers track it with a flag, and the additions report when their result is infinity.
// Formulas: "dbl-2001-b" (a = -3, rearranged below), "madd-2004-hmv" (8M + 3S) and
// "add-1998-cmo-2" (12M + 4S) from the Explicit-Formulas Database
// (hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-3),
// with the special cases P == Q (doubling) and P == -Q (infinity) handled explicitly.
import { FE, feAdd, feCopy, feIsZero, feLin, feMul, feSqr, feSub } from './ec-field';

/** Bytes of one Jacobian point. */
export const PT: usize = 3 * FE;

const T0 = memory.data(<i32>FE);
const T1 = memory.data(<i32>FE);
const T2 = memory.data(<i32>FE);
const T3 = memory.data(<i32>FE);
const T4 = memory.data(<i32>FE);
const T5 = memory.data(<i32>FE);
const T6 = memory.data(<i32>FE);

/**
 * r = 2p. r may alias p. p must not be infinity (prime-order curves have no point with Y = 0).
 * dbl-2001-b rearranged to need fewer linear operations (4M + 4S + 6 linear): with
 * a = (X - delta)(X + delta) (so alpha = 3a): X3 = 9a^2 - 8 beta, Z3 = 2 Y Z,
 * Y3 = 3a (4 beta - X3) - 8 gamma^2.
 */
export function ptDouble(r: usize, p: usize): void {
  const X = p;
  const Y = p + FE;
  const Z = p + 2 * FE;
  feSqr(T0, Z); // delta = Z^2
  feSqr(T1, Y); // gamma = Y^2
  feMul(T2, X, T1); // beta = X gamma
  feSub(T3, X, T0);
  feAdd(T4, X, T0);
  feMul(T3, T3, T4); // a = (X - delta)(X + delta)
  feMul(T4, Y, Z);
  feAdd(r + 2 * FE, T4, T4); // Z3 = 2 Y Z
  feSqr(T4, T3);
  feLin(r, T4, 9, T2, 8); // X3 = 9 a^2 - 8 beta
  feLin(T2, T2, 4, r, 1); // 4 beta - X3
  feMul(T2, T3, T2);
  feSqr(T1, T1);
  feLin(r + FE, T2, 3, T1, 8); // Y3 = 3 a (4 beta - X3) - 8 gamma^2
}

/**
 * r = p + q with q affine (x at q, y at q + FE; Z = 1). r may alias p, not q.
 * Returns true when the result is the point at infinity (q = -p); r is then unspecified.
 */
export function ptAddAffine(r: usize, p: usize, q: usize): bool {
  const X1 = p;
  const Y1 = p + FE;
  const Z1 = p + 2 * FE;
  feSqr(T0, Z1); // Z1^2
  feMul(T1, q, T0); // U2 = x2 Z1^2
  feMul(T2, Z1, T0);
  feMul(T2, q + FE, T2); // S2 = y2 Z1^3
  feSub(T1, T1, X1); // H = U2 - X1
  feSub(T2, T2, Y1); // rr = S2 - Y1
  if (feIsZero(T1)) {
    if (feIsZero(T2)) {
      ptDouble(r, p);
      return false;
    }
    return true;
  }
  feSqr(T3, T1); // HH
  feMul(T4, T1, T3); // HHH
  feMul(T3, X1, T3); // V = X1 HH
  feMul(r + 2 * FE, Z1, T1); // Z3 = Z1 H
  feSqr(T5, T2);
  feSub(T5, T5, T4);
  feLin(T5, T5, 1, T3, 2); // X3 = rr^2 - HHH - 2V
  feSub(T3, T3, T5);
  feMul(T3, T2, T3);
  feMul(T4, Y1, T4);
  feSub(r + FE, T3, T4); // Y3 = rr (V - X3) - Y1 HHH
  feCopy(r, T5);
  return false;
}

/**
 * r = p + q, both Jacobian. r may alias p, not q. Returns true when the result is the point at
 * infinity (q = -p); r is then unspecified.
 */
export function ptAdd(r: usize, p: usize, q: usize): bool {
  const X1 = p;
  const Y1 = p + FE;
  const Z1 = p + 2 * FE;
  const X2 = q;
  const Y2 = q + FE;
  const Z2 = q + 2 * FE;
  feSqr(T0, Z2);
  feMul(T1, X1, T0); // U1 = X1 Z2^2
  feMul(T0, Z2, T0);
  feMul(T0, Y1, T0); // S1 = Y1 Z2^3
  feSqr(T2, Z1);
  feMul(T3, X2, T2); // U2 = X2 Z1^2
  feMul(T2, Z1, T2);
  feMul(T2, Y2, T2); // S2 = Y2 Z1^3
  feSub(T3, T3, T1); // H = U2 - U1
  feSub(T2, T2, T0); // rr = S2 - S1
  if (feIsZero(T3)) {
    if (feIsZero(T2)) {
      ptDouble(r, p);
      return false;
    }
    return true;
  }
  feSqr(T4, T3); // HH
  feMul(T5, T3, T4); // HHH
  feMul(T4, T1, T4); // V = U1 HH
  feMul(T6, Z1, Z2);
  feMul(r + 2 * FE, T6, T3); // Z3 = Z1 Z2 H
  feSqr(T6, T2);
  feSub(T6, T6, T5);
  feLin(T6, T6, 1, T4, 2); // X3 = rr^2 - HHH - 2V
  feSub(T4, T4, T6);
  feMul(T4, T2, T4);
  feMul(T5, T0, T5);
  feSub(r + FE, T4, T5); // Y3 = rr (V - X3) - S1 HHH
  feCopy(r, T6);
  return false;
}
