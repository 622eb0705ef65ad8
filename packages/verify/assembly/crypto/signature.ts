// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Signature dispatcher: (algorithm, public key, data, signature) -> Err, over the primitives
// (crypto/rsa.ts, crypto/ecdsa.ts, crypto/ed25519.ts) and the hash dispatcher (crypto/hash.ts).
//
// Entry points:
// - verifySignature (host ABI): the key as SubjectPublicKeyInfo DER, the signature as it appears in
//   X.509 (DER ECDSA-Sig-Value for ECDSA, raw octets otherwise).
// - sigVerifyCert (path building): the signature on a decoded certificate, checked with the public
//   key of its candidate issuer (both Cert records filled by x509Decode).
// Both end in sigVerify, which takes the algorithm and the key as records (SigParams, Key: inside
// a Cert, or standalone for the host entry) rather than as a dozen scalars.
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

import {
  Cert,
  CF_DECODED,
  CURVE_P256,
  CURVE_P384,
  CURVE_P521,
  Err,
  HASH_MD2,
  HASH_MD5,
  HASH_NONE,
  HASH_SHA1,
  HASH_SHA512,
  KEY_EC,
  KEY_ED25519,
  KEY_RSA,
  KEY_RSA_PSS,
  Key,
  MAX_CERTS,
  SIG_ECDSA,
  SIG_ED25519,
  SIG_RSA_PKCS1,
  SIG_RSA_PSS,
  SigParams,
  staticKey,
  staticSigParams,
  staticTlv,
} from '../abi.generated';
import { WITH_ED25519, WITH_P521 } from '../build-options';
import { derUnsigned } from '../der/primitives';
import { derRead, TAG_INTEGER, TAG_SEQUENCE } from '../der/reader';
import { inIoArea } from '../io';
import { OUTCOME_OK } from '../outcome';
import { pssParams } from '../x509/algorithm';
import { certAt } from '../x509/cert';
import { spkiParse } from '../x509/spki';
import { ecdsaVerify } from './ecdsa';
import { ed25519Verify } from './ed25519';
import { hashDigest } from './hash';
import { rsaVerifyPkcs1v15, rsaVerifyPss } from './rsa';

/** Digest scratch (largest digest: SHA-512). */
const DIGEST = memory.data(64, 16);
/** An RSASSA-PSS key's own parameters, parsed to bind the signature's (RFC 4055 §3.1). */
const keyPss = staticSigParams();
const keyParamsTlv = staticTlv();
const sigSeq = staticTlv();
const sigR = staticTlv();
const sigS = staticTlv();

/** Whether this build verifies ECDSA on the named curve (Cert/Key keyCurve): P-256, P-384, P-521 (build-options.ts). */
export function curveSupported(curve: u32): bool {
  return curve === CURVE_P256 || curve === CURVE_P384 || (WITH_P521 && curve === CURVE_P521);
}

/** A key of the wrong type: unsupported when the type is unknown, a mismatch otherwise. */
function wrongKey(keyType: u32): Err {
  return keyType === 0 ? Err.UNSUPPORTED_ALGORITHM : Err.KEY_ALGORITHM_MISMATCH;
}

/** Whether the key fits the algorithm: OK, KEY_ALGORITHM_MISMATCH, UNSUPPORTED_ALGORITHM or MALFORMED. */
function keyFits(alg: SigParams, key: Key): Err {
  const kind = alg.sigAlg;
  const keyType = key.keyType;
  if (kind === SIG_ECDSA) {
    if (keyType !== KEY_EC) return wrongKey(keyType);
    if (!curveSupported(key.keyCurve)) return Err.UNSUPPORTED_ALGORITHM;
  } else if (kind === SIG_RSA_PKCS1) {
    if (keyType !== KEY_RSA) return wrongKey(keyType);
  } else {
    const mgf1Hash = alg.pssMgf1Hash;
    if (mgf1Hash < HASH_SHA1 || mgf1Hash > HASH_SHA512) return Err.UNSUPPORTED_ALGORITHM;
    if (keyType === KEY_RSA_PSS) {
      if (key.keyParamsLen !== 0) {
        // keyParams is the RSASSA-PSS-params TLV the decoder already checked.
        const t = keyParamsTlv;
        if (
          derRead(t, key.keyParams, key.keyParams + key.keyParamsLen) !== Err.OK ||
          pssParams(keyPss, t.val, t.len) !== OUTCOME_OK
        ) {
          return Err.MALFORMED;
        }
        if (
          keyPss.sigHash !== alg.sigHash ||
          keyPss.pssMgf1Hash !== mgf1Hash ||
          alg.pssSaltLen < keyPss.pssSaltLen
        )
          return Err.KEY_ALGORITHM_MISMATCH;
      }
    } else if (keyType !== KEY_RSA) {
      return wrongKey(keyType);
    }
  }
  return Err.OK;
}

/**
 * Verifies `sig` over `data` with algorithm `alg` and the decoded public key `key`. Returns an Err
 * (see the top of this file).
 */
