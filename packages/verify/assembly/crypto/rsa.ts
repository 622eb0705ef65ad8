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
import { Err } from '../errors.generated';
import { inIoArea } from '../io';
import {
  BN_A,
  BN_B,
  BN_N,
  bnFromBytes,
  bnToBytes,
  bytesBitLength,
  limbsFor,
  montExp,
  montSetup,
} from './bigint';
import { HASH_CTX_SIZE, HASH_MAX_LEN, hashDigest2, hashFinal, hashInit, hashLen, hashUpdate } from './hash';

/** Smallest modulus accepted, in bits. */
export const RSA_MIN_BITS: i32 = 512;
/** Largest modulus accepted, in bits. */
export const RSA_MAX_BITS: i32 = 8192;
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
const ZEROS8: usize = memory.data(8, 8);

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

/** Modulus of the last rsaPublic call: significant bytes k and bits. */
let gK: i32 = 0;
let gBits: i32 = 0;

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
 * Checks the key (n, e) and the signature length and range; on success computes
 * EM = s^e mod n as a k-byte string at EM and sets gK / gBits. `minK` is the smallest k for
 * which the scheme can produce a valid block (checked before the exponentiation).
 */
function rsaPublic(n: usize, nLen: i32, e: usize, eLen: i32, sig: usize, sigLen: i32, minK: i32): i32 {
  n = stripZeros(n, nLen);
  const k = gStripLen;
  const bits = bytesBitLength(n, k);
  if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS || (load<u8>(n + <usize>(k - 1)) & 1) === 0) {
    return Err.BAD_PUBLIC_KEY;
  }
  e = stripZeros(e, eLen);
  const eBytes = gStripLen;
  const eBits = bytesBitLength(e, eBytes);
  // eBits >= 2 with e odd means e >= 3; eBits <= 64 < 512 <= bits means e < n.
  if (eBits < 2 || eBits > RSA_MAX_E_BITS || (load<u8>(e + <usize>(eBytes - 1)) & 1) === 0) {
    return Err.BAD_PUBLIC_KEY;
  }
  if (sigLen !== k || k < minK) return Err.BAD_SIGNATURE;
  // s < n, comparing the two k-byte big-endian strings.
  let i = 0;
  while (i < k && load<u8>(sig + <usize>i) === load<u8>(n + <usize>i)) i++;
  if (i === k || load<u8>(sig + <usize>i) > load<u8>(n + <usize>i)) return Err.BAD_SIGNATURE;
  const N = limbsFor(bits);
  bnFromBytes(BN_N, n, k, N);
  montSetup(N);
  bnFromBytes(BN_A, sig, k, N);
  montExp(BN_B, BN_A, e, eBytes);
  bnToBytes(EM, k, BN_B, N);
  gK = k;
  gBits = bits;
  return Err.OK;
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
  const r = rsaPublic(n, nLen, e, eLen, sig, sigLen, tLen + 11);
  if (r !== Err.OK) return r;
  const k = gK;
  // EM = 00 01 FF..FF 00 || prefix || digest, compared byte for byte over all k bytes.
  const psEnd = k - tLen - 1;
  if (load<u8>(EM) !== 0 || load<u8>(EM, 1) !== 1 || load<u8>(EM + <usize>psEnd) !== 0)
    return Err.BAD_SIGNATURE;
  for (let i = 2; i < psEnd; i++) if (load<u8>(EM + <usize>i) !== 0xff) return Err.BAD_SIGNATURE;
  const t = EM + <usize>(psEnd + 1);
  for (let i = 0; i < pLen; i++)
    if (load<u8>(t + <usize>i) !== load<u8>(prefix + <usize>i)) return Err.BAD_SIGNATURE;
  const h = t + <usize>pLen;
  for (let i = 0; i < hLen; i++)
    if (load<u8>(h + <usize>i) !== load<u8>(digest + <usize>i)) return Err.BAD_SIGNATURE;
  return Err.OK;
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
  const r = rsaPublic(n, nLen, e, eLen, sig, sigLen, minK);
  if (r !== Err.OK) return r;
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
  hashUpdate(PSS_CTX, ZEROS8, 8);
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
 * [rsaVerifyPkcs1v15] Host-facing entry: as rsaVerifyPkcs1v15, after checking that every range
 * lies in the IO area (Err.INVALID_ARGUMENT otherwise), so garbage pointers never trap.
 */
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
  const hLen = hashLen(hashAlg);
  if (hLen === 0) return Err.UNSUPPORTED_ALGORITHM;
  if (!ioRange(n, nLen) || !ioRange(e, eLen) || !ioRange(digest, hLen) || !ioRange(sig, sigLen)) {
    return Err.INVALID_ARGUMENT;
  }
  return rsaVerifyPkcs1v15(n, nLen, e, eLen, hashAlg, digest, sig, sigLen);
}

/**
 * [rsaVerifyPss] Host-facing entry: as rsaVerifyPss, after checking that every range lies in the
 * IO area (Err.INVALID_ARGUMENT otherwise).
 */
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
  const hLen = hashLen(hashAlg);
  if (hLen === 0 || hashLen(mgf1HashAlg) === 0) return Err.UNSUPPORTED_ALGORITHM;
  if (!ioRange(n, nLen) || !ioRange(e, eLen) || !ioRange(digest, hLen) || !ioRange(sig, sigLen)) {
    return Err.INVALID_ARGUMENT;
  }
  return rsaVerifyPss(n, nLen, e, eLen, hashAlg, mgf1HashAlg, saltLen, digest, sig, sigLen);
}
