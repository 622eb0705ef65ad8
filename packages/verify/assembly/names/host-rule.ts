// Host-name matching rules of device TLS stacks (HostWildcard ids other than RFC6125), so a device
// profile predicts what the stack says about a presented DNS name (a dNSName SAN or, with a CN
// fallback, a subject CN) and the host name the device connects to. Every one of these stacks
// compares the presented name as text (no LDH syntax check), ASCII case-insensitively; hubtrust's
// own rule (RFC 6125 §6.4.3 as narrowed by RFC 9525) is names/dns.ts.
//
// - WILDCARD_ANY_FIRST_LABEL: equal, or "*." + rest where the host name's first label is not
//   empty and what follows it equals ".rest" ("*.com" matches "example.com"). mbedTLS 2.28/3.6
//   x509_crt_check_cn and x509_check_wildcard (a pattern of at least 3 bytes starting "*."; the
//   host's first dot not at index 0); BearSSL 0.6 x509_minimal.t0 match-server-name.
// - WILDCARD_PARTIAL_FIRST_LABEL: OpenSSL 3.0 crypto/x509/v3_utl.c with X509_check_host flags 0:
//   valid_star accepts one "*" at the start or end of the first label ("*.x.y", "dev*.x.y",
//   "*dev.x.y"; not "d*v"), not in an "xn--" label, with at least two dots in the pattern, only
//   LDH characters and no label starting or ending with "-"; otherwise the pattern compares as text
//   (equal_nocase). wildcard_match: prefix and suffix compare ignoring case, the part the star
//   matches holds only letters, digits and "-" (one label), is not empty when the star is the
//   whole label, and the host's first label is not an A-label unless the star is the whole label.
// - WILDCARD_GLOB_PER_LABEL: wolfSSL 5.5 src/internal.c MatchDomainName: "*" (runs of them count
//   as one) matches the shortest run of characters up to the first occurrence of the pattern's
//   next character, never a ".", so it stays within one label and may match an empty run;
//   anywhere in the pattern ("device.*.com", "*.com").
//
// The trailing dot of the host name (HOST_LITERAL_TRAILING_DOT) and "_" in labels
// (HOST_UNDERSCORE_LABELS) are handled by the caller (server-name.ts). Work: linear in the two
// names (the glob never backtracks).

import { WILDCARD_ANY_FIRST_LABEL, WILDCARD_PARTIAL_FIRST_LABEL } from '../abi.generated';
import { asciiEqualIgnoreCase, isAlnum, lowerAscii } from './ascii';

const STAR: u32 = 0x2a;
const DOT: u32 = 0x2e;
const HYPHEN: u32 = 0x2d;

function at(p: usize, i: i32): u32 {
  return <u32>load<u8>(p + <usize>i);
}

/** mbedTLS / BearSSL: exact, or "*." + rest against the host after its first label. */
function anyFirstLabel(pat: usize, pLen: i32, host: usize, hLen: i32): bool {
  if (asciiEqualIgnoreCase(pat, pLen, host, hLen)) return true;
  if (pLen < 3 || at(pat, 0) !== STAR || at(pat, 1) !== DOT) return false;
  let dot = 0;
  while (dot < hLen && at(host, dot) !== DOT) dot++;
  if (dot === 0 || dot === hLen) return false;
  return asciiEqualIgnoreCase(pat + 1, pLen - 1, host + <usize>dot, hLen - dot);
}

/** Whether `xn--` starts [p+i, p+len), ignoring case. */
function isALabelAt(p: usize, i: i32, len: i32): bool {
  return (
    len - i >= 4 &&
    lowerAscii(at(p, i)) === 0x78 &&
    lowerAscii(at(p, i + 1)) === 0x6e &&
    at(p, i + 2) === HYPHEN &&
    at(p, i + 3) === HYPHEN
  );
}

/** OpenSSL valid_star: the index of the one usable "*" of a pattern, or -1 (compare as text). */
function validStar(p: usize, len: i32): i32 {
  let star = -1;
  let labelStart = true;
  let labelHyphen = false;
  let idna = false;
  let dots = 0;
  for (let i = 0; i < len; i++) {
    const b = at(p, i);
    if (b === STAR) {
      const atEnd = i === len - 1 || at(p, i + 1) === DOT;
      if (star >= 0 || idna || dots > 0 || (!labelStart && !atEnd)) return -1;
      star = i;
      labelStart = false;
    } else if (isAlnum(b)) {
      if (labelStart && isALabelAt(p, i, len)) idna = true;
      labelStart = false;
      labelHyphen = false;
    } else if (b === DOT) {
      if (labelStart || labelHyphen) return -1;
      labelStart = true;
      idna = false;
      dots++;
    } else if (b === HYPHEN) {
      if (labelStart) return -1;
      labelHyphen = true;
    } else {
      return -1;
    }
  }
  if (labelStart || labelHyphen || dots < 2) return -1;
  return star;
}

/** OpenSSL equal_wildcard: wildcard_match with a valid star, equal_nocase otherwise. */
function partialFirstLabel(pat: usize, pLen: i32, host: usize, hLen: i32): bool {
  const star = validStar(pat, pLen);
  if (star < 0) return asciiEqualIgnoreCase(pat, pLen, host, hLen);
  const prefixLen = star;
  const suffixLen = pLen - star - 1;
  if (hLen < prefixLen + suffixLen) return false;
  if (!asciiEqualIgnoreCase(pat, prefixLen, host, prefixLen)) return false;
  const wEnd = hLen - suffixLen;
  if (!asciiEqualIgnoreCase(pat + <usize>(star + 1), suffixLen, host + <usize>wEnd, suffixLen)) return false;
  const wholeLabel = prefixLen === 0 && suffixLen > 0 && at(pat, star + 1) === DOT;
  if (wholeLabel && wEnd === prefixLen) return false;
  if (!wholeLabel && isALabelAt(host, 0, hLen)) return false;
  if (wEnd === prefixLen + 1 && at(host, prefixLen) === STAR) return true;
  for (let i = prefixLen; i < wEnd; i++) {
    const b = at(host, i);
    if (!isAlnum(b) && b !== HYPHEN) return false;
  }
  return true;
}

/** wolfSSL MatchDomainName (see the header). */
function globPerLabel(pat: usize, pLen: i32, host: usize, hLen: i32): bool {
  let i = 0;
  let len = pLen;
  let j = 0;
  while (len > 0) {
    let pc = lowerAscii(at(pat, i++));
    if (pc === 0) break;
    if (pc === STAR) {
      while (--len > 0) {
        pc = lowerAscii(at(pat, i++));
        if (pc !== STAR) break;
      }
      if (len === 0) pc = 0;
      while (j < hLen) {
        const s = lowerAscii(at(host, j));
        if (s === pc) break;
        if (s === DOT) return false;
        j++;
      }
    } else if (j >= hLen || pc !== lowerAscii(at(host, j))) {
      return false;
    }
    if (len > 0) {
      j++;
      len--;
    }
  }
  return j === hLen && len === 0;
}

/**
 * Whether the presented name [pat, pat+pLen) matches the host name [host, host+hLen) under the
 * stack rule `wildcard` (a HostWildcard id other than RFC6125).
 */
export function stackHostMatches(wildcard: u32, pat: usize, pLen: i32, host: usize, hLen: i32): bool {
  if (wildcard === WILDCARD_ANY_FIRST_LABEL) return anyFirstLabel(pat, pLen, host, hLen);
  if (wildcard === WILDCARD_PARTIAL_FIRST_LABEL) return partialFirstLabel(pat, pLen, host, hLen);
  return globPerLabel(pat, pLen, host, hLen);
}
