// The whole public surface of @hubtrust/logs.

// ---- classify a log ----
export { explainLog, LogClassifier } from './classifier.js';
// ---- decode single codes (the tables are generated from the stacks' headers) ----
export { decodeFlags, decodeMbedtls, type MbedtlsVersion } from './codes.js';
// ---- the result ----
export {
  type Confidence,
  type DecodedCode,
  type DecodedFlags,
  type Evidence,
  type Explanation,
  SCHEMA_VERSION,
  type StackId,
} from './explanation.js';
export { MAX_LINE_LENGTH } from './limits.js';
// ---- remedies: the roots a hub needs (replaced by @hubtrust/roots' export at merge) ----
export { type RecommendedRoots, recommendedRootsForHost } from './remedy-roots.js';
// ---- text output for the CLI and reports ----
export { exitCodeFor, type RenderOptions, renderExplanation } from './render.js';
