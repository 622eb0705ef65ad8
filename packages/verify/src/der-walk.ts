// A display-only DER walker for bytes the wasm decoder has already validated (names, extension
// contents). It never decides validity: it only turns checked structures into text, and stops
// quietly (returns what it has) if something does not parse.

/** One TLV: identifier octet, contents, and the whole encoding. */
export interface Tlv {
  tag: number;
  value: Uint8Array;
  raw: Uint8Array;
}

/** Reads the TLV at `off` in `b`, or undefined when it does not fit. */
export function readTlv(b: Uint8Array, off = 0): (Tlv & { end: number }) | undefined {
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

/** All consecutive TLVs in `b` (e.g. the contents of a SEQUENCE). */
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

/** Dotted text of OID contents. */
export function oidText(b: Uint8Array): string {
  const arcs: (number | bigint)[] = [];
  let v = 0;
  let big: bigint | undefined;
  for (const byte of b) {
    if (big !== undefined) big = (big << 7n) | BigInt(byte & 0x7f);
    else if (v >= 2 ** 45) big = (BigInt(v) << 7n) | BigInt(byte & 0x7f);
    else v = v * 128 + (byte & 0x7f);
    if (byte < 0x80) {
      arcs.push(big ?? v);
      v = 0;
      big = undefined;
    }
  }
  const first = arcs.shift() ?? 0;
  let head: string;
  if (typeof first === 'bigint') head = `2.${first - 80n}`;
  else head = first < 40 ? `0.${first}` : first < 80 ? `1.${first - 40}` : `2.${first - 80}`;
  return arcs.length ? `${head}.${arcs.join('.')}` : head;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex. */
export function hexOf(b: Uint8Array): string {
  const parts = new Array<string>(b.length);
  for (let i = 0; i < b.length; i++) parts[i] = HEX[b[i] as number] as string;
  return parts.join('');
}

const UTF8 = new TextDecoder('utf-8');

/** Text of a string-typed value (UTF8, Printable, IA5, Teletex/T61 as Latin-1, BMP, Universal). */
export function stringValue(tag: number, v: Uint8Array): string | undefined {
  switch (tag) {
    case 0x0c: // UTF8String
      return UTF8.decode(v);
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // TeletexString (T.61): read as Latin-1, as OpenSSL and Go do
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      return String.fromCharCode(...v);
    case 0x1e: {
      // BMPString: UTF-16BE
      let s = '';
      for (let i = 0; i + 1 < v.length; i += 2)
        s += String.fromCharCode(((v[i] as number) << 8) | (v[i + 1] as number));
      return s;
    }
    case 0x1c: {
      // UniversalString: UTF-32BE
      let s = '';
      for (let i = 0; i + 3 < v.length; i += 4) {
        const cp =
          (((v[i] as number) << 24) |
            ((v[i + 1] as number) << 16) |
            ((v[i + 2] as number) << 8) |
            (v[i + 3] as number)) >>>
          0;
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return s;
    }
    default:
      return undefined;
  }
}
