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
//   subjectAltName, nameConstraints, certificatePolicies (any policy is acceptable: RFC 5280 §6.1.1
//   with initial-policy-set = anyPolicy and initial-explicit-policy unset), issuerAltName, and
//   the hint-only authorityKeyIdentifier, subjectKeyIdentifier, authorityInfoAccess and
//   cRLDistributionPoints (their criticality rules are checked below).
// - Recognised, structurally checked, not processed: policyMappings, policyConstraints,
//   inhibitAnyPolicy. Policy-tree processing is not implemented, so when one of them is critical
//   the certificate is rejected like an unknown critical extension (UNKNOWN_CRITICAL_EXTENSION).
// - Every recognised extension's contents must be exactly one well-formed value of its ASN.1
//   type; otherwise MALFORMED (a broken SAN must not be skipped as if absent).

import {
  Cert,
  CF_AKI_ISSUER_SERIAL,
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
} from '../abi.generated';
import {
  bitsLen,
  bitsPtr,
  derBitString,
  derBoolean,
  derIntegerOk,
  derOidOk,
  derSmallUint,
  oidEquals,
} from '../der/primitives';

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
  tlvEnd,
  tlvLen,
  tlvTag,
  tlvVal,
} from '../der/reader';

import { gnCheckList, gnCount, gnRead, IP_ADDRESS, subtreesCheck } from './general-name';

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

/** Detail code of the last failure in this file. */
export let extDetail: u32 = 0;

function fail(d: Detail): Err {
  extDetail = d;
  return Err.MALFORMED;
}

/** Soft (profile) failure found while decoding extensions: first one wins. 0 = none. */
export let extSoftErr: Err = Err.OK;
export let extSoftDetail: u32 = 0;

function soft(e: Err, d: Detail): void {
  if (extSoftErr === Err.OK) {
    extSoftErr = e;
    extSoftDetail = d;
  }
}

/** EXT_* bit of a recognised extension OID (contents), or 0. */
function extBit(oid: usize, len: u32): u32 {
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

/** Reads the one TLV that must fill [val, val+len) with tag `tag`; leaves it in the tlv* globals. */
function only(val: usize, len: u32, tag: u32): bool {
  return derExpectOnly(val, val + len, tag) === Err.OK;
}

function basicConstraints(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE)) return fail(Detail.EXT_BASIC_CONSTRAINTS);
  const end = tlvEnd;
  let pos = tlvVal;
  if (derPeek(pos, end, TAG_BOOLEAN)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.EXT_BASIC_CONSTRAINTS);
    const b = derBoolean(tlvVal, tlvLen);
    if (b < 0) return fail(Detail.EXT_BASIC_CONSTRAINTS);
    if (b === 1) c.flags |= CF_CA;
    pos = tlvEnd;
  }
  if (pos < end) {
    if (derExpectOnly(pos, end, TAG_INTEGER) !== Err.OK) return fail(Detail.EXT_BASIC_CONSTRAINTS);
    const v = derSmallUint(tlvVal, tlvLen, 0x7fffffff);
    if (v < 0) return fail(Detail.EXT_BASIC_CONSTRAINTS);
    c.pathLen = <i32>v;
  }
  return Err.OK;
}

function keyUsage(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_BIT_STRING)) return fail(Detail.EXT_KEY_USAGE);
  if (derBitString(tlvVal, tlvLen) !== Err.OK || bitsLen > 2) return fail(Detail.EXT_KEY_USAGE);
  let bits: u32 = 0;
  if (bitsLen >= 1) bits = <u32>reverseByte(load<u8>(bitsPtr));
  if (bitsLen === 2) {
    const b1 = <u32>load<u8>(bitsPtr + 1);
    if ((b1 & 0x7f) !== 0) return fail(Detail.EXT_KEY_USAGE); // only decipherOnly (bit 8) exists there
    bits |= (b1 >> 7) << 8;
  }
  c.keyUsage = bits;
  return Err.OK;
}

// Bit 0 of KeyUsage is the most significant bit of the first octet.
function reverseByte(b: u8): u8 {
  let x = <u32>b;
  x = ((x & 0xf0) >> 4) | ((x & 0x0f) << 4);
  x = ((x & 0xcc) >> 2) | ((x & 0x33) << 2);
  x = ((x & 0xaa) >> 1) | ((x & 0x55) << 1);
  return <u8>x;
}

function extKeyUsage(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE) || tlvLen === 0) return fail(Detail.EXT_EXT_KEY_USAGE);
  const end = tlvEnd;
  c.eku = tlvVal;
  c.ekuLen = tlvLen;
  let pos = tlvVal;
  let flags: u32 = 0;
  while (pos < end) {
    if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen))
      return fail(Detail.EXT_EXT_KEY_USAGE);
    const o = tlvVal;
    const l = tlvLen;
    pos = tlvEnd;
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
  return Err.OK;
}

