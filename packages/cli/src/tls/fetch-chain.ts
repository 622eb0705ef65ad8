// Connects to host:port with node:tls and returns the chain the server sends, as sent. Nothing
// is trusted here: the connection is only used to read the server's first flight and is closed
// right after the handshake, before any application data; the verdict on the chain is always
// @hubtrust/verify's. Every step is bounded by the timeout and the caller's abort signal.
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { CliError, InterruptedError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { FlightError, MAX_HANDSHAKE_BYTES, readServerFlight } from './handshake-reader.js';

/** Where to connect. */
export interface ServerTarget {
  host: string;
  port: number;
  /** SNI and the name the chain is for; absent for IP addresses unless given. */
  servername?: string;
}

/** What the server sent. */
export interface FetchedChain {
  /** DER certificates, leaf first, in the order the server sent them. */
  certificates: Uint8Array[];
  /** `wire`: read from the Certificate message; `node`: node's re-ordered view (fallback). */
  source: 'wire' | 'node';
  /** Why the wire could not be read, when `source` is `node`. */
  note?: string;
  protocol: string;
  cipher: string;
  /** Size of the Certificate message, when read from the wire. */
  certificateMessageBytes?: number;
  /** Milliseconds from connect to the end of the handshake. */
  handshakeMs: number;
}

/** Options of {@link fetchServerChain}. */
export interface FetchOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** Offer no TLS version above this one (as a TLS 1.2-only device, e.g. mbedTLS 2.28). */
  maxVersion?: 'TLSv1.2';
}

/** Node's chain, following issuerCertificate links (re-ordered, possibly completed from its store). */
function nodeChain(socket: tls.TLSSocket): Uint8Array[] {
  const out: Uint8Array[] = [];
  let cert = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256) && out.length < 32) {
    seen.add(cert.fingerprint256);
    out.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return out;
}

/** Printable start of a non-TLS answer: `SSH-2.0-OpenSSH_9.2`, `HTTP/1.1 400`, or hex. */
function describeFirstBytes(bytes: Buffer): string {
  const head = bytes.subarray(0, 48);
  const text = head.toString('latin1');
  return /^[\x20-\x7e\r\n]+$/.test(text) ? JSON.stringify(text.trim()) : `0x${head.toString('hex')}`;
}

function where(t: ServerTarget): string {
  return `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}

/** Turns a socket or TLS error into what the user should read and do. */
function explain(t: ServerTarget, error: NodeJS.ErrnoException, received: Buffer): CliError {
  const at = where(t);
  const first = received[0];
  if (received.length > 0 && (first === undefined || first < 20 || first > 24)) {
    return new CliError(
      `${at} does not speak TLS: it answered ${describeFirstBytes(received)}`,
      EXIT.usage,
      'check the port: MQTT over TLS is 8883, HTTPS 443; 1883 is plain MQTT',
    );
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return new CliError(
        `${at} refused the connection: nothing listens there`,
        EXIT.usage,
        'check the host and port',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CliError(`cannot resolve "${t.host}"`, EXIT.usage, 'check the host name (and DNS)');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new CliError(
        `${at} is unreachable (${error.code})`,
        EXIT.usage,
        'check the network route to the host',
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return new CliError(
        `${at} closed the connection during the TLS handshake`,
        EXIT.usage,
        'the server may not speak TLS on this port, or refuse this client; try --servername with the name the server expects',
      );
  }
  const alert = /alert (?:number \d+|[a-z ]+)/i.exec(error.message)?.[0];
  if (alert) {
    return new CliError(
      `${at} refused the TLS handshake (${error.message.trim()})`,
      EXIT.usage,
      /version/i.test(error.message)
        ? 'the server accepts no TLS version node offers (1.2, 1.3): it cannot serve current devices either'
        : 'the server may need another --servername, or a client certificate',
    );
  }
  if (received.length === 0 && /socket disconnected|ECONNRESET/i.test(`${error.code} ${error.message}`)) {
    return new CliError(`${at} closed the connection without answering TLS`, EXIT.usage, 'check the port');
  }
  return new CliError(`TLS handshake with ${at} failed: ${error.message}`, EXIT.usage);
}

/**
 * Connects, completes the handshake, and returns the server's chain as sent.
 * @throws CliError exit 2 (refused, unresolvable, not TLS, handshake refused), exit 3 (timeout);
 *   InterruptedError when `signal` aborts
 */
export function fetchServerChain(target: ServerTarget, options: FetchOptions): Promise<FetchedChain> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    let handshakeSecret: Buffer | undefined;
    let settled = false;
    const raw = net.connect({ host: target.host, port: target.port });
    // A JS stream between the socket and node:tls: it sees every received byte (bounded).
    const tap = new Duplex({
      read() {
        raw.resume();
      },
      write(chunk: Buffer, _encoding, callback) {
        raw.write(chunk, callback);
      },
      final(callback) {
        raw.end(callback);
      },
      destroy(error, callback) {
        raw.destroy();
        callback(error);
      },
    });
    raw.on('data', (chunk: Buffer) => {
      if (receivedBytes < MAX_HANDSHAKE_BYTES + MAX_HANDSHAKE_BYTES / 4) {
        chunks.push(chunk);
        receivedBytes += chunk.length;
      }
      if (!tap.push(chunk)) raw.pause();
    });
    raw.on('end', () => tap.push(null));
    raw.on('error', (error: NodeJS.ErrnoException) =>
      finish(() => reject(explain(target, error, Buffer.concat(chunks)))),
    );
    const socket = tls.connect({
      socket: tap,
      ...(target.servername ? { servername: target.servername } : {}),
      // Reading what the server sends is the point: trust is decided by @hubtrust/verify, and no
      // application data is ever sent on this connection.
      rejectUnauthorized: false,
      ALPNProtocols: [],
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
    });
    socket.on('keylog', (line: Buffer) => {
      const m = /^SERVER_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]+ ([0-9a-f]+)/i.exec(line.toString('latin1'));
      if (m?.[1]) handshakeSecret = Buffer.from(m[1], 'hex');
    });
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      raw.destroy();
      outcome();
    };
    const onAbort = () => finish(() => reject(new InterruptedError()));
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new CliError(
              `${where(target)} did not complete a TLS handshake within ${options.timeoutMs} ms`,
              EXIT.timeout,
              'the host may drop or stall connections (firewall?); raise --timeout for slow links',
            ),
          ),
        ),
      options.timeoutMs,
    );
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      const received = Buffer.concat(chunks);
      const base = {
        protocol: socket.getProtocol() ?? 'unknown',
        cipher: socket.getCipher()?.standardName ?? 'unknown',
        handshakeMs: Math.round(performance.now() - started),
      };
      try {
        const flight = readServerFlight(received, handshakeSecret);
        finish(() =>
          resolve({
            ...base,
            certificates: flight.certificates,
            source: 'wire',
            certificateMessageBytes: flight.certificateMessageBytes,
          }),
        );
      } catch (error) {
        if (!(error instanceof FlightError)) throw error;
        const certificates = nodeChain(socket);
        finish(() => resolve({ ...base, certificates, source: 'node', note: error.message }));
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(() => reject(explain(target, error, Buffer.concat(chunks)))),
    );
    socket.once('close', () =>
      finish(() =>
        reject(
          explain(
            target,
            Object.assign(new Error('socket disconnected'), { code: 'ECONNRESET' }),
            Buffer.concat(chunks),
          ),
        ),
      ),
    );
  });
}
