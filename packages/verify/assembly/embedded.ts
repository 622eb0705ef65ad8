// Entry of the device builds (hosts/mcu/variants.mjs): the ABI a device needs, and nothing of the
// test and inspection surface (x509Decode and the Cert table, streaming hashes, the raw RSA /
// ECDSA / Ed25519 exports), so the optimizer drops their wrappers. Same sources and the same
// meaning of every export as index.ts; built with the asconfig.json target "embedded".
//
//   verifyChain / verifyResultPtr   path validation (the C port kit's hubtrust_verify_chain)
//   hashLen / hashDigest            one-shot digests (an update image's hash)
//   verifySignature                 one signature over SPKI DER (signed updates, until the update
//                                   format has its own export)
import './abort';

export { abiHashDigest as hashDigest, hashLen } from './crypto/hash';
export { abiVerifySignature as verifySignature } from './crypto/signature';
export { abiVersion } from './index';
export { ioReserve } from './io';
export { verifyResultPtr } from './path/result';
export { verifyChain } from './path/verify';
