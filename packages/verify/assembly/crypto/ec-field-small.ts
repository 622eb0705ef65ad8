// Rolled field arithmetic mod p for P-256 and P-384: what the embedded build (asconfig target
// "embedded", shrinkLevel > 0) runs instead of the unrolled code of p256-field.generated.ts and
// p384-field.generated.ts, which is 26 KiB of Cortex-M4 code for both curves (hosts/mcu/README.md).
// ec-field.ts selects it with `ASC_SHRINK_LEVEL > 0`, so the Node build keeps the unrolled code.
// P-521 (p = 2^521 - 1, 19 limbs of 28 bits) has only this code, in every build that has P-521:
// unrolled 19-limb code would not fit verify.wasm's 96 KiB (column bounds: ec-field.ts).
//
// Same representation, same algorithm, same limbs out: the loops read the terms the unrolled code
// is generated from (ec-field-small.generated.ts, scripts/gen-ec.mjs), add the same products and
// shifted Montgomery digits into each column and carry and fold the same way. Integer addition in
// i64 is exact here (the column bounds in ec-field.ts) and order-free anyway (two's complement),
// so every output limb equals the unrolled code's, and the bounds argued in ec-field.ts hold
// unchanged. Public data only: nothing here is constant-time.
import { WITH_P521 } from '../build-options';
import { CURVE_P256, CURVE_P521, ecCurve, ecLimbs, ecRadix } from './ec-field';
import { P256_SMALL, P384_SMALL, P521_SMALL } from './ec-field-small.generated';

/** Word offsets in a curve's description (gen-ec.mjs smallProgram). */
const TOP_SHIFT: usize = 0;
const MONT_TERMS: usize = 1 << 2;
const FOLD_TERMS: usize = 13 << 2;
const OFFSET_LIMBS: usize = 25 << 2;
/** Montgomery and fold terms per curve (P-256 and P-384 have four of each; P-521's one of each is padded with sign-0 terms). */
const TERMS: usize = 4;

/** The selected curve's description (ecSelect has run). The portable build runs only P-521 here. */
function program(): usize {
  if (WITH_P521 && (ASC_SHRINK_LEVEL === 0 || ecCurve === CURVE_P521)) return P521_SMALL;
  return ecCurve === CURVE_P256 ? P256_SMALL : P384_SMALL;
}

/** Digits that lie below m_0 (the largest Montgomery term limb, 18 for P-521, 13 for P-384, is below it). */
const PAD: usize = WITH_P521 ? 19 : 14;
/**
 * The Montgomery digits m_0 .. m_(limbs-1) of the multiplication in progress at DIGITS + PAD * 8,
 * with zeros below them (never written) and above them (cleared by each call up to 2 limbs - 2),
 * so a term whose digit index falls outside 0 .. limbs - 1 adds 0 without a range check.
 */
const DIGITS = memory.data(<i32>((PAD + (WITH_P521 ? 38 : 28)) << 3));

/**
 * r = a * b / R mod p (weak), product scanning interleaved with the Montgomery reduction as
 * gen-ec.mjs genMul: column k sums a_i b_(k-i), the digits' terms that land there and the carry;
 * below `limbs` its low bits are the next digit, above they are the result. For a = b (squaring)
 * each pair i < j is added once and doubled, as the unrolled squaring does. r may alias a or b:
 * limb k - limbs of r is written after the last column that reads limb k - limbs of a and b.
 */
