// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Name constraints along a path (RFC 5280 §4.2.1.10, §6.1.3 (b)(c), §6.1.4 (g)).
//
// Every CA in the path (the trust anchor included, as Go, webpki and pyca do) that carries
// nameConstraints constrains every certificate below it, except self-issued intermediates ("name
// constraints are not applied to self-issued certificates unless the certificate is the final
// certificate in the path"). Per constrained certificate, the names checked are: every
// subjectAltName entry; the subject DN when non-empty (directoryName constraints); and, when there
// is no subjectAltName, each PKCS#9 emailAddress attribute of the subject (rfc822Name constraints,
// as §4.2.1.10 requires). The subject CN is not treated as a DNS name (rustls-webpki and Go do not
// either; names are only ever matched through SANs).
//
// Per name of form F: if the CA permits any subtree of form F, the name must lie in one of them;
// it must lie in no excluded subtree of form F (excluded wins). A wildcard dNSName hits an
// excluded subtree when any of its expansions could (CVE-2025-61727). Forms this verifier
// processes: dNSName, iPAddress, rfc822Name, uniformResourceIdentifier, directoryName. A
// constraint of another form (otherName, x400Address, ediPartyName, registeredID) rejects the
// path as soon as a name of that form appears below it (RFC 5280: "process the constraint or
// reject the certificate", applied whether or not the extension is critical, like webpki,
// since CA/B Forum allows non-critical name constraints). Constraints of every form are checked
// for well-formedness when first used; a malformed one rejects the path (pyca/cryptography;
// x509-limbo rfc5280::nc::invalid-*).
//
// Device profiles (NameConstraintFlag): a stack that does not process some forms ignores their
// constraints (wolfSSL 5.5 ConfirmNameConstraints checks rfc822Name, dNSName and directoryName
// only: NCF_IGNORE_IP, NCF_IGNORE_URI, NCF_IGNORE_OTHER_FORMS); wolfSSL also applies dNSName
// constraints to the subject CN of a certificate without subjectAltName (NCF_DNS_ON_COMMON_NAME)
// and refuses nameConstraints in an end entity (NCF_REJECT_IN_END_ENTITY, checks.ts); it keeps
// iPAddress SANs in its list of DNS names, so a permitted dNSName subtree refuses a leaf with an IP
// SAN (NCF_IP_SAN_AGAINST_DNS; measured on BetterTLS); it checks a certificate against its direct
// signer's constraints only (NCF_ISSUER_ONLY: ParseCertRelative calls ConfirmNameConstraints(cert->ca,
// cert)), and it and OpenSSL compare a wildcard dNSName with excluded subtrees as the literal string
// (NCF_WILDCARD_LITERAL: MatchBaseName, nc_dns). OpenSSL applies dNSName constraints to the
// leaf's host-like CNs when it has no dNSName SAN (NCF_DNS_ON_LEAF_HOST_CN, NAME_CONSTRAINTS_check_CN).
//
// Cost: every (name, subtree) pair visited takes one comparison from the budget (budget.ts).

import {
  Cert,
  CF_SUBJECT_EMPTY,
  Err,
  EXT_SAN,
  GN_DIRECTORY,
  GN_DNS,
  GN_IP,
  GN_RFC822,
  GN_URI,
  ITER_NAME,
  NCF_DNS_ON_COMMON_NAME,
  NCF_DNS_ON_LEAF_HOST_CN,
  NCF_IGNORE_IP,
  NCF_IGNORE_OTHER_FORMS,
  NCF_IGNORE_URI,
  NCF_IP_SAN_AGAINST_DNS,
  NCF_WILDCARD_LITERAL,
  PathDetail,
  staticGeneralName,
  staticIter,
} from '../abi.generated';
import { WITH_STACK_RULES } from '../build-options';
import { oidEquals } from '../der/primitives';
import { TAG_IA5_STRING } from '../der/reader';
import { isAlnum } from '../names/ascii';
import { dnWithin } from '../names/dn';
import { DnsRole, dnsNameValid, dnsWildcardMayEnter, dnsWithin } from '../names/dns';
import { emailConstraintValid, emailWithin, mailboxSplit } from '../names/email';
import { IP_INSIDE, IP_MALFORMED, ipWithin } from '../names/ip';
import { uriConstraintValid, uriHost, uriHostWithin } from '../names/uri';
import { OUTCOME_OK, Outcome, outcome } from '../outcome';

