// verifyChain: the TypeScript host of the wasm path validator (assembly/path/verify.ts).
// Builds the request (assembly/path/request.ts), calls the export, reads the result
// (assembly/path/result.ts) and turns codes into the stable result shape.
import {
  CertFlag,
  CnFallback,
  ERROR_MESSAGES,
  type ErrorCode,
  HostNameFlag,
  HostWildcard,
  IterKind,
  MAX_CERTS,
  MAX_IO,
  NameChaining,
  NameConstraintFlag,
  NameKind,
  Purpose as PurposeId,
  REQUEST_LAYOUT as REQ,
  REQUEST_CERT_LAYOUT,
  REQUEST_CERT_SIZE,
  REQUEST_SIZE,
  REQUEST_VERSION,
  RESULT_LAYOUT as RES,
  RequestFlag,
  ResultFlag,
} from './abi.generated.js';
import { type ChainRuleOptions, chainOptionBits } from './chain-options.js';
import type { DeviceProfileId } from './device-profiles.js';
import { type ErrorDetail, errorCode, errorDetail } from './errors.js';
import type { VerifyExports } from './gateway.js';
import { optionError, optionLookup } from './option-table.js';
import { PemError, splitPem } from './pem.js';
import {
  acceptableDer,
  type PolicyOptions,
  type PolicyProcessing,
  policyFlags,
  readValidPolicies,
  type ValidPolicies,
} from './policy-options.js';
import { applyProfile } from './profile-options.js';
import { type StackOptions, stackRequest } from './stack-options.js';
import { VerifyError } from './verify-error.js';
import { gateway } from './wasm.js';
import { memoryViews, READER_SPACE, X509Reader } from './x509-read.js';

/** A certificate as DER bytes, or PEM text (which may hold several certificates). */
export type CertificateInput = Uint8Array | string;

/** What the leaf certificate must be good for (its extendedKeyUsage and that of its issuers). */
export type Purpose = 'serverAuth' | 'clientAuth' | 'any';

/**
 * Options of {@link verifyChain} (the path-building and trust-anchor ones: {@link ChainRuleOptions};
 * the usage, extension, validity and algorithm ones: {@link StackOptions}).
 */
