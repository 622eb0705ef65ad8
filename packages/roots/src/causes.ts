// The handshake-outcome vocabulary every package speaks: hub-sim's `expected.cause`, the log
// classifier (@hubtrust/logs), the HIL runner and the reports. It lives here, in the lowest
// package they all depend on (hub-sim → roots, logs → roots, hil → all), so no package has to
// depend on another only to name a cause. Source: docs/architecture.md, "Handshake-log cause
// vocabulary".

/** Every cause, in the order reports list them. */
export const HANDSHAKE_CAUSES = [
  'handshake_success',
  'unknown_ca',
  'expired',
  'not_yet_valid_clock',
  'hostname_mismatch',
  'protocol_mismatch',
  'out_of_memory',
  'network',
  'peer_rejected_client_cert',
  'other',
] as const;

/** Why a TLS connection of a device ended the way it did. */
export type HandshakeCause = (typeof HANDSHAKE_CAUSES)[number];

/** One line per cause, for help texts and reports. */
export const HANDSHAKE_CAUSE_TEXT: Readonly<Record<HandshakeCause, string>> = {
  handshake_success: 'the handshake completed and the device trusted the chain',
  unknown_ca: 'the device does not trust the root the chain leads to (or the chain is incomplete)',
  expired: 'a certificate of the chain is past its notAfter at the device’s time',
  not_yet_valid_clock:
    'a certificate is not yet valid at the device’s time — almost always an unset clock (1970)',
  hostname_mismatch: 'the server certificate does not name the host the device asked for',
  protocol_mismatch: 'no common TLS version, cipher suite, curve or signature algorithm',
  out_of_memory: 'the TLS stack ran out of heap or buffer space during the handshake',
  network: 'the connection failed or was cut below TLS (DNS, TCP, timeout, reset)',
  peer_rejected_client_cert: 'the server refused the device’s client certificate (or its absence)',
  other: 'a failure outside this vocabulary; `detail` names it (for example record_too_large)',
};

/**
 * True when `value` is one of the causes.
 * @example isHandshakeCause('unknown_ca') // true
 */
export function isHandshakeCause(value: unknown): value is HandshakeCause {
  return typeof value === 'string' && (HANDSHAKE_CAUSES as readonly string[]).includes(value);
}
