// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// x509Decode: one DER certificate (v1, v2 or v3) into a Cert slot (see cert.ts for the contract).
//
//   Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier,
//                              signatureValue BIT STRING }
//   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, serialNumber INTEGER,
//     signature AlgorithmIdentifier, issuer Name, validity Validity, subject Name,
//     subjectPublicKeyInfo SubjectPublicKeyInfo, issuerUniqueID [1] IMPLICIT BIT STRING OPTIONAL,
//     subjectUniqueID [2] IMPLICIT BIT STRING OPTIONAL, extensions [3] EXPLICIT Extensions OPTIONAL }
//
// Structural rules (hard errors): the input is exactly one Certificate; every field in order, no
// trailing bytes anywhere; version, when present, is v2 or v3 (an explicit v1 is a DER DEFAULT
// violation); the inner `signature` and outer `signatureAlgorithm` are byte-identical
// (ALGORITHM_MISMATCH, RFC 5280 §4.1.1.2); unique identifiers only in v2/v3 and extensions only
// in v3 (§4.1.2.8, §4.1.2.9); Extensions is SIZE (1..MAX), so an empty list is MALFORMED.
//
// Profile rules local to one certificate (soft errors, slot fully decoded) are checked last, in
// the order of Detail: see profileCheck.

import {
  CERT_STRIDE,
  Cert,
  CF_CA,
  CF_DECODED,
  CF_ISSUER_EMPTY,
  CF_SELF_ISSUED,
  CF_SERIAL_NONCONFORMING,
  CF_SIG_PARAMS_ABSENT,
  CF_SUBJECT_EMPTY,
  CF_UNIQUE_IDS,
  Detail,
  Err,
  EXT_AIA,
  EXT_AKI,
  EXT_BASIC_CONSTRAINTS,
  EXT_INHIBIT_ANY_POLICY,
  EXT_KEY_USAGE,
  EXT_NAME_CONSTRAINTS,
  EXT_POLICY_CONSTRAINTS,
  EXT_POLICY_MAPPINGS,
  EXT_SAN,
  EXT_SKI,
  EXT_UNKNOWN,
  KU_KEY_CERT_SIGN,
  MAX_CERT_LEN,
  MAX_CERTS,
  SIG_RSA_PKCS1,
} from '../abi.generated';
import {
  bitsLen,
  bitsPtr,
  derBitString,
  derIntegerNegative,
  derIntegerOk,
  derOctetBitString,
  derSmallUint,
} from '../der/primitives';

import {
  derExpectOnly,
  derPeek,
  derRead,
  TAG_BIT_STRING,
  TAG_CONTEXT,
  TAG_CONTEXT_CONS,
  TAG_INTEGER,
  TAG_SEQUENCE,
  tlvEnd,
  tlvLen,
  tlvStart,
  tlvTag,
  tlvVal,
} from '../der/reader';

import { derTime, timeValue } from '../der/time';

import {
  algDetail,
  algHash,
  algKind,
  algMgf1Hash,
  algOid,
  algOidLen,
  algParamsAbsent,
  algParse,
  algSaltLen,
} from './algorithm';

import { certAt } from './cert';
import { extDetail, extensionsDecode, extSoftDetail, extSoftErr } from './extensions';

import { nameCheck } from './name';

import {
  spkiAlgOid,
  spkiAlgOidLen,
  spkiBits,
  spkiCurve,
  spkiData,
  spkiDataLen,
  spkiDetail,
  spkiExp,
  spkiExpLen,
  spkiKeyType,
  spkiParams,
  spkiParamsLen,
  spkiParse,
} from './spki';

let failDetail: u32 = 0;

function fail(d: Detail): Err {
  failDetail = d;
  return Err.MALFORMED;
}

