// RSA signature verification (RFC 8017): RSASSA-PKCS1-v1_5 (§8.2.2 with EMSA-PKCS1-v1_5, §9.2)
// and RSASSA-PSS (§8.1.2 with EMSA-PSS-VERIFY, §9.1.2, MGF1 from §B.2.1).
//
// Inputs are public (key, signature, digest), so nothing here is constant-time.
//
// Key rules (Err.BAD_PUBLIC_KEY otherwise), decided here; the minimum-size POLICY (2048 bits by
// default) belongs to path validation, which reports Err.WEAK_KEY:
// - n: big-endian, leading zero bytes ignored; odd; 512 <= bits <= 8192 (RSA_MIN_BITS,
//   RSA_MAX_BITS: below 512 bits nothing is verifiable with SHA-512 PKCS#1 and nothing is
//   secure; 8192 is the largest size the verifier budgets work for).
// - e: odd, e >= 3, at most 64 bits (RSA_MAX_E_BITS), hence e < n. The 64-bit cap bounds the
//   work an attacker-chosen key can cost (a full-size exponent makes one 8192-bit verification
//   ~400x slower); it is OpenSSL's RSA_MAX_PUBEXP_BITS, and BoringSSL and ring are stricter
//   (33 bits). Real keys use 65537 (and, rarely, 3).
//
// Signature rules (Err.BAD_SIGNATURE otherwise): the signature is exactly k bytes, k = byte
// length of n (RFC 8017 §8.2.2 step 1 / §8.1.2 step 1), and as an integer s < n (RSAVP1 step 1).
//
// PKCS#1 v1.5: the whole k-byte block 00 01 FF..FF 00 || DigestInfo || H is compared; the
// DigestInfo is the DER encoding with explicit NULL parameters from RFC 8017 §9.2 note 1. The
// variant without the NULL (which Wycheproof marks "acceptable", flag MissingNull) is REJECTED:
// RFC 8017 defines T as exactly those bytes, and rejecting it is what BoringSSL, Go, ring and
// OpenSSL 3 do.
import { Err } from '../abi.generated';
import { BUILD_RSA_MAX_BITS } from '../build-options';
import { inIoArea } from '../io';

import {
  BN_A,
  BN_B,
  bnCmp,
  bnFromBytes,
  bnPowB,
  bnToBytes,
  bytesBitLength,
  LIMB_BITS,
  limbsFor,
  montExp,
  montFinal,
  montMul,
  montShortSum,
} from './bigint';

import { HASH_CTX_SIZE, HASH_MAX_LEN, hashDigest2, hashFinal, hashInit, hashLen, hashUpdate } from './hash';

import {
  keyContext,
  slotConstantsSet,
  slotConstantsState,
  slotScaledPrefix,
  slotScaledUnit,
} from './rsa-key-cache';

/** Smallest modulus accepted, in bits. */
export const RSA_MIN_BITS: i32 = 512;
/** Largest modulus of any build, in bits: above it a key is BAD_PUBLIC_KEY. */
export const RSA_PORTABLE_MAX_BITS: i32 = 8192;
/**
 * Largest modulus this build verifies (build-options.ts: 8192, 4096 in the embedded build); keys
 * between it and RSA_PORTABLE_MAX_BITS are UNSUPPORTED_ALGORITHM, a limit of the build.
 */
export const RSA_MAX_BITS: i32 = BUILD_RSA_MAX_BITS;
/** Largest public exponent accepted, in bits. */
export const RSA_MAX_E_BITS: i32 = 64;

/** s^e mod n as a k-byte big-endian string (the encoded message of both schemes). */
const EM: usize = memory.data(RSA_MAX_BITS / 8, 16);
/** MGF1 input counter (4 bytes) and output block. */
const MGF_COUNTER: usize = memory.data(8, 8);
const MGF_BLOCK: usize = memory.data(HASH_MAX_LEN, 8);
/** PSS: hash context and H'. */
const PSS_CTX: usize = memory.data(<i32>HASH_CTX_SIZE, 16);
const PSS_H: usize = memory.data(HASH_MAX_LEN, 8);
/** 64 zero bytes (PSS's 8-byte prefix; the zero digest of the PKCS#1 constants). */
const ZEROS: usize = memory.data(HASH_MAX_LEN, 8);
/** e - 1 for the PKCS#1 constants (e has at most 8 bytes). */
const E_MINUS_1: usize = memory.data(8, 8);

