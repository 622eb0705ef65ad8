// ECDSA internals exported by the test build only (assembly/testing.ts): field, scalar and point
// layers over raw pointers, for the property tests in src/ecdsa/. Pointers are into memory the test
// reserved with ioReserve; elements are limb arrays in the layout described in ec-field.ts.
import { ecCombBuild, ecCombGTable, ecCombMulAdd } from './ec-comb';
import {
  ecB,
  ecCombBytes,
  ecCombCount,
  ecCombDigits,
  ecCombTables,
  ecCombWindow,
  ecGTable,
  ecLimbs,
  ecN,
  ecNR2,
  ecOne,
  ecP,
  ecR2,
  ecRadix,
  ecSelect,
  FE,
  feAdd,
  feCanon,
  feFromMont,
  feIsZero,
  feLin,
  feMul,
  feSqr,
  feSqrt,
  feSub,
  limbsFromBytes,
  limbsToBytes,
} from './ec-field';
import { ecMulAdd } from './ec-mul';
import { PT, ptAdd, ptAddAffine, ptDouble } from './ec-point';
import { modInverse, scMul, scReduce } from './ec-scalar';

/** Selects curve 1 (P-256) or 2 (P-384); returns 1 on success. */
export function ecTestSelect(curve: i32): i32 {
  return ecSelect(curve) ? 1 : 0;
}

/**
 * Layout of the selected curve: 0 limbs, 1 radix, 2 bytes per field slot, 3 bytes per point;
 * comb (ec-comb.ts): 4 bits per digit, 5 digits per sub-table, 6 digits, 7 sub-tables, 8 bytes
 * of a table (without its 8 bytes of padding).
 */
export function ecTestLayout(what: i32): i32 {
  switch (what) {
    case 0:
      return ecLimbs;
    case 1:
      return ecRadix;
    case 2:
      return <i32>FE;
    case 3:
      return <i32>PT;
    case 4:
      return ecCombWindow();
    case 5:
      return ecCombDigits();
    case 6:
      return ecCombCount();
    case 7:
      return ecCombTables();
    default:
      return ecCombBytes();
  }
}

/**
 * Pointer to a constant: 0 p, 1 n, 2 R mod p, 3 R^2 mod p, 4 R^2 mod n, 5 b*R mod p, 6 G table
 * (wNAF), 7 G's comb table.
 */
export function ecTestConst(which: i32): usize {
  switch (which) {
    case 0:
      return ecP;
    case 1:
      return ecN;
    case 2:
      return ecOne;
    case 3:
      return ecR2;
    case 4:
      return ecNR2;
    case 5:
      return ecB;
    case 6:
      return ecGTable;
    default:
      return ecCombGTable();
  }
}

/**
 * Field operation on limb arrays: 0 mul, 1 sqr, 2 add, 3 sub, 4 r = 8a (lin with ka = 8, kb = 0),
 * 5 canon, 6 fromMont, 7 sqrt (returns 1 if a root exists), 8 isZero (returns 1 if zero).
 */
export function ecTestFe(op: i32, r: usize, a: usize, b: usize): i32 {
  switch (op) {
    case 0:
      feMul(r, a, b);
      break;
    case 1:
      feSqr(r, a);
      break;
    case 2:
      feAdd(r, a, b);
      break;
    case 3:
      feSub(r, a, b);
      break;
    case 4:
      feLin(r, a, 8, a, 0);
      break;
    case 5:
      feCanon(r, a);
      break;
    case 6:
      feFromMont(r, a);
      break;
    case 7:
      return feSqrt(r, a) ? 1 : 0;
    case 8:
      return feIsZero(a) ? 1 : 0;
  }
  return 0;
}

/** r = ka a - kb b (feLin: 0 <= ka <= 9, -8 <= kb <= 8). */
export function ecTestLin(r: usize, a: usize, ka: i32, b: usize, kb: i32): void {
  feLin(r, a, ka, b, kb);
}

/**
 * Scalar operation: 0 r = a * b mod n (canonical inputs), 1 r = a^-1 mod m (b = modulus limbs;
 * returns 1 if invertible), 2 reduce a (< 2n) mod n in place.
 */
export function ecTestScalar(op: i32, r: usize, a: usize, b: usize): i32 {
  if (op === 0) scMul(r, a, b, ecNR2);
  else if (op === 1) return modInverse(r, a, b) ? 1 : 0;
  else scReduce(a);
  return 0;
}

/** Big-endian bytes (ecBytes of them at most) to limbs (op 0) or canonical limbs to bytes (op 1). */
export function ecTestBytes(op: i32, dst: usize, src: usize, len: i32): void {
  if (op === 0) limbsFromBytes(dst, src, len);
  else limbsToBytes(dst, src);
}

/**
 * Point operation on Jacobian points: 0 r = 2p, 1 r = p + q (q affine), 2 r = p + q. Returns 1
 * when the result is the point at infinity.
 */
export function ecTestPoint(op: i32, r: usize, p: usize, q: usize): i32 {
  if (op === 0) ptDouble(r, p);
  else if (op === 1) return ptAddAffine(r, p, q) ? 1 : 0;
  else return ptAdd(r, p, q) ? 1 : 0;
  return 0;
}

/** out = u1 G + u2 Q (Jacobian); q affine Montgomery. Returns 1 when the result is infinity. */
export function ecTestMulAdd(out: usize, u1: usize, u2: usize, q: usize): i32 {
  return ecMulAdd(out, u1, u2, q) ? 0 : 1;
}

/**
 * out = u1 G + u2 Q (Jacobian) with the comb tables: Q's table at qTable (see ecTestCombBuild).
 * Returns 1 when the result is infinity.
 */
export function ecTestCombMulAdd(out: usize, u1: usize, u2: usize, qTable: usize): i32 {
  return ecCombMulAdd(out, u1, u2, qTable) ? 0 : 1;
}

/** Builds the comb table of the affine Montgomery point q at dst (ecCombBytes() + 8 bytes). */
export function ecTestCombBuild(dst: usize, q: usize): void {
  ecCombBuild(dst, q);
}
