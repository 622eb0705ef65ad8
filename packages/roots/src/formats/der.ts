// Minimal DER framing (ITU-T X.690 §8.1, §10.1) used to find and split certificates before the
// strict decoder of @hubtrust/verify judges them: definite lengths, minimal long form, at most 4
// length octets. These helpers only frame; validity is always decided by `parseCertificate`.

/** Header of one TLV: tag, content start and end (exclusive). */
export interface DerHeader {
  tag: number;
  /** Offset of the contents. */
  body: number;
  /** Offset just past the element. */
  end: number;
}

/**
 * Reads the TLV header at `off` (single-octet tag). Returns undefined when the header is not
 * minimal definite-length DER or the element does not fit in `limit` (default: the array length).
 */
export function derHeader(b: Uint8Array, off: number, limit = b.length): DerHeader | undefined {
  if (off + 2 > limit) return undefined;
  const tag = b[off] as number;
  const l0 = b[off + 1] as number;
  let len: number;
  let body: number;
  if (l0 < 0x80) {
    len = l0;
    body = off + 2;
  } else {
    const n = l0 & 0x7f;
    if (n === 0 || n > 4 || off + 2 + n > limit) return undefined;
    const first = b[off + 2] as number;
    if (first === 0) return undefined; // not minimal
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[off + 2 + i] as number);
    if (len < 0x80) return undefined; // long form for a short length: not minimal
    body = off + 2 + n;
  }
  const end = body + len;
  if (end > limit) return undefined;
  return { tag, body, end };
}

/**
 * Length of the certificate-shaped element at `off`, or -1: a SEQUENCE holding exactly a SEQUENCE
 * (tbsCertificate, starting with `[0]` version or an INTEGER serial), a SEQUENCE
 * (signatureAlgorithm) and a BIT STRING (signatureValue), as in RFC 5280 §4.1. This is the
 * scanner's cheap filter: it rejects `30 82` lookalikes in a few byte reads, and everything it
 * accepts is then fully decoded.
 */
export function certificateShape(b: Uint8Array, off: number, limit = b.length): number {
  const outer = derHeader(b, off, limit);
  if (outer?.tag !== 0x30) return -1;
  const tbs = derHeader(b, outer.body, outer.end);
  if (tbs?.tag !== 0x30 || tbs.body >= tbs.end) return -1;
  const first = b[tbs.body] as number;
  if (first !== 0xa0 && first !== 0x02) return -1;
  const alg = derHeader(b, tbs.end, outer.end);
  if (alg?.tag !== 0x30) return -1;
  const sig = derHeader(b, alg.end, outer.end);
  if (sig?.tag !== 0x03 || sig.end !== outer.end) return -1;
  return outer.end - off;
}

/** The DER of a certificate's subject Name and SubjectPublicKeyInfo (RFC 5280 §4.1.2.6–7). */
export interface SubjectAndKey {
  subject: Uint8Array;
  spki: Uint8Array;
}

/**
 * Extracts the subject and SPKI encodings from a certificate that `parseCertificate` accepted.
 * @returns undefined when the structure is not the expected one (cannot happen for decoded input)
 */
export function subjectAndKey(der: Uint8Array): SubjectAndKey | undefined {
  const outer = derHeader(der, 0);
  if (!outer) return undefined;
  const tbs = derHeader(der, outer.body, outer.end);
  if (!tbs) return undefined;
  let p = tbs.body;
  const fields: { tag: number; start: number; end: number }[] = [];
  // version? serial signature issuer validity subject subjectPublicKeyInfo
  while (p < tbs.end && fields.length < 7) {
    const h = derHeader(der, p, tbs.end);
    if (!h) return undefined;
    fields.push({ tag: h.tag, start: p, end: h.end });
    p = h.end;
  }
  const base = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[base + 4];
  const spki = fields[base + 5];
  if (!subject || !spki) return undefined;
  return { subject: der.subarray(subject.start, subject.end), spki: der.subarray(spki.start, spki.end) };
}

/** Lower-case hex of bytes. */
export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (b[i] as number).toString(16).padStart(2, '0');
  return s;
}

/** Byte-wise comparison, shorter prefix first (Python's `bytes` order, which ESP-IDF sorts by). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** True when both arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