function subjectAltName(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE)) return fail(Detail.EXT_SAN);
  const v = tlvVal;
  const l = tlvLen;
  if (gnCheckList(v, l, IP_ADDRESS) !== Err.OK) return fail(Detail.EXT_SAN);
  c.san = v;
  c.sanLen = l;
  c.sanCount = gnCount;
  return Err.OK;
}

function issuerAltName(val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE)) return fail(Detail.EXT_ISSUER_ALT_NAME);
  if (gnCheckList(tlvVal, tlvLen, IP_ADDRESS) !== Err.OK) return fail(Detail.EXT_ISSUER_ALT_NAME);
  return Err.OK;
}

function nameConstraints(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE)) return fail(Detail.EXT_NAME_CONSTRAINTS);
  const end = tlvEnd;
  let pos = tlvVal;
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 0)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.EXT_NAME_CONSTRAINTS);
    const v = tlvVal;
    const l = tlvLen;
    pos = tlvEnd;
    if (subtreesCheck(v, l) !== Err.OK) return fail(Detail.EXT_NAME_CONSTRAINTS);
    c.ncPermitted = v;
    c.ncPermittedLen = l;
    c.flags |= CF_NC_PERMITTED;
  }
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 1)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.EXT_NAME_CONSTRAINTS);
    const v = tlvVal;
    const l = tlvLen;
    pos = tlvEnd;
    if (subtreesCheck(v, l) !== Err.OK) return fail(Detail.EXT_NAME_CONSTRAINTS);
    c.ncExcluded = v;
    c.ncExcludedLen = l;
    c.flags |= CF_NC_EXCLUDED;
  }
  // Nothing else may follow, and RFC 5280 §4.2.1.10: "MUST NOT issue ... where name constraints
  // is an empty sequence" (at least one of the two subtrees lists).
  if (pos !== end || (c.flags & (CF_NC_PERMITTED | CF_NC_EXCLUDED)) === 0)
    return fail(Detail.EXT_NAME_CONSTRAINTS);
  return Err.OK;
}

function authorityKeyId(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE)) return fail(Detail.EXT_AKI);
  const end = tlvEnd;
  let pos = tlvVal;
  if (derPeek(pos, end, TAG_CONTEXT | 0)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.EXT_AKI);
    c.akiKeyId = tlvVal;
    c.akiKeyIdLen = tlvLen;
    pos = tlvEnd;
  }
  let parts: u32 = 0;
  if (derPeek(pos, end, TAG_CONTEXT_CONS | 1)) {
    if (derRead(pos, end) !== Err.OK) return fail(Detail.EXT_AKI);
    pos = tlvEnd;
    if (gnCheckList(tlvVal, tlvLen, IP_ADDRESS) !== Err.OK) return fail(Detail.EXT_AKI);
    parts |= 1;
  }
  if (derPeek(pos, end, TAG_CONTEXT | 2)) {
    if (derRead(pos, end) !== Err.OK || !derIntegerOk(tlvVal, tlvLen)) return fail(Detail.EXT_AKI);
    pos = tlvEnd;
    parts |= 2;
  }
  if (pos !== end) return fail(Detail.EXT_AKI);
  if (parts !== 0) c.flags |= CF_AKI_ISSUER_SERIAL;
  // RFC 5280 §4.2.1.1: authorityCertIssuer and authorityCertSerialNumber both or neither (soft rule).
  if (parts === 1 || parts === 2) soft(Err.MALFORMED, Detail.AKI_ISSUER_SERIAL_PAIR);
  return Err.OK;
}

function subjectKeyId(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_OCTET_STRING)) return fail(Detail.EXT_SKI);
  c.ski = tlvVal;
  c.skiLen = tlvLen;
  return Err.OK;
}

