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
} from '../abi.generated';
import { derOidOk, derSmallUint, oidEquals } from '../der/primitives';

import {
  derCheckTree,
  derExpectOnly,
  derPeek,
  derRead,
  TAG_CONTEXT_CONS,
  TAG_INTEGER,
  TAG_NULL,
  TAG_OID,
  TAG_SEQUENCE,
  tlvEnd,
  tlvLen,
  tlvStart,
  tlvTag,
  tlvVal,
} from '../der/reader';

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

/** Results of the last algParse / pssParams call. */
export let algKind: u32 = SIG_UNKNOWN;
export let algHash: u32 = HASH_NONE;
export let algMgf1Hash: u32 = HASH_NONE;
export let algSaltLen: u32 = 0;
export let algParamsAbsent: bool = false;
export let algOid: usize = 0;
export let algOidLen: u32 = 0;
/** Detail code when algParse / pssParams fail. */
export let algDetail: u32 = 0;

function fail(d: Detail): Err {
  algDetail = d;
  return Err.MALFORMED;
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

/**
 * A hash AlgorithmIdentifier's contents [val, val+len) inside RSASSA-PSS-params: OID with NULL or
 * absent parameters (RFC 4055 §2.1 requires accepting both). Returns the hash id (HASH_NONE if
 * unknown, including SHA-224 which the crypto core lacks) or -1 when malformed.
 */
function hashAlgId(val: usize, len: u32): i32 {
  const end = val + len;
  if (derRead(val, end) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen)) return -1;
  const h = hashOfOid(tlvVal, tlvLen);
  if (tlvEnd !== end) {
    if (derRead(tlvEnd, end) !== Err.OK || tlvTag !== TAG_NULL || tlvLen !== 0 || tlvEnd !== end) return -1;
  }
  return <i32>(h === HASH_SHA224 ? HASH_NONE : h);
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1) from the SEQUENCE contents [val, val+len):
 *   hashAlgorithm [0] DEFAULT sha1, maskGenAlgorithm [1] DEFAULT mgf1SHA1,
 *   saltLength [2] DEFAULT 20, trailerField [3] DEFAULT trailerFieldBC (1)
 * Fields in order, each optional. The mask generation function must be MGF1; trailerField must
 * be 1. A hash this verifier lacks leaves algHash / algMgf1Hash = HASH_NONE (unsupported at
 * verification, not malformed). Explicitly encoded default values are tolerated (OpenSSL writes
 * none; some encoders write saltLength 20 or trailerField 1).
 */
export function pssParams(val: usize, len: u32): Err {
  const end = val + len;
  let pos = val;
  let hash = HASH_SHA1;
  let mgf = HASH_SHA1;
  let salt: u32 = 20;
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 0)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.PSS_PARAMS);
    pos = tlvEnd;
    if (derExpectOnly(tlvVal, pos, TAG_SEQUENCE) !== Err.OK) return fail(Detail.PSS_PARAMS);
    const h = hashAlgId(tlvVal, tlvLen);
    if (h < 0) return fail(Detail.PSS_PARAMS);
    hash = <u32>h;
  }
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 1)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.PSS_PARAMS);
    pos = tlvEnd;
    if (derExpectOnly(tlvVal, pos, TAG_SEQUENCE) !== Err.OK) return fail(Detail.PSS_PARAMS);
    const mEnd = tlvEnd;
    if (derRead(tlvVal, mEnd) !== Err.OK || tlvTag !== TAG_OID) return fail(Detail.PSS_PARAMS);
    if (!oidEquals(tlvVal, tlvLen, OID_MGF1, OID_MGF1_LEN)) return fail(Detail.PSS_PARAMS);
    if (derExpectOnly(tlvEnd, mEnd, TAG_SEQUENCE) !== Err.OK) return fail(Detail.PSS_PARAMS);
    const h = hashAlgId(tlvVal, tlvLen);
    if (h < 0) return fail(Detail.PSS_PARAMS);
    mgf = <u32>h;
  }
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 2)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.PSS_PARAMS);
    pos = tlvEnd;
    if (derExpectOnly(tlvVal, pos, TAG_INTEGER) !== Err.OK) return fail(Detail.PSS_PARAMS);
    const s = derSmallUint(tlvVal, tlvLen, PSS_SALT_CAP);
    if (s < 0) return fail(Detail.PSS_PARAMS);
    salt = <u32>s;
  }
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 3)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.PSS_PARAMS);
    pos = tlvEnd;
    if (derExpectOnly(tlvVal, pos, TAG_INTEGER) !== Err.OK) return fail(Detail.PSS_PARAMS);
    if (derSmallUint(tlvVal, tlvLen, 256) !== 1) return fail(Detail.PSS_PARAMS);
  }
  if (pos !== end) return fail(Detail.PSS_PARAMS);
  algHash = hash;
  algMgf1Hash = mgf;
  algSaltLen = salt;
  return Err.OK;
}

