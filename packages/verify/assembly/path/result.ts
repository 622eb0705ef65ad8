// The verifyChain result the host reads after the call, at verifyResultPtr() (static memory, so
// it survives until the next verifyChain). All fields u32/i32 little-endian.
//
//    0 err          Err code (0 = OK)                     4 certIndex   path position of the cert
//    8 certSlot     input index of that cert (-1: none)  12 detail      which rule (path/detail.ts or x509 Detail)
//   16 hintSlot     closest candidate issuer (-1: none)  20 hintErr     why it was rejected
//   24 hintDetail   rule for hintErr                     28 flags       RESULT_* bits
//   32 pathLen      certificates in the chain (leaf .. anchor), or in the best partial path
//   36 path[16]     input indices, leaf first
//  100 signature checks used   104 build calls used   108 name-constraint comparisons used
//  112 issuerOfSlot  for UNKNOWN_ISSUER: the input index whose issuer is missing (-1: none)
//  116 heapBytes     bytes of per-call memory used from the request start (request + scratch)

import { MAX_PATH } from './request';

export const RESULT_SIZE: i32 = 128;
/** The subject CN of the leaf matches the requested host name, although no SAN does. */
export const RESULT_CN_WOULD_MATCH: u32 = 1 << 0;
/** The leaf has no subjectAltName extension at all. */
export const RESULT_LEAF_HAS_NO_SAN: u32 = 1 << 1;
/** A valid path exists when the intermediates are taken in any order (requireOrderedChain failed). */
export const RESULT_UNORDERED_PATH_EXISTS: u32 = 1 << 2;

const result = memory.data(RESULT_SIZE, 8);

/** Address of the result struct. */
export function verifyResultPtr(): usize {
  return result;
}

export function resultClear(): void {
  memory.fill(result, 0, <usize>RESULT_SIZE);
  store<i32>(result + 4, -1);
  store<i32>(result + 8, -1);
  store<i32>(result + 16, -1);
  store<i32>(result + 112, -1);
}

export function resultSetError(err: u32, pos: i32, slot: i32, detail: u32): void {
  store<u32>(result, err);
  store<i32>(result + 4, pos);
  store<i32>(result + 8, slot);
  store<u32>(result + 12, detail);
}

export function resultSetHint(slot: i32, err: u32, detail: u32): void {
  store<i32>(result + 16, slot);
  store<u32>(result + 20, err);
  store<u32>(result + 24, detail);
}

export function resultAddFlag(f: u32): void {
  store<u32>(result + 28, load<u32>(result + 28) | f);
}

/** Copies a path (input indices) into the result. */
export function resultSetPath(path: usize, len: i32): void {
  const n = len > MAX_PATH ? MAX_PATH : len;
  store<u32>(result + 32, <u32>n);
  for (let i = 0; i < n; i++) store<u32>(result + 36 + <usize>(i << 2), load<u8>(path + <usize>i));
}

export function resultSetUsage(signatures: u32, buildCalls: u32, comparisons: u32): void {
  store<u32>(result + 100, signatures);
  store<u32>(result + 104, buildCalls);
  store<u32>(result + 108, comparisons);
}

export function resultSetHeapBytes(n: u32): void {
  store<u32>(result + 116, n);
}

export function resultSetMissingIssuerOf(slot: i32): void {
  store<i32>(result + 112, slot);
}
