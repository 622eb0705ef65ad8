// The whole public surface of @hubtrust/hub-sim.

// ---- hub simulator (issue 5) ----
export type { AlertInfo } from './alerts.js';
export {
  type ClientHelloInfo,
  ClientHelloPeeker,
  type PeekOutcome,
  parseClientHello,
} from './client-hello.js';
export { type DeviceCredential, type Hub, type HubOptions, startHub } from './hub.js';
export type { Cloud } from './leaves.js';
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
export type {
  ClientCertificateInfo,
  ConnectionRecord,
  Endpoint,
  HandshakeStage,
  HttpInfo,
  MqttInfo,
  Outcome,
} from './records.js';
export { createSasToken, type SasRejection, type SasTokenOptions, verifySasToken } from './sas.js';
export {
  type HandshakeCause,
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioExpectation,
  type ScenarioInfo,
  type ScenarioName,
} from './scenarios.js';
