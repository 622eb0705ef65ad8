// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// GeneralName (RFC 5280 §4.2.1.6) and GeneralSubtree (§4.2.1.10): checking and iteration.
//
//   GeneralName ::= CHOICE {
//     otherName [0] OtherName (SEQUENCE { type-id OID, value [0] EXPLICIT ANY }),
//     rfc822Name [1] IA5String, dNSName [2] IA5String, x400Address [3] ORAddress,
//     directoryName [4] Name (EXPLICIT: the Name's own SEQUENCE inside), ediPartyName [5],
//     uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING, registeredID [8] OID }
//
// gnRead reads and checks one GeneralName into a GeneralName record: IA5 strings must be 7-bit;
// iPAddress must be 4 or 16 octets in a SAN (an address) and 8 or 32 in a name constraint
// (address + contiguous mask); directoryName holds exactly one well-formed Name; other forms hold
// well-formed DER.

import {
  Err,
  GeneralName,
  GN_DIRECTORY,
  GN_DNS,
  GN_EDI_PARTY,
  GN_IP,
  GN_OTHER_NAME,
  GN_REGISTERED_ID,
  GN_RFC822,
  GN_URI,
  GN_X400,
  staticGeneralName,
  staticTlv,
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
} from '../der/reader';
import { nameCheck } from './name';

/** iPAddress context for gnRead. */
export const IP_ADDRESS: u32 = 0;
export const IP_SUBNET: u32 = 1;

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

const gnTlv = staticTlv();
const gnInner = staticTlv();

/**
 * Reads and checks the GeneralName at `pos` in [pos, end) into `g`. `ipForm` says whether an
 * iPAddress is an address (SAN, IAN) or a subnet (name constraints).
 */
export function gnRead(g: GeneralName, pos: usize, end: usize, ipForm: u32): Err {
  const t = gnTlv;
  if (derRead(t, pos, end) !== Err.OK) return Err.MALFORMED;
  const tag = t.tag;
  const val = t.val;
  const len = t.len;
  g.tlv = t.start;
  g.next = t.end;
  g.val = val;
  g.len = len;
  if (tag === (TAG_CONTEXT | GN_RFC822) || tag === (TAG_CONTEXT | GN_DNS) || tag === (TAG_CONTEXT | GN_URI)) {
    if (!ia5Ok(val, len)) return Err.MALFORMED;
    g.type = tag & 0x1f;
  } else if (tag === (TAG_CONTEXT | GN_IP)) {
    if (ipForm === IP_ADDRESS) {
      if (len !== 4 && len !== 16) return Err.MALFORMED;
    } else {
      if (len !== 8 && len !== 32) return Err.MALFORMED;
      if (!maskContiguous(val + (len >> 1), len >> 1)) return Err.MALFORMED;
    }
    g.type = GN_IP;
  } else if (tag === (TAG_CONTEXT | GN_REGISTERED_ID)) {
    if (!derOidOk(val, len)) return Err.MALFORMED;
    g.type = GN_REGISTERED_ID;
  } else if (tag === (TAG_CONTEXT_CONS | GN_DIRECTORY)) {
    const i = gnInner;
    if (derExpectOnly(i, val, val + len, TAG_SEQUENCE) !== Err.OK) return Err.MALFORMED;
    if (nameCheck(i.val, i.len) < 0) return Err.MALFORMED;
    g.type = GN_DIRECTORY;
  } else if (tag === (TAG_CONTEXT_CONS | GN_OTHER_NAME)) {
    const i = gnInner;
    const e = val + len;
    if (derRead(i, val, e) !== Err.OK || i.tag !== TAG_OID || !derOidOk(i.val, i.len)) return Err.MALFORMED;
    if (derExpectOnly(i, i.end, e, TAG_CONTEXT_CONS) !== Err.OK) return Err.MALFORMED;
    if (derCheckTree(i.val, i.len) !== Err.OK) return Err.MALFORMED;
    g.type = GN_OTHER_NAME;
  } else if (tag === (TAG_CONTEXT_CONS | GN_X400) || tag === (TAG_CONTEXT_CONS | GN_EDI_PARTY)) {
    if (derCheckTree(val, len) !== Err.OK) return Err.MALFORMED;
    g.type = tag & 0x1f;
  } else {
    return Err.MALFORMED;
  }
  return Err.OK;
}

const listName = staticGeneralName();

/**
 * Checks GeneralNames contents [val, val+len): one or more GeneralName (SIZE (1..MAX)). Returns
 * how many, or -1 when the list is malformed.
 */
export function gnCheckList(val: usize, len: u32, ipForm: u32): i32 {
  if (len === 0) return -1;
  let pos = val;
  const end = val + len;
  let n = 0;
  while (pos < end) {
    if (gnRead(listName, pos, end, ipForm) !== Err.OK) return -1;
    pos = listName.next;
    n++;
  }
  return n;
}

const subtreeTlv = staticTlv();

/**
 * Reads the GeneralSubtree at `pos` in [pos, end) (RFC 5280 §4.2.1.10): base GeneralName, then
 * `minimum` which must be 0 (its explicit encoding is tolerated) and no `maximum`. The base goes
 * into `g`, with g.next = where the next subtree starts.
 */
export function subtreeNext(g: GeneralName, pos: usize, end: usize): Err {
  const t = subtreeTlv;
  if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return Err.MALFORMED;
  const stEnd = t.end;
  if (gnRead(g, t.val, stEnd, IP_SUBNET) !== Err.OK) return Err.MALFORMED;
  let p = g.next;
  if (p < stEnd) {
    // minimum [0] IMPLICIT BaseDistance DEFAULT 0: only 0 is allowed.
    if (derRead(t, p, stEnd) !== Err.OK || t.tag !== TAG_CONTEXT || t.len !== 1 || load<u8>(t.val) !== 0) {
      return Err.MALFORMED;
    }
    p = t.end;
  }
  if (p !== stEnd) return Err.MALFORMED; // maximum [1] MUST be absent, nothing else may follow
  g.next = stEnd;
  return Err.OK;
}

const checkBase = staticGeneralName();

/** Checks GeneralSubtrees contents [val, val+len): SIZE (1..MAX). */
export function subtreesCheck(val: usize, len: u32): Err {
  if (len === 0) return Err.MALFORMED;
  let pos = val;
  const end = val + len;
  while (pos < end) {
    if (subtreeNext(checkBase, pos, end) !== Err.OK) return Err.MALFORMED;
    pos = checkBase.next;
  }
  return Err.OK;
}
