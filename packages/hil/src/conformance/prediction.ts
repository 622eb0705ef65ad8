// Observer 3, the prediction: what an mbedTLS 2.28 device with this trust bundle should do.
//
// INTERIM, isolated here: once the device profiles land (branch `profiles`), the chain part is
// `verifyChain({ ..., profile: 'mbedtls-2.28' })` and MBEDTLS_2_28 below goes away. Until then
// the profile is spelled out with verify's current options, from mbedTLS 2.28's documented
// behaviour (x509_crt.c, mbedtls_x509_crt_profile_default; ssl_msg.c):
// - SHA-1 signatures rejected (the default profile allows SHA-256 and up unless
//   MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_CERTIFICATES), RSA ≥ 2048 bits;
// - the trust anchor's own validity is checked (x509_crt_verify_chain checks every certificate's
//   time, roots included);
// - lenient profile rules (no CA/B Forum checks), name constraints unsupported: a critical one
//   rejects the path;
// - TLS 1.2 only (2.28 has no TLS 1.3), no handshake message larger than one record
//   ("TLS handshake fragmentation not supported", MBEDTLS_SSL_IN_CONTENT_LEN = 16 KiB);
// - the simulated board has no client certificate.
// Order follows the handshake: version and suites (ClientHello/ServerHello), the Certificate
// message's size, then chain verification, then the client certificate request.
import { type Hub, resolveExpectation } from '@hubtrust/hub-sim';
import type { HandshakeCause } from '@hubtrust/roots';
import { type ErrorCode, init, verifyChain } from '@hubtrust/verify';

/** What a device can do, for the prediction. */
export interface DeviceModel {
  readonly name: string;
  readonly tlsVersions: readonly ('TLSv1' | 'TLSv1.2' | 'TLSv1.3')[];
  /** Largest handshake message the device reassembles (bytes): one record's worth for mbedTLS 2.x, which does not reassemble handshake messages split over records. */
  readonly maxHandshakeMessage: number;
  readonly clientCertificate: boolean;
  /** Record plaintext the device can receive (MBEDTLS_SSL_IN_CONTENT_LEN); 16,384 when full. */
  readonly inputBuffer: number;
  /** RFC 6066 max_fragment_length it offers, or null. */
  readonly maxFragmentLength: 512 | 1024 | 2048 | 4096 | null;
  readonly verify: {
    readonly allowSha1: boolean;
    readonly minRsaBits: number;
    readonly enforceAnchorExpiry: boolean;
    readonly strictProfile: boolean;
    readonly nameConstraints: 'enforce' | 'reject-if-critical';
  };
}

/** mbedTLS 2.28 as Debian builds it, as the native board runs it. */
export const MBEDTLS_2_28: DeviceModel = {
  name: 'mbedtls-2.28 (interim model, until verify device profiles)',
  tlsVersions: ['TLSv1.2'],
  maxHandshakeMessage: 16384,
  clientCertificate: false,
  inputBuffer: 16384,
  maxFragmentLength: null,
  verify: {
    allowSha1: false,
    minRsaBits: 2048,
    enforceAnchorExpiry: true,
    strictProfile: false,
    nameConstraints: 'reject-if-critical',
  },
};

/** The predicted outcome. */
export interface Prediction {
  readonly cause: HandshakeCause;
  readonly detail: string;
  /** Which rule decided: the chain verifier, the device's capabilities, or the scenario's `expected`. */
  readonly source: 'verify-chain' | 'device-capability' | 'scenario-expected';
}

const CAUSE_OF: Partial<Record<ErrorCode, HandshakeCause>> = {
  UNKNOWN_ISSUER: 'unknown_ca',
  EXPIRED: 'expired',
  NOT_YET_VALID: 'not_yet_valid_clock',
  NAME_MISMATCH: 'hostname_mismatch',
};

/** Scenario TLS versions (hub-sim serves these; see its README's scenario table). */
const SCENARIO_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'tls10-only': ['TLSv1'],
  'tls12-only': ['TLSv1.2'],
  'tls13-only': ['TLSv1.3'],
  'weak-cipher-only': ['TLSv1.2'],
};

/**
 * Predicts a device's outcome against a running hub.
 * @param roots the device's trust bundle (PEM each).
 * @param time the device's clock (default now).
 */
export async function predict(
  hub: Hub,
  roots: readonly string[],
  device: DeviceModel = MBEDTLS_2_28,
  time: Date = new Date(),
): Promise<Prediction> {
  await init();
  const scenario = hub.scenario;
  const versions = SCENARIO_VERSIONS[scenario.name] ?? ['TLSv1.2', 'TLSv1.3'];
  if (!versions.some((v) => (device.tlsVersions as readonly string[]).includes(v))) {
    return {
      cause: 'protocol_mismatch',
      detail: `no common TLS version (hub ${versions.join(',')})`,
      source: scenario.expected.connects ? 'device-capability' : 'scenario-expected',
    };
  }
  if (scenario.expected.alert?.sentBy === 'hub') {
    return {
      cause: scenario.expected.cause,
      detail: `hub refuses: ${scenario.expected.alert.name}`,
      source: 'scenario-expected',
    };
  }
  // A handshake message longer than one record fails: with max_fragment_length the hub splits
  // the Certificate message at the negotiated length (mbedTLS 2.28 does not reassemble it).
  const recordLimit = Math.min(
    device.maxHandshakeMessage,
    device.maxFragmentLength ?? Number.POSITIVE_INFINITY,
  );
  if (hub.certificateMessageBytes['TLSv1.2'] > recordLimit) {
    return { cause: 'other', detail: 'handshake_fragmentation', source: 'device-capability' };
  }
  const result = verifyChain({
    leaf: hub.chainPem,
    roots: [...roots],
    hostname: hub.hostname,
    time,
    ...device.verify,
  });
  if (!result.ok) {
    return {
      cause: CAUSE_OF[result.error.code] ?? 'other',
      detail: result.error.code,
      source: 'verify-chain',
    };
  }
  if (scenario.name === 'client-cert-required' && !device.clientCertificate) {
    return {
      cause: 'peer_rejected_client_cert',
      detail: 'no client certificate',
      source: 'device-capability',
    };
  }
  // Protocol and record-size scenarios: hub-sim's own rule for this device's buffer (issue 9).
  const resolved = resolveExpectation(
    scenario.expected,
    { inputBuffer: device.inputBuffer, maxFragmentLength: device.maxFragmentLength },
    hub,
  );
  return {
    cause: resolved.cause,
    detail: resolved.detail ?? `chain verifies (${resolved.from})`,
    source: 'scenario-expected',
  };
}
