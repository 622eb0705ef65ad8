// Entry of build/verify.test.wasm: every export of verify.wasm plus internals that tests reach
// directly (big-integer layer, field arithmetic, raw primitives). Built with assertions on
// (asconfig target "test"); never shipped.
export * from './index';

// ---- big integers (crypto/bigint.ts) -------------------------------------------------------------
export * from './crypto/bigint-testing';
