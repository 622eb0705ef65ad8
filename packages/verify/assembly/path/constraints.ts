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
  PathDetail,
} from '../abi.generated';
import { oidEquals } from '../der/primitives';

import { TAG_IA5_STRING } from '../der/reader';

import { dnWithin } from '../names/dn';

import { DnsRole, dnsNameValid, dnsWildcardMayEnter, dnsWithin } from '../names/dns';

import { emailConstraintValid, emailWithin, mailboxSplit } from '../names/email';

import { IP_INSIDE, IP_MALFORMED, ipWithin } from '../names/ip';

import { uriConstraintValid, uriHost, uriHostWithin } from '../names/uri';

import { certAt } from '../x509/cert';
import {
  gnEnd,
  gnLen,
  gnRead,
  gnType,
  gnVal,
  IP_ADDRESS,
  subtreeEnd,
  subtreeNext,
} from '../x509/general-name';
import { atvLen, atvOid, atvOidLen, atvTag, atvVal, nameIterNext, nameIterStart } from '../x509/name';

import { OID_EMAIL_ADDRESS, OID_EMAIL_ADDRESS_LEN } from '../x509/oids';

import { budgetTakeComparisons } from './budget';

/** Detail of the last failure. */
export let ncDetail: u32 = 0;

// Result of matching one name against one constraint of the same form.
const OUTSIDE: i32 = 0;
const INSIDE: i32 = 1;
const BAD_NAME: i32 = -2;
const UNSUPPORTED: i32 = -3;

function fail(d: PathDetail): Err {
  ncDetail = <u32>d;
  return Err.NAME_CONSTRAINT_VIOLATION;
}

/** Whether one constraint (gn* of a subtree base) is well formed for its form. */
function constraintValid(type: u32, v: usize, l: u32): bool {
  if (type === GN_DNS) return dnsNameValid(v, <i32>l, DnsRole.Constraint);
  if (type === GN_RFC822) return emailConstraintValid(v, <i32>l);
  if (type === GN_URI) return uriConstraintValid(v, <i32>l);
  return true; // iPAddress and directoryName were checked by the decoder
}

// Per-slot cache of constraint validation: 0 unknown, 1 valid, 2 malformed.
const validated = memory.data(256);

/** Clears per-call caches. */
export function constraintsReset(): void {
  memory.fill(validated, 0, 256);
}

function subtreesValid(list: usize, len: u32): bool {
  let pos = list;
  const end = list + len;
  while (pos < end) {
    if (subtreeNext(pos, end) !== Err.OK) return false;
    pos = subtreeEnd;
    if (!constraintValid(gnType, gnVal, gnLen)) return false;
  }
  return true;
}

/** Validates the constraints of the CA in `slot` once per call. */
function caConstraintsValid(slot: u32): bool {
  const s = <u32>load<u8>(validated + slot);
  if (s !== 0) return s === 1;
  const ca = certAt(slot);
  const ok =
    subtreesValid(ca.ncPermitted, ca.ncPermittedLen) && subtreesValid(ca.ncExcluded, ca.ncExcludedLen);
  store<u8>(validated + slot, ok ? 1 : 2);
  return ok;
}

/** Matches one name of form `type` against one constraint base of the same form. */
function matchOne(type: u32, v: usize, l: u32, c: usize, cl: u32, excluded: bool): i32 {
  if (type === GN_DNS) {
    if (!dnsNameValid(v, <i32>l, DnsRole.Presented)) return BAD_NAME;
    if (excluded) return dnsWildcardMayEnter(v, <i32>l, c, <i32>cl) ? INSIDE : OUTSIDE;
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
const VIOLATION: i32 = -2; // the name cannot be checked (malformed, or a form not processed)
const EXHAUSTED: i32 = -3; // comparison budget exhausted

/** Checks one name against one subtree list (see the outcomes above). */
function scan(type: u32, v: usize, l: u32, list: usize, listLen: u32, excluded: bool): i32 {
  let pos = list;
  const end = list + listLen;
  let anyOfForm = false;
  while (pos < end) {
    if (!budgetTakeComparisons(1)) {
      ncDetail = <u32>PathDetail.BUDGET_COMPARISONS;
      return EXHAUSTED;
    }
    subtreeNext(pos, end); // validated by caConstraintsValid
    pos = subtreeEnd;
    if (gnType !== type) continue;
    anyOfForm = true;
    const r = matchOne(type, v, l, gnVal, gnLen, excluded);
    if (r === INSIDE) return 1;
    if (r === BAD_NAME) {
      ncDetail = <u32>PathDetail.NC_MALFORMED_NAME;
      return VIOLATION;
    }
    if (r === UNSUPPORTED) {
      ncDetail = <u32>PathDetail.NC_UNSUPPORTED_FORM;
      return VIOLATION;
    }
  }
  return anyOfForm ? 0 : NONE_OF_FORM;
}

/** Checks one name of the constrained certificate against the CA's constraints. */
function checkName(ca: Cert, type: u32, v: usize, l: u32): Err {
  if (ca.ncExcludedLen !== 0) {
    const r = scan(type, v, l, ca.ncExcluded, ca.ncExcludedLen, true);
    if (r === EXHAUSTED) return Err.BUDGET_EXCEEDED;
    if (r === VIOLATION) return Err.NAME_CONSTRAINT_VIOLATION;
    if (r === 1) return fail(PathDetail.NC_EXCLUDED);
  }
  if (ca.ncPermittedLen !== 0) {
    const r = scan(type, v, l, ca.ncPermitted, ca.ncPermittedLen, false);
    if (r === EXHAUSTED) return Err.BUDGET_EXCEEDED;
    if (r === VIOLATION) return Err.NAME_CONSTRAINT_VIOLATION;
    if (r === 0) return fail(PathDetail.NC_PERMITTED);
  }
  return Err.OK;
}

/**
 * Applies the nameConstraints of the CA in `caSlot` to the certificate in `slot`. Returns OK,
 * NAME_CONSTRAINT_VIOLATION (ncDetail says why) or BUDGET_EXCEEDED.
 */
export function applyNameConstraints(caSlot: u32, slot: u32): Err {
  ncDetail = 0;
  if (!caConstraintsValid(caSlot)) return fail(PathDetail.NC_MALFORMED_CONSTRAINT);
  const ca = certAt(caSlot);
  const c = certAt(slot);
  if ((c.extPresent & EXT_SAN) !== 0) {
    let pos = <usize>c.san;
    const end = pos + <usize>c.sanLen;
    while (pos < end) {
      gnRead(pos, end, IP_ADDRESS); // checked by the decoder
      pos = gnEnd;
      const e = checkName(ca, gnType, gnVal, gnLen);
      if (e !== Err.OK) return e;
    }
  }
  if ((c.flags & CF_SUBJECT_EMPTY) === 0) {
    const e = checkName(ca, GN_DIRECTORY, c.subject, c.subjectLen);
    if (e !== Err.OK) return e;
  }
  if ((c.extPresent & EXT_SAN) === 0 && nameIterStart(c.subject, c.subjectLen) === Err.OK) {
    while (nameIterNext()) {
      if (!oidEquals(atvOid, atvOidLen, OID_EMAIL_ADDRESS, OID_EMAIL_ADDRESS_LEN)) continue;
      if (atvTag !== TAG_IA5_STRING) return fail(PathDetail.NC_MALFORMED_NAME);
      const e = checkName(ca, GN_RFC822, atvVal, atvLen);
      if (e !== Err.OK) return e;
    }
  }
  return Err.OK;
}
