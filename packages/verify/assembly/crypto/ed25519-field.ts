// Arithmetic in GF(p), p = 2^255 - 19, for Ed25519 verification (RFC 8032 §5.1).
//
// Representation: 10 signed limbs in radix 2^25.5 (26, 25, 26, 25, ... bits), stored as i32 in 40
// bytes of linear memory: f = sum f[i] * 2^ceil(25.5 i). Products of two limbs fit in i64, which wasm
// multiplies natively (wasm has no 64x64->128 multiply, so 51-bit limbs would cost more).
//
// Bounds (checked in the comments of feMul): a "carried" element, as produced by feMul, feSq,
// feCarry and feFromBytes, has |f[even]| <= 2^25 (1 + eps) and |f[odd]| <= 2^24 (1 + eps). feAdd and
// feSub do not carry; feMul and feSq accept inputs that are sums or differences of up to FOUR carried
// elements (|limb| <= 2^27 / 2^26): then every partial product sum is below 10 * 19 * 2^54 < 2^62, so
// no i64 overflows. The point formulas in ed25519-point.ts respect this (each input is annotated).
//
// Everything here works on public data only (signature verification), so nothing is constant-time.
// Pointers may alias (h may equal f or g): inputs are read before the output is written.

/** Bytes of one field element. */
export const FE_SIZE: usize = 40;

/** h = f + g (no carry). */
export function feAdd(h: usize, f: usize, g: usize): void {
  for (let i: usize = 0; i < 40; i += 4) store<i32>(h + i, load<i32>(f + i) + load<i32>(g + i));
}

/** h = f - g (no carry). */
export function feSub(h: usize, f: usize, g: usize): void {
  for (let i: usize = 0; i < 40; i += 4) store<i32>(h + i, load<i32>(f + i) - load<i32>(g + i));
}

/** h = -f (no carry). */
export function feNeg(h: usize, f: usize): void {
  for (let i: usize = 0; i < 40; i += 4) store<i32>(h + i, -load<i32>(f + i));
}

/** h = f. */
export function feCopy(h: usize, f: usize): void {
  memory.copy(h, f, 40);
}

/** h = small non-negative integer n (n < 2^25). */
export function feSetInt(h: usize, n: i32): void {
  memory.fill(h, 0, 40);
  store<i32>(h, n);
}

/**
 * Carries the 10 i64 partial sums into a carried element at h. Rounding carries (to the nearest
 * multiple) keep limbs signed and centred: |h[even]| <= 2^25, |h[odd]| <= 2^24, except for the small
 * excess left in h[1] and h[5] by the last carries. The top carry wraps with 2^255 = 19 (mod p).
 * Two interleaved chains (0..4 and 4..9) shorten the dependency path.
 */
function carryStore(
  h: usize,
  h0: i64,
  h1: i64,
  h2: i64,
  h3: i64,
  h4: i64,
  h5: i64,
  h6: i64,
  h7: i64,
  h8: i64,
  h9: i64,
): void {
  let c: i64;
  c = (h0 + (1 << 25)) >> 26;
  h1 += c;
  h0 -= c << 26;
  c = (h4 + (1 << 25)) >> 26;
  h5 += c;
  h4 -= c << 26;
  c = (h1 + (1 << 24)) >> 25;
  h2 += c;
  h1 -= c << 25;
  c = (h5 + (1 << 24)) >> 25;
  h6 += c;
  h5 -= c << 25;
  c = (h2 + (1 << 25)) >> 26;
  h3 += c;
  h2 -= c << 26;
  c = (h6 + (1 << 25)) >> 26;
  h7 += c;
  h6 -= c << 26;
  c = (h3 + (1 << 24)) >> 25;
  h4 += c;
  h3 -= c << 25;
  c = (h7 + (1 << 24)) >> 25;
  h8 += c;
  h7 -= c << 25;
  c = (h4 + (1 << 25)) >> 26;
  h5 += c;
  h4 -= c << 26;
  c = (h8 + (1 << 25)) >> 26;
  h9 += c;
  h8 -= c << 26;
  c = (h9 + (1 << 24)) >> 25;
  h0 += c * 19;
  h9 -= c << 25;
  c = (h0 + (1 << 25)) >> 26;
  h1 += c;
  h0 -= c << 26;
  store<i32>(h, <i32>h0, 0);
  store<i32>(h, <i32>h1, 4);
  store<i32>(h, <i32>h2, 8);
  store<i32>(h, <i32>h3, 12);
  store<i32>(h, <i32>h4, 16);
  store<i32>(h, <i32>h5, 20);
  store<i32>(h, <i32>h6, 24);
  store<i32>(h, <i32>h7, 28);
  store<i32>(h, <i32>h8, 32);
  store<i32>(h, <i32>h9, 36);
}

