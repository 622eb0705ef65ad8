// The whole public surface of @hubtrust/roots.

// ---- the cause vocabulary shared by hub-sim, logs, hil and the reports ----
export { HANDSHAKE_CAUSE_TEXT, HANDSHAKE_CAUSES, type HandshakeCause, isHandshakeCause } from './causes.js';
