// Bounds that keep a hub alive under bad input. Defaults and why.

/** Limits of one hub; every field has a default (see {@link DEFAULT_LIMITS}). */
export interface HubLimits {
  /** TCP accept to TLS handshake completion (ClientHello peek included). */
  readonly handshakeTimeoutMs: number;
  /** Inactivity after the handshake before the hub closes the connection. */
  readonly idleTimeoutMs: number;
  /** Connections open at once across all endpoints; more are accepted, recorded `refused`, closed. */
  readonly maxConnections: number;
  /** Records kept (oldest dropped first; `hub.droppedRecords` counts them). */
  readonly maxRecords: number;
  /** Bytes buffered while reading the ClientHello. */
  readonly maxClientHelloBytes: number;
  /** Largest MQTT control packet accepted (remaining length + fixed header). */
  readonly maxMqttPacketBytes: number;
  /** Time allowed between the handshake and the MQTT CONNECT. */
  readonly mqttConnectTimeoutMs: number;
  /** Bytes the echo endpoint returns per connection before closing it. */
  readonly maxEchoBytes: number;
  /** Largest HTTPS request body read. */
  readonly maxHttpBodyBytes: number;
}

/**
 * Defaults:
 * - handshakeTimeoutMs 10 s: loopback handshakes take milliseconds, slow MCUs (RSA-4096 chain
 *   checks on a Cortex-M0) take a few seconds; Node's own default is 120 s.
 * - idleTimeoutMs 20 min: above Azure IoT Hub's maximum MQTT keep-alive (1177 s) so idle but
 *   pinging devices are never cut.
 * - maxConnections 256, maxRecords 10,000: a loopback test tool, not a server farm.
 * - maxClientHelloBytes 32 KiB: real ClientHellos are 0.2-2 KiB.
 * - maxMqttPacketBytes 256 KiB + 5: IoT Hub's device-to-cloud message limit is 256 KiB.
 * - mqttConnectTimeoutMs 10 s (aedes defaults to 30 s).
 * - maxEchoBytes 1 MiB, maxHttpBodyBytes 256 KiB.
 */
export const DEFAULT_LIMITS: HubLimits = {
  handshakeTimeoutMs: 10_000,
  idleTimeoutMs: 20 * 60_000,
  maxConnections: 256,
  maxRecords: 10_000,
  maxClientHelloBytes: 32 * 1024,
  maxMqttPacketBytes: 256 * 1024 + 5,
  mqttConnectTimeoutMs: 10_000,
  maxEchoBytes: 1024 * 1024,
  maxHttpBodyBytes: 256 * 1024,
};
