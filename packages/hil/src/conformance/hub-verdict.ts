// Observer 2, hub-sim's connection record: what the server side saw. The hub cannot always tell
// why a device refused, so this observer yields the set of causes compatible with the record.
// A device's alert names only its highest-priority problem: mbedTLS 2.28 (ssl_tls.c,
// ssl_parse_certificate) picks access_denied (BADCERT_OTHER) > bad_certificate (CN_MISMATCH) >
// unsupported_certificate (key usage) > certificate_expired (EXPIRED) > certificate_revoked >
// unknown_ca (NOT_TRUSTED) > certificate_unknown (anything else, FUTURE included), and a chain
// can have several problems at once (an expired leaf under an untrusted root). So an alert allows
// its own cause and every cause of lower priority (RFC 5246 §7.2.2 for the alert meanings).
import type { ConnectionRecord } from '@hubtrust/hub-sim';
import type { HandshakeCause } from '@hubtrust/roots';

/** What the record allows. */
export interface HubVerdict {
  readonly causes: readonly HandshakeCause[];
  /** One line for reports: outcome, stage, alerts, MQTT. */
  readonly summary: string;
}

const CERT_PROBLEMS: readonly HandshakeCause[] = [
  'hostname_mismatch',
  'expired',
  'unknown_ca',
  'not_yet_valid_clock',
  'other',
];
const BY_DEVICE_ALERT: Readonly<Record<string, readonly HandshakeCause[]>> = {
  access_denied: CERT_PROBLEMS,
  bad_certificate: CERT_PROBLEMS,
  unsupported_certificate: ['other', 'expired', 'unknown_ca', 'not_yet_valid_clock'],
  certificate_expired: ['expired', 'unknown_ca', 'not_yet_valid_clock', 'other'],
  certificate_revoked: ['other', 'unknown_ca', 'not_yet_valid_clock'],
  unknown_ca: ['unknown_ca', 'not_yet_valid_clock', 'other'],
  certificate_unknown: ['not_yet_valid_clock', 'other'],
  handshake_failure: ['protocol_mismatch'],
  protocol_version: ['protocol_mismatch'],
  insufficient_security: ['protocol_mismatch'],
  record_overflow: ['other'],
  decode_error: ['other'],
  internal_error: ['other', 'out_of_memory'],
};

/** The causes a record allows; `null` record (no connection at all) allows network and local failures. */
export function hubVerdict(record: ConnectionRecord | null): HubVerdict {
  if (!record) return { causes: ['network', 'out_of_memory', 'other'], summary: 'no connection recorded' };
  const h = record.handshake;
  const summary = [
    record.outcome,
    `stage=${h.stage}`,
    h.alertReceived ? `device-alert=${h.alertReceived.name}` : '',
    h.alertSent ? `hub-alert=${h.alertSent.name}` : '',
    record.mqtt ? `connack=${record.mqtt.connackReturnCode ?? '-'}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (h.completed) {
    // Completed handshakes: success (whatever MQTT said), or the device gave up afterwards.
    return { causes: ['handshake_success', 'other'], summary };
  }
  if (h.alertSent) {
    const sent = h.alertSent.name;
    // The hub refused: a client certificate problem once the client's flight arrived, else a protocol refusal.
    if (h.stage === 'client-flight' || h.stage === 'done' || sent === 'certificate_required')
      return { causes: ['peer_rejected_client_cert'], summary };
    return {
      causes: BY_DEVICE_ALERT[sent]?.includes('protocol_mismatch')
        ? ['protocol_mismatch']
        : ['protocol_mismatch', 'other'],
      summary,
    };
  }
  if (h.alertReceived) return { causes: BY_DEVICE_ALERT[h.alertReceived.name] ?? ['other'], summary };
  // Closed without any alert: a local failure of the device (memory, buffer) or the network.
  if (record.outcome === 'timeout') return { causes: ['network'], summary };
  return { causes: ['out_of_memory', 'network', 'other'], summary };
}
