// A tiny DER encoder for tests: builds certificates and structures byte by byte, including
// deliberately malformed ones. Not part of the published API.

/** Bytes from hex (spaces allowed). */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Hex of bytes, lowercase. */
export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** DER length octets (minimal). */
export function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** A TLV with the given identifier octet and contents. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = concat(...contents);
  return concat(Uint8Array.of(tag), derLength(body.length), body);
}

export const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
export const set = (...c: Uint8Array[]) => tlv(0x31, ...c);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const nul = () => Uint8Array.of(0x05, 0x00);
export const bool = (v: boolean) => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);
export const utf8 = (s: string) => tlv(0x0c, new TextEncoder().encode(s));
export const printable = (s: string) => tlv(0x13, new TextEncoder().encode(s));
export const ia5 = (tag: number, s: string) => tlv(tag, new TextEncoder().encode(s));
/** [n] EXPLICIT / constructed context tag. */
export const ctx = (n: number, ...c: Uint8Array[]) => tlv(0xa0 | n, ...c);
/** [n] IMPLICIT primitive context tag. */
export const ctxPrim = (n: number, b: Uint8Array) => tlv(0x80 | n, b);
/** BIT STRING with `unused` unused bits. */
export const bits = (b: Uint8Array, unused = 0) => tlv(0x03, Uint8Array.of(unused), b);

/** INTEGER from a bigint (minimal two's complement). */
export function int(v: bigint | number): Uint8Array {
  const n = BigInt(v);
  let k = 1;
  while (n < -(1n << BigInt(8 * k - 1)) || n >= 1n << BigInt(8 * k - 1)) k++;
  let u = n < 0n ? n + (1n << BigInt(8 * k)) : n;
  const bytes = new Uint8Array(k);
  for (let i = k - 1; i >= 0; i--) {
    bytes[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return tlv(0x02, bytes);
}

/** OBJECT IDENTIFIER contents from dotted text. */
export function oidBytes(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const [a0 = 0n, a1 = 0n, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [a0 * 40n + a1, ...rest]) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) group.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...group);
  }
  return Uint8Array.from(out);
}

/** OBJECT IDENTIFIER TLV from dotted text. */
export const oid = (dotted: string) => tlv(0x06, oidBytes(dotted));

/** UTCTime TLV from a Date (YYMMDDHHMMSSZ). */
export function utcTime(d: Date): Uint8Array {
  const s = d.toISOString();
  const text = `${s.slice(2, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}Z`;
  return tlv(0x17, new TextEncoder().encode(text));
}

/** GeneralizedTime TLV from a Date (YYYYMMDDHHMMSSZ). */
export function generalizedTime(d: Date): Uint8Array {
  const s = d.toISOString();
  const text = `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}Z`;
  return tlv(0x18, new TextEncoder().encode(text));
}

/** A Name from [type OID, value] pairs, one attribute per RDN. */
export function name(...attrs: [string, string][]): Uint8Array {
  return seq(...attrs.map(([t, v]) => set(seq(oid(t), t === '2.5.4.6' ? printable(v) : utf8(v)))));
}

/** One TLV found by readTlv: identifier octet, contents, the whole encoding, and where it ends. */
export interface Tlv {
  tag: number;
  value: Uint8Array;
  raw: Uint8Array;
  end: number;
}

/**
 * Reads the TLV at `off` in `b` (definite lengths, up to 4 length octets), or undefined when it
 * does not fit: for tests that take apart what they built, never a verdict on the encoding.
 */
export function readTlv(b: Uint8Array, off = 0): Tlv | undefined {
  if (off + 2 > b.length) return undefined;
  const tag = b[off] as number;
  let len = b[off + 1] as number;
  let p = off + 2;
  if (len >= 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > b.length) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[p + i] as number);
    p += n;
  }
  if (p + len > b.length) return undefined;
  return { tag, value: b.subarray(p, p + len), raw: b.subarray(off, p + len), end: p + len };
}

/** The consecutive TLVs of `b` (e.g. a SEQUENCE's contents), as readTlv reads them. */
export function children(b: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let off = 0; off < b.length; ) {
    const t = readTlv(b, off);
    if (!t) break;
    out.push(t);
    off = t.end;
  }
  return out;
}
