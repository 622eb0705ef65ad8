// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Issuer-independent checks of one certificate in one role (RFC 5280 §6.1.3 (a)(2) and §6.1.4 as
// TLS clients apply them). Results are cached per (certificate, role): a certificate tried as a
// candidate issuer on many paths is checked once.
//
// Every role:
//   - decoded without a hard error;
//   - validity period contains the validation time (anchors only if anchor expiry is enforced);
//   - key policy: RSA ≥ minRsaBits, EC on P-256, P-384 or (builds with it) P-521, Ed25519; other
//     keys are unsupported;
//   - no unrecognised critical extension; critical policy extensions are processed along the
//     path (policy.ts) unless the request leaves policies out (FLAG_POLICY_REJECT_CRITICAL,
//     FLAG_POLICY_REJECT_CRITICAL_MAPPINGS with FLAG_POLICY_IGNORE) or the build does
//     (WITH_POLICIES false): then, as RFC 5280 §4.2 requires, a critical one is rejected;
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
// The issuance rules (FLAG_ISSUANCE_RULES, the `strict` device profile; off by default) add what a
// certificate linter checks (CA/B Forum Baseline Requirements 2.x, rustls-webpki), each with its
// PathDetail: serial numbers positive and at most 20 octets on leaves and intermediates (RFC 5280
// §4.1.2.2, BR §7.1.2.7 / §7.1.2.10: "non-sequential ... greater than zero"); basicConstraints
// critical on every CA, anchors included (RFC 5280 §4.2.1.9, BR §7.1.2.1.4, §7.1.2.10.4); no
// authorityCertIssuer / authorityCertSerialNumber in an AKI (BR §7.1.2.1.3 roots, §7.1.2.11.1
// others); an AKI on a trust anchor that is not self-issued (RFC 5280 §4.2.1.1: only self-signed
// certificates may omit it); nameConstraints critical (RFC 5280 §4.2.1.10); no extendedKeyUsage
// in a self-issued root (BR §7.1.2.1.2); the leaf's extendedKeyUsage present, not critical and
// holding the purpose itself (BR §7.1.2.7.10 "MUST be present", anyExtendedKeyUsage "MUST NOT"
// be present; §7.1.2.7.6 not critical); anyExtendedKeyUsage never standing in for the purpose in
// an issuer either (BR §7.1.2.10.6, rustls-webpki check_eku); and no wildcard SAN over a public
// suffix (BR §3.2.2.6; names/server-name.ts: a one-label base always, longer suffixes as the host
// reports them). Builds without them (build-options.ts WITH_ISSUANCE_RULES: the embedded one)
// refuse the flag.
// Deliberately NOT enforced on trust anchors without the issuance rules (real roots in the
// catalog break them; see test-data/x509-limbo/exceptions.json): a critical basicConstraints, and the absence of
// authorityCertIssuer/authorityCertSerialNumber in the AKI (Starfield Class 2 has both
// problems). Serial-number rules (zero, negative, over 20 octets) are not enforced either:
// RFC 5280 §4.1.2.2 asks relying parties to "gracefully handle" them and device certificates
// made by scripts often have serial 0.