import { certAt } from '../x509/cert';
import { gnRead, IP_ADDRESS, subtreeNext } from '../x509/general-name';
import { iterNextAttribute, iterStart } from '../x509/iter';

import { OID_CN, OID_CN_LEN, OID_EMAIL_ADDRESS, OID_EMAIL_ADDRESS_LEN } from '../x509/oids';

import { budgetTakeComparisons } from './budget';
import { VerifyCtx } from './context';

// Result of matching one name against one constraint of the same form.
const OUTSIDE: i32 = 0;
const INSIDE: i32 = 1;
const BAD_NAME: i32 = -2;
const UNSUPPORTED: i32 = -3;

function fail(d: PathDetail): Outcome {
  return outcome(Err.NAME_CONSTRAINT_VIOLATION, d);
}

/** Whether one constraint (gn* of a subtree base) is well formed for its form. */
function constraintValid(type: u32, v: usize, l: u32): bool {
  if (type === GN_DNS) return dnsNameValid(v, <i32>l, DnsRole.Constraint);
  if (type === GN_RFC822) return emailConstraintValid(v, <i32>l);
  if (type === GN_URI) return uriConstraintValid(v, <i32>l);
  return true; // iPAddress and directoryName were checked by the decoder
}

const validatedBase = staticGeneralName();

function subtreesValid(list: usize, len: u32): bool {
  const g = validatedBase;
  let pos = list;
  const end = list + len;
  while (pos < end) {
    if (subtreeNext(g, pos, end) !== Err.OK) return false;
    pos = g.next;
    if (!constraintValid(g.type, g.val, g.len)) return false;
  }
  return true;
}

/** Validates the constraints of the CA in `slot` once per call (cached in the context: 0 unknown, 1 valid, 2 malformed). */
function caConstraintsValid(ctx: VerifyCtx, slot: u32): bool {
  const validated = ctx.ncValidated;
  const s = <u32>load<u8>(validated + slot);
  if (s !== 0) return s === 1;
  const ca = certAt(slot);
  const ok =
    subtreesValid(ca.ncPermitted, ca.ncPermittedLen) && subtreesValid(ca.ncExcluded, ca.ncExcludedLen);
  store<u8>(validated + slot, ok ? 1 : 2);
  return ok;
}

/** Matches one name of form `type` against one constraint base of the same form. */
function matchOne(ctx: VerifyCtx, type: u32, v: usize, l: u32, c: usize, cl: u32, excluded: bool): i32 {
  if (type === GN_DNS) {
    if (!dnsNameValid(v, <i32>l, DnsRole.Presented)) return BAD_NAME;
    if (excluded && !(WITH_STACK_RULES && (ctx.ncFlags & NCF_WILDCARD_LITERAL) !== 0))
      return dnsWildcardMayEnter(v, <i32>l, c, <i32>cl) ? INSIDE : OUTSIDE;
    return dnsWithin(v, <i32>l, c, <i32>cl) ? INSIDE : OUTSIDE;
  }
  if (type === GN_IP) {
    const r = ipWithin(v, <i32>l, c, <i32>cl);
    if (r === IP_MALFORMED) return BAD_NAME;
    return r === IP_INSIDE ? INSIDE : OUTSIDE;
  }
  if (type === GN_RFC822) {
    const at = mailboxSplit(v, <i32>l);
    if (at < 0) return BAD_NAME;
    return emailWithin(v, <i32>l, at, c, <i32>cl) ? INSIDE : OUTSIDE;
  }
  if (type === GN_URI) {
    const host = uriHost(v, <i32>l);
    if (host < 0) return BAD_NAME;
    return uriHostWithin(v + <usize>(host >> 32), <i32>(host & 0xffffffff), c, <i32>cl) ? INSIDE : OUTSIDE;
  }
  if (type === GN_DIRECTORY) return dnWithin(v, l, c, cl) ? INSIDE : OUTSIDE;
  return UNSUPPORTED;
}

// Outcomes of scan() besides 1 (inside a subtree of the form) and 0 (outside all of them).
const NONE_OF_FORM: i32 = -1; // no subtree of that form
const MALFORMED_NAME: i32 = -2; // the name cannot be checked against constraints of its form
const UNSUPPORTED_FORM: i32 = -3; // a constraint of a form this verifier does not process applies
const EXHAUSTED: i32 = -4; // comparison budget exhausted

const scannedBase = staticGeneralName();

