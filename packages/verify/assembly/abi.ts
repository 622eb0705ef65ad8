// The two identity exports every entry carries (index.ts and embedded.ts; crypto-only.ts takes abiVersion): the ABI
// version and the hash of this build's wire ABI, both from the generated view of abi.json. A
// file of its own so an entry can export them without importing index.ts (asc lays out the static
// data of every file an entry imports, used or not).
import { ABI_HASH, ABI_VERSION } from './abi.generated';

/** ABI version (abi.json abiVersion): bumped whenever an export changes meaning. */
export function abiVersion(): u32 {
  return ABI_VERSION;
}

/**
 * Hash of this build's wire ABI (abi.json: codes, layouts, enum values, build constants; see
 * scripts/gen-abi.mjs): a host compares it with the ABI_HASH of its generated view before use.
 */
export function abiHash(): u32 {
  return ABI_HASH;
}