export interface VerifyChainOptions extends ChainRuleOptions, StackOptions {
  /** The end-entity certificate. PEM text may hold the whole chain as a server sends it: the first block is the leaf, the others are added to `intermediates` in order. */
  leaf: CertificateInput;
  /** Certificates that may help build the path, in any order, decoys allowed. */
  intermediates?: CertificateInput | readonly CertificateInput[];
  /** Trust anchors (roots): at least one. */
  roots: CertificateInput | readonly CertificateInput[];
  /** Validation time (default: now). Compared with second precision, fractions truncated. */
  time?: Date | number;
  /** DNS name or IP address the leaf must be valid for (subjectAltName only; no CN fallback). */
  hostname?: string;
  /** Mailbox the leaf must be valid for (rfc822Name SAN), e.g. for client certificates. */
  email?: string;
  /** Required purpose (default `serverAuth`). */
  purpose?: Purpose;
  /** Most intermediates a path may hold, not counting self-issued ones (default 8). */
  maxDepth?: number;
  /** Smallest RSA modulus accepted anywhere in the chain, in bits (default 2048). */
  minRsaBits?: number;
  /** Accept SHA-1 signatures (default false). MD5 and MD2 are never accepted. */
  allowSha1?: boolean;
  /** Check the trust anchor's validity period (default true, as OpenSSL and mbedTLS do). */
  enforceAnchorExpiry?: boolean;
  /** Intermediates must be given in issuing order, as BearSSL's minimal engine requires (default false). */
  requireOrderedChain?: boolean;
  /** `enforce` (default) processes name constraints; `reject-if-critical` ignores them but rejects a path holding a critical one (mbedTLS 2.x). */
  nameConstraints?: 'enforce' | 'reject-if-critical';
  /**
   * Enforce the RFC 5280 / CA/B Forum profile rules a strict TLS client applies (default true):
   * key identifiers, extension criticality, v3, no CA leaf, CN copied from a SAN, RSA sizes a
   * multiple of 8. `false` models lenient stacks (OpenSSL, mbedTLS).
   */
  strictProfile?: boolean;
  /**
   * How an issuer name is matched with a candidate issuer's subject: `rfc5280` (default; RFC 5280
   * §7.1: case, spacing and PrintableString/UTF8String differences ignored, as OpenSSL), `exact`
   * (byte for byte: wolfSSL, BearSSL, rustls-webpki) or `ascii-case-insensitive` (mbedTLS
   * x509_name_cmp).
   */
  nameChaining?: NameChainingRule;
  /** How `hostname` is matched, for device profiles (default: RFC 9525, see {@link HostNameRule}). */
  hostNameRule?: HostNameRule;
  /** Per-stack name-constraint processing, for device profiles (default: every form, RFC 5280 §4.2.1.10). */
  nameConstraintRule?: NameConstraintRule;
  /** Work limits of path building (0 or absent: the defaults, see the README). */
  budget?: {
    signatureChecks?: number;
    buildCalls?: number;
    nameConstraintComparisons?: number;
    /** Policy-graph nodes plus edges per path (default 1,000, OpenSSL's limit; at most 65,535). */
    policyNodes?: number;
    /** Policy OID comparisons per call (default 250,000). */
    policyComparisons?: number;
  };
  /**
   * Start from a device profile's options (`deviceProfiles`); options given here override them.
   * Prediction-only profiles (no trusted clock) are refused: see `predictDevice`.
   */
  profile?: DeviceProfileId;
  /**
   * Also enforce the issuance rules a certificate linter applies (default false; the `strict`
   * device profile sets it): CA/B Forum Baseline Requirements and rustls-webpki rules on serial
   * numbers, key identifiers, basicConstraints and nameConstraints criticality, the anchors' own
   * profile, a strict extendedKeyUsage (present on the leaf, holding the purpose itself, never
   * anyExtendedKeyUsage) and no wildcard over a public suffix (CA/B BR §3.2.2.6: a one-label base
   * such as `*.com` always; longer suffixes through `publicSuffix`). The rules and their sections:
   * assembly/path/checks.ts. Only ever rejects more. `INVALID_ARGUMENT` from a build without them
   * (the embedded one).
   */
  issuanceRules?: boolean;
  /**
   * With `issuanceRules`: looks up the public suffix of the DNS host name (`'co.uk'` for
   * `'example.co.uk'`, `'s3.amazonaws.com'` in the Public Suffix List's private section), so that
   * a wildcard SAN directly over it (`*.co.uk`) does not match. verify carries no Public Suffix
   * List (a list changes weekly and is ~130 KB as code): pass a lookup, e.g. tldts' `getPublicSuffix`
   * with `allowPrivateDomains: true` for CA/B BR §3.2.2.6 ("registry-controlled" or "public
   * suffix"), or without it for Chromium's rule (ICANN suffixes only). Return `undefined` or
   * `null` when unknown. Without it only a one-label base (`*.com`, `*.local`: every TLD is a
   * public suffix) is refused. Called once per verification, with the host name as given
   * (brackets and a trailing dot removed).
   *
   * @example
   * ```ts
   * import { getPublicSuffix } from 'tldts';
   * verifyChain({ profile: 'strict', leaf, roots, hostname,
   *   publicSuffix: (h) => getPublicSuffix(h, { allowPrivateDomains: true }) });
   * ```
   */
  publicSuffix?: (hostname: string) => string | null | undefined;
  /**
   * Certificate-policy inputs of RFC 5280 §6.1.1: the acceptable policies, and whether an
   * explicit policy is required, mapping inhibited, anyPolicy inhibited (default: any policy,
   * none of the three). A failure is `POLICY_VIOLATION`; the valid sets are in `policies`.
   */
  policies?: PolicyOptions;
  /**
   * `rfc5280` (default): certificatePolicies, policyMappings, policyConstraints and
   * inhibitAnyPolicy are processed, critical or not (RFC 5280 §6.1.2-6.1.5). The other values
   * model device stacks that do not process them (see {@link PolicyProcessing}).
   */
  policyProcessing?: PolicyProcessing;
}

/** How issuer and subject names are compared (see `nameChaining` in {@link VerifyChainOptions}). */
export type NameChainingRule =
  | 'rfc5280'
  | 'exact'
  | 'ascii-case-insensitive'
  | 'ascii-case-insensitive-exact-anchor';

/**
 * How a DNS host name is matched with the leaf, as a device stack does it. Every field absent is
 * hubtrust's own rule (RFC 9525: dNSName SANs only, the wildcard only as a whole first label above
 * two more, LDH labels, a trailing dot of the host name ignored).
 */
export interface HostNameRule {
  /**
   * When the subject CN counts: `never` (default), `without-san` (no subjectAltName extension:
   * mbedTLS, BearSSL), `without-dns-san` (no dNSName SAN: OpenSSL), `without-dns-or-ip-san` (no
   * dNSName or iPAddress SAN: wolfSSL).
   */
  cnFallback?: 'never' | 'without-san' | 'without-dns-san' | 'without-dns-or-ip-san';
  /**
   * Wildcards: `rfc6125` (default), `any-first-label` ("*." + rest, "*.com" included: mbedTLS,
   * BearSSL), `partial-first-label` (one "*" at the start or end of the first label, two dots
   * after it: OpenSSL), `glob-per-label` ("*" anywhere, within one label: wolfSSL). Every
   * value but the default compares names as text, as those stacks do.
   */
  wildcard?: 'rfc6125' | 'any-first-label' | 'partial-first-label' | 'glob-per-label';
  /** `ignore` (default): "host." is "host"; `literal`: the dot is compared as text (every stack). */
  trailingDot?: 'ignore' | 'literal';
  /** Accept "_" in DNS labels (default false). */
  underscores?: boolean;
}

