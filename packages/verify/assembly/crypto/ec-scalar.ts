// Scalars mod n (same limb layout as the field of the selected curve, see ec-field.ts) and a
// variable-time modular inverse.
//
// The inverse uses Bernstein-Yang divsteps ("Fast constant-time gcd computation and modular
// inversion", 2019, section 8 and Theorem 11.2), variable-time variant: the decisions of 30
// divsteps depend only on the low bits of f and g, so they run on two i64 words while a 2x2
// transition matrix is accumulated; the matrix is then applied to the full f, g (signed radix-2^30
// limbs) and to the Bezout coefficients d, e (kept in (-2M, M) by adding a multiple of M that makes
// the division by 2^30 exact). Runs of zero bits of g are skipped with one ctz. About 4x fewer
// multiplications than Fermat's little theorem; only public values are inverted.
import { WITH_P521 } from '../build-options';
import { carryChain, ecBytes, ecLimbs, ecN, ecN0Inv, ecRadix, FE, subtractIfAbove } from './ec-field';

const SC_T = memory.data(<i32>FE + 16);

/**
 * r = a * b / R mod n (Montgomery, operand scanning with i64 column accumulators). For inputs
 * below 2n the result is below 2n with limbs normalised except the top one. r may alias a or b.
 */
export function scMontMul(r: usize, a: usize, b: usize): void {
  const n = (<usize>ecLimbs) << 3;
  const radix = ecRadix;
  const mask: i64 = ((<i64>1) << radix) - 1;
  const nInv = ecN0Inv;
  const N = ecN;
  memory.fill(SC_T, 0, n);
  for (let i: usize = 0; i < n; i += 8) {
    const ai = load<i64>(a + i);
    for (let j: usize = 0; j < n; j += 8) store<i64>(SC_T + j, load<i64>(SC_T + j) + ai * load<i64>(b + j));
    const m = ((load<i64>(SC_T) & mask) * nInv) & mask;
    for (let j: usize = 0; j < n; j += 8) store<i64>(SC_T + j, load<i64>(SC_T + j) + m * load<i64>(N + j));
    // Column 0 is now divisible by 2^radix: shift the columns down by one limb.
    const carry = load<i64>(SC_T) >> radix;
    for (let j: usize = 0; j < n - 8; j += 8) store<i64>(SC_T + j, load<i64>(SC_T + j + 8));
    store<i64>(SC_T + n - 8, 0);
    store<i64>(SC_T, load<i64>(SC_T) + carry);
  }
  carryChain(r, SC_T);
}

/** a = a mod n for 0 <= a < 2n: carry pass, then one trial subtraction of n. */
export function scReduce(a: usize): void {
  carryChain(a, a);
  subtractIfAbove(a, ecN);
}

const MUL_T = memory.data(<i32>FE);

/** r = a * b mod n, canonical, for canonical a and b. r may alias a or b. */
export function scMul(r: usize, a: usize, b: usize, r2: usize): void {
  scMontMul(MUL_T, a, b); // a b / R
  scMontMul(r, MUL_T, r2); // a b / R * R^2 / R
  scReduce(r);
}

// ---- modular inverse (divsteps) ----

const M30: i64 = (1 << 30) - 1;
/**
 * Radix-2^30 limbs: 18 hold 540 bits, enough for |d| < 2M with M < 2^528 (P-521's 66 bytes; signed
 * top limb); 13 (390 bits, M < 2^384) in a build without P-521 (build-options.ts).
 */
const L30_MAX: i32 = WITH_P521 ? 18 : 13; // (528 + 2) / 30, (384 + 2) / 30 rounded up
const IF = memory.data(L30_MAX * 8);
const IG = memory.data(L30_MAX * 8);
const ID = memory.data(L30_MAX * 8);
const IE = memory.data(L30_MAX * 8);
const IM = memory.data(L30_MAX * 8);
const IT = memory.data(L30_MAX * 8);
let len30: usize = 0;

