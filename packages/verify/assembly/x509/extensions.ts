// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Certificate extensions (RFC 5280 §4.2): the Extension list and the contents of each extension
// this verifier recognises.
//
//   Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
//
// Decisions:
// - An explicitly encoded `critical FALSE` (a DER DEFAULT violation) is accepted: device and
//   embedded certificate generators emit it (Caliptra, OpenTitan until 2026, GoDaddy in 2014) and
//   Go, OpenSSL and mbedTLS accept it; the signature covers the bytes either way. Same for an
//   explicit basicConstraints `cA FALSE` and a GeneralSubtree `minimum 0`.
// - The same extension OID twice: DUPLICATE_EXTENSION (§4.2 "MUST NOT include more than one
//   instance"), hard error. Recognised OIDs are tracked with a bit mask; unrecognised ones are
//   compared with every earlier extension (bounded by MAX_EXTENSIONS).
// - Recognised and processed (may be critical): basicConstraints, keyUsage, extKeyUsage,
//   subjectAltName, nameConstraints, issuerAltName, and the hint-only authorityKeyIdentifier,
//   subjectKeyIdentifier, authorityInfoAccess and cRLDistributionPoints (their criticality rules
//   are checked below).
// - Recognised and structurally checked here, processed along the path (path/policy.ts, RFC 5280
//   §6.1): certificatePolicies, policyMappings, policyConstraints, inhibitAnyPolicy. A build
//   without policy processing (build-options.ts WITH_POLICIES) rejects a critical one of the last
//   three like an unknown critical extension (UNKNOWN_CRITICAL_EXTENSION, x509/decode.ts).
// - Every recognised extension's contents must be exactly one well-formed value of its ASN.1
//   type; otherwise MALFORMED (a broken SAN must not be skipped as if absent).

import {
  Cert,
  CF_AKI_ISSUER_SERIAL,
  CF_AKI_UNPAIRED,
  CF_CA,
  CF_NC_EXCLUDED,
  CF_NC_PERMITTED,
  Detail,
  EKU_ANY,
  EKU_CLIENT_AUTH,
  EKU_CODE_SIGNING,
  EKU_EMAIL_PROTECTION,
  EKU_OCSP_SIGNING,
  EKU_OTHER,
  EKU_SERVER_AUTH,
  EKU_TIME_STAMPING,
  Err,
  EXT_AIA,
  EXT_AKI,
  EXT_BASIC_CONSTRAINTS,
  EXT_CERT_POLICIES,
  EXT_CRL_DP,
  EXT_EXT_KEY_USAGE,
  EXT_INHIBIT_ANY_POLICY,
  EXT_ISSUER_ALT_NAME,
  EXT_KEY_USAGE,
  EXT_NAME_CONSTRAINTS,
  EXT_POLICY_CONSTRAINTS,
  EXT_POLICY_MAPPINGS,
  EXT_SAN,
  EXT_SKI,
  EXT_UNKNOWN,
  MAX_EXTENSIONS,
  staticGeneralName,
  staticTlv,
  Tlv,
} from '../abi.generated';
import { derBitString, derBoolean, derIntegerOk, derOidOk, derSmallUint, oidEquals } from '../der/primitives';

import {
  derCheckTree,
  derExpectOnly,
  derPeek,
  derRead,
  TAG_BIT_STRING,
  TAG_BOOLEAN,
  TAG_CONTEXT,
  TAG_CONTEXT_CONS,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
} from '../der/reader';
import { OUTCOME_OK, Outcome, outcome } from '../outcome';
import { gnCheckList, gnRead, IP_ADDRESS, subtreesCheck } from './general-name';