/** Name-constraint processing of a stack that departs from RFC 5280 §4.2.1.10. */
export interface NameConstraintRule {
  /** Forms whose constraints are ignored: `ip`, `uri`, `other` (otherName and the forms without a matcher, which otherwise reject). */
  ignoreForms?: readonly ('ip' | 'uri' | 'other')[];
  /**
   * dNSName constraints also apply to subject CNs: `never` (default), `leaf-host-names` (the
   * leaf's host-like CNs when it has no dNSName SAN: OpenSSL NAME_CONSTRAINTS_check_CN),
   * `without-san` (every CN of any certificate without subjectAltName: wolfSSL).
   */
  commonNameAsDns?: 'never' | 'leaf-host-names' | 'without-san';
  /** iPAddress SANs are also checked against dNSName subtrees, so none is permitted under one (wolfSSL). */
  ipSanAgainstDns?: boolean;
  /** A nameConstraints extension in the leaf rejects it (wolfSSL). */
  rejectInEndEntity?: boolean;
  /**
   * Which certificates a CA's constraints reach: `subordinates` (default, RFC 5280 §6.1: every
   * certificate below it but self-issued intermediates) or `issued` (only the ones it signs
   * directly, a self-issued intermediate still exempt: wolfSSL).
   */
  scope?: 'subordinates' | 'issued';
  /**
   * How a wildcard dNSName meets an excluded subtree: `expansions` (default: excluded when any
   * name it could stand for is, CVE-2025-61727) or `literal` (as the string: OpenSSL, wolfSSL).
   */
  excludedWildcard?: 'expansions' | 'literal';
}

const NAME_CHAINING_IDS: Record<NameChainingRule, number> = {
  rfc5280: NameChaining.RFC5280,
  exact: NameChaining.EXACT,
  'ascii-case-insensitive': NameChaining.ASCII_CASE,
  'ascii-case-insensitive-exact-anchor': NameChaining.ASCII_CASE_EXACT_ANCHOR,
};
const CN_FALLBACK_IDS: Record<NonNullable<HostNameRule['cnFallback']>, number> = {
  never: CnFallback.NEVER,
  'without-san': CnFallback.WITHOUT_SAN,
  'without-dns-san': CnFallback.WITHOUT_DNS_SAN,
  'without-dns-or-ip-san': CnFallback.WITHOUT_DNS_IP_SAN,
};
const WILDCARD_IDS: Record<NonNullable<HostNameRule['wildcard']>, number> = {
  rfc6125: HostWildcard.RFC6125,
  'any-first-label': HostWildcard.ANY_FIRST_LABEL,
  'partial-first-label': HostWildcard.PARTIAL_FIRST_LABEL,
  'glob-per-label': HostWildcard.GLOB_PER_LABEL,
};
const IGNORED_FORM_BITS: Record<string, number> = {
  ip: NameConstraintFlag.IGNORE_IP,
  uri: NameConstraintFlag.IGNORE_URI,
  other: NameConstraintFlag.IGNORE_OTHER_FORMS,
};
const TRAILING_DOT_BITS = { ignore: 0, literal: HostNameFlag.LITERAL_TRAILING_DOT };
const CN_AS_DNS_BITS = {
  never: 0,
  'leaf-host-names': NameConstraintFlag.DNS_ON_LEAF_HOST_CN,
  'without-san': NameConstraintFlag.DNS_ON_COMMON_NAME,
};
const NC_SCOPE_BITS = { subordinates: 0, issued: NameConstraintFlag.ISSUER_ONLY };
const EXCLUDED_WILDCARD_BITS = { expansions: 0, literal: NameConstraintFlag.WILDCARD_LITERAL };

/** The id or bits of an option's value (0 when it is left out); INVALID_ARGUMENT outside its table. */
function enumOption(table: Readonly<Record<string, number>>, v: unknown, what: string): number {
  if (v === undefined) return 0;
  const id = optionLookup(table, v);
  if (id === undefined) throw new InputError('INVALID_ARGUMENT', optionError(what, table));
  return id;
}

