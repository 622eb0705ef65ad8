// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Distinguished names: issuer/subject chaining (RFC 5280 §7.1) and the directoryName
// name-constraint subtree test (§4.2.1.10), with one comparison under three rules.
//
// Chaining (NameChaining): RFC 5280 §6.1 (a)(6) needs the issuer of each certificate to equal
// the subject of the next, and §7.1 says how: "Two distinguished names DN1 and DN2 match if they
// have the same number of RDNs, for each RDN in DN1 there is a matching RDN in DN2, and the
// matching RDNs appear in the same order in both DNs"; "Two relative distinguished names RDN1
// and RDN2 match if they have the same number of naming attributes and for each naming attribute
// in RDN1 there is a matching naming attribute in RDN2" (multi-valued RDNs are sets); attributes
// match when their types are equal and their values are equal after the LDAP StringPrep profile
// of RFC 4518 with caseIgnoreMatch. So a CA that re-encoded its name between issuing a
// certificate and renewing its own (PrintableString to UTF8String, a change of case or of
// spacing) still chains. Byte-equal names always match (the fast path).
//
// Directory-name constraints: "Restrictions of the form directoryName MUST be applied to the
// subject field in the certificate (when the certificate includes a non-empty subject field) and
// to any names of type directoryName in the subjectAltName extension." A name is within a
// subtree when the constraint's RDN sequence matches a prefix of the name's (X.501 subtrees),
// RDNs compared as above.
//
// Value comparison, NAME_CHAINING_RFC5280 (also for constraints): values in PrintableString,
// UTF8String, IA5String or TeletexString compare as text after the RFC 4518 steps that matter
// for ASCII: the controls TAB, LF, VT, FF and CR map to SPACE (§2.2), leading and trailing spaces
// are removed and inner runs fold to one (§2.6.1 insignificant space handling), ASCII case is
// folded (caseIgnoreMatch); the tag does not matter (OpenSSL's x509_name_canon does the same).
// Values of other types compare byte for byte, tag included. Deliberate gaps, all of which make
// names compare unequal, never equal: no Unicode case folding or NFKC normalisation (§2.3, §2.2
// non-ASCII mappings; non-ASCII bytes compare exactly), no non-ASCII spaces (U+00A0, Zs), no
// prohibited-character check (§2.4), no bidi; BMPString and UniversalString compare byte for
// byte (RFC 5280 §7.1 requires only PrintableString and UTF8String); TeletexString is read as
// ASCII (its non-ASCII bytes compare exactly).
//
// NAME_CHAINING_ASCII_CASE (mbedTLS x509_name_cmp, x509_string_cmp): attributes in order, the
// same RDN structure; values equal byte for byte with the same tag, or both UTF8String or
// PrintableString of the same length and equal ignoring ASCII case. No space folding.
// NAME_CHAINING_EXACT: byte for byte (wolfSSL and BearSSL hash the encoded name).
// NAME_CHAINING_ASCII_CASE_EXACT_ANCHOR: ESP-IDF's certificate bundle, mbedTLS's rule between sent
// certificates and an exact subject against the bundle (esp_crt_bundle.c esp_crt_find_cert, memcmp).
//
// Work: a comparison reads each name once, except that multi-valued RDNs match as sets
// (attributes × attributes); an RDN of more than MAX_RDN_SET_ATTRIBUTES attributes is compared
// byte for byte instead, so one comparison costs at most that factor times the name length.

import {
  Err,
  NAME_CHAINING_ASCII_CASE,
  NAME_CHAINING_ASCII_CASE_EXACT_ANCHOR,
  NAME_CHAINING_EXACT,
  staticTlv,
} from '../abi.generated';
import { WITH_STACK_RULES } from '../build-options';
import {
  derRead,
  TAG_IA5_STRING,
  TAG_PRINTABLE_STRING,
  TAG_SEQUENCE,
  TAG_SET,
  TAG_TELETEX_STRING,
  TAG_UTF8_STRING,
} from '../der/reader';

import { asciiEqualIgnoreCase, lowerAscii } from './ascii';

/** Most attributes of a multi-valued RDN matched as a set; larger RDNs compare byte for byte (see header). */
export const MAX_RDN_SET_ATTRIBUTES: i32 = 16;

function isStringTag(t: u32): bool {
  return (
    t === TAG_PRINTABLE_STRING || t === TAG_UTF8_STRING || t === TAG_IA5_STRING || t === TAG_TELETEX_STRING
  );
}

/** RFC 4518 §2.2: the ASCII controls mapped to SPACE, and SPACE. */
function isSpace(b: u32): bool {
  return b === 0x20 || b - 0x09 < 5;
}

