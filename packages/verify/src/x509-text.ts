// Text forms of X.509 values for display: distinguished names (RFC 4514), GeneralNames, IP
// addresses (RFC 5952 for IPv6), OID names. Input bytes were validated by the wasm decoder.
import { children, hexOf, oidText, readTlv, stringValue } from './der-walk.js';

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

/** RFC 4514 text and attributes (in encoding order) of a Name TLV, in one pass. */
export function describeName(nameTlv: Uint8Array): { text: string; attributes: NameAttribute[] } {
  const raw = attributesWithForm(nameTlv);
  return {
    text: formatAttributes(raw),
    attributes: raw.map((a) => ({ type: a.type, oid: a.oid, value: a.value, rdn: a.rdn })),
  };
}

function attributesWithForm(nameTlv: Uint8Array): (NameAttribute & { isHex: boolean })[] {
  const out: (NameAttribute & { isHex: boolean })[] = [];
  const name = readTlv(nameTlv);
  if (!name) return out;
  children(name.value).forEach((rdn, i) => {
    for (const atv of children(rdn.value)) {
      const [type, value] = children(atv.value);
      if (!type || !value) continue;
      const oid = oidText(type.value);
      const text = stringValue(value.tag, value.value);
      out.push({
        type: ATTRIBUTE_NAMES[oid] ?? oid,
        oid,
        value: text ?? `#${hexOf(value.raw)}`,
        rdn: i,
        isHex: text === undefined,
      });
    }
  });
  return out;
}

/** RFC 4514 §2.4 escaping of an attribute value (hex-form `#...` values are left alone). */
function escapeValue(v: string, isHex: boolean): string {
  if (isHex) return v;
  let s = v.replace(/[\\",+;<>]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (s.startsWith(' ') || s.startsWith('#')) s = `\\${s}`;
  if (s.endsWith(' ') && s.length > 1) s = `${s.slice(0, -1)}\\ `;
  return s;
}

/**
 * RFC 4514 string of a Name TLV: RDNs in reverse encoding order separated by `,`, multi-valued
 * RDNs joined by `+`, e.g. `CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE`.
 */
export function formatName(nameTlv: Uint8Array): string {
  return formatAttributes(attributesWithForm(nameTlv));
}

function formatAttributes(attrs: (NameAttribute & { isHex: boolean })[]): string {
  const rdns: string[][] = [];
  for (const a of attrs) {
    rdns[a.rdn] ??= [];
    (rdns[a.rdn] as string[]).push(`${a.type}=${escapeValue(a.value, a.isHex)}`);
  }
  return rdns
    .filter((r) => r !== undefined)
    .reverse()
    .map((r) => r.join('+'))
    .join(',');
}

/** Text of an IPv4 or IPv6 address (RFC 5952: lower case, longest zero run as `::`). */
export function formatIp(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  if (b.length !== 16) return hexOf(b);
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((b[i] as number) << 8) | (b[i + 1] as number));
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

/** Prefix length of a contiguous netmask, or -1. */
function prefixLength(mask: Uint8Array): number {
  let n = 0;
  let ended = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const one = ((byte >> bit) & 1) === 1;
      if (one && ended) return -1;
      if (one) n++;
      else ended = true;
    }
  }
  return n;
}

/** A GeneralName for display. */
export type GeneralName =
  | { type: 'dns' | 'email' | 'uri'; value: string }
  | { type: 'ip'; value: string }
  | { type: 'dirName'; value: string; attributes: NameAttribute[] }
  | { type: 'otherName'; oid: string; value: string }
  | { type: 'registeredId'; value: string }
  | { type: 'x400Address' | 'ediPartyName'; value: string };

/** Decodes one GeneralName TLV; `subnet` reads iPAddress as address/mask (name constraints). */
export function generalName(
  t: { tag: number; value: Uint8Array; raw: Uint8Array },
  subnet = false,
): GeneralName {
  switch (t.tag) {
    case 0x81:
      return { type: 'email', value: String.fromCharCode(...t.value) };
    case 0x82:
      return { type: 'dns', value: String.fromCharCode(...t.value) };
    case 0x86:
      return { type: 'uri', value: String.fromCharCode(...t.value) };
    case 0x87: {
      if (!subnet) return { type: 'ip', value: formatIp(t.value) };
      const half = t.value.length / 2;
      return {
        type: 'ip',
        value: `${formatIp(t.value.subarray(0, half))}/${prefixLength(t.value.subarray(half))}`,
      };
    }
    case 0x88:
      return { type: 'registeredId', value: oidText(t.value) };
    case 0xa4: {
      const inner = readTlv(t.value);
      const raw = inner ? inner.raw : new Uint8Array(0);
      const { text, attributes } = describeName(raw);
      return { type: 'dirName', value: text, attributes };
    }
    case 0xa0: {
      const [id, val] = children(t.value);
      const inner = val ? readTlv(val.value) : undefined;
      const text = inner ? stringValue(inner.tag, inner.value) : undefined;
      return {
        type: 'otherName',
        oid: id ? oidText(id.value) : '',
        value: text ?? hexOf(val ? val.value : new Uint8Array(0)),
      };
    }
    case 0xa3:
      return { type: 'x400Address', value: hexOf(t.value) };
    default:
      return { type: 'ediPartyName', value: hexOf(t.value) };
  }
}

/** Decodes the GeneralName TLVs in `contents` (a GeneralNames SEQUENCE's contents). */
export function generalNames(contents: Uint8Array, subnet = false): GeneralName[] {
  return children(contents).map((t) => generalName(t, subnet));
}