import {
  ALG_ECDSA_P256,
  ALG_ECDSA_P384,
  ALG_ECDSA_P521,
  ALG_ED25519,
  ALG_RSA_PSS,
  Cert,
  CF_AKI_ISSUER_SERIAL,
  CF_CA,
  CF_DECODED,
  CF_ISSUER_EMPTY,
  CF_SELF_ISSUED,
  CF_SERIAL_NONCONFORMING,
  CF_SUBJECT_EMPTY,
  CHAIN_ANCHOR_ANY_CERTIFICATE,
  CHAIN_ANCHOR_CA_FLAG,
  CHAIN_ANCHOR_CONSTRAINTS_IGNORED,
  CHAIN_ANCHOR_KEY_UNCHECKED,
  CHAIN_ANCHOR_KEY_USAGE_CA,
  CRITX_EXPLICIT,
  CURVE_P256,
  CURVE_P384,
  Detail,
  EKU_ANY,
  EKU_CLIENT_AUTH,
  EKU_SCOPE_CHAIN,
  EKU_SCOPE_LEAF,
  EKU_SCOPE_NONE,
  EKU_SERVER_AUTH,
  Err,
  EXT_AIA,
  EXT_AKI,
  EXT_BASIC_CONSTRAINTS,
  EXT_EXT_KEY_USAGE,
  EXT_INHIBIT_ANY_POLICY,
  EXT_KEY_USAGE,
  EXT_NAME_CONSTRAINTS,
  EXT_POLICY_CONSTRAINTS,
  EXT_POLICY_MAPPINGS,
  EXT_SAN,
  EXT_SKI,
  FLAG_IGNORE_ANCHOR_EXPIRY,
  FLAG_IGNORE_ISSUER_KEY_USAGE,
  FLAG_ISSUANCE_RULES,
  FLAG_LENIENT_PROFILE,
  FLAG_NO_ANY_EKU,
  FLAG_POLICY_IGNORE,
  FLAG_POLICY_REJECT_CRITICAL,
  FLAG_POLICY_REJECT_CRITICAL_MAPPINGS,
  FLAG_PREDICT_NO_CLOCK,
  FLAG_VALIDITY_END_EXCLUSIVE,
  GN_DNS,
  ITER_NAME,
  KEY_EC,
  KEY_ED25519,
  KEY_RSA,
  KEY_RSA_PSS,
  KU_DIGITAL_SIGNATURE,
  KU_KEY_AGREEMENT,
  KU_KEY_CERT_SIGN,
  KU_KEY_ENCIPHERMENT,
  KU_NON_REPUDIATION,
  LEAF_KU_DIGITAL_SIGNATURE,
  LEAF_KU_IGNORE,
  LEAF_KU_SIGNATURE,
  NCF_REJECT_IN_END_ENTITY,
  PathDetail,
  PURPOSE_ANY,
  PURPOSE_CLIENT_AUTH,
  PURPOSE_SERVER_AUTH,
  staticGeneralName,
  staticIter,
} from '../abi.generated';
import { WITH_ISSUANCE_RULES, WITH_POLICIES, WITH_STACK_OPTIONS, WITH_STACK_RULES } from '../build-options';
import { curveSupported } from '../crypto/signature';
import { oidEquals } from '../der/primitives';
import { asciiEqualIgnoreCase } from '../names/ascii';
import { detailOf, errOf, OUTCOME_OK, Outcome, outcome } from '../outcome';

import { certAt } from '../x509/cert';
import { gnRead, IP_ADDRESS } from '../x509/general-name';
import { iterNextAttribute, iterStart } from '../x509/iter';

import { OID_CN, OID_CN_LEN } from '../x509/oids';

import { ROLES, VerifyCtx } from './context';
import { checkCriticalSet, checkOwnCriticalExtensions } from './critical-extensions';
import { hasChainOption, hasFlag } from './request';

export const ROLE_LEAF: i32 = 0;
export const ROLE_INTERMEDIATE: i32 = 1;
export const ROLE_ANCHOR: i32 = 2;

function fail(e: Err, d: PathDetail): Outcome {
  return outcome(e, d);
}

/**
 * Validity period at the validation time, both ends included (RFC 5280 §4.1.2.5); validityEnd
 * 'exclusive' (FLAG_VALIDITY_END_EXCLUSIVE, OpenSSL X509_cmp_time) ends it one second earlier.
 * FLAG_PREDICT_NO_CLOCK (a device without a clock; the TypeScript host sets it only for
 * predictDevice, never for a verdict) checks nothing.
 */
export function checkValidity(ctx: VerifyCtx, c: Cert): Outcome {
  if (WITH_STACK_OPTIONS && hasFlag(ctx, FLAG_PREDICT_NO_CLOCK)) return OUTCOME_OK;
  const now = ctx.now;
  if (now < c.notBefore) return fail(Err.NOT_YET_VALID, PathDetail.NOT_YET_VALID);
  if (
    now > c.notAfter ||
    (WITH_STACK_OPTIONS && now === c.notAfter && hasFlag(ctx, FLAG_VALIDITY_END_EXCLUSIVE))
  )
    return fail(Err.EXPIRED, PathDetail.EXPIRED);
  return OUTCOME_OK;
}

/**
 * Whether the request's algorithm set (0: everything the verifier supports) holds every bit of
 * `need` (RSA with PKCS#1 v1.5 needs none: every stack verifies it).
 */
