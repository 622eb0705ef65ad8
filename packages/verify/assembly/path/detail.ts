// Detail codes of path validation: which rule a certificate or path broke, next to the Err code.
// Numbered from 200 so they never collide with the decoder's Detail codes (x509/detail.ts), which
// the result's detail field also carries. src/path-details.ts holds the texts: append only.

export enum PathDetail {
  NONE = 0,
  NOT_YET_VALID = 200, // time is before notBefore
  EXPIRED, // 201 time is after notAfter
  RSA_TOO_SMALL, // 202 RSA modulus below minRsaBits
  RSA_NOT_MULTIPLE_OF_8, // 203 RSA modulus size not a multiple of 8 (CA/B BR §6.1.5)
  CURVE_UNSUPPORTED, // 204 EC key on a curve other than P-256/P-384, or explicit parameters
  KEY_UNSUPPORTED, // 205 public-key algorithm not supported (DSA, ...)
  UNKNOWN_CRITICAL, // 206 an unrecognised critical extension
  POLICY_CRITICAL, // 207 critical policyMappings/policyConstraints/inhibitAnyPolicy (policy processing not implemented)
  NOT_V3, // 208 leaf or intermediate is not a v3 certificate
  LEAF_IS_CA, // 209 the leaf has basicConstraints cA TRUE
  LEAF_KEY_CERT_SIGN, // 210 keyCertSign in a certificate that is not a CA (RFC 5280 §4.2.1.9)
  NC_IN_NON_CA, // 211 nameConstraints in a certificate that is not a CA (§4.2.1.10)
  AKI_MISSING, // 212 no authorityKeyIdentifier keyIdentifier (§4.2.1.1)
  SKI_MISSING, // 213 CA without subjectKeyIdentifier (§4.2.1.2)
  AKI_SKI_MISMATCH, // 214 self-signed anchor whose AKI keyIdentifier differs from its SKI
  EXT_CRITICALITY, // 215 AKI, SKI or AIA critical, or policyConstraints not critical
  SAN_CRITICALITY, // 216 SAN critical with a non-empty subject, or not critical with an empty one
  CA_SUBJECT_EMPTY, // 217 CA certificate with an empty subject (§4.1.2.6)
  ISSUER_EMPTY, // 218 empty issuer (§4.1.2.4)
  CN_NOT_IN_SAN, // 219 subject CN is not a copy of a SAN entry (CA/B BR §7.1.4.3)
  NOT_CA, // 220 issuer without basicConstraints cA TRUE
  NO_KEY_CERT_SIGN, // 221 issuer keyUsage without keyCertSign
  PATH_LEN, // 222 a pathLenConstraint is exceeded
  MAX_DEPTH, // 223 more intermediates than maxDepth allows
  EKU_LEAF, // 224 the leaf's extendedKeyUsage lacks the purpose
  EKU_CA, // 225 an issuer's extendedKeyUsage lacks the purpose (EKU chaining)
  SIG_MD5, // 226 MD5/MD2 signature (never accepted)
  SIG_SHA1, // 227 SHA-1 signature without allowSha1
  SIG_UNSUPPORTED, // 228 signature algorithm not supported
  SIG_INVALID, // 229 the signature does not verify
  NC_PERMITTED, // 230 a name is outside every permitted subtree of its type
  NC_EXCLUDED, // 231 a name is inside an excluded subtree
  NC_MALFORMED_CONSTRAINT, // 232 a constraint is not well formed for its type
  NC_MALFORMED_NAME, // 233 a name cannot be checked against constraints of its type
  NC_UNSUPPORTED_FORM, // 234 a constraint of a form this verifier does not process applies to a name
  NC_CRITICAL_UNSUPPORTED, // 235 critical nameConstraints while name constraints are not processed
  NAME_NOT_IN_SAN, // 236 no SAN entry matches the requested name
  NAME_INVALID, // 237 the requested name is not a valid DNS name, IP address or mailbox
  CHAIN_ORDER, // 238 intermediates not in issuing order
  NO_ISSUER, // 239 no candidate issuer has the required subject
  BUDGET_SIGNATURES, // 240 signature-check budget exhausted
  BUDGET_BUILD_CALLS, // 241 build-call budget exhausted
  BUDGET_COMPARISONS, // 242 name-constraint comparison budget exhausted
  ANCHOR_NOT_CA, // 243 v3 trust anchor without basicConstraints cA TRUE
  DECODE, // 244 the certificate could not be decoded (see its own status)
}
