// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// The verifyChain request: what the host writes into the IO area (io.ts) before calling
// verifyChain(req, len). The layout is abi.json layouts.Request (REQ_* offsets, little-endian,
// relative to `req`), then a table of RequestCert entries (offset, length) for the leaf, the
// intermediates in the order given and the roots, then the DER certificates and the peer name
// anywhere after the table:
//
//   req ─┬─ header (REQ_SIZE bytes: version, counts, flags, purpose, limits, time, name, budgets)
//        ├─ certificate table: RequestCert × (1 + intermediates + roots)
//        └─ bytes: DER certificates and the peer name
//
// A certificate's input index (its position in that table) is also its decoder slot
// (x509/cert.ts) and the number every result field reports.
import {
  CN_FALLBACK_WITHOUT_DNS_IP_SAN,
  EKU_SCOPE_NONE,
  Err,
  FLAG_IGNORE_ISSUER_KEY_USAGE,
  FLAG_ISSUANCE_RULES,
  FLAG_NO_ANY_EKU,
  FLAG_POLICY_EXPLICIT,
  FLAG_PREDICT_NO_CLOCK,
  FLAG_VALIDITY_END_EXCLUSIVE,
  LEAF_KU_TLS_ANY,
  MAX_CERTS,
  MAX_PEER_NAME_LEN,
  NAME_CHAINING_ASCII_CASE_EXACT_ANCHOR,
  NAME_CHAINING_EXACT,
  NAME_HOST,
  NAME_NONE,
  PURPOSE_ANY,
  REQ_ALGORITHMS,
  REQ_BUDGET_BUILD_CALLS,
  REQ_BUDGET_COMPARISONS,
  REQ_BUDGET_POLICY_COMPARISONS,
  REQ_BUDGET_POLICY_NODES,
  REQ_BUDGET_SIGNATURE_CHECKS,
  REQ_CHAIN_OPTIONS,
  REQ_CRITICAL_EXTENSIONS,
  REQ_EKU_SCOPE,
  REQ_FLAGS,
  REQ_HOST_CN_FALLBACK,
  REQ_HOST_NAME_FLAGS,
  REQ_HOST_WILDCARD,
  REQ_INTERMEDIATE_COUNT,
  REQ_LEAF_KEY_USAGE,
  REQ_MAX_DEPTH,
  REQ_MIN_RSA_BITS,
  REQ_NAME_CHAINING,
  REQ_NAME_CONSTRAINT_FLAGS,
  REQ_NAME_KIND,
  REQ_NAME_LENGTH,
  REQ_NAME_OFFSET,
  REQ_POLICY_SET_LENGTH,
  REQ_POLICY_SET_OFFSET,
  REQ_PUBLIC_SUFFIX_LABELS,
  REQ_PURPOSE,
  REQ_ROOT_COUNT,
  REQ_SIZE,
  REQ_TIME,
  REQ_VERSION,
  REQCERT_LENGTH,
  REQCERT_OFFSET,
  REQCERT_SIZE,
  REQUEST_VERSION,
  staticTlv,
  WILDCARD_GLOB_PER_LABEL,
} from '../abi.generated';
import {
  WITH_CHAIN_OPTIONS,
  WITH_ISSUANCE_RULES,
  WITH_POLICIES,
  WITH_STACK_OPTIONS,
  WITH_STACK_RULES,
} from '../build-options';
import { derOidOk } from '../der/primitives';
import { derRead, TAG_OID } from '../der/reader';
import { peerHostKind } from '../names/server-name';
import { unprocessedPolicyExtensions } from './checks';
import { VerifyCtx } from './context';
import { isAnyPolicy } from './policy';

/** Default minimum RSA modulus size (CA/B Forum BR §6.1.5, NIST SP 800-131A). */
export const DEFAULT_MIN_RSA_BITS: u32 = 2048;
/**
 * Default limit on intermediates in a path, not counting self-issued ones (as RFC 5280
 * §4.2.1.9 counts pathLenConstraint). mbedTLS's MBEDTLS_X509_MAX_INTERMEDIATE_CA default is 8.
 */
