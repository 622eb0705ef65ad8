// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// The exports of verify.wasm: the whole ABI a host (JavaScript, wabt, wasm2c) calls.
// See io.ts for the memory protocol and abi.generated.ts for the result codes.
import './abort';

export { abiHash, abiVersion } from './abi';
// ---- ECDSA P-256 / P-384 (crypto/ecdsa.ts): curve 1 = P-256, 2 = P-384; results are Err codes ----
export { ecdsaVerify, ecPointCheck } from './crypto/ecdsa';
// ---- Ed25519 (crypto/ed25519.ts): RFC 8032 verification ---------------------------------------
// ed25519Verify(pub /*32 bytes*/, msg, msgLen, sig /*64 bytes*/): Err.OK, BAD_SIGNATURE,
// BAD_PUBLIC_KEY, or INVALID_ARGUMENT when a range is outside the IO area.
export { abiEd25519Verify as ed25519Verify } from './crypto/ed25519';
// ---- hashes (crypto/hash.ts): SHA-1/256/384/512, one-shot and streaming ---------------------
// alg ids: 1 SHA-1, 2 SHA-256, 3 SHA-384, 4 SHA-512. Pointers must lie in the IO area; bad ids or
// ranges return 0. Streaming: reserve hashCtxSize() bytes for the context next to the data.
export {
  abiHashCtxSize as hashCtxSize,
  abiHashDigest as hashDigest,
  abiHashFinal as hashFinal,
  abiHashInit as hashInit,
  abiHashUpdate as hashUpdate,
  hashLen,
} from './crypto/hash';
// ---- RSA (crypto/rsa.ts, crypto/bigint.ts): RFC 8017 signature verification ------------------
// rsaVerifyPkcs1v15(n, nLen, e, eLen, hashAlg, digest, sig, sigLen) and
// rsaVerifyPss(n, nLen, e, eLen, hashAlg, mgf1HashAlg, saltLen, digest, sig, sigLen): n, e
// big-endian; digest = hashLen(hashAlg) bytes. Err.OK, BAD_SIGNATURE, BAD_PUBLIC_KEY,
// UNSUPPORTED_ALGORITHM, or INVALID_ARGUMENT (a range outside the IO area, saltLen < 0).
export { abiRsaVerifyPkcs1v15 as rsaVerifyPkcs1v15, abiRsaVerifyPss as rsaVerifyPss } from './crypto/rsa';
// verifySignature(kind, hash, mgf1Hash, saltLen, spki, spkiLen, data, dataLen, sig, sigLen) -> Err:
// kind 1 RSASSA-PKCS1-v1_5, 2 RSASSA-PSS, 3 ECDSA, 4 Ed25519; hash ids as above (0 for Ed25519).
export { abiVerifySignature as verifySignature } from './crypto/signature';
export { ioReserve } from './io';
export { verifyResultPtr } from './path/result';
// ─── path validation (path helper; see path/request.ts and path/result.ts for the ABI) ──────
export { verifyChain } from './path/verify';
// ─── signed trust-bundle updates (update/verify.ts; FORMAT.md, records in update-abi.json) ────
// verifyUpdate(update, len, state /*STATE*/, now /*Unix s, i64*/, out /*OUTCOME*/) -> UpdateErr
// (0 = verifies), or 255 when a range is outside the IO area or the three overlap.
export { abiVerifyUpdate as verifyUpdate } from './update/verify';
// ─── X.509 decoder (x509 helper; see x509/cert.ts for the Cert layout and contract) ─────────
export {
  abiX509Decode as x509Decode,
  abiX509IterNext as x509IterNext,
  abiX509IterStart as x509IterStart,
  x509CertPtr,
  x509CertSize,
  x509CertStride,
  x509MaxCerts,
} from './x509/abi';