function certificatePolicies(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE) || tlvLen === 0) return fail(Detail.EXT_CERT_POLICIES);
  const end = tlvEnd;
  c.policies = tlvVal;
  c.policiesLen = tlvLen;
  let pos = tlvVal;
  while (pos < end) {
    // PolicyInformation ::= SEQUENCE { policyIdentifier OID, policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }
    if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.EXT_CERT_POLICIES);
    const piEnd = tlvEnd;
    pos = tlvEnd;
    if (derRead(tlvVal, piEnd) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen))
      return fail(Detail.EXT_CERT_POLICIES);
    if (tlvEnd !== piEnd) {
      if (derRead(tlvEnd, piEnd) !== Err.OK || tlvTag !== TAG_SEQUENCE || tlvEnd !== piEnd || tlvLen === 0) {
        return fail(Detail.EXT_CERT_POLICIES);
      }
      const qEnd = tlvEnd;
      let q = tlvVal;
      while (q < qEnd) {
        // PolicyQualifierInfo ::= SEQUENCE { policyQualifierId OID, qualifier ANY }
        if (derRead(q, qEnd) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.EXT_CERT_POLICIES);
        const qiEnd = tlvEnd;
        q = tlvEnd;
        if (derRead(tlvVal, qiEnd) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen))
          return fail(Detail.EXT_CERT_POLICIES);
        if (tlvEnd !== qiEnd) {
          const s = tlvEnd;
          if (
            derRead(s, qiEnd) !== Err.OK ||
            tlvEnd !== qiEnd ||
            derCheckTree(s, <u32>(qiEnd - s)) !== Err.OK
          ) {
            return fail(Detail.EXT_CERT_POLICIES);
          }
        }
      }
    }
  }
  return Err.OK;
}

function authorityInfoAccess(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE) || tlvLen === 0) return fail(Detail.EXT_AIA);
  const end = tlvEnd;
  c.aia = tlvVal;
  c.aiaLen = tlvLen;
  let pos = tlvVal;
  while (pos < end) {
    // AccessDescription ::= SEQUENCE { accessMethod OID, accessLocation GeneralName }
    if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.EXT_AIA);
    const adEnd = tlvEnd;
    pos = tlvEnd;
    if (derRead(tlvVal, adEnd) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen))
      return fail(Detail.EXT_AIA);
    if (gnRead(tlvEnd, adEnd, IP_ADDRESS) !== Err.OK || tlvEnd !== adEnd) return fail(Detail.EXT_AIA);
  }
  return Err.OK;
}

function crlDistributionPoints(c: Cert, val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE) || tlvLen === 0) return fail(Detail.EXT_CRL_DP);
  const end = tlvEnd;
  c.crlDp = tlvVal;
  c.crlDpLen = tlvLen;
  let pos = tlvVal;
  while (pos < end) {
    // DistributionPoint ::= SEQUENCE { distributionPoint [0] OPT, reasons [1] OPT, cRLIssuer [2] OPT }
    if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.EXT_CRL_DP);
    const dpEnd = tlvEnd;
    pos = tlvEnd;
    let p = tlvVal;
    let seen: u32 = 0;
    if (derPeek(p, dpEnd, TAG_CONTEXT_CONS | 0)) {
      if (derRead(p, dpEnd) !== Err.OK) return fail(Detail.EXT_CRL_DP);
      p = tlvEnd;
      // DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RDN }
      const nEnd = tlvEnd;
      if (derRead(tlvVal, nEnd) !== Err.OK || tlvEnd !== nEnd) return fail(Detail.EXT_CRL_DP);
      if (tlvTag === (TAG_CONTEXT_CONS | 0)) {
        if (gnCheckList(tlvVal, tlvLen, IP_ADDRESS) !== Err.OK) return fail(Detail.EXT_CRL_DP);
      } else if (tlvTag === (TAG_CONTEXT_CONS | 1)) {
        if (tlvLen === 0 || derCheckTree(tlvVal, tlvLen) !== Err.OK) return fail(Detail.EXT_CRL_DP);
      } else {
        return fail(Detail.EXT_CRL_DP);
      }
      seen |= 1;
    }
    if (derPeek(p, dpEnd, TAG_CONTEXT | 1)) {
      if (derRead(p, dpEnd) !== Err.OK || derBitString(tlvVal, tlvLen) !== Err.OK)
        return fail(Detail.EXT_CRL_DP);
      p = tlvEnd;
    }
    if (derPeek(p, dpEnd, TAG_CONTEXT_CONS | 2)) {
      if (derRead(p, dpEnd) !== Err.OK) return fail(Detail.EXT_CRL_DP);
      p = tlvEnd;
      if (gnCheckList(tlvVal, tlvLen, IP_ADDRESS) !== Err.OK) return fail(Detail.EXT_CRL_DP);
      seen |= 2;
    }
    // RFC 5280 §4.2.1.13: distributionPoint or cRLIssuer MUST be present.
    if (p !== dpEnd || seen === 0) return fail(Detail.EXT_CRL_DP);
  }
  return Err.OK;
}

function policyMappings(val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE) || tlvLen === 0) return fail(Detail.EXT_POLICY_MAPPINGS);
  const end = tlvEnd;
  let pos = tlvVal;
  while (pos < end) {
    if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.EXT_POLICY_MAPPINGS);
    const mEnd = tlvEnd;
    pos = tlvEnd;
    if (derRead(tlvVal, mEnd) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen))
      return fail(Detail.EXT_POLICY_MAPPINGS);
    if (
      derRead(tlvEnd, mEnd) !== Err.OK ||
      tlvTag !== TAG_OID ||
      !derOidOk(tlvVal, tlvLen) ||
      tlvEnd !== mEnd
    ) {
      return fail(Detail.EXT_POLICY_MAPPINGS);
    }
  }
  return Err.OK;
}

