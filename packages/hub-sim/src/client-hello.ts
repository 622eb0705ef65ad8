// ClientHello parsing (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2, RFC 6066, RFC 7301, RFC 8449) for the
// connection records. The server peeks the first handshake message on the raw socket before
// OpenSSL sees it; the bytes are then handed to node:tls unchanged, so a parse failure here never
// changes how the handshake goes, it only leaves `clientHello.error` in the record.
//
// Bounded: at most `maxBytes` are buffered (default `DEFAULT_LIMITS.maxClientHelloBytes`, 32 KiB;
// real ClientHellos are 0.2-2 KiB, post-quantum key shares add ~1.2 KiB), every length is checked
// against what is left, and the peeker works incrementally so a client trickling one byte at a
// time costs O(n) in total.
import { DEFAULT_LIMITS } from './limits.js';
import { cipherSuiteName, groupName, signatureSchemeName, versionName } from './tls-names.js';

/** What a client offered in its ClientHello. */
export interface ClientHelloInfo {
  /** `tls` for a normal ClientHello, `sslv2-compatible` for the legacy SSLv2-format hello. */
  readonly format: 'tls' | 'sslv2-compatible';
  /** Version in the first record header (`TLSv1` is common for compatibility). */
  readonly recordVersion: string;
  /** `legacy_version` (`client_version` before TLS 1.3). */
  readonly legacyVersion: string;
  /** Offered versions: the `supported_versions` list when present, else `[legacyVersion]` (the maximum). */
  readonly versions: readonly string[];
  /** Offered cipher suites, IANA names in client order (`GREASE(0x..)` and `0x....` for others). */
  readonly cipherSuites: readonly string[];
  /** SNI host name, or null when the client sent none. */
  readonly serverName: string | null;
  /** ALPN protocol names offered. */
  readonly alpn: readonly string[];
  readonly supportedGroups: readonly string[];
  /** Groups with a key share in the hello (TLS 1.3). */
  readonly keyShareGroups: readonly string[];
  readonly signatureAlgorithms: readonly string[];
  /** RFC 6066 max_fragment_length in bytes (512..4096), or null. Typical of small devices. */
  readonly maxFragmentLength: number | null;
  /** RFC 8449 record_size_limit, or null. */
  readonly recordSizeLimit: number | null;
  /** Whether the hello carried `early_data` (0-RTT). */
  readonly earlyData: boolean;
  /** Extension type codes in the order sent. */
  readonly extensions: readonly number[];
  readonly compressionMethods: readonly number[];
  readonly sessionIdLength: number;
  /** Length of the ClientHello handshake message body in bytes. */
  readonly length: number;
}

/** Thrown (internally) on malformed input; surfaces as `error` in {@link PeekResult}. */
class HelloParseError extends Error {}