export function algorithmsAllow(ctx: VerifyCtx, need: u32): bool {
  return !WITH_STACK_OPTIONS || ctx.algorithms === 0 || (ctx.algorithms & need) === need;
}

/** The AlgorithmBit a key needs. */
function keyAlgorithm(c: Cert): u32 {
  const t = c.keyType;
  if (t === KEY_EC) {
    if (c.keyCurve === CURVE_P256) return ALG_ECDSA_P256;
    return c.keyCurve === CURVE_P384 ? ALG_ECDSA_P384 : ALG_ECDSA_P521;
  }
  if (t === KEY_ED25519) return ALG_ED25519;
  return t === KEY_RSA_PSS ? ALG_RSA_PSS : 0;
}

/** Key policy for the certificate's own public key. */
export function checkKey(ctx: VerifyCtx, c: Cert, strict: bool): Outcome {
  const t = c.keyType;
  if (t === KEY_RSA || t === KEY_RSA_PSS) {
    if (c.keyBits < ctx.minRsaBits) return fail(Err.WEAK_KEY, PathDetail.RSA_TOO_SMALL);
    if (strict && (c.keyBits & 7) !== 0) return fail(Err.WEAK_KEY, PathDetail.RSA_NOT_MULTIPLE_OF_8);
    return OUTCOME_OK;
  }
  if (t === KEY_EC) {
    if (!curveSupported(c.keyCurve)) return fail(Err.UNSUPPORTED_ALGORITHM, PathDetail.CURVE_UNSUPPORTED);
    return OUTCOME_OK;
  }
  if (t === KEY_ED25519) return OUTCOME_OK;
  return fail(Err.UNSUPPORTED_ALGORITHM, PathDetail.KEY_UNSUPPORTED);
}

/** checkKey, then the profile's algorithm set. */
export function checkKeyInProfile(ctx: VerifyCtx, c: Cert, strict: bool): Outcome {
  const o = checkKey(ctx, c, strict);
  if (!WITH_STACK_OPTIONS || o !== OUTCOME_OK || ctx.algorithms === 0) return o;
  if (algorithmsAllow(ctx, keyAlgorithm(c))) return o;
  return fail(Err.UNSUPPORTED_ALGORITHM, PathDetail.PROFILE_ALGORITHM);
}

/** The EKU bit the purpose needs, or 0 for "any". */
function purposeBit(purpose: u32): u32 {
  if (purpose === PURPOSE_SERVER_AUTH) return EKU_SERVER_AUTH;
  if (purpose === PURPOSE_CLIENT_AUTH) return EKU_CLIENT_AUTH;
  return 0;
}

/**
 * EKU of one certificate for the requested purpose (Go's nested rule; anyEKU allows all). A
 * profile narrows the certificates checked (ekuScope: the leaf only, or none) and may refuse
 * anyExtendedKeyUsage (FLAG_NO_ANY_EKU, OpenSSL and webpki).
 */
export function checkEku(ctx: VerifyCtx, c: Cert, role: i32): Outcome {
  const purpose = ctx.purpose;
  if (purpose === PURPOSE_ANY || (c.extPresent & EXT_EXT_KEY_USAGE) === 0) return OUTCOME_OK;
  const scope = WITH_STACK_OPTIONS ? ctx.ekuScope : EKU_SCOPE_CHAIN;
  if (scope === EKU_SCOPE_NONE || (scope === EKU_SCOPE_LEAF && role !== ROLE_LEAF)) return OUTCOME_OK;
  const any = WITH_STACK_OPTIONS && hasFlag(ctx, FLAG_NO_ANY_EKU) ? 0 : EKU_ANY;
  if ((c.ekuFlags & (purposeBit(purpose) | any)) !== 0) return OUTCOME_OK;
  return fail(Err.BAD_EKU, role === ROLE_LEAF ? PathDetail.EKU_LEAF : PathDetail.EKU_CA);
}

/**
 * The leaf keyUsage, when present, allows the key's use in the handshake (leafKeyUsage; RFC 5280
 * path validation does not check it, TLS stacks do: see the LeafKeyUsage values in abi.json).
 */
