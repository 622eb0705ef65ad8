// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) for the key types the verifier supports; any other
// algorithm decodes as an opaque KEY_UNKNOWN key (reported, never used to verify).
//
//   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
//
// - rsaEncryption (RFC 3279 §2.3.1): parameters NULL (required); the BIT STRING (no unused bits)
//   holds RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }, both positive
//   and minimally encoded, nothing after. Size and parity are checked by the RSA primitive
//   (BAD_PUBLIC_KEY) and by path policy (minimum bits), not here.
// - id-RSASSA-PSS (RFC 4055 §1.2, §3.1): parameters absent (any PSS parameters allowed) or
//   RSASSA-PSS-params (they then bind the key to that hash, MGF1 hash and minimum salt length);
//   the key itself is an RSAPublicKey as above.
// - id-ecPublicKey (RFC 5480 §2.1.1): parameters required. namedCurve P-256 or P-384 gives
//   CURVE_P256/CURVE_P384 and the point must be encoded for that curve (04||X||Y, or a
//   compressed 02/03||X); other named curves give CURVE_OTHER, specifiedCurve (SEQUENCE) and
//   implicitCurve (NULL) give CURVE_EXPLICIT: decoded, never supported. Whether the point lies
//   on the curve is the ECDSA primitive's check (ecPointCheck), made when the key is used.
// - id-Ed25519 (RFC 8410 §3, §4): parameters absent; the key is 32 octets.

import {
  CURVE_EXPLICIT,
  CURVE_NONE,
  CURVE_OTHER,
  CURVE_P256,
  CURVE_P384,
  Detail,
  Err,
  KEY_EC,
  KEY_ED25519,
  KEY_RSA,
  KEY_RSA_PSS,
  KEY_UNKNOWN,
} from '../abi.generated';
import {
  bitsLen,
  bitsPtr,
  derOctetBitString,
  derOidOk,
  derUnsigned,
  oidEquals,
  uintLen,
  uintPtr,
} from '../der/primitives';

