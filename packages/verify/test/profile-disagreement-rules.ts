// Why a device profile and its real stack disagree: the reason classes of
// test-data/profiles/disagreements.json and the rules that assign a disagreement to one. Each
// class names what would remove it: a verifier option a profile could set (issue 12 phase 2), an
// RFC 5280 part still missing, or "deliberate" where hubtrust refuses what the stack accepts on
// purpose (never to be modelled: a prediction may say the device accepts, a verdict never will).
// Node only; not part of the published API.
import type { Disagreement } from './profile-differential.js';

/** A reason class. `kind`: what closes the gap. */
export interface DisagreementClass {
  kind: 'missing-option' | 'rfc5280-gap' | 'deliberate' | 'harness';
  reason: string;
  needs: string;
}

export const CLASSES: Readonly<Record<string, DisagreementClass>> = {
  'chain-order': {
    kind: 'missing-option',
    reason:
      "the stack's notion of chain order differs from verifyChain's: mbedTLS finds an issuer only among the certificates sent after the child (x509_crt_find_parent_in) and wolfSSL verifies the sent CAs from the last one down (ProcessPeerCerts), so a chain sent out of order fails where verifyChain builds it in any order; BearSSL stops at the first certificate whose issuer is an anchor and ignores the rest, where requireOrderedChain wants the whole path in order",
    needs: "option chainOrder: 'issuer-after-child' | 'issuer-next-until-anchor' (requireOrderedChain today)",
  },
  'first-issuer-wins': {
    kind: 'missing-option',
    reason:
      'the stack takes the first candidate issuer with the right name (and CA bit/keyUsage) and never backtracks: a decoy with the same name sent first, or a BetterTLS path where the first candidate is expired, distrusted or constrained, fails; verifyChain searches every path',
    needs:
      "issuerSelection: 'first-match' models mbedTLS (x509_crt_find_parent_in); OpenSSL's own first match (X509_check_issued: no CA test, untrusted signatures checked later; build_chain) is not modelled yet",
  },
  'name-chaining-case': {
    kind: 'missing-option',
    reason:
      'mbedTLS compares issuer and subject attribute by attribute, ASCII case-insensitively, UTF8String and PrintableString interchangeably (x509_name_cmp); verifyChain compares the DER byte for byte',
    needs: "option nameChaining: 'ascii-case-insensitive' (modelled: mbedTLS and ESP profiles set it)",
  },
  'name-chaining-rfc5280': {
    kind: 'rfc5280-gap',
    reason:
      'OpenSSL compares names in canonical form (string types unified, case folded, spaces collapsed: x509_name_canon); verifyChain compares the DER byte for byte',
    needs: "RFC 5280 7.1 name chaining (modelled: nameChaining 'rfc5280', the default)",
  },
  'cn-fallback': {
    kind: 'missing-option',
    reason:
      'the stack matches the host name against the subject CN when the leaf has no (DNS) subjectAltName; verifyChain matches SANs only',
    needs:
      "option hostNameRule.cnFallback: 'without-san' (mbedTLS, BearSSL) | 'without-dns-san' (OpenSSL, wolfSSL)",
  },
  'wildcard-rule': {
    kind: 'missing-option',
    reason:
      'the stack matches wildcards differently: "*.com" (mbedTLS, BearSSL, wolfSSL), partial labels "dev*" (OpenSSL, wolfSSL), a "*" in any label (wolfSSL); verifyChain allows "*" only as a whole first label above two labels',
    needs: "option hostNameRule.wildcard: 'any-first-label' | 'partial-first-label' | 'glob-per-label'",
  },
  'trailing-dot': {
    kind: 'missing-option',
    reason:
      'verifyChain accepts an absolute host name ("device.example.com."), every stack compares it as text and fails',
    needs: "option hostNameRule.absoluteName: 'literal'",
  },
  'underscore-dns': {
    kind: 'missing-option',
    reason: 'the stack matches a dNSName with an underscore as text; verifyChain requires LDH labels',
    needs: "option hostNameRule.labels: 'any-ascii'",
  },
  'stack-algorithms': {
    kind: 'missing-option',
    reason:
      "the stack cannot use the algorithm in one position only: wolfSSL verifies Ed25519 signatures of CAs but its harness refuses an Ed25519 leaf (wolfSSL_X509_d2i, the handshake's peer-certificate copy); option signatureAlgorithms covers keys and signatures in every position (Ed25519 in mbedTLS 2.28 and BearSSL, RSA-PSS in BearSSL and in the ESP bundle check are modelled)",
    needs: 'a per-position algorithm list (leaf keys apart), once a wolfSSL handshake confirms the harness',
  },
  'weak-algorithm-refused': {
    kind: 'deliberate',
    reason:
      'the stack accepts a key or signature verify.wasm refuses as too weak (P-192, DSA, MD5): a prediction may say the device connects, hubtrust never verifies them',
    needs: 'nothing (deliberate); a prediction-only algorithm list could report it',
  },
  'critical-extension-set': {
    kind: 'missing-option',
    reason:
      'the stack understands a different set of critical extensions: it rejects ones verifyChain knows (critical AKI/SKI/AIA in mbedTLS 2.28, wolfSSL and OpenSSL; critical policies other than anyPolicy in mbedTLS; critical EKU and non-CPS policy qualifiers in BearSSL; critical nameConstraints in an end entity) or knows ones verifyChain does not (nsCertType)',
    needs: "option criticalExtensions: the stack's set",
  },
  'eku-scope': {
    kind: 'missing-option',
    reason:
      'the stack checks extendedKeyUsage on the leaf only (mbedTLS, wolfSSL 5.5) or nowhere (BearSSL); verifyChain also checks issuers that list EKUs (Go rule)',
    needs: "option ekuScope: 'leaf' | 'none'",
  },
  'any-eku': {
    kind: 'missing-option',
    reason: 'OpenSSL does not accept anyExtendedKeyUsage for sslserver; verifyChain does',
    needs: 'option anyExtendedKeyUsage: false',
  },
  'leaf-key-usage': {
    kind: 'missing-option',
    reason:
      "the stack requires the leaf keyUsage to allow the handshake's signature (digitalSignature for ECDHE): a leaf with only keyEncipherment or keyCertSign fails; verifyChain does not check the leaf keyUsage",
    needs: "option leafKeyUsage: 'digital-signature' | 'tls-any'",
  },
  'issuer-key-usage': {
    kind: 'missing-option',
    reason: 'wolfSSL does not require keyCertSign in an issuer keyUsage; verifyChain does',
    needs: "option issuerKeyUsage: 'ignore'",
  },
  'self-issued-counted': {
    kind: 'missing-option',
    reason:
      'BearSSL counts self-issued intermediates against pathLenConstraint (process-basicConstraints compares with the number of certificates so far); RFC 5280 4.2.1.9 and verifyChain do not',
    needs: 'option pathLenCountsSelfIssued: true',
  },
  'leaf-basic-constraints': {
    kind: 'missing-option',
    reason:
      'wolfSSL applies a pathLenConstraint found in the leaf (ASN_PATHLEN_INV_E); verifyChain ignores it, as RFC 5280 says',
    needs: "option leafPathLen: 'enforce'",
  },
  'anchor-constraints': {
    kind: 'missing-option',
    reason:
      "the stack ignores the trust anchor's own extensions (basicConstraints, keyUsage, pathLen, name constraints, unknown critical ones: BearSSL and the ESP bundle keep only name and key; wolfSSL and OpenSSL accept roots without basicConstraints); verifyChain applies them",
    needs: "option anchorConstraints: 'ignore' | 'v3-only'",
  },
  'anchor-ca-flag': {
    kind: 'missing-option',
    reason:
      'BearSSL makes a CA anchor only from a certificate whose basicConstraints says cA (br_x509_decoder_isCA): a v1 root signs nothing',
    needs: "option anchorForm: 'ca-flag-required'",
  },
  'anchor-self-signed': {
    kind: 'missing-option',
    reason:
      'OpenSSL without X509_V_FLAG_PARTIAL_CHAIN needs the path to end in a self-signed trusted certificate: a trusted intermediate, or a root whose AKI names another key, does not end it',
    needs:
      "partialChain: false models the self-signed requirement; X509_check_akid's comparison of an AKI authorityCertIssuer/serial with the anchor's own is not modelled yet",
  },
  'anchor-key-policy': {
    kind: 'missing-option',
    reason:
      'the stack never checks the key size of the trust anchor (ESP bundle: only name and key are kept); verifyChain applies minRsaBits to the anchor',
    needs: 'option anchorKeyPolicy: false',
  },
  'trusted-leaf': {
    kind: 'missing-option',
    reason:
      'the stack accepts a leaf found in the trust store only in its own way (mbedTLS: self-issued and byte-identical; OpenSSL, wolfSSL: self-signed; ESP bundle: never); verifyChain accepts a leaf that is itself a trust anchor',
    needs: "option trustedLeaf: 'self-issued-exact' | 'self-signed' | 'never' | 'name-and-key'",
  },
  'anchor-leaf-validity': {
    kind: 'missing-option',
    reason:
      'with enforceAnchorExpiry: false, verifyChain skips the dates of a leaf that is itself the trust anchor; every stack checks the leaf dates',
    needs: 'verifier fix: the anchor-expiry exemption must not cover the leaf (phase 2)',
  },
  'sent-certificates-checked': {
    kind: 'missing-option',
    reason:
      'the stack parses or verifies every certificate the server sent, not only the path: an unrelated one with an unknown critical extension (mbedTLS), an expired one or an untrusted self-signed/self-issued one (wolfSSL ProcessPeerCerts, ASN_SELF_SIGNED_E) fails the handshake',
    needs: "option sentCertificates: 'all-must-parse' | 'all-ca-must-verify'",
  },
  'esp-bundle-top-certificate': {
    kind: 'missing-option',
    reason:
      "ESP-IDF's bundle trusts only the top of the sent chain, when its issuer's exact subject bytes and key are in the bundle and its own flags are NOT_TRUSTED alone: a chain ending at a trusted intermediate, a sent expired root, or a chain whose top is not signed by a bundle key fails",
    needs: "option anchorForm: 'issuer-of-top-certificate' (ESP bundle)",
  },
  'esp-bundle-lookup': {
    kind: 'missing-option',
    reason:
      'ESP-IDF finds one bundle entry by subject (binary search): with two roots of the same name it tries one key only',
    needs: "option anchorLookup: 'first-by-name'",
  },
  'esp-bundle-sha1': {
    kind: 'missing-option',
    reason:
      'ESP-IDF clears the BAD_MD flag of the certificate signed by a bundle root: a SHA-1 signature there is accepted',
    needs: "option sha1: 'allowed-from-anchor'",
  },
  'validity-end-exclusive': {
    kind: 'missing-option',
    reason:
      'OpenSSL treats a certificate as expired at the second of its notAfter (X509_cmp_time); verifyChain (and RFC 5280) include that second',
    needs: "option validityEnd: 'exclusive'",
  },
  'key-identifier-lookup': {
    kind: 'missing-option',
    reason:
      "the stack finds the issuer by the child's AKI keyIdentifier (wolfSSL, OpenSSL): a wrong AKI, or a CA without SKI whose computed identifier differs (wolfSSL, EC keys), loses the issuer; verifyChain uses AKI only to order candidates",
    needs: "option issuerLookup: 'aki-first'",
  },
  'name-constraint-forms': {
    kind: 'rfc5280-gap',
    reason:
      'the stack enforces name constraints on other forms or in another way (wolfSSL 5.5 ignores IP and URI constraints and otherName; OpenSSL applies an excluded DN to an intermediate differently); verifyChain follows RFC 5280 4.2.1.10 for DNS, IP, email, URI and DN',
    needs:
      'what is left after nameConstraintRule: a self-issued leaf under an excluded subtree (BearSSL ignores, wolfSSL skips it) and a same-chain ICA both stacks reach by path building, not by name constraints',
  },
  'wolfssl-name-constraints': {
    kind: 'missing-option',
    reason:
      'wolfSSL applies a DNS name constraint to the subject CN of any certificate without SANs (intermediates included), checks IP SANs against DNS subtrees and rejects name constraints in an end entity (all modelled by nameConstraintRule); what remains: an excluded DNS subtree of the trust anchor is not applied, and a BetterTLS path-building case where the first issuer found is constrained',
    needs:
      "modelled: nameConstraintRule { commonNameAsDns: 'without-san', ipSanAgainstDns, rejectInEndEntity }; remaining: the anchor's excluded subtrees (evidence needed)",
  },
  'nc-wildcard-excluded': {
    kind: 'deliberate',
    reason:
      'a wildcard SAN that could expand into an excluded subtree: verifyChain rejects it (CVE-2025-61727), OpenSSL and wolfSSL accept',
    needs: 'nothing (deliberate)',
  },
  'malformed-accepted-by-stack': {
    kind: 'deliberate',
    reason:
      'the stack accepts input verify.wasm refuses as malformed (duplicate extensions, an empty EKU, a malformed AIA, empty or invalid name-constraint subtrees, invalid SAN/constraint syntax)',
    needs: 'nothing (deliberate); the prediction could flag "device accepts malformed input"',
  },
  'stack-parse-strictness': {
    kind: 'missing-option',
    reason:
      'the stack refuses to load a certificate verify.wasm reads (an AKI without keyIdentifier in a root for wolfSSL; an empty subject for mbedTLS and OpenSSL)',
    needs: "option parseQuirks: the stack's",
  },
  budget: {
    kind: 'deliberate',
    reason: 'verifyChain ends a pathological chain with BUDGET_EXCEEDED where the stack spends what it takes',
    needs: 'nothing (deliberate)',
  },
};