export function checkLeafKeyUsage(ctx: VerifyCtx, c: Cert): Outcome {
  if (!WITH_STACK_OPTIONS) return OUTCOME_OK;
  const rule = ctx.leafKeyUsage;
  if (rule === LEAF_KU_IGNORE || (c.extPresent & EXT_KEY_USAGE) === 0) return OUTCOME_OK;
  const need =
    rule === LEAF_KU_DIGITAL_SIGNATURE
      ? KU_DIGITAL_SIGNATURE
      : rule === LEAF_KU_SIGNATURE
        ? KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION
        : KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT;
  if ((c.keyUsage & need) !== 0) return OUTCOME_OK;
  return fail(Err.BAD_KEY_USAGE, PathDetail.LEAF_KEY_USAGE);
}

/** issuerKeyUsage 'ignore' (FLAG_IGNORE_ISSUER_KEY_USAGE): an issuer's keyUsage need not assert keyCertSign. */
function ignoresIssuerKeyUsage(ctx: VerifyCtx): bool {
  return WITH_STACK_OPTIONS && hasFlag(ctx, FLAG_IGNORE_ISSUER_KEY_USAGE);
}

/**
 * The critical policy extensions request flags `flags` leave unprocessed (they reject): requestRead
 * keeps the answer in ctx.policyUnprocessed, read for every certificate below.
 */
export function unprocessedPolicyExtensions(flags: u32): u32 {
  if ((flags & FLAG_POLICY_REJECT_CRITICAL) !== 0) return ALL_POLICY_EXTENSIONS;
  const mappings = FLAG_POLICY_IGNORE | FLAG_POLICY_REJECT_CRITICAL_MAPPINGS;
  return (flags & mappings) === mappings ? EXT_POLICY_MAPPINGS : 0;
}

const ALL_POLICY_EXTENSIONS = EXT_POLICY_MAPPINGS | EXT_POLICY_CONSTRAINTS | EXT_INHIBIT_ANY_POLICY;

/** The critical policy extensions this request and build do not process (they reject). */
export function policyUnprocessedOf(ctx: VerifyCtx): u32 {
  return WITH_POLICIES ? ctx.policyUnprocessed : ALL_POLICY_EXTENSIONS;
}

/**
 * Critical extensions (critical-extensions.ts): the verifier's own set, or the profile's; never a
 * critical policy extension that is not processed.
 */
function checkCriticalExtensions(ctx: VerifyCtx, c: Cert): Outcome {
  const unprocessed = policyUnprocessedOf(ctx);
  if (WITH_STACK_OPTIONS) {
    const set = ctx.criticalSet;
    if ((set & CRITX_EXPLICIT) !== 0) return checkCriticalSet(c, set, unprocessed);
  }
  return checkOwnCriticalExtensions(c, unprocessed);
}

/** Criticality rules of RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.2.1, §4.2.1.11, §4.2.1.6 (strict profile). */
function checkCriticality(c: Cert): Outcome {
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
  return OUTCOME_OK;
}

/** AKI keyIdentifier present unless the certificate is self-issued (strict profile). */
function checkAki(c: Cert): Outcome {
  if ((c.flags & CF_SELF_ISSUED) !== 0) return OUTCOME_OK;
  if ((c.extPresent & EXT_AKI) === 0 || c.akiKeyIdLen === 0)
    return fail(Err.MALFORMED, PathDetail.AKI_MISSING);
  return OUTCOME_OK;
}

function isStrict(ctx: VerifyCtx): bool {
  return !hasFlag(ctx, FLAG_LENIENT_PROFILE);
}

/**
 * The issuance rules of one certificate in one role (see the top of this file; FLAG_ISSUANCE_RULES).
 * Runs after the role's other checks, so a certificate fails these only when it passes the rest.
 */
