// Double-scalar multiplication R = u1*G + u2*Q (Shamir's trick with interleaved wNAF):
// one shared chain of doublings; u1 is recoded with the wide window of the precomputed table of
// odd multiples of G (mixed additions with affine points), u2 with a 5-bit window over odd
// multiples Q, 3Q, ..., 15Q computed per call (Jacobian additions).
import { WITH_P521 } from '../build-options';
import {
  ecBytes,
  ecGTable,
  ecGWindow,
  ecLimbs,
  ecOne,
  ecRadix,
  FE,
  feCopy,
  feLoadPacked,
  feSub,
  feZero,
} from './ec-field';
import { PT, ptAdd, ptAddAffine, ptDouble } from './ec-point';

/** wNAF window for the per-call table of Q. */
const Q_WINDOW: i32 = 5;
/** Largest scalar in bits (P-521's 66 bytes; P-384 without P-521) plus one digit for the final carry. */
const MAX_DIGITS: i32 = WITH_P521 ? 529 : 385;
/** Scalar words: 19 limbs of 28 bits (532 bits; 384 without P-521) plus the 8 bytes bitsAt reads past the top. */
const WORDS_BYTES: i32 = WITH_P521 ? 80 : 64;

const NAF1 = memory.data(MAX_DIGITS);
const NAF2 = memory.data(MAX_DIGITS);
const WORDS = memory.data(WORDS_BYTES);
const QTAB = memory.data(<i32>PT * (1 << (Q_WINDOW - 2)));
const ACC = memory.data(<i32>PT);
const QNEG = memory.data(<i32>PT);
const GPT = memory.data(<i32>FE * 2);

/** Reads `count` (<= 24) bits of the little-endian word array WORDS starting at bit `pos`. */
export function bitsAt(pos: i32, count: i32): i32 {
  const idx = (<usize>(pos >> 5)) << 2;
  const v = load<u64>(WORDS + idx) >> <u64>(pos & 31);
  return <i32>v & ((1 << count) - 1);
}

/**
 * Writes the width-w NAF of the scalar in WORDS (bits below `bits`) to naf[0..bits] (i8 digits,
 * odd or zero, |d| < 2^(w-1)). Returns the index of the highest nonzero digit plus one.
 */
function wnaf(naf: usize, bits: i32, w: i32): i32 {
  memory.fill(naf, 0, <usize>bits + 1);
  let carry = 0;
  let top = 0;
  let i = 0;
  while (i <= bits) {
    if (bitsAt(i, 1) === carry) {
      i++;
      continue;
    }
    let now = w;
    if (now > bits + 1 - i) now = bits + 1 - i;
    let word = bitsAt(i, now) + carry;
    carry = (word >> (w - 1)) & 1;
    word -= carry << w;
    store<i8>(naf + <usize>i, <i8>word);
    i += now;
    top = i - now + 1;
  }
  return top;
}

/** Copies the scalar s (canonical limbs) into WORDS as little-endian 32-bit words, zero padded. */
export function scalarToWords(s: usize): void {
  memory.fill(WORDS, 0, WORDS_BYTES);
  const radix = ecRadix;
  let bit = 0;
  for (let k = 0; k < ecLimbs; k++) {
    const limb = <u64>load<i64>(s + ((<usize>k) << 3));
    const idx = (<usize>(bit >> 5)) << 2;
    const cur = load<u64>(WORDS + idx);
    store<u64>(WORDS + idx, cur | (limb << (<u64>(bit & 31))));
    bit += radix;
  }
}

/**
 * Loads odd multiple |d|G from the table into GPT (affine, Montgomery), negated when d < 0. Table
 * coordinates are packed little-endian bytes: limb k is bits [k RADIX, (k+1) RADIX) of one 8-byte
 * read (the top limb keeps only the bits below the field size).
 */
function loadG(d: i32): void {
  const idx = <usize>((d < 0 ? -d : d) >> 1);
  feLoadPacked(GPT, ecGTable + idx * 2 * <usize>ecBytes);
  feLoadPacked(GPT + FE, ecGTable + (idx * 2 + 1) * <usize>ecBytes);
  if (d < 0) {
    feZero(QNEG);
    feSub(GPT + FE, QNEG, GPT + FE);
  }
}

/**
 * out = u1*G + u2*Q in Jacobian coordinates. u1, u2: canonical scalar limbs; q: affine point
 * (x, y in Montgomery form at q, q + FE). Returns false when the result is the point at infinity.
 */
export function ecMulAdd(out: usize, u1: usize, u2: usize, q: usize): bool {
  const bits = ecBytes << 3;
  scalarToWords(u1);
  const top1 = wnaf(NAF1, bits, ecGWindow);
  scalarToWords(u2);
  const top2 = wnaf(NAF2, bits, Q_WINDOW);
  // QTAB[i] = (2i+1) Q; 2Q is kept in ACC while building it.
  const count = 1 << (Q_WINDOW - 2);
  feCopy(QTAB, q);
  feCopy(QTAB + FE, q + FE);
  feCopy(QTAB + 2 * FE, ecOne);
  ptDouble(ACC, QTAB);
  for (let i = 1; i < count; i++) {
    const dst = QTAB + <usize>i * PT;
    memory.copy(dst, dst - PT, PT);
    ptAdd(dst, dst, ACC);
  }
  let inf = true;
  const top = max<i32>(top1, top2);
  for (let i = top - 1; i >= 0; i--) {
    if (!inf) ptDouble(out, out);
    const d1 = <i32>load<i8>(NAF1 + <usize>i);
    if (d1 !== 0) {
      loadG(d1);
      if (inf) {
        feCopy(out, GPT);
        feCopy(out + FE, GPT + FE);
        feCopy(out + 2 * FE, ecOne);
        inf = false;
      } else inf = ptAddAffine(out, out, GPT);
    }
    const d2 = <i32>load<i8>(NAF2 + <usize>i);
    if (d2 !== 0) {
      let src = QTAB + <usize>((d2 < 0 ? -d2 : d2) >> 1) * PT;
      if (d2 < 0) {
        feCopy(QNEG, src);
        feZero(QNEG + FE);
        feSub(QNEG + FE, QNEG + FE, src + FE);
        feCopy(QNEG + 2 * FE, src + 2 * FE);
        src = QNEG;
      }
      if (inf) {
        memory.copy(out, src, PT);
        inf = false;
      } else inf = ptAdd(out, out, src);
    }
  }
  return !inf;
}
