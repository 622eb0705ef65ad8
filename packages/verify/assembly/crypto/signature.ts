// Signature dispatcher: (algorithm, public key, data, signature) -> Err, over the primitives
// (crypto/rsa.ts, crypto/ecdsa.ts, crypto/ed25519.ts) and the hash dispatcher (crypto/hash.ts).
//
// Entry points:
// - verifySignature (host ABI): the key as SubjectPublicKeyInfo DER, the signature as it appears in
//   X.509 (DER ECDSA-Sig-Value for ECDSA, raw octets otherwise).
// - sigVerifyCert (path building): the signature on the certificate in slot `subject`, checked
//   with the public key of the certificate in slot `issuer` (both decoded by x509Decode).
//
// Results: Err.OK (valid); Err.BAD_SIGNATURE (does not verify, including any malformed signature
// value: wrong length, BER or non-minimal DER, trailing bytes, r or s out of range); and, for
// inputs that cannot be checked at all: MALFORMED (SPKI not well-formed DER), BAD_PUBLIC_KEY
// (point off the curve, bad RSA modulus/exponent), KEY_ALGORITHM_MISMATCH (key type does not fit
// the algorithm, or an RSASSA-PSS key's parameters forbid this signature),
// UNSUPPORTED_ALGORITHM (unknown algorithm, hash, curve or key type), WEAK_SIGNATURE_ALGORITHM
// (MD5/MD2: recognised, never verified).
//
// Algorithm/key rules:
// - RSASSA-PKCS1-v1_5: an rsaEncryption key. An id-RSASSA-PSS key is for PSS only (RFC 4055 §1.2).
// - RSASSA-PSS: an rsaEncryption key, or an id-RSASSA-PSS key. When that key carries
//   RSASSA-PSS-params they bind it (RFC 4055 §3.1): the hash and the MGF1 hash must be the ones in
//   the key and the salt length at least the key's; otherwise KEY_ALGORITHM_MISMATCH.
// - ECDSA: an id-ecPublicKey key on P-256 or P-384, with any of SHA-1/256/384/512 (the digest is
//   truncated to the curve size as FIPS 186-5 says; the primitive does it).
// - Ed25519: an id-Ed25519 key; no hash (PureEdDSA over the data).
// The dispatcher verifies SHA-1 signatures; refusing them is path policy (allowSha1 option).
// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports

import { WITH_ED25519 } from '../build-options';
import { derUnsigned, uintLen, uintPtr } from '../der/primitives';
import { derRead, TAG_INTEGER, TAG_SEQUENCE, tlvEnd, tlvLen, tlvTag, tlvVal } from '../der/reader';
import { Err } from '../errors.generated';
import { inIoArea } from '../io';
import { algHash, algMgf1Hash, algSaltLen, pssParams } from '../x509/algorithm';
import {
  Cert,
  CF_DECODED,
  CURVE_P256,
  CURVE_P384,
  certAt,
  HASH_MD2,
  HASH_MD5,
  HASH_NONE,
  HASH_SHA1,
  HASH_SHA512,
  KEY_EC,
  KEY_ED25519,
  KEY_RSA,
  KEY_RSA_PSS,
  MAX_CERTS,
  SIG_ECDSA,
  SIG_ED25519,
  SIG_RSA_PKCS1,
  SIG_RSA_PSS,
} from '../x509/cert';
import {
  spkiCurve,
  spkiData,
  spkiDataLen,
  spkiExp,
  spkiExpLen,
  spkiKeyType,
  spkiParams,
  spkiParamsLen,
  spkiParse,
} from '../x509/spki';
import { ecdsaVerify } from './ecdsa';
import { ed25519Verify } from './ed25519';
import { hashDigest } from './hash';
import { rsaVerifyPkcs1v15, rsaVerifyPss } from './rsa';

/** Digest scratch (largest digest: SHA-512). */
const DIGEST = memory.data(64, 16);

/**
 * Core check, with the key already decoded (fields as in Cert).
 * `kind`: SIG_*; `hash`, `mgf1Hash`: HASH_* (mgf1Hash and saltLen used by PSS only).
 */
