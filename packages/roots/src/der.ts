// A minimal DER reader (ITU-T X.690 §8.1, definite lengths only) for the two things the catalog
// check needs that @hubtrust/verify's parseCertificate does not expose: the signed TBSCertificate
// bytes with the signature, and the SubjectPublicKeyInfo DER (RFC 5280 §4.1). Full decoding and
// every X.509 rule stay in verify.wasm; a certificate that reaches this reader has already been
// decoded there. Bounded: lengths of at most 4 octets, never past the input.

/** One TLV: its tag, the whole encoding (`raw`) and the contents (`value`). */
export interface Tlv {
  tag: number;
  raw: Uint8Array;
  value: Uint8Array;
}

/** Thrown on bytes that are not well-formed DER for the structure asked for. */
export class DerError extends Error {
  override readonly name = 'DerError';
}

/** Reads the TLV at `offset`; throws DerError when it is truncated or uses a form DER forbids. */
export function readTlv(bytes: Uint8Array, offset = 0): Tlv {
  if (offset + 2 > bytes.length) throw new DerError(`truncated TLV at offset ${offset}`);
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at offset ${offset}`);
  let len = bytes[offset + 1] as number;
  let at = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError(`unsupported length form at offset ${offset}`);
    if (at + n > bytes.length) throw new DerError(`truncated length at offset ${offset}`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (bytes[at + i] as number);
    at += n;
  }
  if (at + len > bytes.length) throw new DerError(`TLV at offset ${offset} runs past the end`);
  return { tag, raw: bytes.subarray(offset, at + len), value: bytes.subarray(at, at + len) };
}

/** The TLVs inside a constructed value, in order. */
export function children(value: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < value.length) {
    const t = readTlv(value, at);
    out.push(t);
    at += t.raw.length;
  }
  return out;
}

/** The parts of a Certificate (RFC 5280 §4.1) a signature check needs. */
export interface SignedParts {
  /** The TBSCertificate encoding: the signed bytes. */
  tbs: Uint8Array;
  /** The signatureValue BIT STRING contents without the unused-bits octet. */
  signature: Uint8Array;
  /** The subject's SubjectPublicKeyInfo encoding. */
  spki: Uint8Array;
}

/** Splits a certificate into TBS, signature and SPKI. @throws DerError on a malformed structure. */
export function signedParts(der: Uint8Array): SignedParts {
  const cert = readTlv(der);
  if (cert.tag !== 0x30 || cert.raw.length !== der.length) throw new DerError('not one Certificate SEQUENCE');
  const [tbs, , sig] = children(cert.value);
  if (tbs?.tag !== 0x30 || !sig || sig.tag !== 0x03 || sig.value[0] !== 0) {
    throw new DerError('Certificate is not SEQUENCE { tbs, algorithm, BIT STRING }');
  }
  const fields = children(tbs.value);
  const first = fields[0]?.tag === 0xa0 ? 1 : 0; // explicit [0] version present
  const spki = fields[first + 5];
  if (spki?.tag !== 0x30) throw new DerError('TBSCertificate has no subjectPublicKeyInfo');
  return { tbs: tbs.raw, signature: sig.value.subarray(1), spki: spki.raw };
}
