// Look-ups over the generated tables (src/tables/*.generated.ts, made by scripts/gen-tables.mjs
// from the stacks' headers). Maps are built on first use so importing the package costs nothing.
//
// mbedTLS error codes are 16-bit negatives composed of a high-level part (bits 7..14: module and
// error, e.g. SSL or X509) and a low-level part (bits 0..6: MPI, NET, ...), added together
// (mbedtls/error.h, "Error code layout"). -0x7780 is one high-level code; -0x2710 is
// X509_CERT_VERIFY_FAILED (-0x2700) + MPI_ALLOC_FAILED (-0x0010). Mbed TLS 3.x reassigned several
// SSL codes (-0x7800 is PEER_VERIFY_FAILED in 2.x and UNRECOGNIZED_NAME in 3.x), so SSL codes are
// looked up in the table of the version the log shows, 2.28 when it shows none.

import type { DecodedCode, DecodedFlags } from './explanation.js';
import { AWS_IOT_ERRORS } from './tables/aws-iot.generated.js';
import { AXTLS_SSL_ERRORS, AXTLS_X509_ERRORS } from './tables/axtls.generated.js';
import { BEARSSL_ERRORS } from './tables/bearssl.generated.js';
import { ESP_TLS_ERRORS } from './tables/esp-tls.generated.js';
import { MBEDTLS_SSL_STATES, MBEDTLS_X509_FLAGS, MBEDTLS2_ERRORS } from './tables/mbedtls.generated.js';
import { MBEDTLS3_SSL_ERRORS } from './tables/mbedtls3.generated.js';
import { OPENSSL_SSL_REASONS, OPENSSL_X509_V_ERRORS } from './tables/openssl.generated.js';
import { TLS_ALERTS } from './tables/tls-alerts.generated.js';
import { WOLFSSL_ERRORS } from './tables/wolfssl.generated.js';

/** One entry of a stack's table. */
export interface CodeEntry {
  readonly value: number;
  readonly name: string;
  readonly text: string;
}

/** An indexed table: by value, by name and by normalised text. */
export interface CodeTable {
  readonly byValue: ReadonlyMap<number, CodeEntry>;
  readonly byName: ReadonlyMap<string, CodeEntry>;
  readonly byText: ReadonlyMap<string, CodeEntry>;
}

/** Lower-case, collapse spaces and hyphens, drop a trailing full stop: how texts are compared. */
export function normaliseText(text: string): string {
  // One pass for printable ASCII (log lines nearly always are), giving the same result as the
  // general path below: hyphens and tabs become a space, runs of blanks one space.
  let out = '';
  let from = 0;
  let blank = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x7f || (c < 0x20 && c !== 0x09)) return normaliseGeneral(text);
    if (c === 0x20 && !blank) blank = true;
    else if (c === 0x20 || c === 0x09 || c === 0x2d) {
      out += blank ? text.slice(from, i) : `${text.slice(from, i)} `;
      from = i + 1;
      blank = true;
    } else blank = false;
  }
  out = (from === 0 ? text : out + text.slice(from)).toLowerCase();
  return (out.endsWith('.') ? out.slice(0, -1) : out).trim();
}

function normaliseGeneral(text: string): string {
  return text.toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ').replace(/\.$/, '').trim();
}