class Reader {
  private pos = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly end = bytes.length,
    start = 0,
  ) {
    this.pos = start;
  }
  get remaining(): number {
    return this.end - this.pos;
  }
  private need(n: number): void {
    if (n > this.remaining) throw new HelloParseError(`truncated: need ${n} bytes, ${this.remaining} left`);
  }
  u8(): number {
    this.need(1);
    return this.bytes[this.pos++] as number;
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  u24(): number {
    return (this.u8() << 16) | (this.u8() << 8) | this.u8();
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
  bytesOf(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** A sub-reader over a vector with a `lenBytes`-byte length prefix, bounded by [min, max]. */
  vector(lenBytes: 1 | 2 | 3, min = 0, max = 0xffffff): Reader {
    const len = lenBytes === 1 ? this.u8() : lenBytes === 2 ? this.u16() : this.u24();
    if (len < min || len > max) throw new HelloParseError(`vector length ${len} outside [${min}, ${max}]`);
    this.need(len);
    const sub = new Reader(this.bytes, this.pos + len, this.pos);
    this.pos += len;
    return sub;
  }
  u16List(): number[] {
    if (this.remaining % 2 !== 0) throw new HelloParseError('odd length in a list of 16-bit values');
    const out: number[] = [];
    while (this.remaining > 0) out.push(this.u16());
    return out;
  }
  done(what: string): void {
    if (this.remaining !== 0) throw new HelloParseError(`${this.remaining} trailing bytes in ${what}`);
  }
}

/** Printable ASCII only; anything else becomes `?` (records are JSON shown to people). */
function printable(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?';
  return out;
}

/** RFC 6066 §4 max_fragment_length codes → bytes. */
export const MAX_FRAGMENT_LENGTH_BYTES: Readonly<Record<number, number>> = {
  1: 512,
  2: 1024,
  3: 2048,
  4: 4096,
};

/**
 * Parses a ClientHello handshake body (after the 4-byte handshake header).
 * @throws HelloParseError (internal) on malformed input; {@link ClientHelloPeeker} converts it.
 */
function parseClientHelloBody(body: Uint8Array, recordVersion: number): ClientHelloInfo {
  const r = new Reader(body);
  const legacy = r.u16();
  r.skip(32); // random
  const sessionIdLength = r.vector(1, 0, 32).remaining;
  const suites = r.vector(2, 2, 0xfffe).u16List();
  const compression = r.vector(1, 1, 0xff);
  const compressionMethods: number[] = [];
  while (compression.remaining > 0) compressionMethods.push(compression.u8());
  const extensions: number[] = [];
  let serverName: string | null = null;
  let alpn: string[] = [];
  let groups: number[] = [];
  let keyShares: number[] = [];
  let sigalgs: number[] = [];
  let versions: number[] | null = null;
  let maxFragmentLength: number | null = null;
  let recordSizeLimit: number | null = null;
  let earlyData = false;
  if (r.remaining > 0) {
    const exts = r.vector(2);
    r.done('ClientHello');
    while (exts.remaining > 0) {
      const type = exts.u16();
      const data = exts.vector(2);
      if (extensions.includes(type)) throw new HelloParseError(`duplicate extension ${type}`);
      extensions.push(type);
      switch (type) {
        case 0: {
          const list = data.vector(2, 1);
          while (list.remaining > 0) {
            const nameType = list.u8();
            const name = list.vector(2, 1);
            const text = printable(name.bytesOf(name.remaining));
            if (nameType === 0 && serverName === null) serverName = text;
          }
          break;
        }
        case 1:
          maxFragmentLength = MAX_FRAGMENT_LENGTH_BYTES[data.u8()] ?? -1;
          break;
        case 10:
          groups = data.vector(2, 2).u16List();
          break;
        case 13:
          sigalgs = data.vector(2, 2).u16List();
          break;
        case 16: {
          const list = data.vector(2, 2);
          alpn = [];
          while (list.remaining > 0) {
            const proto = list.vector(1, 1);
            alpn.push(printable(proto.bytesOf(proto.remaining)));
          }
          break;
        }
        case 28:
          recordSizeLimit = data.u16();
          break;
        case 42:
          earlyData = true;
          break;
        case 43:
          versions = data.vector(1, 2, 254).u16List();
          break;
        case 51: {
          const list = data.vector(2);
          keyShares = [];
          while (list.remaining > 0) {
            keyShares.push(list.u16());
            list.vector(2, 1);
          }
          break;
        }
        default:
          break;
      }
    }
  }
  return {
    format: 'tls',
    recordVersion: versionName(recordVersion),
    legacyVersion: versionName(legacy),
    versions: (versions ?? [legacy]).map(versionName),
    cipherSuites: suites.map(cipherSuiteName),
    serverName,
    alpn,
    supportedGroups: groups.map(groupName),
    keyShareGroups: keyShares.map(groupName),
    signatureAlgorithms: sigalgs.map(signatureSchemeName),
    maxFragmentLength,
    recordSizeLimit,
    earlyData,
    extensions,
    compressionMethods,
    sessionIdLength,
    length: body.length,
  };
}

/** SSLv2-compatible ClientHello (RFC 5246 Appendix E.2); cipher specs with a zero first byte are TLS suites. */
function parseSslv2Hello(msg: Uint8Array): ClientHelloInfo {
  const r = new Reader(msg);
  if (r.u8() !== 1) throw new HelloParseError('SSLv2 message is not a CLIENT-HELLO');
  const version = r.u16();
  const specLength = r.u16();
  const sessionIdLength = r.u16();
  const challengeLength = r.u16();
  if (specLength === 0 || specLength % 3 !== 0) throw new HelloParseError('bad SSLv2 cipher_spec_length');
  if (challengeLength < 16 || challengeLength > 32) throw new HelloParseError('bad SSLv2 challenge_length');
  const suites: number[] = [];
  for (let i = 0; i < specLength / 3; i++) {
    const hi = r.u8();
    const code = r.u16();
    if (hi === 0) suites.push(code);
  }
  r.skip(sessionIdLength);
  r.skip(challengeLength);
  r.done('SSLv2 CLIENT-HELLO');
  return {
    format: 'sslv2-compatible',
    recordVersion: versionName(0x0200),
    legacyVersion: versionName(version),
    versions: [versionName(version)],
    cipherSuites: suites.map(cipherSuiteName),
    serverName: null,
    alpn: [],
    supportedGroups: [],
    keyShareGroups: [],
    signatureAlgorithms: [],
    maxFragmentLength: null,
    recordSizeLimit: null,
    earlyData: false,
    extensions: [],
    compressionMethods: [0],
    sessionIdLength,
    length: msg.length,
  };
}

/** How peeking at the start of a connection ended. */
export interface PeekOutcome {
  /**
   * `client-hello`: parsed. `malformed`: framed like TLS but not a valid ClientHello (`error` says why).
   * `not-tls`: the first byte is not a TLS handshake record. `too-large`: over the peek budget.
   */
  readonly kind: 'client-hello' | 'malformed' | 'not-tls' | 'too-large';
  readonly hello: ClientHelloInfo | null;
  readonly error: string | null;
  /** Hex of the first (up to 16) bytes received, to identify non-TLS clients (`10` = MQTT CONNECT). */
  readonly firstBytes: string;
}

/** RFC 8446 §5.1: a plaintext record fragment MUST NOT exceed 2^14 bytes. */
const MAX_PLAINTEXT_RECORD = 16384;

/**
 * Copies `bytes` into `buf` at `used`, first growing `buf` (to twice its size, at least
 * `minimum`) when they do not fit; returns the buffer that holds them. Amortised O(n) in total.
 */
function appendAt(
  buf: Buffer<ArrayBuffer>,
  used: number,
  bytes: Uint8Array,
  minimum: number,
): Buffer<ArrayBuffer> {
  let out = buf;
  if (used + bytes.length > buf.length) {
    out = Buffer.alloc(Math.max(used + bytes.length, buf.length * 2, minimum));
    buf.copy(out, 0, 0, used);
  }
  out.set(bytes, used);
  return out;
}

/**
 * Incrementally collects the first TLS handshake message from raw socket data.
 * `push` returns null while more bytes are needed, then a {@link PeekOutcome} once.
 * All bytes pushed stay available in {@link ClientHelloPeeker.bytes} to hand to the TLS stack.
 * @example
 * ```ts
 * const peeker = new ClientHelloPeeker();
 * socket.on('data', (chunk) => { const outcome = peeker.push(chunk); if (outcome) startTls(peeker.bytes, outcome); });
 * ```
 */
export class ClientHelloPeeker {
  private buf = Buffer.alloc(0);
  private length = 0;
  private recordPos = 0;
  private handshake = Buffer.alloc(0);
  private handshakeLength = 0;
  private recordVersion = -1;
  private outcome: PeekOutcome | null = null;

  constructor(private readonly maxBytes = DEFAULT_LIMITS.maxClientHelloBytes) {}

  /** Every byte pushed so far (a copy-free view). */
  get bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  /** Feeds raw bytes; returns the outcome once decided, null while more bytes are needed. */
  push(chunk: Uint8Array): PeekOutcome | null {
    if (this.outcome) return this.outcome;
    this.buf = appendAt(this.buf, this.length, chunk, 4096);
    this.length += chunk.length;
    this.outcome = this.advance();
    return this.outcome;
  }

  private finish(
    kind: PeekOutcome['kind'],
    hello: ClientHelloInfo | null,
    error: string | null,
  ): PeekOutcome {
    return { kind, hello, error, firstBytes: this.bytes.subarray(0, 16).toString('hex') };
  }

  private advance(): PeekOutcome | null {
    const b = this.buf;
    if (this.length === 0) return null;
    const first = b[0] as number;
    if (first !== 0x16) {
      if ((first & 0x80) === 0) return this.finish('not-tls', null, null);
      if (this.length < 3) return null;
      if (b[2] !== 1) return this.finish('not-tls', null, null);
      const msgLength = ((first & 0x7f) << 8) | (b[1] as number);
      if (msgLength + 2 > this.maxBytes) return this.finish('too-large', null, null);
      if (this.length < msgLength + 2) return null;
      return this.parse(() => parseSslv2Hello(b.subarray(2, 2 + msgLength)));
    }
    for (;;) {
      if (this.length - this.recordPos < 5) return null;
      const type = b[this.recordPos] as number;
      const version = b.readUInt16BE(this.recordPos + 1);
      const recordLength = b.readUInt16BE(this.recordPos + 3);
      if (type !== 0x16) {
        return this.finish('malformed', null, `record type ${type} before the ClientHello was complete`);
      }
      if (recordLength === 0) return this.finish('malformed', null, 'empty handshake record');
      if (recordLength > MAX_PLAINTEXT_RECORD) {
        return this.finish('malformed', null, `record length ${recordLength} over 2^14 (record_overflow)`);
      }
      const end = this.recordPos + 5 + recordLength;
      if (end > this.maxBytes) return this.finish('too-large', null, null);
      if (this.length < end) return null;
      if (this.recordVersion < 0) this.recordVersion = version;
      const fragment = b.subarray(this.recordPos + 5, end);
      this.handshake = appendAt(this.handshake, this.handshakeLength, fragment, 1024);
      this.handshakeLength += fragment.length;
      this.recordPos = end;
      if (this.handshakeLength < 4) continue;
      const hs = this.handshake;
      if (hs[0] !== 1) return this.finish('malformed', null, `first handshake message has type ${hs[0]}`);
      const msgLength = ((hs[1] as number) << 16) | ((hs[2] as number) << 8) | (hs[3] as number);
      if (msgLength + 4 > this.maxBytes) return this.finish('too-large', null, null);
      if (this.handshakeLength < msgLength + 4) continue;
      const recordVersion = this.recordVersion;
      return this.parse(() => parseClientHelloBody(hs.subarray(4, 4 + msgLength), recordVersion));
    }
  }

  private parse(run: () => ClientHelloInfo): PeekOutcome {
    try {
      return this.finish('client-hello', run(), null);
    } catch (error) {
      if (error instanceof HelloParseError) return this.finish('malformed', null, error.message);
      throw error;
    }
  }
}

/**
 * Parses one complete ClientHello from a byte string (record layer included).
 * @returns the outcome, or a `too-large`/`malformed` outcome when the input is incomplete.
 * @example
 * ```ts
 * const { hello } = parseClientHello(bytes);
 * ```
 */
export function parseClientHello(
  bytes: Uint8Array,
  maxBytes = DEFAULT_LIMITS.maxClientHelloBytes,
): PeekOutcome {
  const peeker = new ClientHelloPeeker(maxBytes);
  return (
    peeker.push(bytes) ?? {
      kind: 'malformed',
      hello: null,
      error: 'incomplete ClientHello',
      firstBytes: Buffer.from(bytes.subarray(0, 16)).toString('hex'),
    }
  );
}
