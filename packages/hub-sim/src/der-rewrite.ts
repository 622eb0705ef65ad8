// Rewrites the URLs inside a DER value (X.690 §8.1: tag, definite length, contents) so a twin
// copies a real certificate's extensions without pointing at the real CA's servers: every
// GeneralName uniformResourceIdentifier ([6] IA5String, RFC 5280 §4.2.1.6) and every IA5String,
// VisibleString or UTF8String holding an http(s)/ldap URL (certificate-policy CPS qualifiers and
// user notices, logotype URIs of RFC 3709) is passed through `rename` and re-encoded; constructed
// values are walked, everything else is copied byte for byte.
//
// Input is the catalog's verified DER (not attacker-controlled), but the walk is still bounded:
// nesting depth ≤ 32, lengths checked against the buffer, multi-byte tags and indefinite lengths
// (not DER) rejected with an Error.

/** Primitive tags whose contents may hold a URL. */
const URL_TAGS = new Set([
  0x86, // [6] uniformResourceIdentifier (IMPLICIT IA5String)
  0x16, // IA5String
  0x1a, // VisibleString
  0x0c, // UTF8String
]);

const URL = /^(https?|ldap):\/\//i;

/** Deepest nesting accepted: X.509 extensions nest a handful of levels. */
const MAX_DEPTH = 32;

function encodeLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A DER TLV with definite length (X.690 §8.1.3). */
export function derTlv(tag: number, contents: Uint8Array): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([tag, ...encodeLength(contents.length), ...contents]);
}

/** One TLV of a DER value: its tag, where it starts and ends, and its contents. */
export interface DerElement {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
  readonly contents: Uint8Array;
}

/**
 * The consecutive TLVs of `bytes` (the contents of a SEQUENCE, say).
 * @throws Error for multi-byte tags, indefinite or oversized lengths, or a length beyond the bytes
 */
export function derElements(bytes: Uint8Array): DerElement[] {
  const elements: DerElement[] = [];
  let i = 0;
  while (i < bytes.length) {
    const tag = bytes[i] as number;
    if ((tag & 0x1f) === 0x1f) throw new Error(`multi-byte DER tag at ${i}`);
    let length = bytes[i + 1];
    if (length === undefined) throw new Error(`truncated DER at ${i}`);
    let start = i + 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) throw new Error(`unsupported DER length form at ${i}`);
      length = 0;
      for (let k = 0; k < count; k++) length = length * 256 + (bytes[start + k] ?? Number.NaN);
      start += count;
    }
    const end = start + length;
    if (!Number.isFinite(length) || end > bytes.length)
      throw new Error(`DER length beyond the value at ${i}`);
    elements.push({ tag, start: i, end, contents: bytes.subarray(start, end) });
    i = end;
  }
  return elements;
}

function rewrite(bytes: Uint8Array, rename: (url: string) => string, depth: number): Uint8Array<ArrayBuffer> {
  if (depth > MAX_DEPTH) throw new Error(`DER nested deeper than ${MAX_DEPTH}`);
  const out = derElements(bytes).map(({ tag, start, end, contents }) => {
    if (tag & 0x20) return derTlv(tag, rewrite(contents, rename, depth + 1));
    const text = Buffer.from(contents).toString('latin1');
    if (URL_TAGS.has(tag) && URL.test(text)) return derTlv(tag, Buffer.from(rename(text), 'latin1'));
    return bytes.subarray(start, end);
  });
  return Uint8Array.from(Buffer.concat(out));
}

/**
 * A copy of a DER value with every URL passed through `rename`.
 * @throws Error for DER this walker does not accept (multi-byte tags, indefinite or oversized lengths, depth > 32)
 */
export function rewriteUrls(der: Uint8Array, rename: (url: string) => string): Uint8Array<ArrayBuffer> {
  return rewrite(der, rename, 0);
}

/** Every URL a DER value holds, in order (tests check twins keep none outside `.invalid`). */
export function urlsIn(der: Uint8Array): string[] {
  const found: string[] = [];
  rewriteUrls(der, (url) => {
    found.push(url);
    return url;
  });
  return found;
}
