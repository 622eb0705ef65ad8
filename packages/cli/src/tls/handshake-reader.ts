// Reads the server's Certificate message from the bytes a TLS client received, so `inspect
// host:port` shows the chain exactly as the server sent it (order, extras, duplicates): node:tls
// only exposes a chain it has re-ordered and completed from its own trust store.
//
// RFC 8446 (TLS 1.3) §5.1 record layer, §5.2 record protection (AEAD, per-record nonce = iv XOR
// sequence number), §7.1 HKDF-Expand-Label, §7.3 traffic keys, §4.4.2 Certificate; RFC 5246
// (TLS 1.2) §6.2 records, §7.4 handshake messages, §7.4.2 Certificate (sent in the clear).
// TLS 1.3 encrypts the server's Certificate under the server handshake traffic secret, which
// node:tls hands us through its `keylog` event (NSS key log format). Only the three AEAD suites
// OpenSSL offers by default are decrypted (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305); CCM
// suites are not, and the caller falls back to node's view of the chain.
import { createDecipheriv, createHmac } from 'node:crypto';

const RECORD_HANDSHAKE = 22;
const RECORD_APPLICATION_DATA = 23;
const HS_SERVER_HELLO = 2;
const HS_CERTIFICATE = 11;
const EXT_SUPPORTED_VERSIONS = 0x002b;
const TLS13 = 0x0304;
/** Largest TLS 1.3 ciphertext record: 2^14 + 256 (RFC 8446 §5.2). */
const MAX_RECORD = 16_384 + 256;
/** At most this many handshake bytes are assembled (a chain of 10 large certificates fits). */
export const MAX_HANDSHAKE_BYTES = 256 * 1024;

interface Suite {
  cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  keyLength: number;
  hash: 'sha256' | 'sha384';
}

const TLS13_SUITES: Readonly<Record<number, Suite>> = {
  4865: { cipher: 'aes-128-gcm', keyLength: 16, hash: 'sha256' },
  4866: { cipher: 'aes-256-gcm', keyLength: 32, hash: 'sha384' },
  4867: { cipher: 'chacha20-poly1305', keyLength: 32, hash: 'sha256' },
};

/** What was read from the server's flight. */
export interface ServerFlight {
  /** The certificates of the Certificate message, in the order sent (DER). */
  certificates: Uint8Array[];
  /** Size of the Certificate handshake message (header included). */
  certificateMessageBytes: number;
  version: 'TLSv1.2' | 'TLSv1.3';
}

/** Why the flight could not be read (the caller then falls back to node's chain). */
export class FlightError extends Error {
  override readonly name = 'FlightError';
}

interface TlsRecord {
  type: number;
  header: Buffer;
  body: Buffer;
}

/** Splits received bytes into records; stops at a truncated record or a non-TLS header. */
export function splitRecords(bytes: Buffer): TlsRecord[] {
  const out: TlsRecord[] = [];
  let pos = 0;
  while (pos + 5 <= bytes.length) {
    const type = bytes[pos] as number;
    const length = bytes.readUInt16BE(pos + 3);
    if (type < 20 || type > 24 || length > MAX_RECORD || pos + 5 + length > bytes.length) break;
    out.push({ type, header: bytes.subarray(pos, pos + 5), body: bytes.subarray(pos + 5, pos + 5 + length) });
    pos += 5 + length;
  }
  return out;
}

/** Handshake messages (type, body) from a byte stream; stops at a partial message. */
function handshakeMessages(stream: Buffer): { type: number; body: Buffer; size: number }[] {
  const out: { type: number; body: Buffer; size: number }[] = [];
  let pos = 0;
  while (pos + 4 <= stream.length) {
    const length = stream.readUIntBE(pos + 1, 3);
    if (pos + 4 + length > stream.length) break;
    out.push({
      type: stream[pos] as number,
      body: stream.subarray(pos + 4, pos + 4 + length),
      size: 4 + length,
    });
    pos += 4 + length;
  }
  return out;
}

/** The cipher suite and version of a ServerHello body (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3). */
function readServerHello(body: Buffer): { suite: number; version: number } {
  let pos = 2 + 32; // legacy_version, random
  const sessionIdLength = body[pos] ?? 0;
  pos += 1 + sessionIdLength;
  if (pos + 3 > body.length) throw new FlightError('truncated ServerHello');
  const suite = body.readUInt16BE(pos);
  pos += 3; // cipher_suite, legacy_compression_method
  let version = body.readUInt16BE(0);
  if (pos + 2 <= body.length) {
    const end = Math.min(body.length, pos + 2 + body.readUInt16BE(pos));
    pos += 2;
    while (pos + 4 <= end) {
      const type = body.readUInt16BE(pos);
      const length = body.readUInt16BE(pos + 2);
      if (type === EXT_SUPPORTED_VERSIONS && length === 2 && pos + 6 <= end)
        version = body.readUInt16BE(pos + 4);
      pos += 4 + length;
    }
  }
  return { suite, version };
}

