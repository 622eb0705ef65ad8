// Entry of the embedded build (asconfig.json target "embedded", build/verify.embedded.wasm; the C
// port kit in hosts/mcu/): the ABI a device needs, and nothing of the test and inspection surface
// (x509Decode and the Cert table, streaming hashes, the raw RSA, ECDSA and Ed25519 exports), so
// neither their wrappers nor their static data are built. Same sources and the same meaning of
// every export as index.ts. The target sets the device limits (build-options.ts: 16 certificate
// slots, RSA up to 4096 bits, no Ed25519) and the rolled field and hash code (shrinkLevel 2).
//
//   verifyChain / verifyResultPtr   path validation (the C port kit's hubtrust_verify_chain)
//   hashLen / hashDigest            one-shot digests (an update image's hash)
//   verifySignature                 one signature over SPKI DER
//   verifyUpdate                    signed trust-bundle updates (FORMAT.md; hubtrust_verify_update)
//
// It does not import index.ts (abiVersion and abiHash come from abi.ts): asc lays out the static data of every
// file an entry imports, used or not.
import './abort';

export { abiHash, abiVersion } from './abi';
export { abiHashDigest as hashDigest, hashLen } from './crypto/hash';
export { abiVerifySignature as verifySignature } from './crypto/signature';
export { ioReserve } from './io';
export { verifyResultPtr } from './path/result';
export { verifyChain } from './path/verify';
export { abiVerifyUpdate as verifyUpdate } from './update/verify';
