// Base64 (RFC 4648 §4) for PEM bodies (RFC 7468 §3): whitespace between characters is ignored,
// padding is required (a body whose length is not a multiple of 4 is rejected, as OpenSSL and Go
// do), and nothing but `=` and whitespace may follow padding. Works on strings and on bytes (the
// scanner decodes PEM blocks found inside binary images without copying them into a string).

const DECODE = (() => {
  const t = new Int16Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
})();

/** Whitespace allowed inside a PEM body: space, tab, CR, LF (RFC 7468 `WSP` / `eol`). */
export function isPemSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Result of {@link decodeBase64}: the bytes, or the index of the first offending character. */
export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; at: number; reason: string };

/**
 * Decodes `src[start, end)`. Indices are character indices for strings and byte indices for bytes.
 */
export function decodeBase64(src: string | Uint8Array, start: number, end: number): Base64Result {
  const isString = typeof src === 'string';
  const out = new Uint8Array(Math.floor(((end - start) * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  let chars = 0;
  let pad = 0;
  for (let i = start; i < end; i++) {
    const c = isString ? src.charCodeAt(i) : (src[i] as number);
    if (isPemSpace(c)) continue;
    if (c === 0x3d) {
      // '='
      pad++;
      chars++;
      if (pad > 2) return { ok: false, at: i, reason: 'more than two padding characters' };
      continue;
    }
    const v = c < 256 ? (DECODE[c] as number) : -1;
    if (v < 0) return { ok: false, at: i, reason: `character ${describeChar(c)} is not base64` };
    if (pad > 0) return { ok: false, at: i, reason: 'data after padding' };
    acc = (acc << 6) | v;
    bits += 6;
    chars++;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  if (chars % 4 !== 0) return { ok: false, at: end, reason: `length ${chars} is not a multiple of 4` };
  if (pad > 0 && (acc & ((1 << bits) - 1)) !== 0)
    return { ok: false, at: end, reason: 'non-zero bits before the padding' };
  if (chars === 0) return { ok: false, at: end, reason: 'empty body' };
  return { ok: true, bytes: out.slice(0, n) };
}

function describeChar(c: number): string {
  return c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `0x${c.toString(16).padStart(2, '0')}`;
}

const ENCODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Encodes bytes as base64 with padding (one line). */
export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    s += `${ENCODE[v >> 18]}${ENCODE[(v >> 12) & 63]}${ENCODE[(v >> 6) & 63]}${ENCODE[v & 63]}`;
  }
  if (i < bytes.length) {
    const b1 = i + 1 < bytes.length ? (bytes[i + 1] as number) : 0;
    const v = ((bytes[i] as number) << 16) | (b1 << 8);
    s += `${ENCODE[v >> 18]}${ENCODE[(v >> 12) & 63]}`;
    s += i + 1 < bytes.length ? `${ENCODE[(v >> 6) & 63]}=` : '==';
  }
  return s;
}
