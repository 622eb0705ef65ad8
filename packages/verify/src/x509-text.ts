// Text forms of X.509 values for display: distinguished names (RFC 4514), GeneralNames, IP
// addresses (RFC 5952 for IPv6), OIDs, string values, hex. Pure formatting over values the wasm
// decoder has already located and checked (x509-read.ts hands them over); nothing here reads DER
// structure.

/** Short names of attribute types: RFC 4514 §3 plus the ones OpenSSL prints by name. */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
  '2.5.4.15': 'businessCategory',
};

/** One attribute of a distinguished name. */
export interface NameAttribute {
  /** Short name (`CN`, `O`, ...) or the dotted OID when there is none. */
  type: string;
  /** Dotted OID of the attribute type. */
  oid: string;
  /** The value as text; non-string values as `#` + hex of their DER (RFC 4514 §2.4). */
  value: string;
  /** Index of the RDN (in encoding order) holding this attribute. */
  rdn: number;
}

/**
 * One attribute from its parts as the decoder located them in `b`: the type OID's contents, the
 * value's tag and contents, and the whole value TLV (for the `#hex` form of a non-string value).
 */
export function nameAttribute(
  b: Uint8Array,
  oid: number,
  oidLen: number,
  tag: number,
  value: number,
  valueLen: number,
  tlv: number,
  tlvLen: number,
  rdn: number,
): NameAttribute {
  const dotted = oidText(b, oid, oid + oidLen);
  const text = stringValue(tag, b, value, value + valueLen);
  return {
    type: ATTRIBUTE_NAMES[dotted] ?? dotted,
    oid: dotted,
    value: text ?? `#${hexOf(b, tlv, tlv + tlvLen)}`,
    rdn,
  };
}

