// Scalars of Ed25519: integers modulo the group order L = 2^252 + 27742317777372353535851937790883648493.
// Canonical check of S (RFC 8032 §5.1.7: reject S >= L), reduction of the 512-bit hash k mod L
// (Barrett, HAC 14.42 with b = 2^32), and width-w NAF recoding for the double-scalar multiplication.
import { ED_L, ED_MU } from './ed25519-table.generated';

/** True when the 32-byte little-endian integer at s is < L. */
export function scalarIsCanonical(s: usize): bool {
  for (let i = 7; i >= 0; i--) {
    const a = load<u32>(s + ((<usize>i) << 2));
    const l = load<u32>(ED_L + ((<usize>i) << 2));
    if (a !== l) return a < l;
  }
  return false; // s = L
}

// Barrett scratch (u32 limbs): x (16), q2 = q1 * mu (18), r2 (9), r (9 + 1 spare).
const BX: usize = memory.data(64, 8);
const BQ: usize = memory.data(72, 8);
const BR: usize = memory.data(40, 8);

/** r[0..9) = (r - b) mod 2^288 over 9 limbs at r and b (b given with `bLimbs` limbs, rest 0). */
function sub9(r: usize, b: usize, bLimbs: i32): void {
  let borrow: i64 = 0;
  for (let i = 0; i < 9; i++) {
    const bi: i64 = i < bLimbs ? <i64>load<u32>(b + ((<usize>i) << 2)) : 0;
    const v = <i64>load<u32>(r + ((<usize>i) << 2)) - bi - borrow;
    store<u32>(r + ((<usize>i) << 2), <u32>v);
    borrow = v < 0 ? 1 : 0;
  }
}

/** True when the 9-limb value at r is >= L. */
function geL(r: usize): bool {
  if (load<u32>(r, 32) !== 0) return true;
  for (let i = 7; i >= 0; i--) {
    const a = load<u32>(r + ((<usize>i) << 2));
    const l = load<u32>(ED_L + ((<usize>i) << 2));
    if (a !== l) return a > l;
  }
  return true;
}

/**
 * out (32 bytes, little-endian) = the 64-byte little-endian integer at x, mod L.
 * Barrett with b = 2^32, k = 8, mu = floor(b^16 / L): q3 = floor(floor(x / b^7) mu / b^9) is at
 * most 2 below floor(x / L), so r = x - q3 L (computed mod b^9) needs at most two subtractions.
 */
export function scalarReduce64(out: usize, x: usize): void {
  memory.copy(BX, x, 64);
  // q2 = q1 * mu with q1 = x[7..16) (9 limbs), mu (9 limbs): only limbs 9..17 are used later.
  memory.fill(BQ, 0, 72);
  for (let i: usize = 0; i < 9; i++) {
    const a = <u64>load<u32>(BX + ((i + 7) << 2));
    let carry: u64 = 0;
    for (let j: usize = 0; j < 9; j++) {
      const o = BQ + ((i + j) << 2);
      const t = <u64>load<u32>(o) + a * <u64>load<u32>(ED_MU + (j << 2)) + carry;
      store<u32>(o, <u32>t);
      carry = t >> 32;
    }
    store<u32>(BQ + ((i + 9) << 2), <u32>carry);
  }
  // r2 = (q3 * L) mod b^9 with q3 = q2[9..18).
  memory.fill(BR, 0, 40);
  for (let i: usize = 0; i < 9; i++) {
    const a = <u64>load<u32>(BQ + ((i + 9) << 2));
    let carry: u64 = 0;
    for (let j: usize = 0; i + j < 9; j++) {
      const o = BR + ((i + j) << 2);
      const l: u64 = j < 8 ? <u64>load<u32>(ED_L + (j << 2)) : 0;
      const t = <u64>load<u32>(o) + a * l + carry;
      store<u32>(o, <u32>t);
      carry = t >> 32;
    }
  }
  // r = (x mod b^9) - r2 (mod b^9), then at most two subtractions of L.
  memory.copy(BQ, BX, 36);
  sub9(BQ, BR, 9);
  for (let i = 0; i < 3 && geL(BQ); i++) sub9(BQ, ED_L, 8);
  memory.copy(out, BQ, 32);
}

/** A 32-byte scalar copied next to zero padding, so windows may be read past bit 255. */
const NAF_IN: usize = memory.data(40, 8);

/**
 * Width-w NAF of the 32-byte scalar s (< 2^253): writes 256 signed digits (i8) at out, each 0 or
 * odd with |d| < 2^(w-1), nonzero digits at least w positions apart, sum d[i] 2^i = s.
 * Scans windows of w bits plus a carry: an even window gives digit 0 and moves one bit; an odd one
 * gives its signed residue mod 2^w and moves w bits (a negative digit carries 1 upward).
 */
export function scalarWnaf(out: usize, s: usize, w: i32): void {
  memory.copy(NAF_IN, s, 32);
  store<u64>(NAF_IN, 0, 32);
  memory.fill(out, 0, 256);
  const width: u32 = 1 << w;
  const mask: u32 = width - 1;
  let carry: u32 = 0;
  let pos: i32 = 0;
  while (pos < 256) {
    const bits = load<u32>(NAF_IN + (<usize>pos >> 3)) >>> (<u32>pos & 7);
    const window = carry + (bits & mask);
    if ((window & 1) === 0) {
      pos++;
      continue;
    }
    if (window < width >> 1) {
      store<i8>(out + <usize>pos, <i8>window);
      carry = 0;
    } else {
      store<i8>(out + <usize>pos, <i8>(<i32>window - <i32>width));
      carry = 1;
    }
    pos += w;
  }
}
