// The verifyChain result the host reads after the call, at verifyResultPtr() (static memory, so
// it survives until the next verifyChain): abi.json layouts.Result (RES_* offsets, little-endian).
import {
  MAX_PATH,
  RES_AUTHORITY_POLICY_COUNT,
  RES_AUTHORITY_POLICY_TABLE,
  RES_BUILD_CALLS,
  RES_CERT_INDEX,
  RES_CERT_SLOT,
  RES_COMPARISONS,
  RES_DETAIL,
  RES_ERR,
  RES_FLAGS,
  RES_HEAP_BYTES,
  RES_HINT_DETAIL,
  RES_HINT_ERR,
  RES_HINT_SLOT,
  RES_ISSUER_OF_SLOT,
  RES_PATH,
  RES_PATH_LENGTH,
  RES_POLICY_COMPARISONS,
  RES_POLICY_FLAGS,
  RES_POLICY_NODES,
  RES_SIGNATURE_CHECKS,
  RES_SIZE,
  RES_USER_POLICY_COUNT,
  RES_USER_POLICY_TABLE,
} from '../abi.generated';

const result = memory.data(<i32>RES_SIZE, 8);

/** Address of the result struct. */
export function verifyResultPtr(): usize {
  return result;
}

export function resultClear(): void {
  memory.fill(result, 0, <usize>RES_SIZE);
  store<i32>(result + RES_CERT_INDEX, -1);
  store<i32>(result + RES_CERT_SLOT, -1);
  store<i32>(result + RES_HINT_SLOT, -1);
  store<i32>(result + RES_ISSUER_OF_SLOT, -1);
}

export function resultSetError(err: u32, pos: i32, slot: i32, detail: u32): void {
  store<u32>(result + RES_ERR, err);
  store<i32>(result + RES_CERT_INDEX, pos);
  store<i32>(result + RES_CERT_SLOT, slot);
  store<u32>(result + RES_DETAIL, detail);
}

export function resultSetHint(slot: i32, err: u32, detail: u32): void {
  store<i32>(result + RES_HINT_SLOT, slot);
  store<u32>(result + RES_HINT_ERR, err);
  store<u32>(result + RES_HINT_DETAIL, detail);
}

export function resultAddFlag(f: u32): void {
  store<u32>(result + RES_FLAGS, load<u32>(result + RES_FLAGS) | f);
}

/** Copies a path (input indices) into the result. */
export function resultSetPath(path: usize, len: i32): void {
  const n = len > <i32>MAX_PATH ? <i32>MAX_PATH : len;
  store<u32>(result + RES_PATH_LENGTH, <u32>n);
  for (let i = 0; i < n; i++) store<u32>(result + RES_PATH + <usize>(i << 2), load<u8>(path + <usize>i));
}

export function resultSetUsage(signatures: u32, buildCalls: u32, comparisons: u32): void {
  store<u32>(result + RES_SIGNATURE_CHECKS, signatures);
  store<u32>(result + RES_BUILD_CALLS, buildCalls);
  store<u32>(result + RES_COMPARISONS, comparisons);
}

export function resultSetHeapBytes(n: u32): void {
  store<u32>(result + RES_HEAP_BYTES, n);
}

/** The policy work of the call (policy.ts budgets). */
export function resultSetPolicyUsage(nodes: u32, comparisons: u32): void {
  store<u32>(result + RES_POLICY_NODES, nodes);
  store<u32>(result + RES_POLICY_COMPARISONS, comparisons);
}

/** The valid policy sets of the path (tables of (offset, length), offsets from the request start). */
export function resultSetPolicies(auth: u32, authTable: u32, user: u32, userTable: u32, flags: u32): void {
  store<u32>(result + RES_AUTHORITY_POLICY_COUNT, auth);
  store<u32>(result + RES_AUTHORITY_POLICY_TABLE, authTable);
  store<u32>(result + RES_USER_POLICY_COUNT, user);
  store<u32>(result + RES_USER_POLICY_TABLE, userTable);
  store<u32>(result + RES_POLICY_FLAGS, flags);
}

export function resultSetMissingIssuerOf(slot: i32): void {
  store<i32>(result + RES_ISSUER_OF_SLOT, slot);
}