function index(rows: readonly (readonly [number, string, ...string[]])[], textAt = 2): CodeTable {
  const byValue = new Map<number, CodeEntry>();
  const byName = new Map<string, CodeEntry>();
  const byText = new Map<string, CodeEntry>();
  for (const row of rows) {
    const entry: CodeEntry = { value: row[0], name: row[1], text: String(row[textAt] ?? '') };
    if (!byValue.has(entry.value)) byValue.set(entry.value, entry);
    byName.set(entry.name, entry);
    for (let i = 2; i < row.length; i++) {
      const t = normaliseText(String(row[i] ?? ''));
      if (t.length >= 8 && !byText.has(t)) byText.set(t, entry);
    }
  }
  return { byValue, byName, byText };
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/** mbedTLS 2.28 codes (all modules). */
export const mbedtls2Table = lazy(() => index(MBEDTLS2_ERRORS.map(([v, n, , t]) => [v, n, t] as const)));
/** mbedTLS 3.x SSL codes. */
export const mbedtls3SslTable = lazy(() => index(MBEDTLS3_SSL_ERRORS));
/** `MODULE - text` as mbedtls_strerror() prints it → code. */
export const mbedtlsStrerrorTable = lazy(() => {
  const map = new Map<string, CodeEntry>();
  for (const [value, name, module, text] of MBEDTLS2_ERRORS) {
    map.set(normaliseText(`${module} - ${text}`), { value, name, text });
  }
  for (const [value, name, text] of MBEDTLS3_SSL_ERRORS) {
    const key = normaliseText(`SSL - ${text}`);
    if (!map.has(key)) map.set(key, { value, name, text });
  }
  return map;
});
/** BADCERT/BADCRL flags by bit and by text. */
export const mbedtlsFlagTable = lazy(() => index(MBEDTLS_X509_FLAGS));
export const wolfsslTable = lazy(() => index(WOLFSSL_ERRORS));
export const bearsslTable = lazy(() => index(BEARSSL_ERRORS));
export const opensslX509Table = lazy(() => index(OPENSSL_X509_V_ERRORS));
export const opensslSslTable = lazy(() => index(OPENSSL_SSL_REASONS));
export const axtlsSslTable = lazy(() => index(AXTLS_SSL_ERRORS));
export const axtlsX509Table = lazy(() => index(AXTLS_X509_ERRORS));
export const awsIotTable = lazy(() => index(AWS_IOT_ERRORS));
export const espTlsTable = lazy(() => index(ESP_TLS_ERRORS));

/**
 * The longest text of a table (at least `minLength` characters) contained in a normalised line —
 * on a tie the first in table order — exactly as testing `line.includes(text)` for every text would
 * find it, but trying only the texts that start with the two characters at each position.
 */
export function longestTextIn(
  table: CodeTable,
  normalisedLine: string,
  minLength: number,
): CodeEntry | undefined {
  const index = textIndex(table, minLength);
  let best: IndexedText | undefined;
  const last = normalisedLine.length - minLength;
  for (let i = 0; i <= last; i++) {
    const a = normalisedLine.charCodeAt(i);
    const b = normalisedLine.charCodeAt(i + 1);
    if (a >= 128 || b >= 128) continue;
    const candidates = index[a * 128 + b] as readonly IndexedText[];
    for (const c of candidates) {
      if (
        best &&
        (c.text.length < best.text.length || (c.text.length === best.text.length && c.order > best.order))
      )
        break; // sorted longest first, then in table order: nothing better follows
      if (normalisedLine.startsWith(c.text, i)) {
        best = c;
        break;
      }
    }
  }
  return best?.entry;
}

interface IndexedText {
  readonly text: string;
  readonly entry: CodeEntry;
  readonly order: number;
}

const textIndexes = new WeakMap<CodeTable, Map<number, readonly (readonly IndexedText[])[]>>();
const NO_TEXTS: readonly IndexedText[] = [];

/**
 * Texts of at least `minLength` characters by their first two (ASCII) characters (slot a * 128 + b),
 * longest first. Every slot holds an array (most the shared empty one), so a look-up never meets a
 * hole.
 */
function textIndex(table: CodeTable, minLength: number): readonly (readonly IndexedText[])[] {
  let byLength = textIndexes.get(table);
  if (!byLength) {
    byLength = new Map();
    textIndexes.set(table, byLength);
  }
  let index = byLength.get(minLength);
  if (!index) {
    const slots: (readonly IndexedText[])[] = new Array(128 * 128).fill(NO_TEXTS);
    let order = 0;
    for (const [text, entry] of table.byText) {
      order++;
      if (text.length < minLength) continue;
      const a = text.charCodeAt(0);
      const b = text.charCodeAt(1);
      // A text starting outside ASCII could not be found by the scan above: refuse to index it.
      if (a >= 128 || b >= 128)
        throw new Error(`codes: text ${JSON.stringify(text)} does not start in ASCII`);
      const slot = a * 128 + b;
      slots[slot] = [...(slots[slot] ?? NO_TEXTS), { text, entry, order }].sort(
        (x, y) => y.text.length - x.text.length || x.order - y.order,
      );
    }
    index = slots;
    byLength.set(minLength, index);
  }
  return index;
}

/** TLS alert description name (`HANDSHAKE_FAILURE`) by number, and number by normalised name. */
export const alertTable = lazy(() => {
  const byNumber = new Map<number, string>();
  const byName = new Map<string, number>();
  for (const [n, name] of TLS_ALERTS) {
    byNumber.set(n, name);
    byName.set(name.toLowerCase().replace(/_/g, ' '), n);
  }
  // Spellings other stacks print for the same alerts (OpenSSL: "unknown ca"; curl: "unknown CA").
  byName.set('unknown ca', 48);
  byName.set('certificate expired', 45);
  byName.set('cert expired', 45);
  byName.set('bad cert', 42);
  byName.set('cert unknown', 46);
  byName.set('unsupported cert', 43);
  byName.set('cert revoked', 44);
  byName.set('no cert', 41);
  byName.set('inapropriate fallback', 86);
  return { byNumber, byName };
});

/** The mbedTLS handshake state names, index = the number in "client state: N". */
export const MBEDTLS_STATES = MBEDTLS_SSL_STATES;

/** mbedTLS major version a log shows, when it shows one. */
export type MbedtlsVersion = 2 | 3 | undefined;

/** A decoded mbedTLS code with its parts (high-level first). */
export interface MbedtlsDecoded extends DecodedCode {
  /** Names under the other major version where they differ (for the detail text). */
  readonly otherVersionNames: readonly string[];
}

function lookupMbedtls(abs: number, version: MbedtlsVersion): { entry?: CodeEntry; other?: CodeEntry } {
  const v2 = mbedtls2Table().byValue.get(-abs);
  const v3 = mbedtls3SslTable().byValue.get(-abs);
  if (version === 3) return { entry: v3 ?? v2, other: v3 && v2 && v2.name !== v3.name ? v2 : undefined };
  return { entry: v2 ?? v3, other: v3 && v2 && v2.name !== v3.name ? v3 : undefined };
}

/**
 * Decodes an mbedTLS return code into its high- and low-level parts. Returns null when a part is not
 * an mbedTLS code (so a number that only looks like one is not claimed).
 * @example decodeMbedtls(-0x2710, undefined)?.names // ['MBEDTLS_ERR_X509_CERT_VERIFY_FAILED', 'MBEDTLS_ERR_MPI_ALLOC_FAILED']
 */
export function decodeMbedtls(
  value: number,
  version: MbedtlsVersion,
  raw = String(value),
): MbedtlsDecoded | null {
  if (!Number.isInteger(value) || value >= 0 || value < -0x7fff) return null;
  const abs = -value;
  const high = abs & 0x7f80;
  const low = abs & 0x7f;
  const parts: CodeEntry[] = [];
  const other: string[] = [];
  if (high !== 0) {
    const { entry, other: alt } = lookupMbedtls(high, version);
    if (!entry) return null;
    parts.push(entry);
    if (alt) other.push(alt.name);
  }
  if (low !== 0) {
    const { entry } = lookupMbedtls(low, version);
    if (!entry) return null;
    parts.push(entry);
  }
  if (parts.length === 0) return null;
  return {
    raw,
    value,
    names: parts.map((p) => p.name),
    texts: parts.map((p) => p.text),
    otherVersionNames: other,
  };
}

/**
 * Decodes an mbedTLS verify-result bit mask into its BADCERT/BADCRL flags. Unknown bits are named
 * `bit 0x...`.
 * @example decodeFlags(0x08).names // ['MBEDTLS_X509_BADCERT_NOT_TRUSTED']
 */
export function decodeFlags(value: number): DecodedFlags {
  const names: string[] = [];
  const texts: string[] = [];
  const table = mbedtlsFlagTable().byValue;
  for (let bit = 1; bit > 0 && bit <= 0x40000000; bit *= 2) {
    if ((value & bit) === 0) continue;
    const entry = table.get(bit);
    names.push(entry?.name ?? `bit 0x${bit.toString(16)}`);
    texts.push(entry?.text ?? 'unknown flag');
  }
  return { value, names, texts };
}

/** A code from any of the other tables, as the explanation's `code`. */
export function asDecoded(raw: string, entry: CodeEntry): DecodedCode {
  return { raw, value: entry.value, names: [entry.name], texts: [entry.text] };
}

/** Parses `-0x2700`, `0x2700`, `-9984`, `0xffffd900` (two's complement) into a number. */
export function parseCodeNumber(text: string): number {
  const t = text.trim().toLowerCase();
  const neg = t.startsWith('-');
  const body = neg ? t.slice(1) : t;
  let n = body.startsWith('0x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body, 10);
  if (!neg && body.startsWith('0x') && body.length === 10 && n >= 0x80000000) n -= 0x100000000;
  return neg ? -n : n;
}
