// Entry of build/verify.test.wasm: every export of verify.wasm plus internals that tests reach
// directly (big-integer layer, field arithmetic, raw primitives). Built with assertions on
// (asconfig target "test"); never shipped.

export { abiLayoutCheck } from './abi.generated';
// ---- big integers (crypto/bigint.ts) -------------------------------------------------------------
export * from './crypto/bigint-testing';
// ---- ECDSA key-table cache (crypto/ec-key-cache.ts): reset and probes ----
export {
  ecKeyCacheCandidate,
  ecKeyCacheReset,
  ecKeyCacheSlotCount,
  ecKeyCacheSlotOf,
} from './crypto/ec-key-cache';
// ---- ECDSA internals (crypto/ec-testing.ts): field, scalar and point layers ----
export * from './crypto/ec-testing';
// ---- Ed25519 internals (crypto/ed25519-*.ts), raw pointers, no range checks ----
export {
  feAdd as ed25519FeAdd,
  feFromBytes as ed25519FeFromBytes,
  feInvert as ed25519FeInvert,
  feMul as ed25519FeMul,
  fePow22523 as ed25519FePow22523,
  feSq as ed25519FeSq,
  feSub as ed25519FeSub,
  feToBytes as ed25519FeToBytes,
} from './crypto/ed25519-field';
export { pointDecode as ed25519PointDecode, pointEncode as ed25519PointEncode } from './crypto/ed25519-point';
export {
  scalarIsCanonical as ed25519ScalarIsCanonical,
  scalarReduce64 as ed25519ScalarReduce64,
  scalarWnaf as ed25519ScalarWnaf,
} from './crypto/ed25519-scalar';
// ---- RSA key cache (rsacache worktree): reset and probes, crypto/rsa-key-cache.ts ---
export {
  keyCacheConstantsE,
  keyCacheConstantsHash,
  keyCacheReset,
  keyCacheSlotCount,
  keyCacheSlotOf,
} from './crypto/rsa-key-cache';
export { sigVerifySlots as sigVerifyCert } from './crypto/signature';
// ─── DER reader and X.509 internals (x509 helper) ───────────────────────────────────────────
export { derBitString, derBoolean, derIntegerOk, derOidOk, derUnsigned } from './der/primitives';
export { derCheckTree, derRead } from './der/reader';
export { derTime } from './der/time';
export * from './index';
// --- names/ (path worktree): name matchers, reached directly by src/names/*.test.ts ---
export { dnEquals, dnWithin } from './names/dn';
export { dnsMatches, dnsNameValid, dnsWildcardMayEnter, dnsWithin } from './names/dns';
export { emailConstraintValid, emailWithin, mailboxSplit } from './names/email';
export { stackHostMatches } from './names/host-rule';
export { formatIp, ipConstraintValid, ipWithin, parseIp } from './names/ip';
export { uriConstraintValid, uriHost, uriHostWithin } from './names/uri';
