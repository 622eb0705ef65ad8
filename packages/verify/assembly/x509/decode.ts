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
  CF_AKI_UNPAIRED,
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
  staticTlv,
} from '../abi.generated';
import { WITH_POLICIES } from '../build-options';
import {
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
} from '../der/reader';
import { derTime, TIME_INVALID } from '../der/time';
import { detailOf, errOf, OUTCOME_OK, Outcome, outcome } from '../outcome';
import { algParse } from './algorithm';
import { certAt } from './cert';
import { extensionsDecode } from './extensions';
import { nameCheck } from './name';
import { spkiParse } from './spki';

/** A structural failure: MALFORMED with the rule's detail. */
function fail(d: Detail): Outcome {
  return outcome(Err.MALFORMED, d);
}

/**
 * Decodes the certificate [ptr, ptr+len) into slot `slot` (< MAX_CERTS). Returns OK, a soft error
 * (slot decoded, flags has CF_DECODED: UNKNOWN_CRITICAL_EXTENSION or MALFORMED for a profile
 * rule) or a hard error (MALFORMED, DUPLICATE_EXTENSION, ALGORITHM_MISMATCH, INPUT_TOO_LARGE,
 * INVALID_ARGUMENT for a bad slot); Cert.status and Cert.detail hold the same. Never traps,
 * allocates nothing, runs in time linear in `len` (plus the bounded duplicate-extension scan).
 */
export function x509Decode(slot: u32, ptr: usize, len: u32): Err {
  if (slot >= MAX_CERTS) return Err.INVALID_ARGUMENT;
  const c = certAt(slot);
  memory.fill(changetype<usize>(c), 0, CERT_STRIDE);
  c.pathLen = -1;
  const o =
    len > MAX_CERT_LEN ? outcome(Err.INPUT_TOO_LARGE, Detail.CERT_TOO_LARGE) : decodeInto(c, ptr, len);
  if (o !== OUTCOME_OK) {
    c.status = <u32>errOf(o);
    c.detail = detailOf(o);
    c.flags = 0;
    return errOf(o);
  }
  c.flags |= CF_DECODED;
  c.anchorStatus = <u32>errOf(profileCheck(c, false));
  const s = profileCheck(c, true);
  c.status = <u32>errOf(s);
  c.detail = detailOf(s);
  return errOf(s);
}

const certTlv = staticTlv();

function decodeInto(c: Cert, ptr: usize, len: u32): Outcome {
  const t = certTlv;
  const end = ptr + len;
  if (derExpectOnly(t, ptr, end, TAG_SEQUENCE) !== Err.OK) return fail(Detail.CERT_SEQUENCE);
  c.der = ptr;
  c.derLen = len;
  const certEnd = t.end;

  // tbsCertificate
  if (derRead(t, t.val, certEnd) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.TBS);
  c.tbs = t.start;
  c.tbsLen = <u32>(t.end - t.start);
  const tbsVal = t.val;
  const tbsEnd = t.end;

  // signatureAlgorithm
  if (derRead(t, tbsEnd, certEnd) !== Err.OK || t.tag !== TAG_SEQUENCE)
    return fail(Detail.SIGNATURE_ALGORITHM);
  c.sigAlgTlv = t.start;
  c.sigAlgTlvLen = <u32>(t.end - t.start);
  const outerEnd = t.end;

  // signatureValue
  if (derRead(t, outerEnd, certEnd) !== Err.OK || t.tag !== TAG_BIT_STRING)
    return fail(Detail.SIGNATURE_VALUE);
  if (t.end !== certEnd) return fail(Detail.CERT_TRAILING);
  if (derOctetBitString(t) !== Err.OK) return fail(Detail.SIGNATURE_VALUE);
  c.sigValue = t.val;
  c.sigValueLen = t.len;

  return tbsDecode(c, tbsVal, tbsEnd);
}

const tbsTlv = staticTlv();
const innerTlv = staticTlv();

