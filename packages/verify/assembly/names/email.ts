// Email addresses (rfc822Name): mailbox syntax and rfc822Name name-constraint subtrees.
//
// RFC 5280 §4.2.1.6: an rfc822Name is a "Mailbox" as RFC 2821 §4.1.2 (now RFC 5321 §4.1.2)
// defines it: Local-part "@" Domain, where Local-part is a Dot-string (atoms of atext joined by
// single dots) or a Quoted-string. The domain must be a DNS name in preferred syntax (address
// literals such as "[192.0.2.1]" are not supported and count as malformed). "a@b@example.com" is
// malformed (x509-limbo rfc5280::nc::nc-permits-invalid-email-san).
//
// RFC 5280 §4.2.1.10 constraint forms:
//   "local@host"   exactly that mailbox (local part compared byte for byte, host ignoring case);
//                  every character is literal, "*" included (rfc5280::nc::nc-permits-email-literal-*);
//   "host"         every mailbox at exactly that host;
//   ".domain"      every mailbox at a host below that domain (at least one more label);
//   ""             every mailbox (as for dNSName, the empty constraint contains everything).

import { asciiEqualIgnoreCase, bytesEqual, isAlnum, lastIndexOfByte } from './ascii';
import { DnsRole, dnsNameValid, dnsWithin } from './dns';

/** RFC 5321 §4.5.3.1.1: at most 64 octets of local part. */
const MAX_LOCAL_PART: i32 = 64;

/** RFC 5322 §3.2.3 atext besides letters and digits. */
function isAtextSymbol(b: u32): bool {
  switch (b) {
    case 0x21: // !
    case 0x23: // #
    case 0x24: // $
    case 0x25: // %
    case 0x26: // &
    case 0x27: // '
    case 0x2a: // *
    case 0x2b: // +
    case 0x2d: // -
    case 0x2f: // /
    case 0x3d: // =
    case 0x3f: // ?
    case 0x5e: // ^
    case 0x5f: // _
    case 0x60: // `
    case 0x7b: // {
    case 0x7c: // |
    case 0x7d: // }
    case 0x7e: // ~
      return true;
  }
  return false;
}

/** Local-part = Dot-string / Quoted-string (RFC 5321 §4.1.2). */
function localPartValid(p: usize, len: i32): bool {
  if (len === 0 || len > MAX_LOCAL_PART) return false;
  if (load<u8>(p) === 0x22) {
    // Quoted-string = DQUOTE *QcontentSMTP DQUOTE
    if (len < 2 || load<u8>(p + <usize>(len - 1)) !== 0x22) return false;
    for (let i = 1; i < len - 1; i++) {
      const b = <u32>load<u8>(p + <usize>i);
      if (b === 0x5c) {
        // quoted-pairSMTP = "\" %d32-126
        if (++i >= len - 1) return false;
        const q = <u32>load<u8>(p + <usize>i);
        if (q < 32 || q > 126) return false;
      } else if (b < 32 || b > 126 || b === 0x22) {
        return false; // qtextSMTP = %d32-33 / %d35-91 / %d93-126
      }
    }
    return true;
  }
  let atomLen = 0;
  for (let i = 0; i < len; i++) {
    const b = <u32>load<u8>(p + <usize>i);
    if (b === 0x2e) {
      if (atomLen === 0) return false;
      atomLen = 0;
    } else if (isAlnum(b) || isAtextSymbol(b)) {
      atomLen++;
    } else {
      return false;
    }
  }
  return atomLen > 0;
}

/**
 * Checks an RFC 5321 Mailbox and returns the index of its "@", or -1 when malformed. The "@" is
 * the last one in the string; a quoted local part may not contain an unescaped one anyway.
 */
export function mailboxSplit(p: usize, len: i32): i32 {
  const at = lastIndexOfByte(p, len, 0x40);
  if (at <= 0) return -1;
  if (!localPartValid(p, at)) return -1;
  const domainLen = len - at - 1;
  if (domainLen <= 0) return -1;
  if (!dnsNameValid(p + <usize>(at + 1), domainLen, DnsRole.Constraint)) return -1;
  return at;
}

/** Whether an rfc822Name constraint is well formed (one of the forms in the header). */
export function emailConstraintValid(c: usize, cLen: i32): bool {
  if (cLen === 0) return true;
  if (lastIndexOfByte(c, cLen, 0x40) >= 0) return mailboxSplit(c, cLen) >= 0;
  if (load<u8>(c) === 0x2e) return cLen > 1 && dnsNameValid(c + 1, cLen - 1, DnsRole.Constraint);
  return dnsNameValid(c, cLen, DnsRole.Constraint);
}

/**
 * Whether a mailbox (already checked; `at` from mailboxSplit) lies in an rfc822Name constraint
 * (already checked).
 */
export function emailWithin(e: usize, eLen: i32, at: i32, c: usize, cLen: i32): bool {
  if (cLen === 0) return true;
  const domain = e + <usize>(at + 1);
  const domainLen = eLen - at - 1;
  const cAt = lastIndexOfByte(c, cLen, 0x40);
  if (cAt >= 0) {
    return (
      bytesEqual(e, at, c, cAt) &&
      asciiEqualIgnoreCase(domain, domainLen, c + <usize>(cAt + 1), cLen - cAt - 1)
    );
  }
  if (load<u8>(c) === 0x2e) return domainLen > cLen - 1 && dnsWithin(domain, domainLen, c + 1, cLen - 1);
  return asciiEqualIgnoreCase(domain, domainLen, c, cLen);
}