/** The name-rule fields of the request (appended to its header). */
function nameRuleFields(o: VerifyChainOptions): [number, number, number, number, number] {
  const h = o.hostNameRule ?? {};
  let hostFlags = enumOption(TRAILING_DOT_BITS, h.trailingDot, 'hostNameRule.trailingDot');
  if (h.underscores) hostFlags |= HostNameFlag.UNDERSCORE_LABELS;
  const nc = o.nameConstraintRule ?? {};
  let ncFlags = 0;
  for (const f of nc.ignoreForms ?? []) {
    const bit = optionLookup(IGNORED_FORM_BITS, f);
    if (bit === undefined)
      throw new InputError(
        'INVALID_ARGUMENT',
        optionError('nameConstraintRule.ignoreForms[]', IGNORED_FORM_BITS),
      );
    ncFlags |= bit;
  }
  ncFlags |= enumOption(CN_AS_DNS_BITS, nc.commonNameAsDns, 'nameConstraintRule.commonNameAsDns');
  if (nc.ipSanAgainstDns) ncFlags |= NameConstraintFlag.IP_SAN_AGAINST_DNS;
  if (nc.rejectInEndEntity) ncFlags |= NameConstraintFlag.REJECT_IN_END_ENTITY;
  ncFlags |= enumOption(NC_SCOPE_BITS, nc.scope, 'nameConstraintRule.scope');
  ncFlags |= enumOption(EXCLUDED_WILDCARD_BITS, nc.excludedWildcard, 'nameConstraintRule.excludedWildcard');
  return [
    enumOption(NAME_CHAINING_IDS, o.nameChaining, 'nameChaining'),
    enumOption(CN_FALLBACK_IDS, h.cnFallback, 'hostNameRule.cnFallback'),
    enumOption(WILDCARD_IDS, h.wildcard, 'hostNameRule.wildcard'),
    hostFlags,
    ncFlags,
  ];
}

/** Where a certificate of the chain came from. */
export type CertificateSource = 'leaf' | 'intermediates' | 'roots';

/** One certificate of a validated chain. */
export interface ChainCertificate {
  /** DER bytes. */
  der: Uint8Array;
  /** Which input list it came from. */
  source: CertificateSource;
  /** Its index in that list (the leaf is 0; intermediates split from a leaf PEM follow the given ones). */
  index: number;
}

/** Why a chain was rejected. */
export interface VerifyChainError {
  /** Stable code from the error table (abi.json); `INTERNAL` when verify.wasm trapped (a bug). */
  code: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** Position in the (partial) chain of the certificate the error is about: 0 = leaf. */
  certIndex?: number;
  /** What to look at: the closest candidate issuer and why it was rejected, or the name that would have matched. */
  hint?: string;
  /** Machine-readable detail code (path or decoder rule), for tools; `reason` has its name and text. */
  detail?: number;
  /** The rule behind the error (the same ErrorDetail a VerifyError carries). */
  reason?: ErrorDetail;
  /** The best partial chain the verifier built before failing. */
  chain?: ChainCertificate[];
}

/** Work one call spent, against the budget (see `budget` in {@link VerifyChainOptions}). */
export interface VerifyWork {
  signatureChecks: number;
  buildCalls: number;
  nameConstraintComparisons: number;
  /** Bytes of wasm linear memory the call used beyond the module's static data (request + scratch). */
  memoryBytes: number;
  /** Most policy-graph nodes plus edges of one path. */
  policyNodes: number;
  /** Policy OID comparisons. */
  policyComparisons: number;
}

/** Result of {@link verifyChain}. */
export type VerifyChainResult =
  | {
      ok: true;
      chain: ChainCertificate[];
      work: VerifyWork;
      /** The valid policy sets of the path (absent when policies were not processed, see `policyProcessing`). */
      policies?: ValidPolicies;
    }
  | { ok: false; error: VerifyChainError; work?: VerifyWork };

const MAX_U32 = 0xffffffff;

class InputError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function toList(x: CertificateInput | readonly CertificateInput[] | undefined, what: string): Uint8Array[] {
  if (x === undefined) return [];
  const items = typeof x === 'string' || x instanceof Uint8Array ? [x] : x;
  const out: Uint8Array[] = [];
  for (const item of items) {
    if (item instanceof Uint8Array) out.push(item);
    else if (typeof item === 'string') out.push(...pemCerts(item, what));
    else throw new InputError('INVALID_ARGUMENT', `${what}: expected Uint8Array (DER) or string (PEM)`);
  }
  return out;
}

function pemCerts(text: string, what: string): Uint8Array[] {
  try {
    const certs = splitPem(text);
    if (certs.length === 0)
      throw new InputError('MALFORMED', `${what}: no CERTIFICATE block in the PEM text`);
    return certs;
  } catch (e) {
    if (e instanceof PemError) throw new InputError('MALFORMED', `${what}: ${e.message}`);
    throw e;
  }
}

