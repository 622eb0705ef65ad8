// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Enumerators over the lists a decoded certificate points at: the attributes of a Name, the
// entries of GeneralNames and GeneralSubtrees, the Extensions, EKU OIDs, certificate policies,
// authorityInfoAccess and the fullName URIs of cRLDistributionPoints. One Iter record (abi.json
// layouts.Iter) holds the state and the current item, so the module's own walks (the CN checks,
// the emailAddress constraint) and a host (parseCertificate builds its object from them) use the
// same code: the wasm decides what an item is, the host only formats it.
//
// The lists come from the decoder (Cert fields), but a host may pass any range: every read is
// checked, a malformed entry ends the iteration (kind = ITER_NONE), nothing is read outside
// [ptr, ptr+len), and each step moves forward, so a walk is linear in the length.

import {
  Err,
  GeneralName,
  GN_DIRECTORY,
  GN_OTHER_NAME,
  ITER_ACCESS,
  ITER_CRL_DP,
  ITER_EXTENSIONS,
  ITER_GENERAL_NAMES,
  ITER_NAME,
  ITER_NONE,
  ITER_OIDS,
  ITER_POLICIES,
  ITER_SUBTREES,
  Iter,
  staticGeneralName,
  staticTlv,
} from '../abi.generated';
import { derBoolean } from '../der/primitives';
import {
  derRead,
  TAG_BOOLEAN,
  TAG_CONTEXT_CONS,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  TAG_SET,
} from '../der/reader';
import { extBit } from './extensions';
import { gnRead, IP_ADDRESS, subtreeNext } from './general-name';

const startTlv = staticTlv();

/**
 * Starts enumerating `kind` (ITER_*) over [ptr, ptr+len): for ITER_NAME the whole Name TLV, for
 * the others the contents of the list's SEQUENCE (as the Cert fields hold them). Returns OK, or
 * MALFORMED (it.kind = ITER_NONE) when a Name is not a SEQUENCE or the kind is unknown.
 */
export function iterStart(it: Iter, kind: u32, ptr: usize, len: u32): Err {
  memory.fill(changetype<usize>(it), 0, offsetof<Iter>());
  if (kind === ITER_NAME) {
    const t = startTlv;
    if (derRead(t, ptr, ptr + len) !== Err.OK || t.tag !== TAG_SEQUENCE) return Err.MALFORMED;
    it.pos = t.val;
    it.end = t.end;
  } else if (kind > ITER_NONE && kind <= ITER_CRL_DP) {
    it.pos = ptr;
    it.end = ptr + len;
  } else {
    return Err.MALFORMED;
  }
  it.kind = kind;
  return Err.OK;
}

function stop(it: Iter): bool {
  it.kind = ITER_NONE;
  return false;
}

/** Clears the item fields (kept: kind, state, count, group). */
function clearItem(it: Iter): void {
  it.type = 0;
  it.critical = 0;
  it.oid = 0;
  it.oidLen = 0;
  it.valTag = 0;
  it.val = 0;
  it.valLen = 0;
  it.tlv = 0;
  it.tlvLen = 0;
}

/** Advances to the next item; false when there is none (or the list is malformed). */
export function iterNext(it: Iter): bool {
  const kind = it.kind;
  if (kind === ITER_NONE) return false;
  clearItem(it);
  let ok = false;
  if (kind === ITER_NAME) ok = nextAttribute(it);
  else if (kind === ITER_GENERAL_NAMES) ok = nextGeneralName(it);
  else if (kind === ITER_SUBTREES) ok = nextSubtree(it);
  else if (kind === ITER_EXTENSIONS) ok = nextExtension(it);
  else if (kind === ITER_OIDS) ok = nextOid(it);
  else if (kind === ITER_POLICIES) ok = nextPolicy(it);
  else if (kind === ITER_ACCESS) ok = nextAccess(it);
  else ok = nextDistributionPoint(it);
  return advanced(it, ok);
}

/**
 * iterNext for an ITER_NAME enumeration (false for any other kind). The module's own walks
 * enumerate Names only and call this, so a build whose host never enumerates (the device builds)
 * carries no code for the other lists.
 */