import {
  ID_CE_AKI,
  ID_CE_BASIC_CONSTRAINTS,
  ID_CE_CERT_POLICIES,
  ID_CE_CRL_DP,
  ID_CE_EKU,
  ID_CE_IAN,
  ID_CE_INHIBIT_ANY_POLICY,
  ID_CE_KEY_USAGE,
  ID_CE_NAME_CONSTRAINTS,
  ID_CE_POLICY_CONSTRAINTS,
  ID_CE_POLICY_MAPPINGS,
  ID_CE_SAN,
  ID_CE_SKI,
  ID_KP_CLIENT_AUTH,
  ID_KP_CODE_SIGNING,
  ID_KP_EMAIL_PROTECTION,
  ID_KP_OCSP_SIGNING,
  ID_KP_SERVER_AUTH,
  ID_KP_TIME_STAMPING,
  OID_AIA,
  OID_AIA_LEN,
  OID_ANY_EKU,
  OID_ANY_EKU_LEN,
  OID_ID_CE,
  OID_ID_KP,
  OID_ID_KP_LEN,
} from './oids';

/** A malformed extension: MALFORMED with the rule's detail. */
function fail(d: Detail): Outcome {
  return outcome(Err.MALFORMED, d);
}

/** EXT_* bit of a recognised extension OID (contents), or 0. */
export function extBit(oid: usize, len: u32): u32 {
  if (len === 3 && load<u8>(oid) === load<u8>(OID_ID_CE) && load<u8>(oid + 1) === load<u8>(OID_ID_CE + 1)) {
    const n = load<u8>(oid + 2);
    if (n === ID_CE_BASIC_CONSTRAINTS) return EXT_BASIC_CONSTRAINTS;
    if (n === ID_CE_KEY_USAGE) return EXT_KEY_USAGE;
    if (n === ID_CE_EKU) return EXT_EXT_KEY_USAGE;
    if (n === ID_CE_SAN) return EXT_SAN;
    if (n === ID_CE_NAME_CONSTRAINTS) return EXT_NAME_CONSTRAINTS;
    if (n === ID_CE_AKI) return EXT_AKI;
    if (n === ID_CE_SKI) return EXT_SKI;
    if (n === ID_CE_CERT_POLICIES) return EXT_CERT_POLICIES;
    if (n === ID_CE_CRL_DP) return EXT_CRL_DP;
    if (n === ID_CE_POLICY_MAPPINGS) return EXT_POLICY_MAPPINGS;
    if (n === ID_CE_POLICY_CONSTRAINTS) return EXT_POLICY_CONSTRAINTS;
    if (n === ID_CE_INHIBIT_ANY_POLICY) return EXT_INHIBIT_ANY_POLICY;
    if (n === ID_CE_IAN) return EXT_ISSUER_ALT_NAME;
    return 0;
  }
  if (oidEquals(oid, len, OID_AIA, OID_AIA_LEN)) return EXT_AIA;
  return 0;
}

/** Reads into `t` the one TLV that must fill [val, val+len), with identifier `tag`. */
function only(t: Tlv, val: usize, len: u32, tag: u32): bool {
  return derExpectOnly(t, val, val + len, tag) === Err.OK;
}

const basicConstraintsTlv = staticTlv();

function basicConstraints(c: Cert, val: usize, len: u32): Outcome {
  const t = basicConstraintsTlv;
  if (!only(t, val, len, TAG_SEQUENCE)) return fail(Detail.EXT_BASIC_CONSTRAINTS);
  const end = t.end;
  let pos = t.val;
  if (derPeek(pos, end, TAG_BOOLEAN)) {
    if (derRead(t, pos, end) !== Err.OK) return fail(Detail.EXT_BASIC_CONSTRAINTS);
    const b = derBoolean(t.val, t.len);
    if (b < 0) return fail(Detail.EXT_BASIC_CONSTRAINTS);
    if (b === 1) c.flags |= CF_CA;
    pos = t.end;
  }
  if (pos < end) {
    if (derExpectOnly(t, pos, end, TAG_INTEGER) !== Err.OK) return fail(Detail.EXT_BASIC_CONSTRAINTS);
    const v = derSmallUint(t.val, t.len, 0x7fffffff);
    if (v < 0) return fail(Detail.EXT_BASIC_CONSTRAINTS);
    c.pathLen = <i32>v;
  }
  return OUTCOME_OK;
}

const keyUsageTlv = staticTlv();

