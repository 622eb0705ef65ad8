// Connection records: one per accepted TCP connection, updated in place as the connection
// progresses, kept in a bounded list (oldest dropped first), JSON-serialisable.
import type { AlertInfo } from './alerts.js';
import type { ClientHelloInfo, PeekOutcome } from './client-hello.js';

/** Which listener accepted the connection. */
export type Endpoint = 'mqtt' | 'https' | 'echo';

/**
 * How a connection turned out, for pass/fail decisions:
 * - `pending`: still open and undecided.
 * - `established`: handshake completed and the client sent application data (MQTT, HTTP, echo).
 * - `handshake-only`: handshake completed, then the client closed without application data.
 *   Clients that check the chain after the handshake messages (node:tls, mqtt.js) end up here
 *   when they reject it in TLS 1.2; see also `handshake.stage`.
 * - `client-alert`: the client sent a fatal alert (`handshake.alertReceived`).
 * - `server-alert`: the hub sent a fatal alert (`handshake.alertSent`).
 * - `client-closed`: the client closed or reset the connection during the handshake, no alert.
 * - `timeout`: the handshake did not finish within `limits.handshakeTimeoutMs`.
 * - `refused`: over `limits.maxConnections`; closed right after accept.
 */
export type Outcome =
  | 'pending'
  | 'established'
  | 'handshake-only'
  | 'client-alert'
  | 'server-alert'
  | 'client-closed'
  | 'timeout'
  | 'refused';

/**
 * How far the handshake got: `client-hello` (waiting for or reading it), `server-flight` (the
 * hub answered with ServerHello..., waiting for the client), `client-flight` (the client sent
 * its next flight), `done` (completed).
 */
export type HandshakeStage = 'client-hello' | 'server-flight' | 'client-flight' | 'done';

/** A client certificate the hub saw. */
export interface ClientCertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly fingerprint256: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** OpenSSL's verification against the registered device CAs: null when it verified. */
  readonly verifyError: string | null;
}

/** The MQTT part of a record. */
export interface MqttInfo {
  /** 3 = MQTT 3.1, 4 = MQTT 3.1.1, 5 = MQTT 5 (refused with return code 1). */
  protocolVersion: number | null;
  clientId: string | null;
  username: string | null;
  passwordPresent: boolean;
  /** `sas`, `x509` (client certificate) or `none` (AWS without client certificate). */
  auth: 'sas' | 'x509' | 'none' | null;
  /** CONNACK return code sent (0 accepted, 1-5 refused, MQTT 3.1.1 §3.2.2.3). */
  connackReturnCode: number | null;
  /** Why the CONNECT was refused, in words. */
  refusal: string | null;
  /** MQTT control packets received (CONNECT included). */
  packetsIn: number;
  /** The large message the hub published on the first SUBSCRIBE (record-size scenarios only). */
  largeMessage: { readonly topic: string; readonly bytes: number; readonly qos: 0 | 1 } | null;
  /** Protocol violation or parse error that closed the connection. */
  error: string | null;
}

/**
 * A record larger than this on the wire carries more than 4,096 bytes of plaintext (TLS 1.3 adds
 * at most 256 bytes, RFC 8446 §5.2; the AEAD suites of TLS 1.2 add 24): more than a device built
 * with a 4 KiB input buffer holds. Used for {@link TlsRecordInfo.closedDuringLargeRecord}.
 */
export const LARGE_RECORD_BYTES = 4096 + 256;

/**
 * TLS records as seen on the wire (lengths are the record header's length field: the protected
 * record, so a full 16,384-byte plaintext shows as 16,401 in TLS 1.3 and 16,408 with AES-GCM in
 * TLS 1.2).
 */
export interface TlsRecordInfo {
  /** Records the hub sent / received, every content type. */
  sent: number;
  received: number;
  /** Length of the largest record sent / received; 0 before the first. */
  largestSent: number;
  largestReceived: number;
  /** RFC 6066 max_fragment_length as the hub negotiated it (its echo), bytes; null when not negotiated. */
  maxFragmentLength: number | null;
  /**
   * RFC 8449 record_size_limit as negotiated: always null with this hub, because OpenSSL 3.0 (Node
   * 20) does not implement RFC 8449 and ignores the offer (`clientHello.recordSizeLimit` shows it).
   */
  recordSizeLimit: number | null;
  /**
   * The client gave up on a large record: after the hub sent a record longer than
   * {@link LARGE_RECORD_BYTES} the client sent no further record (or only its fatal alert) and
   * closed the TCP connection — what a device does that reads a record header too large for its
   * buffer and stops (mbedTLS sends no alert). A client that reads the record and closes
   * gracefully sends close_notify first and does not count.
   */
  closedDuringLargeRecord: boolean;
}

/** The HTTPS part of a record: the requests served (at most 16 kept). */
export interface HttpInfo {
  readonly requests: { readonly method: string; readonly path: string; readonly status: number }[];
}

