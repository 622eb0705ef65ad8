// Texts of the decoder's detail codes (assembly/x509/detail.ts, same order; a test keeps the two
// lists in step). A detail names the rule behind a MALFORMED / UNKNOWN_CRITICAL_EXTENSION /
// DUPLICATE_EXTENSION / ALGORITHM_MISMATCH / INPUT_TOO_LARGE from the certificate decoder.

/** [name, text] per detail code, indexed by the number the wasm stores in Cert.detail. */
export const X509_DETAILS = [
  ['NONE', 'no problem'],
  ['CERT_TOO_LARGE', 'the certificate is larger than the decoder accepts (128 KiB)'],
  ['CERT_SEQUENCE', 'the input is not exactly one DER Certificate SEQUENCE'],
  ['TBS', 'tbsCertificate is not a well-formed SEQUENCE'],
  ['SIGNATURE_ALGORITHM', 'signatureAlgorithm is not a well-formed AlgorithmIdentifier'],
  ['SIGNATURE_VALUE', 'signatureValue is not a BIT STRING of whole octets'],
  ['CERT_TRAILING', 'bytes follow signatureValue inside the Certificate'],
  ['VERSION', 'version must be v2 or v3 when present (v1 is encoded by omitting it)'],
  ['SERIAL', 'serialNumber is not a well-formed INTEGER'],
  ['TBS_SIGNATURE', 'the signature AlgorithmIdentifier inside tbsCertificate is malformed'],
  [
    'ALGORITHM_MISMATCH',
    'the signature algorithm inside tbsCertificate differs from the outer one (RFC 5280 §4.1.1.2)',
  ],
  [
    'ALGORITHM_PARAMS',
    'signature algorithm parameters are not allowed for this algorithm (RFC 4055, RFC 5758, RFC 8410)',
  ],
  ['PSS_PARAMS', 'RSASSA-PSS parameters are malformed (RFC 4055 §3.1)'],
  ['ISSUER', 'issuer is not a well-formed Name'],
  ['VALIDITY', 'validity is malformed (RFC 5280 §4.1.2.5: UTCTime/GeneralizedTime with seconds and Z)'],
  ['SUBJECT', 'subject is not a well-formed Name'],
  ['SPKI', 'subjectPublicKeyInfo is malformed'],
  ['SPKI_PARAMS', 'public-key algorithm parameters are wrong for the key type'],
  ['RSA_KEY', 'the RSA public key is not a well-formed RSAPublicKey'],
  ['EC_POINT', 'the EC public key is not a point encoding for its curve'],
  ['ED25519_KEY', 'the Ed25519 public key is not 32 bytes'],
  ['UNIQUE_ID', 'issuerUniqueID/subjectUniqueID is malformed'],
  ['UNIQUE_ID_V1', 'unique identifiers are not allowed in a v1 certificate'],
  ['EXTENSIONS_NOT_V3', 'extensions are only allowed in a v3 certificate'],
  ['EXTENSIONS_EMPTY', 'the extensions list is empty (RFC 5280: SIZE (1..MAX))'],
  ['EXTENSIONS', 'an Extension is malformed'],
  ['TBS_TRAILING', 'unexpected data after the last tbsCertificate field'],
  ['TOO_MANY_EXTENSIONS', 'more than 64 extensions'],
  ['DUPLICATE_EXTENSION', 'the same extension appears twice (RFC 5280 §4.2)'],
  ['EXT_BASIC_CONSTRAINTS', 'basicConstraints is malformed'],
  ['EXT_KEY_USAGE', 'keyUsage is malformed'],
  ['EXT_EXT_KEY_USAGE', 'extKeyUsage is malformed or empty'],
  ['EXT_SAN', 'subjectAltName is malformed'],
  ['EXT_NAME_CONSTRAINTS', 'nameConstraints is malformed'],
  ['EXT_AKI', 'authorityKeyIdentifier is malformed'],
  ['EXT_SKI', 'subjectKeyIdentifier is malformed'],
  ['EXT_CERT_POLICIES', 'certificatePolicies is malformed'],
  ['EXT_AIA', 'authorityInfoAccess is malformed'],
  ['EXT_CRL_DP', 'cRLDistributionPoints is malformed'],
  ['EXT_POLICY_MAPPINGS', 'policyMappings is malformed'],
  ['EXT_POLICY_CONSTRAINTS', 'policyConstraints is malformed'],
  ['EXT_INHIBIT_ANY_POLICY', 'inhibitAnyPolicy is malformed'],
  ['EXT_ISSUER_ALT_NAME', 'issuerAltName is malformed'],
  ['UNKNOWN_CRITICAL', 'an unrecognised extension is marked critical'],
  [
    'UNPROCESSED_CRITICAL',
    'a critical policyMappings, policyConstraints or inhibitAnyPolicy extension (policy processing is not implemented)',
  ],
  ['SERIAL_ZERO', 'serialNumber is zero (RFC 5280 §4.1.2.2)'],
  ['SERIAL_NEGATIVE', 'serialNumber is negative (RFC 5280 §4.1.2.2)'],
  ['SERIAL_TOO_LONG', 'serialNumber is longer than 20 octets (RFC 5280 §4.1.2.2)'],
  ['ISSUER_EMPTY', 'issuer is an empty name (RFC 5280 §4.1.2.4)'],
  [
    'EMPTY_SUBJECT_NO_CRITICAL_SAN',
    'subject is empty but subjectAltName is absent or not critical (RFC 5280 §4.2.1.6)',
  ],
  ['AKI_CRITICAL', 'authorityKeyIdentifier is marked critical (RFC 5280 §4.2.1.1)'],
  ['SKI_CRITICAL', 'subjectKeyIdentifier is marked critical (RFC 5280 §4.2.1.2)'],
  ['AIA_CRITICAL', 'authorityInfoAccess is marked critical (RFC 5280 §4.2.2.1)'],
  ['POLICY_CONSTRAINTS_NOT_CRITICAL', 'policyConstraints is not marked critical (RFC 5280 §4.2.1.11)'],
  ['NAME_CONSTRAINTS_NOT_CA', 'nameConstraints in a certificate that is not a CA (RFC 5280 §4.2.1.10)'],
  ['PATHLEN_NOT_CA', 'pathLenConstraint without cA TRUE (RFC 5280 §4.2.1.9)'],
  ['KEY_USAGE_EMPTY', 'keyUsage has no bit set (RFC 5280 §4.2.1.3)'],
  ['KEY_CERT_SIGN_NOT_CA', 'keyCertSign is asserted but basicConstraints cA is not (RFC 5280 §4.2.1.3)'],
  [
    'AKI_ISSUER_SERIAL_PAIR',
    'authorityKeyIdentifier has only one of authorityCertIssuer and authorityCertSerialNumber (RFC 5280 §4.2.1.1)',
  ],
] as const;

/** Name of a detail code. */
export type X509DetailName = (typeof X509_DETAILS)[number][0];

/** The detail's [name, text], or a placeholder for a number this table does not know. */
export function x509Detail(n: number): { name: string; text: string } {
  const d = X509_DETAILS[n];
  return d ? { name: d[0], text: d[1] } : { name: `DETAIL_${n}`, text: `decoder detail ${n}` };
}