function policyConstraints(val: usize, len: u32): Err {
  if (!only(val, len, TAG_SEQUENCE) || tlvLen === 0) return fail(Detail.EXT_POLICY_CONSTRAINTS);
  const end = tlvEnd;
  let pos = tlvVal;
  if (derPeek(pos, end, TAG_CONTEXT | 0)) {
    if (derRead(pos, end) !== Err.OK || derSmallUint(tlvVal, tlvLen, 0x7fffffff) < 0)
      return fail(Detail.EXT_POLICY_CONSTRAINTS);
    pos = tlvEnd;
  }
  if (derPeek(pos, end, TAG_CONTEXT | 1)) {
    if (derRead(pos, end) !== Err.OK || derSmallUint(tlvVal, tlvLen, 0x7fffffff) < 0)
      return fail(Detail.EXT_POLICY_CONSTRAINTS);
    pos = tlvEnd;
  }
  return pos === end ? Err.OK : fail(Detail.EXT_POLICY_CONSTRAINTS);
}

function inhibitAnyPolicy(val: usize, len: u32): Err {
  if (!only(val, len, TAG_INTEGER) || derSmallUint(tlvVal, tlvLen, 0x7fffffff) < 0)
    return fail(Detail.EXT_INHIBIT_ANY_POLICY);
  return Err.OK;
}

/**
 * Decodes the Extensions SEQUENCE contents [val, val+len) into `c`. Returns a hard error
 * (MALFORMED, DUPLICATE_EXTENSION, INPUT_TOO_LARGE; extDetail says where). Profile rules that
 * involve only extensions are left in extSoftErr/extSoftDetail (first one found).
 */
export function extensionsDecode(c: Cert, val: usize, len: u32): Err {
  extSoftErr = Err.OK;
  extSoftDetail = 0;
  if (len === 0) return fail(Detail.EXTENSIONS_EMPTY);
  const end = val + len;
  let pos = val;
  let count: u32 = 0;
  let present: u32 = 0;
  let critical: u32 = 0;
  while (pos < end) {
    if (count === MAX_EXTENSIONS) {
      extDetail = Detail.TOO_MANY_EXTENSIONS;
      return Err.INPUT_TOO_LARGE;
    }
    if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return fail(Detail.EXTENSIONS);
    const extEnd = tlvEnd;
    const extStart = pos;
    pos = tlvEnd;
    if (derRead(tlvVal, extEnd) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen))
      return fail(Detail.EXTENSIONS);
    const oid = tlvVal;
    const oidLen = tlvLen;
    let p = tlvEnd;
    let isCritical = false;
    if (derPeek(p, extEnd, TAG_BOOLEAN)) {
      if (derRead(p, extEnd) !== Err.OK) return fail(Detail.EXTENSIONS);
      const b = derBoolean(tlvVal, tlvLen);
      if (b < 0) return fail(Detail.EXTENSIONS);
      isCritical = b === 1;
      p = tlvEnd;
    }
    if (derRead(p, extEnd) !== Err.OK || tlvTag !== TAG_OCTET_STRING || tlvEnd !== extEnd)
      return fail(Detail.EXTENSIONS);
    const v = tlvVal;
    const l = tlvLen;
    count++;

    const bit = extBit(oid, oidLen);
    if (bit !== 0) {
      if ((present & bit) !== 0) {
        extDetail = Detail.DUPLICATE_EXTENSION;
        return Err.DUPLICATE_EXTENSION;
      }
    } else if (duplicateUnknown(val, extStart, oid, oidLen)) {
      extDetail = Detail.DUPLICATE_EXTENSION;
      return Err.DUPLICATE_EXTENSION;
    }
    const b = bit !== 0 ? bit : EXT_UNKNOWN;
    present |= b;
    if (isCritical) critical |= b;

    let e = Err.OK;
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
    if (e !== Err.OK) return e;
  }
  c.extCount = count;
  c.extPresent = present;
  c.extCritical = critical;
  return Err.OK;
}

/** True when an extension before `upTo` (walking from `first`) has the OID (oid, oidLen). */
function duplicateUnknown(first: usize, upTo: usize, oid: usize, oidLen: u32): bool {
  let pos = first;
  while (pos < upTo) {
    // These TLVs were already read successfully, so the reads cannot fail.
    derRead(pos, upTo);
    const next = tlvEnd;
    derRead(tlvVal, next);
    if (oidEquals(tlvVal, tlvLen, oid, oidLen)) return true;
    pos = next;
  }
  return false;
}
