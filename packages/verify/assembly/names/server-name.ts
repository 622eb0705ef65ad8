// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// The peer-name check of the leaf (RFC 6125 §6, RFC 9525): the requested DNS name, IP address or
// mailbox must match a subjectAltName entry of the same type.
//
// - DNS: dNSName entries only (names/dns.ts rules: case-insensitive ASCII, A-labels, the wildcard
//   only as the whole left-most label standing for exactly one label). Malformed entries never
//   match. There is no fallback to the subject CN (RFC 9525 §6.3; Go 1.15+, rustls-webpki,
//   Chromium). But when a CN would have matched, RESULT_CN_WOULD_MATCH is set so the host can say
//   so: a device stack with CN fallback would accept this certificate. Device profiles select the
//   stack's rule instead: a CN fallback (CnFallback), its wildcard rule (host-rule.ts), a literal
//   trailing dot and "_" in labels (HostNameFlag).
// - IP: iPAddress entries of the same length and bytes (never a dNSName, never the CN).
// - Mailbox: rfc822Name entries with the same local part (byte for byte) and host (ignoring case).
//
// No wildcard over a public suffix (issuance rules only, the `strict` profile; PathDetail
// WILDCARD_PUBLIC_SUFFIX): CA/B Forum BR §3.2.2.6 forbids issuing '*.' + a "registry-controlled"
// domain or "public suffix" ('*.com', '*.co.uk', '*.local'). A matching wildcard entry does not
// count when its base has no more labels than the host's public suffix. The module knows one
// fact without any list: a base of one label is a top-level domain, and every TLD is a public
// suffix (the Public Suffix List's implicit "*" rule; Chromium's X509Certificate::VerifyHostname
// refuses wildcards over ICANN registry-controlled domains and over unknown TLDs). Longer suffixes
// ('co.uk'; 's3.amazonaws.com' in the PSL's private section, which BR §3.2.2.6 covers and Chromium
// does not) need the PSL, which the module does not carry: the host passes the suffix's label
// count (request field publicSuffixLabels; verifyChain's `publicSuffix` option). rustls-webpki
// and RFC 6125 / RFC 9525 do not check public suffixes at all.

import {
  Cert,
  CN_FALLBACK_WITHOUT_DNS_IP_SAN,
  CN_FALLBACK_WITHOUT_DNS_SAN,
  CN_FALLBACK_WITHOUT_SAN,
  Err,
  EXT_SAN,
  GN_DNS,
  GN_IP,
  GN_RFC822,
  HOST_LITERAL_TRAILING_DOT,
  HOST_UNDERSCORE_LABELS,
  ITER_NAME,
  NAME_DNS,
  NAME_EMAIL,
  NAME_IP,
  PathDetail,
  staticGeneralName,
  staticIter,
  WILDCARD_RFC6125,
} from '../abi.generated';
import { WITH_ISSUANCE_RULES, WITH_STACK_RULES } from '../build-options';
import { oidEquals } from '../der/primitives';
import { OUTCOME_OK, Outcome, outcome } from '../outcome';

import { gnRead, IP_ADDRESS } from '../x509/general-name';
import { iterNextAttribute, iterStart } from '../x509/iter';

import { OID_CN, OID_CN_LEN } from '../x509/oids';
import { asciiEqualIgnoreCase, bytesEqual, isDigit } from './ascii';
import { DnsRole, dnsIsWildcard, dnsMatches, dnsNameSyntax, dnsNameValid } from './dns';
import { mailboxSplit } from './email';
import { stackHostMatches } from './host-rule';
import { parseIp } from './ip';

const refIp = memory.data(16);
const sanEntry = staticGeneralName();
const subjectAttrs = staticIter();
const cnIp = memory.data(16);

/**
 * The kind a NAME_HOST peer name is matched as: NAME_IP when it is written as an IP literal (it
 * holds a ':', or only digits and dots: "1.2.3" is then an invalid address, not a DNS name),
 * NAME_DNS otherwise. The module decides, so every host classifies names the same way.
 */
export function peerHostKind(p: usize, len: i32): u32 {
  let onlyDigitsAndDots = len > 0;
  for (let i = 0; i < len; i++) {
    const b = <u32>load<u8>(p + <usize>i);
    if (b === 0x3a) return NAME_IP;
    if (!isDigit(b) && b !== 0x2e) onlyDigitsAndDots = false;
  }
  return onlyDigitsAndDots ? NAME_IP : NAME_DNS;
}

