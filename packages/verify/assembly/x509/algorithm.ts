// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Signature AlgorithmIdentifier (RFC 5280 §4.1.1.2) with the parameter rules of each family.
//
//   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
//
// - sha{1,256,384,512}WithRSAEncryption: parameters NULL. RFC 4055 §5 also says "implementations
//   MUST accept the parameters being absent as well as present", so an absent NULL is accepted
//   (and flagged with CF_SIG_PARAMS_ABSENT). Any other parameter value is rejected.
//   md2/md5WithRSAEncryption and sha224WithRSAEncryption decode (for reporting) with
//   sigHash = HASH_MD2/HASH_MD5/HASH_SHA224 and never verify.
// - ecdsa-with-SHA1/SHA256/SHA384/SHA512: parameters absent (RFC 5758 §3.2 "MUST omit"; RFC 3279
//   §2.2.3 for SHA-1). NULL is rejected.
// - Ed25519: parameters absent (RFC 8410 §3 "MUST be absent").
// - id-RSASSA-PSS: parameters present (RFC 4055 §3.1 "MUST be present"), parsed by pssParams.
// - Any other OID: SIG_UNKNOWN; parameters may be any single well-formed TLV.

import {
  Detail,
  Err,
  HASH_MD2,
  HASH_MD5,
  HASH_NONE,
  HASH_SHA1,
  HASH_SHA224,
  HASH_SHA256,
  HASH_SHA384,
  HASH_SHA512,
  SIG_ECDSA,
  SIG_ED25519,
  SIG_RSA_PKCS1,
  SIG_RSA_PSS,
  SIG_UNKNOWN,
  SigParams,
  staticTlv,
} from '../abi.generated';
import { derOidOk, derSmallUint, oidEquals } from '../der/primitives';
import {
  derCheckTree,
  derExpectOnly,
  derRead,
  TAG_CONTEXT_CONS,
  TAG_INTEGER,
  TAG_NULL,
  TAG_OID,
  TAG_SEQUENCE,
} from '../der/reader';
import { OUTCOME_OK, Outcome, outcome } from '../outcome';

import {
  OID_ECDSA_SHA1,
  OID_ECDSA_SHA1_LEN,
  OID_ECDSA_SHA2_PREFIX,
  OID_ECDSA_SHA2_PREFIX_LEN,
  OID_ED25519,
  OID_ED25519_LEN,
  OID_MGF1,
  OID_MGF1_LEN,
  OID_NIST_HASH_PREFIX,
  OID_NIST_HASH_PREFIX_LEN,
  OID_PKCS1_PREFIX,
  OID_PKCS1_PREFIX_LEN,
  OID_RSA_PSS,
  OID_RSA_PSS_LEN,
  OID_SHA1,
  OID_SHA1_LEN,
  PKCS1_MD2,
  PKCS1_MD5,
  PKCS1_SHA1,
  PKCS1_SHA224,
  PKCS1_SHA256,
  PKCS1_SHA384,
  PKCS1_SHA512,
} from './oids';

/** Largest PSS saltLength kept exactly (saturates above; no modulus is that long). */
const PSS_SALT_CAP: i64 = 1 << 16;

function fail(d: Detail): Outcome {
  return outcome(Err.MALFORMED, d);
}

/** Hash id of a hash OID (contents), or HASH_NONE when not one this verifier supports. */
function hashOfOid(val: usize, len: u32): u32 {
  if (oidEquals(val, len, OID_SHA1, OID_SHA1_LEN)) return HASH_SHA1;
  if (
    len === OID_NIST_HASH_PREFIX_LEN + 1 &&
    memory.compare(val, OID_NIST_HASH_PREFIX, OID_NIST_HASH_PREFIX_LEN) === 0
  ) {
    const last = load<u8>(val + OID_NIST_HASH_PREFIX_LEN);
    if (last === 1) return HASH_SHA256;
    if (last === 2) return HASH_SHA384;
    if (last === 3) return HASH_SHA512;
    if (last === 4) return HASH_SHA224;
  }
  return HASH_NONE;
}

const hashAlgIdTlv = staticTlv();

