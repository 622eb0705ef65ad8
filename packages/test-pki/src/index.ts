// The whole surface of @hubtrust/test-pki: builders for tests and benchmarks (never published).

// ---- certificates field by field, valid or deliberately broken (cert-builder.ts) ----
export * from './cert-builder.js';
// ---- small PKIs: keys, roots, intermediates, leaves (chain-builder.ts) ----
export * from './chain-builder.js';
// ---- DER values and inspection (der-builder.ts) ----
export * from './der-builder.js';
// ---- ECDSA signature encodings (ecdsa-sig.ts) ----
export * from './ecdsa-sig.js';
