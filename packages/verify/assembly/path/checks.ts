// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Issuer-independent checks of one certificate in one role (RFC 5280 §6.1.3 (a)(2) and §6.1.4 as
// TLS clients apply them). Results are cached per (certificate, role): a certificate tried as a
// candidate issuer on many paths is checked once.
//
// Every role:
//   - decoded without a hard error;
//   - validity period contains the validation time (anchors only if anchor expiry is enforced);
//   - key policy: RSA ≥ minRsaBits, EC on P-256 or P-384, Ed25519; other keys are unsupported;
//   - no unrecognised critical extension, and no critical policy extension (policy processing
//     is not implemented, so, as RFC 5280 §4.2 requires, such a certificate is rejected);
//   - EKU chaining (Go's rule: an issuer that lists EKUs must list the purpose or anyEKU; the leaf
//     likewise), unless the purpose is "any".
// Leaf: not a CA in the strict profile (CA/B BR §7.1.2.7.8, rustls-webpki CaUsedAsEndEntity).
// Intermediate: basicConstraints cA TRUE; keyUsage, when present, asserts keyCertSign.
// Anchor: the same when it is a v3 certificate (a v1 anchor is accepted as name + key).
//
// The strict profile (default; FLAG_LENIENT_PROFILE turns it off, like OpenSSL and mbedTLS) adds
// RFC 5280 and CA/B Forum rules that x509-limbo tests and pyca/cryptography enforces: v3 for
// leaf and intermediates, AKI keyIdentifier on every certificate not issued by itself, SKI on
// CAs, criticality of AKI/SKI/AIA/SAN/policyConstraints, non-empty CA subjects and issuers,
// keyCertSign and nameConstraints only in CAs, RSA sizes a multiple of 8, and the subject CN of a
// server certificate being a copy of one of its SAN entries.
// Deliberately NOT enforced on trust anchors (real roots in the catalog break them; see
// test-data/x509-limbo/exceptions.json): a critical basicConstraints, and the absence of
// authorityCertIssuer/authorityCertSerialNumber in the AKI (Starfield Class 2 has both
// problems). Serial-number rules (zero, negative, over 20 octets) are not enforced either:
// RFC 5280 §4.1.2.2 asks relying parties to "gracefully handle" them and device certificates
// made by scripts often have serial 0.

import {
  Cert,
  CF_CA,
  CF_DECODED,
  CF_ISSUER_EMPTY,
  CF_SELF_ISSUED,
  CF_SUBJECT_EMPTY,
  CURVE_P256,
  CURVE_P384,
  EKU_ANY,
  EKU_CLIENT_AUTH,
  EKU_SERVER_AUTH,
  Err,
  EXT_AIA,
  EXT_AKI,
  EXT_EXT_KEY_USAGE,
  EXT_INHIBIT_ANY_POLICY,
  EXT_KEY_USAGE,
  EXT_NAME_CONSTRAINTS,
  EXT_POLICY_CONSTRAINTS,
  EXT_POLICY_MAPPINGS,
  EXT_SAN,
  EXT_SKI,
  EXT_UNKNOWN,
  FLAG_IGNORE_ANCHOR_EXPIRY,
  FLAG_LENIENT_PROFILE,
  GN_DNS,
  KEY_EC,
  KEY_ED25519,
  KEY_RSA,
  KEY_RSA_PSS,
  KU_KEY_CERT_SIGN,
  PathDetail,
  PURPOSE_ANY,
  PURPOSE_CLIENT_AUTH,
  PURPOSE_SERVER_AUTH,
} from '../abi.generated';
import { oidEquals } from '../der/primitives';

import { asciiEqualIgnoreCase } from '../names/ascii';

import { certAt } from '../x509/cert';
import { gnEnd, gnLen, gnRead, gnType, gnVal, IP_ADDRESS } from '../x509/general-name';
import { atvLen, atvOid, atvOidLen, atvVal, nameIterNext, nameIterStart } from '../x509/name';

import { OID_CN, OID_CN_LEN } from '../x509/oids';

import { hasFlag, minRsaBits, now, purpose } from './request';

export const ROLE_LEAF: i32 = 0;
export const ROLE_INTERMEDIATE: i32 = 1;
export const ROLE_ANCHOR: i32 = 2;

/** Detail code of the last failed check. */
export let checkDetail: u32 = 0;

function fail(e: Err, d: PathDetail): Err {
  checkDetail = <u32>d;
  return e;
}

