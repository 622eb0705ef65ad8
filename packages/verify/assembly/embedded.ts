// Entry of the device builds (hosts/mcu/variants.mjs): the ABI a device needs, and nothing of the
// test and inspection surface (x509Decode and the Cert table, streaming hashes, the raw RSA /
// ECDSA / Ed25519 exports), so the optimizer drops their wrappers. Same sources and the same
// meaning of every export as index.ts; built with the asconfig.json target "embedded".
//
//   verifyChain / verifyResultPtr   path validation (the C port kit's hubtrust_verify_chain)
//   hashLen / hashDigest            one-shot digests (an update image's hash)
//   verifySignature                 one signature over SPKI DER
//   verifyUpdate                    signed trust-bundle updates (FORMAT.md; hubtrust_verify_update)
import './abort';

export { abiHashDigest as hashDigest, hashLen } from './crypto/hash';
export { abiVerifySignature as verifySignature } from './crypto/signature';
export { abiHash, abiVersion } from './index';
export { ioReserve } from './io';
export { verifyResultPtr } from './path/result';
export { verifyChain } from './path/verify';
export { abiVerifyUpdate as verifyUpdate } from './update/verify';
