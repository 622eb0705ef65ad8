// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Which critical extensions a certificate may carry (RFC 5280 §4.2: "A certificate-using system
// MUST reject the certificate if it encounters a critical extension it does not recognize or a
// critical extension that contains information that it cannot process").
//
// The verifier's own set (request field criticalExtensions = 0): every extension the decoder
// recognises; the critical policy extensions policyMappings, policyConstraints and
// inhibitAnyPolicy only where certificate policies are processed (path/policy.ts: the caller
// passes the ones the request or the build leaves unprocessed, checks.ts unprocessedPolicyExtensions). A device profile gives its stack's set instead (CRITX_EXPLICIT): ExtBit bits of
// the recognised types the stack understands when critical, refined by CriticalExtBit bits:
//   - mbedTLS 2.28 x509_get_crt_ext parses basicConstraints, keyUsage, extendedKeyUsage,
//     subjectAltName, nsCertType and certificatePolicies; a critical certificatePolicies holding
//     a policy other than anyPolicy fails the parse (x509_get_certificate_policies returns
//     MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE; MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION off);
//   - BearSSL 0.6 x509_minimal understands basicConstraints, keyUsage, subjectAltName, and ignores
//     AKI, SKI, issuerAltName, CRL distribution points and AIA even when critical; a critical
//     certificatePolicies passes only when every qualifier is id-qt-cps (process-certPolicies);
//   - OpenSSL 3.0 X509_supported_extension and wolfSSL 5.5 DecodeCertExtensions: see
//     src/device-profiles.ts.
// An explicit set never makes the verifier accept an extension it does not process or recognise
// (the own rule runs first; nsCertType, which only needs to be recognised, is the one exception a
// set may grant). Without a profile nothing here changes a verdict.

import {
  Cert,
  CRITX_NS_CERT_TYPE,
  CRITX_POLICIES_ANY_POLICY_ONLY,
  CRITX_POLICIES_CPS_ONLY,
  Err,
  EXT_CERT_POLICIES,
  EXT_UNKNOWN,
  ITER_EXTENSIONS,
  ITER_POLICIES,
  PathDetail,
  staticIter,
  staticTlv,
} from '../abi.generated';
import { oidEquals } from '../der/primitives';
import { derRead, TAG_OID } from '../der/reader';
import { OUTCOME_OK, Outcome, outcome } from '../outcome';
import { iterNext, iterStart } from '../x509/iter';

// The OIDs below are static data of the functions that read them (laid out only in a build that
// compiles them: the embedded build has no explicit set, build-options.ts WITH_STACK_OPTIONS):
// 2.16.840.1.113730.1.1 (Netscape certificate type), 2.5.29.32.0 (anyPolicy), 1.3.6.1.5.5.7.2.1 (id-qt-cps).
const OID_NS_CERT_TYPE_LEN: u32 = 9;
const OID_ANY_POLICY_LEN: u32 = 4;
const OID_QT_CPS_LEN: u32 = 8;

function unknownCritical(): Outcome {
  return outcome(Err.UNKNOWN_CRITICAL_EXTENSION, PathDetail.UNKNOWN_CRITICAL);
}

function policyCritical(): Outcome {
  return outcome(Err.UNKNOWN_CRITICAL_EXTENSION, PathDetail.POLICY_CRITICAL);
}

/** The verifier's own rule: no unrecognised critical extension, no critical unprocessed one. */
export function checkOwnCriticalExtensions(c: Cert, unprocessed: u32): Outcome {
  if ((c.extCritical & EXT_UNKNOWN) !== 0) return unknownCritical();
  if ((c.extCritical & unprocessed) !== 0) return policyCritical();
  return OUTCOME_OK;
}

/**
 * Every critical extension the decoder does not recognise is nsCertType. The walk uses the
 * module's enumerator (x509/iter.ts), bounded by extsLen; the decoder checked the syntax.
 */
function unknownCriticalAreNsCertType(c: Cert): bool {
  const OID_NS_CERT_TYPE = memory.data<u8>([0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x01, 0x01]);
  const it = staticIter();
  if (iterStart(it, ITER_EXTENSIONS, c.exts, c.extsLen) !== Err.OK) return false;
  while (iterNext(it)) {
    if (
      it.critical !== 0 &&
      it.type === 0 &&
      !oidEquals(it.oid, it.oidLen, OID_NS_CERT_TYPE, OID_NS_CERT_TYPE_LEN)
    )
      return false;
  }
  return true;
}

/**
 * certificatePolicies passes the stack's content rule: every policy anyPolicy (anyOnly), every
 * qualifier id-qt-cps (cpsOnly). Bounded by policiesLen; the decoder checked the syntax.
 */
function policiesUnderstood(c: Cert, anyOnly: bool, cpsOnly: bool): bool {
  const OID_ANY_POLICY = memory.data<u8>([0x55, 0x1d, 0x20, 0x00]);
  const OID_QT_CPS = memory.data<u8>([0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x02, 0x01]);
  const it = staticIter();
  const t = staticTlv();
  if (iterStart(it, ITER_POLICIES, c.policies, c.policiesLen) !== Err.OK) return false;
  while (iterNext(it)) {
    if (anyOnly && !oidEquals(it.oid, it.oidLen, OID_ANY_POLICY, OID_ANY_POLICY_LEN)) return false;
    if (!cpsOnly) continue;
    // PolicyInformation { policyIdentifier, policyQualifiers SEQUENCE OF { policyQualifierId, qualifier } OPTIONAL }.
    const piEnd = it.tlv + <usize>it.tlvLen;
    let q = it.oid + <usize>it.oidLen;
    if (q >= piEnd) continue;
    if (derRead(t, q, piEnd) !== Err.OK) return false;
    q = t.val;
    const qEnd = t.end;
    while (q < qEnd) {
      if (derRead(t, q, qEnd) !== Err.OK) return false;
      q = t.end;
      if (derRead(t, t.val, t.end) !== Err.OK || t.tag !== TAG_OID) return false;
      if (!oidEquals(t.val, t.len, OID_QT_CPS, OID_QT_CPS_LEN)) return false;
    }
  }
  return true;
}

function notInSet(): Outcome {
  return outcome(Err.UNKNOWN_CRITICAL_EXTENSION, PathDetail.PROFILE_CRITICAL_EXTENSION);
}

/** A stack's set (`set` has CRITX_EXPLICIT): every critical extension of `c` must be understood. */
export function checkCriticalSet(c: Cert, set: u32, unprocessed: u32): Outcome {
  const crit = c.extCritical;
  if (crit === 0) return OUTCOME_OK;
  // What the verifier does not process stays refused, whatever the stack understands.
  const own = checkOwnCriticalExtensions(c, unprocessed);
  if (own !== OUTCOME_OK && ((crit & unprocessed) !== 0 || (set & CRITX_NS_CERT_TYPE) === 0)) return own;
  if ((crit & ~set & ~EXT_UNKNOWN) !== 0) return notInSet();
  if ((crit & EXT_UNKNOWN) !== 0 && !unknownCriticalAreNsCertType(c)) return own;
  if ((crit & EXT_CERT_POLICIES) !== 0) {
    const anyOnly = (set & CRITX_POLICIES_ANY_POLICY_ONLY) !== 0;
    const cpsOnly = (set & CRITX_POLICIES_CPS_ONLY) !== 0;
    if ((anyOnly || cpsOnly) && !policiesUnderstood(c, anyOnly, cpsOnly)) return notInSet();
  }
  return OUTCOME_OK;
}
