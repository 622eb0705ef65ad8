// TLS alerts (RFC 8446 §6.2, RFC 5246 §7.2.2), whichever stack reports them. What an alert means
// depends on its direction:
// - received from the server: the server refused something of the device's — its certificate
//   (bad_certificate, unknown_ca, certificate_expired, certificate_required, ...: the server's
//   verification of the client certificate failed), its ClientHello (protocol_version,
//   insufficient_security, handshake_failure at hello time) or its SNI (unrecognized_name);
// - sent by the device: the device refused the server's chain (unknown_ca, bad_certificate,
//   certificate_expired), the failure the device's own verifier reported.
// handshake_failure is ambiguous: servers send it both for "no common cipher suite" (answering the
// ClientHello) and for "client certificate required / refused" (TLS 1.2 servers, RFC 5246 §7.4.6).
// The stage decides; without one it is kept as a 'fatal-alert' finding that rank.ts resolves.

import type { HandshakeCause } from '@hubtrust/roots';
import { alertTable } from '../codes.js';
import type { StackId } from '../explanation.js';
import { type Scan, STRENGTH } from '../scan.js';

interface AlertMeaning {
  cause: HandshakeCause;
  detail?: string;
}

const RECEIVED: Readonly<Record<number, AlertMeaning>> = {
  0: { cause: 'network', detail: 'peer_closed' },
  22: { cause: 'other', detail: 'record_too_large' },
  41: { cause: 'peer_rejected_client_cert' },
  42: { cause: 'peer_rejected_client_cert' },
  43: { cause: 'peer_rejected_client_cert' },
  44: { cause: 'peer_rejected_client_cert' },
  45: { cause: 'peer_rejected_client_cert' },
  46: { cause: 'peer_rejected_client_cert' },
  48: { cause: 'peer_rejected_client_cert' },
  49: { cause: 'peer_rejected_client_cert' },
  116: { cause: 'peer_rejected_client_cert' },
  70: { cause: 'protocol_mismatch' },
  71: { cause: 'protocol_mismatch' },
  86: { cause: 'protocol_mismatch' },
  109: { cause: 'protocol_mismatch' },
  110: { cause: 'protocol_mismatch' },
  120: { cause: 'protocol_mismatch' },
  47: { cause: 'protocol_mismatch' },
  112: { cause: 'hostname_mismatch' },
  80: { cause: 'other', detail: 'server_internal_error' },
};

const SENT: Readonly<Record<number, AlertMeaning>> = {
  42: { cause: 'unknown_ca' },
  46: { cause: 'unknown_ca' },
  48: { cause: 'unknown_ca' },
  45: { cause: 'expired' },
  44: { cause: 'other', detail: 'certificate_revoked' },
  43: { cause: 'other', detail: 'unsupported_certificate' },
  70: { cause: 'protocol_mismatch' },
  71: { cause: 'protocol_mismatch' },
  40: { cause: 'protocol_mismatch' },
  22: { cause: 'other', detail: 'record_too_large' },
};

/** The alert's RFC name in lower case with underscores (`handshake_failure`), or `alert N`. */
export function alertName(n: number): string {
  return alertTable().byNumber.get(n)?.toLowerCase() ?? `alert ${n}`;
}

/** Records a fatal alert; `received` = sent by the server to the device. */
export function alertFinding(
  s: Scan,
  line: string,
  n: number,
  alert: number,
  receivedByLogger: boolean,
  stack: StackId,
): void {
  // In a server's own log, an alert it received was sent by the device.
  const received = s.serverSide ? !receivedByLogger : receivedByLogger;
  const name = alertName(alert);
  if (received && alert === 40) {
    s.add(
      {
        cause: 'other',
        detail: `alert_received:${name}`,
        strength: STRENGTH.unresolvedAlert + 5,
        line: n,
        note: `the server sent a fatal ${name} alert (40)`,
        stack,
        kind: 'fatal-alert',
      },
      line,
    );
    return;
  }
  const meaning = (received ? RECEIVED : SENT)[alert];
  const note = received
    ? `the server sent a fatal ${name} alert (${alert})`
    : `the device sent a fatal ${name} alert (${alert}): it rejected the server${s.serverSide ? " (seen in the server's log)" : ''}`;
  s.add(
    {
      cause: meaning?.cause ?? 'other',
      detail: meaning?.detail ?? `alert_${received ? 'received' : 'sent'}:${name}`,
      strength: meaning ? (received ? STRENGTH.alert : STRENGTH.verify + 5) : STRENGTH.generic + 10,
      line: n,
      note,
      stack,
    },
    line,
  );
}

/** Alert names as OpenSSL, curl, Go and most samples spell them, to their numbers. */
export function alertNumberFromText(text: string): number | undefined {
  const t = text.toLowerCase().replace(/[_-]/g, ' ').replace(/\s+/g, ' ').trim();
  return alertTable().byName.get(t);
}