/** Validity period at the validation time. */
export function checkValidity(c: Cert): Err {
  if (now < c.notBefore) return fail(Err.NOT_YET_VALID, PathDetail.NOT_YET_VALID);
  if (now > c.notAfter) return fail(Err.EXPIRED, PathDetail.EXPIRED);
  return Err.OK;
}

/** Key policy for the certificate's own public key. */
export function checkKey(c: Cert, strict: bool): Err {
  const t = c.keyType;
  if (t === KEY_RSA || t === KEY_RSA_PSS) {
    if (c.keyBits < minRsaBits) return fail(Err.WEAK_KEY, PathDetail.RSA_TOO_SMALL);
    if (strict && (c.keyBits & 7) !== 0) return fail(Err.WEAK_KEY, PathDetail.RSA_NOT_MULTIPLE_OF_8);
    return Err.OK;
  }
  if (t === KEY_EC) {
    if (c.keyCurve !== CURVE_P256 && c.keyCurve !== CURVE_P384) {
      return fail(Err.UNSUPPORTED_ALGORITHM, PathDetail.CURVE_UNSUPPORTED);
    }
    return Err.OK;
  }
  if (t === KEY_ED25519) return Err.OK;
  return fail(Err.UNSUPPORTED_ALGORITHM, PathDetail.KEY_UNSUPPORTED);
}

/** The EKU bit the purpose needs, or 0 for "any". */
function purposeBit(): u32 {
  if (purpose === PURPOSE_SERVER_AUTH) return EKU_SERVER_AUTH;
  if (purpose === PURPOSE_CLIENT_AUTH) return EKU_CLIENT_AUTH;
  return 0;
}

/** EKU of one certificate for the requested purpose (Go's nested rule; anyEKU allows all). */
export function checkEku(c: Cert, role: i32): Err {
  if (purpose === PURPOSE_ANY || (c.extPresent & EXT_EXT_KEY_USAGE) === 0) return Err.OK;
  if ((c.ekuFlags & (purposeBit() | EKU_ANY)) !== 0) return Err.OK;
  return fail(Err.BAD_EKU, role === ROLE_LEAF ? PathDetail.EKU_LEAF : PathDetail.EKU_CA);
}

/** Extensions nobody may ignore: unknown critical ones and critical policy extensions. */
function checkCriticalExtensions(c: Cert): Err {
  if ((c.extCritical & EXT_UNKNOWN) !== 0)
    return fail(Err.UNKNOWN_CRITICAL_EXTENSION, PathDetail.UNKNOWN_CRITICAL);
  if ((c.extCritical & (EXT_POLICY_MAPPINGS | EXT_POLICY_CONSTRAINTS | EXT_INHIBIT_ANY_POLICY)) !== 0) {
    return fail(Err.UNKNOWN_CRITICAL_EXTENSION, PathDetail.POLICY_CRITICAL);
  }
  return Err.OK;
}

/** Criticality rules of RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.2.1, §4.2.1.11, §4.2.1.6 (strict profile). */
function checkCriticality(c: Cert): Err {
  if ((c.extCritical & (EXT_AKI | EXT_SKI | EXT_AIA)) !== 0)
    return fail(Err.MALFORMED, PathDetail.EXT_CRITICALITY);
  if ((c.extPresent & EXT_POLICY_CONSTRAINTS) !== 0 && (c.extCritical & EXT_POLICY_CONSTRAINTS) === 0) {
    return fail(Err.MALFORMED, PathDetail.EXT_CRITICALITY);
  }
  if ((c.extPresent & EXT_SAN) !== 0) {
    // RFC 5280 §4.2.1.6: critical when the subject is empty; CA/B BR §7.1.2.7.12: otherwise not critical.
    const critical = (c.extCritical & EXT_SAN) !== 0;
    if (critical !== ((c.flags & CF_SUBJECT_EMPTY) !== 0))
      return fail(Err.MALFORMED, PathDetail.SAN_CRITICALITY);
  } else if ((c.flags & CF_SUBJECT_EMPTY) !== 0) {
    return fail(Err.MALFORMED, PathDetail.SAN_CRITICALITY);
  }
  return Err.OK;
}

/** AKI keyIdentifier present unless the certificate is self-issued (strict profile). */
function checkAki(c: Cert): Err {
  if ((c.flags & CF_SELF_ISSUED) !== 0) return Err.OK;
  if ((c.extPresent & EXT_AKI) === 0 || c.akiKeyIdLen === 0)
    return fail(Err.MALFORMED, PathDetail.AKI_MISSING);
  return Err.OK;
}

function isStrict(): bool {
  return !hasFlag(FLAG_LENIENT_PROFILE);
}

