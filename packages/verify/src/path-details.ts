// Texts of path validation's detail codes (assembly/path/detail.ts, numbered from 200, same
// order; a test keeps the two lists in step). Codes below 200 are the decoder's (x509-details.ts).
import { x509Detail } from './x509-details.js';

/** First path detail code. */
export const PATH_DETAIL_BASE = 200;

/** [name, text] per path detail code, from PATH_DETAIL_BASE on. */
export const PATH_DETAILS = [
  ['NOT_YET_VALID', 'the validation time is before notBefore'],
  ['EXPIRED', 'the validation time is after notAfter'],
  ['RSA_TOO_SMALL', 'the RSA key is smaller than minRsaBits'],
  ['RSA_NOT_MULTIPLE_OF_8', 'the RSA modulus size is not a multiple of 8 bits (CA/B BR §6.1.5)'],
  ['CURVE_UNSUPPORTED', 'the EC key is not on P-256 or P-384'],
  ['KEY_UNSUPPORTED', 'the public-key algorithm is not supported (RSA, EC P-256/P-384 and Ed25519 are)'],
  ['UNKNOWN_CRITICAL', 'a critical extension is not recognised'],
  ['POLICY_CRITICAL', 'a critical policy extension cannot be processed (policy trees are not implemented)'],
  ['NOT_V3', 'leaves and intermediates must be version 3 certificates'],
  ['LEAF_IS_CA', 'the leaf has basicConstraints cA TRUE (CA/B BR §7.1.2.7.8)'],
  ['LEAF_KEY_CERT_SIGN', 'keyCertSign is asserted in a certificate that is not a CA (RFC 5280 §4.2.1.9)'],
  ['NC_IN_NON_CA', 'nameConstraints appear in a certificate that is not a CA (RFC 5280 §4.2.1.10)'],
  ['AKI_MISSING', 'the authorityKeyIdentifier keyIdentifier is missing (RFC 5280 §4.2.1.1)'],
  ['SKI_MISSING', 'the CA has no subjectKeyIdentifier (RFC 5280 §4.2.1.2)'],
  ['AKI_SKI_MISMATCH', 'the self-signed root’s authorityKeyIdentifier differs from its subjectKeyIdentifier'],
  ['EXT_CRITICALITY', 'AKI, SKI or AIA is critical, or policyConstraints is not (RFC 5280 §4.2)'],
  [
    'SAN_CRITICALITY',
    'subjectAltName criticality does not fit the subject (critical only with an empty subject)',
  ],
  ['CA_SUBJECT_EMPTY', 'a CA certificate has an empty subject (RFC 5280 §4.1.2.6)'],
  ['ISSUER_EMPTY', 'the issuer name is empty (RFC 5280 §4.1.2.4)'],
  ['CN_NOT_IN_SAN', 'the subject CN differs from the SAN entry it copies (CA/B BR §7.1.4.3)'],
  ['NOT_CA', 'the issuing certificate is not a CA (basicConstraints cA is absent or FALSE)'],
  ['NO_KEY_CERT_SIGN', 'the issuing certificate’s keyUsage does not allow keyCertSign'],
  ['PATH_LEN', 'a pathLenConstraint allows fewer intermediates below that CA'],
  ['MAX_DEPTH', 'the path needs more intermediates than maxDepth allows'],
  ['EKU_LEAF', 'the leaf’s extendedKeyUsage does not include the requested purpose'],
  ['EKU_CA', 'an issuer’s extendedKeyUsage does not include the requested purpose (EKU chaining)'],
  ['SIG_MD5', 'the signature uses MD5 or MD2, which are never accepted'],
  ['SIG_SHA1', 'the signature uses SHA-1 (pass allowSha1 to accept it)'],
  ['SIG_UNSUPPORTED', 'the signature algorithm is not supported'],
  ['SIG_INVALID', 'the signature does not verify with the issuer’s key'],
  ['NC_PERMITTED', 'a name lies outside every permitted subtree of its form'],
  ['NC_EXCLUDED', 'a name lies inside an excluded subtree'],
  [
    'NC_MALFORMED_CONSTRAINT',
    'a name constraint is not well formed for its form (e.g. a DNS constraint with a leading period)',
  ],
  [
    'NC_MALFORMED_NAME',
    'a name cannot be checked against the constraints of its form (malformed, or a URI without a host name)',
  ],
  [
    'NC_UNSUPPORTED_FORM',
    'a constraint of a form this verifier does not process applies to a name in the chain',
  ],
  [
    'NC_CRITICAL_UNSUPPORTED',
    'critical nameConstraints, and name constraints are not processed in this profile',
  ],
  ['NAME_NOT_IN_SAN', 'no subjectAltName entry matches the requested name'],
  ['NAME_INVALID', 'the requested name is not a valid DNS name, IP address or mailbox'],
  ['CHAIN_ORDER', 'the intermediates are not in issuing order'],
  ['NO_ISSUER', 'no certificate has this certificate’s issuer as its subject'],
  ['BUDGET_SIGNATURES', 'the signature-check budget ran out'],
  ['BUDGET_BUILD_CALLS', 'the path-building budget ran out'],
  ['BUDGET_COMPARISONS', 'the name-constraint comparison budget ran out'],
  ['ANCHOR_NOT_CA', 'the v3 trust anchor is not a CA (basicConstraints cA is absent or FALSE)'],
  ['DECODE', 'the certificate could not be decoded'],
] as const;

/** Name and text of a detail code from the verifyChain result (path or decoder). */
export function pathDetail(n: number): { name: string; text: string } {
  if (n < PATH_DETAIL_BASE) return x509Detail(n);
  const d = PATH_DETAILS[n - PATH_DETAIL_BASE];
  return d ? { name: d[0], text: d[1] } : { name: `DETAIL_${n}`, text: `path detail ${n}` };
}
