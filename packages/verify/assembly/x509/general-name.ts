// GeneralName (RFC 5280 §4.2.1.6) and GeneralSubtree (§4.2.1.10): checking and iteration.
//
//   GeneralName ::= CHOICE {
//     otherName [0] OtherName (SEQUENCE { type-id OID, value [0] EXPLICIT ANY }),
//     rfc822Name [1] IA5String, dNSName [2] IA5String, x400Address [3] ORAddress,
//     directoryName [4] Name (EXPLICIT: the Name's own SEQUENCE inside), ediPartyName [5],
//     uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING, registeredID [8] OID }
//
// gnRead reads and checks one GeneralName: IA5 strings must be 7-bit; iPAddress must be 4 or 16
// octets in a SAN (an address) and 8 or 32 in a name constraint (address + contiguous mask);
// directoryName holds exactly one well-formed Name; other forms hold well-formed DER.

import {
  Err,
  GN_DIRECTORY,
  GN_DNS,
  GN_EDI_PARTY,
  GN_IP,
  GN_OTHER_NAME,
  GN_REGISTERED_ID,
  GN_RFC822,
  GN_URI,
  GN_X400,
} from '../abi.generated';
import { derOidOk } from '../der/primitives';

import {
  derCheckTree,
  derExpectOnly,
  derRead,
  TAG_CONTEXT,
  TAG_CONTEXT_CONS,
  TAG_OID,
  TAG_SEQUENCE,
  tlvEnd,
  tlvLen,
  tlvStart,
  tlvTag,
  tlvVal,
} from '../der/reader';

import { nameCheck } from './name';

/** iPAddress context for gnRead. */
export const IP_ADDRESS: u32 = 0;
export const IP_SUBNET: u32 = 1;

/** The last GeneralName read: its choice (GN_*), contents, the whole TLV, and where the next starts. */
export let gnType: u32 = 0;
export let gnVal: usize = 0;
export let gnLen: u32 = 0;
export let gnTlv: usize = 0;
export let gnEnd: usize = 0;

function ia5Ok(val: usize, len: u32): bool {
  for (let i: u32 = 0; i < len; i++) if (load<u8>(val + i) >= 0x80) return false;
  return true;
}

/** True when `len` octets at `mask` are ones followed by zeros (a CIDR prefix mask). */
function maskContiguous(mask: usize, len: u32): bool {
  let zero = false;
  for (let i: u32 = 0; i < len; i++) {
    const b = <u32>load<u8>(mask + i);
    if (zero) {
      if (b !== 0) return false;
    } else if (b !== 0xff) {
      // b must look like 1..10..0
      const inv = ~b & 0xff;
      if ((inv & (inv + 1)) !== 0) return false;
      zero = true;
    }
  }
  return true;
}

/**
 * Reads and checks the GeneralName at `pos` in [pos, end). `ipForm` says whether an iPAddress is
 * an address (SAN, IAN) or a subnet (name constraints). Fills the gn* globals.
 */
