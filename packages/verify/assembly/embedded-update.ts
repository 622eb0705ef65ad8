// Entry of the update-check device build (hosts/mcu/variants.mjs, variant "update-p256"): the
// signed trust-bundle update verifier (update/verify.ts, FORMAT.md; the C port kit's
// hubtrust_verify_update), and the ECDSA and digest exports it is built on. Built with the
// asconfig.json target "embedded"; the variant's build-time switches keep P-256 and SHA-256 only.
//
// It does not import index.ts (not even for abiVersion): asc lays out the static data of every
// file an entry imports, used or not, so importing index.ts would bring the certificate table,
// the RSA scratch and the Ed25519 table into this build's memory.
import './abort';
import { ABI_HASH, ABI_VERSION } from './abi.generated';

export { ecdsaVerify } from './crypto/ecdsa';
export { abiHashDigest as hashDigest, hashLen } from './crypto/hash';
export { ioReserve } from './io';
export { abiVerifyUpdate as verifyUpdate } from './update/verify';

/** ABI version (abi.json abiVersion, as index.ts abiVersion). */
export function abiVersion(): u32 {
  return ABI_VERSION;
}

/** Hash of this build's wire ABI (as index.ts abiHash): hosts compare it with their view. */
export function abiHash(): u32 {
  return ABI_HASH;
}