function u32Option(v: number | undefined, what: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 0 || v > MAX_U32)
    throw new InputError('INVALID_ARGUMENT', `${what} must be an integer >= 0`);
  return v;
}

/** How the peer name is matched: an IP literal (v4 dotted, v6 with ':', optionally in brackets) or a DNS name. */
function peerName(options: VerifyChainOptions): { kind: number; bytes: Uint8Array } | undefined {
  if (options.email !== undefined && options.hostname !== undefined) {
    throw new InputError('INVALID_ARGUMENT', 'give hostname or email, not both');
  }
  if (options.email !== undefined) return { kind: NameKind.EMAIL, bytes: UTF8.encode(options.email) };
  if (options.hostname === undefined) return undefined;
  let h = options.hostname;
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const isIp = h.includes(':') || /^[0-9.]+$/.test(h);
  return { kind: isIp ? NameKind.IP : NameKind.DNS, bytes: UTF8.encode(h) };
}
const UTF8 = new TextEncoder();

/**
 * Labels of the host name's public suffix as options.publicSuffix reports it (0: no lookup or
 * unknown; the module then counts one label, the TLD).
 * @throws InputError when the lookup returns something that is not a suffix of the host name
 */
function publicSuffixLabels(options: VerifyChainOptions, host: string): number {
  const lookup = options.publicSuffix;
  if (lookup === undefined) return 0;
  if (typeof lookup !== 'function')
    throw new InputError('INVALID_ARGUMENT', 'publicSuffix must be a function');
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  const suffix = lookup(name);
  if (suffix === undefined || suffix === null || suffix === '') return 0;
  const lower = name.toLowerCase();
  const s = String(suffix).toLowerCase();
  if (lower !== s && !lower.endsWith(`.${s}`))
    throw new InputError(
      'INVALID_ARGUMENT',
      `publicSuffix returned '${s}', which is not a suffix of the host name`,
    );
  return s.split('.').length;
}

function timeSeconds(t: Date | number | undefined): bigint {
  const ms = t === undefined ? Date.now() : t instanceof Date ? t.getTime() : t;
  if (!Number.isFinite(ms)) throw new InputError('INVALID_ARGUMENT', 'time is not a valid date');
  return BigInt(Math.floor(ms / 1000));
}

interface Inputs {
  all: Uint8Array[];
  sources: { source: CertificateSource; index: number }[];
}

function collect(options: VerifyChainOptions): Inputs {
  const leafList = toList(options.leaf, 'leaf');
  const [leaf, ...sent] = leafList;
  if (!leaf) throw new InputError('INVALID_ARGUMENT', 'leaf: no certificate');
  const intermediates = [...toList(options.intermediates, 'intermediates'), ...sent];
  const roots = toList(options.roots, 'roots');
  if (roots.length === 0)
    throw new InputError('INVALID_ARGUMENT', 'roots: at least one trust anchor is required');
  if (1 + intermediates.length + roots.length > MAX_CERTS) {
    throw new InputError(
      'INPUT_TOO_LARGE',
      `at most ${MAX_CERTS} certificates (leaf + intermediates + roots) per call`,
    );
  }
  return {
    all: [leaf, ...intermediates, ...roots],
    sources: [
      { source: 'leaf', index: 0 },
      ...intermediates.map((_, index) => ({ source: 'intermediates' as const, index })),
      ...roots.map((_, index) => ({ source: 'roots' as const, index })),
    ],
  };
}