/** NAME_MISMATCH for a requested name that is not a valid name of its kind. */
const NAME_INVALID: Outcome = outcome(Err.NAME_MISMATCH, PathDetail.NAME_INVALID);
/** NAME_MISMATCH for a valid name no SAN entry matches. */
const NOT_IN_SAN: Outcome = outcome(Err.NAME_MISMATCH, PathDetail.NAME_NOT_IN_SAN);

/**
 * Whether a presented DNS name (a dNSName, or a CN under a fallback) matches the host name under
 * the wildcard rule; `literalDot`: the host ends in a dot compared as text (no LDH name does).
 */
function presentedMatches(
  v: usize,
  l: i32,
  p: usize,
  len: i32,
  wildcard: u32,
  underscore: bool,
  literalDot: bool,
): bool {
  if (WITH_STACK_RULES && wildcard !== WILDCARD_RFC6125) return stackHostMatches(wildcard, v, l, p, len);
  return !literalDot && dnsNameSyntax(v, l, DnsRole.Presented, underscore) && dnsMatches(v, l, p, len);
}

/** Whether a subject CN matches the DNS host name under the rule (the CN fallback of device stacks). */
function commonNameFallback(c: Cert, p: usize, len: i32, wildcard: u32, underscore: bool, dot: bool): bool {
  const it = subjectAttrs;
  if (iterStart(it, ITER_NAME, c.subject, c.subjectLen) !== Err.OK) return false;
  while (iterNextAttribute(it)) {
    if (!oidEquals(it.oid, it.oidLen, OID_CN, OID_CN_LEN)) continue;
    if (presentedMatches(it.val, <i32>it.valLen, p, len, wildcard, underscore, dot)) return true;
  }
  return false;
}

/** Whether the leaf's subject CNs count under the CnFallback rule, given the SAN entries seen. */
function cnFallbackApplies(c: Cert, rule: u32, sawDns: bool, sawIp: bool): bool {
  if (rule === CN_FALLBACK_WITHOUT_SAN) return (c.extPresent & EXT_SAN) === 0;
  if (rule === CN_FALLBACK_WITHOUT_DNS_SAN) return !sawDns;
  if (rule === CN_FALLBACK_WITHOUT_DNS_IP_SAN) return !sawDns && !sawIp;
  return false;
}

/**
 * Checks that the leaf is valid for the peer name [p, p+len) of the given kind (NameKind, DNS,
 * IP or EMAIL). Returns OK, or NAME_MISMATCH with NAME_INVALID (the requested name is malformed)
 * or NAME_NOT_IN_SAN (commonNameMatches then says whether the subject CN would have matched).
 * `cnFallback` (CnFallback), `wildcard` (HostWildcard) and `hostFlags` (HostNameFlag) select a
 * device stack's DNS rule (host-rule.ts); all zero is hubtrust's own. `suffixLabels` (issuance
 * rules only, else 0): labels of the host's public suffix, at least 1 (wildcardCoversSuffix).
 */