/** DER DigestInfo prefixes (RFC 8017 §9.2 note 1), each followed by the digest. */
const DI_SHA1: usize = memory.data<u8>([
  0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
]);
const DI_SHA256: usize = memory.data<u8>([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
  0x20,
]);
const DI_SHA384: usize = memory.data<u8>([
  0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04,
  0x30,
]);
const DI_SHA512: usize = memory.data<u8>([
  0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04,
  0x40,
]);

/** Key of the last rsaKey call: modulus bytes k and bits, exponent bytes and value, cache slot. */
let gK: i32 = 0;
let gBits: i32 = 0;
let gE: usize = 0;
let gEBytes: i32 = 0;
let gEValue: u64 = 0;
let gSlot: i32 = -1;

/** Skips leading zero bytes: returns the pointer to the first nonzero byte and sets gStripLen. */
let gStripLen: i32 = 0;
function stripZeros(p: usize, len: i32): usize {
  while (len > 0 && load<u8>(p) === 0) {
    p++;
    len--;
  }
  gStripLen = len;
  return p;
}

/**
 * Checks the key (n, e) and the signature length and range; on success makes n the current
 * Montgomery context (through the key cache, crypto/rsa-key-cache.ts) and sets gK, gBits, gE,
 * gEBytes, gEValue and gSlot. `minK` is the smallest k for which the scheme can produce a valid
 * block (checked before any arithmetic).
 */
function rsaKey(n: usize, nLen: i32, e: usize, eLen: i32, sig: usize, sigLen: i32, minK: i32): i32 {
  n = stripZeros(n, nLen);
  const k = gStripLen;
  const bits = bytesBitLength(n, k);
  if (bits < RSA_MIN_BITS || bits > RSA_PORTABLE_MAX_BITS || (load<u8>(n + <usize>(k - 1)) & 1) === 0) {
    return Err.BAD_PUBLIC_KEY;
  }
  // A constant false in the portable build, where both limits are 8192 bits.
  if (RSA_MAX_BITS < RSA_PORTABLE_MAX_BITS && bits > RSA_MAX_BITS) return Err.UNSUPPORTED_ALGORITHM;
  e = stripZeros(e, eLen);
  const eBytes = gStripLen;
  if (eBytes > RSA_MAX_E_BITS / 8) return Err.BAD_PUBLIC_KEY;
  let value: u64 = 0;
  for (let j = 0; j < eBytes; j++) value = (value << 8) | <u64>load<u8>(e + <usize>j);
  // e < 2^64 < 2^512 <= n.
  if (value < 3 || (value & 1) === 0) return Err.BAD_PUBLIC_KEY;
  if (sigLen !== k || k < minK) return Err.BAD_SIGNATURE;
  // s < n, comparing the two k-byte big-endian strings.
  let i = 0;
  while (i < k && load<u8>(sig + <usize>i) === load<u8>(n + <usize>i)) i++;
  if (i === k || load<u8>(sig + <usize>i) > load<u8>(n + <usize>i)) return Err.BAD_SIGNATURE;
  gK = k;
  gBits = bits;
  gE = e;
  gEBytes = eBytes;
  gEValue = value;
  gSlot = keyContext(n, k, limbsFor(bits));
  return Err.OK;
}

/**
 * EM' = 00 01 FF..FF 00 || DigestInfo || digest, the EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2)
 * of a hLen-byte digest in k = gK bytes, at EM.
 */
function pkcs1Encode(prefix: usize, pLen: i32, digest: usize, hLen: i32): void {
  const k = gK;
  const psEnd = k - pLen - hLen - 1;
  store<u16>(EM, 0x0100);
  memory.fill(EM + 2, 0xff, <usize>(psEnd - 2));
  store<u8>(EM + <usize>psEnd, 0);
  memory.copy(EM + <usize>(psEnd + 1), prefix, <usize>pLen);
  memory.copy(EM + <usize>(k - hLen), digest, <usize>hLen);
}

/** Limbs of a digest of hLen bytes, rounded up to even (h in the PKCS#1 constants). */
function digestLimbs(hLen: i32): i32 {
  return ((hLen * 8 + LIMB_BITS - 1) / LIMB_BITS + 1) & ~1;
}