/**
 * Parses a signature AlgorithmIdentifier given its SEQUENCE contents [val, val+len). Sets algKind,
 * algHash, algMgf1Hash, algSaltLen, algParamsAbsent, algOid/algOidLen. Returns Err.MALFORMED (with
 * algDetail) when the encoding or the parameters break the rules above.
 */
export function algParse(val: usize, len: u32): Err {
  const end = val + len;
  if (derRead(val, end) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen)) {
    return fail(Detail.TBS_SIGNATURE);
  }
  const oid = tlvVal;
  const oidLen = tlvLen;
  algOid = oid;
  algOidLen = oidLen;
  algKind = SIG_UNKNOWN;
  algHash = HASH_NONE;
  algMgf1Hash = HASH_NONE;
  algSaltLen = 0;
  // Parameters: absent, or one TLV filling the rest.
  const hasParams = tlvEnd < end;
  let pTag: u32 = 0;
  let pVal: usize = 0;
  let pLen: u32 = 0;
  if (hasParams) {
    if (derRead(tlvEnd, end) !== Err.OK || tlvEnd !== end) return fail(Detail.TBS_SIGNATURE);
    pTag = tlvTag;
    pVal = tlvVal;
    pLen = tlvLen;
    if (derCheckTree(tlvStart, <u32>(tlvEnd - tlvStart)) !== Err.OK) return fail(Detail.TBS_SIGNATURE);
  }
  algParamsAbsent = !hasParams;
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
      algKind = SIG_RSA_PKCS1;
      algHash = h;
      return Err.OK;
    }
    if (oidEquals(oid, oidLen, OID_RSA_PSS, OID_RSA_PSS_LEN)) {
      if (!hasParams || pTag !== TAG_SEQUENCE) return fail(Detail.ALGORITHM_PARAMS);
      const e = pssParams(pVal, pLen);
      if (e !== Err.OK) return e;
      algKind = SIG_RSA_PSS;
      return Err.OK;
    }
    return Err.OK; // another PKCS#1 OID (e.g. rsaEncryption used as a signature algorithm): unknown
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
    if (h === HASH_NONE) return Err.OK;
    if (hasParams) return fail(Detail.ALGORITHM_PARAMS);
    algKind = SIG_ECDSA;
    algHash = h;
    return Err.OK;
  }
  if (oidEquals(oid, oidLen, OID_ECDSA_SHA1, OID_ECDSA_SHA1_LEN)) {
    if (hasParams) return fail(Detail.ALGORITHM_PARAMS);
    algKind = SIG_ECDSA;
    algHash = HASH_SHA1;
    return Err.OK;
  }
  if (oidEquals(oid, oidLen, OID_ED25519, OID_ED25519_LEN)) {
    if (hasParams) return fail(Detail.ALGORITHM_PARAMS);
    algKind = SIG_ED25519;
    return Err.OK;
  }
  return Err.OK;
}