export const DEFAULT_MAX_DEPTH: u32 = 8;

/**
 * Request flags of the usage, validity and no-clock options (build-options.ts WITH_STACK_OPTIONS):
 * a build without those options refuses a request setting any with INVALID_ARGUMENT.
 */
const STACK_OPTION_FLAGS: u32 =
  FLAG_IGNORE_ISSUER_KEY_USAGE | FLAG_NO_ANY_EKU | FLAG_VALIDITY_END_EXCLUSIVE | FLAG_PREDICT_NO_CLOCK;

/**
 * Request flags this build refuses with INVALID_ARGUMENT, one test for all (build-options.ts):
 * the stack options, the issuance rules and an explicit-policy requirement, where left out.
 */
const REFUSED_FLAGS: u32 =
  (WITH_STACK_OPTIONS ? 0 : STACK_OPTION_FLAGS) |
  (WITH_ISSUANCE_RULES ? 0 : FLAG_ISSUANCE_RULES) |
  (WITH_POLICIES ? 0 : FLAG_POLICY_EXPLICIT);

/** Input index of the first root. */
export function firstRoot(ctx: VerifyCtx): u32 {
  return 1 + ctx.intermediateCount;
}

/** Whether an input index names a trust anchor. */
export function isRoot(ctx: VerifyCtx, slot: u32): bool {
  return slot >= 1 + ctx.intermediateCount;
}

/** Pointer of certificate `i`'s DER (its table entry). */
export function certInputPtr(ctx: VerifyCtx, i: u32): usize {
  return ctx.req + <usize>load<u32>(ctx.req + REQ_SIZE + <usize>i * REQCERT_SIZE + REQCERT_OFFSET);
}

/** Length of certificate `i`'s DER. */
export function certInputLen(ctx: VerifyCtx, i: u32): u32 {
  return load<u32>(ctx.req + REQ_SIZE + <usize>i * REQCERT_SIZE + REQCERT_LENGTH);
}

/**
 * Parses and bounds-checks the header and table of a request occupying [req, req+len) into the
 * context (budget limits as given: 0 selects a default, budget.ts). A NAME_HOST peer name is
 * classified here (names/server-name.ts peerHostKind), so the rest of the call sees DNS or IP.
 */
