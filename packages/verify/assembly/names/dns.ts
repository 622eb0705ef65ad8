// DNS names: syntax, server-name matching and dNSName name-constraint subtrees.
//
// Syntax (RFC 5280 §4.2.1.6 and §7.2: RFC 1034 §3.5 "preferred name syntax" as amended by
// RFC 1123 §2.1): labels of 1..63 letters, digits and hyphens, no hyphen at either end of a label,
// at most 253 bytes, ASCII only (internationalized names must be A-labels, "xn--..."). Like
// pyca/cryptography and unlike Go and webpki, underscores are rejected (x509-limbo
// rfc5280::san::underscore-dns). Like webpki, the last label must not be all digits, so an IPv4
// address written as a dNSName is not a DNS name (rfc5280::san::ip-in-dns).
//
// Wildcards (RFC 6125 §6.4.3 narrowed as NSS, Chromium, Go and webpki do): only a presented
// (certificate) name may carry one, only as the whole left-most label "*", followed by at least
// two labels ("*.com" and "*" are malformed), and it matches exactly one label of the reference
// name. "f*.example.com", "*.*.example.com" and "www.*.example.com" are malformed.
//
// Name constraints (RFC 5280 §4.2.1.10): "any DNS name that can be constructed by simply adding
// zero or more labels to the left-hand side of the name satisfies the name constraint", whole
// labels only ("bigfoo.bar.com" is not within "foo.bar.com"); the empty constraint contains every
// name. A leading period is not part of the dNSName constraint syntax (RFC 5280 allows it for URI
// and email constraints only), so ".example.com" is a malformed dNSName constraint, as
// pyca/cryptography and x509-limbo (rfc5280::nc::invalid-dnsname-leading-period) hold. A wildcard
// certificate name "*.X" is within a constraint when all its expansions are (X within the
// constraint); it hits an excluded subtree when any expansion could (CVE-2025-61727).

import { asciiEqualIgnoreCase, isAlnum, isDigit } from './ascii';

/** Longest DNS name in presentation form without the trailing dot (RFC 1035 §2.3.4). */
export const MAX_DNS_NAME: i32 = 253;
const MAX_LABEL: i32 = 63;

/** Where a DNS name comes from, which decides the syntax it may use. */
export enum DnsRole {
  /** A dNSName in a certificate: may start with the wildcard label "*". */
  Presented = 0,
  /** The host name the caller verifies: no wildcard; one trailing dot (absolute name) allowed. */
  Reference = 1,
  /** A dNSName name constraint: may be empty (contains every name); no wildcard. */
  Constraint = 2,
}

/** Checks the syntax of a DNS name for its role (see the header of this file). */
export function dnsNameValid(p: usize, len: i32, role: DnsRole): bool {
  return dnsNameSyntax(p, len, role, false);
}

/**
 * dnsNameValid, where `underscore` also allows "_" in labels (HOST_UNDERSCORE_LABELS: device
 * stacks compare names as text).
 */
export function dnsNameSyntax(p: usize, len: i32, role: DnsRole, underscore: bool): bool {
  if (role === DnsRole.Reference && len > 0 && load<u8>(p + <usize>(len - 1)) === 0x2e) len--; // absolute
  if (len === 0) return role === DnsRole.Constraint;
  if (len > MAX_DNS_NAME) return false;
  let i = 0;
  let labels = 0;
  if (role === DnsRole.Presented && load<u8>(p) === 0x2a) {
    // "*." then at least two more labels.
    if (len < 2 || load<u8>(p + 1) !== 0x2e) return false;
    i = 2;
    labels = 1;
  }
  let labelLen = 0;
  let labelAllDigits = true;
  let lastWasHyphen = false;
  for (; i < len; i++) {
    const b = <u32>load<u8>(p + <usize>i);
    if (b === 0x2e) {
      if (labelLen === 0 || lastWasHyphen) return false;
      labels++;
      labelLen = 0;
      labelAllDigits = true;
      continue;
    }
    if (b === 0x2d) {
      if (labelLen === 0) return false;
      lastWasHyphen = true;
      labelAllDigits = false;
    } else if (isAlnum(b) || (underscore && b === 0x5f)) {
      lastWasHyphen = false;
      if (!isDigit(b)) labelAllDigits = false;
    } else {
      return false;
    }
    if (++labelLen > MAX_LABEL) return false;
  }
  if (labelLen === 0 || lastWasHyphen || labelAllDigits) return false;
  labels++;
  // A wildcard needs at least two labels after it.
  if (role === DnsRole.Presented && load<u8>(p) === 0x2a && labels < 3) return false;
  return true;
}

/** Whether a presented name starts with the wildcard label. */
export function dnsIsWildcard(p: usize, len: i32): bool {
  return len > 1 && load<u8>(p) === 0x2a && load<u8>(p + 1) === 0x2e;
}

/**
 * Whether a presented certificate name (syntax already checked) matches the reference host name
 * (syntax already checked; a trailing dot is ignored).
 */
export function dnsMatches(presented: usize, pLen: i32, reference: usize, rLen: i32): bool {
  if (rLen > 0 && load<u8>(reference + <usize>(rLen - 1)) === 0x2e) rLen--;
  if (!dnsIsWildcard(presented, pLen)) return asciiEqualIgnoreCase(presented, pLen, reference, rLen);
  // "*.rest" matches "<one label>.rest".
  let dot = 0;
  while (dot < rLen && load<u8>(reference + <usize>dot) !== 0x2e) dot++;
  if (dot === 0 || dot === rLen) return false;
  return asciiEqualIgnoreCase(presented + 1, pLen - 1, reference + <usize>dot, rLen - dot);
}

/**
 * Whether a certificate name (syntax already checked; a wildcard label counts as one label) lies
 * in the subtree of a dNSName constraint (syntax already checked).
 */
export function dnsWithin(name: usize, nLen: i32, constraint: usize, cLen: i32): bool {
  if (cLen === 0) return true;
  if (nLen < cLen) return false;
  const start = nLen - cLen;
  if (start > 0 && load<u8>(name + <usize>(start - 1)) !== 0x2e) return false;
  return asciiEqualIgnoreCase(name + <usize>start, cLen, constraint, cLen);
}

/**
 * Whether some expansion of a wildcard certificate name "*.X" lies in the subtree of an excluded
 * constraint: either every expansion does (X within it) or the constraint is "<one label>.X"
 * (CVE-2025-61727: "*.example.com" must not pass an exclusion of "bar.example.com").
 */
export function dnsWildcardMayEnter(name: usize, nLen: i32, constraint: usize, cLen: i32): bool {
  if (dnsWithin(name, nLen, constraint, cLen)) return true;
  if (!dnsIsWildcard(name, nLen)) return false;
  const restLen = nLen - 1; // ".X"
  if (cLen <= restLen) return false;
  const labelLen = cLen - restLen;
  for (let i = 0; i < labelLen; i++) if (load<u8>(constraint + <usize>i) === 0x2e) return false;
  return asciiEqualIgnoreCase(constraint + <usize>labelLen, restLen, name + 1, restLen);
}
