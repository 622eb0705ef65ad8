// Entry of build/verify.test.wasm: every export of verify.wasm plus internals that tests reach
// directly (big-integer layer, field arithmetic, raw primitives). Built with assertions on
// (asconfig target "test"); never shipped.
export * from './index';

// ---- ECDSA internals (crypto/ec-testing.ts): field, scalar and point layers ----
export * from './crypto/ec-testing';