// ---- PKCS#1 v1.5 without the Montgomery-domain entry ---------------------------------------------
//
// With K = R^(1-e) mod n, the twisted exponentiation (montExp, twisted = true) gives
// v = s^e K mod n straight from s, with no conversion into the Montgomery domain (the long
// division, ~8% of a 2048-bit verification). The signature is valid iff s^e = EM' mod n for the
// expected encoding EM' (EM' < n: its top byte is 0), i.e. iff v = EM' K mod n (K is invertible,
// n being odd). EM' = P + H, with P the encoding with a zero digest (fixed per key and hash) and H
// the digest, so EM' K = P' + H K_h B^-h with the per-key constants P' = P K and K_h = K B^h
// (B = 2^30, h = digest limbs): montShortSum computes that with 2 h N limb products, where a
// conversion costs 2 N^2. Both sides are reduced mod n and compared limb by limb.

/**
 * Computes the constants P' and K_h of slot `slot` for the current key and hash, with EM holding
 * P (the encoding of a zero digest).
 */
function pkcs1Constants(slot: i32, hLen: i32): void {
  const N = limbsFor(gBits);
  // K R = R^(2-e): the twisted power of 1 to e - 1 (e is odd: clear its low bit).
  memory.copy(E_MINUS_1, gE, <usize>gEBytes);
  const last = E_MINUS_1 + <usize>(gEBytes - 1);
  store<u8>(last, load<u8>(last) & 0xfe);
  bnPowB(BN_A, 0, N);
  montExp(BN_B, BN_A, E_MINUS_1, gEBytes, true);
  // P' = M(P, K R) = P K.
  bnFromBytes(BN_A, EM, gK, N);
  for (let c = 0; c < 2; c++) {
    montMul(BN_A, BN_A, BN_B);
    montFinal(BN_A);
    memory.copy(c === 0 ? slotScaledPrefix(slot) : slotScaledUnit(slot), BN_A, (<usize>N) << 2);
    // Then K_h = M(B^h, K R) = K B^h (B^h <= 2^(8 hLen + 60) < n, as k >= hLen + 26).
    bnPowB(BN_A, digestLimbs(hLen), N);
  }
}

/** DigestInfo prefix for `hashAlg` (length 15 for SHA-1, 19 otherwise), or 0. */
function digestInfoPrefix(hashAlg: i32): usize {
  switch (hashAlg) {
    case 1:
      return DI_SHA1;
    case 2:
      return DI_SHA256;
    case 3:
      return DI_SHA384;
    case 4:
      return DI_SHA512;
  }
  return 0;
}

/**
 * Verifies an RSASSA-PKCS1-v1_5 signature (RFC 8017 §8.2.2) over a message whose `hashAlg`
 * digest is at `digest` (hashLen(hashAlg) bytes). n and e are big-endian unsigned byte strings
 * (leading zeros allowed). Returns Err.OK, Err.BAD_SIGNATURE, Err.BAD_PUBLIC_KEY or
 * Err.UNSUPPORTED_ALGORITHM (unknown hashAlg). Pointers are trusted (internal entry point; the
 * host-facing one is abiRsaVerifyPkcs1v15).
 */
export function rsaVerifyPkcs1v15(
  n: usize,
  nLen: i32,
  e: usize,
  eLen: i32,
  hashAlg: i32,
  digest: usize,
  sig: usize,
  sigLen: i32,
): i32 {
  const hLen = hashLen(hashAlg);
  if (hLen === 0) return Err.UNSUPPORTED_ALGORITHM;
  const prefix = digestInfoPrefix(hashAlg);
  const pLen = hashAlg === 1 ? 15 : 19;
  const tLen = pLen + hLen;
  // EMSA-PKCS1-v1_5 needs at least 8 bytes of 0xFF padding: k >= tLen + 11 (§9.2 step 3).
  const r = rsaKey(n, nLen, e, eLen, sig, sigLen, tLen + 11);
  if (r !== Err.OK) return r;
  const N = limbsFor(gBits);
  const slot = gSlot;
  const state = slot >= 0 ? slotConstantsState(slot, gEValue, hashAlg) : 0;
  if (state !== 1) {
    // EM = the expected encoding (state 0), or the one of a zero digest for the constants.
    pkcs1Encode(prefix, pLen, state === 2 ? ZEROS : digest, hLen);
    if (state === 2) {
      pkcs1Constants(slot, hLen);
      slotConstantsSet(slot, gEValue, hashAlg);
    }
  }
  // BN_B = s^e mod n, or s^e K mod n with the constants; BN_A = what it must equal.
  bnFromBytes(BN_A, sig, gK, N);
  montExp(BN_B, BN_A, gE, gEBytes, state !== 0);
  if (state !== 0) {
    const h = digestLimbs(hLen);
    bnFromBytes(BN_A, digest, hLen, h);
    montShortSum(BN_A, slotScaledPrefix(slot), BN_A, h, slotScaledUnit(slot));
  } else bnFromBytes(BN_A, EM, gK, N);
  // Both are reduced mod n: equal limbs iff s^e mod n = EM', i.e. the whole k-byte block matches.
  return bnCmp(BN_A, BN_B, N) === 0 ? Err.OK : Err.BAD_SIGNATURE;
}