/** A rule: the first that matches a disagreement names its class. */
interface Rule {
  cls: keyof typeof CLASSES;
  id: RegExp;
  profile?: RegExp;
  stackAccepts?: boolean;
  ours?: RegExp;
  detail?: RegExp;
}

const MBED = /^(mbedtls|esp-crt-bundle)/;
const ESP = /^esp-crt-bundle/;
const WOLF = /^wolfssl/;
const BEAR = /^bearssl/;
const OSSL = /^openssl/;

const RULES: readonly Rule[] = [
  // ---- generated corpus (ids end with ::<keyset>) ----
  { cls: 'first-issuer-wins', id: /^order::same-name-decoy-first::/ },
  { cls: 'esp-bundle-top-certificate', id: /^order::depth/, profile: ESP },
  { cls: 'chain-order', id: /^order::depth/ },
  { cls: 'name-chaining-rfc5280', id: /^names::/, profile: OSSL },
  { cls: 'name-chaining-case', id: /^names::/ },
  { cls: 'stack-algorithms', id: /^algorithm::(ed25519|pss)/ },
  { cls: 'cn-fallback', id: /^host::(cn-|two-cns)/ },
  { cls: 'wildcard-rule', id: /^host::wildcard-/ },
  { cls: 'trailing-dot', id: /^host::host-trailing-dot/ },
  { cls: 'anchor-constraints', id: /^extension::unknown-critical-root::/ },
  { cls: 'critical-extension-set', id: /^extension::/ },
  { cls: 'any-eku', id: /^usage::(leaf|int)-eku-any::/, profile: OSSL },
  { cls: 'eku-scope', id: /^usage::(int-eku|client-leaf-server-eku)/ },
  { cls: 'leaf-key-usage', id: /^usage::leaf-ku-/ },
  { cls: 'issuer-key-usage', id: /^usage::int-ku-/ },
  { cls: 'anchor-self-signed', id: /^anchor::(intermediate-trusted|lower-intermediate)/, profile: OSSL },
  { cls: 'sent-certificates-checked', id: /^anchor::intermediate-trusted-root-sent::/, profile: WOLF },
  {
    cls: 'esp-bundle-top-certificate',
    id: /^anchor::(intermediate-trusted|lower-intermediate)/,
    profile: ESP,
  },
  { cls: 'esp-bundle-lookup', id: /^anchor::same-name-wrong-key-first::/, profile: ESP },
  { cls: 'trusted-leaf', id: /^anchor::issued-leaf-pinned/ },
  { cls: 'anchor-leaf-validity', id: /^anchor::self-signed-leaf-expired::/ },
  { cls: 'anchor-constraints', id: /^(anchor::root-|depth::root-pathlen)/ },
  {
    cls: 'esp-bundle-top-certificate',
    id: /^expiry::root-(expired-sent-in-chain|renewed-expired-sent)::/,
    profile: ESP,
  },
  { cls: 'sent-certificates-checked', id: /^expiry::root-(expired-sent-in-chain|renewed-expired-sent)::/ },
  { cls: 'validity-end-exclusive', id: /^expiry::.*-at-not-after::/ },
  { cls: 'anchor-key-policy', id: /^rsa-size::root-1024::/ },
  { cls: 'esp-bundle-sha1', id: /^sha1::int::/, profile: ESP },
  { cls: 'weak-algorithm-refused', id: /^md5::/ },
  { cls: 'key-identifier-lookup', id: /^(misc::(leaf|int)-aki-other-key|misc::int-without-ski)::/ },
  { cls: 'key-identifier-lookup', id: /^v1::root::/, profile: WOLF },
  { cls: 'anchor-ca-flag', id: /^v1::root::/, profile: BEAR },
  { cls: 'malformed-accepted-by-stack', id: /^misc::leaf-duplicate-san::/ },
  { cls: 'anchor-constraints', id: /^nc::.*-root::/, profile: BEAR },
  {
    cls: 'wolfssl-name-constraints',
    id: /^nc::dns-(permitted-match|excluded-match)-.*-root::/,
    profile: WOLF,
  },
  { cls: 'name-constraint-forms', id: /^nc::(ip|uri)-permitted-mismatch::/ },
  { cls: 'nc-wildcard-excluded', id: /^nc::dns-excluded-wildcard-leaf::/ },
  // ---- x509-limbo ----
  { cls: 'budget', id: /^pathological::nc-dos-2$/, profile: WOLF, ours: /^BUDGET_EXCEEDED$/ },
  {
    cls: 'critical-extension-set',
    id: /^bettertls::pathbuilding::/,
    profile: MBED,
    stackAccepts: false,
    detail: /^parse-peer/,
  },
  { cls: 'cn-fallback', id: /^bettertls::nameconstraints::/, stackAccepts: true, ours: /^NAME_MISMATCH$/ },
  { cls: 'name-constraint-forms', id: /^bettertls::nameconstraints::/, profile: WOLF, stackAccepts: true },
  {
    cls: 'wolfssl-name-constraints',
    id: /^bettertls::/,
    profile: WOLF,
    stackAccepts: false,
    detail: /-198:/,
  },
  { cls: 'eku-scope', id: /^bettertls::pathbuilding::/, stackAccepts: true, ours: /^BAD_EKU$/ },
  {
    cls: 'esp-bundle-sha1',
    id: /^bettertls::pathbuilding::/,
    profile: ESP,
    stackAccepts: true,
    ours: /^WEAK_SIGNATURE_ALGORITHM$/,
  },
  { cls: 'first-issuer-wins', id: /^bettertls::pathbuilding::/, stackAccepts: false },
  {
    cls: 'chain-order',
    id: /^bettertls::pathbuilding::/,
    profile: BEAR,
    stackAccepts: true,
    ours: /^CHAIN_ORDER$/,
  },
  { cls: 'first-issuer-wins', id: /^rfc5280::nc::nc-forbids-alternate-chain-ica$/ },
  { cls: 'wolfssl-name-constraints', id: /^rfc5280::nc::not-allowed-in-ee-/, profile: WOLF },
  {
    cls: 'sent-certificates-checked',
    id: /^(pathlen::(max-chain-depth-1-self-issued|self-issued-certs-pathlen)|rfc5280::root-and-intermediate-swapped|pathological::multiple-chains-expired-intermediate)$/,
    profile: WOLF,
  },
  {
    cls: 'esp-bundle-top-certificate',
    id: /^(pathlen::|pathological::multiple-chains-expired-intermediate$)/,
    profile: ESP,
    stackAccepts: false,
    detail: /0x3000|EXPIRED/,
  },
  {
    cls: 'first-issuer-wins',
    id: /^pathlen::(max-chain-depth-1-self-issued|self-issued-certs-pathlen)$/,
    profile: MBED,
  },
  { cls: 'anchor-self-signed', id: /^rfc5280::root-and-intermediate-swapped$/, profile: OSSL },
  {
    cls: 'self-issued-counted',
    id: /^pathlen::(self-issued-certs-pathlen|max-chain-depth-1-self-issued)$/,
    profile: BEAR,
  },
  { cls: 'leaf-basic-constraints', id: /^pathlen::validation-ignores-pathlen-in-leaf$/, profile: WOLF },
  {
    cls: 'leaf-key-usage',
    id: /^(pathlen::validation-ignores-pathlen-in-leaf|rfc5280::ca-as-leaf|webpki::ca-as-leaf)$/,
  },
  { cls: 'sent-certificates-checked', id: /^rfc5280::unknown-critical-extension-unrelated-intermediate$/ },
  { cls: 'anchor-constraints', id: /^rfc5280::unknown-critical-extension-root$/ },
  {
    cls: 'stack-parse-strictness',
    id: /^(rfc5280::ca-empty-subject|webpki::aki::root-with-aki-missing-keyidentifier)$/,
  },
  // An empty keyUsage BIT STRING fails wolfSSL's parse of the root (ASN_PARSE_E); the profile ignores issuer keyUsage.
  {
    cls: 'stack-parse-strictness',
    id: /^rfc5280::root-inconsistent-ca-extensions$/,
    profile: WOLF,
    stackAccepts: false,
  },
  { cls: 'key-identifier-lookup', id: /^rfc5280::ski::(intermediate|root)-missing-ski$/, profile: WOLF },
  { cls: 'trusted-leaf', id: /^rfc5280::serial::negative$/, profile: /^(mbedtls|esp|wolfssl|openssl)/ },
  { cls: 'critical-extension-set', id: /^rfc5280::serial::negative$/, profile: BEAR },
  { cls: 'anchor-self-signed', id: /^rfc5280::ski::critical-ski$/, profile: OSSL },
  {
    cls: 'critical-extension-set',
    id: /^(rfc5280::(aki::critical-aki|ski::critical-ski|ee-critical-aia-invalid|nc::not-allowed-in-ee-critical)|webpki::eku::ee-critical-eku)$/,
  },
  // ICA_A's critical nameConstraints fails mbedTLS's parse of the whole sent chain, although the path avoids ICA_A.
  { cls: 'sent-certificates-checked', id: /^rfc5280::nc::nc-forbids-same-chain-ica$/, profile: MBED },
  {
    cls: 'name-constraint-forms',
    id: /^rfc5280::nc::(nc-forbids-same-chain-ica|excluded-self-issued-leaf|nc-forbids-othername)$/,
  },
  { cls: 'underscore-dns', id: /^rfc5280::san::underscore-dns$/ },
  { cls: 'weak-algorithm-refused', id: /^webpki::forbidden-(p192|dsa)-/ },
  { cls: 'anchor-key-policy', id: /^webpki::forbidden-weak-rsa-key-in-root$/ },
  {
    cls: 'malformed-accepted-by-stack',
    id: /^(webpki::malformed-aia|rfc5280::eku::ee-eku-empty|rfc5280::duplicate-extensions|webpki::nc::intermediate-permitted-excluded-subtrees-both-.*|rfc5280::nc::(invalid-dnsname-.*|nc-permits-invalid-.*|invalid-email-address))$/,
  },
  { cls: 'nc-wildcard-excluded', id: /^(cve::cve-2025-61727|rfc5280::nc::nc-forbids-dnsname-wildcard-san)$/ },
  {
    cls: 'anchor-constraints',
    id: /^(rfc5280::(root-missing-basic-constraints|root-inconsistent-ca-extensions|nc::.*)|pathological::nc-dos-[12])$/,
    profile: /^(bearssl|wolfssl|openssl|esp)/,
    stackAccepts: true,
  },
  { cls: 'critical-extension-set', id: /^rfc5280::nc::not-allowed-in-ee-critical$/ },
  { cls: 'cn-fallback', id: /^(webpki::san::no-san|webpki::v1-cert|pathological::nc-dos-3)$/ },
  {
    cls: 'wildcard-rule',
    id: /^webpki::san::(public-suffix-wildcard-san|san-wildcard-only-tld|wildcard-embedded-.*|wildcard-not-in-leftmost-san)$/,
  },
  {
    cls: 'anchor-self-signed',
    id: /^(cve::cve-2024-0567|rfc5280::aki::cross-signed-root-missing-aki|webpki::aki::root-with-aki-.*)$/,
    profile: OSSL,
  },
  { cls: 'validity-end-exclusive', id: /^rfc5280::validity::notafter-/, profile: OSSL },
];

/** The class of a disagreement, or undefined when no rule explains it. */
export function classify(d: Disagreement): string | undefined {
  for (const r of RULES) {
    if (!r.id.test(d.id)) continue;
    if (r.profile && !r.profile.test(d.profile)) continue;
    if (r.stackAccepts !== undefined && r.stackAccepts !== d.stackAccepts) continue;
    if (r.ours && !r.ours.test(d.ours)) continue;
    if (r.detail && !r.detail.test(d.stackDetail)) continue;
    return r.cls;
  }
  return undefined;
}