/** Converts canonical limbs (radix ecRadix) into nonnegative radix-2^30 limbs at dst. */
function toRadix30(dst: usize, src: usize): void {
  memory.fill(dst, 0, len30 << 3);
  let bit: i32 = 0;
  for (let k = 0; k < ecLimbs; k++) {
    const limb = load<i64>(src + ((<usize>k) << 3));
    const idx = <usize>(bit / 30);
    const sh = bit % 30;
    const lo = (limb << sh) & M30;
    store<i64>(dst + (idx << 3), load<i64>(dst + (idx << 3)) | lo);
    const hi = limb >> (30 - sh);
    if (hi !== 0) store<i64>(dst + ((idx + 1) << 3), load<i64>(dst + ((idx + 1) << 3)) | hi);
    bit += ecRadix;
  }
}

/** Converts normalised nonnegative radix-2^30 limbs into canonical limbs (radix ecRadix) at dst. */
function fromRadix30(dst: usize, src: usize): void {
  const radix = ecRadix;
  const mask: u64 = ((<u64>1) << radix) - 1;
  let acc: u64 = 0;
  let bits: i32 = 0;
  let k: usize = 0;
  for (let j: i32 = 0; j < ecLimbs; j++) {
    while (bits < radix && k < len30) {
      acc |= (<u64>load<i64>(src + (k << 3))) << bits;
      bits += 30;
      k++;
    }
    store<i64>(dst + ((<usize>j) << 3), <i64>(acc & mask));
    acc >>= radix;
    bits -= radix;
  }
}

function isNegative(a: usize): bool {
  return load<i64>(a + ((len30 - 1) << 3)) < 0;
}

/** a = a + s * M (s = +1 or -1) with carry normalisation; a signed radix-2^30. */
function addMultipleOfM(a: usize, s: i64): void {
  let c: i64 = 0;
  for (let k: usize = 0; k < len30; k++) {
    const t = load<i64>(a + (k << 3)) + s * load<i64>(IM + (k << 3)) + c;
    if (k === len30 - 1) store<i64>(a + (k << 3), t);
    else {
      store<i64>(a + (k << 3), t & M30);
      c = t >> 30;
    }
  }
}

/** a = -a with carry normalisation; a signed radix-2^30. */
function negate(a: usize): void {
  let c: i64 = 0;
  for (let k: usize = 0; k < len30; k++) {
    const t = c - load<i64>(a + (k << 3));
    if (k === len30 - 1) store<i64>(a + (k << 3), t);
    else {
      store<i64>(a + (k << 3), t & M30);
      c = t >> 30;
    }
  }
}

/** Whether the signed radix-2^30 number a equals v (v = 0, 1 or -1). */
function equalsSmall(a: usize, v: i64): bool {
  // Normalised limbs: 0 is all zero, 1 is [1, 0, ...], -1 is [M30, ..., M30, -1].
  const low = v < 0 ? M30 : v;
  if (load<i64>(a) !== low) return false;
  const fill: i64 = v < 0 ? M30 : 0;
  for (let k: usize = 1; k < len30 - 1; k++) if (load<i64>(a + (k << 3)) !== fill) return false;
  return load<i64>(a + ((len30 - 1) << 3)) === (v < 0 ? -1 : 0);
}

/**
 * r = a^-1 mod M where M = ecN (the group order of the selected curve) or, for tests, any odd
 * modulus given as canonical limbs `m`. a: canonical limbs. Returns false when a = 0 mod M (no
 * inverse); r is then unspecified. r may alias a.
 */