export function smallMul(r: usize, a: usize, b: usize): void {
  const prog = program();
  const n = ecLimbs;
  const radix = ecRadix;
  const mask: i64 = ((<i64>1) << radix) - 1;
  const digits = DIGITS + (PAD << 3);
  memory.fill(digits + ((<usize>n) << 3), 0, (<usize>n - 1) << 3);
  // The four Montgomery terms (limb, shift, sign) as byte offsets back from the column, shifts
  // and +-1 factors, read once per call.
  const t0 = prog + MONT_TERMS;
  const back0 = (<usize>load<i32>(t0)) << 3;
  const back1 = (<usize>load<i32>(t0, 12)) << 3;
  const back2 = (<usize>load<i32>(t0, 24)) << 3;
  const back3 = (<usize>load<i32>(t0, 36)) << 3;
  const shift0 = <i64>load<i32>(t0, 4);
  const shift1 = <i64>load<i32>(t0, 16);
  const shift2 = <i64>load<i32>(t0, 28);
  const shift3 = <i64>load<i32>(t0, 40);
  const sign0 = <i64>load<i32>(t0, 8);
  const sign1 = <i64>load<i32>(t0, 20);
  const sign2 = <i64>load<i32>(t0, 32);
  const sign3 = <i64>load<i32>(t0, 44);
  const square = a === b;
  let c: i64 = 0;
  for (let k = 0; k <= 2 * n - 2; k++) {
    let t = c;
    // a_i b_(k-i) for i in lo .. hi: pa walks a up from lo, pb walks b down from k - lo.
    const lo = k < n ? 0 : k - n + 1;
    let pa = a + ((<usize>lo) << 3);
    let pb = b + ((<usize>(k - lo)) << 3);
    if (square) {
      let pairs: i64 = 0;
      for (; pa < pb; pa += 8, pb -= 8) pairs += load<i64>(pa) * load<i64>(pb);
      t += pairs << 1;
      if (pa === pb) t += load<i64>(pa) * load<i64>(pa);
    } else {
      const last = a + ((<usize>(k < n ? k : n - 1)) << 3);
      for (; pa <= last; pa += 8, pb -= 8) t += load<i64>(pa) * load<i64>(pb);
    }
    const at = digits + ((<usize>k) << 3);
    t +=
      sign0 * (load<i64>(at - back0) << shift0) +
      sign1 * (load<i64>(at - back1) << shift1) +
      sign2 * (load<i64>(at - back2) << shift2) +
      sign3 * (load<i64>(at - back3) << shift3);
    store<i64>(k < n ? at : r + ((<usize>(k - n)) << 3), t & mask);
    c = t >> radix;
  }
  store<i64>(r + ((<usize>(n - 1)) << 3), c);
}

/**
 * r = ka a - kb b + f 4p, weakly reduced, as gen-ec.mjs genParallelFold: one parallel carry step
 * (limb i keeps its low bits plus the carry out of column i - 1), then the bits above 2^bits fold
 * back in. feAdd is (1, -1, 1), feSub (1, 1, 1), feLin (ka, kb, max(kb, 0) + 1): the offsets
 * of the unrolled code. r may alias a or b (limb i is written after reading limb i).
 */
export function smallLin(r: usize, a: usize, ka: i64, b: usize, kb: i64, f: i64): void {
  const prog = program();
  const top = (<usize>(ecLimbs - 1)) << 3;
  const radix = ecRadix;
  const mask: i64 = ((<i64>1) << radix) - 1;
  let carry: i64 = 0;
  let t: i64 = 0;
  for (let i: usize = 0; ; i += 8) {
    t = load<i64>(a + i) * ka - load<i64>(b + i) * kb + <i64>load<u32>(prog + OFFSET_LIMBS + (i >> 1)) * f;
    if (i === top) break;
    store<i64>(r + i, (t & mask) + carry);
    carry = t >> radix;
  }
  t += carry;
  const topShift = load<i32>(prog + TOP_SHIFT);
  const q = t >> topShift;
  store<i64>(r + top, t & (((<i64>1) << topShift) - 1));
  for (let j: usize = 0; j < TERMS; j++) {
    const w = prog + FOLD_TERMS + j * 12;
    const at = r + ((<usize>load<i32>(w)) << 3);
    const v = q << load<i32>(w, 4);
    const sign = load<i32>(w, 8);
    // P-521's padding terms have sign 0 (add nothing); P-256's and P-384's are all +-1.
    if (WITH_P521) store<i64>(at, load<i64>(at) + <i64>sign * v);
    else store<i64>(at, sign < 0 ? load<i64>(at) - v : load<i64>(at) + v);
  }
}