/** One accepted connection. All times ISO 8601 UTC. */
export interface ConnectionRecord {
  readonly id: number;
  readonly endpoint: Endpoint;
  readonly scenario: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly startedAt: string;
  endedAt: string | null;
  outcome: Outcome;
  /** What the client offered; null until read or when it could not be parsed. */
  clientHello: ClientHelloInfo | null;
  /** How reading the ClientHello went (`kind`, `error`, `firstBytes`); null until decided. */
  clientHelloPeek: Omit<PeekOutcome, 'hello'> | null;
  handshake: {
    stage: HandshakeStage;
    completed: boolean;
    /** Negotiated version and cipher suite (IANA name) when known. */
    protocol: string | null;
    cipher: string | null;
    /** ALPN protocol selected, if any. */
    alpn: string | null;
    /** The server answered with a HelloRetryRequest (TLS 1.3). */
    helloRetryRequest: boolean;
    alertSent: AlertInfo | null;
    alertReceived: AlertInfo | null;
    /** Node/OpenSSL error code and reason of a failed handshake. */
    error: string | null;
    durationMs: number | null;
  };
  clientCertificate: ClientCertificateInfo | null;
  mqtt: MqttInfo | null;
  http: HttpInfo | null;
  /** Record counts and sizes on the wire, the negotiated fragment limit. */
  tlsRecords: TlsRecordInfo;
  /** Application bytes the client sent after the handshake (decrypted). */
  applicationBytesIn: number;
  /** Raw TCP bytes in and out. */
  bytesIn: number;
  bytesOut: number;
  /** Who closed: `client`, `hub` (after an alert, limit or timeout) or null while open. */
  closedBy: 'client' | 'hub' | null;
}

/** Computes {@link Outcome} from the facts in a record. */
function outcomeOf(record: ConnectionRecord, ended: boolean): Outcome {
  if (record.outcome === 'refused' || record.outcome === 'timeout') return record.outcome;
  const hs = record.handshake;
  if (hs.alertSent && hs.alertSent.code !== 0) return 'server-alert';
  if (hs.alertReceived && hs.alertReceived.code !== 0 && !hs.completed) return 'client-alert';
  if (hs.completed && (record.applicationBytesIn > 0 || (record.http?.requests.length ?? 0) > 0)) {
    return 'established';
  }
  if (!ended) return 'pending';
  if (hs.alertReceived && hs.alertReceived.code !== 0) return 'client-alert';
  return hs.completed ? 'handshake-only' : 'client-closed';
}

/** Options of {@link RecordStore}. */
export interface RecordStoreOptions {
  /** Records kept; the oldest are dropped beyond this. */
  readonly maxRecords: number;
}

interface Waiter {
  readonly predicate: (record: ConnectionRecord) => boolean;
  readonly resolve: (record: ConnectionRecord) => void;
}

/** The bounded, observable list of records of one hub. */
export class RecordStore {
  readonly records: ConnectionRecord[] = [];
  /** Records dropped because the list was full. */
  dropped = 0;
  private nextId = 1;
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(record: ConnectionRecord) => void>();

  constructor(private readonly options: RecordStoreOptions) {}

  /** Starts a record for a new connection. */
  open(
    init: Pick<ConnectionRecord, 'endpoint' | 'scenario' | 'remoteAddress' | 'remotePort'>,
  ): ConnectionRecord {
    const record: ConnectionRecord = {
      id: this.nextId++,
      ...init,
      startedAt: new Date().toISOString(),
      endedAt: null,
      outcome: 'pending',
      clientHello: null,
      clientHelloPeek: null,
      handshake: {
        stage: 'client-hello',
        completed: false,
        protocol: null,
        cipher: null,
        alpn: null,
        helloRetryRequest: false,
        alertSent: null,
        alertReceived: null,
        error: null,
        durationMs: null,
      },
      clientCertificate: null,
      mqtt: null,
      http: null,
      tlsRecords: {
        sent: 0,
        received: 0,
        largestSent: 0,
        largestReceived: 0,
        maxFragmentLength: null,
        recordSizeLimit: null,
        closedDuringLargeRecord: false,
      },
      applicationBytesIn: 0,
      bytesIn: 0,
      bytesOut: 0,
      closedBy: null,
    };
    this.records.push(record);
    while (this.records.length > this.options.maxRecords) {
      this.records.shift();
      this.dropped++;
    }
    this.changed(record);
    return record;
  }

  /** Re-evaluates the outcome and wakes waiters; call after every change to a record. */
  changed(record: ConnectionRecord): void {
    record.outcome = outcomeOf(record, record.endedAt !== null);
    for (const listener of this.listeners) listener(record);
    for (const waiter of this.waiters) {
      if (waiter.predicate(record)) {
        this.waiters.delete(waiter);
        waiter.resolve(record);
      }
    }
  }

  /** Marks a record ended. */
  end(record: ConnectionRecord, closedBy: 'client' | 'hub'): void {
    if (record.endedAt !== null) return;
    record.endedAt = new Date().toISOString();
    record.closedBy ??= closedBy;
    this.changed(record);
  }

  /** Calls `listener` after every change to any record; returns the unsubscribe function. */
  subscribe(listener: (record: ConnectionRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first record (existing or future) that satisfies `predicate`.
   * @throws Error (rejects) after `timeoutMs` without one.
   */
  waitFor(predicate: (record: ConnectionRecord) => boolean, timeoutMs: number): Promise<ConnectionRecord> {
    const existing = this.records.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (record) => {
          clearTimeout(timer);
          resolve(record);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching connection record within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