function keyUsage(c: Cert, val: usize, len: u32): Outcome {
  const t = keyUsageTlv;
  if (!only(t, val, len, TAG_BIT_STRING)) return fail(Detail.EXT_KEY_USAGE);
  if (derBitString(t) < 0 || t.len > 2) return fail(Detail.EXT_KEY_USAGE);
  let bits: u32 = 0;
  if (t.len >= 1) bits = <u32>reverseByte(load<u8>(t.val));
  if (t.len === 2) {
    const b1 = <u32>load<u8>(t.val + 1);
    if ((b1 & 0x7f) !== 0) return fail(Detail.EXT_KEY_USAGE); // only decipherOnly (bit 8) exists there
    bits |= (b1 >> 7) << 8;
  }
  c.keyUsage = bits;
  return OUTCOME_OK;
}

// Bit 0 of KeyUsage is the most significant bit of the first octet.
function reverseByte(b: u8): u8 {
  let x = <u32>b;
  x = ((x & 0xf0) >> 4) | ((x & 0x0f) << 4);
  x = ((x & 0xcc) >> 2) | ((x & 0x33) << 2);
  x = ((x & 0xaa) >> 1) | ((x & 0x55) << 1);
  return <u8>x;
}

const extKeyUsageTlv = staticTlv();

function extKeyUsage(c: Cert, val: usize, len: u32): Outcome {
  const t = extKeyUsageTlv;
  if (!only(t, val, len, TAG_SEQUENCE) || t.len === 0) return fail(Detail.EXT_EXT_KEY_USAGE);
  const end = t.end;
  c.eku = t.val;
  c.ekuLen = t.len;
  let pos = t.val;
  let flags: u32 = 0;
  while (pos < end) {
    if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len))
      return fail(Detail.EXT_EXT_KEY_USAGE);
    const o = t.val;
    const l = t.len;
    pos = t.end;
    if (l === OID_ID_KP_LEN + 1 && memory.compare(o, OID_ID_KP, OID_ID_KP_LEN) === 0) {
      const n = load<u8>(o + OID_ID_KP_LEN);
      if (n === ID_KP_SERVER_AUTH) flags |= EKU_SERVER_AUTH;
      else if (n === ID_KP_CLIENT_AUTH) flags |= EKU_CLIENT_AUTH;
      else if (n === ID_KP_CODE_SIGNING) flags |= EKU_CODE_SIGNING;
      else if (n === ID_KP_EMAIL_PROTECTION) flags |= EKU_EMAIL_PROTECTION;
      else if (n === ID_KP_TIME_STAMPING) flags |= EKU_TIME_STAMPING;
      else if (n === ID_KP_OCSP_SIGNING) flags |= EKU_OCSP_SIGNING;
      else flags |= EKU_OTHER;
    } else if (oidEquals(o, l, OID_ANY_EKU, OID_ANY_EKU_LEN)) {
      flags |= EKU_ANY;
    } else {
      flags |= EKU_OTHER;
    }
  }
  c.ekuFlags = flags;
  return OUTCOME_OK;
}

const subjectAltNameTlv = staticTlv();

function subjectAltName(c: Cert, val: usize, len: u32): Outcome {
  const t = subjectAltNameTlv;
  if (!only(t, val, len, TAG_SEQUENCE)) return fail(Detail.EXT_SAN);
  const v = t.val;
  const l = t.len;
  const n = gnCheckList(v, l, IP_ADDRESS);
  if (n < 0) return fail(Detail.EXT_SAN);
  c.san = v;
  c.sanLen = l;
  c.sanCount = <u32>n;
  return OUTCOME_OK;
}

const issuerAltNameTlv = staticTlv();

function issuerAltName(val: usize, len: u32): Outcome {
  const t = issuerAltNameTlv;
  if (!only(t, val, len, TAG_SEQUENCE)) return fail(Detail.EXT_ISSUER_ALT_NAME);
  if (gnCheckList(t.val, t.len, IP_ADDRESS) < 0) return fail(Detail.EXT_ISSUER_ALT_NAME);
  return OUTCOME_OK;
}

