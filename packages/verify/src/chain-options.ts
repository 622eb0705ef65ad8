// Path-building and trust-anchor options of device profiles (issue 12): how a stack finds the
// issuer of each certificate, what it takes a trust anchor to be, and which sent certificates it
// checks. Each option maps to ChainOption bits of the request's chainOptions field (abi.json);
// the defaults (every option absent) are hubtrust's own rules and set no bit, so verifyChain
// without a profile keeps its verdicts. The stacks' evidence is in device-profiles.ts; the
// module's side in assembly/path/build.ts (issuer search, anchors), checks.ts (anchor checks)
// and verify.ts (trusted leaf, sent certificates).
import { ChainOption } from './abi.generated.js';
import { optionError, optionLookup } from './option-table.js';

/** The path-building and trust-anchor options (part of `VerifyChainOptions`). */
export interface ChainRuleOptions {
  /**
   * `any` (default): intermediates in any order. `issuer-after-child`: a sent certificate can
   * issue only certificates sent before it (mbedTLS `x509_crt_find_parent_in`, wolfSSL
   * `ProcessPeerCerts`). `requireOrderedChain` is the stricter BearSSL rule.
   */
  chainOrder?: 'any' | 'issuer-after-child';
  /**
   * `search` (default): every candidate issuer is tried (backtracking). `first-match`: the first
   * candidate with the issuer's name that is a CA (keyCertSign, pathLen) is taken, trust anchors
   * first (an anchor only if its key verifies the child), the time-valid one preferred, and never
   * revisited (mbedTLS `x509_crt_find_parent`).
   */
  issuerSelection?: 'search' | 'first-match';
  /**
   * `name` (default): issuers are found by name, key identifiers only order them.
   * `key-identifier`: a candidate whose subjectKeyIdentifier contradicts the child's
   * authorityKeyIdentifier is not its issuer (OpenSSL `X509_check_akid`).
   * `key-identifier-computed`: as well, a candidate without one matches an AKI only through the
   * identifier the stack computes, SHA-1 of an RSA key (RFC 5280 method 1), never for other
   * keys (wolfSSL `GetCA` / `CalcHashId`, measured).
   */
  issuerLookup?: 'name' | 'key-identifier' | 'key-identifier-computed';
  /**
   * When a leaf given among the roots is trusted without an issuer. `anchor-copy` (default): a
   * byte-identical copy; `self-issued-copy`: only a self-issued one (mbedTLS
   * `x509_crt_check_ee_locally_trusted`); `self-signed-copy`: only one its own key verifies
   * (OpenSSL, wolfSSL); `name-and-key`: a non-CA anchor with its subject and key (BearSSL
   * `check-direct-trust`); `never` (the ESP-IDF bundle). The leaf's dates are always checked.
   */
  trustedLeaf?: 'anchor-copy' | 'self-issued-copy' | 'self-signed-copy' | 'name-and-key' | 'never';
  /**
   * What a trust anchor is. `certificate` (default): the certificate, its extensions applied.
   * `ca-flag`: it issues only if basicConstraints says cA, whatever its version (BearSSL
   * `br_x509_decoder_isCA`). `any-certificate`: any trusted certificate issues, CA or not, v1
   * included (wolfSSL loads every trusted certificate as a signer). `ca-or-key-usage`: a v3
   * anchor without basicConstraints is a CA when it has keyUsage (OpenSSL `X509_check_ca`).
   * `name-and-key`: only its subject and key count (ESP-IDF bundle):
   * implies `anchorConstraints: 'ignore'`, `anchorKeyPolicy: false` and no anchor expiry; the
   * sent chain is followed as far as the stack finds parents in it, the anchor (exact subject
   * bytes) only issues its top, by RSA PKCS#1 v1.5 or ECDSA with SHA-1 or SHA-2.
   */
  anchorForm?: 'certificate' | 'ca-flag' | 'any-certificate' | 'ca-or-key-usage' | 'name-and-key';
  /** `enforce` (default) or `ignore` the anchor's extensions: basicConstraints, keyUsage, pathLen, name constraints, EKU, unknown critical ones. */
  anchorConstraints?: 'enforce' | 'ignore';
  /** Apply `minRsaBits` to the anchor's key (default true). */
  anchorKeyPolicy?: boolean;
  /** A trusted certificate that is not self-signed may end the path (default true; OpenSSL without `X509_V_FLAG_PARTIAL_CHAIN`: false). */
  partialChain?: boolean;
  /**
   * Which sent certificates the stack checks. `path-only` (default). `all-must-parse`: every
   * one must decode with no unknown critical extension (mbedTLS). `all-must-verify`: from the
   * last down, every one whose issuer is known must be valid and verify, a self-issued one with
   * no known issuer fails (wolfSSL `ProcessPeerCerts`, alternate chains).
   */
  sentCertificates?: 'path-only' | 'all-must-parse' | 'all-must-verify';
  /** Self-issued intermediates count against pathLenConstraint (default false, RFC 5280; BearSSL: true). */
  pathLenCountsSelfIssued?: boolean;
  /** `ignore` (default): the leaf never counts against pathLen; `count-ca-leaf`: a leaf asserting cA does (wolfSSL). */
  leafPathLen?: 'ignore' | 'count-ca-leaf';
  /** Apply the anchor's own pathLenConstraint (default true; wolfSSL: false). */
  pathLenOnAnchor?: boolean;
}

