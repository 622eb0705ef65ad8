// Device profiles: what a device's TLS stack will say about a chain, as verifyChain options plus
// the evidence for each behaviour (the stack's source function or documentation, and what the
// differential against the real library measured: src/profiles.differential.test.ts).
//
// A profile is data. `verifyChain({ profile })` starts from the profile's options; options given
// explicitly override them (profile-options.ts). Profiles of devices without a trusted clock are
// prediction-only: verifyChain refuses them, predictDevice (predict-device.ts) answers with a
// result marked as a prediction, so they never make a chain acceptable in hubtrust's own verdicts.
//
// The options a profile sets are today's; where a stack behaves in a way no option expresses yet,
// the behaviour lists the option it needs (`missing`), and the differential's disagreement table
// (test-data/profiles/disagreements.json) lists the cases that behaviour explains.
import type { ChainRuleOptions } from './chain-options.js';
import type { VerifyChainOptions } from './verify-chain.js';

/** Profiles whose verdict hubtrust can stand behind: the stack checks validity against a clock. */
export type DeviceProfileId =
  | 'mbedtls-2.28'
  | 'mbedtls-3.6'
  | 'wolfssl-5.5'
  | 'bearssl-0.6'
  | 'esp-crt-bundle'
  | 'openssl-3.0'
  | 'webpki'
  | 'strict';

/** Prediction-only profiles: devices without a trusted clock (see {@link predictDevice}). */
export type NoClockProfileId =
  | 'mbedtls-2.28-no-clock'
  | 'mbedtls-3.6-no-clock'
  | 'esp-crt-bundle-no-clock'
  | 'bearssl-0.6-no-clock';

/** Any profile id. */
export type AnyProfileId = DeviceProfileId | NoClockProfileId;

/** The verifyChain options a profile sets (never the chain, the time, the name or the budget). */
export type ProfileOptions = Readonly<
  Pick<
    VerifyChainOptions,
    | 'purpose'
    | 'maxDepth'
    | 'minRsaBits'
    | 'allowSha1'
    | 'enforceAnchorExpiry'
    | 'requireOrderedChain'
    | 'nameConstraints'
    | 'strictProfile'
    // path building and trust anchors (chain-options.ts)
    | keyof ChainRuleOptions
    | 'nameChaining'
    | 'hostNameRule'
    | 'nameConstraintRule'
    // usages, critical extensions, end of validity, algorithms (stack-options.ts)
    | 'leafKeyUsage'
    | 'issuerKeyUsage'
    | 'ekuScope'
    | 'anyExtendedKeyUsage'
    | 'criticalExtensions'
    | 'validityEnd'
    | 'signatureAlgorithms'
    | 'issuanceRules'
    | 'policyProcessing'
  >
>;

/** Where a statement about a stack comes from. */
export interface ProfileEvidence {
  /** `source`: a function in the stack's code; `doc`: its documentation; `measured`: the differential. */
  kind: 'source' | 'doc' | 'measured';
  /** Repository and path, or a URL, or the corpus cases. */
  where: string;
  /** The function, setting or section. */
  what: string;
}

/** The aspects of chain validation in which stacks differ. */
export type BehaviourId =
  | 'chain-order'
  | 'anchor-validity'
  | 'anchor-form'
  | 'trusted-leaf'
  | 'name-chaining'
  | 'signature-hashes'
  | 'key-sizes'
  | 'algorithms'
  | 'critical-extensions'
  | 'name-constraints'
  | 'host-name'
  | 'extended-key-usage'
  | 'key-usage'
  | 'path-length'
  | 'validity'
  | 'clock'
  | 'certificate-policies';

/** One behaviour of a stack, how the profile models it, and why we believe it. */
export interface ProfileBehaviour {
  behaviour: BehaviourId;
  /** What the stack does. */
  stack: string;
  /** The option(s) that model it today, e.g. `enforceAnchorExpiry: false`. */
  modelledBy?: string;
  /** What verifyChain lacks to model it (a missing option or RFC 5280 part; issue 12, phase 2). */
  missing?: string;
  evidence: readonly ProfileEvidence[];
}

/** A device profile. */
export interface DeviceProfile {
  id: AnyProfileId;
  /** One paragraph: which devices this is. */
  description: string;
  /** The stack and version modelled, and the build configuration that matters. */
  stack: { name: string; version: string; build: string };
  /** False: the device has no trusted clock; the profile is prediction-only. */
  trustedClock: boolean;
  options: ProfileOptions;
  behaviours: readonly ProfileBehaviour[];
  /** The harness of the differential (hosts/stacks/), or why there is none. */
  differential: { harness: string } | { none: string };
}

const MBEDTLS2 = 'Mbed-TLS/mbedtls v2.28 library/x509_crt.c';
const MBEDTLS3 = 'Mbed-TLS/mbedtls v3.6 library/x509_crt.c';
const MBEDTLS_SSL2 = 'Mbed-TLS/mbedtls v2.28 library/ssl_tls.c';
const WOLFSSL = 'wolfSSL/wolfssl v5.5.4';
const BEARSSL = 'BearSSL 0.6 src/x509/x509_minimal.t0';
const OPENSSL = 'openssl/openssl 3.0 crypto/x509/x509_vfy.c';
const WEBPKI = 'rustls/webpki src/verify_cert.rs';
const ESP = 'espressif/esp-idf components/mbedtls/esp_crt_bundle/esp_crt_bundle.c';

const src = (where: string, what: string): ProfileEvidence => ({ kind: 'source', where, what });
const doc = (where: string, what: string): ProfileEvidence => ({ kind: 'doc', where, what });
const measured = (what: string): ProfileEvidence => ({ kind: 'measured', where: 'profile corpus', what });

