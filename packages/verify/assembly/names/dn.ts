// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Distinguished names: the directoryName name-constraint subtree test.
//
// RFC 5280 §4.2.1.10: "Restrictions of the form directoryName MUST be applied to the subject
// field in the certificate (when the certificate includes a non-empty subject field) and to any
// names of type directoryName in the subjectAltName extension." A name is within a subtree when
// the constraint's RDN sequence is a prefix of the name's (§7.1 and X.501: "a subtree is the set
// of names whose first RDNs equal the base").
//
// RDN comparison (§7.1): two RDNs match when they hold the same number of attributes and each
// attribute of one matches an attribute of the other (multi-valued RDNs are sets); attributes
// match when their types are equal and their values are equal. Values in PrintableString,
// UTF8String, IA5String or TeletexString are compared after the RFC 4518 steps that matter for
// ASCII: leading and trailing spaces removed, inner runs of spaces folded to one, ASCII case
// folded (caseIgnoreMatch); non-ASCII bytes compare exactly (no Unicode normalisation). Values of
// other types compare byte for byte, tag included.

import { Err, staticTlv } from '../abi.generated';
import {
  derRead,
  TAG_IA5_STRING,
  TAG_PRINTABLE_STRING,
  TAG_SEQUENCE,
  TAG_SET,
  TAG_TELETEX_STRING,
  TAG_UTF8_STRING,
} from '../der/reader';

import { lowerAscii } from './ascii';

function isStringTag(t: u32): bool {
  return (
    t === TAG_PRINTABLE_STRING || t === TAG_UTF8_STRING || t === TAG_IA5_STRING || t === TAG_TELETEX_STRING
  );
}

/** caseIgnoreMatch with space folding over two string values (see header). */
function stringsMatch(a: usize, aLen: u32, b: usize, bLen: u32): bool {
  let i: u32 = 0;
  let j: u32 = 0;
  while (i < aLen && load<u8>(a + i) === 0x20) i++;
  while (j < bLen && load<u8>(b + j) === 0x20) j++;
  let aEnd = aLen;
  let bEnd = bLen;
  while (aEnd > i && load<u8>(a + aEnd - 1) === 0x20) aEnd--;
  while (bEnd > j && load<u8>(b + bEnd - 1) === 0x20) bEnd--;
  while (i < aEnd && j < bEnd) {
    const x = <u32>load<u8>(a + i);
    const y = <u32>load<u8>(b + j);
    if (x === 0x20 && y === 0x20) {
      while (i < aEnd && load<u8>(a + i) === 0x20) i++;
      while (j < bEnd && load<u8>(b + j) === 0x20) j++;
      continue;
    }
    if (lowerAscii(x) !== lowerAscii(y)) return false;
    i++;
    j++;
  }
  return i === aEnd && j === bEnd;
}

const atvMatchTlv = staticTlv();

/** Whether two AttributeTypeAndValue contents ranges match. */
function atvMatch(a: usize, aEnd: usize, b: usize, bEnd: usize): bool {
  const t = atvMatchTlv;
  if (derRead(t, a, aEnd) !== Err.OK) return false;
  const aOid = t.val;
  const aOidLen = t.len;
  const aValPos = t.end;
  if (derRead(t, b, bEnd) !== Err.OK) return false;
  const bOid = t.val;
  const bOidLen = t.len;
  const bValPos = t.end;
  if (aOidLen !== bOidLen || memory.compare(aOid, bOid, aOidLen) !== 0) return false;
  if (derRead(t, aValPos, aEnd) !== Err.OK) return false;
  const aTag = t.tag;
  const aVal = t.val;
  const aLen = t.len;
  const aTlv = aValPos;
  const aTlvLen = <u32>(t.end - aValPos);
  if (derRead(t, bValPos, bEnd) !== Err.OK) return false;
  if (isStringTag(aTag) && isStringTag(t.tag)) return stringsMatch(aVal, aLen, t.val, t.len);
  return aTlvLen === <u32>(t.end - bValPos) && memory.compare(aTlv, bValPos, aTlvLen) === 0;
}

const atvCountTlv = staticTlv();

/** Number of AttributeTypeAndValue entries in an RDN SET's contents. */
function atvCount(p: usize, end: usize): i32 {
  const t = atvCountTlv;
  let n = 0;
  while (p < end) {
    if (derRead(t, p, end) !== Err.OK) return -1;
    p = t.end;
    n++;
  }
  return n;
}

const rdnMatchTlv = staticTlv();

/** Whether two RDN SET contents ranges match (same size, every attribute of a found in b). */
function rdnMatch(a: usize, aEnd: usize, b: usize, bEnd: usize): bool {
  const t = rdnMatchTlv;
  const n = atvCount(a, aEnd);
  if (n < 0 || n !== atvCount(b, bEnd)) return false;
  let p = a;
  while (p < aEnd) {
    derRead(t, p, aEnd);
    const atv = t.val;
    const atvEnd = t.end;
    p = t.end;
    let found = false;
    let q = b;
    while (q < bEnd) {
      derRead(t, q, bEnd);
      const btv = t.val;
      const btvEnd = t.end;
      q = t.end;
      if (atvMatch(atv, atvEnd, btv, btvEnd)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

const dnWithinTlv = staticTlv();

/**
 * Whether the Name TLV `name` lies in the subtree of the Name TLV `base` (the base's RDNs are a
 * prefix of the name's). An empty base contains every name. Malformed input never matches.
 */
export function dnWithin(name: usize, nameLen: u32, base: usize, baseLen: u32): bool {
  const t = dnWithinTlv;
  if (derRead(t, base, base + baseLen) !== Err.OK || t.tag !== TAG_SEQUENCE) return false;
  let bp = t.val;
  const bEnd = t.end;
  if (derRead(t, name, name + nameLen) !== Err.OK || t.tag !== TAG_SEQUENCE) return false;
  let np = t.val;
  const nEnd = t.end;
  while (bp < bEnd) {
    if (np >= nEnd) return false;
    if (derRead(t, bp, bEnd) !== Err.OK || t.tag !== TAG_SET) return false;
    const bRdn = t.val;
    const bRdnEnd = t.end;
    bp = t.end;
    if (derRead(t, np, nEnd) !== Err.OK || t.tag !== TAG_SET) return false;
    const nRdn = t.val;
    const nRdnEnd = t.end;
    np = t.end;
    if (!rdnMatch(bRdn, bRdnEnd, nRdn, nRdnEnd)) return false;
  }
  return true;
}
