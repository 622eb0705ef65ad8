// IP addresses: textual form of the reference name, canonical text of an iPAddress SAN, and
// iPAddress name-constraint subtrees.
//
// - Text parsing: IPv4 in dotted-decimal as RFC 3986 §3.2.2 defines it (four decimal octets, no
//   leading zeros, so "192.168.001.001" or "0xC0A80101" are not IP literals); IPv6 as RFC 4291
//   §2.2 (hex groups, one "::", optional trailing dotted IPv4). Zone identifiers are not accepted.
// - Matching a server name: an IP reference matches only an iPAddress SAN of the same length and
//   bytes (RFC 6125 §6.2.1 / RFC 5280 §4.2.1.6); never a dNSName and never the subject CN.
// - Canonical text (RFC 5952 §4 for IPv6, dotted decimal for IPv4) is what the CA/B Forum Baseline
//   Requirements §7.1.4.3 require a subject CN holding an IP address to be.
// - Constraints (RFC 5280 §4.2.1.10): the constraint is the address followed by a mask, 8 octets
//   for IPv4 and 32 for IPv6. Any other length, or a mask whose one-bits are not contiguous from the
//   top, is malformed. Addresses of the other family never match.

import { isDigit } from './ascii';

/** Scratch for 8 IPv6 groups while parsing. */
const groups = memory.data(16);

/**
 * Parses a textual IPv4 or IPv6 address into `out` (16 bytes of room). Returns 4 or 16, or 0 when
 * the text is not an IP literal.
 */
export function parseIp(p: usize, len: i32, out: usize): i32 {
  if (len <= 0 || len > 45) return 0;
  for (let i = 0; i < len; i++) if (load<u8>(p + <usize>i) === 0x3a) return parseIpv6(p, len, out) ? 16 : 0;
  return parseIpv4(p, len, out) ? 4 : 0;
}

/** Dotted-decimal IPv4 with exactly four octets and no leading zeros. */
function parseIpv4(p: usize, len: i32, out: usize): bool {
  let octet = 0;
  let value: u32 = 0;
  let digits = 0;
  for (let i = 0; i <= len; i++) {
    const b: u32 = i < len ? load<u8>(p + <usize>i) : 0x2e;
    if (b === 0x2e) {
      if (digits === 0 || octet > 3) return false;
      store<u8>(out + <usize>octet, <u8>value);
      octet++;
      value = 0;
      digits = 0;
      continue;
    }
    if (!isDigit(b)) return false;
    if (digits > 0 && value === 0) return false; // leading zero
    value = value * 10 + (b - 0x30);
    if (++digits > 3 || value > 255) return false;
  }
  return octet === 4;
}

function hexValue(b: u32): i32 {
  if (b - 0x30 < 10) return <i32>(b - 0x30);
  const l = b | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x61 + 10);
  return -1;
}

/** RFC 4291 §2.2 text form. */
function parseIpv6(p: usize, len: i32, out: usize): bool {
  let count = 0; // groups written
  let gap = -1; // group index where "::" stands
  let i = 0;
  if (len >= 2 && load<u8>(p) === 0x3a) {
    if (load<u8>(p + 1) !== 0x3a) return false;
    gap = 0;
    i = 2;
    if (i === len) {
      memory.fill(out, 0, 16);
      return true;
    }
  }
  while (i < len) {
    // One group, or a trailing dotted IPv4 part.
    let j = i;
    let value = 0;
    let isV4 = false;
    while (j < len) {
      const b = <u32>load<u8>(p + <usize>j);
      if (b === 0x3a) break;
      if (b === 0x2e) {
        isV4 = true;
        break;
      }
      const h = hexValue(b);
      if (h < 0) return false;
      value = (value << 4) | h;
      if (j - i >= 4) return false;
      j++;
    }
    if (isV4) {
      if (count > 6) return false;
      const v4 = groups + 12; // reuse the tail of the scratch
      if (!parseIpv4(p + <usize>i, len - i, v4)) return false;
      store<u16>(groups + <usize>(count * 2), <u16>(((<u32>load<u8>(v4)) << 8) | load<u8>(v4 + 1)));
      store<u16>(groups + <usize>(count * 2 + 2), <u16>(((<u32>load<u8>(v4 + 2)) << 8) | load<u8>(v4 + 3)));
      count += 2;
      i = len;
      break;
    }
    if (j === i || count >= 8) return false;
    store<u16>(groups + <usize>(count * 2), <u16>value);
    count++;
    if (j === len) {
      i = len;
      break;
    }
    // At a ':'; "::" marks the gap.
    if (j + 1 < len && load<u8>(p + <usize>(j + 1)) === 0x3a) {
      if (gap >= 0) return false;
      gap = count;
      i = j + 2;
      if (i === len) break;
    } else {
      i = j + 1;
      if (i === len) return false; // trailing single ':'
    }
  }
  if (gap < 0) {
    if (count !== 8) return false;
  } else if (count > 7) {
    return false;
  }
  // Expand into out.
  memory.fill(out, 0, 16);
  const tail = gap < 0 ? 0 : count - gap;
  const head = gap < 0 ? count : gap;
  for (let g = 0; g < head; g++) {
    const v = <u32>load<u16>(groups + <usize>(g * 2));
    store<u8>(out + <usize>(g * 2), <u8>(v >> 8));
    store<u8>(out + <usize>(g * 2 + 1), <u8>v);
  }
  for (let t = 0; t < tail; t++) {
    const v = <u32>load<u16>(groups + <usize>((head + t) * 2));
    const g = 8 - tail + t;
    store<u8>(out + <usize>(g * 2), <u8>(v >> 8));
    store<u8>(out + <usize>(g * 2 + 1), <u8>v);
  }
  return true;
}

