// Rolled field arithmetic mod p for P-256 and P-384: what the embedded build (asconfig target
// "embedded", shrinkLevel > 0) runs instead of the unrolled code of p256-field.generated.ts and
// p384-field.generated.ts, which is 26 KiB of Cortex-M4 code for both curves (hosts/mcu/README.md).
// ec-field.ts selects it with `ASC_SHRINK_LEVEL > 0`, so the Node build keeps the unrolled code.
//
// Same representation, same algorithm, same limbs out: the loops read the terms the unrolled code
// is generated from (ec-field-small.generated.ts, scripts/gen-ec.mjs), add the same products and
// shifted Montgomery digits into each column and carry and fold the same way. Integer addition in
// i64 is exact here (the column bounds in ec-field.ts) and order-free anyway (two's complement),
// so every output limb equals the unrolled code's, and the bounds argued in ec-field.ts hold
// unchanged. Squaring is a multiplication by itself (the unrolled squaring adds the same
// products, doubled once instead of twice). Public data only: nothing here is constant-time.
import { CURVE_P256, ecCurve, ecLimbs, ecRadix } from './ec-field';
import { P256_SMALL, P384_SMALL } from './ec-field-small.generated';

/** Word offsets in a curve's description (gen-ec.mjs smallProgram). */
const TOP_SHIFT: usize = 0;
const MONT_TERMS: usize = 1 << 2;
const FOLD_TERMS: usize = 13 << 2;
const OFFSET_LIMBS: usize = 25 << 2;
/** Montgomery and fold terms per curve (both primes have five terms, one of them 2^0). */
const TERMS: usize = 4;

/** The Montgomery digits m_0 .. m_(limbs-1) of the multiplication in progress. */
const DIGITS = memory.data(14 << 3);

/** The selected curve's description (ecSelect has run). */
function program(): usize {
  return ecCurve === CURVE_P256 ? P256_SMALL : P384_SMALL;
}

/**
 * r = a * b / R mod p (weak), product scanning interleaved with the Montgomery reduction as
 * gen-ec.mjs genMul: column k sums a_i b_(k-i), the digits' terms that land there and the carry;
 * below `limbs` its low bits are the next digit, above they are the result. r may alias a or b:
 * limb k - limbs of r is written after the last column that reads limb k - limbs of a and b.
 */
export function smallMul(r: usize, a: usize, b: usize): void {
  const prog = program();
  const n = ecLimbs;
  const radix = ecRadix;
  const mask: i64 = ((<i64>1) << radix) - 1;
  let c: i64 = 0;
  for (let k = 0; k <= 2 * n - 2; k++) {
    let t = c;
    const lo = k < n ? 0 : k - n + 1;
    const hi = k < n ? k : n - 1;
    for (let i = lo; i <= hi; i++)
      t += load<i64>(a + ((<usize>i) << 3)) * load<i64>(b + ((<usize>(k - i)) << 3));
    for (let j: usize = 0; j < TERMS; j++) {
      const w = prog + MONT_TERMS + j * 12;
      const i = k - load<i32>(w);
      if (i < 0 || i >= n) continue;
      const v = load<i64>(DIGITS + ((<usize>i) << 3)) << load<i32>(w, 4);
      t = load<i32>(w, 8) < 0 ? t - v : t + v;
    }
    store<i64>(k < n ? DIGITS + ((<usize>k) << 3) : r + ((<usize>(k - n)) << 3), t & mask);
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
    store<i64>(at, load<i32>(w, 8) < 0 ? load<i64>(at) - v : load<i64>(at) + v);
  }
}