export function checkIssuance(ctx: VerifyCtx, c: Cert, role: i32): Outcome {
  const selfIssued = (c.flags & CF_SELF_ISSUED) !== 0;
  if (role !== ROLE_ANCHOR && (c.flags & CF_SERIAL_NONCONFORMING) !== 0)
    return fail(Err.MALFORMED, PathDetail.SERIAL_NONCONFORMING);
  if ((c.flags & CF_AKI_ISSUER_SERIAL) !== 0) return fail(Err.MALFORMED, PathDetail.AKI_ISSUER_SERIAL);
  if ((c.flags & CF_CA) !== 0 && (c.extCritical & EXT_BASIC_CONSTRAINTS) === 0)
    return fail(Err.MALFORMED, PathDetail.BC_NOT_CRITICAL);
  if ((c.extPresent & EXT_NAME_CONSTRAINTS) !== 0 && (c.extCritical & EXT_NAME_CONSTRAINTS) === 0)
    return fail(Err.MALFORMED, PathDetail.NC_NOT_CRITICAL);
  const hasEku = (c.extPresent & EXT_EXT_KEY_USAGE) !== 0;
  if (role === ROLE_ANCHOR) {
    if (c.version !== 2) return OUTCOME_OK; // a v1 anchor is a name and a key
    if (!selfIssued && ((c.extPresent & EXT_AKI) === 0 || c.akiKeyIdLen === 0))
      return fail(Err.MALFORMED, PathDetail.ANCHOR_AKI_MISSING);
    if (selfIssued && hasEku) return fail(Err.MALFORMED, PathDetail.ROOT_HAS_EKU);
  }
  const bit = purposeBit(ctx.purpose);
  if (bit === 0) return OUTCOME_OK; // purpose "any": no EKU rule
  if (role === ROLE_LEAF) {
    if (!hasEku) return fail(Err.BAD_EKU, PathDetail.EKU_MISSING);
    if ((c.extCritical & EXT_EXT_KEY_USAGE) !== 0) return fail(Err.BAD_EKU, PathDetail.EKU_CRITICAL);
    if ((c.ekuFlags & EKU_ANY) !== 0) return fail(Err.BAD_EKU, PathDetail.EKU_ANY);
  }
  if (hasEku && (c.ekuFlags & bit) === 0) return fail(Err.BAD_EKU, PathDetail.EKU_ANY);
  return OUTCOME_OK;
}

/** The role's checks, then the issuance rules when the request asks for them. */
function withIssuance(ctx: VerifyCtx, c: Cert, role: i32, o: Outcome): Outcome {
  if (!WITH_ISSUANCE_RULES || o !== OUTCOME_OK || !hasFlag(ctx, FLAG_ISSUANCE_RULES)) return o;
  return checkIssuance(ctx, c, role);
}

/** Checks of the leaf (end-entity) certificate. */
function checkLeaf(ctx: VerifyCtx, c: Cert): Outcome {
  const strict = isStrict(ctx);
  let e = checkValidity(ctx, c);
  if (e !== OUTCOME_OK) return e;
  e = checkCriticalExtensions(ctx, c);
  if (e !== OUTCOME_OK) return e;
  e = checkKeyInProfile(ctx, c, strict);
  if (e !== OUTCOME_OK) return e;
  // wolfSSL refuses nameConstraints in an end entity, strict or not (NameConstraintFlag).
  if (
    WITH_STACK_RULES &&
    (c.extPresent & EXT_NAME_CONSTRAINTS) !== 0 &&
    (ctx.ncFlags & NCF_REJECT_IN_END_ENTITY) !== 0
  )
    return fail(Err.NAME_CONSTRAINT_VIOLATION, PathDetail.NC_IN_NON_CA);
  if (strict) {
    if (c.version !== 2) return fail(Err.MALFORMED, PathDetail.NOT_V3);
    if ((c.flags & CF_CA) !== 0) return fail(Err.CA_AS_LEAF, PathDetail.LEAF_IS_CA);
    if ((c.extPresent & EXT_KEY_USAGE) !== 0 && (c.keyUsage & KU_KEY_CERT_SIGN) !== 0) {
      return fail(Err.MALFORMED, PathDetail.LEAF_KEY_CERT_SIGN);
    }
    if ((c.extPresent & EXT_NAME_CONSTRAINTS) !== 0) return fail(Err.MALFORMED, PathDetail.NC_IN_NON_CA);
    if ((c.flags & CF_ISSUER_EMPTY) !== 0) return fail(Err.MALFORMED, PathDetail.ISSUER_EMPTY);
    e = checkAki(c);
    if (e !== OUTCOME_OK) return e;
    e = checkCriticality(c);
    if (e !== OUTCOME_OK) return e;
    if (ctx.purpose === PURPOSE_SERVER_AUTH && (c.extPresent & EXT_SAN) !== 0) {
      e = checkCommonNamesInSan(c);
      if (e !== OUTCOME_OK) return e;
    }
  }
  if (WITH_STACK_OPTIONS) {
    e = checkLeafKeyUsage(ctx, c);
    if (e !== OUTCOME_OK) return e;
  }
  return checkEku(ctx, c, ROLE_LEAF);
}

