// The whole public surface of @hubtrust/roots.

// ---- the cause vocabulary shared by hub-sim, logs, hil and the reports ----
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
