// One TLS listener of a hub: accept, record, peek the ClientHello, run the handshake through a
// WireTap, enforce limits, hand established connections to the MQTT/HTTPS/echo handler.
//
// Client certificates: Node verifies them only after OpenSSL has finished the handshake (its
// verify callback always continues; the result is read afterwards), so node:tls alone would
// answer a bad device certificate by dropping the connection, with no alert. To send the alert
// OpenSSL would send (unknown_ca, certificate_expired, ...), the hub holds back everything the
// TLS stack writes once the client's final flight starts arriving (its ChangeCipherSpec in
// TLS <= 1.2, its first encrypted record in TLS 1.3), checks the certificate when the handshake
// completes, and then either releases the held bytes or drops them and sends the alert instead:
// in plaintext in TLS <= 1.2 (the server has not sent its ChangeCipherSpec yet), encrypted under
// the server application traffic secret in TLS 1.3 (tls13-alert.ts). A missing certificate is
// refused by OpenSSL itself (certificate_required in TLS 1.3, handshake_failure before).
import type net from 'node:net';
import { createServer } from 'node:net';
import tls from 'node:tls';
import { alertForVerifyError, alertInfo, inferSentAlert, receivedAlertFromError } from './alerts.js';
import { ClientHelloPeeker, MAX_FRAGMENT_LENGTH_BYTES } from './client-hello.js';
import type { HubLimits } from './limits.js';
import { type ConnectionRecord, type Endpoint, LARGE_RECORD_BYTES, type RecordStore } from './records.js';
import { negotiatedMaxFragmentLength } from './session-mfl.js';
import { endGracefully } from './socket-write.js';
import { cipherSuiteName, versionName } from './tls-names.js';
import { encryptedAlert } from './tls13-alert.js';
import { type RecordHead, WireTap } from './wire-tap.js';

/** What a listener needs. */
export interface TlsEndpointOptions {
  readonly endpoint: Endpoint;
  readonly scenario: string;
  readonly secureContext: tls.SecureContext;
  readonly requestCert: boolean;
  readonly alpn?: readonly string[];
  readonly limits: HubLimits;
  readonly store: RecordStore;
  /** Raw sockets open across all endpoints of the hub (for `maxConnections` and stop()). */
  readonly active: Set<net.Socket>;
  readonly onEstablished: (socket: tls.TLSSocket, record: ConnectionRecord) => void;
}

/** SHA-256("HelloRetryRequest"), the ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3). */
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

/**
 * Version, cipher suite, HRR flag and echoed max_fragment_length code (RFC 6066 §4; in TLS 1.3
 * the echo is in EncryptedExtensions instead) from the start of a ServerHello handshake message.
 */
function parseServerHello(
  head: Buffer,
): { version: number; cipher: number; hrr: boolean; mflCode: number | null } | null {
  try {
    if (head[0] !== 2) return null;
    let pos = 4;
    let version = head.readUInt16BE(pos);
    const hrr = head.subarray(pos + 2, pos + 34).toString('hex') === HRR_RANDOM;
    let mflCode: number | null = null;
    pos += 34;
    pos += 1 + (head[pos] as number);
    const cipher = head.readUInt16BE(pos);
    pos += 3;
    if (pos + 2 <= head.length) {
      const end = Math.min(head.length, pos + 2 + head.readUInt16BE(pos));
      pos += 2;
      while (pos + 4 <= end) {
        const type = head.readUInt16BE(pos);
        const length = head.readUInt16BE(pos + 2);
        if (type === 43 && length === 2) version = head.readUInt16BE(pos + 4);
        if (type === 1 && length === 1) mflCode = head[pos + 4] ?? null;
        pos += 4 + length;
      }
    }
    return { version, cipher, hrr, mflCode };
  } catch {
    return null; // truncated head: leave the fields unknown
  }
}

/** OpenSSL's verification result for the peer certificate (null when it verified). */
function peerVerifyError(socket: tls.TLSSocket): string | null {
  // The same internal call tls.Server makes in its onServerSocketSecure (lib/_tls_wrap.js).
  const handle = (
    socket as unknown as { _handle?: { verifyError?: () => (Error & { code?: string }) | null } }
  )._handle;
  if (typeof handle?.verifyError !== 'function') return 'UNSPECIFIED';
  const error = handle.verifyError();
  return error ? (error.code ?? error.message) : null;
}

function errorText(error: Error & { code?: string; reason?: string }): string {
  const reason = error.reason ?? error.message.split('\n')[0] ?? '';
  return error.code ? `${error.code}: ${reason}` : reason;
}

