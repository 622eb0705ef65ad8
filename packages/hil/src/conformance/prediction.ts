// Observer 3, the prediction: what this device should do against this hub, from sources that
// never look at the board's run.
// - The chain: @hubtrust/verify's device profile of the device's stack (`predictDevice` with
//   `profile: 'mbedtls-2.28'` for the native board: verifyChain with that profile's options).
// - Protocol and record-size scenarios: the scenario's `expected`, resolved for the device's input
//   buffer and max_fragment_length offer by hub-sim's `resolveExpectation`.
// - What `expected` cannot know: it describes a correct modern device, so the device's own build
//   limits are applied on top, each a documented fact of the stack (DeviceModel): the TLS versions
//   it speaks (mbedTLS 2.28 has no TLS 1.3: ssl.h, MBEDTLS_SSL_MAX_MINOR_VERSION is TLS 1.2), the
//   largest handshake message it reassembles (mbedTLS 2.x does not reassemble a handshake message
//   split over records: ssl_msg.c, "TLS handshake fragmentation not supported"), and whether it
//   has a client certificate (the native board has none).
// Order follows the handshake: ClientHello/ServerHello (versions, suites), the Certificate
// record's size, its reassembly, chain verification, the CertificateRequest, then the records
// after the handshake (record-size scenarios).
import { type Hub, resolveExpectation, type ScenarioName } from '@hubtrust/hub-sim';
import type { HandshakeCause } from '@hubtrust/roots';
import { type AnyProfileId, type ErrorCode, init, predictDevice } from '@hubtrust/verify';

/** A TLS protocol version, as node:tls names them. */
export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** The device under test, for the prediction. */
export interface DeviceModel {
  readonly name: string;
  /** @hubtrust/verify device profile of its TLS stack (chain verdicts). */
  readonly profile: AnyProfileId;
  /** Versions it negotiates. */
  readonly tlsVersions: readonly TlsVersion[];
  /** Largest handshake message it reassembles, in bytes (one record's worth when it does not reassemble). */
  readonly maxHandshakeMessage: number;
  readonly clientCertificate: boolean;
  /** Record plaintext it can receive (MBEDTLS_SSL_IN_CONTENT_LEN); 16,384 when full. */
  readonly inputBuffer: number;
  /** RFC 6066 max_fragment_length it offers, or null. */
  readonly maxFragmentLength: 512 | 1024 | 2048 | 4096 | null;
}

/** The native board as built (firmware-fixtures/native-board): Debian's mbedTLS 2.28, 16 KiB buffers, no client certificate. */
export const NATIVE_BOARD: DeviceModel = {
  name: 'native-board (mbedTLS 2.28)',
  profile: 'mbedtls-2.28',
  tlsVersions: ['TLSv1.2'],
  maxHandshakeMessage: 16_384,
  clientCertificate: false,
  inputBuffer: 16_384,
  maxFragmentLength: null,
};

/** The predicted outcome. */
export interface Prediction {
  readonly cause: HandshakeCause;
  readonly detail: string;
  /** Which source decided: the verify device profile, a capability of the device's build, or the scenario's `expected`. */
  readonly source: 'verify-profile' | 'device-capability' | 'scenario-expected';
}

/** The handshake cause a verify error predicts (the others are `other`: weak hash, bad key usage, …). */
const CAUSE_OF: Partial<Record<ErrorCode, HandshakeCause>> = {
  UNKNOWN_ISSUER: 'unknown_ca',
  EXPIRED: 'expired',
  NOT_YET_VALID: 'not_yet_valid_clock',
  NAME_MISMATCH: 'hostname_mismatch',
};

/**
 * TLS versions a scenario's hub accepts: hub-sim serves TLS 1.2 and 1.3 except in these (its
 * README's scenario table; a `Hub` does not expose its TLS settings).
 */
const HUB_VERSIONS: Partial<Record<ScenarioName, readonly TlsVersion[]>> = {
  'tls10-only': ['TLSv1'],
  'tls12-only': ['TLSv1.2'],
  'tls13-only': ['TLSv1.3'],
};
const MODERN: readonly TlsVersion[] = ['TLSv1.2', 'TLSv1.3'];

/**
 * Predicts what a device does against a running hub.
 * @param roots the device's trust bundle (PEM each), as flashed.
 * @param time the device's clock (default now).
 * @throws Error when verify's module cannot load; TypeError for a device buffer or MFL hub-sim does not accept.
 * @example
 * ```ts
 * const hub = await startHub({ scenario: 'expired-leaf' });
 * (await predictOutcome(hub, [digicertG2Pem], NATIVE_BOARD)).cause; // 'expired'
 * ```
 */
export async function predictOutcome(
  hub: Hub,
  roots: readonly string[],
  device: DeviceModel = NATIVE_BOARD,
  time: Date = new Date(),
): Promise<Prediction> {
  await init();
  const expected = hub.scenario.expected;
  if (expected.alert?.sentBy === 'hub') {
    return {
      cause: expected.cause,
      detail: `the hub refuses: ${expected.alert.name}`,
      source: 'scenario-expected',
    };
  }
  const hubVersions = HUB_VERSIONS[hub.scenario.name] ?? MODERN;
  if (!hubVersions.some((v) => device.tlsVersions.includes(v))) {
    return {
      cause: 'protocol_mismatch',
      detail: `no common TLS version (hub ${hubVersions.join(', ')}, device ${device.tlsVersions.join(', ')})`,
      source: 'device-capability',
    };
  }
  const resolved = resolveExpectation(
    expected,
    { inputBuffer: device.inputBuffer, maxFragmentLength: device.maxFragmentLength },
    hub,
  );
  if (resolved.from === 'certificate-record') {
    return {
      cause: resolved.cause,
      detail: resolved.detail ?? 'record_too_large',
      source: 'scenario-expected',
    };
  }
  // With max_fragment_length the hub splits the Certificate message at the negotiated length.
  const reassembled = Math.min(
    device.maxHandshakeMessage,
    device.maxFragmentLength ?? Number.POSITIVE_INFINITY,
  );
  if (hub.certificateMessageBytes['TLSv1.2'] > reassembled) {
    return {
      cause: 'other',
      detail: `handshake_message_too_large (Certificate ${hub.certificateMessageBytes['TLSv1.2']} bytes > ${reassembled})`,
      source: 'device-capability',
    };
  }
  const chain = predictDevice({
    profile: device.profile,
    leaf: hub.chainPem,
    roots: [...roots],
    hostname: hub.hostname,
    time,
  });
  if (!chain.accepts) {
    const code = chain.basis.ok ? null : chain.basis.error.code;
    return {
      cause: (code && CAUSE_OF[code]) ?? 'other',
      detail: `${code ?? 'rejected'} (${device.profile})`,
      source: 'verify-profile',
    };
  }
  if (hub.scenario.name === 'client-cert-required' && !device.clientCertificate) {
    return {
      cause: 'peer_rejected_client_cert',
      detail: 'the hub requests a client certificate; the device has none',
      source: 'device-capability',
    };
  }
  return {
    cause: resolved.cause,
    detail: resolved.detail ?? `${resolved.cause} (expected, ${resolved.from})`,
    source: 'scenario-expected',
  };
}