function writeRequest(
  w: VerifyExports,
  options: VerifyChainOptions,
  inputs: Inputs,
  noClock: boolean,
): { ptr: number; len: number; readerSpace: number } {
  const name = peerName(options);
  const n = inputs.all.length;
  const table = REQUEST_SIZE + n * REQUEST_CERT_SIZE;
  // The host's public-suffix lookup runs before the IO area is written (it may call verifyChain).
  const suffixLabels =
    options.issuanceRules === true && name?.kind === NameKind.DNS
      ? publicSuffixLabels(options, options.hostname ?? '')
      : 0;
  const certBytes = inputs.all.reduce((s, c) => s + c.length, 0);
  const acceptable = acceptableDer(options.policies);
  if (typeof acceptable === 'string') throw new InputError('INVALID_ARGUMENT', acceptable);
  const len = table + certBytes + (name?.bytes.length ?? 0) + acceptable.length;
  // Room for the reader's records after the request (the module never touches it).
  const ptr = w.ioReserve(len + READER_SPACE);
  if (ptr === 0) {
    throw new InputError('INPUT_TOO_LARGE', `the certificates exceed the ${MAX_IO >> 20} MiB input limit`);
  }
  const { mem, dv } = memoryViews(w.memory);
  mem.fill(0, ptr, ptr + REQUEST_SIZE); // the IO area is not cleared between calls
  let flags = 0;
  if (options.allowSha1) flags |= RequestFlag.ALLOW_SHA1;
  if (options.enforceAnchorExpiry === false) flags |= RequestFlag.IGNORE_ANCHOR_EXPIRY;
  if (options.requireOrderedChain) flags |= RequestFlag.REQUIRE_ORDERED;
  if (options.nameConstraints === 'reject-if-critical') flags |= RequestFlag.NC_REJECT_IF_CRITICAL;
  else if (options.nameConstraints !== undefined && options.nameConstraints !== 'enforce') {
    throw new InputError('INVALID_ARGUMENT', "nameConstraints must be 'enforce' or 'reject-if-critical'");
  }
  if (options.strictProfile === false) flags |= RequestFlag.LENIENT_PROFILE;
  const chain = chainOptionBits(options);
  if ('error' in chain) throw new InputError('INVALID_ARGUMENT', chain.error);
  if (chain.anchorHasNoDates) flags |= RequestFlag.IGNORE_ANCHOR_EXPIRY;
  if (options.issuanceRules === true) flags |= RequestFlag.ISSUANCE_RULES;
  const policy = policyFlags(options.policies, options.policyProcessing);
  if (typeof policy === 'string') throw new InputError('INVALID_ARGUMENT', policy);
  flags |= policy;
  const purpose = options.purpose ?? 'serverAuth';
  const purposeId = {
    serverAuth: PurposeId.SERVER_AUTH,
    clientAuth: PurposeId.CLIENT_AUTH,
    any: PurposeId.ANY,
  }[purpose];
  if (purposeId === undefined) throw new InputError('INVALID_ARGUMENT', `unknown purpose ${String(purpose)}`);
  const put = (off: number, v: number) => dv.setUint32(ptr + off, v, true);
  // Usage, extension, validity and algorithm options (stack-options.ts); the no-clock bit only
  // for predictDevice (predictWithoutClock), never for a verdict.
  const stack = stackOptionsRequest(options);
  flags |= stack.flags | (noClock ? RequestFlag.PREDICT_NO_CLOCK : 0);
  put(REQ.leafKeyUsage[0], stack.leafKeyUsage);
  put(REQ.ekuScope[0], stack.ekuScope);
  put(REQ.criticalExtensions[0], stack.criticalExtensions);
  put(REQ.algorithms[0], stack.algorithms);
  put(REQ.version[0], REQUEST_VERSION);
  const roots = inputs.sources.filter((s) => s.source === 'roots').length;
  put(REQ.intermediateCount[0], n - 1 - roots);
  put(REQ.rootCount[0], roots);
  put(REQ.flags[0], flags);
  put(REQ.chainOptions[0], chain.bits);
  put(REQ.purpose[0], purposeId);
  put(REQ.maxDepth[0], options.maxDepth === undefined ? MAX_U32 : u32Option(options.maxDepth, 'maxDepth', 0));
  put(REQ.minRsaBits[0], u32Option(options.minRsaBits, 'minRsaBits', 0));
  dv.setBigInt64(ptr + REQ.time[0], timeSeconds(options.time), true);
  put(REQ.budgetSignatureChecks[0], u32Option(options.budget?.signatureChecks, 'budget.signatureChecks', 0));
  put(REQ.budgetBuildCalls[0], u32Option(options.budget?.buildCalls, 'budget.buildCalls', 0));
  put(
    REQ.budgetComparisons[0],
    u32Option(options.budget?.nameConstraintComparisons, 'budget.nameConstraintComparisons', 0),
  );
  const [chaining, cnFallback, wildcard, hostFlags, ncFlags] = nameRuleFields(options);
  put(REQ.nameChaining[0], chaining);
  put(REQ.hostCnFallback[0], cnFallback);
  put(REQ.hostWildcard[0], wildcard);
  put(REQ.hostNameFlags[0], hostFlags);
  put(REQ.nameConstraintFlags[0], ncFlags);
  put(REQ.budgetPolicyNodes[0], u32Option(options.budget?.policyNodes, 'budget.policyNodes', 0));
  put(
    REQ.budgetPolicyComparisons[0],
    u32Option(options.budget?.policyComparisons, 'budget.policyComparisons', 0),
  );
  let at = table;
  inputs.all.forEach((der, i) => {
    const entry = REQUEST_SIZE + i * REQUEST_CERT_SIZE;
    put(entry + REQUEST_CERT_LAYOUT.offset[0], at);
    put(entry + REQUEST_CERT_LAYOUT.length[0], der.length);
    mem.set(der, ptr + at);
    at += der.length;
  });
  put(REQ.publicSuffixLabels[0], suffixLabels);
  if (name) {
    put(REQ.nameKind[0], name.kind);
    put(REQ.nameOffset[0], at);
    put(REQ.nameLength[0], name.bytes.length);
    mem.set(name.bytes, ptr + at);
    at += name.bytes.length;
  }
  if (acceptable.length) {
    put(REQ.policySetOffset[0], at);
    put(REQ.policySetLength[0], acceptable.length);
    mem.set(acceptable, ptr + at);
  }
  return { ptr, len, readerSpace: ptr + len };
}