/**
 * A hash AlgorithmIdentifier's contents [val, val+len) inside RSASSA-PSS-params: OID with NULL or
 * absent parameters (RFC 4055 §2.1 requires accepting both). Returns the hash id (HASH_NONE if
 * unknown, including SHA-224 which the crypto core lacks) or -1 when malformed.
 */
function hashAlgId(val: usize, len: u32): i32 {
  const t = hashAlgIdTlv;
  const end = val + len;
  if (derRead(t, val, end) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len)) return -1;
  const h = hashOfOid(t.val, t.len);
  if (t.end !== end) {
    if (derRead(t, t.end, end) !== Err.OK || t.tag !== TAG_NULL || t.len !== 0 || t.end !== end) return -1;
  }
  return <i32>(h === HASH_SHA224 ? HASH_NONE : h);
}

const pssParamsTlv = staticTlv();

/**
 * RSASSA-PSS-params (RFC 4055 §3.1) from the SEQUENCE contents [val, val+len):
 *   hashAlgorithm [0] DEFAULT sha1, maskGenAlgorithm [1] DEFAULT mgf1SHA1,
 *   saltLength [2] DEFAULT 20, trailerField [3] DEFAULT trailerFieldBC (1)
 * Fields in order, each optional. The mask generation function must be MGF1; trailerField must
 * be 1. Fills p.sigHash, p.pssMgf1Hash and p.pssSaltLen (p.sigAlg is the caller's); a hash
 * this verifier lacks is HASH_NONE (unsupported at verification, not malformed). Explicitly
 * encoded default values are tolerated (OpenSSL writes none; some encoders write saltLength 20 or
 * trailerField 1).
 */
export function pssParams(p: SigParams, val: usize, len: u32): Outcome {
  const t = pssParamsTlv;
  const end = val + len;
  let pos = val;
  let hash = HASH_SHA1;
  let mgf = HASH_SHA1;
  let salt: u32 = 20;
  // Each field is [n] EXPLICIT with n = 0..3, at most once and in increasing order.
  let next: u32 = 0;
  while (pos < end) {
    if (derRead(t, pos, end) !== Err.OK) return fail(Detail.PSS_PARAMS);
    const n = t.tag - TAG_CONTEXT_CONS;
    if (n < next || n > 3) return fail(Detail.PSS_PARAMS);
    next = n + 1;
    pos = t.end;
    if (derExpectOnly(t, t.val, pos, n < 2 ? TAG_SEQUENCE : TAG_INTEGER) !== Err.OK)
      return fail(Detail.PSS_PARAMS);
    if (n === 1) {
      // MaskGenAlgorithm: id-mgf1 with the hash AlgorithmIdentifier as its parameters.
      const mEnd = t.end;
      if (
        derRead(t, t.val, mEnd) !== Err.OK ||
        !oidEquals(t.val, t.len, OID_MGF1, OID_MGF1_LEN) ||
        t.tag !== TAG_OID
      )
        return fail(Detail.PSS_PARAMS);
      if (derExpectOnly(t, t.end, mEnd, TAG_SEQUENCE) !== Err.OK) return fail(Detail.PSS_PARAMS);
    }
    if (n < 2) {
      const h = hashAlgId(t.val, t.len);
      if (h < 0) return fail(Detail.PSS_PARAMS);
      if (n === 0) hash = <u32>h;
      else mgf = <u32>h;
    } else {
      const v = derSmallUint(t.val, t.len, n === 2 ? PSS_SALT_CAP : 256);
      if (v < 0 || (n === 3 && v !== 1)) return fail(Detail.PSS_PARAMS);
      if (n === 2) salt = <u32>v;
    }
  }
  p.sigHash = hash;
  p.pssMgf1Hash = mgf;
  p.pssSaltLen = salt;
  return OUTCOME_OK;
}

const algParseTlv = staticTlv();

/**
 * Parses a signature AlgorithmIdentifier given its SEQUENCE contents [val, val+len) into `p`
 * (SIG_UNKNOWN for an algorithm this verifier does not know). Returns MALFORMED with the rule's
 * detail when the encoding or the parameters break the rules above.
 */