export function iterNextAttribute(it: Iter): bool {
  if (it.kind !== ITER_NAME) return false;
  clearItem(it);
  return advanced(it, nextAttribute(it));
}

/** Ends the enumeration when `ok` is false, else counts the item. */
function advanced(it: Iter, ok: bool): bool {
  if (!ok) return stop(it);
  it.count++;
  return true;
}

const attrTlv = staticTlv();

/** ITER_NAME: the next AttributeTypeAndValue, RDNs flattened (group = RDN index). */
function nextAttribute(it: Iter): bool {
  const t = attrTlv;
  while (it.innerPos >= it.innerEnd) {
    if (it.pos >= it.end) return false;
    if (derRead(t, it.pos, it.end) !== Err.OK || t.tag !== TAG_SET) return false;
    if (it.innerEnd !== 0) it.group++; // not the first RDN
    it.innerPos = t.val;
    it.innerEnd = t.end;
    it.pos = t.end;
  }
  if (derRead(t, it.innerPos, it.innerEnd) !== Err.OK || t.tag !== TAG_SEQUENCE) return false;
  const atvEnd = t.end;
  it.innerPos = atvEnd;
  if (derRead(t, t.val, atvEnd) !== Err.OK || t.tag !== TAG_OID) return false;
  it.oid = t.val;
  it.oidLen = t.len;
  if (derRead(t, t.end, atvEnd) !== Err.OK) return false;
  it.valTag = t.tag;
  it.val = t.val;
  it.valLen = t.len;
  it.tlv = t.start;
  it.tlvLen = <u32>(t.end - t.start);
  return true;
}

const itemName = staticGeneralName();
const innerTlv = staticTlv();

/** Copies a GeneralName into the item: directoryName as its Name TLV, otherName as its value. */
function setGeneralName(it: Iter, g: GeneralName): bool {
  it.type = g.type;
  it.tlv = g.tlv;
  it.tlvLen = <u32>(g.next - g.tlv);
  it.valTag = <u32>load<u8>(g.tlv);
  it.val = g.val;
  it.valLen = g.len;
  if (g.type === GN_OTHER_NAME) {
    // SEQUENCE { type-id OID, value [0] EXPLICIT ANY } (checked by gnRead): the value inside [0].
    const t = innerTlv;
    const end = g.val + g.len;
    if (derRead(t, g.val, end) !== Err.OK) return false;
    it.oid = t.val;
    it.oidLen = t.len;
    if (derRead(t, t.end, end) !== Err.OK || derRead(t, t.val, t.end) !== Err.OK) return false;
    it.valTag = t.tag;
    it.val = t.val;
    it.valLen = t.len;
    it.tlv = t.start;
    it.tlvLen = <u32>(t.end - t.start);
  } else if (g.type === GN_DIRECTORY) {
    it.valTag = TAG_SEQUENCE;
  }
  return true;
}

/** ITER_GENERAL_NAMES: the next GeneralName (addresses: 4 or 16 octets). */
function nextGeneralName(it: Iter): bool {
  if (it.pos >= it.end) return false;
  const g = itemName;
  if (gnRead(g, it.pos, it.end, IP_ADDRESS) !== Err.OK) return false;
  it.pos = g.next;
  return setGeneralName(it, g);
}

/** ITER_SUBTREES: the base of the next GeneralSubtree (addresses: address and mask). */
function nextSubtree(it: Iter): bool {
  if (it.pos >= it.end) return false;
  const g = itemName;
  if (subtreeNext(g, it.pos, it.end) !== Err.OK) return false;
  it.pos = g.next;
  return setGeneralName(it, g);
}

const extTlv = staticTlv();