function stackOptionsRequest(options: VerifyChainOptions): ReturnType<typeof stackRequest> {
  try {
    return stackRequest(options);
  } catch (e) {
    if (e instanceof TypeError) throw new InputError('INVALID_ARGUMENT', e.message);
    throw e;
  }
}

function chainOf(inputs: Inputs, slots: number[]): ChainCertificate[] {
  return slots.map((s) => {
    const src = inputs.sources[s] ?? { source: 'leaf' as const, index: 0 };
    return { der: inputs.all[s] ?? new Uint8Array(), source: src.source, index: src.index };
  });
}

/** Reads what the error report needs from the decoded certificates (valid until the next ioReserve). */
class Slots {
  private readonly r: X509Reader;

  constructor(
    private readonly w: VerifyExports,
    private readonly inputs: Inputs,
    readerSpace: number,
  ) {
    this.r = new X509Reader(w, readerSpace);
  }

  /** The Cert record of `slot` when it was decoded. */
  private decoded(slot: number): number | undefined {
    const c = this.w.x509CertPtr(slot);
    return this.r.flag(c, CertFlag.DECODED) ? c : undefined;
  }

  private nameText(slot: number, which: 'subject' | 'issuer'): string {
    const c = this.decoded(slot);
    if (c === undefined) return '';
    return this.r.name(
      this.r.field(c, which),
      this.r.field(c, which === 'subject' ? 'subjectLen' : 'issuerLen'),
    ).text;
  }

  /** `"CN=...,O=..." (intermediates[2])`. */
  describe(slot: number): string {
    const src = this.inputs.sources[slot];
    const where = src
      ? src.source === 'leaf'
        ? 'the leaf'
        : `${src.source}[${src.index}]`
      : 'a certificate';
    const text = this.nameText(slot, 'subject');
    return text ? `"${text}" (${where})` : where;
  }

  /** notBefore / notAfter of a decoded certificate, as ISO text. */
  validity(slot: number): { notBefore: string; notAfter: string } | undefined {
    const c = this.decoded(slot);
    if (c === undefined) return undefined;
    const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
    return { notBefore: iso(this.r.field(c, 'notBefore')), notAfter: iso(this.r.field(c, 'notAfter')) };
  }

  issuerText(slot: number): string {
    return this.nameText(slot, 'issuer');
  }

  /** The DNS names and IP addresses a leaf is valid for, like Go's HostnameError. */
  sanNames(slot: number): string[] {
    const c = this.decoded(slot);
    if (c === undefined) return [];
    return this.r
      .generalNames(IterKind.GENERAL_NAMES, this.r.field(c, 'san'), this.r.field(c, 'sanLen'))
      .filter((g) => g.type === 'dns' || g.type === 'ip' || g.type === 'email')
      .map((g) => g.value);
  }
}

function hintFor(
  code: ErrorCode,
  slots: Slots,
  r: { certSlot: number; hintSlot: number; hintDetail: number; flags: number; missingIssuerOf: number },
  options: VerifyChainOptions,
): string | undefined {
  if (code === 'NAME_MISMATCH') {
    if (r.flags & ResultFlag.CN_WOULD_MATCH) {
      return `the subject CN matches ${options.hostname ?? 'the name'} but no subjectAltName does: stacks that still fall back to the CN (old mbedTLS, OpenSSL without hostname flags) accept this certificate, modern TLS clients do not; reissue it with the name in the SAN`;
    }
    if (r.flags & ResultFlag.LEAF_HAS_NO_SAN)
      return 'the leaf has no subjectAltName extension, so it is valid for no name';
    const names = slots.sanNames(0);
    return names.length ? `the leaf is valid for ${names.join(', ')}` : undefined;
  }
  if (code === 'UNKNOWN_ISSUER' && r.missingIssuerOf >= 0) {
    const issuer = slots.issuerText(r.missingIssuerOf);
    return `no root or intermediate has the subject "${issuer}", the issuer of ${slots.describe(r.missingIssuerOf)}: add that root to the trust store, or have the server send the intermediate`;
  }
  if (r.hintSlot >= 0 && r.hintSlot !== r.certSlot) {
    return `closest candidate issuer ${slots.describe(r.hintSlot)} was rejected: ${errorDetail(r.hintDetail).text}`;
  }
  return undefined;
}