/**
 * dst[0 .. len) ^= MGF1(seed[0 .. seedLen), len) with hash `alg` (RFC 8017 §B.2.1): the
 * concatenation of Hash(seed || C) for the 4-byte big-endian counters C = 0, 1, ...
 */
function mgf1Xor(alg: i32, seed: usize, seedLen: i32, dst: usize, len: i32): void {
  const hLen = hashLen(alg);
  let done = 0;
  for (let c: u32 = 0; done < len; c++) {
    store<u32>(MGF_COUNTER, bswap<u32>(c));
    hashDigest2(alg, seed, <usize>seedLen, MGF_COUNTER, 4, MGF_BLOCK);
    const take = min(hLen, len - done);
    for (let i = 0; i < take; i++) {
      const p = dst + <usize>(done + i);
      store<u8>(p, load<u8>(p) ^ load<u8>(MGF_BLOCK + <usize>i));
    }
    done += take;
  }
}

/**
 * Verifies an RSASSA-PSS signature (RFC 8017 §8.1.2 / EMSA-PSS-VERIFY §9.1.2) over a message
 * whose `hashAlg` digest is at `digest`, with MGF1 over `mgf1HashAlg` and a salt of exactly
 * `saltLen` bytes (from the algorithm parameters). The trailer field is 0xBC. Returns Err.OK,
 * Err.BAD_SIGNATURE, Err.BAD_PUBLIC_KEY, Err.UNSUPPORTED_ALGORITHM (unknown hash) or
 * Err.INVALID_ARGUMENT (saltLen < 0). Pointers are trusted (see abiRsaVerifyPss).
 */
