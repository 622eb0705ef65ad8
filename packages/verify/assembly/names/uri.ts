// URIs (uniformResourceIdentifier): the host of a URI and URI name-constraint subtrees.
//
// RFC 5280 §4.2.1.10: a URI constraint "applies to the host part of the name"; it is a host name
// ("host.example.com", that host only) or a domain with a leading period (".example.com", every
// host below it). A URI without an authority, or whose host is an IP address, cannot be checked
// against such constraints, and "the application MUST reject the certificate" when a URI
// constraint applies. Hosts are compared ignoring ASCII case. Percent-encoded or non-ASCII hosts
// are not DNS names in preferred syntax and count as unmatchable (rejected) as well.

import { asciiEqualIgnoreCase, indexOfByte, isAlnum } from './ascii';
import { DnsRole, dnsNameValid, dnsWithin } from './dns';
import { parseIp } from './ip';

const ipScratch = memory.data(16);

/**
 * Finds the host of an absolute URI "scheme://[userinfo@]host[:port][/...]" (RFC 3986 §3).
 * Returns (start << 32) | length of the host inside [p, p+len), or -1 when the URI has no
 * authority or its host is not a DNS name (an IP literal, empty, or not preferred syntax).
 */
export function uriHost(p: usize, len: i32): i64 {
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  let i = 0;
  while (i < len) {
    const b = <u32>load<u8>(p + <usize>i);
    if (b === 0x3a) break;
    if (!(isAlnum(b) || b === 0x2b || b === 0x2d || b === 0x2e) || (i === 0 && !((b | 0x20) - 0x61 < 26)))
      return -1;
    i++;
  }
  if (i === 0 || i + 2 >= len) return -1;
  if (load<u8>(p + <usize>(i + 1)) !== 0x2f || load<u8>(p + <usize>(i + 2)) !== 0x2f) return -1;
  let start = i + 3;
  let end = start;
  while (end < len) {
    const b = <u32>load<u8>(p + <usize>end);
    if (b === 0x2f || b === 0x3f || b === 0x23) break;
    end++;
  }
  // Drop userinfo: everything up to the last "@" of the authority.
  for (let k = end - 1; k >= start; k--) {
    if (load<u8>(p + <usize>k) === 0x40) {
      start = k + 1;
      break;
    }
  }
  if (start < end && load<u8>(p + <usize>start) === 0x5b) return -1; // "[v6]" literal
  // Drop ":port".
  const colon = indexOfByte(p + <usize>start, end - start, 0x3a);
  if (colon >= 0) {
    for (let k = start + colon + 1; k < end; k++) {
      const b = <u32>load<u8>(p + <usize>k);
      if (b - 0x30 >= 10) return -1;
    }
    end = start + colon;
  }
  const hostLen = end - start;
  if (hostLen <= 0) return -1;
  if (parseIp(p + <usize>start, hostLen, ipScratch) !== 0) return -1;
  if (!dnsNameValid(p + <usize>start, hostLen, DnsRole.Reference)) return -1;
  // A trailing dot would make the host absolute; compare without it.
  let h = hostLen;
  if (load<u8>(p + <usize>(start + h - 1)) === 0x2e) h--;
  return ((<i64>start) << 32) | <i64>h;
}

/** Whether a URI name constraint is well formed: a host name, or "." followed by a domain. */
export function uriConstraintValid(c: usize, cLen: i32): bool {
  if (cLen === 0) return false;
  if (load<u8>(c) === 0x2e) return cLen > 1 && dnsNameValid(c + 1, cLen - 1, DnsRole.Constraint);
  return dnsNameValid(c, cLen, DnsRole.Constraint);
}

/** Whether a URI host (from uriHost) lies in a URI constraint (already checked). */
export function uriHostWithin(host: usize, hLen: i32, c: usize, cLen: i32): bool {
  if (load<u8>(c) === 0x2e) return hLen > cLen - 1 && dnsWithin(host, hLen, c + 1, cLen - 1);
  return asciiEqualIgnoreCase(host, hLen, c, cLen);
}