/** Checks of a certificate used as an intermediate CA. */
function checkIntermediate(ctx: VerifyCtx, c: Cert): Outcome {
  const strict = isStrict(ctx);
  let e = checkValidity(ctx, c);
  if (e !== OUTCOME_OK) return e;
  e = checkCriticalExtensions(ctx, c);
  if (e !== OUTCOME_OK) return e;
  if ((c.flags & CF_CA) === 0) return fail(Err.NOT_A_CA, PathDetail.NOT_CA);
  if (
    (c.extPresent & EXT_KEY_USAGE) !== 0 &&
    (c.keyUsage & KU_KEY_CERT_SIGN) === 0 &&
    !ignoresIssuerKeyUsage(ctx)
  ) {
    return fail(Err.BAD_KEY_USAGE, PathDetail.NO_KEY_CERT_SIGN);
  }
  e = checkKeyInProfile(ctx, c, strict);
  if (e !== OUTCOME_OK) return e;
  if (strict) {
    if (c.version !== 2) return fail(Err.MALFORMED, PathDetail.NOT_V3);
    if ((c.flags & CF_SUBJECT_EMPTY) !== 0) return fail(Err.MALFORMED, PathDetail.CA_SUBJECT_EMPTY);
    if ((c.flags & CF_ISSUER_EMPTY) !== 0) return fail(Err.MALFORMED, PathDetail.ISSUER_EMPTY);
    if ((c.extPresent & EXT_SKI) === 0) return fail(Err.MALFORMED, PathDetail.SKI_MISSING);
    e = checkAki(c);
    if (e !== OUTCOME_OK) return e;
    e = checkCriticality(c);
    if (e !== OUTCOME_OK) return e;
  }
  return checkEku(ctx, c, ROLE_INTERMEDIATE);
}

/**
 * Checks of a certificate used as a trust anchor. Device profiles narrow them (ChainOption):
 * CHAIN_ANCHOR_KEY_UNCHECKED leaves the RSA size out (the key must still be one this verifier
 * supports), CHAIN_ANCHOR_CA_FLAG requires cA whatever the version, and
 * CHAIN_ANCHOR_CONSTRAINTS_IGNORED leaves the anchor's extensions out (name and key only).
 */
