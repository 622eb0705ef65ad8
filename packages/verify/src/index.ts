// The whole public surface of @hubtrust/verify.
export { ERROR_CODES, ERROR_MESSAGES, ERROR_RANKS, type ErrorCode } from './errors.generated.js';
export { derToPem, type PemBlock, PemError, pemToDer, splitPem, splitPemBlocks } from './pem.js';
export { init, initSync, wasmBytes } from './wasm.js';
