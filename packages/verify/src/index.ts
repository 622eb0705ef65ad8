// The whole public surface of @hubtrust/verify.
export { ERROR_CODES, ERROR_MESSAGES, ERROR_RANKS, type ErrorCode } from './errors.generated.js';
// ---- hashes (src/hash.ts) ----
export {
  createHash,
  HASH_CHUNK,
  type Hash,
  type HashAlgorithm,
  HashError,
  hash,
  hashAlgorithm,
  hashLength,
  sha1,
  sha256,
  sha384,
  sha512,
} from './hash.js';
export { derToPem, type PemBlock, PemError, pemToDer, splitPem, splitPemBlocks } from './pem.js';
export { init, initSync, wasmBytes } from './wasm.js';