/**
 * Validates a certificate chain the way a TLS client does: builds a path from the leaf through
 * the intermediates (any order) to one of the roots, and checks validity periods, basic
 * constraints, key usage, extended key usage, name constraints, signatures and the peer name.
 * Synchronous; call `await init()` (or `initSync()`) once before.
 *
 * @returns `{ ok: true, chain }` (leaf first, trust anchor last) or `{ ok: false, error }` with
 *   the most specific reason across every path tried and, when useful, a hint.
 * @throws Error when the module is not initialised.
 * @example
 * ```ts
 * import { init, verifyChain } from '@hubtrust/verify';
 * await init();
 * const r = verifyChain({ leaf: serverPem, roots: [digicertG2Pem], hostname: 'myhub.azure-devices.net' });
 * if (!r.ok) console.log(r.error.code, r.error.hint);
 * ```
 */
export function verifyChain(given: VerifyChainOptions): VerifyChainResult {
  return verifyChainRun(given, false);
}

/**
 * What a device without a clock decides: verifyChain with no validity period checked. For
 * predictDevice only (not exported from the package): its result is a prediction, never a verdict.
 */
export function predictWithoutClock(options: VerifyChainOptions): VerifyChainResult {
  return verifyChainRun(options, true);
}

function verifyChainRun(given: VerifyChainOptions, noClock: boolean): VerifyChainResult {
  const applied = applyProfile(given);
  if (!applied.ok) return applied;
  const options = applied.options;
  let inputs: Inputs;
  try {
    inputs = collect(options);
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
  try {
    return gateway.call('verifyChain', (w) => run(w, options, inputs, noClock));
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: { code: e.code, message: e.message } };
    if (e instanceof VerifyError && e.code === 'INTERNAL')
      return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}

/** One verifyChain call on the module: request, export, result (inside the gateway). */
function run(
  w: VerifyExports,
  options: VerifyChainOptions,
  inputs: Inputs,
  noClock: boolean,
): VerifyChainResult {
  const req = writeRequest(w, options, inputs, noClock);
  const code = w.verifyChain(req.ptr, req.len);
  const { dv } = memoryViews(w.memory);
  const r = w.verifyResultPtr();
  const pathLen = dv.getUint32(r + RES.pathLength[0], true);
  const pathSlots: number[] = [];
  for (let i = 0; i < pathLen; i++) pathSlots.push(dv.getUint32(r + RES.path[0] + i * 4, true));
  const work: VerifyWork = {
    signatureChecks: dv.getUint32(r + RES.signatureChecks[0], true),
    buildCalls: dv.getUint32(r + RES.buildCalls[0], true),
    nameConstraintComparisons: dv.getUint32(r + RES.comparisons[0], true),
    memoryBytes: dv.getUint32(r + RES.heapBytes[0], true),
    policyNodes: dv.getUint32(r + RES.policyNodes[0], true),
    policyComparisons: dv.getUint32(r + RES.policyComparisons[0], true),
  };
  if (code === 0) {
    const policies = readValidPolicies(new Uint8Array(w.memory.buffer), dv, req.ptr, r);
    return policies
      ? { ok: true, chain: chainOf(inputs, pathSlots), work, policies }
      : { ok: true, chain: chainOf(inputs, pathSlots), work };
  }
  const failure = errorCode(code);
  const certIndex = dv.getInt32(r + RES.certIndex[0], true);
  const certSlot = dv.getInt32(r + RES.certSlot[0], true);
  const detail = dv.getUint32(r + RES.detail[0], true);
  const info = {
    certSlot,
    hintSlot: dv.getInt32(r + RES.hintSlot[0], true),
    hintDetail: dv.getUint32(r + RES.hintDetail[0], true),
    flags: dv.getUint32(r + RES.flags[0], true),
    missingIssuerOf: dv.getInt32(r + RES.issuerOfSlot[0], true),
  };
  const slots = new Slots(w, inputs, req.readerSpace);
  let message: string = ERROR_MESSAGES[failure];
  const reason = detail ? errorDetail(detail) : undefined;
  if (certSlot >= 0) {
    message += ` ${slots.describe(certSlot)}${reason ? `: ${reason.text}` : ''}`;
    const v = failure === 'EXPIRED' || failure === 'NOT_YET_VALID' ? slots.validity(certSlot) : undefined;
    if (v) message += ` (valid ${v.notBefore} to ${v.notAfter})`;
    message += '.';
  }
  const error: VerifyChainError = { code: failure, message, detail, chain: chainOf(inputs, pathSlots) };
  if (reason) error.reason = reason;
  if (certIndex >= 0) error.certIndex = certIndex;
  const hint = hintFor(failure, slots, info, options);
  if (hint) error.hint = hint;
  return { ok: false, error, work };
}