export function requestRead(ctx: VerifyCtx, req: usize, len: u32): Err {
  if (len < REQ_SIZE) return Err.INVALID_ARGUMENT;
  if (load<u32>(req + REQ_VERSION) !== REQUEST_VERSION) return Err.INVALID_ARGUMENT;
  ctx.req = req;
  const intermediates = load<u32>(req + REQ_INTERMEDIATE_COUNT);
  const roots = load<u32>(req + REQ_ROOT_COUNT);
  if (intermediates > MAX_CERTS || roots > MAX_CERTS) return Err.INPUT_TOO_LARGE;
  const count: u32 = 1 + intermediates + roots;
  if (count > MAX_CERTS) return Err.INPUT_TOO_LARGE;
  if (roots === 0) return Err.INVALID_ARGUMENT;
  ctx.intermediateCount = intermediates;
  ctx.rootCount = roots;
  ctx.certCount = count;
  const flags = load<u32>(req + REQ_FLAGS);
  if ((flags & REFUSED_FLAGS) !== 0) return Err.INVALID_ARGUMENT;
  ctx.flags = flags;
  // A build without the device-stack rules (build-options.ts) refuses them rather than ignore them;
  // it stores nothing it does not read (ctxStart cleared the context: every wasm2c store is flash).
  const chainOptions = load<u32>(req + REQ_CHAIN_OPTIONS);
  if (WITH_CHAIN_OPTIONS) ctx.chainOptions = chainOptions;
  else if (chainOptions !== 0) return Err.INVALID_ARGUMENT;
  const purpose = load<u32>(req + REQ_PURPOSE);
  if (purpose > PURPOSE_ANY) return Err.INVALID_ARGUMENT;
  ctx.purpose = purpose;
  const depth = load<u32>(req + REQ_MAX_DEPTH);
  ctx.maxDepth = depth === 0xffffffff ? DEFAULT_MAX_DEPTH : depth;
  const bits = load<u32>(req + REQ_MIN_RSA_BITS);
  ctx.minRsaBits = bits === 0 ? DEFAULT_MIN_RSA_BITS : bits;
  ctx.now = load<i64>(req + REQ_TIME);
  let kind = load<u32>(req + REQ_NAME_KIND);
  if (kind > NAME_HOST) return Err.INVALID_ARGUMENT;
  const nOff = load<u32>(req + REQ_NAME_OFFSET);
  const nLen = load<u32>(req + REQ_NAME_LENGTH);
  ctx.signatureLimit = load<u32>(req + REQ_BUDGET_SIGNATURE_CHECKS);
  ctx.buildCallLimit = load<u32>(req + REQ_BUDGET_BUILD_CALLS);
  ctx.comparisonLimit = load<u32>(req + REQ_BUDGET_COMPARISONS);
  // Name rules (appended fields; all zero: RFC 5280 chaining, RFC 9525 host names).
  const chaining = load<u32>(req + REQ_NAME_CHAINING);
  if (WITH_STACK_RULES) {
    ctx.hostCnFallback = load<u32>(req + REQ_HOST_CN_FALLBACK);
    ctx.hostWildcard = load<u32>(req + REQ_HOST_WILDCARD);
    ctx.hostNameFlags = load<u32>(req + REQ_HOST_NAME_FLAGS);
    ctx.ncFlags = load<u32>(req + REQ_NAME_CONSTRAINT_FLAGS);
    if (
      chaining > NAME_CHAINING_ASCII_CASE_EXACT_ANCHOR ||
      ctx.hostCnFallback > CN_FALLBACK_WITHOUT_DNS_IP_SAN ||
      ctx.hostWildcard > WILDCARD_GLOB_PER_LABEL
    )
      return Err.INVALID_ARGUMENT;
  } else if (
    // A build without the device-stack rules (build-options.ts): byte-for-byte chaining is the
    // only other rule it has; the host-name and name-constraint fields must be 0 (left 0 in ctx).
    chaining > NAME_CHAINING_EXACT ||
    (load<u32>(req + REQ_HOST_CN_FALLBACK) |
      load<u32>(req + REQ_HOST_WILDCARD) |
      load<u32>(req + REQ_HOST_NAME_FLAGS) |
      load<u32>(req + REQ_NAME_CONSTRAINT_FLAGS)) !==
      0
  )
    return Err.INVALID_ARGUMENT;
  ctx.nameChaining = chaining;
  // Usage, extension, validity and algorithm options (appended fields; all zero: hubtrust's own
  // rules). A build without them (build-options.ts WITH_STACK_OPTIONS) refuses a request setting
  // any and stores nothing (ctxStart left the fields 0).
  if (WITH_STACK_OPTIONS) {
    const leafKeyUsage = load<u32>(req + REQ_LEAF_KEY_USAGE);
    const ekuScope = load<u32>(req + REQ_EKU_SCOPE);
    if (leafKeyUsage > LEAF_KU_TLS_ANY || ekuScope > EKU_SCOPE_NONE) return Err.INVALID_ARGUMENT;
    ctx.leafKeyUsage = leafKeyUsage;
    ctx.ekuScope = ekuScope;
    ctx.criticalSet = load<u32>(req + REQ_CRITICAL_EXTENSIONS);
    ctx.algorithms = load<u32>(req + REQ_ALGORITHMS);
  } else if (
    // The four u32 fields are contiguous (abi.json order): two 64-bit loads read them all
    // (test/embedded-build.test.ts sets each one).
    (load<u64>(req + REQ_LEAF_KEY_USAGE) | load<u64>(req + REQ_CRITICAL_EXTENSIONS)) !==
    0
  )
    return Err.INVALID_ARGUMENT;
  if (WITH_POLICIES) {
    ctx.policyUnprocessed = unprocessedPolicyExtensions(ctx.flags);
    ctx.policyNodeLimit = load<u32>(req + REQ_BUDGET_POLICY_NODES);
    ctx.policyComparisonLimit = load<u32>(req + REQ_BUDGET_POLICY_COMPARISONS);
    const e = policySetRead(ctx, req, len);
    if (e !== Err.OK) return e;
  }
  // A build without policy processing cannot honour an explicit-policy requirement (REFUSED_FLAGS).
  const tableEnd = <u64>REQ_SIZE + <u64>count * REQCERT_SIZE;
  if (tableEnd > <u64>len) return Err.INVALID_ARGUMENT;
  for (let i: u32 = 0; i < count; i++) {
    const off = <u64>load<u32>(req + REQ_SIZE + <usize>i * REQCERT_SIZE + REQCERT_OFFSET);
    const l = <u64>load<u32>(req + REQ_SIZE + <usize>i * REQCERT_SIZE + REQCERT_LENGTH);
    if (off < tableEnd || off + l > <u64>len) return Err.INVALID_ARGUMENT;
  }
  if (kind !== NAME_NONE) {
    if (<u64>nOff + <u64>nLen > <u64>len || nLen > MAX_PEER_NAME_LEN) return Err.INVALID_ARGUMENT;
    let p = req + <usize>nOff;
    let n = <i32>nLen;
    if (kind === NAME_HOST) {
      // An IPv6 literal may come in brackets (RFC 3986 §3.2.2 host syntax): drop them.
      if (n >= 2 && load<u8>(p) === 0x5b && load<u8>(p + <usize>(n - 1)) === 0x5d) {
        p++;
        n -= 2;
      }
      kind = peerHostKind(p, n);
    }
    ctx.nameKind = kind;
    ctx.namePtr = p;
    ctx.nameLen = n;
  }
  // Only the issuance rules use the public suffix (names/server-name.ts), at least 1 label: every
  // TLD is a public suffix. A build without them (build-options.ts) refused the flag (REFUSED_FLAGS).
  if (WITH_ISSUANCE_RULES && (ctx.flags & FLAG_ISSUANCE_RULES) !== 0) {
    const labels = load<u32>(req + REQ_PUBLIC_SUFFIX_LABELS);
    ctx.publicSuffixLabels = max<u32>(labels, 1);
  }
  return Err.OK;
}

