// Describing a trust anchor that is only a subject Name and a SubjectPublicKeyInfo (what an
// ESP-IDF bundle stores). Rather than a second Name/SPKI parser, the two encodings are wrapped in
// a throw-away, unsigned TBSCertificate and handed to @hubtrust/verify's strict decoder: the same
// DER and X.509 rules as everywhere else validate them, and the same code renders the subject
// text and the key summary. The wrapper's serial, validity and signature are placeholders and are
// never exposed; only `subject` and `key` of the result are used.
import { type ParsedKey, type ParsedName, parseCertificate } from '@hubtrust/verify';

function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const head =
    len < 0x80
      ? [tag, len]
      : len < 0x100
        ? [tag, 0x81, len]
        : len < 0x10000
          ? [tag, 0x82, len >> 8, len & 0xff]
          : [tag, 0x83, len >> 16, (len >> 8) & 0xff, len & 0xff];
  const out = new Uint8Array(head.length + len);
  out.set(head, 0);
  let p = head.length;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

const VERSION_3 = Uint8Array.of(0xa0, 0x03, 0x02, 0x01, 0x02);
const SERIAL_1 = Uint8Array.of(0x02, 0x01, 0x01);
// ecdsa-with-SHA256 (RFC 5758 §3.2), parameters absent
const ALGORITHM = Uint8Array.of(0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02);
// UTCTime 000101000000Z .. GeneralizedTime 99991231235959Z
const VALIDITY = Uint8Array.of(
  ...[0x30, 0x20, 0x17, 0x0d, ...new TextEncoder().encode('000101000000Z')],
  ...[0x18, 0x0f, ...new TextEncoder().encode('99991231235959Z')],
);
const EMPTY_SIGNATURE = Uint8Array.of(0x03, 0x01, 0x00);

/** The throw-away unsigned certificate around a subject and a key (never exposed, never valid). */
export function unsignedWrapper(subject: Uint8Array, spki: Uint8Array): Uint8Array {
  const tbs = tlv(0x30, VERSION_3, SERIAL_1, ALGORITHM, subject, VALIDITY, subject, spki);
  return tlv(0x30, tbs, ALGORITHM, EMPTY_SIGNATURE);
}

/** A subject and key decoded from their encodings. */
export interface AnchorDescription {
  subject: ParsedName;
  key: ParsedKey;
}

/**
 * Decodes a Name and an SPKI with the verifier's decoder.
 * @throws VerifyError (`MALFORMED` + detail) when either is not valid DER of its type
 */
export function describeAnchor(subject: Uint8Array, spki: Uint8Array): AnchorDescription {
  const parsed = parseCertificate(unsignedWrapper(subject, spki));
  return { subject: parsed.subject, key: parsed.key };
}