/**
 * Creates the net.Server of one endpoint (not yet listening).
 * @example
 * ```ts
 * const server = createTlsEndpoint({ endpoint: 'echo', ... });
 * server.listen(0, '127.0.0.1');
 * ```
 */
export function createTlsEndpoint(options: TlsEndpointOptions): net.Server {
  return createServer({ pauseOnConnect: false }, (raw) => handleConnection(raw, options));
}

function handleConnection(raw: net.Socket, options: TlsEndpointOptions): void {
  const { store, limits } = options;
  const record = store.open({
    endpoint: options.endpoint,
    scenario: options.scenario,
    remoteAddress: raw.remoteAddress ?? '',
    remotePort: raw.remotePort ?? 0,
  });
  raw.on('error', () => {}); // resets are recorded through 'close'
  if (options.active.size >= limits.maxConnections) {
    record.outcome = 'refused';
    store.end(record, 'hub');
    raw.destroy();
    return;
  }
  options.active.add(raw);
  const started = performance.now();
  const hs = record.handshake;
  let hubClosing = false;
  let finished = false;
  let tap: WireTap | null = null;
  let socket: tls.TLSSocket | null = null;
  let negotiated = -1;
  let serverTrafficSecret: Buffer | null = null;
  let peekedBytes = 0;
  let clientClosed = false;
  // Records received when the hub last sent a large record; null before the first. A client that
  // gives up on it sends nothing more (at most its fatal alert); a graceful close sends close_notify.
  let recordsInAtLargeRecord: number | null = null;
  const gaveUpOnLargeRecord = (ownRecords: number) => {
    if (
      recordsInAtLargeRecord !== null &&
      record.tlsRecords.received <= recordsInAtLargeRecord + ownRecords
    ) {
      record.tlsRecords.closedDuringLargeRecord = true;
    }
  };

  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    options.active.delete(raw);
    record.bytesIn = tap?.bytesIn ?? peekedBytes;
    record.bytesOut = tap?.bytesOut ?? 0;
    store.end(
      record,
      hubClosing || hs.alertSent ? 'hub' : (tap?.closer ?? (clientClosed ? 'client' : 'hub')),
    );
  };
  raw.once('close', finish);

  const timer = setTimeout(() => {
    if (hs.completed) return;
    hubClosing = true;
    record.outcome = 'timeout';
    socket?.destroy();
    raw.destroy();
  }, limits.handshakeTimeoutMs);

  // ---- 1. Peek the ClientHello on the raw socket ----
  const peeker = new ClientHelloPeeker(limits.maxClientHelloBytes);
  const onPeek = (chunk: Buffer) => {
    peekedBytes += chunk.length;
    const outcome = peeker.push(chunk);
    if (!outcome) return;
    raw.off('data', onPeek);
    raw.pause();
    const { hello, ...peek } = outcome;
    record.clientHello = hello;
    record.clientHelloPeek = peek;
    store.changed(record);
    startTls(Buffer.from(peeker.bytes));
  };
  raw.on('data', onPeek);
  const onClientClose = () => {
    if (clientClosed) return;
    clientClosed = true;
    if (!hubClosing) gaveUpOnLargeRecord(0); // FIN or reset without a record since the large one
  };
  raw.once('end', () => onClientClose());
  raw.once('error', onClientClose);

  // ---- 2. TLS through the tap ----
  const observer = {
    incoming(r: RecordHead) {
      record.tlsRecords.received++;
      record.tlsRecords.largestReceived = Math.max(record.tlsRecords.largestReceived, r.length);
      if (r.type === 21 && r.length === 2 && !hs.alertReceived) {
        hs.alertReceived = alertInfo(r.head[1] as number, 'wire');
        store.changed(record);
      }
      if (hs.stage === 'server-flight' && r.type !== 21) hs.stage = 'client-flight';
      if (options.requestCert && tap && !tap.holding && !hs.completed && negotiated > 0) {
        const finalFlight = negotiated >= 0x0304 ? r.type === 23 : r.type === 20;
        if (finalFlight && !record.clientHello?.earlyData) tap.hold();
      }
    },
    outgoing(r: RecordHead) {
      record.tlsRecords.sent++;
      record.tlsRecords.largestSent = Math.max(record.tlsRecords.largestSent, r.length);
      if (r.length > LARGE_RECORD_BYTES && !clientClosed) recordsInAtLargeRecord = record.tlsRecords.received;
      if (r.type === 22 && (negotiated < 0 || hs.helloRetryRequest) && hs.stage === 'client-hello') {
        const hello = parseServerHello(r.head);
        if (hello) {
          hs.helloRetryRequest = hello.hrr;
          if (!hello.hrr) {
            negotiated = hello.version;
            hs.protocol = versionName(hello.version);
            hs.cipher = cipherSuiteName(hello.cipher);
            hs.stage = 'server-flight';
            if (hello.mflCode !== null) {
              record.tlsRecords.maxFragmentLength = MAX_FRAGMENT_LENGTH_BYTES[hello.mflCode] ?? null;
            }
          }
        }
      }
      if (r.type === 21 && r.length === 2 && !hs.alertSent && (r.head[1] as number) !== 0) {
        hs.alertSent = alertInfo(r.head[1] as number, 'wire');
      }
      store.changed(record);
    },
  };

  const rejectClientCertificate = (code: number) => {
    if (!tap || !socket) return;
    hubClosing = true;
    tap.discardHeld();
    let alert: Buffer | null;
    if (negotiated >= 0x0304) {
      const suite = socket.getCipher()?.standardName ?? '';
      alert = serverTrafficSecret ? encryptedAlert(suite, serverTrafficSecret, 0, code) : null;
    } else {
      alert = Buffer.from([21, 3, Math.max(1, negotiated & 0xff), 0, 2, 2, code]);
    }
    if (alert) {
      tap.sendRaw(alert);
      hs.alertSent = alertInfo(code, 'hub');
    }
    store.changed(record);
    socket.destroy();
    raw.end();
  };

  const onSecure = () => {
    if (!socket || !tap) return;
    hs.protocol = socket.getProtocol() ?? hs.protocol;
    hs.cipher = socket.getCipher()?.standardName ?? hs.cipher;
    hs.alpn = typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null;
    if (record.clientHello?.maxFragmentLength) {
      // TLS 1.3 echoes the extension encrypted: OpenSSL's session has what it negotiated.
      record.tlsRecords.maxFragmentLength ??= negotiatedMaxFragmentLength(
        socket.getSession() ?? Buffer.alloc(0),
      );
    }
    if (options.requestCert) {
      const peer = socket.getPeerX509Certificate();
      const verifyError = peer ? peerVerifyError(socket) : 'NO_CERTIFICATE';
      if (peer) {
        record.clientCertificate = {
          subject: peer.subject,
          issuer: peer.issuer,
          serialNumber: peer.serialNumber,
          fingerprint256: peer.fingerprint256,
          validFrom: new Date(peer.validFrom).toISOString(),
          validTo: new Date(peer.validTo).toISOString(),
          verifyError,
        };
      }
      if (verifyError) {
        rejectClientCertificate(alertForVerifyError(verifyError));
        return;
      }
      tap.release();
    }
    clearTimeout(timer);
    hs.completed = true;
    hs.stage = 'done';
    hs.durationMs = Math.round(performance.now() - started);
    store.changed(record);
    socket.setTimeout(limits.idleTimeoutMs, () => {
      hubClosing = true;
      socket?.destroy();
    });
    options.onEstablished(socket, record);
  };

  const onTlsError = (error: Error & { code?: string }) => {
    tap?.release(); // OpenSSL's own alert, if it was held, goes out
    if (hs.completed && receivedAlertFromError(error)) {
      gaveUpOnLargeRecord(1); // a fatal alert from the client after the handshake (encrypted)
      store.changed(record);
    }
    if (!hs.completed) {
      hs.error = errorText(error);
      hs.alertReceived ??= receivedAlertFromError(error);
      if (!hs.alertReceived) hs.alertSent ??= inferSentAlert(error.code, hs.protocol);
      store.changed(record);
    }
  };

  function startTls(initial: Buffer) {
    tap = new WireTap(raw, initial, observer);
    const tlsSocket = new tls.TLSSocket(tap, {
      isServer: true,
      secureContext: options.secureContext,
      requestCert: options.requestCert,
      rejectUnauthorized: options.requestCert,
      ...(options.alpn ? { ALPNProtocols: [...options.alpn] } : {}),
    });
    socket = tlsSocket;
    if (options.requestCert) {
      tlsSocket.on('keylog', (line: Buffer) => {
        const [label, , secret] = line.toString('latin1').trim().split(' ');
        if (label === 'SERVER_TRAFFIC_SECRET_0' && secret) serverTrafficSecret = Buffer.from(secret, 'hex');
      });
    }
    tlsSocket.on('secure', onSecure);
    tlsSocket.on('error', onTlsError);
    tlsSocket.on('close', () => {
      if (!raw.destroyed) endGracefully(raw);
    });
  }
}