import {
  derCheckTree,
  derExpectOnly,
  derRead,
  TAG_BIT_STRING,
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

import { pssParams } from './algorithm';

import {
  OID_EC_PUBLIC_KEY,
  OID_EC_PUBLIC_KEY_LEN,
  OID_ED25519,
  OID_ED25519_LEN,
  OID_P256,
  OID_P256_LEN,
  OID_P384,
  OID_P384_LEN,
  OID_RSA,
  OID_RSA_LEN,
  OID_RSA_PSS,
  OID_RSA_PSS_LEN,
} from './oids';

/** Results of the last spkiParse call (see the Cert fields of the same names). */
export let spkiKeyType: u32 = KEY_UNKNOWN;
export let spkiCurve: u32 = CURVE_NONE;
export let spkiBits: u32 = 0;
export let spkiData: usize = 0;
export let spkiDataLen: u32 = 0;
export let spkiExp: usize = 0;
export let spkiExpLen: u32 = 0;
export let spkiAlgOid: usize = 0;
export let spkiAlgOidLen: u32 = 0;
export let spkiParams: usize = 0;
export let spkiParamsLen: u32 = 0;
/** Detail code when spkiParse fails. */
export let spkiDetail: u32 = 0;

function fail(d: Detail): Err {
  spkiDetail = d;
  return Err.MALFORMED;
}

/** Number of significant bits in the big-endian magnitude [p, p+len) (first octet non-zero unless len is 1). */
export function bitLength(p: usize, len: u32): u32 {
  if (len === 0) return 0;
  const top = <u32>load<u8>(p);
  return (len - 1) * 8 + (32 - <u32>clz<u32>(top));
}

/** RSAPublicKey inside the BIT STRING octets [p, p+len). */
function rsaKey(p: usize, len: u32): Err {
  const end = p + len;
  if (derExpectOnly(p, end, TAG_SEQUENCE) !== Err.OK) return fail(Detail.RSA_KEY);
  const seqEnd = tlvEnd;
  if (derRead(tlvVal, seqEnd) !== Err.OK || tlvTag !== TAG_INTEGER) return fail(Detail.RSA_KEY);
  const eStart = tlvEnd;
  if (derUnsigned(tlvVal, tlvLen) !== Err.OK) return fail(Detail.RSA_KEY);
  spkiData = uintPtr;
  spkiDataLen = uintLen;
  if (derExpectOnly(eStart, seqEnd, TAG_INTEGER) !== Err.OK) return fail(Detail.RSA_KEY);
  if (derUnsigned(tlvVal, tlvLen) !== Err.OK) return fail(Detail.RSA_KEY);
  spkiExp = uintPtr;
  spkiExpLen = uintLen;
  spkiBits = bitLength(spkiData, spkiDataLen);
  return Err.OK;
}

/**
 * Parses a SubjectPublicKeyInfo TLV that must fill [ptr, ptr+len) exactly. Fills the spki*
 * globals; returns Err.MALFORMED (with spkiDetail) on a structural error.
 */
export function spkiParse(ptr: usize, len: u32): Err {
  const end = ptr + len;
  spkiKeyType = KEY_UNKNOWN;
  spkiCurve = CURVE_NONE;
  spkiBits = 0;
  spkiData = 0;
  spkiDataLen = 0;
  spkiExp = 0;
  spkiExpLen = 0;
  spkiParams = 0;
  spkiParamsLen = 0;
  if (derExpectOnly(ptr, end, TAG_SEQUENCE) !== Err.OK) return fail(Detail.SPKI);
  const seqEnd = tlvEnd;
  if (derRead(tlvVal, seqEnd) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.SPKI);
  const algEnd = tlvEnd;
  const bitsPos = tlvEnd;
  if (derRead(tlvVal, algEnd) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen))
    return fail(Detail.SPKI);
  const oid = tlvVal;
  const oidLen = tlvLen;
  spkiAlgOid = oid;
  spkiAlgOidLen = oidLen;
  let pTag: u32 = 0;
  let pVal: usize = 0;
  let pLen: u32 = 0;
  const hasParams = tlvEnd < algEnd;
  if (hasParams) {
    if (derRead(tlvEnd, algEnd) !== Err.OK || tlvEnd !== algEnd) return fail(Detail.SPKI);
    pTag = tlvTag;
    pVal = tlvVal;
    pLen = tlvLen;
    spkiParams = tlvStart;
    spkiParamsLen = <u32>(tlvEnd - tlvStart);
    if (derCheckTree(spkiParams, spkiParamsLen) !== Err.OK) return fail(Detail.SPKI);
  }
  if (derExpectOnly(bitsPos, seqEnd, TAG_BIT_STRING) !== Err.OK) return fail(Detail.SPKI);
  if (derOctetBitString(tlvVal, tlvLen) !== Err.OK) return fail(Detail.SPKI);
  const key = bitsPtr;
  const keyLen = bitsLen;

  if (oidEquals(oid, oidLen, OID_RSA, OID_RSA_LEN)) {
    if (!hasParams || pTag !== TAG_NULL || pLen !== 0) return fail(Detail.SPKI_PARAMS);
    const e = rsaKey(key, keyLen);
    if (e !== Err.OK) return e;
    spkiKeyType = KEY_RSA;
    return Err.OK;
  }
  if (oidEquals(oid, oidLen, OID_RSA_PSS, OID_RSA_PSS_LEN)) {
    if (hasParams) {
      if (pTag !== TAG_SEQUENCE || pssParams(pVal, pLen) !== Err.OK) return fail(Detail.SPKI_PARAMS);
    }
    const e = rsaKey(key, keyLen);
    if (e !== Err.OK) return e;
    spkiKeyType = KEY_RSA_PSS;
    return Err.OK;
  }
  if (oidEquals(oid, oidLen, OID_EC_PUBLIC_KEY, OID_EC_PUBLIC_KEY_LEN)) {
    if (!hasParams) return fail(Detail.SPKI_PARAMS);
    spkiKeyType = KEY_EC;
    spkiData = key;
    spkiDataLen = keyLen;
    if (pTag === TAG_OID) {
      if (!derOidOk(pVal, pLen)) return fail(Detail.SPKI_PARAMS);
      let coord: u32 = 0;
      if (oidEquals(pVal, pLen, OID_P256, OID_P256_LEN)) {
        spkiCurve = CURVE_P256;
        coord = 32;
      } else if (oidEquals(pVal, pLen, OID_P384, OID_P384_LEN)) {
        spkiCurve = CURVE_P384;
        coord = 48;
      } else {
        spkiCurve = CURVE_OTHER;
        return Err.OK;
      }
      spkiBits = coord * 8;
      if (keyLen === 0) return fail(Detail.EC_POINT);
      const form = load<u8>(key);
      if (form === 0x04) {
        if (keyLen !== 1 + 2 * coord) return fail(Detail.EC_POINT);
      } else if (form === 0x02 || form === 0x03) {
        if (keyLen !== 1 + coord) return fail(Detail.EC_POINT);
      } else {
        return fail(Detail.EC_POINT);
      }
      return Err.OK;
    }
    if (pTag === TAG_SEQUENCE || (pTag === TAG_NULL && pLen === 0)) {
      spkiCurve = CURVE_EXPLICIT;
      return Err.OK;
    }
    return fail(Detail.SPKI_PARAMS);
  }
  if (oidEquals(oid, oidLen, OID_ED25519, OID_ED25519_LEN)) {
    if (hasParams) return fail(Detail.SPKI_PARAMS);
    if (keyLen !== 32) return fail(Detail.ED25519_KEY);
    spkiKeyType = KEY_ED25519;
    spkiData = key;
    spkiDataLen = 32;
    spkiBits = 256;
    return Err.OK;
  }
  spkiData = key;
  spkiDataLen = keyLen;
  return Err.OK;
}