/** What mbedTLS 2.28 and 3.6 share (x509_crt_verify_chain and its helpers did not change). */
function mbedtlsBehaviours(v3: boolean): ProfileBehaviour[] {
  const file = v3 ? MBEDTLS3 : MBEDTLS2;
  return [
    {
      behaviour: 'chain-order',
      stack:
        'the parent of each certificate is searched in the trusted CAs first, then only among the certificates sent after it; the first candidate with the right name, CA bit, keyUsage and pathLen is taken (a trusted one only if its signature verifies; a time-valid one preferred), even if its signature is bad, with no backtracking and no loop detection; the pathLen test counts the child even when it is self-issued; every sent certificate is parsed first (one that does not parse fails the handshake)',
      modelledBy:
        "chainOrder: 'issuer-after-child', issuerSelection: 'first-match', sentCertificates: 'all-must-parse'",
      evidence: [
        src(file, 'x509_crt_find_parent, x509_crt_find_parent_in (fallback_parent, path_cnt, self_cnt)'),
        src(MBEDTLS_SSL2, 'ssl_parse_certificate_chain (mbedtls_x509_crt_parse_der per certificate)'),
        measured('order::*, order::same-name-decoy-first'),
      ],
    },
    {
      behaviour: 'anchor-validity',
      stack: 'the trusted root is time-checked like every certificate (EXPIRED/FUTURE flags)',
      modelledBy: 'enforceAnchorExpiry: true',
      evidence: [
        src(file, 'x509_crt_verify_chain (time checks before the trusted-root stop)'),
        measured('expiry::root-*'),
      ],
    },
    {
      behaviour: 'anchor-form',
      stack:
        'any trusted certificate can be a parent (no self-signed requirement); a v3 trusted certificate needs cA and keyCertSign (v1/v2 ones do not); the trusted parent signature must verify; pathLenConstraint of the trusted root counts',
      modelledBy:
        "anchorForm: 'certificate' (the default: v3 anchors must be CAs, v1 ones are name and key), issuerSelection: 'first-match' (the signature test)",
      evidence: [src(file, 'x509_crt_check_parent (need_ca_bit, top && version < 3)'), measured('anchor::*')],
    },
    {
      behaviour: 'trusted-leaf',
      stack:
        'a leaf is accepted without issuer only if it is self-issued and byte-identical to a trusted certificate',
      modelledBy: "trustedLeaf: 'self-issued-copy'",
      evidence: [
        src(file, 'x509_crt_check_ee_locally_trusted'),
        measured('anchor::self-signed-leaf, anchor::issued-leaf-pinned-*'),
      ],
    },
    {
      behaviour: 'name-chaining',
      stack:
        'issuer = subject attribute by attribute; values equal byte for byte, or both UTF8String/PrintableString with the same length and equal ignoring ASCII case; no whitespace folding (RFC 5280 7.1 in part)',
      modelledBy: "nameChaining: 'ascii-case-insensitive'",
      evidence: [src(file, 'x509_name_cmp, x509_string_cmp'), measured('names::*')],
    },
    {
      behaviour: 'signature-hashes',
      stack: v3
        ? 'default profile: SHA-256, SHA-384, SHA-512 only; the root self-signature is never checked'
        : 'default profile: SHA-224 and above (SHA-1 only with MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_CERTIFICATES, absent in 2.28); the root self-signature is never checked',
      modelledBy: 'allowSha1: false',
      evidence: [
        src(file, 'mbedtls_x509_crt_profile_default, x509_profile_check_md_alg'),
        measured('sha1::*, md5::*'),
      ],
    },
    {
      behaviour: 'key-sizes',
      stack: 'RSA keys of 2048 bits or more, the leaf and the trusted root included',
      modelledBy: 'minRsaBits: 2048',
      evidence: [
        src(file, 'mbedtls_x509_crt_profile_default (rsa_min_bitlen 2048), x509_profile_check_key'),
        measured('rsa-size::*'),
      ],
    },
    {
      behaviour: 'algorithms',
      stack: v3
        ? 'RSA PKCS#1 v1.5 and PSS, ECDSA on P-256/384/521 and Brainpool curves; no Ed25519 in X.509'
        : 'RSA PKCS#1 v1.5 and PSS, ECDSA on every enabled curve (P-521 included); Ed25519 keys do not parse',
      modelledBy:
        'signatureAlgorithms: RSA-PSS, ECDSA P-256/P-384/P-521 besides RSA PKCS#1 v1.5 (no Ed25519); P-521 in verify.wasm (RFC 5480)',
      evidence: [src(file, 'mbedtls_x509_crt_parse_der, x509_profile_check_key'), measured('algorithm::*')],
    },
    {
      behaviour: 'critical-extensions',
      stack: v3
        ? 'a critical extension it does not parse fails the parse (unless an extension callback accepts it); parses basicConstraints, keyUsage, extendedKeyUsage, subjectAltName, nsCertType, certificatePolicies (a critical one only with anyPolicy), subject/authority key identifiers'
        : 'a critical extension it does not parse fails the parse: parses basicConstraints, keyUsage, extendedKeyUsage, subjectAltName, nsCertType, certificatePolicies (a critical one only with anyPolicy); critical key identifiers, name constraints or policy constraints reject',
      modelledBy:
        "criticalExtensions: basicConstraints, keyUsage, extKeyUsage, subjectAltName, nsCertType, 'certificatePolicies/anyPolicy-only' (3.6: and the key identifiers)",
      evidence: [
        src(
          file,
          v3
            ? 'x509_get_crt_ext, x509_get_subject_key_id, x509_get_authority_key_id'
            : 'x509_get_crt_ext (MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION off)',
        ),
        measured('extension::*'),
      ],
    },
    {
      behaviour: 'name-constraints',
      stack:
        'name constraints are not implemented: a critical nameConstraints extension rejects the certificate, a non-critical one is ignored',
      modelledBy: "nameConstraints: 'reject-if-critical'",
      evidence: [src(file, 'x509_get_crt_ext (no name-constraints parser)'), measured('nc::*')],
    },
    {
      behaviour: 'host-name',
      stack: v3
        ? 'with a subjectAltName extension: dNSName (then iPAddress, URI) entries only; without one: every CN; wildcard "*." matches any first label, even "*.com"; ASCII case-insensitive'
        : 'with a subjectAltName extension: dNSName entries only (an IP address is compared as text); without one: every CN; wildcard "*." matches any first label, even "*.com"; ASCII case-insensitive',
      modelledBy:
        "hostNameRule: { cnFallback: 'without-san', wildcard: 'any-first-label', trailingDot: 'literal', underscores: true }",
      evidence: [
        src(file, 'x509_crt_verify_name, x509_crt_check_cn, x509_check_wildcard'),
        measured('host::*'),
      ],
    },
    {
      behaviour: 'extended-key-usage',
      stack:
        'only the leaf: extendedKeyUsage, when present, must hold serverAuth (clientAuth) or anyExtendedKeyUsage; CA certificates are not checked',
      modelledBy: "purpose: 'serverAuth', ekuScope: 'leaf'",
      evidence: [
        src(MBEDTLS_SSL2, 'mbedtls_ssl_check_cert_usage'),
        src(file, 'mbedtls_x509_crt_check_extended_key_usage'),
        measured('usage::int-eku-*'),
      ],
    },
    {
      behaviour: 'key-usage',
      stack:
        'the leaf keyUsage, when present, must allow digitalSignature (ECDHE suites); CA certificates need keyCertSign when keyUsage is present',
      modelledBy: "leafKeyUsage: 'digital-signature'",
      evidence: [
        src(MBEDTLS_SSL2, 'mbedtls_ssl_check_cert_usage'),
        src(file, 'x509_crt_check_parent'),
        measured('usage::leaf-ku-*'),
      ],
    },
    {
      behaviour: 'path-length',
      stack:
        'at most MBEDTLS_X509_MAX_INTERMEDIATE_CA = 8 intermediates (a fatal error beyond); pathLenConstraint of every CA including the trusted root, self-issued intermediates not counted',
      modelledBy: 'maxDepth: 8',
      evidence: [src(file, 'x509_crt_verify_chain (MBEDTLS_X509_MAX_INTERMEDIATE_CA)'), measured('depth::*')],
    },
    {
      behaviour: 'validity',
      stack: 'notBefore and notAfter inclusive, second precision',
      modelledBy: 'verifyChain today: notBefore and notAfter inclusive, second precision',
      evidence: [
        src(file.replace('x509_crt.c', 'x509.c'), 'mbedtls_x509_time_is_past, mbedtls_x509_time_is_future'),
        measured('expiry::*-at-*'),
      ],
    },
    {
      behaviour: 'clock',
      stack:
        'the system clock (time()) through MBEDTLS_HAVE_TIME_DATE; without it no validity is checked at all (the -no-clock profile)',
      modelledBy: 'the `time` option (the -no-clock profiles model devices without one)',
      evidence: [
        src(
          file.replace('x509_crt.c', 'x509.c'),
          'mbedtls_x509_time_is_past (returns 0 without MBEDTLS_HAVE_TIME_DATE)',
        ),
      ],
    },
    {
      behaviour: 'certificate-policies',
      stack:
        'no policy processing: policyMappings, policyConstraints and inhibitAnyPolicy are not parsed, so a critical one fails the parse and a non-critical one is ignored',
      modelledBy: "policyProcessing: 'reject-if-critical'",
      evidence: [
        src(
          file,
          'x509_get_crt_ext (unknown extension: critical fails unless MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION)',
        ),
        measured('extension::policy-constraints-int, inhibit-any-policy-int, policy-mappings-int'),
      ],
    },
  ];
}

const LENIENT_BASE = { strictProfile: false } as const;

// Usage, critical-extension and algorithm options of mbedTLS 2.28 (evidence in mbedtlsBehaviours).
const MBEDTLS_ALGORITHMS = [
  'rsa-pss',
  'rsa-pss-by-anchor',
  'ecdsa-p256',
  'ecdsa-p384',
  'ecdsa-p521',
] as const;
const MBEDTLS2_CRITICAL = [
  'basicConstraints',
  'keyUsage',
  'extKeyUsage',
  'subjectAltName',
  'nsCertType',
  'certificatePolicies/anyPolicy-only',
] as const;
const MBEDTLS_OPTIONS: ProfileOptions = {
  ...LENIENT_BASE,
  purpose: 'serverAuth',
  maxDepth: 8,
  minRsaBits: 2048,
  allowSha1: false,
  enforceAnchorExpiry: true,
  requireOrderedChain: false,
  nameConstraints: 'reject-if-critical',
  // path building and trust anchors
  chainOrder: 'issuer-after-child',
  issuerSelection: 'first-match',
  trustedLeaf: 'self-issued-copy',
  sentCertificates: 'all-must-parse',
  // x509_name_cmp / x509_string_cmp; x509_crt_verify_name, x509_crt_check_cn, x509_check_wildcard.
  nameChaining: 'ascii-case-insensitive',
  hostNameRule: {
    cnFallback: 'without-san',
    wildcard: 'any-first-label',
    trailingDot: 'literal',
    underscores: true,
  },
  // usages, critical extensions, end of validity, algorithms (stack-options.ts)
  leafKeyUsage: 'digital-signature',
  ekuScope: 'leaf',
  criticalExtensions: MBEDTLS2_CRITICAL,
  signatureAlgorithms: MBEDTLS_ALGORITHMS,
  policyProcessing: 'reject-if-critical',
};

