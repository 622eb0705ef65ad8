// The verifyChain request: what the host writes into the IO area (io.ts) before calling
// verifyChain(req, len). All integers are little-endian u32 unless noted; offsets are relative
// to `req`.
//
//   req ─┬─ header (64 bytes) ───────────────────────────────────────────────────────────────┐
//        │  0 version (= REQUEST_VERSION)         4 intermediate count   8 root count        │
//        │ 12 flags (FLAG_*)                      16 purpose (PURPOSE_*) 20 maxDepth (~0: default)
//        │ 24 minRsaBits (0: default 2048)        28 time (i64 seconds since 1970, LE)       │
//        │ 36 peer name kind (NAME_*)             40 name offset         44 name length      │
//        │ 48 signature-check budget              52 build-call budget   56 comparison budget│
//        │    (0 selects each default, see budget.ts)                    60 reserved (0)     │
//        ├─ certificate table: (offset, length) × (1 + intermediates + roots) ───────────────┤
//        │  entry 0 = leaf, then the intermediates in the order given, then the roots          │
//        └─ bytes: DER certificates and the peer name, anywhere after the table ──────────────┘
//
// A certificate's input index (its position in that table) is also its decoder slot
// (x509/cert.ts) and the number every result field reports.

import { Err } from '../errors.generated';
import { MAX_CERTS } from '../x509/cert';

export const REQUEST_VERSION: u32 = 1;
export const HEADER_SIZE: u32 = 64;

/** Accept SHA-1 signatures (MD5 and MD2 are never accepted). */
export const FLAG_ALLOW_SHA1: u32 = 1 << 0;
/** Do not check the validity period of trust anchors (some device stacks ignore it). */
export const FLAG_IGNORE_ANCHOR_EXPIRY: u32 = 1 << 1;
/** Intermediates must follow the leaf in issuing order (BearSSL's minimal X.509 engine). */
export const FLAG_REQUIRE_ORDERED: u32 = 1 << 2;
/** Do not process name constraints; reject a path holding a critical one (mbedTLS 2.x). */
export const FLAG_NC_REJECT_IF_CRITICAL: u32 = 1 << 3;
/** Skip the RFC 5280 / CA/B Forum profile rules (checks.ts "strict" rules), like lenient stacks. */
export const FLAG_LENIENT_PROFILE: u32 = 1 << 4;

export const PURPOSE_SERVER_AUTH: u32 = 0;
export const PURPOSE_CLIENT_AUTH: u32 = 1;
export const PURPOSE_ANY: u32 = 2;

export const NAME_NONE: u32 = 0;
export const NAME_DNS: u32 = 1;
export const NAME_IP: u32 = 2;
export const NAME_EMAIL: u32 = 3;

/** Default minimum RSA modulus size (CA/B Forum BR §6.1.5, NIST SP 800-131A). */
export const DEFAULT_MIN_RSA_BITS: u32 = 2048;
/**
 * Default limit on intermediates in a path, not counting self-issued ones (as RFC 5280
 * §4.2.1.9 counts pathLenConstraint). mbedTLS's MBEDTLS_X509_MAX_INTERMEDIATE_CA default is 8.
 */
export const DEFAULT_MAX_DEPTH: u32 = 8;
/** Hard limit on certificates in one path (leaf + intermediates + anchor): the path array size. */
export const MAX_PATH: i32 = 16;

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
  return reqBase + <usize>load<u32>(reqBase + HEADER_SIZE + ((<usize>i) << 3));
}
export function certInputLen(i: u32): u32 {
  return load<u32>(reqBase + HEADER_SIZE + ((<usize>i) << 3) + 4);
}

/** Parses and bounds-checks the header and table of a request occupying [req, req+len). */
export function requestRead(req: usize, len: u32): Err {
  if (len < HEADER_SIZE) return Err.INVALID_ARGUMENT;
  if (load<u32>(req) !== REQUEST_VERSION) return Err.INVALID_ARGUMENT;
  reqBase = req;
  intermediateCount = load<u32>(req + 4);
  rootCount = load<u32>(req + 8);
  if (intermediateCount > MAX_CERTS || rootCount > MAX_CERTS) return Err.INPUT_TOO_LARGE;
  certCount = 1 + intermediateCount + rootCount;
  if (certCount > MAX_CERTS) return Err.INPUT_TOO_LARGE;
  if (rootCount === 0) return Err.INVALID_ARGUMENT;
  flags = load<u32>(req + 12);
  purpose = load<u32>(req + 16);
  if (purpose > PURPOSE_ANY) return Err.INVALID_ARGUMENT;
  const depth = load<u32>(req + 20);
  maxDepth = depth === 0xffffffff ? DEFAULT_MAX_DEPTH : depth;
  const bits = load<u32>(req + 24);
  minRsaBits = bits === 0 ? DEFAULT_MIN_RSA_BITS : bits;
  now = load<i64>(req + 28);
  nameKind = load<u32>(req + 36);
  if (nameKind > NAME_EMAIL) return Err.INVALID_ARGUMENT;
  const nOff = load<u32>(req + 40);
  const nLen = load<u32>(req + 44);
  budgetSignatures = load<u32>(req + 48);
  budgetBuildCalls = load<u32>(req + 52);
  budgetComparisons = load<u32>(req + 56);
  const tableEnd = <u64>HEADER_SIZE + ((<u64>certCount) << 3);
  if (tableEnd > <u64>len) return Err.INVALID_ARGUMENT;
  for (let i: u32 = 0; i < certCount; i++) {
    const off = <u64>load<u32>(req + HEADER_SIZE + ((<usize>i) << 3));
    const l = <u64>load<u32>(req + HEADER_SIZE + ((<usize>i) << 3) + 4);
    if (off < tableEnd || off + l > <u64>len) return Err.INVALID_ARGUMENT;
  }
  if (nameKind !== NAME_NONE) {
    if (<u64>nOff + <u64>nLen > <u64>len || nLen > 1024) return Err.INVALID_ARGUMENT;
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