/** Carries f in place (after additions, before a comparison or an encoding). */
export function feCarry(h: usize): void {
  carryStore(
    h,
    <i64>load<i32>(h, 0),
    <i64>load<i32>(h, 4),
    <i64>load<i32>(h, 8),
    <i64>load<i32>(h, 12),
    <i64>load<i32>(h, 16),
    <i64>load<i32>(h, 20),
    <i64>load<i32>(h, 24),
    <i64>load<i32>(h, 28),
    <i64>load<i32>(h, 32),
    <i64>load<i32>(h, 36),
  );
}

/**
 * h = f * g. Limb i has weight 2^ceil(25.5 i), so f[i] g[j] lands in limb i + j, doubled when i and j
 * are both odd (26 + 26 = 52 = 51 + 1), and limbs i + j >= 10 wrap with factor 19 (2^255 = 19 mod p).
 * 100 i64 multiplications; inputs up to four carried elements summed (see the header).
 */
export function feMul(h: usize, f: usize, g: usize): void {
  const f0 = <i64>load<i32>(f, 0);
  const f1 = <i64>load<i32>(f, 4);
  const f2 = <i64>load<i32>(f, 8);
  const f3 = <i64>load<i32>(f, 12);
  const f4 = <i64>load<i32>(f, 16);
  const f5 = <i64>load<i32>(f, 20);
  const f6 = <i64>load<i32>(f, 24);
  const f7 = <i64>load<i32>(f, 28);
  const f8 = <i64>load<i32>(f, 32);
  const f9 = <i64>load<i32>(f, 36);
  const g0 = <i64>load<i32>(g, 0);
  const g1 = <i64>load<i32>(g, 4);
  const g2 = <i64>load<i32>(g, 8);
  const g3 = <i64>load<i32>(g, 12);
  const g4 = <i64>load<i32>(g, 16);
  const g5 = <i64>load<i32>(g, 20);
  const g6 = <i64>load<i32>(g, 24);
  const g7 = <i64>load<i32>(g, 28);
  const g8 = <i64>load<i32>(g, 32);
  const g9 = <i64>load<i32>(g, 36);
  const g1_19 = 19 * g1;
  const g2_19 = 19 * g2;
  const g3_19 = 19 * g3;
  const g4_19 = 19 * g4;
  const g5_19 = 19 * g5;
  const g6_19 = 19 * g6;
  const g7_19 = 19 * g7;
  const g8_19 = 19 * g8;
  const g9_19 = 19 * g9;
  const f1_2 = f1 << 1;
  const f3_2 = f3 << 1;
  const f5_2 = f5 << 1;
  const f7_2 = f7 << 1;
  const f9_2 = f9 << 1;
  const h0 =
    f0 * g0 +
    f1_2 * g9_19 +
    f2 * g8_19 +
    f3_2 * g7_19 +
    f4 * g6_19 +
    f5_2 * g5_19 +
    f6 * g4_19 +
    f7_2 * g3_19 +
    f8 * g2_19 +
    f9_2 * g1_19;
  const h1 =
    f0 * g1 +
    f1 * g0 +
    f2 * g9_19 +
    f3 * g8_19 +
    f4 * g7_19 +
    f5 * g6_19 +
    f6 * g5_19 +
    f7 * g4_19 +
    f8 * g3_19 +
    f9 * g2_19;
  const h2 =
    f0 * g2 +
    f1_2 * g1 +
    f2 * g0 +
    f3_2 * g9_19 +
    f4 * g8_19 +
    f5_2 * g7_19 +
    f6 * g6_19 +
    f7_2 * g5_19 +
    f8 * g4_19 +
    f9_2 * g3_19;
  const h3 =
    f0 * g3 +
    f1 * g2 +
    f2 * g1 +
    f3 * g0 +
    f4 * g9_19 +
    f5 * g8_19 +
    f6 * g7_19 +
    f7 * g6_19 +
    f8 * g5_19 +
    f9 * g4_19;
  const h4 =
    f0 * g4 +
    f1_2 * g3 +
    f2 * g2 +
    f3_2 * g1 +
    f4 * g0 +
    f5_2 * g9_19 +
    f6 * g8_19 +
    f7_2 * g7_19 +
    f8 * g6_19 +
    f9_2 * g5_19;
  const h5 =
    f0 * g5 +
    f1 * g4 +
    f2 * g3 +
    f3 * g2 +
    f4 * g1 +
    f5 * g0 +
    f6 * g9_19 +
    f7 * g8_19 +
    f8 * g7_19 +
    f9 * g6_19;
  const h6 =
    f0 * g6 +
    f1_2 * g5 +
    f2 * g4 +
    f3_2 * g3 +
    f4 * g2 +
    f5_2 * g1 +
    f6 * g0 +
    f7_2 * g9_19 +
    f8 * g8_19 +
    f9_2 * g7_19;
  const h7 =
    f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9_19 + f9 * g8_19;
  const h8 =
    f0 * g8 +
    f1_2 * g7 +
    f2 * g6 +
    f3_2 * g5 +
    f4 * g4 +
    f5_2 * g3 +
    f6 * g2 +
    f7_2 * g1 +
    f8 * g0 +
    f9_2 * g9_19;
  const h9 =
    f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

/** h = f^2: feMul with the symmetric products merged (55 multiplications). */
export function feSq(h: usize, f: usize): void {
  const f0 = <i64>load<i32>(f, 0);
  const f1 = <i64>load<i32>(f, 4);
  const f2 = <i64>load<i32>(f, 8);
  const f3 = <i64>load<i32>(f, 12);
  const f4 = <i64>load<i32>(f, 16);
  const f5 = <i64>load<i32>(f, 20);
  const f6 = <i64>load<i32>(f, 24);
  const f7 = <i64>load<i32>(f, 28);
  const f8 = <i64>load<i32>(f, 32);
  const f9 = <i64>load<i32>(f, 36);
  const f0_2 = f0 << 1;
  const f1_2 = f1 << 1;
  const f2_2 = f2 << 1;
  const f3_2 = f3 << 1;
  const f4_2 = f4 << 1;
  const f5_2 = f5 << 1;
  const f6_2 = f6 << 1;
  const f7_2 = f7 << 1;
  const f8_2 = f8 << 1;
  const f9_2 = f9 << 1;
  const f1_4 = f1 << 2;
  const f3_4 = f3 << 2;
  const f5_4 = f5 << 2;
  const f7_4 = f7 << 2;
  const f5_19 = 19 * f5;
  const f6_19 = 19 * f6;
  const f7_19 = 19 * f7;
  const f8_19 = 19 * f8;
  const f9_19 = 19 * f9;
  const h0 = f0 * f0 + f1_4 * f9_19 + f2_2 * f8_19 + f3_4 * f7_19 + f4_2 * f6_19 + f5_2 * f5_19;
  const h1 = f0_2 * f1 + f2_2 * f9_19 + f3_2 * f8_19 + f4_2 * f7_19 + f5_2 * f6_19;
  const h2 = f0_2 * f2 + f1_2 * f1 + f3_4 * f9_19 + f4_2 * f8_19 + f5_4 * f7_19 + f6 * f6_19;
  const h3 = f0_2 * f3 + f1_2 * f2 + f4_2 * f9_19 + f5_2 * f8_19 + f6_2 * f7_19;
  const h4 = f0_2 * f4 + f1_4 * f3 + f2 * f2 + f5_4 * f9_19 + f6_2 * f8_19 + f7_2 * f7_19;
  const h5 = f0_2 * f5 + f1_2 * f4 + f2_2 * f3 + f6_2 * f9_19 + f7_2 * f8_19;
  const h6 = f0_2 * f6 + f1_4 * f5 + f2_2 * f4 + f3_2 * f3 + f7_4 * f9_19 + f8 * f8_19;
  const h7 = f0_2 * f7 + f1_2 * f6 + f2_2 * f5 + f3_2 * f4 + f8_2 * f9_19;
  const h8 = f0_2 * f8 + f1_4 * f7 + f2_2 * f6 + f3_4 * f5 + f4 * f4 + f9_2 * f9_19;
  const h9 = f0_2 * f9 + f1_2 * f8 + f2_2 * f7 + f3_2 * f6 + f4_2 * f5;
  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

/** h = f^(2^n) (n >= 1 squarings). */
export function feSqN(h: usize, f: usize, n: i32): void {
  feSq(h, f);
  for (let i = 1; i < n; i++) feSq(h, h);
}

/** Bit position of each limb (ceil(25.5 i)) and its width. */
const LIMB_POS: usize = memory.data<u8>([0, 26, 51, 77, 102, 128, 153, 179, 204, 230, 255]);

/**
 * h = the 255-bit little-endian integer at s (bit 255 ignored), carried. The result is not reduced:
 * values in [p, 2^255) are accepted here; callers that need canonical input check it themselves.
 */
export function feFromBytes(h: usize, s: usize): void {
  // Each limb is read with one 32-bit load at its first byte (shift + width <= 32 for every limb,
  // and the last load, at byte 28, stays inside the 32 bytes).
  for (let i: usize = 0; i < 10; i++) {
    const pos = <u32>load<u8>(LIMB_POS + i);
    const width = <u32>load<u8>(LIMB_POS + i + 1) - pos;
    const word = load<u32>(s + (pos >> 3));
    store<i32>(h + (i << 2), <i32>((word >>> (pos & 7)) & ((1 << width) - 1)));
  }
  feCarry(h);
}

/** Scratch limbs (i64) for feToBytes. */
const TB: usize = memory.data(160, 8);

/** One floor-carry pass over the 10 i64 limbs at TB; returns the carry out of the top limb. */
function floorCarryPass(): i64 {
  let c: i64 = 0;
  for (let i: usize = 0; i < 10; i++) {
    const width = <i64>(<u32>load<u8>(LIMB_POS + i + 1) - <u32>load<u8>(LIMB_POS + i));
    const v = load<i64>(TB + (i << 3)) + c;
    c = v >> width;
    store<i64>(TB + (i << 3), v - (c << width));
  }
  return c;
}

/** Writes the canonical 32-byte little-endian encoding of f (fully reduced mod p) at s. */
export function feToBytes(s: usize, f: usize): void {
  for (let i: usize = 0; i < 10; i++) store<i64>(TB + (i << 3), <i64>load<i32>(f + (i << 2)));
  // Bring the value into [0, 2^255): each pass leaves limbs in [0, 2^width) and a top carry c worth
  // c * 2^255 = 19c (mod p), added back at limb 0. From carried input this ends within 4 passes
  // (a carry of +-1 can only follow a value within 38 of 0 or of 2^255).
  for (let pass = 0; pass < 4; pass++) {
    const c = floorCarryPass();
    if (c === 0) break;
    store<i64>(TB, load<i64>(TB) + c * 19);
  }
  // Now 0 <= v < 2^255. If v >= p then v + 19 >= 2^255 and v - p = v + 19 - 2^255.
  memory.copy(TB + 80, TB, 80);
  store<i64>(TB, load<i64>(TB) + 19);
  if (floorCarryPass() === 0) memory.copy(TB, TB + 80, 80);
  // Pack the limbs (each now in [0, 2^width)) into bytes.
  let acc: u64 = 0;
  let bits: u32 = 0;
  let o: usize = 0;
  for (let i: usize = 0; i < 10; i++) {
    const width = <u32>load<u8>(LIMB_POS + i + 1) - <u32>load<u8>(LIMB_POS + i);
    acc |= (<u64>load<i64>(TB + (i << 3))) << bits;
    bits += width;
    while (bits >= 8) {
      store<u8>(s + o, <u8>acc);
      o++;
      acc >>= 8;
      bits -= 8;
    }
  }
  store<u8>(s + 31, <u8>acc); // the last 7 bits (bits = 7 here: 255 = 31 * 8 + 7)
}

/** Scratch bytes for comparisons. */
const CMP_A: usize = memory.data(32, 8);
const CMP_B: usize = memory.data(32, 8);

/** True when f = 0 (mod p). */
export function feIsZero(f: usize): bool {
  feToBytes(CMP_A, f);
  return (load<u64>(CMP_A, 0) | load<u64>(CMP_A, 8) | load<u64>(CMP_A, 16) | load<u64>(CMP_A, 24)) === 0;
}

/** True when f = g (mod p). */
export function feEqual(f: usize, g: usize): bool {
  feToBytes(CMP_A, f);
  feToBytes(CMP_B, g);
  return (
    load<u64>(CMP_A, 0) === load<u64>(CMP_B, 0) &&
    load<u64>(CMP_A, 8) === load<u64>(CMP_B, 8) &&
    load<u64>(CMP_A, 16) === load<u64>(CMP_B, 16) &&
    load<u64>(CMP_A, 24) === load<u64>(CMP_B, 24)
  );
}

/** The "sign" of f: the least significant bit of its canonical encoding (RFC 8032 §5.1.2). */
export function feIsNegative(f: usize): i32 {
  feToBytes(CMP_A, f);
  return load<u8>(CMP_A) & 1;
}

/** Temporaries of the exponentiation chains. */
const T0: usize = memory.data(40, 8);
const T1: usize = memory.data(40, 8);
const T2: usize = memory.data(40, 8);
const T3: usize = memory.data(40, 8);

/**
 * Sets T0 = z^(2^250 - 1) and T2 = z^11 with the usual addition chain (254 squarings, 11
 * multiplications shared by inversion and square root).
 */
function pow2250m1(z: usize): void {
  feSq(T0, z); //                       z^2
  feSqN(T1, T0, 2); //                  z^8
  feMul(T1, z, T1); //                  z^9
  feMul(T2, T0, T1); //                 z^11
  feSq(T0, T2); //                      z^22
  feMul(T1, T1, T0); //                 z^31 = z^(2^5 - 1)
  feSqN(T0, T1, 5);
  feMul(T1, T0, T1); //                 z^(2^10 - 1)
  feSqN(T0, T1, 10);
  feMul(T3, T0, T1); //                 z^(2^20 - 1)
  feSqN(T0, T3, 20);
  feMul(T0, T0, T3); //                 z^(2^40 - 1)
  feSqN(T0, T0, 10);
  feMul(T1, T0, T1); //                 z^(2^50 - 1)
  feSqN(T0, T1, 50);
  feMul(T3, T0, T1); //                 z^(2^100 - 1)
  feSqN(T0, T3, 100);
  feMul(T0, T0, T3); //                 z^(2^200 - 1)
  feSqN(T0, T0, 50);
  feMul(T0, T0, T1); //                 z^(2^250 - 1)
}

/** h = 1/z = z^(p - 2) = z^(2^255 - 21) (0 for z = 0). */
export function feInvert(h: usize, z: usize): void {
  pow2250m1(z);
  feSqN(T0, T0, 5); //                  z^(2^255 - 32)
  feMul(h, T0, T2); //                  z^(2^255 - 21)
}

/** h = z^((p - 5) / 8) = z^(2^252 - 3), the exponent of the square-root step of decoding. */
export function fePow22523(h: usize, z: usize): void {
  pow2250m1(z);
  feSqN(T0, T0, 2); //                  z^(2^252 - 4)
  feMul(h, T0, z); //                   z^(2^252 - 3)
}