/**
 * Decodes the certificate [ptr, ptr+len) into slot `slot` (< MAX_CERTS). Returns OK, a soft error
 * (slot decoded, flags has CF_DECODED: UNKNOWN_CRITICAL_EXTENSION or MALFORMED for a profile
 * rule) or a hard error (MALFORMED, DUPLICATE_EXTENSION, ALGORITHM_MISMATCH, INPUT_TOO_LARGE,
 * INVALID_ARGUMENT for a bad slot). Never traps, allocates nothing, runs in time linear in `len`
 * (plus the bounded duplicate-extension scan).
 */
export function x509Decode(slot: u32, ptr: usize, len: u32): Err {
  if (slot >= MAX_CERTS) return Err.INVALID_ARGUMENT;
  const c = certAt(slot);
  memory.fill(changetype<usize>(c), 0, CERT_STRIDE);
  c.pathLen = -1;
  failDetail = 0;
  let e: Err;
  if (len > MAX_CERT_LEN) {
    e = Err.INPUT_TOO_LARGE;
    failDetail = Detail.CERT_TOO_LARGE;
  } else {
    e = decodeInto(c, ptr, len);
  }
  if (e !== Err.OK) {
    c.status = e;
    c.detail = failDetail;
    c.flags = 0;
    return e;
  }
  c.flags |= CF_DECODED;
  c.anchorStatus = profileCheck(c, false);
  const s = profileCheck(c, true);
  c.status = s;
  c.detail = failDetail;
  return s;
}

function decodeInto(c: Cert, ptr: usize, len: u32): Err {
  const end = ptr + len;
  if (derExpectOnly(ptr, end, TAG_SEQUENCE) !== Err.OK) return fail(Detail.CERT_SEQUENCE);
  c.der = ptr;
  c.derLen = len;
  const certEnd = tlvEnd;

  // tbsCertificate
  if (derRead(tlvVal, certEnd) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.TBS);
  c.tbs = tlvStart;
  c.tbsLen = <u32>(tlvEnd - tlvStart);
  const tbsVal = tlvVal;
  const tbsEnd = tlvEnd;

  // signatureAlgorithm
  if (derRead(tbsEnd, certEnd) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.SIGNATURE_ALGORITHM);
  c.sigAlgTlv = tlvStart;
  c.sigAlgTlvLen = <u32>(tlvEnd - tlvStart);
  const outerEnd = tlvEnd;

  // signatureValue
  if (derRead(outerEnd, certEnd) !== Err.OK || tlvTag !== TAG_BIT_STRING) return fail(Detail.SIGNATURE_VALUE);
  if (tlvEnd !== certEnd) return fail(Detail.CERT_TRAILING);
  if (derOctetBitString(tlvVal, tlvLen) !== Err.OK) return fail(Detail.SIGNATURE_VALUE);
  c.sigValue = bitsPtr;
  c.sigValueLen = bitsLen;

  return tbsDecode(c, tbsVal, tbsEnd);
}