/** mbedTLS 3.6 also parses the key identifiers (x509_get_crt_ext: SUBJECT/AUTHORITY_KEY_IDENTIFIER). */
const MBEDTLS3_OPTIONS: ProfileOptions = {
  ...MBEDTLS_OPTIONS,
  criticalExtensions: [...MBEDTLS2_CRITICAL, 'authorityKeyIdentifier', 'subjectKeyIdentifier'],
};

const ESP_OPTIONS: ProfileOptions = {
  ...MBEDTLS_OPTIONS,
  enforceAnchorExpiry: false,
  // path building and trust anchors
  anchorForm: 'name-and-key',
  trustedLeaf: 'never',
  // esp_crt_find_cert: the issuer of the top certificate by memcmp of the subject in the bundle.
  nameChaining: 'ascii-case-insensitive-exact-anchor',
  // usages, critical extensions, end of validity, algorithms (stack-options.ts)
  // esp_crt_check_signature verifies the bundle root's signature with PKCS#1 v1.5 or ECDSA only.
  signatureAlgorithms: MBEDTLS_ALGORITHMS.filter((a) => a !== 'rsa-pss-by-anchor'),
};

function espBehaviours(): ProfileBehaviour[] {
  return [
    ...mbedtlsBehaviours(true).filter(
      (b) =>
        b.behaviour !== 'anchor-validity' &&
        b.behaviour !== 'anchor-form' &&
        b.behaviour !== 'trusted-leaf' &&
        b.behaviour !== 'name-chaining',
    ),
    {
      behaviour: 'trusted-leaf',
      stack:
        'no certificate is kept, so a pinned leaf is never trusted as such; a self-signed leaf whose subject and key are in the bundle verifies as the top of its own chain',
      modelledBy: "trustedLeaf: 'never' (the self-signed case through anchorForm: 'name-and-key')",
      evidence: [
        src(ESP, 'esp_crt_verify_callback'),
        measured('anchor::issued-leaf-pinned-*, anchor::self-signed-leaf'),
      ],
    },
    {
      behaviour: 'name-chaining',
      stack:
        "mbedTLS's x509_name_cmp between sent certificates (ASCII case, UTF8String/PrintableString interchangeable); the top certificate's issuer is found in the bundle by memcmp of the subject bytes",
      modelledBy: "nameChaining: 'ascii-case-insensitive-exact-anchor'",
      evidence: [
        src(MBEDTLS3, 'x509_name_cmp, x509_string_cmp'),
        src(ESP, 'esp_crt_find_cert (memcmp of the subject)'),
        measured('names::*'),
      ],
    },
    {
      behaviour: 'anchor-validity',
      stack:
        'the bundle keeps only the subject and public key of each root: the root certificate never takes part, so its validity, extensions and key size are never checked',
      modelledBy:
        "enforceAnchorExpiry: false; anchorForm: 'name-and-key' (implies anchorConstraints: 'ignore', anchorKeyPolicy: false)",
      evidence: [
        src(ESP, 'esp_crt_verify_callback, esp_crt_check_signature; bundle format: subject name + key'),
        measured('expiry::root-*, rsa-size::root-1024'),
      ],
    },
    {
      behaviour: 'anchor-form',
      stack:
        "mbedTLS verifies against a dummy CA list; the top certificate of the sent chain ends NOT_TRUSTED and the callback trusts it when the bundle holds its issuer's exact subject bytes (memcmp) and that key verifies its signature (RSA PKCS#1 v1.5 or ECDSA, SHA-1/2); the top certificate's own flags must be NOT_TRUSTED only (BAD_MD excepted): a sent root that is expired fails",
      modelledBy:
        "anchorForm: 'name-and-key' (exact subject bytes, the sent chain followed first, SHA-1 allowed on the top's signature), with mbedTLS's chainOrder and issuerSelection",
      evidence: [
        src(ESP, 'esp_crt_verify_callback (flags_filtered, *flags = 0), esp_crt_find_cert'),
        src(
          'espressif/esp-idf components/mbedtls/esp_crt_bundle/gen_crt_bundle.py',
          'subject and public key of each root (Python cryptography)',
        ),
        measured(
          'names::*-int-issuer-*, sha1::int, expiry::root-expired-sent-in-chain, anchor::intermediate-trusted-*',
        ),
      ],
    },
  ];
}

const WOLFSSL_OPTIONS: ProfileOptions = {
  ...LENIENT_BASE,
  purpose: 'serverAuth',
  maxDepth: 14,
  minRsaBits: 1024,
  allowSha1: true,
  enforceAnchorExpiry: false,
  requireOrderedChain: false,
  nameConstraints: 'enforce',
  // path building and trust anchors
  chainOrder: 'issuer-after-child',
  issuerLookup: 'key-identifier-computed',
  trustedLeaf: 'self-signed-copy',
  anchorForm: 'any-certificate',
  sentCertificates: 'all-must-verify',
  leafPathLen: 'count-ca-leaf',
  pathLenOnAnchor: false,
  // GetNameHash (names by DER hash); CheckHostName, MatchDomainName; ConfirmNameConstraints.
  nameChaining: 'exact',
  hostNameRule: {
    cnFallback: 'without-dns-or-ip-san',
    wildcard: 'glob-per-label',
    trailingDot: 'literal',
    underscores: true,
  },
  nameConstraintRule: {
    ignoreForms: ['ip', 'uri', 'other'],
    commonNameAsDns: 'without-san',
    ipSanAgainstDns: true,
    rejectInEndEntity: true,
    scope: 'issued',
    excludedWildcard: 'literal',
  },
  // usages, critical extensions, end of validity, algorithms (stack-options.ts)
  ekuScope: 'leaf',
  issuerKeyUsage: 'ignore',
  criticalExtensions: [
    'basicConstraints',
    'keyUsage',
    'extKeyUsage',
    'subjectAltName',
    'nameConstraints',
    'certificatePolicies',
    'cRLDistributionPoints',
    'authorityInfoAccess',
    'nsCertType',
    'policyConstraints',
    'inhibitAnyPolicy',
  ],
  policyProcessing: 'ignore-except-critical-mappings',
};

const BEARSSL_OPTIONS: ProfileOptions = {
  ...LENIENT_BASE,
  purpose: 'any',
  maxDepth: 14,
  minRsaBits: 1024,
  allowSha1: true,
  enforceAnchorExpiry: false,
  requireOrderedChain: true,
  nameConstraints: 'reject-if-critical',
  // path building and trust anchors
  trustedLeaf: 'name-and-key',
  anchorForm: 'ca-flag',
  anchorConstraints: 'ignore',
  anchorKeyPolicy: false,
  pathLenCountsSelfIssued: true,
  // compute-dn-hash (names by DER hash); match-server-name (read-DN-EE, process-SAN).
  nameChaining: 'exact',
  hostNameRule: {
    cnFallback: 'without-san',
    wildcard: 'any-first-label',
    trailingDot: 'literal',
    underscores: true,
  },
  // usages, critical extensions, end of validity, algorithms (stack-options.ts)
  leafKeyUsage: 'signature',
  ekuScope: 'none',
  criticalExtensions: [
    'basicConstraints',
    'keyUsage',
    'subjectAltName',
    'certificatePolicies/cps-qualifiers-only',
    'authorityKeyIdentifier',
    'subjectKeyIdentifier',
    'issuerAltName',
    'cRLDistributionPoints',
    'authorityInfoAccess',
  ],
  signatureAlgorithms: ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521'],
  policyProcessing: 'reject-if-critical',
};

