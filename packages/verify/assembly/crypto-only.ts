// Entry of build/verify.crypto.wasm: only the issue-3 surface (hashes, RSA, ECDSA, Ed25519,
// verifySignature) with the same options as the release build. It is not shipped; it exists so
// the size of the cryptographic core is measured and held to its budget (64 KiB, see
// src/size-budget.test.ts and bench/size.bench.mjs) apart from X.509 and path validation.
import './abort';

export { abiVersion } from './abi';
export { ecdsaVerify, ecPointCheck } from './crypto/ecdsa';
export { abiEd25519Verify as ed25519Verify } from './crypto/ed25519';
export {
  abiHashCtxSize as hashCtxSize,
  abiHashDigest as hashDigest,
  abiHashFinal as hashFinal,
  abiHashInit as hashInit,
  abiHashUpdate as hashUpdate,
  hashLen,
} from './crypto/hash';
export { abiRsaVerifyPkcs1v15 as rsaVerifyPkcs1v15, abiRsaVerifyPss as rsaVerifyPss } from './crypto/rsa';
export { abiVerifySignature as verifySignature } from './crypto/signature';
export { ioReserve } from './io';
