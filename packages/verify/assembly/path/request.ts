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
  Err,
  MAX_CERTS,
  MAX_PEER_NAME_LEN,
  NAME_EMAIL,
  NAME_NONE,
  PURPOSE_ANY,
  PURPOSE_SERVER_AUTH,
  REQ_BUDGET_BUILD_CALLS,
  REQ_BUDGET_COMPARISONS,
  REQ_BUDGET_SIGNATURE_CHECKS,
  REQ_FLAGS,
  REQ_INTERMEDIATE_COUNT,
  REQ_MAX_DEPTH,
  REQ_MIN_RSA_BITS,
  REQ_NAME_KIND,
  REQ_NAME_LENGTH,
  REQ_NAME_OFFSET,
  REQ_PURPOSE,
  REQ_ROOT_COUNT,
  REQ_SIZE,
  REQ_TIME,
  REQ_VERSION,
  REQCERT_LENGTH,
  REQCERT_OFFSET,
  REQCERT_SIZE,
  REQUEST_VERSION,
} from '../abi.generated';

/** Default minimum RSA modulus size (CA/B Forum BR §6.1.5, NIST SP 800-131A). */
export const DEFAULT_MIN_RSA_BITS: u32 = 2048;
/**
 * Default limit on intermediates in a path, not counting self-issued ones (as RFC 5280
 * §4.2.1.9 counts pathLenConstraint). mbedTLS's MBEDTLS_X509_MAX_INTERMEDIATE_CA default is 8.
 */
export const DEFAULT_MAX_DEPTH: u32 = 8;

// Parsed request, valid during one verifyChain call.
export let reqBase: usize = 0;
export let certCount: u32 = 0;
export let intermediateCount: u32 = 0;
export let rootCount: u32 = 0;
export let flags: u32 = 0;
export let purpose: u32 = PURPOSE_SERVER_AUTH;
export let maxDepth: u32 = DEFAULT_MAX_DEPTH;
export let minRsaBits: u32 = DEFAULT_MIN_RSA_BITS;
export let now: i64 = 0;
export let nameKind: u32 = NAME_NONE;
export let namePtr: usize = 0;
export let nameLen: i32 = 0;
export let budgetSignatures: u32 = 0;
export let budgetBuildCalls: u32 = 0;
export let budgetComparisons: u32 = 0;

/** First input index of the roots. */
export function firstRoot(): u32 {
  return 1 + intermediateCount;
}

/** Whether an input index names a trust anchor. */
export function isRoot(slot: u32): bool {
  return slot >= 1 + intermediateCount;
}

/** Pointer and length of certificate `i`'s DER (table entry). */
export function certInputPtr(i: u32): usize {
  return reqBase + <usize>load<u32>(reqBase + REQ_SIZE + <usize>i * REQCERT_SIZE + REQCERT_OFFSET);
}
export function certInputLen(i: u32): u32 {
  return load<u32>(reqBase + REQ_SIZE + <usize>i * REQCERT_SIZE + REQCERT_LENGTH);
}

/** Parses and bounds-checks the header and table of a request occupying [req, req+len). */
export function requestRead(req: usize, len: u32): Err {
  if (len < REQ_SIZE) return Err.INVALID_ARGUMENT;
  if (load<u32>(req + REQ_VERSION) !== REQUEST_VERSION) return Err.INVALID_ARGUMENT;
  reqBase = req;
  intermediateCount = load<u32>(req + REQ_INTERMEDIATE_COUNT);
  rootCount = load<u32>(req + REQ_ROOT_COUNT);
  if (intermediateCount > MAX_CERTS || rootCount > MAX_CERTS) return Err.INPUT_TOO_LARGE;
  certCount = 1 + intermediateCount + rootCount;
  if (certCount > MAX_CERTS) return Err.INPUT_TOO_LARGE;
  if (rootCount === 0) return Err.INVALID_ARGUMENT;
  flags = load<u32>(req + REQ_FLAGS);
  purpose = load<u32>(req + REQ_PURPOSE);
  if (purpose > PURPOSE_ANY) return Err.INVALID_ARGUMENT;
  const depth = load<u32>(req + REQ_MAX_DEPTH);
  maxDepth = depth === 0xffffffff ? DEFAULT_MAX_DEPTH : depth;
  const bits = load<u32>(req + REQ_MIN_RSA_BITS);
  minRsaBits = bits === 0 ? DEFAULT_MIN_RSA_BITS : bits;
  now = load<i64>(req + REQ_TIME);
  nameKind = load<u32>(req + REQ_NAME_KIND);
  if (nameKind > NAME_EMAIL) return Err.INVALID_ARGUMENT;
  const nOff = load<u32>(req + REQ_NAME_OFFSET);
  const nLen = load<u32>(req + REQ_NAME_LENGTH);
  budgetSignatures = load<u32>(req + REQ_BUDGET_SIGNATURE_CHECKS);
  budgetBuildCalls = load<u32>(req + REQ_BUDGET_BUILD_CALLS);
  budgetComparisons = load<u32>(req + REQ_BUDGET_COMPARISONS);
  const tableEnd = <u64>REQ_SIZE + <u64>certCount * REQCERT_SIZE;
  if (tableEnd > <u64>len) return Err.INVALID_ARGUMENT;
  for (let i: u32 = 0; i < certCount; i++) {
    const off = <u64>load<u32>(req + REQ_SIZE + <usize>i * REQCERT_SIZE + REQCERT_OFFSET);
    const l = <u64>load<u32>(req + REQ_SIZE + <usize>i * REQCERT_SIZE + REQCERT_LENGTH);
    if (off < tableEnd || off + l > <u64>len) return Err.INVALID_ARGUMENT;
  }
  if (nameKind !== NAME_NONE) {
    if (<u64>nOff + <u64>nLen > <u64>len || nLen > MAX_PEER_NAME_LEN) return Err.INVALID_ARGUMENT;
    namePtr = req + <usize>nOff;
    nameLen = <i32>nLen;
  } else {
    namePtr = 0;
    nameLen = 0;
  }
  return Err.OK;
}

/** Whether a FLAG_* bit is set in this request. */
export function hasFlag(f: u32): bool {
  return (flags & f) !== 0;
}
