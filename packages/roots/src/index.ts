// The whole public surface of @hubtrust/roots. Biome keeps the export statements sorted by module;
// each one says which part of the package it belongs to.

// catalog (issue 10): the generated records and the documents they cite
export { DOCUMENTS as CATALOG_DOCUMENTS, RECORDS as CATALOG_RECORDS } from './catalog.generated.js';
// catalog (issue 10): the verified certificate catalog and its lookups
export {
  byCloud,
  bySha1,
  bySha256,
  bySpkiSha256,
  bySubject,
  CatalogCertificate,
  catalog,
  findCertificate,
  getCertificate,
  getCertificates,
} from './catalog.js';
// catalog (issue 10): the integrity check run by every build and test
export { type CatalogProblem, checkCatalog } from './catalog-check.js';
// catalog and profiles (issue 10): typed lookup errors
export { CatalogError, type CatalogErrorCode } from './catalog-errors.js';
// catalog (issue 10): record types
export type {
  CatalogKey,
  CatalogRecord,
  CatalogSource,
  CatalogUse,
  CatalogVerification,
  CertificateKind,
} from './catalog-types.js';
// the cause vocabulary shared by hub-sim, logs, hil and the reports
export { HANDSHAKE_CAUSE_TEXT, HANDSHAKE_CAUSES, type HandshakeCause, isHandshakeCause } from './causes.js';
export { readCSource } from './formats/c-reader.js';
export {
  type CForm,
  type CWriteOptions,
  type CWriteResult,
  DEFAULT_C_PREFIX,
  writeC,
} from './formats/c-writer.js';
export { readDer } from './formats/der-reader.js';
export {
  detectRootsFormat,
  type RootsFileFormat,
  type RootsFileResult,
  readRootsBytes,
} from './formats/detect.js';
// ---- formats: readers, writers and the firmware image scanner (src/formats/; issue 10) ----
export {
  type FilePosition,
  FORMAT_ERROR_CODES,
  FormatError,
  type FormatErrorCode,
} from './formats/errors.js';
export { ESP_BUNDLE_FORMATS, type EspBundleFormat } from './formats/esp-bundle-format.js';
export {
  type EspBundleAnchor,
  type EspBundleReadResult,
  type EspReadOptions,
  readEspBundle,
} from './formats/esp-bundle-reader.js';
export {
  convertEspBundle,
  type EspWriteOptions,
  type EspWriteResult,
  writeEspBundle,
} from './formats/esp-bundle-writer.js';
export {
  type CertificateForm,
  type CertificateLocation,
  type FoundCertificate,
  type ReadResult,
  strict,
} from './formats/found.js';
export * as formatLimits from './formats/limits.js';
export { type PemReadResult, type ReadOptions, readPem, type SkippedBlock } from './formats/pem-reader.js';
export {
  type DerFile,
  type DerWriteResult,
  type PemWriteOptions,
  type PemWriteResult,
  writeDer,
  writePem,
} from './formats/pem-writer.js';
export {
  detectImageFormat,
  type IdentifyCertificate,
  type ImageFormat,
  type ScanHit,
  type ScanOptions,
  type ScanResult,
  scanImage,
} from './formats/scanner.js';
export type { SelfSignature } from './formats/self-signature.js';
export {
  type CertificateInput,
  DEFAULT_HORIZON_DAYS,
  type SizeReport,
  type WarningOptions,
  type WriterWarning,
  type WriterWarningCode,
} from './formats/writer-input.js';
// catalog (issue 10): snapshot date and the 180-day freshness warning
export {
  CATALOG_MAX_AGE_DAYS,
  CATALOG_SNAPSHOT_DATE,
  type CatalogFreshness,
  catalogFreshness,
} from './freshness.js';
// cloud profiles (issue 10): data types
export type {
  ChainLink,
  EndpointFamily,
  EndpointRole,
  Evidence,
  LeafSpec,
  ModelledCertificate,
  ProfileCloud,
  ProfilePeriod,
  ProfileSource,
  ServedChain,
} from './profile-types.js';
// catalog defaults of the formats: which roots the profiles use, names by fingerprint (issue 14)
export { identifyInCatalog, usedBySomeProfile } from './profile-use.js';
// cloud profiles (issue 10): endpoint families, chains over time, host mapping, change points
export {
  chainAnchors,
  chainsAt,
  cloudProfiles,
  endpointFamiliesForHost,
  findEndpointFamily,
  findModelledCertificate,
  getEndpointFamily,
  hostMatches,
  modelledCertificates,
  type ProfileCertificate,
  periodAt,
  profileCertificate,
  profileCertificateValidity,
  profileChangePoints,
  profileSources,
} from './profiles.js';
// readiness over time (issue 14): the analysis, its report (JSON schema v1) and text rendering
export { analyzeReadiness, type ReadinessOptions } from './readiness/analyze.js';
export {
  type BundleAnchor,
  type BundleInput,
  type DeviceBundle,
  readDeviceBundle,
} from './readiness/bundle.js';
export {
  DEVICE_PROFILE_IDS,
  type DeviceBehaviour,
  type DeviceProfileId,
  type DeviceSpec,
  type ResolvedDevice,
  resolveDevice,
} from './readiness/device.js';
export { DISTRUSTED_ROOTS } from './readiness/distrust.js';
export { ReadinessError, type ReadinessErrorCode } from './readiness/errors.js';
export type { ChainVerdict, VerdictBasis } from './readiness/evaluate.js';
export { renderReadinessText } from './readiness/render.js';
export {
  READINESS_SCHEMA_VERSION,
  type ReadinessReport,
  type ReportAdd,
  type ReportClient,
  type ReportEndpoint,
  type ReportFailure,
  type ReportInterval,
  type ReportRecommendation,
  type ReportRemove,
  type ReportRoot,
  type ReportSizes,
} from './readiness/report.js';
// recommended root sets by slug, with sources (issue 10, used by issue 14)
export {
  RECOMMENDED_SETS,
  type RecommendedSet,
  type RecommendedSetId,
  recommendedRoots,
} from './recommended.js';
// signed trust-bundle updates (issue 14): build and sign; the format is packages/verify/FORMAT.md
export {
  createTrustBundleUpdate,
  type TrustBundleUpdate,
  type TrustBundleUpdateInput,
} from './updates/build.js';
export { UpdateError, type UpdateErrorCode } from './updates/errors.js';
export {
  UPDATE_FIELD,
  UPDATE_FORMAT_VERSION,
  UPDATE_LIMITS,
  UPDATE_MAGIC,
  UPDATE_MAX_BYTES,
} from './updates/format.js';
export { type UpdateSigner, updateKeyId, webCryptoSigner } from './updates/signer.js';