/** A value RFC 4514 §2.4 escapes something in. */
const NEEDS_ESCAPE = /[\\",+;<>\0]|^[ #]| $/;

/** RFC 4514 §2.4 escaping of an attribute value (hex-form `#...` values are left alone). */
function escapeValue(v: string): string {
  if (!NEEDS_ESCAPE.test(v)) return v;
  let s = v.replace(/[\\",+;<>]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (s.startsWith(' ') || s.startsWith('#')) s = `\\${s}`;
  if (s.endsWith(' ') && s.length > 1) s = `${s.slice(0, -1)}\\ `;
  return s;
}

/**
 * RFC 4514 text of a Name built attribute by attribute, in encoding order: RDNs in reverse order
 * separated by `,`, multi-valued RDNs joined by `+`, e.g.
 * `CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE`.
 */
export class NameText {
  private text = '';
  private rdn = '';
  private index = -1;

  /**
   * Adds the next attribute; `hexForm` says its value is the `#hex` form (not escaped), as for a
   * value whose tag is not a string type (hasStringTag). Returns the attribute.
   */
  add(a: NameAttribute, hexForm: boolean): NameAttribute {
    const part = `${a.type}=${hexForm ? a.value : escapeValue(a.value)}`;
    if (a.rdn !== this.index) {
      this.flush();
      this.index = a.rdn;
      this.rdn = part;
    } else {
      this.rdn += `+${part}`;
    }
    return a;
  }

  private flush(): void {
    if (this.index >= 0) this.text = this.text ? `${this.rdn},${this.text}` : this.rdn;
  }

  /** The text. */
  done(): string {
    this.flush();
    this.index = -1;
    return this.text;
  }
}

/** Text of an IPv4 or IPv6 address (RFC 5952: lower case, longest zero run as `::`) in b[start, end). */
export function formatIp(b: Uint8Array, start = 0, end = b.length): string {
  const len = end - start;
  if (len === 4) return `${b[start]}.${b[start + 1]}.${b[start + 2]}.${b[start + 3]}`;
  if (len !== 16) return hexOf(b, start, end);
  const words: number[] = [];
  for (let i = start; i < end; i += 2) words.push(((b[i] as number) << 8) | (b[i + 1] as number));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Prefix length of a contiguous netmask in b[start, end), or -1. */
function prefixLength(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  let ended = false;
  for (let i = start; i < end; i++) {
    const byte = b[i] as number;
    for (let bit = 7; bit >= 0; bit--) {
      const one = ((byte >> bit) & 1) === 1;
      if (one && ended) return -1;
      if (one) n++;
      else ended = true;
    }
  }
  return n;
}

/** `address/prefix` of an iPAddress name constraint (address followed by its mask) in b[start, end). */
export function formatSubnet(b: Uint8Array, start = 0, end = b.length): string {
  const half = start + (end - start) / 2;
  return `${formatIp(b, start, half)}/${prefixLength(b, half, end)}`;
}

/** A GeneralName for display. */
export type GeneralName =
  | { type: 'dns' | 'email' | 'uri'; value: string }
  | { type: 'ip'; value: string }
  | { type: 'dirName'; value: string; attributes: NameAttribute[] }
  | { type: 'otherName'; oid: string; value: string }
  | { type: 'registeredId'; value: string }
  | { type: 'x400Address' | 'ediPartyName'; value: string };

/**
 * ASCII (Latin-1) text of the octets b[start, end). Built char by char: for the short values of
 * certificates this beats String.fromCharCode.apply over a view or a reused array (measured).
 */
export function ascii(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

/** Whether b[start, end) is all ASCII (then its UTF-8 text is its Latin-1 text). */
function isAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((b[i] as number) >= 0x80) return false;
  return true;
}

/**
 * Dotted text of OIDs of up to 12 octets seen so far (attribute types, algorithms, extensions),
 * by their first six octets and the rest, each packed in a number (a bounded cache).
 */
const shortOids = new Map<number, Map<number, string>>();
const SHORT_OIDS_MAX = 256;
let shortOidCount = 0;

/** The octets b[start, end) (at most six) and their count packed in a number. */
function packed(b: Uint8Array, start: number, end: number): number {
  let key = end - start;
  for (let i = start; i < end; i++) key = key * 256 + (b[i] as number);
  return key;
}

/** Dotted text of the OID contents b[start, end) (those of up to 12 octets cached). */
export function oidText(b: Uint8Array, start = 0, end = b.length): string {
  const len = end - start;
  if (len > 0 && len <= 12) {
    const mid = Math.min(end, start + 6);
    const head = packed(b, start, mid);
    const tail = packed(b, mid, end);
    let texts = shortOids.get(head);
    let text = texts?.get(tail);
    if (text === undefined) {
      text = dottedOid(b, start, end);
      if (shortOidCount < SHORT_OIDS_MAX) {
        if (texts === undefined) {
          texts = new Map();
          shortOids.set(head, texts);
        }
        texts.set(tail, text);
        shortOidCount++;
      }
    }
    return text;
  }
  return dottedOid(b, start, end);
}

function dottedOid(b: Uint8Array, start: number, end: number): string {
  const arcs: (number | bigint)[] = [];
  let v = 0;
  let big: bigint | undefined;
  for (let i = start; i < end; i++) {
    const byte = b[i] as number;
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

/** The char codes of '0'..'9', 'a'..'f'. */
const HEX_CODES = Uint16Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const HEX_CHUNK = 4096;
/** Char codes of one chunk, reused: a small typed array per call would cost more than the hex. */
const hexScratch = new Uint16Array(2 * HEX_CHUNK);

/** Lower-case hex of b[start, end) (built as char codes, a chunk of 4 KiB at a time). */
export function hexOf(b: Uint8Array, start = 0, end = b.length): string {
  let out = '';
  for (let from = start; from < end; from += HEX_CHUNK) {
    const to = Math.min(end, from + HEX_CHUNK);
    for (let i = from, j = 0; i < to; i++, j += 2) {
      const v = b[i] as number;
      hexScratch[j] = HEX_CODES[v >> 4] as number;
      hexScratch[j + 1] = HEX_CODES[v & 15] as number;
    }
    out += String.fromCharCode.apply(null, hexScratch.subarray(0, 2 * (to - from)) as unknown as number[]);
  }
  return out;
}

const UTF8 = new TextDecoder('utf-8');

/** Whether stringValue reads values of this tag (otherwise names show them in the `#hex` form). */
export function hasStringTag(tag: number): boolean {
  return (
    tag === 0x0c ||
    tag === 0x12 ||
    tag === 0x13 ||
    tag === 0x14 ||
    tag === 0x16 ||
    tag === 0x1a ||
    tag === 0x1e ||
    tag === 0x1c
  );
}

/**
 * Text of a string-typed value b[start, end) (UTF8, Printable, IA5, Teletex/T61 as Latin-1, BMP,
 * Universal), undefined for other tags.
 */
export function stringValue(tag: number, v: Uint8Array, start = 0, end = v.length): string | undefined {
  switch (tag) {
    case 0x0c: // UTF8String
      return isAscii(v, start, end) ? ascii(v, start, end) : UTF8.decode(v.subarray(start, end));
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // TeletexString (T.61): read as Latin-1, as OpenSSL and Go do
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      return ascii(v, start, end);
    case 0x1e: {
      // BMPString: UTF-16BE
      let s = '';
      for (let i = start; i + 1 < end; i += 2)
        s += String.fromCharCode(((v[i] as number) << 8) | (v[i + 1] as number));
      return s;
    }
    case 0x1c: {
      // UniversalString: UTF-32BE
      let s = '';
      for (let i = start; i + 3 < end; i += 4) {
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