const nameConstraintsTlv = staticTlv();

function nameConstraints(c: Cert, val: usize, len: u32): Outcome {
  const t = nameConstraintsTlv;
  if (!only(t, val, len, TAG_SEQUENCE)) return fail(Detail.EXT_NAME_CONSTRAINTS);
  const end = t.end;
  let pos = t.val;
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 0)) {
    if (derRead(t, pos, end) !== Err.OK) return fail(Detail.EXT_NAME_CONSTRAINTS);
    const v = t.val;
    const l = t.len;
    pos = t.end;
    if (subtreesCheck(v, l) !== Err.OK) return fail(Detail.EXT_NAME_CONSTRAINTS);
    c.ncPermitted = v;
    c.ncPermittedLen = l;
    c.flags |= CF_NC_PERMITTED;
  }
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 1)) {
    if (derRead(t, pos, end) !== Err.OK) return fail(Detail.EXT_NAME_CONSTRAINTS);
    const v = t.val;
    const l = t.len;
    pos = t.end;
    if (subtreesCheck(v, l) !== Err.OK) return fail(Detail.EXT_NAME_CONSTRAINTS);
    c.ncExcluded = v;
    c.ncExcludedLen = l;
    c.flags |= CF_NC_EXCLUDED;
  }
  // Nothing else may follow, and RFC 5280 §4.2.1.10: "MUST NOT issue ... where name constraints
  // is an empty sequence" (at least one of the two subtrees lists).
  if (pos !== end || (c.flags & (CF_NC_PERMITTED | CF_NC_EXCLUDED)) === 0)
    return fail(Detail.EXT_NAME_CONSTRAINTS);
  return OUTCOME_OK;
}

const authorityKeyIdTlv = staticTlv();

function authorityKeyId(c: Cert, val: usize, len: u32): Outcome {
  const t = authorityKeyIdTlv;
  if (!only(t, val, len, TAG_SEQUENCE)) return fail(Detail.EXT_AKI);
  const end = t.end;
  let pos = t.val;
  if (derPeek(pos, end, TAG_CONTEXT | 0)) {
    if (derRead(t, pos, end) !== Err.OK) return fail(Detail.EXT_AKI);
    c.akiKeyId = t.val;
    c.akiKeyIdLen = t.len;
    pos = t.end;
  }
  let parts: u32 = 0;
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 1)) {
    if (derRead(t, pos, end) !== Err.OK) return fail(Detail.EXT_AKI);
    pos = t.end;
    if (gnCheckList(t.val, t.len, IP_ADDRESS) < 0) return fail(Detail.EXT_AKI);
    parts |= 1;
  }
  if (derPeek(pos, end, TAG_CONTEXT | 2)) {
    if (derRead(t, pos, end) !== Err.OK || !derIntegerOk(t.val, t.len)) return fail(Detail.EXT_AKI);
    pos = t.end;
    parts |= 2;
  }
  if (pos !== end) return fail(Detail.EXT_AKI);
  if (parts !== 0) c.flags |= CF_AKI_ISSUER_SERIAL;
  // RFC 5280 §4.2.1.1: authorityCertIssuer and authorityCertSerialNumber both or neither (a
  // profile rule, checked with the others in decode.ts).
  if (parts === 1 || parts === 2) c.flags |= CF_AKI_UNPAIRED;
  return OUTCOME_OK;
}

const subjectKeyIdTlv = staticTlv();

function subjectKeyId(c: Cert, val: usize, len: u32): Outcome {
  const t = subjectKeyIdTlv;
  if (!only(t, val, len, TAG_OCTET_STRING)) return fail(Detail.EXT_SKI);
  c.ski = t.val;
  c.skiLen = t.len;
  return OUTCOME_OK;
}

const certificatePoliciesTlv = staticTlv();