type Choice = readonly [option: keyof ChainRuleOptions, values: Readonly<Record<string, number>>];

const C = ChainOption;
const CHOICES: readonly Choice[] = [
  ['chainOrder', { any: 0, 'issuer-after-child': C.ISSUER_AFTER_CHILD }],
  ['issuerSelection', { search: 0, 'first-match': C.FIRST_ISSUER }],
  [
    'issuerLookup',
    {
      name: 0,
      'key-identifier': C.AKI_LOOKUP,
      'key-identifier-computed': C.AKI_LOOKUP | C.AKI_COMPUTED_SKI,
    },
  ],
  [
    'trustedLeaf',
    {
      'anchor-copy': 0,
      'self-issued-copy': C.LEAF_SELF_ISSUED,
      'self-signed-copy': C.LEAF_SELF_SIGNED,
      'name-and-key': C.LEAF_NAME_AND_KEY,
      never: C.LEAF_NEVER,
    },
  ],
  [
    'anchorForm',
    {
      certificate: 0,
      'ca-flag': C.ANCHOR_CA_FLAG,
      'any-certificate': C.ANCHOR_ANY_CERTIFICATE,
      'ca-or-key-usage': C.ANCHOR_KEY_USAGE_CA,
      'name-and-key': C.ANCHOR_NAME_AND_KEY | C.ANCHOR_CONSTRAINTS_IGNORED | C.ANCHOR_KEY_UNCHECKED,
    },
  ],
  ['anchorConstraints', { enforce: 0, ignore: C.ANCHOR_CONSTRAINTS_IGNORED }],
  ['anchorKeyPolicy', { true: 0, false: C.ANCHOR_KEY_UNCHECKED }],
  ['partialChain', { true: 0, false: C.NO_PARTIAL_CHAIN }],
  [
    'sentCertificates',
    { 'path-only': 0, 'all-must-parse': C.SENT_MUST_DECODE, 'all-must-verify': C.SENT_CA_MUST_VERIFY },
  ],
  ['pathLenCountsSelfIssued', { false: 0, true: C.PATHLEN_COUNTS_SELF_ISSUED }],
  ['leafPathLen', { ignore: 0, 'count-ca-leaf': C.LEAF_CA_PATHLEN }],
  ['pathLenOnAnchor', { true: 0, false: C.ANCHOR_PATHLEN_IGNORED }],
];

/**
 * The request's chainOptions bits for `options`, or the message of the first invalid value.
 * `anchorForm: 'name-and-key'` also means the anchor's dates are not checked: the caller sets
 * that flag when `anchorHasNoDates` is true.
 */
export function chainOptionBits(
  options: ChainRuleOptions,
): { bits: number; anchorHasNoDates: boolean } | { error: string } {
  let bits = 0;
  for (const [name, values] of CHOICES) {
    const v: unknown = options[name];
    if (v === undefined) continue;
    const id = optionLookup(values, v);
    if (id === undefined) return { error: optionError(name, values) };
    bits |= id;
  }
  return { bits, anchorHasNoDates: (bits & C.ANCHOR_NAME_AND_KEY) !== 0 };
}