/** Checks one name against one subtree list (see the outcomes above). */
function scan(ctx: VerifyCtx, type: u32, v: usize, l: u32, list: usize, listLen: u32, excluded: bool): i32 {
  const g = scannedBase;
  let pos = list;
  const end = list + listLen;
  let anyOfForm = false;
  while (pos < end) {
    if (!budgetTakeComparisons(ctx, 1)) return EXHAUSTED;
    subtreeNext(g, pos, end); // validated by caConstraintsValid
    pos = g.next;
    if (g.type !== type) continue;
    anyOfForm = true;
    const r = matchOne(ctx, type, v, l, g.val, g.len, excluded);
    if (r === INSIDE) return 1;
    if (r === BAD_NAME) return MALFORMED_NAME;
    if (r === UNSUPPORTED) return UNSUPPORTED_FORM;
  }
  return anyOfForm ? 0 : NONE_OF_FORM;
}

/** The outcome of a scan that could not decide (r < NONE_OF_FORM). */
function undecided(r: i32): Outcome {
  if (r === EXHAUSTED) return outcome(Err.BUDGET_EXCEEDED, PathDetail.BUDGET_COMPARISONS);
  return fail(r === MALFORMED_NAME ? PathDetail.NC_MALFORMED_NAME : PathDetail.NC_UNSUPPORTED_FORM);
}

/** Whether the request's NameConstraintFlag bits drop constraints of form `type` (a stack's gap). */
function formIgnored(ctx: VerifyCtx, type: u32): bool {
  if (!WITH_STACK_RULES) return false;
  const f = ctx.ncFlags;
  if (type === GN_IP) return (f & NCF_IGNORE_IP) !== 0;
  if (type === GN_URI) return (f & NCF_IGNORE_URI) !== 0;
  if (type === GN_DNS || type === GN_RFC822 || type === GN_DIRECTORY) return false;
  return (f & NCF_IGNORE_OTHER_FORMS) !== 0;
}

/** Checks one name of the constrained certificate against the CA's constraints. */
function checkName(ctx: VerifyCtx, ca: Cert, type: u32, v: usize, l: u32): Outcome {
  if (formIgnored(ctx, type)) return OUTCOME_OK;
  if (ca.ncExcludedLen !== 0) {
    const r = scan(ctx, type, v, l, ca.ncExcluded, ca.ncExcludedLen, true);
    if (r < NONE_OF_FORM) return undecided(r);
    if (r === 1) return fail(PathDetail.NC_EXCLUDED);
  }
  if (ca.ncPermittedLen !== 0) {
    const r = scan(ctx, type, v, l, ca.ncPermitted, ca.ncPermittedLen, false);
    if (r < NONE_OF_FORM) return undecided(r);
    if (r === 0) return fail(PathDetail.NC_PERMITTED);
  }
  return OUTCOME_OK;
}

const cnBase = staticGeneralName();

/**
 * dNSName constraints on a name that is not a dNSName (a subject CN, or an IP SAN's bytes): the
 * name as text, no DNS syntax required; excluded when it lies in an excluded subtree, refused when
 * a dNSName subtree is permitted and it lies in none (wolfcrypt/src/asn.c ConfirmNameConstraints,
 * MatchBaseName; OpenSSL v3_ncons.c NAME_CONSTRAINTS_check_CN, nc_dns).
 */
function checkAsDnsText(ctx: VerifyCtx, ca: Cert, v: usize, l: u32): Outcome {
  const g = cnBase;
  for (let excluded = 0; excluded < 2; excluded++) {
    const list = excluded === 1 ? ca.ncExcluded : ca.ncPermitted;
    const end = list + (excluded === 1 ? ca.ncExcludedLen : ca.ncPermittedLen);
    let pos = list;
    let anyDns = false;
    let inside = false;
    while (pos < end) {
      if (!budgetTakeComparisons(ctx, 1)) return undecided(EXHAUSTED);
      subtreeNext(g, pos, end); // validated by caConstraintsValid
      pos = g.next;
      if (g.type !== GN_DNS) continue;
      anyDns = true;
      if (dnsWithin(v, <i32>l, g.val, <i32>g.len)) inside = true;
    }
    if (excluded === 1 && inside) return fail(PathDetail.NC_EXCLUDED);
    if (excluded === 0 && anyDns && !inside) return fail(PathDetail.NC_PERMITTED);
  }
  return OUTCOME_OK;
}

const leafCns = staticIter();

