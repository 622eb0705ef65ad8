// Fixed-base comb multiplication for keys that repeat: R = u1 G + u2 Q with a precomputed table
// for G (built here at the first use of each curve: ecCombGTable) and one for Q (built here
// once per key, kept by ec-key-cache.ts), so the shared chain of doublings shrinks from the
// scalar size (256 / 384 doublings in ec-mul.ts) to (s - 1) w.
//
// Method: the windowed fixed-base method with several tables (Hankerson, Menezes, Vanstone,
// "Guide to Elliptic Curve Cryptography", 2004, section 3.3.2, algorithms 3.41-3.44; the comb of
// Lim and Lee, CRYPTO '94, is the same trade-off with the bits of a window spread out). A scalar
// k < 2^bits is recoded into `count` signed digits d_m of w bits, d_m in [-(2^(w-1) - 1), 2^(w-1)]
// (k = sum d_m 2^(w m)). With m = i s + j (sub-table i, column j < s):
//   k P = sum_j 2^(w j) sum_i d_(i s + j) (2^(w s i) P),
// evaluated by Horner over the columns j = s - 1 .. 0: w doublings between columns and one mixed
// addition of a table entry |d| 2^(w s i) P (negated when d < 0) per nonzero digit. Both scalars
// share the doublings. Cost per verification (P-256 / P-384): 60 / 95 doublings and about 100 /
// 150 mixed additions, against 256 / 384 doublings and about 80 / 120 additions in ec-mul.ts.
//
// A table is `tables` sub-tables of 2^(w-1) affine points (x, y in Montgomery form, canonical,
// packed as ecBytes little-endian bytes each: feLoadPacked / feStorePacked) followed by 8 bytes
// of padding: ecCombBytes() + 8 bytes (P-256: 4,104, P-384: 6,152).
//
// Public data only (verification): nothing here is constant-time.

import { CURVE_P256 } from '../abi.generated';
import {
  ecBytes,
  ecCombCount,
  ecCombDigits,
  ecCombTables,
  ecCombWindow,
  ecCurve,
  ecGTable,
  ecOne,
  ecP,
  ecR2,
  FE,
  feCanon,
  feCopy,
  feLoadPacked,
  feMul,
  feSqr,
  feStorePacked,
  feSub,
  feZero,
} from './ec-field';
import { bitsAt, scalarToWords } from './ec-mul';
import { PT, ptAdd, ptAddAffine, ptDouble } from './ec-point';
import { modInverse } from './ec-scalar';
import { P256_COMB_BYTES } from './p256-comb.generated';
import { P384_COMB_BYTES } from './p384-comb.generated';

/** Most digits of a scalar (P-384, w = 5: 77), rounded up. */
const MAX_DIGITS: i32 = 80;
/** Most points of one sub-table (w = 5). */
const MAX_HALF: i32 = 16;

// Scratch in static memory, each reserved by the one function that returns it, so that a build
// that never runs the comb (WITH_EC_COMB false, build-options.ts) lays out none of it: a module-level
// memory.data would be reserved in every build that imports this file.

function dig1(): usize {
  return memory.data(MAX_DIGITS);
}
function dig2(): usize {
  return memory.data(MAX_DIGITS);
}
/** An entry loaded from a table (affine x, y). */
function entry(): usize {
  return memory.data(<i32>FE * 2);
}
// Table construction: the sub-table's points in Jacobian form, the running products of their Z,
// the base point of the sub-table, and the inverse being peeled off.
function jac(): usize {
  return memory.data(<i32>PT * MAX_HALF);
}
function zprod(): usize {
  return memory.data(<i32>FE * MAX_HALF);
}
function basePoint(): usize {
  return memory.data(<i32>PT);
}
function inv(): usize {
  return memory.data(<i32>FE);
}
function zinv(): usize {
  return memory.data(<i32>FE);
}
function zinv2(): usize {
  return memory.data(<i32>FE);
}
function aff(): usize {
  return memory.data(<i32>FE);
}

/**
 * Writes the `count` signed w-bit digits of the scalar s (canonical limbs) to dst (i8 each):
 * digit m takes bits [w m, w m + w) plus the carry of digit m - 1 and becomes negative (carry 1)
 * above 2^(w-1). The top digit's chunk is short enough that no carry is left (gen-ec.mjs).
 */
function recode(dst: usize, s: usize): void {
  scalarToWords(s);
  const w = ecCombWindow();
  const half = 1 << (w - 1);
  let carry = 0;
  for (let m = 0; m < ecCombCount(); m++) {
    let d = bitsAt(m * w, w) + carry;
    carry = d > half ? 1 : 0;
    d -= carry << w;
    store<i8>(dst + <usize>m, <i8>d);
  }
}

/**
 * Adds digit d of sub-table `sub` (a pointer into a table) to the Jacobian accumulator `acc`;
 * `inf` says whether acc is the point at infinity. Returns the new infinity flag.
 */
function addDigit(acc: usize, inf: bool, sub: usize, d: i32): bool {
  if (d === 0) return inf;
  const nb = <usize>ecBytes;
  const at = sub + <usize>((d < 0 ? -d : d) - 1) * 2 * nb;
  feLoadPacked(entry(), at);
  feLoadPacked(entry() + FE, at + nb);
  if (d < 0) {
    feZero(aff());
    feSub(entry() + FE, aff(), entry() + FE);
  }
  if (inf) {
    feCopy(acc, entry());
    feCopy(acc + FE, entry() + FE);
    feCopy(acc + 2 * FE, ecOne);
    return false;
  }
  return ptAddAffine(acc, acc, entry());
}

/**
 * out = u1 G + u2 Q in Jacobian coordinates, with Q's table `qTable` (built by ecCombBuild for
 * the selected curve). u1, u2: canonical scalar limbs. Returns false when the result is the point
 * at infinity.
 */
