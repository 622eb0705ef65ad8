// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// X.501 Name (RFC 5280 §4.1.2.4): checking. Iterating the attributes is x509/iter.ts (ITER_NAME).
//
//   Name ::= SEQUENCE OF RelativeDistinguishedName          -- may be empty
//   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
//   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
//
// Values are kept as encoded (tag + contents). The checker requires each value to be one
// well-formed DER TLV (nested DER validated to DER_MAX_DEPTH) and the length rules of BMPString
// (2 octets per character) and UniversalString (4). Character repertoires are not enforced:
// real CAs put '_' or '*' in PrintableString, and names compare as bytes anyway.

import { Err, staticTlv } from '../abi.generated';
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
} from '../der/reader';

const atvTlv = staticTlv();

/** Checks one AttributeTypeAndValue TLV's contents [pos, end). */
function atvCheck(pos: usize, end: usize): Err {
  const t = atvTlv;
  if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len)) return Err.MALFORMED;
  if (derRead(t, t.end, end) !== Err.OK || t.end !== end) return Err.MALFORMED;
  const tag = t.tag;
  const val = t.val;
  const len = t.len;
  if ((tag & TAG_CONSTRUCTED) !== 0) return derCheckTree(val, len);
  if (tag === TAG_BMP_STRING && (len & 1) !== 0) return Err.MALFORMED;
  if (tag === TAG_UNIVERSAL_STRING && (len & 3) !== 0) return Err.MALFORMED;
  if (tag === TAG_OID && !derOidOk(val, len)) return Err.MALFORMED;
  if (tag === 0x02 && !derIntegerOk(val, len)) return Err.MALFORMED;
  return Err.OK;
}

const rdnTlv = staticTlv();
const seqTlv = staticTlv();

/**
 * Checks a Name given its SEQUENCE contents [val, val+len). An empty Name is well-formed (callers
 * apply the profile rules about empty issuers and subjects). Returns the number of attributes,
 * or -1 when the Name is malformed.
 */
export function nameCheck(val: usize, len: u32): i32 {
  let pos = val;
  const end = val + len;
  let count = 0;
  const rdn = rdnTlv;
  const seq = seqTlv;
  while (pos < end) {
    if (derRead(rdn, pos, end) !== Err.OK || rdn.tag !== TAG_SET || rdn.len === 0) return -1;
    const rdnEnd = rdn.end;
    let p = rdn.val;
    while (p < rdnEnd) {
      if (derRead(seq, p, rdnEnd) !== Err.OK || seq.tag !== TAG_SEQUENCE) return -1;
      const next = seq.end;
      if (atvCheck(seq.val, next) !== Err.OK) return -1;
      count++;
      p = next;
    }
    pos = rdnEnd;
  }
  return count;
}
