// Detail codes: which rule a certificate broke. x509Decode stores one in Cert.detail next to the
// Err it returns, so hosts can say "MALFORMED: validity: notAfter is not a valid UTCTime" instead
// of just "MALFORMED". The TypeScript host holds the texts (src/x509-details.ts, same order):
// append only, never renumber.

/** Where the decoder stopped, or which profile rule failed. */
export enum Detail {
  NONE = 0,
  // ── structure (hard errors) ──
  CERT_TOO_LARGE, // 1  certificate longer than MAX_CERT_LEN
  CERT_SEQUENCE, // 2  Certificate is not one DER SEQUENCE filling the input
  TBS, // 3  TBSCertificate SEQUENCE
  SIGNATURE_ALGORITHM, // 4  outer signatureAlgorithm
  SIGNATURE_VALUE, // 5  signatureValue BIT STRING (must have 0 unused bits)
  CERT_TRAILING, // 6  bytes after signatureValue inside Certificate
  VERSION, // 7  version: [0] INTEGER 1 or 2 (v1 must be omitted)
  SERIAL, // 8  serialNumber INTEGER
  TBS_SIGNATURE, // 9  inner signature AlgorithmIdentifier
  ALGORITHM_MISMATCH, // 10 inner and outer AlgorithmIdentifiers differ
  ALGORITHM_PARAMS, // 11 signature algorithm parameters break RFC 4055 / RFC 5758 / RFC 8410
  PSS_PARAMS, // 12 RSASSA-PSS-params
  ISSUER, // 13 issuer Name
  VALIDITY, // 14 validity SEQUENCE or its times
  SUBJECT, // 15 subject Name
  SPKI, // 16 SubjectPublicKeyInfo structure
  SPKI_PARAMS, // 17 public-key algorithm parameters
  RSA_KEY, // 18 RSAPublicKey
  EC_POINT, // 19 EC point encoding for the curve
  ED25519_KEY, // 20 Ed25519 key is not 32 bytes
  UNIQUE_ID, // 21 issuerUniqueID / subjectUniqueID
  UNIQUE_ID_V1, // 22 unique identifiers in a v1 certificate
  EXTENSIONS_NOT_V3, // 23 extensions in a v1/v2 certificate
  EXTENSIONS_EMPTY, // 24 extensions SEQUENCE is empty (RFC 5280: SIZE (1..MAX))
  EXTENSIONS, // 25 extensions wrapper or Extension SEQUENCE
  TBS_TRAILING, // 26 bytes after the last TBSCertificate field
  TOO_MANY_EXTENSIONS, // 27 more than MAX_EXTENSIONS
  DUPLICATE_EXTENSION, // 28 the same extension OID twice
  EXT_BASIC_CONSTRAINTS, // 29 basicConstraints contents
  EXT_KEY_USAGE, // 30 keyUsage contents
  EXT_EXT_KEY_USAGE, // 31 extKeyUsage contents (incl. empty)
  EXT_SAN, // 32 subjectAltName contents
  EXT_NAME_CONSTRAINTS, // 33 nameConstraints contents
  EXT_AKI, // 34 authorityKeyIdentifier contents
  EXT_SKI, // 35 subjectKeyIdentifier contents
  EXT_CERT_POLICIES, // 36 certificatePolicies contents
  EXT_AIA, // 37 authorityInfoAccess contents
  EXT_CRL_DP, // 38 cRLDistributionPoints contents
  EXT_POLICY_MAPPINGS, // 39 policyMappings contents
  EXT_POLICY_CONSTRAINTS, // 40 policyConstraints contents
  EXT_INHIBIT_ANY_POLICY, // 41 inhibitAnyPolicy contents
  EXT_ISSUER_ALT_NAME, // 42 issuerAltName contents
  // ── profile rules (soft errors: the slot is fully decoded) ──
  UNKNOWN_CRITICAL, // 43 an unrecognised extension is critical
  UNPROCESSED_CRITICAL, // 44 policyMappings/policyConstraints/inhibitAnyPolicy critical: policy processing is not implemented
  SERIAL_ZERO, // 45 serialNumber is 0 (RFC 5280 §4.1.2.2)
  SERIAL_NEGATIVE, // 46 serialNumber is negative (§4.1.2.2)
  SERIAL_TOO_LONG, // 47 serialNumber longer than 20 octets (§4.1.2.2)
  ISSUER_EMPTY, // 48 issuer is an empty Name (§4.1.2.4)
  EMPTY_SUBJECT_NO_CRITICAL_SAN, // 49 empty subject without a critical subjectAltName (§4.1.2.6, §4.2.1.6)
  AKI_CRITICAL, // 50 authorityKeyIdentifier marked critical (§4.2.1.1)
  SKI_CRITICAL, // 51 subjectKeyIdentifier marked critical (§4.2.1.2)
  AIA_CRITICAL, // 52 authorityInfoAccess marked critical (§4.2.2.1)
  POLICY_CONSTRAINTS_NOT_CRITICAL, // 53 policyConstraints not critical (§4.2.1.11)
  NAME_CONSTRAINTS_NOT_CA, // 54 nameConstraints in a certificate that is not a CA (§4.2.1.10)
  PATHLEN_NOT_CA, // 55 pathLenConstraint without cA TRUE (§4.2.1.9)
  KEY_USAGE_EMPTY, // 56 keyUsage with no bit set (§4.2.1.3)
  KEY_CERT_SIGN_NOT_CA, // 57 keyCertSign asserted without cA TRUE (§4.2.1.3)
  AKI_ISSUER_SERIAL_PAIR, // 58 AKI has only one of authorityCertIssuer / authorityCertSerialNumber (§4.2.1.1)
}