const OPENSSL_OPTIONS: ProfileOptions = {
  ...LENIENT_BASE,
  purpose: 'serverAuth',
  maxDepth: 14,
  minRsaBits: 1024,
  allowSha1: false,
  enforceAnchorExpiry: true,
  requireOrderedChain: false,
  nameConstraints: 'enforce',
  // path building and trust anchors
  issuerLookup: 'key-identifier',
  trustedLeaf: 'self-signed-copy',
  anchorForm: 'ca-or-key-usage',
  partialChain: false,
  // x509_name_canon (X509_NAME_cmp); X509_check_host flags 0: do_x509_check, valid_star, wildcard_match.
  nameChaining: 'rfc5280',
  hostNameRule: {
    cnFallback: 'without-dns-san',
    wildcard: 'partial-first-label',
    trailingDot: 'literal',
    underscores: true,
  },
  // check_name_constraints: NAME_CONSTRAINTS_check_CN on the leaf without a dNSName SAN.
  nameConstraintRule: { commonNameAsDns: 'leaf-host-names', excludedWildcard: 'literal' },
  // usages, critical extensions, end of validity, algorithms (stack-options.ts)
  leafKeyUsage: 'tls-any',
  anyExtendedKeyUsage: false,
  validityEnd: 'exclusive',
  criticalExtensions: [
    'nsCertType',
    'keyUsage',
    'subjectAltName',
    'basicConstraints',
    'certificatePolicies',
    'cRLDistributionPoints',
    'extKeyUsage',
    'policyConstraints',
    'nameConstraints',
    'policyMappings',
    'inhibitAnyPolicy',
  ],
  policyProcessing: 'ignore',
};

const WEBPKI_OPTIONS: ProfileOptions = {
  strictProfile: true,
  purpose: 'serverAuth',
  maxDepth: 6,
  minRsaBits: 2048,
  allowSha1: false,
  enforceAnchorExpiry: false,
  requireOrderedChain: false,
  nameConstraints: 'enforce',
  // verify_cert.rs compares raw names; subject_name/dns_name.rs accepts "_" in presented names.
  nameChaining: 'exact',
  hostNameRule: { underscores: true },
  // usages, critical extensions, end of validity, algorithms (stack-options.ts)
  anyExtendedKeyUsage: false,
  policyProcessing: 'reject-if-critical',
};

const STRICT_OPTIONS: ProfileOptions = {
  strictProfile: true,
  issuanceRules: true,
  purpose: 'serverAuth',
  maxDepth: 8,
  minRsaBits: 2048,
  allowSha1: false,
  enforceAnchorExpiry: true,
  requireOrderedChain: false,
  nameConstraints: 'enforce',
  policyProcessing: 'rfc5280',
};

const NO_CLOCK_BEHAVIOUR = (what: string, evidence: ProfileEvidence[]): ProfileBehaviour => ({
  behaviour: 'clock',
  stack: what,
  modelledBy:
    'predictDevice runs the verifier without validity checks (FLAG_PREDICT_NO_CLOCK); verifyChain never sets it and refuses this profile',
  evidence,
});

