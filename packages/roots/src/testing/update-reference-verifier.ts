// The tests' name for the reference verifier, which is now published on `@hubtrust/roots/node`
// (src/updates/reference-verifier.ts) so `hubtrust bundle verify` can use it.
export * from '../updates/reference-verifier.js';
