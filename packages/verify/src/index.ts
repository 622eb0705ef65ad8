// The whole public surface of @hubtrust/verify.

export { ERROR_CODES, ERROR_MESSAGES, ERROR_RANKS, type ErrorCode } from './abi.generated.js';
// ---- X.509 decoding and signatures (src/signature.ts, src/certificate.ts) ----
export {
  type CertificateProblem,
  type ParsedCertificate,
  type ParsedExtension,
  type ParsedExtensions,
  type ParsedKey,
  type ParsedName,
  type ParsedSignatureAlgorithm,
  parseCertificate,
} from './certificate.js';
export type { ChainRuleOptions } from './chain-options.js';
// ---- device profiles (src/device-profiles.ts, src/predict-device.ts) ----
export {
  type AnyProfileId,
  type BehaviourId,
  type DeviceProfile,
  type DeviceProfileId,
  deviceProfiles,
  isAnyProfileId,
  isDeviceProfileId,
  type NoClockProfileId,
  type ProfileBehaviour,
  type ProfileEvidence,
  type ProfileOptions,
} from './device-profiles.js';
export { ERROR_DETAILS, type ErrorDetail, errorDetail } from './errors.js';
// ---- hashes (src/hash.ts) ----
export {
  createHash,
  HASH_CHUNK,
  type Hash,
  type HashAlgorithm,
  hash,
  hashAlgorithm,
  hashLength,
  sha1,
  sha256,
  sha384,
  sha512,
} from './hash.js';
export { derToPem, type PemBlock, PemError, pemToDer, splitPem, splitPemBlocks } from './pem.js';
export {
  ANY_POLICY,
  type PolicyOptions,
  type PolicyProcessing,
  type ValidPolicies,
} from './policy-options.js';
export {
  type DevicePrediction,
  MAX_CANDIDATE_TIMES,
  type PredictDeviceOptions,
  predictDevice,
} from './predict-device.js';
export {
  type SignatureAlgorithm,
  type SignatureHash,
  type VerifySignatureInput,
  verifySignature,
} from './signature.js';
// ---- usage, extension, validity and algorithm options of device profiles (src/stack-options.ts) ----
export type {
  CriticalExtensionType,
  LeafKeyUsageRule,
  SignatureAlgorithmName,
  StackOptions,
} from './stack-options.js';
// ---- signed trust-bundle updates (src/update/, FORMAT.md) ----
export {
  UPDATE_LIMITS,
  UPDATE_RESULT_CODES,
  UPDATE_RESULT_MESSAGES,
} from './update/abi.generated.js';
export {
  type DeviceUpdateState,
  type UpdateRejection,
  type VerifyUpdateResult,
  verifyUpdate,
} from './update/verify-update.js';
// ---- path validation (src/verify-chain.ts) ----
export {
  type CertificateInput,
  type CertificateSource,
  type ChainCertificate,
  type HostNameRule,
  type NameChainingRule,
  type NameConstraintRule,
  type Purpose,
  type VerifyChainError,
  type VerifyChainOptions,
  type VerifyChainResult,
  type VerifyWork,
  verifyChain,
} from './verify-chain.js';
export { VerifyError } from './verify-error.js';
export { init, initFromBytes, initSync, type WasmVariant, wasmBytes, wasmVariant } from './wasm.js';
export type { GeneralName, NameAttribute } from './x509-text.js';