export function sigVerify(alg: SigParams, key: Key, data: usize, dataLen: u32, sig: usize, sigLen: u32): Err {
  const kind = alg.sigAlg;
  const hash = alg.sigHash;
  if (hash === HASH_MD5 || hash === HASH_MD2) return Err.WEAK_SIGNATURE_ALGORITHM;
  if (kind === SIG_ED25519) {
    const keyType = key.keyType;
    if (keyType !== KEY_ED25519) return wrongKey(keyType);
    if (hash !== HASH_NONE) return Err.UNSUPPORTED_ALGORITHM;
    if (sigLen !== 64) return Err.BAD_SIGNATURE;
    // A build without Ed25519 (build-options.ts) knows the algorithm but does not verify it.
    if (!WITH_ED25519) return Err.UNSUPPORTED_ALGORITHM;
    return <Err>ed25519Verify(key.keyData, data, dataLen, sig);
  }
  // Every other kind signs a digest.
  if (kind !== SIG_RSA_PKCS1 && kind !== SIG_RSA_PSS && kind !== SIG_ECDSA) return Err.UNSUPPORTED_ALGORITHM;
  if (hash < HASH_SHA1 || hash > HASH_SHA512) return Err.UNSUPPORTED_ALGORITHM;
  const fits = keyFits(alg, key);
  if (fits !== Err.OK) return fits;
  const dLen = hashDigest(<i32>hash, data, dataLen, DIGEST);
  if (dLen === 0) return Err.UNSUPPORTED_ALGORITHM;
  if (kind === SIG_ECDSA) {
    // ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, strict DER, nothing after it.
    const end = sig + sigLen;
    const q = sigSeq;
    const r = sigR;
    const s = sigS;
    if (derRead(q, sig, end) !== Err.OK || q.tag !== TAG_SEQUENCE || q.end !== end) return Err.BAD_SIGNATURE;
    if (derRead(r, q.val, q.end) !== Err.OK || r.tag !== TAG_INTEGER) return Err.BAD_SIGNATURE;
    if (derRead(s, r.end, q.end) !== Err.OK || s.tag !== TAG_INTEGER || s.end !== q.end)
      return Err.BAD_SIGNATURE;
    if (derUnsigned(r) !== Err.OK || derUnsigned(s) !== Err.OK) return Err.BAD_SIGNATURE;
    return <Err>(
      ecdsaVerify(
        <i32>key.keyCurve,
        key.keyData,
        <i32>key.keyDataLen,
        DIGEST,
        dLen,
        r.val,
        <i32>r.len,
        s.val,
        <i32>s.len,
      )
    );
  }
  if (kind === SIG_RSA_PKCS1) {
    return <Err>(
      rsaVerifyPkcs1v15(
        key.keyData,
        <i32>key.keyDataLen,
        key.keyExp,
        <i32>key.keyExpLen,
        <i32>hash,
        DIGEST,
        sig,
        <i32>sigLen,
      )
    );
  }
  return <Err>(
    rsaVerifyPss(
      key.keyData,
      <i32>key.keyDataLen,
      key.keyExp,
      <i32>key.keyExpLen,
      <i32>hash,
      <i32>alg.pssMgf1Hash,
      <i32>alg.pssSaltLen,
      DIGEST,
      sig,
      <i32>sigLen,
    )
  );
}

/** The host's algorithm and key (verifySignature export): standalone records. */
const hostAlg = staticSigParams();
const hostKey = staticKey();

/**
 * Host entry point (the verifySignature export): verifies `sig` over `data` with the
 * SubjectPublicKeyInfo DER [spki, spki+spkiLen), all three ranges in the IO area (written with
 * ioReserve; INVALID_ARGUMENT otherwise). `kind`: SigKind (1 RSASSA-PKCS1-v1_5, 2 RSASSA-PSS,
 * 3 ECDSA, 4 Ed25519); `hash`, `mgf1Hash`: HashId (1 SHA-1, 2 SHA-256, 3 SHA-384, 4 SHA-512; 0 for
 * Ed25519); `saltLen`: PSS salt length in octets. The key and the algorithm go into the host's
 * standalone records. Returns an Err (see the top of this file).
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
  if (spkiParse(hostKey, spki, spkiLen) !== OUTCOME_OK) return Err.MALFORMED;
  hostAlg.sigAlg = kind;
  hostAlg.sigHash = hash;
  hostAlg.pssMgf1Hash = mgf1Hash;
  hostAlg.pssSaltLen = saltLen;
  return sigVerify(hostAlg, hostKey, data, dataLen, sig, sigLen);
}

/**
 * Verifies the signature of the decoded certificate `s` with the public key of the decoded
 * certificate `i`. The signed bytes are the subject's TBSCertificate; algorithm and parameters
 * come from its (inner == outer) signature AlgorithmIdentifier.
 */
export function sigVerifyCert(s: Cert, i: Cert): Err {
  return sigVerify(s.sigParams, i.key, s.tbs, s.tbsLen, s.sigValue, s.sigValueLen);
}

/**
 * sigVerifyCert by slot numbers, for tests: INVALID_ARGUMENT unless both slots hold a decoded
 * certificate (CF_DECODED).
 */
export function sigVerifySlots(subject: u32, issuer: u32): Err {
  if (subject >= MAX_CERTS || issuer >= MAX_CERTS) return Err.INVALID_ARGUMENT;
  const s = certAt(subject);
  const i = certAt(issuer);
  if ((s.flags & CF_DECODED) === 0 || (i.flags & CF_DECODED) === 0) return Err.INVALID_ARGUMENT;
  return sigVerifyCert(s, i);
}