function tbsDecode(c: Cert, val: usize, end: usize): Outcome {
  const t = tbsTlv;
  const i = innerTlv;
  let pos = val;
  // version [0] EXPLICIT INTEGER: present only for v2 (1) and v3 (2).
  let version: u32 = 0;
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 0)) {
    if (derRead(t, pos, end) !== Err.OK) return fail(Detail.VERSION);
    pos = t.end;
    if (derExpectOnly(i, t.val, t.end, TAG_INTEGER) !== Err.OK) return fail(Detail.VERSION);
    const v = derSmallUint(i.val, i.len, 256);
    if (v !== 1 && v !== 2) return fail(Detail.VERSION);
    version = <u32>v;
  }
  c.version = version;

  // serialNumber
  if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_INTEGER || !derIntegerOk(t.val, t.len))
    return fail(Detail.SERIAL);
  c.serial = t.val;
  c.serialLen = t.len;
  pos = t.end;

  // signature: byte-equal to the outer signatureAlgorithm, then parsed.
  if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.TBS_SIGNATURE);
  const algLen = <u32>(t.end - t.start);
  if (algLen !== c.sigAlgTlvLen || memory.compare(t.start, c.sigAlgTlv, algLen) !== 0) {
    return outcome(Err.ALGORITHM_MISMATCH, Detail.ALGORITHM_MISMATCH);
  }
  pos = t.end;
  const o = algParse(c.sigParams, t.val, t.len);
  if (o !== OUTCOME_OK) return o;
  // The algorithm OID (algParse checked it), and whether parameters follow it.
  derRead(i, t.val, t.end);
  c.sigAlgOid = i.val;
  c.sigAlgOidLen = i.len;
  if (i.end === t.end && c.sigAlg === SIG_RSA_PKCS1) c.flags |= CF_SIG_PARAMS_ABSENT;

  // issuer
  if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.ISSUER);
  c.issuer = t.start;
  c.issuerLen = <u32>(t.end - t.start);
  pos = t.end;
  if (t.len === 0) c.flags |= CF_ISSUER_EMPTY;
  if (nameCheck(t.val, t.len) < 0) return fail(Detail.ISSUER);

  // validity
  if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.VALIDITY);
  pos = t.end;
  const vEnd = t.end;
  if (derRead(i, t.val, vEnd) !== Err.OK) return fail(Detail.VALIDITY);
  const notBefore = derTime(i.tag, i.val, i.len);
  if (notBefore === TIME_INVALID) return fail(Detail.VALIDITY);
  c.notBefore = notBefore;
  if (derRead(i, i.end, vEnd) !== Err.OK || i.end !== vEnd) return fail(Detail.VALIDITY);
  const notAfter = derTime(i.tag, i.val, i.len);
  if (notAfter === TIME_INVALID) return fail(Detail.VALIDITY);
  c.notAfter = notAfter;

  // subject
  if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.SUBJECT);
  c.subject = t.start;
  c.subjectLen = <u32>(t.end - t.start);
  pos = t.end;
  if (t.len === 0) c.flags |= CF_SUBJECT_EMPTY;
  if (nameCheck(t.val, t.len) < 0) return fail(Detail.SUBJECT);
  if (c.subjectLen === c.issuerLen && memory.compare(c.subject, c.issuer, c.subjectLen) === 0)
    c.flags |= CF_SELF_ISSUED;

  // subjectPublicKeyInfo, into the certificate's Key record
  if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.SPKI);
  const spki = t.start;
  const spkiLen = <u32>(t.end - t.start);
  pos = t.end;
  const k = spkiParse(c.key, spki, spkiLen);
  if (k !== OUTCOME_OK) return k;
  c.spki = spki;
  c.spkiLen = spkiLen;

  // issuerUniqueID [1], subjectUniqueID [2]: IMPLICIT BIT STRING, v2/v3 only.
  for (let n: u32 = 1; n <= 2; n++) {
    if (derPeek(pos, end, TAG_CONTEXT | n)) {
      if (version === 0) return fail(Detail.UNIQUE_ID_V1);
      if (derRead(t, pos, end) !== Err.OK) return fail(Detail.UNIQUE_ID);
      pos = t.end;
      if (derBitString(t) < 0) return fail(Detail.UNIQUE_ID);
      c.flags |= CF_UNIQUE_IDS;
    }
  }

  // extensions [3] EXPLICIT SEQUENCE SIZE (1..MAX) OF Extension: v3 only.
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 3)) {
    if (version !== 2) return fail(Detail.EXTENSIONS_NOT_V3);
    if (derRead(t, pos, end) !== Err.OK) return fail(Detail.EXTENSIONS);
    pos = t.end;
    if (derExpectOnly(i, t.val, t.end, TAG_SEQUENCE) !== Err.OK) return fail(Detail.EXTENSIONS);
    c.exts = i.val;
    c.extsLen = i.len;
    const e = extensionsDecode(c, i.val, i.len);
    if (e !== OUTCOME_OK) return e;
  }
  if (pos !== end) return fail(Detail.TBS_TRAILING);
  return OUTCOME_OK;
}

/** A profile failure: MALFORMED with the rule's detail (the slot stays decoded). */
function soft(d: Detail): Outcome {
  return outcome(Err.MALFORMED, d);
}

/**
 * RFC 5280 rules that concern one certificate alone, checked after a complete decode. Returns
 * the first failure (UNKNOWN_CRITICAL_EXTENSION or MALFORMED, with its detail) or OK.
 */
function profileCheck(c: Cert, serialRules: bool): Outcome {
  const crit = c.extCritical;
  const present = c.extPresent;
  if ((crit & EXT_UNKNOWN) !== 0) return outcome(Err.UNKNOWN_CRITICAL_EXTENSION, Detail.UNKNOWN_CRITICAL);
  // Without policy processing in the build (build-options.ts), critical policy extensions are
  // unsupported; with it, the path code decides (path/policy.ts, path/checks.ts).
  if (
    !WITH_POLICIES &&
    (crit & (EXT_POLICY_MAPPINGS | EXT_POLICY_CONSTRAINTS | EXT_INHIBIT_ANY_POLICY)) !== 0
  ) {
    return outcome(Err.UNKNOWN_CRITICAL_EXTENSION, Detail.UNPROCESSED_CRITICAL);
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
  if ((c.flags & CF_AKI_UNPAIRED) !== 0) return soft(Detail.AKI_ISSUER_SERIAL_PAIR);
  return OUTCOME_OK;
}

function serialSoft(c: Cert, d: Detail): Outcome {
  c.flags |= CF_SERIAL_NONCONFORMING;
  return soft(d);
}