export function ecCombMulAdd(out: usize, u1: usize, u2: usize, qTable: usize): bool {
  const gTable = ecCombGTable();
  recode(dig1(), u1);
  recode(dig2(), u2);
  const w = ecCombWindow();
  const s = ecCombDigits();
  const count = ecCombCount();
  const sub = <usize>((1 << (w - 1)) * 2 * ecBytes);
  let inf = true;
  for (let j = s - 1; j >= 0; j--) {
    if (!inf) for (let t = 0; t < w; t++) ptDouble(out, out);
    let off: usize = 0;
    for (let m = j; m < count; m += s) {
      inf = addDigit(out, inf, gTable + off, <i32>load<i8>(dig1() + <usize>m));
      inf = addDigit(out, inf, qTable + off, <i32>load<i8>(dig2() + <usize>m));
      off += sub;
    }
  }
  return !inf;
}

/**
 * Converts the `n` Jacobian points of JAC to affine and packs them at dst (x then y per point):
 * one inversion for all of them (Montgomery's trick: running products of Z, one inverse, then
 * peeled off point by point). No point may be infinity (Z = 0).
 */
function packAffine(dst: usize, n: i32): void {
  feCopy(zprod(), jac() + 2 * FE);
  for (let k = 1; k < n; k++)
    feMul(zprod() + <usize>k * FE, zprod() + <usize>(k - 1) * FE, jac() + <usize>k * PT + 2 * FE);
  // INV = (Z_0 ... Z_(n-1))^-1 in Montgomery form: the canonical representative v = z R of the
  // product inverts to z^-1 R^-1, and two multiplications by R^2 bring it to z^-1 R.
  feCanon(inv(), zprod() + <usize>(n - 1) * FE);
  modInverse(inv(), inv(), ecP);
  feMul(inv(), inv(), ecR2);
  feMul(inv(), inv(), ecR2);
  const nb = <usize>ecBytes;
  for (let k = n - 1; k >= 0; k--) {
    const p = jac() + <usize>k * PT;
    if (k > 0) {
      feMul(zinv(), inv(), zprod() + <usize>(k - 1) * FE); // 1 / Z_k
      feMul(inv(), inv(), p + 2 * FE); // 1 / (Z_0 ... Z_(k-1))
    } else feCopy(zinv(), inv());
    feSqr(zinv2(), zinv());
    feMul(aff(), p, zinv2()); // x = X / Z^2
    feCanon(aff(), aff());
    feStorePacked(dst + <usize>k * 2 * nb, aff());
    feMul(zinv2(), zinv2(), zinv());
    feMul(aff(), p + FE, zinv2()); // y = Y / Z^3
    feCanon(aff(), aff());
    feStorePacked(dst + <usize>k * 2 * nb + nb, aff());
  }
}

// G's tables, one per curve, built by the module at the first use of the curve instead of shipped:
// 10 KiB less module (high-entropy data that neither gzip nor a device build compresses; the web
// page and the 96 KiB budget pay for every byte) for about one extra verification, once per
// instance. Reserved inside the function that uses it, like the scratch above.
function gTables(): usize {
  return memory.data(P256_COMB_BYTES + 8 + P384_COMB_BYTES + 8);
}
/** G in affine Montgomery form, the input of ecCombBuild. */
function gPoint(): usize {
  return memory.data(<i32>FE * 2);
}
/** Whether the n bytes at p are all zero. */
function isZeroBytes(p: usize, n: i32): bool {
  for (let i = 0; i < n; i++) if (load<u8>(p + <usize>i) !== 0) return false;
  return true;
}

/**
 * The comb table of G for the selected curve, built at its first use from G (the first entry of
 * the wNAF table ecGTable) by ecCombBuild, the code that builds a key's table.
 */
export function ecCombGTable(): usize {
  const table = ecCurve === CURVE_P256 ? gTables() : gTables() + <usize>(P256_COMB_BYTES + 8);
  // Built once the first entry (G itself) is there: its x is never 0, and the memory starts zeroed.
  if (isZeroBytes(table, ecBytes)) {
    feLoadPacked(gPoint(), ecGTable);
    feLoadPacked(gPoint() + FE, ecGTable + <usize>ecBytes);
    ecCombBuild(table, gPoint());
  }
  return table;
}

/**
 * Builds the comb table of the affine point q (x, y in Montgomery form at q, q + FE; on the curve,
 * so of order n) at dst for the selected curve: ecCombBytes() bytes, then 8 zero bytes of padding.
 * Sub-table i holds j 2^(w s i) Q for j = 1 .. 2^(w-1). None of these is infinity (j 2^k < n).
 * Costs about one verification without the table (bits doublings, 2^(w-1) additions and one
 * inversion per sub-table).
 */
export function ecCombBuild(dst: usize, q: usize): void {
  const w = ecCombWindow();
  const half = 1 << (w - 1);
  const span = w * ecCombDigits();
  const sub = <usize>(half * 2 * ecBytes);
  feCopy(basePoint(), q);
  feCopy(basePoint() + FE, q + FE);
  feCopy(basePoint() + 2 * FE, ecOne);
  for (let i = 0; i < ecCombTables(); i++) {
    if (i > 0) for (let t = 0; t < span; t++) ptDouble(basePoint(), basePoint());
    memory.copy(jac(), basePoint(), PT);
    ptDouble(jac() + PT, basePoint());
    for (let j = 2; j < half; j++) ptAdd(jac() + <usize>j * PT, jac() + <usize>(j - 1) * PT, basePoint());
    packAffine(dst + <usize>i * sub, half);
  }
  memory.fill(dst + <usize>ecCombTables() * sub, 0, 8);
}