function tbsDecode(c: Cert, val: usize, end: usize): Err {
  let pos = val;
  // version [0] EXPLICIT INTEGER: present only for v2 (1) and v3 (2).
  let version: u32 = 0;
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 0)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.VERSION);
    pos = tlvEnd;
    const wEnd = tlvEnd;
    if (derExpectOnly(tlvVal, wEnd, TAG_INTEGER) !== Err.OK) return fail(Detail.VERSION);
    const v = derSmallUint(tlvVal, tlvLen, 256);
    if (v !== 1 && v !== 2) return fail(Detail.VERSION);
    version = <u32>v;
  }
  c.version = version;

  // serialNumber
  if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_INTEGER || !derIntegerOk(tlvVal, tlvLen))
    return fail(Detail.SERIAL);
  c.serial = tlvVal;
  c.serialLen = tlvLen;
  pos = tlvEnd;

  // signature: byte-equal to the outer signatureAlgorithm, then parsed.
  if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.TBS_SIGNATURE);
  const algLen = <u32>(tlvEnd - tlvStart);
  if (algLen !== c.sigAlgTlvLen || memory.compare(tlvStart, c.sigAlgTlv, algLen) !== 0) {
    failDetail = Detail.ALGORITHM_MISMATCH;
    return Err.ALGORITHM_MISMATCH;
  }
  pos = tlvEnd;
  if (algParse(tlvVal, tlvLen) !== Err.OK) return fail(<Detail>algDetail);
  c.sigAlg = algKind;
  c.sigHash = algHash;
  c.pssMgf1Hash = algMgf1Hash;
  c.pssSaltLen = algSaltLen;
  c.sigAlgOid = algOid;
  c.sigAlgOidLen = algOidLen;
  if (algParamsAbsent && algKind === SIG_RSA_PKCS1) c.flags |= CF_SIG_PARAMS_ABSENT;

  // issuer
  if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.ISSUER);
  c.issuer = tlvStart;
  c.issuerLen = <u32>(tlvEnd - tlvStart);
  pos = tlvEnd;
  if (tlvLen === 0) c.flags |= CF_ISSUER_EMPTY;
  if (nameCheck(tlvVal, tlvLen) !== Err.OK) return fail(Detail.ISSUER);

  // validity
  if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.VALIDITY);
  pos = tlvEnd;
  const vEnd = tlvEnd;
  if (derRead(tlvVal, vEnd) !== Err.OK || derTime(tlvTag, tlvVal, tlvLen) !== Err.OK)
    return fail(Detail.VALIDITY);
  c.notBefore = timeValue;
  if (derRead(tlvEnd, vEnd) !== Err.OK || tlvEnd !== vEnd || derTime(tlvTag, tlvVal, tlvLen) !== Err.OK) {
    return fail(Detail.VALIDITY);
  }
  c.notAfter = timeValue;

  // subject
  if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.SUBJECT);
  c.subject = tlvStart;
  c.subjectLen = <u32>(tlvEnd - tlvStart);
  pos = tlvEnd;
  if (tlvLen === 0) c.flags |= CF_SUBJECT_EMPTY;
  if (nameCheck(tlvVal, tlvLen) !== Err.OK) return fail(Detail.SUBJECT);
  if (c.subjectLen === c.issuerLen && memory.compare(c.subject, c.issuer, c.subjectLen) === 0)
    c.flags |= CF_SELF_ISSUED;

  // subjectPublicKeyInfo
  if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.SPKI);
  const spki = tlvStart;
  const spkiLen = <u32>(tlvEnd - tlvStart);
  pos = tlvEnd;
  if (spkiParse(spki, spkiLen) !== Err.OK) return fail(<Detail>spkiDetail);
  c.spki = spki;
  c.spkiLen = spkiLen;
  c.keyType = spkiKeyType;
  c.keyCurve = spkiCurve;
  c.keyBits = spkiBits;
  c.keyData = spkiData;
  c.keyDataLen = spkiDataLen;
  c.keyExp = spkiExp;
  c.keyExpLen = spkiExpLen;
  c.keyAlgOid = spkiAlgOid;
  c.keyAlgOidLen = spkiAlgOidLen;
  c.keyParams = spkiParams;
  c.keyParamsLen = spkiParamsLen;

  // issuerUniqueID [1], subjectUniqueID [2]: IMPLICIT BIT STRING, v2/v3 only.
  for (let n: u32 = 1; n <= 2; n++) {
    if (derPeek(pos, end, TAG_CONTEXT | n)) {
      if (version === 0) return fail(Detail.UNIQUE_ID_V1);
      if (derRead(pos, end) !== Err.OK || derBitString(tlvVal, tlvLen) !== Err.OK)
        return fail(Detail.UNIQUE_ID);
      pos = tlvEnd;
      c.flags |= CF_UNIQUE_IDS;
    }
  }

  // extensions [3] EXPLICIT SEQUENCE SIZE (1..MAX) OF Extension: v3 only.
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 3)) {
    if (version !== 2) return fail(Detail.EXTENSIONS_NOT_V3);
    if (derRead(pos, end) !== Err.OK) return fail(Detail.EXTENSIONS);
    pos = tlvEnd;
    const wEnd = tlvEnd;
    if (derExpectOnly(tlvVal, wEnd, TAG_SEQUENCE) !== Err.OK) return fail(Detail.EXTENSIONS);
    c.exts = tlvVal;
    c.extsLen = tlvLen;
    const e = extensionsDecode(c, tlvVal, tlvLen);
    if (e !== Err.OK) {
      failDetail = extDetail;
      return e;
    }
  }
  if (pos !== end) return fail(Detail.TBS_TRAILING);
  return Err.OK;
}

