// An encrypted TLS 1.3 alert record, for rejecting a client certificate after OpenSSL has
// accepted the handshake (Node verifies client certificates only after the handshake; see
// tls-endpoint.ts). RFC 8446 §5.2 (record protection), §5.3 (per-record nonce), §7.1
// (HKDF-Expand-Label), §7.3 (traffic keys). The secret is the server's application traffic
// secret from Node's `keylog` event (SERVER_TRAFFIC_SECRET_0); the first record under it has
// sequence number 0, which holds because the server writes nothing under it before the
// rejection (session tickets are held back and dropped).
import { createCipheriv, createHmac } from 'node:crypto';

interface SuiteParams {
  readonly hash: 'sha256' | 'sha384';
  readonly cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  readonly keyLength: number;
}

/** The TLS 1.3 suites Node's OpenSSL enables (IANA names). */
const SUITES: Record<string, SuiteParams> = {
  TLS_AES_128_GCM_SHA256: { hash: 'sha256', cipher: 'aes-128-gcm', keyLength: 16 },
  TLS_AES_256_GCM_SHA384: { hash: 'sha384', cipher: 'aes-256-gcm', keyLength: 32 },
  TLS_CHACHA20_POLY1305_SHA256: { hash: 'sha256', cipher: 'chacha20-poly1305', keyLength: 32 },
};

/** HKDF-Expand-Label(secret, label, "", length) for length ≤ hash size (one HKDF-Expand block). */
function hkdfExpandLabel(
  hash: 'sha256' | 'sha384',
  secret: Uint8Array,
  label: string,
  length: number,
): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'ascii');
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, full.length]),
    full,
    Buffer.from([0]),
  ]);
  return createHmac(hash, secret)
    .update(Buffer.concat([info, Buffer.from([1])]))
    .digest()
    .subarray(0, length);
}

/**
 * Builds a fatal alert record protected with a TLS 1.3 traffic secret.
 * @param suite - negotiated suite, IANA name (`tlsSocket.getCipher().standardName`)
 * @param secret - traffic secret bytes
 * @param sequence - record sequence number under this secret
 * @param description - alert description code (48 = unknown_ca)
 * @returns the record bytes, or null for a suite this module does not know
 * @example
 * ```ts
 * raw.write(encryptedAlert('TLS_AES_256_GCM_SHA384', secret, 0, 48));
 * ```
 */
export function encryptedAlert(
  suite: string,
  secret: Uint8Array,
  sequence: number,
  description: number,
): Buffer | null {
  const params = SUITES[suite];
  if (!params) return null;
  const key = hkdfExpandLabel(params.hash, secret, 'key', params.keyLength);
  const iv = hkdfExpandLabel(params.hash, secret, 'iv', 12);
  const nonce = Buffer.from(iv);
  const seq = Buffer.alloc(8);
  seq.writeBigUInt64BE(BigInt(sequence));
  for (let i = 0; i < 8; i++) nonce[4 + i] = (nonce[4 + i] as number) ^ (seq[i] as number);
  const inner = Buffer.from([2, description, 21]); // AlertLevel fatal, description, ContentType alert
  const header = Buffer.from([23, 3, 3, 0, inner.length + 16]);
  // The GCM overload types setAAD/getAuthTag; chacha20-poly1305 has the same AEAD interface.
  const cipher = createCipheriv(params.cipher as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
  cipher.setAAD(header);
  return Buffer.concat([header, cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
}
