// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// DER reader: one TLV at a time, over (pointer, end) ranges of linear memory. No allocation.
//
// Rules enforced on every TLV (X.690 §8.1 and §10.1 DER restrictions, and this project's limits):
// - tag: one identifier octet. The high-tag-number form (low five bits 11111) is rejected on
//   purpose: X.509, PKIX and every structure this verifier reads use tag numbers 0..30 only,
//   so a multi-octet tag is always an error (rustls-webpki does the same). Tag 0x00 (universal 0,
//   reserved, BER end-of-contents) is rejected too.
// - length: definite only (0x80 = BER indefinite form rejected); short form for lengths < 128;
//   long form with 1..4 length octets, minimal (no leading zero octet, and never used for a
//   length < 128). Four octets cover the 16 MiB IO limit (io.ts MAX_IO); more are rejected.
// - the contents must fit inside the enclosing range: every length is checked against its
//   container before anything reads it, so a lying length can never send a read past `end`.
//
// Results come back through a Tlv record the caller passes (tag, start, contents, end). Records
// live in static memory, one per reading site (staticTlv at module level), so a read never
// overwrites what another function still holds, and nothing is allocated.
//
// Nesting depth: the X.509 decoder walks a fixed schema without recursion, so its depth is
// bounded by the schema (at most 14 levels, in a directoryName inside a name constraint).
// derCheckTree below validates arbitrary nested DER (ANY values) with an explicit depth bound.
import { Err, staticTlv, Tlv } from '../abi.generated';

/** Universal tags (X.680 §8.4) and the context-specific forms X.509 uses. */
export const TAG_BOOLEAN: u32 = 0x01;
export const TAG_INTEGER: u32 = 0x02;
export const TAG_BIT_STRING: u32 = 0x03;
export const TAG_OCTET_STRING: u32 = 0x04;
export const TAG_NULL: u32 = 0x05;
export const TAG_OID: u32 = 0x06;
export const TAG_UTF8_STRING: u32 = 0x0c;
export const TAG_PRINTABLE_STRING: u32 = 0x13;
export const TAG_TELETEX_STRING: u32 = 0x14;
export const TAG_IA5_STRING: u32 = 0x16;
export const TAG_UTC_TIME: u32 = 0x17;
export const TAG_GENERALIZED_TIME: u32 = 0x18;
export const TAG_UNIVERSAL_STRING: u32 = 0x1c;
export const TAG_BMP_STRING: u32 = 0x1e;
export const TAG_SEQUENCE: u32 = 0x30;
export const TAG_SET: u32 = 0x31;
/** Bit 6 of the identifier octet: constructed encoding. */
export const TAG_CONSTRUCTED: u32 = 0x20;
/** Context-specific class, primitive: [n] IMPLICIT of a primitive type is `TAG_CONTEXT | n`. */
export const TAG_CONTEXT: u32 = 0x80;
/** Context-specific class, constructed: [n] EXPLICIT, or IMPLICIT of a SEQUENCE, is `TAG_CONTEXT_CONS | n`. */
export const TAG_CONTEXT_CONS: u32 = 0xa0;

/** Deepest nesting derCheckTree accepts (no X.509 structure comes near it). */
export const DER_MAX_DEPTH: u32 = 32;

/**
 * Reads the TLV at `pos`, which must lie entirely inside [pos, end). On success fills `t` and
 * returns Err.OK; otherwise returns Err.MALFORMED and leaves `t` undefined.
 */
export function derRead(t: Tlv, pos: usize, end: usize): Err {
  if (pos >= end || end - pos < 2) return Err.MALFORMED;
  const tag = <u32>load<u8>(pos);
  if ((tag & 0x1f) === 0x1f || tag === 0) return Err.MALFORMED;
  let p = pos + 1;
  let len = <u32>load<u8>(p);
  p++;
  if (len >= 0x80) {
    const n = len & 0x7f;
    // 0x80: indefinite length (BER only). More than 4 octets: beyond any input we accept.
    if (n === 0 || n > 4) return Err.MALFORMED;
    if (<usize>n > end - p) return Err.MALFORMED;
    if (load<u8>(p) === 0) return Err.MALFORMED; // leading zero octet: not minimal
    len = 0;
    for (let i: u32 = 0; i < n; i++) len = (len << 8) | <u32>load<u8>(p + i);
    if (len < 0x80) return Err.MALFORMED; // long form for a short length: not minimal
    p += n;
  }
  if (<usize>len > end - p) return Err.MALFORMED;
  t.tag = tag;
  t.start = pos;
  t.val = p;
  t.len = len;
  t.end = p + len;
  return Err.OK;
}

/** derRead, then requires the identifier octet to be `tag`. */
export function derExpect(t: Tlv, pos: usize, end: usize, tag: u32): Err {
  if (pos >= end || <u32>load<u8>(pos) !== tag) return Err.MALFORMED;
  return derRead(t, pos, end);
}

/** True when a TLV with identifier `tag` starts at `pos` (pos < end). Reads one octet, checks nothing else. */
export function derPeek(pos: usize, end: usize, tag: u32): bool {
  return pos < end && <u32>load<u8>(pos) === tag;
}

/**
 * Reads the single TLV that must fill [pos, end) exactly (no trailing bytes), with identifier `tag`.
 */
export function derExpectOnly(t: Tlv, pos: usize, end: usize, tag: u32): Err {
  const e = derExpect(t, pos, end, tag);
  if (e !== Err.OK) return e;
  return t.end === end ? Err.OK : Err.MALFORMED;
}

// Explicit stack for derCheckTree: the end of each open constructed value.
const treeEnds = memory.data(<i32>DER_MAX_DEPTH * 4, 4);
const treeTlv = staticTlv();

/**
 * Validates that [ptr, ptr+len) is a sequence of well-formed DER TLVs, descending into every
 * constructed value, at most DER_MAX_DEPTH levels deep. Iterative (explicit stack, no recursion),
 * linear in `len`. Used for ANY values whose schema the decoder does not know.
 */
export function derCheckTree(ptr: usize, len: u32): Err {
  let depth: u32 = 0;
  let pos = ptr;
  let end = ptr + len;
  while (depth > 0 || pos < end) {
    if (pos === end) {
      // End of a constructed value: resume its parent right after it.
      depth--;
      end = load<u32>(treeEnds + (depth << 2));
      continue;
    }
    const e = derRead(treeTlv, pos, end);
    if (e !== Err.OK) return e;
    if ((treeTlv.tag & TAG_CONSTRUCTED) !== 0) {
      if (depth >= DER_MAX_DEPTH) return Err.MALFORMED;
      store<u32>(treeEnds + (depth << 2), <u32>end);
      depth++;
      end = treeTlv.end;
      pos = treeTlv.val;
    } else {
      pos = treeTlv.end;
    }
  }
  return Err.OK;
}