function certificatePolicies(c: Cert, val: usize, len: u32): Outcome {
  const t = certificatePoliciesTlv;
  if (!only(t, val, len, TAG_SEQUENCE) || t.len === 0) return fail(Detail.EXT_CERT_POLICIES);
  const end = t.end;
  c.policies = t.val;
  c.policiesLen = t.len;
  let pos = t.val;
  while (pos < end) {
    // PolicyInformation ::= SEQUENCE { policyIdentifier OID, policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }
    if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.EXT_CERT_POLICIES);
    const piEnd = t.end;
    pos = t.end;
    if (derRead(t, t.val, piEnd) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len))
      return fail(Detail.EXT_CERT_POLICIES);
    if (t.end !== piEnd) {
      if (derRead(t, t.end, piEnd) !== Err.OK || t.tag !== TAG_SEQUENCE || t.end !== piEnd || t.len === 0) {
        return fail(Detail.EXT_CERT_POLICIES);
      }
      const qEnd = t.end;
      let q = t.val;
      while (q < qEnd) {
        // PolicyQualifierInfo ::= SEQUENCE { policyQualifierId OID, qualifier ANY }
        if (derRead(t, q, qEnd) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.EXT_CERT_POLICIES);
        const qiEnd = t.end;
        q = t.end;
        if (derRead(t, t.val, qiEnd) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len))
          return fail(Detail.EXT_CERT_POLICIES);
        if (t.end !== qiEnd) {
          const s = t.end;
          if (
            derRead(t, s, qiEnd) !== Err.OK ||
            t.end !== qiEnd ||
            derCheckTree(s, <u32>(qiEnd - s)) !== Err.OK
          ) {
            return fail(Detail.EXT_CERT_POLICIES);
          }
        }
      }
    }
  }
  return OUTCOME_OK;
}

const authorityInfoAccessTlv = staticTlv();
const accessName = staticGeneralName();

function authorityInfoAccess(c: Cert, val: usize, len: u32): Outcome {
  const t = authorityInfoAccessTlv;
  if (!only(t, val, len, TAG_SEQUENCE) || t.len === 0) return fail(Detail.EXT_AIA);
  const end = t.end;
  c.aia = t.val;
  c.aiaLen = t.len;
  let pos = t.val;
  while (pos < end) {
    // AccessDescription ::= SEQUENCE { accessMethod OID, accessLocation GeneralName }
    if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.EXT_AIA);
    const adEnd = t.end;
    pos = t.end;
    if (derRead(t, t.val, adEnd) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len))
      return fail(Detail.EXT_AIA);
    if (gnRead(accessName, t.end, adEnd, IP_ADDRESS) !== Err.OK || accessName.next !== adEnd)
      return fail(Detail.EXT_AIA);
  }
  return OUTCOME_OK;
}

const crlDistributionPointsTlv = staticTlv();

function crlDistributionPoints(c: Cert, val: usize, len: u32): Outcome {
  const t = crlDistributionPointsTlv;
  if (!only(t, val, len, TAG_SEQUENCE) || t.len === 0) return fail(Detail.EXT_CRL_DP);
  const end = t.end;
  c.crlDp = t.val;
  c.crlDpLen = t.len;
  let pos = t.val;
  while (pos < end) {
    // DistributionPoint ::= SEQUENCE { distributionPoint [0] OPT, reasons [1] OPT, cRLIssuer [2] OPT }
    if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.EXT_CRL_DP);
    const dpEnd = t.end;
    pos = t.end;
    let p = t.val;
    let seen: u32 = 0;
    if (derPeek(p, dpEnd, TAG_CONTEXT_CONS | 0)) {
      if (derRead(t, p, dpEnd) !== Err.OK) return fail(Detail.EXT_CRL_DP);
      p = t.end;
      // DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RDN }
      const nEnd = t.end;
      if (derRead(t, t.val, nEnd) !== Err.OK || t.end !== nEnd) return fail(Detail.EXT_CRL_DP);
      if (t.tag === (TAG_CONTEXT_CONS | 0)) {
        if (gnCheckList(t.val, t.len, IP_ADDRESS) < 0) return fail(Detail.EXT_CRL_DP);
      } else if (t.tag === (TAG_CONTEXT_CONS | 1)) {
        if (t.len === 0 || derCheckTree(t.val, t.len) !== Err.OK) return fail(Detail.EXT_CRL_DP);
      } else {
        return fail(Detail.EXT_CRL_DP);
      }
      seen |= 1;
    }
    if (derPeek(p, dpEnd, TAG_CONTEXT | 1)) {
      if (derRead(t, p, dpEnd) !== Err.OK || derBitString(t) < 0) return fail(Detail.EXT_CRL_DP);
      p = t.end;
    }
    if (derPeek(p, dpEnd, TAG_CONTEXT_CONS | 2)) {
      if (derRead(t, p, dpEnd) !== Err.OK) return fail(Detail.EXT_CRL_DP);
      p = t.end;
      if (gnCheckList(t.val, t.len, IP_ADDRESS) < 0) return fail(Detail.EXT_CRL_DP);
      seen |= 2;
    }
    // RFC 5280 §4.2.1.13: distributionPoint or cRLIssuer MUST be present.
    if (p !== dpEnd || seen === 0) return fail(Detail.EXT_CRL_DP);
  }
  return OUTCOME_OK;
}

