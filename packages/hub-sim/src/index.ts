// The whole public surface of @hubtrust/hub-sim: the hub simulator (issue 5); the record-size
// scenarios, the per-buffer expectations and the shared cause vocabulary (issue 9).

/** The handshake-cause vocabulary every package shares; defined in `@hubtrust/roots`. */
export type { HandshakeCause } from '@hubtrust/roots';
export type { AlertInfo } from './alerts.js';
export {
  type ClientHelloInfo,
  ClientHelloPeeker,
  type PeekOutcome,
  parseClientHello,
} from './client-hello.js';
export {
  CLOUD_NAMES,
  CLOUDS,
  type Cloud,
  type CloudApi,
  type CloudInfo,
  type KeyType,
} from './clouds.js';
export {
  type ChainErrorCode,
  type DeviceRecordProfile,
  type ExpectedOutcome,
  INPUT_BUFFERS,
  type InputBuffer,
  MAX_FRAGMENT_LENGTHS,
  MAX_RECORD_PLAINTEXT,
  RECORD_TOO_LARGE,
  type ResolvedExpectation,
  resolveExpectation,
  type ScenarioExpectation,
  type ServedChain,
} from './expectations.js';
export { type DeviceCredential, type Hub, type HubOptions, startHub } from './hub.js';
export { DEFAULT_LIMITS, type HubLimits } from './limits.js';
export type { DeviceIdentity } from './mqtt-endpoint.js';
export {
  DEFAULT_SEED,
  defaultCacheDir,
  loadTestPki,
  PKI_VERSION,
  type PkiOptions,
  type TestPki,
} from './pki.js';
export {
  type ClientCertificateInfo,
  type ConnectionRecord,
  type Endpoint,
  type HandshakeStage,
  type HttpInfo,
  LARGE_RECORD_BYTES,
  type MqttInfo,
  type Outcome,
  type TlsRecordInfo,
} from './records.js';
export { createSasToken, type SasRejection, type SasTokenOptions, verifySasToken } from './sas.js';
export { SCENARIO_NAMES, SCENARIOS, type ScenarioInfo, type ScenarioName } from './scenarios.js';
export {
  type BundleEntry,
  type BundleEntryMapping,
  MAX_BUNDLE_CERTIFICATES,
  type MissingTwinReason,
  type SimulatedBundle,
  simulatedBundle,
  type Twin,
  twinOf,
  twinSlugs,
} from './twins.js';
