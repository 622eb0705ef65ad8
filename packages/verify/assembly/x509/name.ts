// X.501 Name (RFC 5280 §4.1.2.4): checking and iterating attributes.
//
//   Name ::= SEQUENCE OF RelativeDistinguishedName          -- may be empty
//   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
//   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
//
// Values are kept as encoded (tag + contents). The checker requires each value to be one
// well-formed DER TLV (nested DER validated to DER_MAX_DEPTH) and the length rules of BMPString
// (2 octets per character) and UniversalString (4). Character repertoires are not enforced:
// real CAs put '_' or '*' in PrintableString, and names compare as bytes anyway.

import { Err } from '../abi.generated';
import { derIntegerOk, derOidOk } from '../der/primitives';

import {
  derCheckTree,
  derRead,
  TAG_BMP_STRING,
  TAG_CONSTRUCTED,
  TAG_OID,
  TAG_SEQUENCE,
  TAG_SET,
  TAG_UNIVERSAL_STRING,
  tlvEnd,
  tlvLen,
  tlvTag,
  tlvVal,
} from '../der/reader';

/** Number of attributes in the last Name nameCheck accepted. */
export let nameAttrCount: u32 = 0;

/** Checks one AttributeTypeAndValue TLV's contents [pos, end). */
function atvCheck(pos: usize, end: usize): Err {
  if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen)) return Err.MALFORMED;
  const vPos = tlvEnd;
  if (derRead(vPos, end) !== Err.OK || tlvEnd !== end) return Err.MALFORMED;
  const tag = tlvTag;
  const val = tlvVal;
  const len = tlvLen;
  if ((tag & TAG_CONSTRUCTED) !== 0) return derCheckTree(val, len);
  if (tag === TAG_BMP_STRING && (len & 1) !== 0) return Err.MALFORMED;
  if (tag === TAG_UNIVERSAL_STRING && (len & 3) !== 0) return Err.MALFORMED;
  if (tag === TAG_OID && !derOidOk(val, len)) return Err.MALFORMED;
  if (tag === 0x02 && !derIntegerOk(val, len)) return Err.MALFORMED;
  return Err.OK;
}

/**
 * Checks a Name given its SEQUENCE contents [val, val+len). An empty Name is well-formed (callers
 * apply the profile rules about empty issuers and subjects). Sets nameAttrCount.
 */
export function nameCheck(val: usize, len: u32): Err {
  let pos = val;
  const end = val + len;
  let count: u32 = 0;
  while (pos < end) {
    if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SET || tlvLen === 0) return Err.MALFORMED;
    const rdnEnd = tlvEnd;
    let p = tlvVal;
    while (p < rdnEnd) {
      if (derRead(p, rdnEnd) !== Err.OK || tlvTag !== TAG_SEQUENCE) return Err.MALFORMED;
      const next = tlvEnd;
      if (atvCheck(tlvVal, next) !== Err.OK) return Err.MALFORMED;
      count++;
      p = next;
    }
    pos = rdnEnd;
  }
  nameAttrCount = count;
  return Err.OK;
}

// ─── iteration: flattens the RDNs into a list of attributes ──────────────────────────────────
// State lives in globals: one iteration at a time (no nesting). Only for Names nameCheck
// accepted (every certificate x509Decode filled), so reads cannot fail.

let itPos: usize = 0;
let itEnd: usize = 0;
let itRdnPos: usize = 0;
let itRdnEnd: usize = 0;
let itRdnIndex: i32 = -1;

/** Current attribute: OID contents, value tag, value contents, and the index of its RDN. */
export let atvOid: usize = 0;
export let atvOidLen: u32 = 0;
export let atvTag: u32 = 0;
export let atvVal: usize = 0;
export let atvLen: u32 = 0;
export let atvRdn: u32 = 0;

/** Starts iterating the attributes of a Name given as its whole TLV (as stored in Cert.subject/issuer). */
export function nameIterStart(nameTlv: usize, nameTlvLen: u32): Err {
  if (derRead(nameTlv, nameTlv + nameTlvLen) !== Err.OK || tlvTag !== TAG_SEQUENCE) return Err.MALFORMED;
  itPos = tlvVal;
  itEnd = tlvEnd;
  itRdnPos = 0;
  itRdnEnd = 0;
  itRdnIndex = -1;
  return Err.OK;
}

/** Advances to the next attribute; false when there is none (or the Name is not well-formed). */
export function nameIterNext(): bool {
  while (itRdnPos >= itRdnEnd) {
    if (itPos >= itEnd) return false;
    if (derRead(itPos, itEnd) !== Err.OK || tlvTag !== TAG_SET) return false;
    itRdnPos = tlvVal;
    itRdnEnd = tlvEnd;
    itPos = tlvEnd;
    itRdnIndex++;
  }
  if (derRead(itRdnPos, itRdnEnd) !== Err.OK) return false;
  const atvEnd = tlvEnd;
  if (derRead(tlvVal, atvEnd) !== Err.OK) return false;
  atvOid = tlvVal;
  atvOidLen = tlvLen;
  if (derRead(tlvEnd, atvEnd) !== Err.OK) return false;
  atvTag = tlvTag;
  atvVal = tlvVal;
  atvLen = tlvLen;
  atvRdn = <u32>itRdnIndex;
  itRdnPos = atvEnd;
  return true;
}