const policyMappingsTlv = staticTlv();

function policyMappings(val: usize, len: u32): Outcome {
  const t = policyMappingsTlv;
  if (!only(t, val, len, TAG_SEQUENCE) || t.len === 0) return fail(Detail.EXT_POLICY_MAPPINGS);
  const end = t.end;
  let pos = t.val;
  while (pos < end) {
    if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.EXT_POLICY_MAPPINGS);
    const mEnd = t.end;
    pos = t.end;
    if (derRead(t, t.val, mEnd) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len))
      return fail(Detail.EXT_POLICY_MAPPINGS);
    if (
      derRead(t, t.end, mEnd) !== Err.OK ||
      t.tag !== TAG_OID ||
      !derOidOk(t.val, t.len) ||
      t.end !== mEnd
    ) {
      return fail(Detail.EXT_POLICY_MAPPINGS);
    }
  }
  return OUTCOME_OK;
}

const policyConstraintsTlv = staticTlv();

function policyConstraints(val: usize, len: u32): Outcome {
  const t = policyConstraintsTlv;
  if (!only(t, val, len, TAG_SEQUENCE) || t.len === 0) return fail(Detail.EXT_POLICY_CONSTRAINTS);
  const end = t.end;
  let pos = t.val;
  if (derPeek(pos, end, TAG_CONTEXT | 0)) {
    if (derRead(t, pos, end) !== Err.OK || derSmallUint(t.val, t.len, 0x7fffffff) < 0)
      return fail(Detail.EXT_POLICY_CONSTRAINTS);
    pos = t.end;
  }
  if (derPeek(pos, end, TAG_CONTEXT | 1)) {
    if (derRead(t, pos, end) !== Err.OK || derSmallUint(t.val, t.len, 0x7fffffff) < 0)
      return fail(Detail.EXT_POLICY_CONSTRAINTS);
    pos = t.end;
  }
  return pos === end ? OUTCOME_OK : fail(Detail.EXT_POLICY_CONSTRAINTS);
}

const inhibitAnyPolicyTlv = staticTlv();

function inhibitAnyPolicy(val: usize, len: u32): Outcome {
  const t = inhibitAnyPolicyTlv;
  if (!only(t, val, len, TAG_INTEGER) || derSmallUint(t.val, t.len, 0x7fffffff) < 0)
    return fail(Detail.EXT_INHIBIT_ANY_POLICY);
  return OUTCOME_OK;
}

const extensionsDecodeTlv = staticTlv();

/**
 * Decodes the Extensions SEQUENCE contents [val, val+len) into `c`. Returns OK or a hard error
 * with its detail (MALFORMED, DUPLICATE_EXTENSION, INPUT_TOO_LARGE). Profile rules are left to
 * decode.ts, which reads what this recorded in `c` (flags, extPresent, extCritical).
 */