/** Stores one byte at out[at] and returns at + 1. */
function put(out: usize, at: i32, b: u32): i32 {
  store<u8>(out + <usize>at, <u8>b);
  return at + 1;
}

function writeDecimal(out: usize, at: i32, v: u32): i32 {
  if (v >= 100) at = put(out, at, 0x30 + v / 100);
  if (v >= 10) at = put(out, at, 0x30 + ((v / 10) % 10));
  return put(out, at, 0x30 + (v % 10));
}

function writeHexGroup(out: usize, at: i32, v: u32): i32 {
  let started = false;
  for (let shift = 12; shift >= 0; shift -= 4) {
    const d = (v >> <u32>shift) & 15;
    if (d === 0 && !started && shift > 0) continue;
    started = true;
    at = put(out, at, d < 10 ? 0x30 + d : 0x57 + d);
  }
  return at;
}

/**
 * Writes the canonical text of a 4- or 16-byte address into `out` (46 bytes of room): dotted
 * decimal for IPv4, RFC 5952 §4 for IPv6 (lower-case hex, no leading zeros, the longest run of two
 * or more zero groups, the first on a tie, written "::"). Returns the length, or 0 for another
 * address length.
 */
export function formatIp(p: usize, len: i32, out: usize): i32 {
  let at = 0;
  if (len === 4) {
    for (let i = 0; i < 4; i++) {
      if (i > 0) at = put(out, at, 0x2e);
      at = writeDecimal(out, at, load<u8>(p + <usize>i));
    }
    return at;
  }
  if (len !== 16) return 0;
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let g = 0; g <= 8; g++) {
    const zero = g < 8 && load<u16>(p + <usize>(g * 2)) === 0;
    if (zero) {
      if (runStart < 0) runStart = g;
    } else if (runStart >= 0) {
      if (g - runStart > bestLen) {
        bestStart = runStart;
        bestLen = g - runStart;
      }
      runStart = -1;
    }
  }
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      at = put(out, at, 0x3a);
      at = put(out, at, 0x3a);
      g += bestLen - 1;
      continue;
    }
    if (g > 0 && g !== bestStart + bestLen) at = put(out, at, 0x3a);
    const v = ((<u32>load<u8>(p + <usize>(g * 2))) << 8) | load<u8>(p + <usize>(g * 2 + 1));
    at = writeHexGroup(out, at, v);
  }
  return at;
}

/** Result of matching a name against a constraint: the name is outside, inside, or the constraint is malformed. */
export const IP_OUTSIDE: i32 = 0;
export const IP_INSIDE: i32 = 1;
export const IP_MALFORMED: i32 = -1;

/** Whether an iPAddress name-constraint value (address + mask) is well formed. */
export function ipConstraintValid(c: usize, cLen: i32): bool {
  if (cLen !== 8 && cLen !== 32) return false;
  const half = cLen >> 1;
  let seenZero = false;
  for (let i = 0; i < half; i++) {
    const m = <u32>load<u8>(c + <usize>(half + i));
    if (seenZero) {
      if (m !== 0) return false;
      continue;
    }
    if (m === 0xff) continue;
    // A partial byte must be ones followed by zeros.
    if ((~m & 0xff & ((~m & 0xff) + 1)) !== 0) return false;
    seenZero = true;
  }
  return true;
}

/** Whether an address (4 or 16 bytes) lies in an iPAddress constraint (address + mask). */
export function ipWithin(ip: usize, ipLen: i32, c: usize, cLen: i32): i32 {
  if (!ipConstraintValid(c, cLen)) return IP_MALFORMED;
  if (ipLen * 2 !== cLen) return IP_OUTSIDE;
  for (let i = 0; i < ipLen; i++) {
    const m = <u32>load<u8>(c + <usize>(ipLen + i));
    if (((<u32>load<u8>(ip + <usize>i) ^ <u32>load<u8>(c + <usize>i)) & m) !== 0) return IP_OUTSIDE;
  }
  return IP_INSIDE;
}