/** caseIgnoreMatch with insignificant-space folding over two string values (see header). */
function stringsMatch(a: usize, aLen: u32, b: usize, bLen: u32): bool {
  let i: u32 = 0;
  let j: u32 = 0;
  while (i < aLen && isSpace(load<u8>(a + i))) i++;
  while (j < bLen && isSpace(load<u8>(b + j))) j++;
  let aEnd = aLen;
  let bEnd = bLen;
  while (aEnd > i && isSpace(load<u8>(a + aEnd - 1))) aEnd--;
  while (bEnd > j && isSpace(load<u8>(b + bEnd - 1))) bEnd--;
  while (i < aEnd && j < bEnd) {
    const x = <u32>load<u8>(a + i);
    const y = <u32>load<u8>(b + j);
    if (isSpace(x) && isSpace(y)) {
      while (i < aEnd && isSpace(load<u8>(a + i))) i++;
      while (j < bEnd && isSpace(load<u8>(b + j))) j++;
      continue;
    }
    if (lowerAscii(x) !== lowerAscii(y)) return false;
    i++;
    j++;
  }
  return i === aEnd && j === bEnd;
}

/** mbedTLS x509_string_cmp: a UTF8String or PrintableString. */
function isMbedStringTag(t: u32): bool {
  return t === TAG_PRINTABLE_STRING || t === TAG_UTF8_STRING;
}

const atvMatchTlv = staticTlv();

/** Whether two AttributeTypeAndValue contents ranges match under `mode` (NameChaining). */
function atvMatch(mode: u32, a: usize, aEnd: usize, b: usize, bEnd: usize): bool {
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
  if (aTlvLen === <u32>(t.end - bValPos) && memory.compare(aTlv, bValPos, aTlvLen) === 0) return true;
  if (WITH_STACK_RULES && mode === NAME_CHAINING_ASCII_CASE) {
    return isMbedStringTag(aTag) && isMbedStringTag(t.tag) && asciiEqualIgnoreCase(aVal, aLen, t.val, t.len);
  }
  return isStringTag(aTag) && isStringTag(t.tag) && stringsMatch(aVal, aLen, t.val, t.len);
}

const atvCountTlv = staticTlv();

/** Number of AttributeTypeAndValue entries in an RDN SET's contents, -1 when malformed. */
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

/**
 * Whether two RDN SET contents ranges match under `mode`: as sets (same size, every attribute of
 * a found in b), or pairwise in order for NAME_CHAINING_ASCII_CASE.
 */
function rdnMatch(mode: u32, a: usize, aEnd: usize, b: usize, bEnd: usize): bool {
  const t = rdnMatchTlv;
  const n = atvCount(a, aEnd);
  if (n < 0 || n !== atvCount(b, bEnd)) return false;
  const ordered = WITH_STACK_RULES && mode === NAME_CHAINING_ASCII_CASE;
  if (!ordered && n > MAX_RDN_SET_ATTRIBUTES) {
    return aEnd - a === bEnd - b && memory.compare(a, b, aEnd - a) === 0;
  }
  let p = a;
  let q = b;
  while (p < aEnd) {
    derRead(t, p, aEnd);
    const atv = t.val;
    const atvEnd = t.end;
    p = t.end;
    if (ordered) {
      derRead(t, q, bEnd);
      q = t.end;
      if (!atvMatch(mode, atv, atvEnd, t.val, t.end)) return false;
      continue;
    }
    let found = false;
    let r = b;
    while (r < bEnd) {
      derRead(t, r, bEnd);
      const btv = t.val;
      const btvEnd = t.end;
      r = t.end;
      if (atvMatch(mode, atv, atvEnd, btv, btvEnd)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

const dnMatchTlv = staticTlv();

/**
 * Whether the RDNs of the Name TLV `base` match those of the Name TLV `name` (all of them, or a
 * prefix when `prefix`). Malformed input never matches.
 */
function dnMatch(mode: u32, name: usize, nameLen: u32, base: usize, baseLen: u32, prefix: bool): bool {
  const t = dnMatchTlv;
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
    if (!rdnMatch(mode, bRdn, bRdnEnd, nRdn, nRdnEnd)) return false;
  }
  return prefix || np >= nEnd;
}

/**
 * Whether the Name TLV `name` lies in the subtree of the Name TLV `base` (the base's RDNs match a
 * prefix of the name's, RFC 5280 §7.1 comparison). An empty base contains every name.
 */
export function dnWithin(name: usize, nameLen: u32, base: usize, baseLen: u32): bool {
  return dnMatch(0, name, nameLen, base, baseLen, true);
}

/**
 * Whether two Name TLVs (an issuer and a candidate's subject) are the same name under `mode`, a
 * NameChaining id (see the header).
 */
export function dnEquals(mode: u32, a: usize, aLen: u32, b: usize, bLen: u32): bool {
  if (aLen === bLen && memory.compare(a, b, aLen) === 0) return true;
  if (mode === NAME_CHAINING_EXACT) return false;
  if (mode === NAME_CHAINING_ASCII_CASE_EXACT_ANCHOR) mode = NAME_CHAINING_ASCII_CASE; // anchors.ts asks EXACT
  return dnMatch(mode, a, aLen, b, bLen, false);
}
