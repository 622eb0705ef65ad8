// The max_fragment_length OpenSSL negotiated, read from the session it serialises.
//
// Node exposes no SSL_SESSION_get_max_fragment_length(), and in TLS 1.3 the server's echo of the
// extension travels in the encrypted EncryptedExtensions, so the wire does not show it. The
// session does: `tlsSocket.getSession()` is i2d_SSL_SESSION, whose SEQUENCE carries
// `[17] EXPLICIT max_fragment_len_mode` (OpenSSL ssl/ssl_asn1.c, SSL_SESSION_ASN1), the RFC 6066
// §4 code: 1 = 2^9 ... 4 = 2^12 bytes. Present only when the extension was negotiated.
import { MAX_FRAGMENT_LENGTH_BYTES } from './client-hello.js';

/** Context-specific, constructed, tag number 17 (X.690 §8.1.2). */
const MFL_TAG = 0xb1;
const SEQUENCE = 0x30;
const INTEGER = 0x02;

/** Reads a DER length at `pos`; null when malformed, longer than 4 bytes or past `end`. */
function readLength(der: Uint8Array, pos: number, end: number): { length: number; next: number } | null {
  if (pos >= end) return null;
  const first = der[pos] as number;
  if (first < 0x80) return { length: first, next: pos + 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || pos + 1 + count > end) return null;
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + (der[pos + i] as number);
  return { length, next: pos + 1 + count };
}

/**
 * The negotiated max_fragment_length in bytes (512, 1024, 2048, 4096), or null when the session
 * carries none or is not a DER SEQUENCE. Never throws; reads at most the buffer.
 * @example negotiatedMaxFragmentLength(tlsSocket.getSession() ?? Buffer.alloc(0)) // 512 after `-maxfraglen 512`
 */
export function negotiatedMaxFragmentLength(session: Uint8Array): number | null {
  if (session[0] !== SEQUENCE) return null;
  const outer = readLength(session, 1, session.length);
  if (!outer) return null;
  const end = Math.min(session.length, outer.next + outer.length);
  // Each step advances past one whole element, so the walk ends within `end`.
  for (let pos = outer.next; pos < end; ) {
    const tag = session[pos] as number;
    const length = readLength(session, pos + 1, end);
    if (!length || length.next + length.length > end) return null;
    if (tag === MFL_TAG) {
      const elementEnd = length.next + length.length;
      const inner = readLength(session, length.next + 1, elementEnd);
      if (session[length.next] !== INTEGER || !inner || inner.length !== 1 || inner.next >= elementEnd) {
        return null;
      }
      return MAX_FRAGMENT_LENGTH_BYTES[session[inner.next] as number] ?? null;
    }
    pos = length.next + length.length;
  }
  return null;
}