export function algParse(p: SigParams, val: usize, len: u32): Outcome {
  const t = algParseTlv;
  const end = val + len;
  if (derRead(t, val, end) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len)) {
    return fail(Detail.TBS_SIGNATURE);
  }
  const oid = t.val;
  const oidLen = t.len;
  p.sigAlg = SIG_UNKNOWN;
  p.sigHash = HASH_NONE;
  p.pssMgf1Hash = HASH_NONE;
  p.pssSaltLen = 0;
  // Parameters: absent, or one TLV filling the rest.
  const hasParams = t.end < end;
  let pTag: u32 = 0;
  let pVal: usize = 0;
  let pLen: u32 = 0;
  if (hasParams) {
    if (derRead(t, t.end, end) !== Err.OK || t.end !== end) return fail(Detail.TBS_SIGNATURE);
    pTag = t.tag;
    pVal = t.val;
    pLen = t.len;
    if (derCheckTree(t.start, <u32>(t.end - t.start)) !== Err.OK) return fail(Detail.TBS_SIGNATURE);
  }
  const isNull = hasParams && pTag === TAG_NULL && pLen === 0;

  if (
    oidLen === OID_PKCS1_PREFIX_LEN + 1 &&
    memory.compare(oid, OID_PKCS1_PREFIX, OID_PKCS1_PREFIX_LEN) === 0
  ) {
    const last = load<u8>(oid + OID_PKCS1_PREFIX_LEN);
    let h = HASH_NONE;
    if (last === PKCS1_SHA256) h = HASH_SHA256;
    else if (last === PKCS1_SHA384) h = HASH_SHA384;
    else if (last === PKCS1_SHA512) h = HASH_SHA512;
    else if (last === PKCS1_SHA1) h = HASH_SHA1;
    else if (last === PKCS1_MD5) h = HASH_MD5;
    else if (last === PKCS1_MD2) h = HASH_MD2;
    else if (last === PKCS1_SHA224) h = HASH_SHA224;
    if (h !== HASH_NONE) {
      if (hasParams && !isNull) return fail(Detail.ALGORITHM_PARAMS);
      p.sigAlg = SIG_RSA_PKCS1;
      p.sigHash = h;
      return OUTCOME_OK;
    }
    if (oidEquals(oid, oidLen, OID_RSA_PSS, OID_RSA_PSS_LEN)) {
      if (!hasParams || pTag !== TAG_SEQUENCE) return fail(Detail.ALGORITHM_PARAMS);
      const e = pssParams(p, pVal, pLen);
      if (e !== OUTCOME_OK) return e;
      p.sigAlg = SIG_RSA_PSS;
      return OUTCOME_OK;
    }
    return OUTCOME_OK; // another PKCS#1 OID (e.g. rsaEncryption used as a signature algorithm): unknown
  }
  if (
    oidLen === OID_ECDSA_SHA2_PREFIX_LEN + 1 &&
    memory.compare(oid, OID_ECDSA_SHA2_PREFIX, OID_ECDSA_SHA2_PREFIX_LEN) === 0
  ) {
    const last = load<u8>(oid + OID_ECDSA_SHA2_PREFIX_LEN);
    let h = HASH_NONE;
    if (last === 2) h = HASH_SHA256;
    else if (last === 3) h = HASH_SHA384;
    else if (last === 4) h = HASH_SHA512;
    else if (last === 1) h = HASH_SHA224;
    if (h === HASH_NONE) return OUTCOME_OK;
    if (hasParams) return fail(Detail.ALGORITHM_PARAMS);
    p.sigAlg = SIG_ECDSA;
    p.sigHash = h;
    return OUTCOME_OK;
  }
  if (oidEquals(oid, oidLen, OID_ECDSA_SHA1, OID_ECDSA_SHA1_LEN)) {
    if (hasParams) return fail(Detail.ALGORITHM_PARAMS);
    p.sigAlg = SIG_ECDSA;
    p.sigHash = HASH_SHA1;
    return OUTCOME_OK;
  }
  if (oidEquals(oid, oidLen, OID_ED25519, OID_ED25519_LEN)) {
    if (hasParams) return fail(Detail.ALGORITHM_PARAMS);
    p.sigAlg = SIG_ED25519;
    return OUTCOME_OK;
  }
  return OUTCOME_OK;
}