export function serverNameCheck(
  c: Cert,
  kind: u32,
  p: usize,
  len: i32,
  cnFallback: u32,
  wildcard: u32,
  hostFlags: u32,
  suffixLabels: u32,
): Outcome {
  let refIpLen = 0;
  let suffixWildcard = false;
  let at = -1;
  const underscore = WITH_STACK_RULES && (hostFlags & HOST_UNDERSCORE_LABELS) !== 0;
  let literalDot = false;
  if (kind === NAME_DNS) {
    if (!dnsNameSyntax(p, len, DnsRole.Reference, underscore)) return NAME_INVALID;
    if (len > 0 && load<u8>(p + <usize>(len - 1)) === 0x2e) {
      if (WITH_STACK_RULES && (hostFlags & HOST_LITERAL_TRAILING_DOT) !== 0) literalDot = true;
      else len--;
    }
  } else if (kind === NAME_IP) {
    refIpLen = parseIp(p, len, refIp);
    if (refIpLen === 0) return NAME_INVALID;
  } else if (kind === NAME_EMAIL) {
    at = mailboxSplit(p, len);
    if (at < 0) return NAME_INVALID;
  } else {
    return OUTCOME_OK;
  }
  let sawDns = false;
  let sawIp = false;
  if ((c.extPresent & EXT_SAN) !== 0) {
    const g = sanEntry;
    let pos = <usize>c.san;
    const end = pos + <usize>c.sanLen;
    while (pos < end) {
      if (gnRead(g, pos, end, IP_ADDRESS) !== Err.OK) break;
      pos = g.next;
      const v = g.val;
      const l = <i32>g.len;
      if (g.type === GN_DNS) sawDns = true;
      if (g.type === GN_IP) sawIp = true;
      if (kind === NAME_DNS && g.type === GN_DNS) {
        if (presentedMatches(v, l, p, len, wildcard, underscore, literalDot)) {
          if (!WITH_ISSUANCE_RULES || !wildcardCoversSuffix(v, l, suffixLabels)) return OUTCOME_OK;
          suffixWildcard = true;
        }
      } else if (kind === NAME_IP && g.type === GN_IP) {
        if (bytesEqual(v, l, refIp, refIpLen)) return OUTCOME_OK;
      } else if (kind === NAME_EMAIL && g.type === GN_RFC822) {
        const sanAt = mailboxSplit(v, l);
        if (
          sanAt >= 0 &&
          bytesEqual(v, sanAt, p, at) &&
          asciiEqualIgnoreCase(v + <usize>(sanAt + 1), l - sanAt - 1, p + <usize>(at + 1), len - at - 1)
        ) {
          return OUTCOME_OK;
        }
      }
    }
  }
  if (
    WITH_STACK_RULES &&
    kind === NAME_DNS &&
    cnFallbackApplies(c, cnFallback, sawDns, sawIp) &&
    commonNameFallback(c, p, len, wildcard, underscore, literalDot)
  ) {
    return OUTCOME_OK;
  }
  return WITH_ISSUANCE_RULES && suffixWildcard ? SUFFIX_WILDCARD : NOT_IN_SAN;
}

/** NAME_MISMATCH: the only matching SAN entry is a wildcard over a public suffix. */
const SUFFIX_WILDCARD: Outcome = outcome(Err.NAME_MISMATCH, PathDetail.WILDCARD_PUBLIC_SUFFIX);

/**
 * Whether the wildcard entry [v, v+l) stands for every name directly under a public suffix of
 * `suffixLabels` labels (see the file header; 0: the rule is off). The base after '*.' has as
 * many labels as dots in v, so '*.com' covers a 1-label suffix, '*.co.uk' a 2-label one.
 */
function wildcardCoversSuffix(v: usize, l: i32, suffixLabels: u32): bool {
  if (suffixLabels === 0 || !dnsIsWildcard(v, l)) return false;
  let dots: u32 = 0;
  for (let i = 0; i < l; i++) if (load<u8>(v + <usize>i) === 0x2e) dots++;
  if (l > 0 && load<u8>(v + <usize>(l - 1)) === 0x2e) dots--; // an absolute name's final dot
  return dots <= suffixLabels;
}

/**
 * Whether a subject CN holds the requested DNS name (wildcards as in a SAN) or IP address: the
 * hint for a NAME_NOT_IN_SAN mismatch (a stack that falls back to the CN would accept the leaf).
 */
export function commonNameMatches(c: Cert, kind: u32, p: usize, len: i32): bool {
  if (kind !== NAME_DNS && kind !== NAME_IP) return false;
  const refIpLen = kind === NAME_IP ? parseIp(p, len, refIp) : 0;
  const it = subjectAttrs;
  if (iterStart(it, ITER_NAME, c.subject, c.subjectLen) !== Err.OK) return false;
  while (iterNextAttribute(it)) {
    if (!oidEquals(it.oid, it.oidLen, OID_CN, OID_CN_LEN)) continue;
    const v = it.val;
    const l = <i32>it.valLen;
    if (kind === NAME_DNS) {
      if (dnsNameValid(v, l, DnsRole.Presented) && dnsMatches(v, l, p, len)) return true;
    } else {
      const n = parseIp(v, l, cnIp);
      if (n !== 0 && bytesEqual(cnIp, n, refIp, refIpLen)) return true;
    }
  }
  return false;
}