/** Checks of the leaf (end-entity) certificate. */
function checkLeaf(c: Cert): Err {
  const strict = isStrict();
  let e = checkValidity(c);
  if (e !== Err.OK) return e;
  e = checkCriticalExtensions(c);
  if (e !== Err.OK) return e;
  e = checkKey(c, strict);
  if (e !== Err.OK) return e;
  if (strict) {
    if (c.version !== 2) return fail(Err.MALFORMED, PathDetail.NOT_V3);
    if ((c.flags & CF_CA) !== 0) return fail(Err.CA_AS_LEAF, PathDetail.LEAF_IS_CA);
    if ((c.extPresent & EXT_KEY_USAGE) !== 0 && (c.keyUsage & KU_KEY_CERT_SIGN) !== 0) {
      return fail(Err.MALFORMED, PathDetail.LEAF_KEY_CERT_SIGN);
    }
    if ((c.extPresent & EXT_NAME_CONSTRAINTS) !== 0) return fail(Err.MALFORMED, PathDetail.NC_IN_NON_CA);
    if ((c.flags & CF_ISSUER_EMPTY) !== 0) return fail(Err.MALFORMED, PathDetail.ISSUER_EMPTY);
    e = checkAki(c);
    if (e !== Err.OK) return e;
    e = checkCriticality(c);
    if (e !== Err.OK) return e;
    if (purpose === PURPOSE_SERVER_AUTH && (c.extPresent & EXT_SAN) !== 0) {
      e = checkCommonNamesInSan(c);
      if (e !== Err.OK) return e;
    }
  }
  return checkEku(c, ROLE_LEAF);
}

/** Checks of a certificate used as an intermediate CA. */
function checkIntermediate(c: Cert): Err {
  const strict = isStrict();
  let e = checkValidity(c);
  if (e !== Err.OK) return e;
  e = checkCriticalExtensions(c);
  if (e !== Err.OK) return e;
  if ((c.flags & CF_CA) === 0) return fail(Err.NOT_A_CA, PathDetail.NOT_CA);
  if ((c.extPresent & EXT_KEY_USAGE) !== 0 && (c.keyUsage & KU_KEY_CERT_SIGN) === 0) {
    return fail(Err.BAD_KEY_USAGE, PathDetail.NO_KEY_CERT_SIGN);
  }
  e = checkKey(c, strict);
  if (e !== Err.OK) return e;
  if (strict) {
    if (c.version !== 2) return fail(Err.MALFORMED, PathDetail.NOT_V3);
    if ((c.flags & CF_SUBJECT_EMPTY) !== 0) return fail(Err.MALFORMED, PathDetail.CA_SUBJECT_EMPTY);
    if ((c.flags & CF_ISSUER_EMPTY) !== 0) return fail(Err.MALFORMED, PathDetail.ISSUER_EMPTY);
    if ((c.extPresent & EXT_SKI) === 0) return fail(Err.MALFORMED, PathDetail.SKI_MISSING);
    e = checkAki(c);
    if (e !== Err.OK) return e;
    e = checkCriticality(c);
    if (e !== Err.OK) return e;
  }
  return checkEku(c, ROLE_INTERMEDIATE);
}

/** Checks of a certificate used as a trust anchor. */
function checkAnchor(c: Cert): Err {
  const strict = isStrict();
  if (!hasFlag(FLAG_IGNORE_ANCHOR_EXPIRY)) {
    const e = checkValidity(c);
    if (e !== Err.OK) return e;
  }
  let e = checkCriticalExtensions(c);
  if (e !== Err.OK) return e;
  e = checkKey(c, strict);
  if (e !== Err.OK) return e;
  if (c.version === 2) {
    // A v3 anchor states what it is: it must be a CA allowed to sign certificates.
    if ((c.flags & CF_CA) === 0) return fail(Err.NOT_A_CA, PathDetail.ANCHOR_NOT_CA);
    if ((c.extPresent & EXT_KEY_USAGE) !== 0 && (c.keyUsage & KU_KEY_CERT_SIGN) === 0) {
      return fail(Err.BAD_KEY_USAGE, PathDetail.NO_KEY_CERT_SIGN);
    }
    if (strict) {
      if ((c.flags & CF_SUBJECT_EMPTY) !== 0) return fail(Err.MALFORMED, PathDetail.CA_SUBJECT_EMPTY);
      if ((c.extPresent & EXT_SKI) === 0) return fail(Err.MALFORMED, PathDetail.SKI_MISSING);
      if ((c.extCritical & (EXT_AKI | EXT_SKI)) !== 0) return fail(Err.MALFORMED, PathDetail.EXT_CRITICALITY);
      if ((c.flags & CF_SELF_ISSUED) !== 0) {
        // A self-signed root may carry an AKI; its keyIdentifier must then equal the SKI (CA/B BR §7.1.2.1.3).
        if ((c.extPresent & EXT_AKI) !== 0) {
          if (c.akiKeyIdLen === 0) return fail(Err.MALFORMED, PathDetail.AKI_MISSING);
          if (c.akiKeyIdLen !== c.skiLen || memory.compare(c.akiKeyId, c.ski, c.skiLen) !== 0) {
            return fail(Err.MALFORMED, PathDetail.AKI_SKI_MISMATCH);
          }
        }
      }
      // A cross-signed certificate used as an anchor need not carry an AKI: x509-limbo
      // cve::cve-2024-0567 trusts one without it (rfc5280::aki::cross-signed-root-missing-aki,
      // feature pedantic-rfc5280, wants the opposite; that feature is not supported).
    }
  }
  return checkEku(c, ROLE_ANCHOR);
}