export function sigVerifyKey(
  kind: u32,
  hash: u32,
  mgf1Hash: u32,
  saltLen: u32,
  keyType: u32,
  keyCurve: u32,
  keyData: usize,
  keyDataLen: u32,
  keyExp: usize,
  keyExpLen: u32,
  keyParams: usize,
  keyParamsLen: u32,
  data: usize,
  dataLen: u32,
  sig: usize,
  sigLen: u32,
): Err {
  if (hash === HASH_MD5 || hash === HASH_MD2) return Err.WEAK_SIGNATURE_ALGORITHM;
  if (kind === SIG_ED25519) {
    if (keyType !== KEY_ED25519)
      return keyType === 0 ? Err.UNSUPPORTED_ALGORITHM : Err.KEY_ALGORITHM_MISMATCH;
    if (hash !== HASH_NONE) return Err.UNSUPPORTED_ALGORITHM;
    if (sigLen !== 64) return Err.BAD_SIGNATURE;
    // A build without Ed25519 (build-options.ts) knows the algorithm but does not verify it.
    if (!WITH_ED25519) return Err.UNSUPPORTED_ALGORITHM;
    return <Err>ed25519Verify(keyData, data, dataLen, sig);
  }
  // Every other kind signs a digest.
  if (kind !== SIG_RSA_PKCS1 && kind !== SIG_RSA_PSS && kind !== SIG_ECDSA) return Err.UNSUPPORTED_ALGORITHM;
  if (hash < HASH_SHA1 || hash > HASH_SHA512) return Err.UNSUPPORTED_ALGORITHM;
  if (kind === SIG_ECDSA) {
    if (keyType !== KEY_EC) return keyType === 0 ? Err.UNSUPPORTED_ALGORITHM : Err.KEY_ALGORITHM_MISMATCH;
    if (keyCurve !== CURVE_P256 && keyCurve !== CURVE_P384) return Err.UNSUPPORTED_ALGORITHM;
  } else if (kind === SIG_RSA_PKCS1) {
    if (keyType !== KEY_RSA) return keyType === 0 ? Err.UNSUPPORTED_ALGORITHM : Err.KEY_ALGORITHM_MISMATCH;
  } else {
    if (mgf1Hash < HASH_SHA1 || mgf1Hash > HASH_SHA512) return Err.UNSUPPORTED_ALGORITHM;
    if (keyType === KEY_RSA_PSS) {
      if (keyParamsLen !== 0) {
        // keyParams is the RSASSA-PSS-params TLV the decoder already checked.
        if (derRead(keyParams, keyParams + keyParamsLen) !== Err.OK || pssParams(tlvVal, tlvLen) !== Err.OK) {
          return Err.MALFORMED;
        }
        if (algHash !== hash || algMgf1Hash !== mgf1Hash || saltLen < algSaltLen)
          return Err.KEY_ALGORITHM_MISMATCH;
      }
    } else if (keyType !== KEY_RSA) {
      return keyType === 0 ? Err.UNSUPPORTED_ALGORITHM : Err.KEY_ALGORITHM_MISMATCH;
    }
  }
  const dLen = hashDigest(<i32>hash, data, dataLen, DIGEST);
  if (dLen === 0) return Err.UNSUPPORTED_ALGORITHM;
  if (kind === SIG_ECDSA) {
    // ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, strict DER, nothing after it.
    const end = sig + sigLen;
    if (derRead(sig, end) !== Err.OK || tlvTag !== TAG_SEQUENCE || tlvEnd !== end) return Err.BAD_SIGNATURE;
    const seqEnd = tlvEnd;
    if (derRead(tlvVal, seqEnd) !== Err.OK || tlvTag !== TAG_INTEGER) return Err.BAD_SIGNATURE;
    const sPos = tlvEnd;
    if (derUnsigned(tlvVal, tlvLen) !== Err.OK) return Err.BAD_SIGNATURE;
    const r = uintPtr;
    const rLen = uintLen;
    if (derRead(sPos, seqEnd) !== Err.OK || tlvTag !== TAG_INTEGER || tlvEnd !== seqEnd)
      return Err.BAD_SIGNATURE;
    if (derUnsigned(tlvVal, tlvLen) !== Err.OK) return Err.BAD_SIGNATURE;
    return <Err>(
      ecdsaVerify(<i32>keyCurve, keyData, <i32>keyDataLen, DIGEST, dLen, r, <i32>rLen, uintPtr, <i32>uintLen)
    );
  }
  if (kind === SIG_RSA_PKCS1) {
    return <Err>(
      rsaVerifyPkcs1v15(keyData, <i32>keyDataLen, keyExp, <i32>keyExpLen, <i32>hash, DIGEST, sig, <i32>sigLen)
    );
  }
  return <Err>(
    rsaVerifyPss(
      keyData,
      <i32>keyDataLen,
      keyExp,
      <i32>keyExpLen,
      <i32>hash,
      <i32>mgf1Hash,
      <i32>saltLen,
      DIGEST,
      sig,
      <i32>sigLen,
    )
  );
}