/** OpenSSL cn2dnsid: LDH and "_", "-" and "." inside only, a "." between two letters/digits, one "." at least. */
function looksLikeHost(v: usize, l: u32): bool {
  let dot = false;
  for (let i: u32 = 0; i < l; i++) {
    const b = <u32>load<u8>(v + i);
    if (isAlnum(b) || b === 0x5f) continue;
    if (i === 0 || i === l - 1) return false;
    if (b === 0x2d) continue;
    const next = <u32>load<u8>(v + i + 1);
    const prev = <u32>load<u8>(v + i - 1);
    if (b !== 0x2e || next === 0x2e || next === 0x2d || prev === 0x2d) return false;
    dot = true;
  }
  return dot;
}

/** NCF_DNS_ON_LEAF_HOST_CN: every host-like CN of the leaf against the dNSName constraints. */
function checkLeafHostCommonNames(ctx: VerifyCtx, ca: Cert, c: Cert): Outcome {
  const it = leafCns;
  if (iterStart(it, ITER_NAME, c.subject, c.subjectLen) !== Err.OK) return OUTCOME_OK;
  while (iterNextAttribute(it)) {
    if (!oidEquals(it.oid, it.oidLen, OID_CN, OID_CN_LEN) || !looksLikeHost(it.val, it.valLen)) continue;
    const e = checkAsDnsText(ctx, ca, it.val, it.valLen);
    if (e !== OUTCOME_OK) return e;
  }
  return OUTCOME_OK;
}

const constrainedName = staticGeneralName();
const subjectAttrs = staticIter();

/**
 * Applies the nameConstraints of the CA in `caSlot` to the certificate in `slot`. Returns OK,
 * NAME_CONSTRAINT_VIOLATION (with the rule) or BUDGET_EXCEEDED.
 */
export function applyNameConstraints(ctx: VerifyCtx, caSlot: u32, slot: u32): Outcome {
  if (!caConstraintsValid(ctx, caSlot)) return fail(PathDetail.NC_MALFORMED_CONSTRAINT);
  const ca = certAt(caSlot);
  const c = certAt(slot);
  let sawDns = false;
  if ((c.extPresent & EXT_SAN) !== 0) {
    const g = constrainedName;
    let pos = <usize>c.san;
    const end = pos + <usize>c.sanLen;
    while (pos < end) {
      gnRead(g, pos, end, IP_ADDRESS); // checked by the decoder
      pos = g.next;
      let e = checkName(ctx, ca, g.type, g.val, g.len);
      if (
        WITH_STACK_RULES &&
        e === OUTCOME_OK &&
        g.type === GN_IP &&
        (ctx.ncFlags & NCF_IP_SAN_AGAINST_DNS) !== 0
      )
        e = checkAsDnsText(ctx, ca, g.val, g.len);
      if (e !== OUTCOME_OK) return e;
      if (g.type === GN_DNS) sawDns = true;
    }
  }
  if (WITH_STACK_RULES && slot === 0 && !sawDns && (ctx.ncFlags & NCF_DNS_ON_LEAF_HOST_CN) !== 0) {
    const e = checkLeafHostCommonNames(ctx, ca, c);
    if (e !== OUTCOME_OK) return e;
  }
  if ((c.flags & CF_SUBJECT_EMPTY) === 0) {
    const e = checkName(ctx, ca, GN_DIRECTORY, c.subject, c.subjectLen);
    if (e !== OUTCOME_OK) return e;
  }
  const it = subjectAttrs;
  const cnAsDns = WITH_STACK_RULES && (ctx.ncFlags & NCF_DNS_ON_COMMON_NAME) !== 0;
  if ((c.extPresent & EXT_SAN) === 0 && iterStart(it, ITER_NAME, c.subject, c.subjectLen) === Err.OK) {
    while (iterNextAttribute(it)) {
      if (cnAsDns && oidEquals(it.oid, it.oidLen, OID_CN, OID_CN_LEN)) {
        const e = checkAsDnsText(ctx, ca, it.val, it.valLen);
        if (e !== OUTCOME_OK) return e;
        continue;
      }
      if (!oidEquals(it.oid, it.oidLen, OID_EMAIL_ADDRESS, OID_EMAIL_ADDRESS_LEN)) continue;
      if (it.valTag !== TAG_IA5_STRING) return fail(PathDetail.NC_MALFORMED_NAME);
      const e = checkName(ctx, ca, GN_RFC822, it.val, it.valLen);
      if (e !== OUTCOME_OK) return e;
    }
  }
  return OUTCOME_OK;
}