// Cache: one byte per (slot, role): 0 = not checked, else Err + 1; details beside it.
const cacheErr = memory.data(256 * 3);
const cacheDetail = memory.data(256 * 3 * 2);

/** Forgets cached results (start of a verifyChain call). */
export function checksReset(): void {
  memory.fill(cacheErr, 0, 256 * 3);
}

/** Checks certificate `slot` (decoded into its slot) in `role`, once per call. */
export function checkCert(slot: u32, role: i32): Err {
  const k = <usize>(slot * 3 + <u32>role);
  const cached = <u32>load<u8>(cacheErr + k);
  if (cached !== 0) {
    checkDetail = <u32>load<u16>(cacheDetail + (k << 1));
    return <Err>(cached - 1);
  }
  const c = certAt(slot);
  let e: Err;
  checkDetail = 0;
  if ((c.flags & CF_DECODED) === 0) {
    e = fail(c.status !== Err.OK ? <Err>c.status : Err.MALFORMED, PathDetail.DECODE);
    checkDetail = c.detail;
  } else if (role === ROLE_LEAF) {
    e = checkLeaf(c);
  } else if (role === ROLE_INTERMEDIATE) {
    e = checkIntermediate(c);
  } else {
    e = checkAnchor(c);
  }
  store<u8>(cacheErr + k, <u8>(<u32>e + 1));
  store<u16>(cacheDetail + (k << 1), <u16>checkDetail);
  return e;
}

// ─── CA/B BR §7.1.4.3: a subject CN must be a copy of a SAN entry ───────────────────────────
// "If present, this attribute MUST contain exactly one entry that is one of the values contained
// in the Certificate's subjectAltName extension", "a character-for-character copy of the dNSName
// entry value". Applied only where the CN says which entry it copies: a CN equal, ignoring ASCII
// case, to a dNSName entry must be byte-identical to it (x509-limbo webpki::cn::case-mismatch).
// The general rule cannot be applied: x509-limbo's own leaves carry a CN beside unrelated SANs in
// hundreds of cases expected to succeed (CN=example.com next to an IP SAN in rfc5280::nc::*,
// CN=127.0.0.1 next to a DNS SAN in 172 BetterTLS cases). See exceptions.json, webpki::cn::*.

/** False when a dNSName entry equals the CN ignoring case but is not byte-identical. */
function cnCopiesSan(c: Cert, v: usize, len: u32): bool {
  let pos = <usize>c.san;
  const end = pos + <usize>c.sanLen;
  while (pos < end) {
    if (gnRead(pos, end, IP_ADDRESS) !== Err.OK) return true; // checked by the decoder
    pos = gnEnd;
    if (gnType === GN_DNS && asciiEqualIgnoreCase(gnVal, <i32>gnLen, v, <i32>len)) {
      if (memory.compare(gnVal, v, len) === 0) return true;
      return false;
    }
  }
  return true;
}

function checkCommonNamesInSan(c: Cert): Err {
  if (nameIterStart(c.subject, c.subjectLen) !== Err.OK) return Err.OK;
  // The name iterator keeps its position in its own globals, so walking the SAN (gnRead) between
  // two nameIterNext calls is safe; the atv* fields are copied before that walk.
  while (nameIterNext()) {
    if (!oidEquals(atvOid, atvOidLen, OID_CN, OID_CN_LEN)) continue;
    const v = atvVal;
    const l = atvLen;
    if (!cnCopiesSan(c, v, l)) return fail(Err.MALFORMED, PathDetail.CN_NOT_IN_SAN);
  }
  return Err.OK;
}