/** Every profile, by id. */
export const deviceProfiles: Readonly<Record<AnyProfileId, DeviceProfile>> = {
  'mbedtls-2.28': {
    id: 'mbedtls-2.28',
    description:
      'Devices on mbedTLS 2.28 LTS (many Azure IoT and AWS IoT C SDK ports, Zephyr before 3.5, STM32Cube, older ESP-IDF): mbedtls_ssl_handshake with authmode REQUIRED, the default X.509 profile, the host name set with mbedtls_ssl_set_hostname.',
    stack: {
      name: 'mbedTLS',
      version: '2.28',
      build: 'default config.h with MBEDTLS_HAVE_TIME_DATE (Debian libmbedtls-dev 2.28.3)',
    },
    trustedClock: true,
    options: MBEDTLS_OPTIONS,
    behaviours: mbedtlsBehaviours(false),
    differential: { harness: 'mbedtls' },
  },
  'mbedtls-3.6': {
    id: 'mbedtls-3.6',
    description:
      'Devices on mbedTLS 3.6 LTS (ESP-IDF 5.x, Zephyr 3.5+, current vendor SDKs): as mbedtls-2.28 but SHA-1 gone from the default profile, key identifiers and IP SANs parsed.',
    stack: { name: 'mbedTLS', version: '3.6', build: 'default mbedtls_config.h with MBEDTLS_HAVE_TIME_DATE' },
    trustedClock: true,
    options: MBEDTLS3_OPTIONS,
    behaviours: mbedtlsBehaviours(true),
    differential: {
      none: 'mbedTLS 3.6 is not packaged in Debian 12: the profile rests on the named source functions (shared with 2.28 where they did not change) and is not measured',
    },
  },
  'esp-crt-bundle': {
    id: 'esp-crt-bundle',
    description:
      "ESP32 devices using ESP-IDF's certificate bundle (esp_crt_bundle_attach: esp-tls, esp_http_client, ESP-MQTT) built with CONFIG_MBEDTLS_HAVE_TIME_DATE=y; the ESP-IDF default has it off: use esp-crt-bundle-no-clock for those.",
    stack: {
      name: 'ESP-IDF certificate bundle on mbedTLS',
      version: 'ESP-IDF 5.x (mbedTLS 3.x)',
      build: 'CONFIG_MBEDTLS_CERTIFICATE_BUNDLE=y, CONFIG_MBEDTLS_HAVE_TIME_DATE=y',
    },
    trustedClock: true,
    options: ESP_OPTIONS,
    behaviours: espBehaviours(),
    differential: { harness: 'esp-crt-bundle (the bundle callback reimplemented over Debian mbedTLS 2.28)' },
  },
  'wolfssl-5.5': {
    id: 'wolfssl-5.5',
    description:
      'Devices on wolfSSL 5.5 (wolfSSL_CTX_load_verify_buffer + wolfSSL_check_domain_name, alternate chains on), e.g. FreeRTOS/wolfMQTT ports.',
    stack: {
      name: 'wolfSSL',
      version: '5.5.4',
      build:
        'Debian libwolfssl-dev 5.5.4 (--enable-all-like: OPENSSL_EXTRA, WOLFSSL_ALT_CERT_CHAINS, KEEP_PEER_CERT)',
    },
    trustedClock: true,
    options: WOLFSSL_OPTIONS,
    behaviours: [
      {
        behaviour: 'chain-order',
        stack:
          'ProcessPeerCerts verifies the sent CA certificates from the last one down, each against the CAs known so far, and adds the good CA ones; one without a known signer is skipped (alternate chains); a self-signed untrusted one fails (ASN_SELF_SIGNED_E)',
        modelledBy: "chainOrder: 'issuer-after-child', sentCertificates: 'all-must-verify'",
        evidence: [
          src(`${WOLFSSL} src/internal.c`, 'ProcessPeerCerts (WOLFSSL_ALT_CERT_CHAINS)'),
          doc(
            'https://github.com/wolfSSL/wolfssl/pull/1934',
            'alternate chains: a CA may fail only with ASN_NO_SIGNER_E',
          ),
          measured('order::*'),
        ],
      },
      {
        behaviour: 'anchor-validity',
        stack:
          'a CA loaded as trusted is not date-checked when used (measured: an expired or not-yet-valid root still verifies)',
        modelledBy: 'enforceAnchorExpiry: false',
        evidence: [
          src(`${WOLFSSL} src/ssl.c`, 'AddCA / ProcessBuffer (CA_TYPE)'),
          measured('expiry::root-*'),
        ],
      },
      {
        behaviour: 'anchor-form',
        stack:
          'any loaded certificate is a signer, CA or not, v1 included (WOLFSSL_USER_CA); signers are found by the child AKI key identifier or by the issuer name hash; a signer without SKI gets a computed one, which for EC keys does not match an RFC 5280 method-1 AKI',
        modelledBy:
          "anchorForm: 'any-certificate' (an empty keyUsage still fails to load), issuerLookup: 'key-identifier-computed', trustedLeaf: 'self-signed-copy', leafPathLen: 'count-ca-leaf'",
        evidence: [
          src(`${WOLFSSL} wolfcrypt/src/asn.c`, 'ParseCertRelative (GetCA / GetCAByName)'),
          measured('anchor::*, misc::int-without-ski, v1::root'),
        ],
      },
      {
        behaviour: 'name-chaining',
        stack: 'issuer and subject compared through a hash of their DER (byte-exact)',
        modelledBy: "nameChaining: 'exact'",
        evidence: [src(`${WOLFSSL} wolfcrypt/src/asn.c`, 'GetNameHash'), measured('names::*')],
      },
      {
        behaviour: 'signature-hashes',
        stack: 'MD5, SHA-1 and SHA-2 signatures all verify (no hash policy)',
        modelledBy: 'allowSha1: true',
        missing: 'md5: allowed (the verifier never accepts MD5; correct to keep)',
        evidence: [src(`${WOLFSSL} wolfcrypt/src/asn.c`, 'ConfirmSignature'), measured('sha1::*, md5::*')],
      },
      {
        behaviour: 'key-sizes',
        stack: 'RSA keys of 1024 bits or more (RSA_MIN_SIZE)',
        modelledBy: 'minRsaBits: 1024',
        evidence: [doc('wolfssl/wolfcrypt/settings.h', 'RSA_MIN_SIZE 1024'), measured('rsa-size::*')],
      },
      {
        behaviour: 'algorithms',
        stack:
          'RSA PKCS#1 v1.5 and PSS, ECDSA on all enabled curves including P-521, Ed25519 signatures from CAs; an Ed25519 leaf is refused by wolfSSL_X509_d2i in the harness, taken to fail the peer-certificate copy of the handshake (KEEP_PEER_CERT) too: not confirmed by a handshake',
        modelledBy: 'ECDSA P-256, P-384 and P-521 in verify.wasm (RFC 5480)',
        evidence: [measured('algorithm::*')],
      },
      {
        behaviour: 'critical-extensions',
        stack:
          'rejects critical extensions it does not know (ASN_CRIT_EXT_E), critical key identifiers and policy mappings included; accepts critical certificatePolicies, policyConstraints, inhibitAnyPolicy',
        modelledBy:
          'criticalExtensions: basicConstraints, keyUsage, extKeyUsage, subjectAltName, nameConstraints, certificatePolicies, cRLDistributionPoints, authorityInfoAccess (measured: rfc5280::ee-critical-aia-invalid), nsCertType, policyConstraints, inhibitAnyPolicy',
        evidence: [src(`${WOLFSSL} wolfcrypt/src/asn.c`, 'DecodeCertExtensions'), measured('extension::*')],
      },
      {
        behaviour: 'certificate-policies',
        stack:
          'policyConstraints and inhibitAnyPolicy are decoded but no policy tree is built: critical ones are accepted and have no effect; a critical policyMappings is an unknown critical extension (ASN_CRIT_EXT_E)',
        modelledBy: "policyProcessing: 'ignore-except-critical-mappings'",
        evidence: [
          src(
            `${WOLFSSL} wolfcrypt/src/asn.c`,
            'DecodeCertExtensions (POLICY_CONST_OID, INHIBIT_ANY_OID; no POLICY_MAP case)',
          ),
          measured('extension::policy-constraints-int, inhibit-any-policy-int, policy-mappings-int'),
        ],
      },
      {
        behaviour: 'name-constraints',
        stack:
          'DNS, email and directoryName constraints enforced, critical or not, IP and URI constraints ignored (measured: BetterTLS IP cases, nc::ip-*, nc::uri-*); a DNS constraint also applies to the CN of any certificate without SANs, intermediates included; IP SANs sit in the list of DNS names, so a permitted DNS subtree refuses a leaf with an IP SAN (measured: BetterTLS -198); name constraints in an end entity reject; each certificate is checked against the constraints of its direct signer only, so the constraints of a root never reach the leaf under an intermediate (measured: nc::dns-excluded-match-*-root); a wildcard dNSName is compared with an excluded subtree as a string',
        modelledBy:
          "nameConstraints: 'enforce', nameConstraintRule: { ignoreForms: ['ip', 'uri', 'other'], commonNameAsDns: 'without-san', ipSanAgainstDns: true, rejectInEndEntity: true, scope: 'issued', excludedWildcard: 'literal' }",
        evidence: [
          src(`${WOLFSSL} wolfcrypt/src/asn.c`, 'ConfirmNameConstraints, MatchBaseName'),
          src(`${WOLFSSL} wolfcrypt/src/asn.c`, 'ParseCertRelative (ConfirmNameConstraints(cert->ca, cert))'),
          measured('nc::*'),
        ],
      },
      {
        behaviour: 'host-name',
        stack:
          'dNSName SANs; the CN only when there is no dNSName and no iPAddress SAN (WOLFSSL_IP_ALT_NAME puts IP SANs in altNames); "*" matches within one label anywhere in the pattern ("dev*.example.com", "device.*.com", "*.com"), without backtracking',
        modelledBy:
          "hostNameRule: { cnFallback: 'without-dns-or-ip-san', wildcard: 'glob-per-label', trailingDot: 'literal', underscores: true }",
        evidence: [src(`${WOLFSSL} src/internal.c`, 'CheckHostName, MatchDomainName'), measured('host::*')],
      },
      {
        behaviour: 'extended-key-usage',
        stack:
          'only the peer (leaf) certificate: serverAuth or anyExtendedKeyUsage when present (intermediates unchecked until 2026)',
        modelledBy: "ekuScope: 'leaf'",
        evidence: [
          src(`${WOLFSSL} src/internal.c`, 'ProcessPeerCerts (EXTKEYUSE_AUTH_E)'),
          doc('https://github.com/wolfSSL/wolfssl/pull/11145', 'EKU of chain CAs not checked before'),
          measured('usage::*eku*'),
        ],
      },
      {
        behaviour: 'key-usage',
        stack: 'keyUsage not enforced on the leaf nor keyCertSign on CAs (measured)',
        modelledBy: "leafKeyUsage: 'ignore' (the default), issuerKeyUsage: 'ignore'",
        evidence: [measured('usage::leaf-ku-*, usage::int-ku-*')],
      },
      {
        behaviour: 'path-length',
        stack:
          'pathLenConstraint of intermediates enforced, not of the trusted root; no depth limit below 12 measured',
        modelledBy: 'maxDepth: 14 (the verifier maximum), pathLenOnAnchor: false',
        evidence: [measured('depth::*')],
      },
      {
        behaviour: 'validity',
        stack: 'notBefore and notAfter inclusive',
        modelledBy: 'verifyChain today: notBefore and notAfter inclusive, second precision',
        evidence: [
          src(`${WOLFSSL} wolfcrypt/src/asn.c`, 'wc_ValidateDate (XTIME)'),
          measured('expiry::*-at-*'),
        ],
      },
      {
        behaviour: 'clock',
        stack: 'XTIME = time(); NO_ASN_TIME builds skip validity (not modelled)',
        modelledBy: 'the `time` option (the -no-clock profiles model devices without one)',
        evidence: [src(`${WOLFSSL} wolfcrypt/src/asn.c`, 'ValidateDate')],
      },
    ],
    differential: { harness: 'wolfssl' },
  },
  'bearssl-0.6': {
    id: 'bearssl-0.6',
    description:
      'Devices on BearSSL 0.6 with the minimal X.509 engine (br_ssl_client_init_full): ESP8266 Arduino core (BearSSL::WiFiClientSecure), ArduinoBearSSL, trust anchors made from root certificates by br_x509_decoder.',
    stack: {
      name: 'BearSSL',
      version: '0.6',
      build: 'br_x509_minimal_init_full, time from time() (BR_USE_UNIX_TIME)',
    },
    trustedClock: true,
    options: BEARSSL_OPTIONS,
    behaviours: [
      {
        behaviour: 'chain-order',
        stack:
          'streams the chain in the order sent: each certificate must be the issuer of the previous one (DN hash); validation ends at the first certificate whose issuer is a trust anchor, later ones are ignored',
        modelledBy: 'requireOrderedChain: true',
        evidence: [
          src(BEARSSL, 'decode-certificate (ERR_X509_DN_MISMATCH), check-trust-anchor-CA'),
          measured('order::*'),
        ],
      },
      {
        behaviour: 'anchor-validity',
        stack: 'a trust anchor is a DN, a key and a CA flag: no validity, no extensions, no key-size check',
        modelledBy: "enforceAnchorExpiry: false, anchorConstraints: 'ignore', anchorKeyPolicy: false",
        evidence: [
          doc(
            '/usr/include/bearssl/bearssl_x509.h',
            'br_x509_trust_anchor; br_x509_minimal_set_minrsa: "not to CA trust anchors"',
          ),
          measured('expiry::root-*, anchor::root-*'),
        ],
      },
      {
        behaviour: 'anchor-form',
        stack:
          'br_x509_decoder marks an anchor CA only when basicConstraints says cA: v1 roots and roots without basicConstraints cannot sign',
        modelledBy: "anchorForm: 'ca-flag'",
        evidence: [
          doc('/usr/include/bearssl/bearssl_x509.h', 'br_x509_decoder_isCA, BR_X509_TA_CA'),
          measured('v1::root, anchor::root-without-bc'),
        ],
      },
      {
        behaviour: 'trusted-leaf',
        stack: 'a non-CA anchor with the leaf subject DN and key trusts that leaf directly (any issuer)',
        modelledBy: "trustedLeaf: 'name-and-key'",
        evidence: [src(BEARSSL, 'check-direct-trust'), measured('anchor::issued-leaf-pinned-*')],
      },
      {
        behaviour: 'name-chaining',
        stack: 'DN compared by hash of the encoded DN (byte-exact)',
        modelledBy: "nameChaining: 'exact'",
        evidence: [src(BEARSSL, 'read-DN, compute-dn-hash'), measured('names::*')],
      },
      {
        behaviour: 'signature-hashes',
        stack: 'SHA-1, SHA-224..512 accepted; MD5 unsupported',
        modelledBy: 'allowSha1: true',
        evidence: [src(BEARSSL, 'decode-certificate (signature algorithm choice)'), measured('sha1::*')],
      },
      {
        behaviour: 'key-sizes',
        stack: 'RSA modulus of at least 128 bytes (1017 bits) for sent certificates, none for anchors',
        modelledBy: 'minRsaBits: 1024',
        evidence: [
          doc('/usr/include/bearssl/bearssl_x509.h', 'br_x509_minimal_set_minrsa (default 128 bytes)'),
          measured('rsa-size::*'),
        ],
      },
      {
        behaviour: 'algorithms',
        stack: 'RSA PKCS#1 v1.5 only (no PSS), ECDSA on P-256, P-384, P-521; no Ed25519',
        modelledBy:
          "signatureAlgorithms: ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521'] besides RSA PKCS#1 v1.5 (no PSS, no Ed25519)",
        evidence: [
          src(BEARSSL, 'decode-certificate ("TODO: add support for RSA/PSS")'),
          measured('algorithm::*'),
        ],
      },
      {
        behaviour: 'critical-extensions',
        stack:
          'rejects any critical extension except basicConstraints, keyUsage, subjectAltName, certificatePolicies with id-qt-cps qualifiers only, and the always-ignored AKI, SKI, IAN, SDA, CRLDP, freshestCRL, AIA, SIA: a critical extendedKeyUsage or nameConstraints rejects',
        modelledBy:
          "criticalExtensions: basicConstraints, keyUsage, subjectAltName, 'certificatePolicies/cps-qualifiers-only', AKI, SKI, issuerAltName, cRLDistributionPoints, AIA",
        evidence: [
          src(BEARSSL, 'decode-certificate (extension choice), process-certPolicies'),
          measured('extension::*'),
        ],
      },
      {
        behaviour: 'certificate-policies',
        stack:
          'no policy processing: policyMappings, policyConstraints and inhibitAnyPolicy are not among the extensions it reads or ignores, so a critical one rejects (BR_ERR_X509_CRITICAL_EXTENSION)',
        modelledBy: "policyProcessing: 'reject-if-critical'",
        evidence: [
          src(BEARSSL, 'decode-certificate (unknown critical extension)'),
          measured('extension::policy-constraints-int, inhibit-any-policy-int, policy-mappings-int'),
        ],
      },
      {
        behaviour: 'name-constraints',
        stack: 'not implemented: critical rejects, non-critical ignored',
        modelledBy: "nameConstraints: 'reject-if-critical'",
        evidence: [src(BEARSSL, 'decode-certificate (unknown critical extension)'), measured('nc::*')],
      },
      {
        behaviour: 'host-name',
        stack:
          'dNSName SANs; the CN only when there is no subjectAltName extension; "*." matches any first label, even "*.com"',
        modelledBy:
          "hostNameRule: { cnFallback: 'without-san', wildcard: 'any-first-label', trailingDot: 'literal', underscores: true }",
        evidence: [src(BEARSSL, 'read-DN-EE, process-SAN, match-server-name'), measured('host::*')],
      },
      {
        behaviour: 'extended-key-usage',
        stack: 'extendedKeyUsage is never read (a non-critical one is ignored)',
        modelledBy: "purpose: 'any', ekuScope: 'none'",
        evidence: [src(BEARSSL, 'decode-certificate (no EKU processing)'), measured('usage::*eku*')],
      },
      {
        behaviour: 'key-usage',
        stack:
          'leaf keyUsage must allow signing for ECDHE suites (digitalSignature or nonRepudiation: BR_KEYTYPE_SIGN); CA keyUsage must hold keyCertSign',
        modelledBy: "leafKeyUsage: 'signature'",
        evidence: [src(BEARSSL, 'process-keyUsage'), measured('usage::leaf-ku-*')],
      },
      {
        behaviour: 'path-length',
        stack:
          'pathLenConstraint of sent CAs checked against the number of certificates below, self-issued ones counted; no depth limit; the chain is read in the order sent, without loop detection',
        modelledBy: 'maxDepth: 14 (the verifier maximum), pathLenCountsSelfIssued: true',
        evidence: [src(BEARSSL, 'process-basicConstraints'), measured('depth::*')],
      },
      {
        behaviour: 'validity',
        stack: 'notBefore and notAfter inclusive, second precision',
        modelledBy: 'verifyChain today: notBefore and notAfter inclusive, second precision',
        evidence: [src(BEARSSL, 'check-validity-range')],
      },
      {
        behaviour: 'clock',
        stack:
          'time() when no time was set; without a clock every chain fails (BR_ERR_X509_TIME_UNKNOWN) except a directly trusted leaf',
        modelledBy: 'the `time` option (bearssl-0.6-no-clock models devices without one)',
        evidence: [
          src(BEARSSL, 'check-validity-range (BR_ERR_X509_TIME_UNKNOWN)'),
          doc('/usr/include/bearssl/bearssl_x509.h', 'br_x509_minimal_set_time'),
        ],
      },
    ],
    differential: { harness: 'bearssl' },
  },
  'openssl-3.0': {
    id: 'openssl-3.0',
    description:
      'Linux gateways and devices on OpenSSL 3.0 (SSL_VERIFY_PEER, SSL_set1_host), default security level 1.',
    stack: {
      name: 'OpenSSL',
      version: '3.0',
      build:
        'Debian libssl 3.0, auth level 1 (OPENSSL_TLS_SECURITY_LEVEL; Debian openssl.cnf raises SSL contexts to 2)',
    },
    trustedClock: true,
    options: OPENSSL_OPTIONS,
    behaviours: [
      {
        behaviour: 'chain-order',
        stack: 'builds the path from the untrusted set in any order, trusted certificates first',
        modelledBy: 'requireOrderedChain: false',
        evidence: [src(OPENSSL, 'build_chain'), measured('order::*')],
      },
      {
        behaviour: 'anchor-validity',
        stack: 'every certificate of the path is time-checked, the trust anchor included',
        modelledBy: 'enforceAnchorExpiry: true',
        evidence: [src(OPENSSL, 'check_chain / x509_check_cert_time'), measured('expiry::root-*')],
      },
      {
        behaviour: 'anchor-form',
        stack:
          'without X509_V_FLAG_PARTIAL_CHAIN the path must end in a self-signed trusted certificate: a trusted intermediate alone does not verify; the root basicConstraints/keyUsage/pathLen apply',
        modelledBy:
          "partialChain: false, anchorForm: 'ca-or-key-usage' (X509_check_ca without X509_V_FLAG_X509_STRICT), issuerLookup: 'key-identifier' (X509_check_akid), trustedLeaf: 'self-signed-copy'",
        evidence: [
          src(OPENSSL, 'build_chain (X509_V_FLAG_PARTIAL_CHAIN)'),
          doc('https://docs.openssl.org/3.0/man3/X509_VERIFY_PARAM_set_flags/', 'X509_V_FLAG_PARTIAL_CHAIN'),
          measured('anchor::intermediate-trusted*'),
        ],
      },
      {
        behaviour: 'name-chaining',
        stack:
          'names compared in canonical form: string types unified, ASCII case folded, leading/trailing/repeated spaces removed (RFC 5280 7.1)',
        modelledBy: "nameChaining: 'rfc5280' (RFC 4518 space and ASCII case folding)",
        evidence: [
          src('openssl/openssl 3.0 crypto/x509/x_name.c', 'x509_name_canon, asn1_string_canon'),
          measured('names::*'),
        ],
      },
      {
        behaviour: 'signature-hashes',
        stack:
          'security level 1 refuses signatures under 80 bits of security: SHA-1 (63 bits in 3.0) and MD5, except the self-signature of the trust anchor',
        modelledBy: 'allowSha1: false',
        evidence: [src(OPENSSL, 'check_sig_level'), measured('sha1::*')],
      },
      {
        behaviour: 'key-sizes',
        stack: 'level 1: RSA 1024 bits and more, for every certificate including the root',
        modelledBy: 'minRsaBits: 1024',
        evidence: [src(OPENSSL, 'check_key_level'), measured('rsa-size::*')],
      },
      {
        behaviour: 'algorithms',
        stack: 'RSA PKCS#1 v1.5 and PSS, ECDSA on every named curve, Ed25519 and Ed448',
        modelledBy: 'ECDSA P-256, P-384 and P-521 in verify.wasm (RFC 5480)',
        evidence: [measured('algorithm::*')],
      },
      {
        behaviour: 'critical-extensions',
        stack:
          'rejects critical extensions it does not support (X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION); processes certificate policies (critical ones accepted) but a critical AKI/SKI rejects',
        modelledBy:
          'criticalExtensions: the supported_nids of X509_supported_extension (nsCertType, keyUsage, subjectAltName, basicConstraints, certificatePolicies, cRLDistributionPoints, extKeyUsage, policyConstraints, nameConstraints, policyMappings, inhibitAnyPolicy)',
        evidence: [
          src('openssl/openssl 3.0 crypto/x509/v3_purp.c', 'X509_supported_extension'),
          measured('extension::*'),
        ],
      },
      {
        behaviour: 'certificate-policies',
        stack:
          'the policy extensions are supported (critical ones accepted) but the policy tree is built only with X509_V_FLAG_POLICY_CHECK, which TLS clients do not set ("Policy processing is disabled by default", OpenSSL advisory for CVE-2023-0464): requireExplicitPolicy has no effect',
        modelledBy: "policyProcessing: 'ignore'",
        evidence: [
          src(OPENSSL, 'verify_chain (check_policy only with X509_V_FLAG_POLICY_CHECK)'),
          doc(
            'https://www.openssl.org/news/secadv/20230322.txt',
            'CVE-2023-0464: policy processing is disabled by default',
          ),
          measured('extension::policy-constraints-int, inhibit-any-policy-int, policy-mappings-int'),
        ],
      },
      {
        behaviour: 'name-constraints',
        stack:
          'DNS, email, URI, IP and directoryName constraints enforced, critical or not, on every CA including the root; DNS constraints also apply to the host-like CNs of a leaf without dNSName SAN; a wildcard dNSName is compared with an excluded subtree as a string (measured: nc::dns-excluded-wildcard-leaf)',
        modelledBy:
          "nameConstraints: 'enforce', nameConstraintRule: { commonNameAsDns: 'leaf-host-names', excludedWildcard: 'literal' }",
        evidence: [
          src(OPENSSL, 'check_name_constraints'),
          src(
            'openssl/openssl 3.0 crypto/x509/v3_ncons.c',
            'NAME_CONSTRAINTS_check, NAME_CONSTRAINTS_check_CN, cn2dnsid, nc_dns',
          ),
          measured('nc::*'),
        ],
      },
      {
        behaviour: 'host-name',
        stack:
          'dNSName SANs; the CN only when there is no dNSName SAN; "*" only as the whole first label and not directly above a public-suffix-like single label ("*.com" refused), partial "dev*" allowed',
        modelledBy:
          "hostNameRule: { cnFallback: 'without-dns-san', wildcard: 'partial-first-label', trailingDot: 'literal', underscores: true } (X509_check_host flags 0)",
        evidence: [
          src('openssl/openssl 3.0 crypto/x509/v3_utl.c', 'do_x509_check, wildcard_match, valid_star'),
          measured('host::*'),
        ],
      },
      {
        behaviour: 'extended-key-usage',
        stack:
          'purpose sslserver on every certificate of the path: an extendedKeyUsage present must hold serverAuth (anyExtendedKeyUsage does not count), CAs included',
        modelledBy: "purpose: 'serverAuth', anyExtendedKeyUsage: false",
        evidence: [
          src('openssl/openssl 3.0 crypto/x509/v3_purp.c', 'check_purpose_ssl_server, xku_reject'),
          measured('usage::*eku*'),
        ],
      },
      {
        behaviour: 'key-usage',
        stack:
          'leaf keyUsage must allow digitalSignature, keyEncipherment or keyAgreement; CAs need keyCertSign',
        modelledBy: "leafKeyUsage: 'tls-any'",
        evidence: [
          src('openssl/openssl 3.0 crypto/x509/v3_purp.c', 'check_purpose_ssl_server (ku_reject KU_TLS)'),
          measured('usage::leaf-ku-*'),
        ],
      },
      {
        behaviour: 'path-length',
        stack: 'verify depth 100; pathLenConstraint of every CA, root included',
        modelledBy: 'maxDepth: 14 (the verifier maximum)',
        evidence: [src(OPENSSL, 'check_chain'), measured('depth::*')],
      },
      {
        behaviour: 'validity',
        stack:
          'a certificate whose notAfter equals the current second is already expired (X509_cmp_time returns -1 on equality)',
        modelledBy: "validityEnd: 'exclusive'",
        evidence: [
          src('openssl/openssl 3.0 crypto/x509/x509_vfy.c', 'X509_cmp_time, x509_check_cert_time'),
          measured('expiry::*-at-not-after'),
        ],
      },
      {
        behaviour: 'clock',
        stack: 'time() unless X509_VERIFY_PARAM_set_time',
        modelledBy: 'the `time` option (the -no-clock profiles model devices without one)',
        evidence: [src(OPENSSL, 'x509_check_cert_time')],
      },
    ],
    differential: { harness: 'openssl' },
  },
  webpki: {
    id: 'webpki',
    description:
      'Devices and services using rustls with rustls-webpki (embedded Rust, esp-rs with rustls, cloud gateways).',
    stack: { name: 'rustls-webpki', version: '0.102', build: 'WebPkiServerVerifier' },
    trustedClock: true,
    options: WEBPKI_OPTIONS,
    behaviours: [
      {
        behaviour: 'anchor-validity',
        stack: 'trust anchors are subject, key and optional name constraints only: no validity',
        modelledBy: 'enforceAnchorExpiry: false',
        evidence: [
          src(
            'rustls/webpki src/trust_anchor.rs',
            'TrustAnchor (subject, subject_public_key_info, name_constraints)',
          ),
        ],
      },
      {
        behaviour: 'path-length',
        stack: 'at most 6 intermediates (MAX_SUB_CA_COUNT)',
        modelledBy: 'maxDepth: 6',
        evidence: [src(WEBPKI, 'build_chain_inner (MAX_SUB_CA_COUNT = 6)')],
      },
      {
        behaviour: 'name-chaining',
        stack: 'issuer compared with subject byte for byte',
        modelledBy: "nameChaining: 'exact'",
        evidence: [src(WEBPKI, 'build_chain_inner (cert.issuer != trust_anchor_subject)')],
      },
      {
        behaviour: 'extended-key-usage',
        stack:
          'every certificate with an extendedKeyUsage must hold the required purpose; anyExtendedKeyUsage does not count',
        modelledBy: "purpose: 'serverAuth', anyExtendedKeyUsage: false",
        evidence: [src(WEBPKI, 'check_issuer_independent_properties, check_eku')],
      },
      {
        behaviour: 'anchor-form',
        stack:
          'a CA certificate presented as the end entity is refused (CaUsedAsEndEntity); keyUsage is not checked',
        modelledBy: 'strictProfile: true',
        evidence: [src(WEBPKI, 'check_basic_constraints')],
      },
      {
        behaviour: 'host-name',
        stack: 'subjectAltName only, wildcard only as a whole first label; "_" accepted in presented names',
        modelledBy: 'hostNameRule: { underscores: true }',
        evidence: [
          src('rustls/webpki src/subject_name/verify.rs', 'verify_cert_dns_name'),
          src('rustls/webpki src/subject_name/dns_name.rs', 'is_valid_dns_id (allow underscores)'),
        ],
      },
      {
        behaviour: 'signature-hashes',
        stack: 'no SHA-1 signatures; RSA 2048 bits and up; ECDSA P-256/P-384, Ed25519, RSA-PSS',
        modelledBy: 'allowSha1: false, minRsaBits: 2048',
        evidence: [src('rustls/webpki src/ring_algs.rs', 'supported signature algorithms')],
      },
      {
        behaviour: 'certificate-policies',
        stack:
          'no policy processing: a critical extension other than those it reads (keyUsage, subjectAltName, basicConstraints, nameConstraints, CRL distribution points, extendedKeyUsage) is UnsupportedCriticalExtension, so critical policy extensions reject (a critical certificatePolicies too, which verifyChain accepts)',
        modelledBy: "policyProcessing: 'reject-if-critical'",
        missing: 'criticalExtensions: the per-stack set (critical certificatePolicies)',
        evidence: [src('rustls/webpki src/cert.rs', 'remember_extension (UnsupportedCriticalExtension)')],
      },
    ],
    differential: {
      none: 'rustls-webpki is a Rust crate, not installable here: the profile rests on the named source functions and is not measured',
    },
  },
  strict: {
    id: 'strict',
    description:
      'What a certificate linter demands (CA/Browser Forum Baseline Requirements and rustls-webpki issuance rules, RFC 5280): the default options plus issuanceRules, a named profile stricter than verifyChain without one (whose defaults keep real anchors such as Starfield Class 2 and serial-0 roots usable). Use it to find chains that some stack will refuse one day; on x509-limbo (with a Public Suffix List lookup passed as publicSuffix) it wrongly accepts only the declared webpki::cn::* family.',
    stack: { name: 'hubtrust', version: 'verify', build: 'strictProfile: true, issuanceRules: true' },
    trustedClock: true,
    options: STRICT_OPTIONS,
    behaviours: [
      {
        behaviour: 'critical-extensions',
        stack:
          'RFC 5280 and CA/B Forum profile rules (key identifiers, criticality, v3, no CA leaf, RSA sizes multiple of 8)',
        modelledBy: 'strictProfile: true',
        evidence: [doc('packages/verify/README.md', 'Path validation: strict profile')],
      },
      {
        behaviour: 'anchor-form',
        stack:
          "the CA/B Forum and rustls-webpki issuance rules a linter applies: serials positive and at most 20 octets, basicConstraints and nameConstraints critical, AKI keyIdentifier only (anchors included; a cross-signed anchor needs one), no EKU in a root, the leaf's EKU present, not critical and holding the purpose itself (never anyExtendedKeyUsage), no wildcard over a public suffix (a one-label base always; longer suffixes as the caller's publicSuffix lookup reports them)",
        modelledBy: 'issuanceRules: true',
        evidence: [
          doc(
            'CA/B Forum Baseline Requirements 2.x',
            '§3.2.2.6, §7.1.2.1.2-4, §7.1.2.7.6, §7.1.2.7.10, §7.1.2.10.4-6, §7.1.2.11.1',
          ),
          doc('RFC 5280', '§4.1.2.2, §4.2.1.1, §4.2.1.9, §4.2.1.10'),
          src(WEBPKI, 'check_eku (anyExtendedKeyUsage does not count)'),
          doc(
            'packages/verify/test-data/x509-limbo/strict-exceptions.json',
            'the x509-limbo run of this profile',
          ),
        ],
      },
      {
        behaviour: 'certificate-policies',
        stack:
          'RFC 5280 §6.1.2-6.1.5 policy processing on the RFC 9618 policy graph, critical or not; the caller sets the acceptable policies and the explicit-policy, mapping and anyPolicy inhibitors',
        modelledBy: "policyProcessing: 'rfc5280'",
        evidence: [
          doc('https://www.rfc-editor.org/rfc/rfc5280#section-6.1', 'RFC 5280 §6.1'),
          doc('https://www.rfc-editor.org/rfc/rfc9618', 'RFC 9618 policy graph'),
        ],
      },
    ],
    differential: {
      none: 'a target, not a stack: measured against x509-limbo (src/verify-chain.limbo.test.ts)',
    },
  },
  'mbedtls-2.28-no-clock': {
    id: 'mbedtls-2.28-no-clock',
    description:
      'mbedtls-2.28 built without MBEDTLS_HAVE_TIME_DATE (no RTC, no SNTP): certificate dates are never checked. Prediction only.',
    stack: { name: 'mbedTLS', version: '2.28', build: 'MBEDTLS_HAVE_TIME_DATE undefined' },
    trustedClock: false,
    options: MBEDTLS_OPTIONS,
    behaviours: [
      NO_CLOCK_BEHAVIOUR(
        'mbedtls_x509_time_is_past and _is_future always return 0: no certificate is ever expired or not yet valid',
        [src(`${MBEDTLS2.replace('x509_crt.c', 'x509.c')}`, 'mbedtls_x509_time_is_past (#else branch)')],
      ),
    ],
    differential: { harness: 'mbedtls (noclock: verdict of a second run with the time flags cleared)' },
  },
  'mbedtls-3.6-no-clock': {
    id: 'mbedtls-3.6-no-clock',
    description:
      'mbedtls-3.6 without MBEDTLS_HAVE_TIME_DATE (the Zephyr default): dates never checked. Prediction only.',
    stack: { name: 'mbedTLS', version: '3.6', build: 'MBEDTLS_HAVE_TIME_DATE undefined' },
    trustedClock: false,
    options: MBEDTLS3_OPTIONS,
    behaviours: [
      NO_CLOCK_BEHAVIOUR('mbedtls_x509_time_is_past and _is_future always return 0', [
        src(`${MBEDTLS3.replace('x509_crt.c', 'x509.c')}`, 'mbedtls_x509_time_is_past'),
        doc('zephyr modules/mbedtls/Kconfig.mbedtls', 'MBEDTLS_HAVE_TIME_DATE defaults to n'),
      ]),
    ],
    differential: { none: 'mbedTLS 3.6 is not packaged in Debian 12' },
  },
  'esp-crt-bundle-no-clock': {
    id: 'esp-crt-bundle-no-clock',
    description:
      "ESP-IDF's certificate bundle with the default CONFIG_MBEDTLS_HAVE_TIME_DATE=n: no certificate date is checked. Prediction only.",
    stack: {
      name: 'ESP-IDF certificate bundle on mbedTLS',
      version: 'ESP-IDF 5.x',
      build: 'CONFIG_MBEDTLS_HAVE_TIME_DATE=n (default)',
    },
    trustedClock: false,
    options: ESP_OPTIONS,
    behaviours: [
      NO_CLOCK_BEHAVIOUR(
        '"If this option is disabled (default) then X.509 certificate valid from and valid to timestamp fields are ignored"',
        [doc('espressif/esp-idf components/mbedtls/Kconfig', 'MBEDTLS_HAVE_TIME_DATE (default n)')],
      ),
    ],
    differential: { harness: 'esp-crt-bundle (noclock)' },
  },
  'bearssl-0.6-no-clock': {
    id: 'bearssl-0.6-no-clock',
    description:
      'BearSSL minimal engine on a device that never sets the time (no br_x509_minimal_set_time, no BR_USE_UNIX_TIME): every chain fails except a directly trusted leaf. Prediction only.',
    stack: { name: 'BearSSL', version: '0.6', build: 'no time source' },
    trustedClock: false,
    options: BEARSSL_OPTIONS,
    behaviours: [
      NO_CLOCK_BEHAVIOUR(
        'check-validity-range fails with BR_ERR_X509_TIME_UNKNOWN for the first certificate it reaches; only direct trust (a non-CA anchor with the leaf name and key) ends earlier',
        [src(BEARSSL, 'check-validity-range, check-direct-trust')],
      ),
    ],
    differential: { none: 'the Debian build reads time(): a clockless build is not installable here' },
  },
};

/** True for the ids of profiles hubtrust can stand behind (the stack has a trusted clock). */
export function isDeviceProfileId(id: unknown): id is DeviceProfileId {
  return (
    typeof id === 'string' &&
    Object.hasOwn(deviceProfiles, id) &&
    deviceProfiles[id as AnyProfileId].trustedClock
  );
}

/** True for any profile id, prediction-only ones included. */
export function isAnyProfileId(id: unknown): id is AnyProfileId {
  return typeof id === 'string' && Object.hasOwn(deviceProfiles, id);
}
