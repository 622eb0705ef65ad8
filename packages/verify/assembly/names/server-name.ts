// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// The peer-name check of the leaf (RFC 6125 §6, RFC 9525): the requested DNS name, IP address or
// mailbox must match a subjectAltName entry of the same type.
//
// - DNS: dNSName entries only (names/dns.ts rules: case-insensitive ASCII, A-labels, the wildcard
//   only as the whole left-most label standing for exactly one label). Malformed entries never
//   match. There is no fallback to the subject CN (RFC 9525 §6.3; Go 1.15+, rustls-webpki,
//   Chromium). But when a CN would have matched, RESULT_CN_WOULD_MATCH is set so the host can say
//   so: a device stack with CN fallback would accept this certificate.
// - IP: iPAddress entries of the same length and bytes (never a dNSName, never the CN).
// - Mailbox: rfc822Name entries with the same local part (byte for byte) and host (ignoring case).

import {
  Cert,
  Err,
  EXT_SAN,
  GN_DNS,
  GN_IP,
  GN_RFC822,
  NAME_DNS,
  NAME_EMAIL,
  NAME_IP,
} from '../abi.generated';
import { oidEquals } from '../der/primitives';

import { gnEnd, gnLen, gnRead, gnType, gnVal, IP_ADDRESS } from '../x509/general-name';
import { atvLen, atvOid, atvOidLen, atvVal, nameIterNext, nameIterStart } from '../x509/name';

import { OID_CN, OID_CN_LEN } from '../x509/oids';

import { asciiEqualIgnoreCase, bytesEqual } from './ascii';

import { DnsRole, dnsMatches, dnsNameValid } from './dns';

import { mailboxSplit } from './email';

import { parseIp } from './ip';

/** Set by serverNameCheck: the subject CN would have matched (hint only). */
export let cnWouldMatch = false;
/** Set by serverNameCheck: the requested name itself is malformed. */
export let peerNameInvalid = false;

const refIp = memory.data(16);
const cnIp = memory.data(16);

/**
 * Checks that the leaf is valid for the peer name [p, p+len) of the given kind. Returns OK or
 * NAME_MISMATCH (see cnWouldMatch and peerNameInvalid for why).
 */
export function serverNameCheck(c: Cert, kind: u32, p: usize, len: i32): Err {
  cnWouldMatch = false;
  peerNameInvalid = false;
  let refIpLen = 0;
  let at = -1;
  if (kind === NAME_DNS) {
    if (!dnsNameValid(p, len, DnsRole.Reference)) {
      peerNameInvalid = true;
      return Err.NAME_MISMATCH;
    }
  } else if (kind === NAME_IP) {
    refIpLen = parseIp(p, len, refIp);
    if (refIpLen === 0) {
      peerNameInvalid = true;
      return Err.NAME_MISMATCH;
    }
  } else if (kind === NAME_EMAIL) {
    at = mailboxSplit(p, len);
    if (at < 0) {
      peerNameInvalid = true;
      return Err.NAME_MISMATCH;
    }
  } else {
    return Err.OK;
  }
  if ((c.extPresent & EXT_SAN) !== 0) {
    let pos = <usize>c.san;
    const end = pos + <usize>c.sanLen;
    while (pos < end) {
      if (gnRead(pos, end, IP_ADDRESS) !== Err.OK) break;
      pos = gnEnd;
      const v = gnVal;
      const l = <i32>gnLen;
      if (kind === NAME_DNS && gnType === GN_DNS) {
        if (dnsNameValid(v, l, DnsRole.Presented) && dnsMatches(v, l, p, len)) return Err.OK;
      } else if (kind === NAME_IP && gnType === GN_IP) {
        if (bytesEqual(v, l, refIp, refIpLen)) return Err.OK;
      } else if (kind === NAME_EMAIL && gnType === GN_RFC822) {
        const sanAt = mailboxSplit(v, l);
        if (
          sanAt >= 0 &&
          bytesEqual(v, sanAt, p, at) &&
          asciiEqualIgnoreCase(v + <usize>(sanAt + 1), l - sanAt - 1, p + <usize>(at + 1), len - at - 1)
        ) {
          return Err.OK;
        }
      }
    }
  }
  if (kind !== NAME_EMAIL) cnWouldMatch = commonNameMatches(c, kind, p, len, refIpLen);
  return Err.NAME_MISMATCH;
}

/** Whether a subject CN holds the requested DNS name (wildcards as in a SAN) or IP address. */
function commonNameMatches(c: Cert, kind: u32, p: usize, len: i32, refIpLen: i32): bool {
  if (nameIterStart(c.subject, c.subjectLen) !== Err.OK) return false;
  while (nameIterNext()) {
    if (!oidEquals(atvOid, atvOidLen, OID_CN, OID_CN_LEN)) continue;
    const v = atvVal;
    const l = <i32>atvLen;
    if (kind === NAME_DNS) {
      if (dnsNameValid(v, l, DnsRole.Presented) && dnsMatches(v, l, p, len)) return true;
    } else {
      const n = parseIp(v, l, cnIp);
      if (n !== 0 && bytesEqual(cnIp, n, refIp, refIpLen)) return true;
    }
  }
  return false;
}