export function extensionsDecode(c: Cert, val: usize, len: u32): Outcome {
  const t = extensionsDecodeTlv;
  if (len === 0) return fail(Detail.EXTENSIONS_EMPTY);
  const end = val + len;
  let pos = val;
  let count: u32 = 0;
  let present: u32 = 0;
  let critical: u32 = 0;
  while (pos < end) {
    if (count === MAX_EXTENSIONS) return outcome(Err.INPUT_TOO_LARGE, Detail.TOO_MANY_EXTENSIONS);
    if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.EXTENSIONS);
    const extEnd = t.end;
    const extStart = pos;
    pos = t.end;
    if (derRead(t, t.val, extEnd) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len))
      return fail(Detail.EXTENSIONS);
    const oid = t.val;
    const oidLen = t.len;
    let p = t.end;
    let isCritical = false;
    if (derPeek(p, extEnd, TAG_BOOLEAN)) {
      if (derRead(t, p, extEnd) !== Err.OK) return fail(Detail.EXTENSIONS);
      const b = derBoolean(t.val, t.len);
      if (b < 0) return fail(Detail.EXTENSIONS);
      isCritical = b === 1;
      p = t.end;
    }
    if (derRead(t, p, extEnd) !== Err.OK || t.tag !== TAG_OCTET_STRING || t.end !== extEnd)
      return fail(Detail.EXTENSIONS);
    const v = t.val;
    const l = t.len;
    count++;

    const bit = extBit(oid, oidLen);
    if (bit !== 0) {
      if ((present & bit) !== 0) return outcome(Err.DUPLICATE_EXTENSION, Detail.DUPLICATE_EXTENSION);
    } else if (duplicateUnknown(val, extStart, oid, oidLen)) {
      return outcome(Err.DUPLICATE_EXTENSION, Detail.DUPLICATE_EXTENSION);
    }
    const b = bit !== 0 ? bit : EXT_UNKNOWN;
    present |= b;
    if (isCritical) critical |= b;

    let e = OUTCOME_OK;
    if (bit === EXT_BASIC_CONSTRAINTS) e = basicConstraints(c, v, l);
    else if (bit === EXT_KEY_USAGE) e = keyUsage(c, v, l);
    else if (bit === EXT_EXT_KEY_USAGE) e = extKeyUsage(c, v, l);
    else if (bit === EXT_SAN) e = subjectAltName(c, v, l);
    else if (bit === EXT_NAME_CONSTRAINTS) e = nameConstraints(c, v, l);
    else if (bit === EXT_AKI) e = authorityKeyId(c, v, l);
    else if (bit === EXT_SKI) e = subjectKeyId(c, v, l);
    else if (bit === EXT_CERT_POLICIES) e = certificatePolicies(c, v, l);
    else if (bit === EXT_AIA) e = authorityInfoAccess(c, v, l);
    else if (bit === EXT_CRL_DP) e = crlDistributionPoints(c, v, l);
    else if (bit === EXT_POLICY_MAPPINGS) e = policyMappings(v, l);
    else if (bit === EXT_POLICY_CONSTRAINTS) e = policyConstraints(v, l);
    else if (bit === EXT_INHIBIT_ANY_POLICY) e = inhibitAnyPolicy(v, l);
    else if (bit === EXT_ISSUER_ALT_NAME) e = issuerAltName(v, l);
    if (e !== OUTCOME_OK) return e;
  }
  c.extCount = count;
  c.extPresent = present;
  c.extCritical = critical;
  return OUTCOME_OK;
}

const duplicateUnknownTlv = staticTlv();

/** True when an extension before `upTo` (walking from `first`) has the OID (oid, oidLen). */
function duplicateUnknown(first: usize, upTo: usize, oid: usize, oidLen: u32): bool {
  const t = duplicateUnknownTlv;
  let pos = first;
  while (pos < upTo) {
    // These TLVs were already read successfully, so the reads cannot fail.
    derRead(t, pos, upTo);
    const next = t.end;
    derRead(t, t.val, next);
    if (oidEquals(t.val, t.len, oid, oidLen)) return true;
    pos = next;
  }
  return false;
}