export function modInverse(r: usize, a: usize, m: usize): bool {
  const bits = ecBytes << 3;
  len30 = <usize>((bits + 2 + 29) / 30);
  toRadix30(IM, m);
  memory.copy(IF, IM, len30 << 3);
  toRadix30(IG, a);
  memory.fill(ID, 0, len30 << 3);
  memory.fill(IE, 0, len30 << 3);
  store<i64>(IE, 1);
  // M^-1 mod 2^30 by Newton iteration (M odd; each step doubles the correct low bits).
  const m0 = load<i64>(IM);
  let minv = m0;
  for (let i = 0; i < 5; i++) minv *= 2 - m0 * minv;
  minv &= M30;
  // Theorem 11.2: g reaches 0 within (49 d + 80) / 17 divsteps for d-bit inputs; two spare batches.
  const maxBatches = 2 + (49 * bits + 80) / (17 * 30);
  let delta: i64 = 1;
  let batch = 0;
  while (!equalsSmall(IG, 0)) {
    if (batch++ >= maxBatches) return false;
    // 30 divsteps on the low bits: 2^30 (f', g') = [u v; q r] (f, g).
    let fl = load<i64>(IF) | (load<i64>(IF + 8) << 30);
    let gl = load<i64>(IG) | (load<i64>(IG + 8) << 30);
    let u: i64 = 1;
    let v: i64 = 0;
    let q: i64 = 0;
    let w: i64 = 1;
    let left: i64 = 30;
    for (;;) {
      // Halve g past its zero bits (divsteps with g even), at most `left` of them.
      const z = ctz<i64>(gl | ((<i64>1) << left));
      gl >>= z;
      u <<= z;
      v <<= z;
      delta += z;
      left -= z;
      if (left === 0) break;
      // g odd: one divstep.
      if (delta > 0) {
        const tf = fl;
        fl = gl;
        gl = (gl - tf) >> 1;
        const tu = u;
        const tv = v;
        u = q << 1;
        v = w << 1;
        q -= tu;
        w -= tv;
        delta = 1 - delta;
      } else {
        gl = (gl + fl) >> 1;
        q += u;
        w += v;
        u <<= 1;
        v <<= 1;
        delta = 1 + delta;
      }
      left--;
      if (left === 0) break;
    }
    // (f, g) = [u v; q w] (f, g) / 2^30, exact.
    let cf = u * load<i64>(IF) + v * load<i64>(IG);
    let cg = q * load<i64>(IF) + w * load<i64>(IG);
    cf >>= 30;
    cg >>= 30;
    // (d, e) = ([u v; q w] (d, e) + (md, me) M) / 2^30 with md, me making the division exact and
    // keeping the result in (-2M, M) (negative inputs first get M added through md0, me0).
    const dNeg = isNegative(ID);
    const eNeg = isNegative(IE);
    let md = (dNeg ? u : 0) + (eNeg ? v : 0);
    let me = (dNeg ? q : 0) + (eNeg ? w : 0);
    let cd = u * load<i64>(ID) + v * load<i64>(IE);
    let ce = q * load<i64>(ID) + w * load<i64>(IE);
    md -= ((cd & M30) * minv + md) & M30;
    me -= ((ce & M30) * minv + me) & M30;
    cd = (cd + md * m0) >> 30;
    ce = (ce + me * m0) >> 30;
    for (let k: usize = 1; k < len30; k++) {
      const o = k << 3;
      const fk = load<i64>(IF + o);
      const gk = load<i64>(IG + o);
      cf += u * fk + v * gk;
      cg += q * fk + w * gk;
      store<i64>(IF + o - 8, cf & M30);
      store<i64>(IG + o - 8, cg & M30);
      cf >>= 30;
      cg >>= 30;
      const dk = load<i64>(ID + o);
      const ek = load<i64>(IE + o);
      const mk = load<i64>(IM + o);
      cd += u * dk + v * ek + md * mk;
      ce += q * dk + w * ek + me * mk;
      store<i64>(ID + o - 8, cd & M30);
      store<i64>(IE + o - 8, ce & M30);
      cd >>= 30;
      ce >>= 30;
    }
    const top = (len30 - 1) << 3;
    store<i64>(IF + top, cf);
    store<i64>(IG + top, cg);
    store<i64>(ID + top, cd);
    store<i64>(IE + top, ce);
  }
  // g = 0, f = +-gcd(M, a): invertible iff f = +-1, and then a^-1 = f d.
  if (equalsSmall(IF, -1)) negate(ID);
  else if (!equalsSmall(IF, 1)) return false;
  // d in (-2M, 2M): bring it into [0, M).
  while (isNegative(ID)) addMultipleOfM(ID, 1);
  for (;;) {
    memory.copy(IT, ID, len30 << 3);
    addMultipleOfM(IT, -1);
    if (isNegative(IT)) break;
    memory.copy(ID, IT, len30 << 3);
  }
  fromRadix30(r, ID);
  return true;
}