/**
 * Verifies `sig` over `data` with the SubjectPublicKeyInfo DER [spki, spki+spkiLen).
 * `kind`: 1 RSASSA-PKCS1-v1_5, 2 RSASSA-PSS, 3 ECDSA, 4 Ed25519 (SIG_* in x509/cert.ts);
 * `hash`, `mgf1Hash`: 1 SHA-1, 2 SHA-256, 3 SHA-384, 4 SHA-512 (0 for Ed25519);
 * `saltLen`: PSS salt length in octets. Returns an Err (see the top of this file).
 */
export function verifySignature(
  kind: u32,
  hash: u32,
  mgf1Hash: u32,
  saltLen: u32,
  spki: usize,
  spkiLen: u32,
  data: usize,
  dataLen: u32,
  sig: usize,
  sigLen: u32,
): Err {
  if (spkiParse(spki, spkiLen) !== Err.OK) return Err.MALFORMED;
  return sigVerifyKey(
    kind,
    hash,
    mgf1Hash,
    saltLen,
    spkiKeyType,
    spkiCurve,
    spkiData,
    spkiDataLen,
    spkiExp,
    spkiExpLen,
    spkiParams,
    spkiParamsLen,
    data,
    dataLen,
    sig,
    sigLen,
  );
}

/**
 * Host entry point of verifySignature: the same, after checking that every range lies inside
 * the IO area (INVALID_ARGUMENT otherwise). The host writes SPKI, data and signature into the
 * IO area (ioReserve) and passes their addresses.
 */
export function abiVerifySignature(
  kind: u32,
  hash: u32,
  mgf1Hash: u32,
  saltLen: u32,
  spki: usize,
  spkiLen: u32,
  data: usize,
  dataLen: u32,
  sig: usize,
  sigLen: u32,
): Err {
  if (!inIoArea(spki, spkiLen) || !inIoArea(data, dataLen) || !inIoArea(sig, sigLen))
    return Err.INVALID_ARGUMENT;
  return verifySignature(kind, hash, mgf1Hash, saltLen, spki, spkiLen, data, dataLen, sig, sigLen);
}

/**
 * Verifies the signature of the certificate in slot `subject` with the public key of the
 * certificate in slot `issuer` (both decoded by x509Decode, CF_DECODED set; otherwise
 * INVALID_ARGUMENT). The signed bytes are the subject's TBSCertificate; algorithm and parameters
 * come from its (inner == outer) signature AlgorithmIdentifier.
 */
export function sigVerifyCert(subject: u32, issuer: u32): Err {
  if (subject >= MAX_CERTS || issuer >= MAX_CERTS) return Err.INVALID_ARGUMENT;
  const s: Cert = certAt(subject);
  const i: Cert = certAt(issuer);
  if ((s.flags & CF_DECODED) === 0 || (i.flags & CF_DECODED) === 0) return Err.INVALID_ARGUMENT;
  return sigVerifyKey(
    s.sigAlg,
    s.sigHash,
    s.pssMgf1Hash,
    s.pssSaltLen,
    i.keyType,
    i.keyCurve,
    i.keyData,
    i.keyDataLen,
    i.keyExp,
    i.keyExpLen,
    i.keyParams,
    i.keyParamsLen,
    s.tbs,
    s.tbsLen,
    s.sigValue,
    s.sigValueLen,
  );
}