export function gnRead(pos: usize, end: usize, ipForm: u32): Err {
  if (derRead(pos, end) !== Err.OK) return Err.MALFORMED;
  const tag = tlvTag;
  const val = tlvVal;
  const len = tlvLen;
  gnTlv = tlvStart;
  gnEnd = tlvEnd;
  gnVal = val;
  gnLen = len;
  if (tag === (TAG_CONTEXT | GN_RFC822) || tag === (TAG_CONTEXT | GN_DNS) || tag === (TAG_CONTEXT | GN_URI)) {
    if (!ia5Ok(val, len)) return Err.MALFORMED;
    gnType = tag & 0x1f;
  } else if (tag === (TAG_CONTEXT | GN_IP)) {
    if (ipForm === IP_ADDRESS) {
      if (len !== 4 && len !== 16) return Err.MALFORMED;
    } else {
      if (len !== 8 && len !== 32) return Err.MALFORMED;
      if (!maskContiguous(val + (len >> 1), len >> 1)) return Err.MALFORMED;
    }
    gnType = GN_IP;
  } else if (tag === (TAG_CONTEXT | GN_REGISTERED_ID)) {
    if (!derOidOk(val, len)) return Err.MALFORMED;
    gnType = GN_REGISTERED_ID;
  } else if (tag === (TAG_CONTEXT_CONS | GN_DIRECTORY)) {
    const e = val + len;
    if (derExpectOnly(val, e, TAG_SEQUENCE) !== Err.OK) return Err.MALFORMED;
    if (nameCheck(tlvVal, tlvLen) !== Err.OK) return Err.MALFORMED;
    gnType = GN_DIRECTORY;
  } else if (tag === (TAG_CONTEXT_CONS | GN_OTHER_NAME)) {
    const e = val + len;
    if (derRead(val, e) !== Err.OK || tlvTag !== TAG_OID || !derOidOk(tlvVal, tlvLen)) return Err.MALFORMED;
    if (derExpectOnly(tlvEnd, e, TAG_CONTEXT_CONS) !== Err.OK) return Err.MALFORMED;
    if (derCheckTree(tlvVal, tlvLen) !== Err.OK) return Err.MALFORMED;
    gnType = GN_OTHER_NAME;
  } else if (tag === (TAG_CONTEXT_CONS | GN_X400) || tag === (TAG_CONTEXT_CONS | GN_EDI_PARTY)) {
    if (derCheckTree(val, len) !== Err.OK) return Err.MALFORMED;
    gnType = tag & 0x1f;
  } else {
    return Err.MALFORMED;
  }
  return Err.OK;
}

/** Number of names the last gnCheckList accepted. */
export let gnCount: u32 = 0;

/**
 * Checks GeneralNames contents [val, val+len): one or more GeneralName (SIZE (1..MAX)).
 * Sets gnCount.
 */
export function gnCheckList(val: usize, len: u32, ipForm: u32): Err {
  if (len === 0) return Err.MALFORMED;
  let pos = val;
  const end = val + len;
  let n: u32 = 0;
  while (pos < end) {
    if (gnRead(pos, end, ipForm) !== Err.OK) return Err.MALFORMED;
    pos = gnEnd;
    n++;
  }
  gnCount = n;
  return Err.OK;
}

/**
 * Reads the GeneralSubtree at `pos` in [pos, end) (RFC 5280 §4.2.1.10): base GeneralName, then
 * `minimum` which must be 0 (its explicit encoding is tolerated) and no `maximum`. The base is left
 * in the gn* globals; subtreeEnd is where the next subtree starts.
 */
export let subtreeEnd: usize = 0;
export function subtreeNext(pos: usize, end: usize): Err {
  if (derRead(pos, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return Err.MALFORMED;
  const stEnd = tlvEnd;
  if (gnRead(tlvVal, stEnd, IP_SUBNET) !== Err.OK) return Err.MALFORMED;
  // The base stays in the gn* globals: derRead below only touches the tlv* ones.
  let p = gnEnd;
  if (p < stEnd) {
    // minimum [0] IMPLICIT BaseDistance DEFAULT 0: only 0 is allowed.
    if (derRead(p, stEnd) !== Err.OK || tlvTag !== TAG_CONTEXT || tlvLen !== 1 || load<u8>(tlvVal) !== 0) {
      return Err.MALFORMED;
    }
    p = tlvEnd;
  }
  if (p !== stEnd) return Err.MALFORMED; // maximum [1] MUST be absent, nothing else may follow
  subtreeEnd = stEnd;
  return Err.OK;
}

/** Checks GeneralSubtrees contents [val, val+len): SIZE (1..MAX). */
export function subtreesCheck(val: usize, len: u32): Err {
  if (len === 0) return Err.MALFORMED;
  let pos = val;
  const end = val + len;
  while (pos < end) {
    if (subtreeNext(pos, end) !== Err.OK) return Err.MALFORMED;
    pos = subtreeEnd;
  }
  return Err.OK;
}