function checkAnchor(ctx: VerifyCtx, c: Cert): Outcome {
  const strict = isStrict(ctx);
  if (!hasFlag(ctx, FLAG_IGNORE_ANCHOR_EXPIRY)) {
    const e = checkValidity(ctx, c);
    if (e !== OUTCOME_OK) return e;
  }
  const nameAndKey = hasChainOption(ctx, CHAIN_ANCHOR_CONSTRAINTS_IGNORED);
  let e = nameAndKey ? OUTCOME_OK : checkCriticalExtensions(ctx, c);
  if (e !== OUTCOME_OK) return e;
  e = checkKeyInProfile(ctx, c, strict);
  if (hasChainOption(ctx, CHAIN_ANCHOR_KEY_UNCHECKED) && detailOf(e) === <u32>PathDetail.RSA_TOO_SMALL) {
    e = OUTCOME_OK;
  }
  if (e !== OUTCOME_OK) return e;
  if (hasChainOption(ctx, CHAIN_ANCHOR_CA_FLAG) && (c.flags & CF_CA) === 0)
    return fail(Err.NOT_A_CA, PathDetail.ANCHOR_NOT_CA);
  if (nameAndKey) return OUTCOME_OK;
  if (hasChainOption(ctx, CHAIN_ANCHOR_ANY_CERTIFICATE)) {
    // Any certificate is a signer, but wolfSSL's decoder refuses an empty keyUsage BIT STRING
    // (measured: x509-limbo rfc5280::root-inconsistent-ca-extensions, KU 03 01 00).
    if ((c.extPresent & EXT_KEY_USAGE) !== 0 && c.keyUsage === 0)
      return outcome(Err.MALFORMED, Detail.KEY_USAGE_EMPTY);
  } else if (c.version === 2) {
    // A v3 anchor states what it is: it must be a CA allowed to sign certificates
    // (CHAIN_ANCHOR_KEY_USAGE_CA: without basicConstraints, a keyUsage extension says so).
    const kuSaysCa =
      hasChainOption(ctx, CHAIN_ANCHOR_KEY_USAGE_CA) &&
      (c.extPresent & (EXT_BASIC_CONSTRAINTS | EXT_KEY_USAGE)) === EXT_KEY_USAGE;
    if ((c.flags & CF_CA) === 0 && !kuSaysCa) return fail(Err.NOT_A_CA, PathDetail.ANCHOR_NOT_CA);
    if (
      (c.extPresent & EXT_KEY_USAGE) !== 0 &&
      (c.keyUsage & KU_KEY_CERT_SIGN) === 0 &&
      !ignoresIssuerKeyUsage(ctx)
    ) {
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
  return checkEku(ctx, c, ROLE_ANCHOR);
}

/**
 * Checks certificate `slot` (decoded into its slot) in `role`, once per call: the outcome is
 * cached in the context (Err + 1 and the detail, per slot and role).
 */
export function checkCert(ctx: VerifyCtx, slot: u32, role: i32): Outcome {
  const k = <usize>(slot * ROLES + <u32>role);
  const cached = <u32>load<u8>(ctx.checkErr + k);
  if (cached !== 0) return outcome(<Err>(cached - 1), <u32>load<u16>(ctx.checkDetail + (k << 1)));
  const c = certAt(slot);
  let o: Outcome;
  if ((c.flags & CF_DECODED) === 0) {
    o = outcome(c.status !== Err.OK ? <Err>c.status : Err.MALFORMED, c.detail);
  } else if (role === ROLE_LEAF) {
    o = withIssuance(ctx, c, role, checkLeaf(ctx, c));
  } else if (role === ROLE_INTERMEDIATE) {
    o = withIssuance(ctx, c, role, checkIntermediate(ctx, c));
  } else {
    o = withIssuance(ctx, c, role, checkAnchor(ctx, c));
  }
  store<u8>(ctx.checkErr + k, <u8>(<u32>errOf(o) + 1));
  store<u16>(ctx.checkDetail + (k << 1), <u16>detailOf(o));
  return o;
}

// ─── CA/B BR §7.1.4.3: a subject CN must be a copy of a SAN entry ───────────────────────────
// "If present, this attribute MUST contain exactly one entry that is one of the values contained
// in the Certificate's subjectAltName extension", "a character-for-character copy of the dNSName
// entry value". Applied only where the CN says which entry it copies: a CN equal, ignoring ASCII
// case, to a dNSName entry must be byte-identical to it (x509-limbo webpki::cn::case-mismatch).
// The general rule cannot be applied: x509-limbo's own leaves carry a CN beside unrelated SANs in
// hundreds of cases expected to succeed (CN=example.com next to an IP SAN in rfc5280::nc::*,
// CN=127.0.0.1 next to a DNS SAN in 172 BetterTLS cases). See exceptions.json, webpki::cn::*.

const sanEntry = staticGeneralName();

/** False when a dNSName entry equals the CN ignoring case but is not byte-identical. */
function cnCopiesSan(c: Cert, v: usize, len: u32): bool {
  const g = sanEntry;
  let pos = <usize>c.san;
  const end = pos + <usize>c.sanLen;
  while (pos < end) {
    if (gnRead(g, pos, end, IP_ADDRESS) !== Err.OK) return true; // checked by the decoder
    pos = g.next;
    if (g.type === GN_DNS && asciiEqualIgnoreCase(g.val, <i32>g.len, v, <i32>len)) {
      if (memory.compare(g.val, v, len) === 0) return true;
      return false;
    }
  }
  return true;
}

const subjectAttrs = staticIter();

function checkCommonNamesInSan(c: Cert): Outcome {
  const it = subjectAttrs;
  if (iterStart(it, ITER_NAME, c.subject, c.subjectLen) !== Err.OK) return OUTCOME_OK;
  while (iterNextAttribute(it)) {
    if (!oidEquals(it.oid, it.oidLen, OID_CN, OID_CN_LEN)) continue;
    if (!cnCopiesSan(c, it.val, it.valLen)) return fail(Err.MALFORMED, PathDetail.CN_NOT_IN_SAN);
  }
  return OUTCOME_OK;
}