export function rsaVerifyPss(
  n: usize,
  nLen: i32,
  e: usize,
  eLen: i32,
  hashAlg: i32,
  mgf1HashAlg: i32,
  saltLen: i32,
  digest: usize,
  sig: usize,
  sigLen: i32,
): i32 {
  const hLen = hashLen(hashAlg);
  if (hLen === 0 || hashLen(mgf1HashAlg) === 0) return Err.UNSUPPORTED_ALGORITHM;
  if (saltLen < 0) return Err.INVALID_ARGUMENT;
  // emLen >= hLen + sLen + 2 (§9.1.2 step 3) with emLen <= k: checked on k before the
  // exponentiation, then exactly on emLen below.
  const minK = saltLen > RSA_MAX_BITS / 8 ? RSA_MAX_BITS : hLen + saltLen + 2;
  const r = rsaKey(n, nLen, e, eLen, sig, sigLen, minK);
  if (r !== Err.OK) return r;
  // EM = s^e mod n as a k-byte string.
  const N = limbsFor(gBits);
  bnFromBytes(BN_A, sig, gK, N);
  montExp(BN_B, BN_A, gE, gEBytes);
  bnToBytes(EM, gK, BN_B, N);
  // emBits = modBits - 1; emLen = ceil(emBits / 8) is k - 1 when modBits = 8 k' + 1, and then
  // the top byte of the k-byte I2OSP must be zero (§8.1.2 step 2c: m < 256^emLen).
  const emBits = gBits - 1;
  const emLen = (emBits + 7) >> 3;
  let em = EM;
  if (emLen < gK) {
    if (load<u8>(EM) !== 0) return Err.BAD_SIGNATURE;
    em++;
  }
  if (emLen < hLen + saltLen + 2) return Err.BAD_SIGNATURE;
  if (load<u8>(em + <usize>(emLen - 1)) !== 0xbc) return Err.BAD_SIGNATURE;
  const dbLen = emLen - hLen - 1;
  const hPtr = em + <usize>dbLen;
  // The leftmost 8 emLen - emBits bits of maskedDB must be zero.
  const topMask: i32 = 0xff >> (8 * emLen - emBits);
  if ((<i32>load<u8>(em) & ~topMask) !== 0) return Err.BAD_SIGNATURE;
  // DB = maskedDB xor MGF1(H), in place; then clear the same leftmost bits.
  mgf1Xor(mgf1HashAlg, hPtr, hLen, em, dbLen);
  store<u8>(em, <u8>(<i32>load<u8>(em) & topMask));
  // DB = PS (zeros) || 0x01 || salt.
  const psLen = dbLen - saltLen - 1;
  for (let i = 0; i < psLen; i++) if (load<u8>(em + <usize>i) !== 0) return Err.BAD_SIGNATURE;
  if (load<u8>(em + <usize>psLen) !== 0x01) return Err.BAD_SIGNATURE;
  // H' = Hash(00 x 8 || mHash || salt) must equal H.
  hashInit(PSS_CTX, hashAlg);
  hashUpdate(PSS_CTX, ZEROS, 8);
  hashUpdate(PSS_CTX, digest, <usize>hLen);
  hashUpdate(PSS_CTX, em + <usize>(dbLen - saltLen), <usize>saltLen);
  hashFinal(PSS_CTX, PSS_H);
  for (let i = 0; i < hLen; i++)
    if (load<u8>(PSS_H + <usize>i) !== load<u8>(hPtr + <usize>i)) return Err.BAD_SIGNATURE;
  return Err.OK;
}

/** True when the byte range [p, p + len) with len >= 0 lies in the IO area. */
function ioRange(p: usize, len: i32): bool {
  return len >= 0 && inIoArea(p, <usize>len);
}

/**
 * The checks of both host-facing entries: known hashes (else Err.UNSUPPORTED_ALGORITHM), then
 * every range in the IO area (else Err.INVALID_ARGUMENT), so garbage pointers never trap.
 */
function abiCheck(
  n: usize,
  nLen: i32,
  e: usize,
  eLen: i32,
  hashAlg: i32,
  mgf1HashAlg: i32,
  digest: usize,
  sig: usize,
  sigLen: i32,
): i32 {
  const hLen = hashLen(hashAlg);
  if (hLen === 0 || hashLen(mgf1HashAlg) === 0) return Err.UNSUPPORTED_ALGORITHM;
  if (!ioRange(n, nLen) || !ioRange(e, eLen) || !ioRange(digest, hLen) || !ioRange(sig, sigLen)) {
    return Err.INVALID_ARGUMENT;
  }
  return Err.OK;
}

/** [rsaVerifyPkcs1v15] Host-facing entry: as rsaVerifyPkcs1v15, after abiCheck. */
export function abiRsaVerifyPkcs1v15(
  n: usize,
  nLen: i32,
  e: usize,
  eLen: i32,
  hashAlg: i32,
  digest: usize,
  sig: usize,
  sigLen: i32,
): i32 {
  const r = abiCheck(n, nLen, e, eLen, hashAlg, hashAlg, digest, sig, sigLen);
  return r !== Err.OK ? r : rsaVerifyPkcs1v15(n, nLen, e, eLen, hashAlg, digest, sig, sigLen);
}

/** [rsaVerifyPss] Host-facing entry: as rsaVerifyPss, after abiCheck. */
export function abiRsaVerifyPss(
  n: usize,
  nLen: i32,
  e: usize,
  eLen: i32,
  hashAlg: i32,
  mgf1HashAlg: i32,
  saltLen: i32,
  digest: usize,
  sig: usize,
  sigLen: i32,
): i32 {
  const r = abiCheck(n, nLen, e, eLen, hashAlg, mgf1HashAlg, digest, sig, sigLen);
  return r !== Err.OK
    ? r
    : rsaVerifyPss(n, nLen, e, eLen, hashAlg, mgf1HashAlg, saltLen, digest, sig, sigLen);
}