const policySetTlv = staticTlv();

/**
 * The user-initial-policy-set (RFC 5280 §6.1.1 (c)): DER OBJECT IDENTIFIERs back to back, each
 * well formed; one of them anyPolicy, or none, makes it anyPolicy (policySetLen 0).
 */
function policySetRead(ctx: VerifyCtx, req: usize, len: u32): Err {
  const off = load<u32>(req + REQ_POLICY_SET_OFFSET);
  const l = load<u32>(req + REQ_POLICY_SET_LENGTH);
  if (l === 0) return Err.OK;
  if (<u64>off + <u64>l > <u64>len || off < REQ_SIZE) return Err.INVALID_ARGUMENT;
  const t = policySetTlv;
  let pos = req + <usize>off;
  const end = pos + <usize>l;
  let any = false;
  while (pos < end) {
    if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len))
      return Err.INVALID_ARGUMENT;
    pos = t.end;
    if (isAnyPolicy(t.val, t.len)) any = true;
  }
  if (!any) {
    ctx.policySetOffset = off;
    ctx.policySetLen = l;
  }
  return Err.OK;
}

/** Whether a RequestFlag bit is set in this request. */
export function hasFlag(ctx: VerifyCtx, f: u32): bool {
  return (ctx.flags & f) !== 0;
}

/** Whether a ChainOption bit (a device stack's path-building or anchor rule) is set. */
export function hasChainOption(ctx: VerifyCtx, o: u32): bool {
  return WITH_CHAIN_OPTIONS && (ctx.chainOptions & o) !== 0;
}