function soft(d: Detail): Err {
  failDetail = d;
  return Err.MALFORMED;
}

/**
 * RFC 5280 rules that concern one certificate alone, checked after a complete decode. Returns
 * the first failure (UNKNOWN_CRITICAL_EXTENSION or MALFORMED, failDetail set) or OK.
 */
function profileCheck(c: Cert, serialRules: bool): Err {
  const crit = c.extCritical;
  const present = c.extPresent;
  if ((crit & EXT_UNKNOWN) !== 0) {
    failDetail = Detail.UNKNOWN_CRITICAL;
    return Err.UNKNOWN_CRITICAL_EXTENSION;
  }
  if ((crit & (EXT_POLICY_MAPPINGS | EXT_POLICY_CONSTRAINTS | EXT_INHIBIT_ANY_POLICY)) !== 0) {
    failDetail = Detail.UNPROCESSED_CRITICAL;
    return Err.UNKNOWN_CRITICAL_EXTENSION;
  }
  if (serialRules) {
    // serialNumber: positive, at most 20 octets (§4.1.2.2). A leading 0x00 sign octet does not count.
    const sp = c.serial;
    const sl = c.serialLen;
    if (derIntegerNegative(sp)) return serialSoft(c, Detail.SERIAL_NEGATIVE);
    if (sl === 1 && load<u8>(sp) === 0) return serialSoft(c, Detail.SERIAL_ZERO);
    const magnitude = load<u8>(sp) === 0 ? sl - 1 : sl;
    if (magnitude > 20) return serialSoft(c, Detail.SERIAL_TOO_LONG);
  }
  if ((c.flags & CF_ISSUER_EMPTY) !== 0) return soft(Detail.ISSUER_EMPTY);
  if ((c.flags & CF_SUBJECT_EMPTY) !== 0 && (crit & EXT_SAN) === 0)
    return soft(Detail.EMPTY_SUBJECT_NO_CRITICAL_SAN);
  if ((crit & EXT_AKI) !== 0) return soft(Detail.AKI_CRITICAL);
  if ((crit & EXT_SKI) !== 0) return soft(Detail.SKI_CRITICAL);
  if ((crit & EXT_AIA) !== 0) return soft(Detail.AIA_CRITICAL);
  if ((present & EXT_POLICY_CONSTRAINTS) !== 0 && (crit & EXT_POLICY_CONSTRAINTS) === 0) {
    return soft(Detail.POLICY_CONSTRAINTS_NOT_CRITICAL);
  }
  const isCa = (c.flags & CF_CA) !== 0;
  if ((present & EXT_NAME_CONSTRAINTS) !== 0 && !isCa) return soft(Detail.NAME_CONSTRAINTS_NOT_CA);
  if ((present & EXT_BASIC_CONSTRAINTS) !== 0 && c.pathLen >= 0 && !isCa) return soft(Detail.PATHLEN_NOT_CA);
  if ((present & EXT_KEY_USAGE) !== 0) {
    if (c.keyUsage === 0) return soft(Detail.KEY_USAGE_EMPTY);
    if ((c.keyUsage & KU_KEY_CERT_SIGN) !== 0 && !isCa) return soft(Detail.KEY_CERT_SIGN_NOT_CA);
  }
  if (c.exts !== 0 && extSoftErr !== Err.OK) {
    failDetail = extSoftDetail;
    return extSoftErr;
  }
  return Err.OK;
}

function serialSoft(c: Cert, d: Detail): Err {
  c.flags |= CF_SERIAL_NONCONFORMING;
  return soft(d);
}