/** Certificate message body → DER certificates (TLS 1.3 entries carry extensions). */
function readCertificateList(body: Buffer, tls13: boolean): Uint8Array[] {
  let pos = 0;
  if (tls13) pos += 1 + (body[0] ?? 0); // certificate_request_context
  if (pos + 3 > body.length) throw new FlightError('truncated Certificate message');
  const end = pos + 3 + body.readUIntBE(pos, 3);
  if (end > body.length) throw new FlightError('Certificate message length exceeds its body');
  pos += 3;
  const certificates: Uint8Array[] = [];
  while (pos + 3 <= end) {
    const length = body.readUIntBE(pos, 3);
    pos += 3;
    if (length === 0 || pos + length > end) throw new FlightError('bad certificate entry length');
    certificates.push(new Uint8Array(body.subarray(pos, pos + length)));
    pos += length;
    if (tls13) {
      if (pos + 2 > end) throw new FlightError('truncated certificate entry extensions');
      pos += 2 + body.readUInt16BE(pos);
    }
  }
  return certificates;
}

/** HKDF-Expand-Label for outputs no longer than one hash block (RFC 8446 §7.1, RFC 5869 §2.3). */
function expandLabel(hash: Suite['hash'], secret: Buffer, label: string, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'ascii');
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, full.length]),
    full,
    Buffer.from([0, 1]),
  ]);
  return createHmac(hash, secret).update(info).digest().subarray(0, length);
}

function decryptRecord(suite: Suite, key: Buffer, iv: Buffer, seq: number, record: TlsRecord): Buffer {
  const nonce = Buffer.from(iv);
  for (let i = 0, s = seq; i < 8; i++, s = Math.floor(s / 256))
    nonce[11 - i] = (nonce[11 - i] as number) ^ (s & 0xff);
  if (record.body.length < 17) throw new FlightError('encrypted record shorter than its tag');
  const tag = record.body.subarray(record.body.length - 16);
  const decipher = createDecipheriv(suite.cipher, key, nonce, { authTagLength: 16 } as never) as ReturnType<
    typeof createDecipheriv
  > & { setAuthTag(tag: Buffer): void; setAAD(aad: Buffer, options?: object): void };
  decipher.setAAD(record.header, { plaintextLength: record.body.length - 16 });
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([
    decipher.update(record.body.subarray(0, record.body.length - 16)),
    decipher.final(),
  ]);
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--; // TLSInnerPlaintext zero padding
  if (end === 0) throw new FlightError('encrypted record without a content type');
  return plain[end - 1] === RECORD_HANDSHAKE ? plain.subarray(0, end - 1) : Buffer.alloc(0);
}

/**
 * Extracts the server's Certificate message from the bytes received during a handshake.
 *
 * @param received - every byte the client received, from the first (bounded by the caller)
 * @param serverHandshakeSecret - the TLS 1.3 `SERVER_HANDSHAKE_TRAFFIC_SECRET` (from `keylog`)
 * @throws FlightError when the flight cannot be read (truncated, unsupported suite, bad tag)
 */
export function readServerFlight(received: Buffer, serverHandshakeSecret?: Buffer): ServerFlight {
  const records = splitRecords(received);
  const plain: Buffer[] = [];
  let hello: { suite: number; version: number } | undefined;
  let seq = 0;
  let keys: { suite: Suite; key: Buffer; iv: Buffer } | undefined;
  let size = 0;
  for (const record of records) {
    if (record.type === RECORD_HANDSHAKE && !keys) {
      plain.push(record.body);
    } else if (record.type === RECORD_APPLICATION_DATA && hello?.version === TLS13) {
      if (!keys) {
        const suite = TLS13_SUITES[hello.suite];
        if (!suite)
          throw new FlightError(`TLS 1.3 suite 0x${hello.suite.toString(16)} is not decrypted here`);
        if (!serverHandshakeSecret) throw new FlightError('no TLS 1.3 handshake secret from node:tls');
        keys = {
          suite,
          key: expandLabel(suite.hash, serverHandshakeSecret, 'key', suite.keyLength),
          iv: expandLabel(suite.hash, serverHandshakeSecret, 'iv', 12),
        };
      }
      try {
        plain.push(decryptRecord(keys.suite, keys.key, keys.iv, seq++, record));
      } catch (error) {
        if (error instanceof FlightError) throw error;
        throw new FlightError(`cannot decrypt the server's handshake: ${(error as Error).message}`);
      }
    } else continue;
    size += plain[plain.length - 1]?.length ?? 0;
    if (size > MAX_HANDSHAKE_BYTES)
      throw new FlightError(`server handshake larger than ${MAX_HANDSHAKE_BYTES} bytes`);
    for (const message of handshakeMessages(Buffer.concat(plain))) {
      if (message.type === HS_SERVER_HELLO && !hello) hello = readServerHello(message.body);
      if (message.type === HS_CERTIFICATE && hello) {
        const tls13 = hello.version === TLS13;
        return {
          certificates: readCertificateList(message.body, tls13),
          certificateMessageBytes: message.size,
          version: tls13 ? 'TLSv1.3' : 'TLSv1.2',
        };
      }
    }
  }
  throw new FlightError('no Certificate message in what the server sent');
}