/** ITER_EXTENSIONS: Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
function nextExtension(it: Iter): bool {
  if (it.pos >= it.end) return false;
  const t = extTlv;
  if (derRead(t, it.pos, it.end) !== Err.OK || t.tag !== TAG_SEQUENCE) return false;
  const extEnd = t.end;
  it.tlv = t.start;
  it.tlvLen = <u32>(t.end - t.start);
  it.pos = extEnd;
  if (derRead(t, t.val, extEnd) !== Err.OK || t.tag !== TAG_OID) return false;
  it.oid = t.val;
  it.oidLen = t.len;
  it.type = extBit(t.val, t.len);
  let p = t.end;
  if (p < extEnd && load<u8>(p) === <u8>TAG_BOOLEAN) {
    if (derRead(t, p, extEnd) !== Err.OK) return false;
    it.critical = derBoolean(t.val, t.len) === 1 ? 1 : 0;
    p = t.end;
  }
  if (derRead(t, p, extEnd) !== Err.OK || t.tag !== TAG_OCTET_STRING) return false;
  it.valTag = TAG_OCTET_STRING;
  it.val = t.val;
  it.valLen = t.len;
  return true;
}

const oidTlv = staticTlv();

/** ITER_OIDS: the next OBJECT IDENTIFIER. */
function nextOid(it: Iter): bool {
  if (it.pos >= it.end) return false;
  const t = oidTlv;
  if (derRead(t, it.pos, it.end) !== Err.OK || t.tag !== TAG_OID) return false;
  it.pos = t.end;
  it.oid = t.val;
  it.oidLen = t.len;
  it.tlv = t.start;
  it.tlvLen = <u32>(t.end - t.start);
  return true;
}

/** ITER_POLICIES: PolicyInformation ::= SEQUENCE { policyIdentifier OID, policyQualifiers OPTIONAL }. */
function nextPolicy(it: Iter): bool {
  if (it.pos >= it.end) return false;
  const t = oidTlv;
  if (derRead(t, it.pos, it.end) !== Err.OK || t.tag !== TAG_SEQUENCE) return false;
  const piEnd = t.end;
  it.pos = piEnd;
  it.tlv = t.start;
  it.tlvLen = <u32>(t.end - t.start);
  if (derRead(t, t.val, piEnd) !== Err.OK || t.tag !== TAG_OID) return false;
  it.oid = t.val;
  it.oidLen = t.len;
  return true;
}

/** ITER_ACCESS: AccessDescription ::= SEQUENCE { accessMethod OID, accessLocation GeneralName }. */
function nextAccess(it: Iter): bool {
  if (it.pos >= it.end) return false;
  const t = oidTlv;
  if (derRead(t, it.pos, it.end) !== Err.OK || t.tag !== TAG_SEQUENCE) return false;
  const adEnd = t.end;
  it.pos = adEnd;
  it.group = it.count;
  if (derRead(t, t.val, adEnd) !== Err.OK || t.tag !== TAG_OID) return false;
  const oid = t.val;
  const oidLen = t.len;
  const g = itemName;
  if (gnRead(g, t.end, adEnd, IP_ADDRESS) !== Err.OK || !setGeneralName(it, g)) return false;
  it.oid = oid;
  it.oidLen = oidLen;
  return true;
}

const dpTlv = staticTlv();

/**
 * ITER_CRL_DP: the next GeneralName of a fullName, over every DistributionPoint ::= SEQUENCE {
 * distributionPoint [0] { fullName [0] GeneralNames | nameRelativeToCRLIssuer [1] } OPTIONAL, ...
 * }. DistributionPoints without a fullName contribute nothing.
 */
function nextDistributionPoint(it: Iter): bool {
  const t = dpTlv;
  while (it.innerPos >= it.innerEnd) {
    if (it.pos >= it.end) return false;
    if (derRead(t, it.pos, it.end) !== Err.OK || t.tag !== TAG_SEQUENCE) return false;
    const dpEnd = t.end;
    it.pos = dpEnd;
    if (it.innerEnd !== 0) it.group++;
    it.innerPos = dpEnd;
    it.innerEnd = dpEnd;
    if (t.val < dpEnd && load<u8>(t.val) === <u8>(TAG_CONTEXT_CONS | 0)) {
      if (derRead(t, t.val, dpEnd) !== Err.OK) return false;
      const nameEnd = t.end;
      if (t.val < nameEnd && load<u8>(t.val) === <u8>(TAG_CONTEXT_CONS | 0)) {
        if (derRead(t, t.val, nameEnd) !== Err.OK) return false;
        it.innerPos = t.val;
        it.innerEnd = t.end;
      }
    }
  }
  const g = itemName;
  if (gnRead(g, it.innerPos, it.innerEnd, IP_ADDRESS) !== Err.OK) return false;
  it.innerPos = g.next;
  return setGeneralName(it, g);
}
