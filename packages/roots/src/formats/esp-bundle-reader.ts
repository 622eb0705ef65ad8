// Reader for ESP-IDF `x509_crt_bundle` files (both layouts, see esp-bundle-format.ts). A bundle
// is not a certificate list: each entry is a trust anchor (subject + key) without validity, so
// the reader returns anchors, not certificates. It checks more than ESP-IDF does (which, in
// v5.4+, does not check that the last entry ends inside the bundle): every length against the
// data, the v5.4 offsets against the entries, each name and key as DER of its type, and the sort
// order the device's binary search depends on.
import type { ParsedKey, ParsedName } from '@hubtrust/verify';
import { VerifyError } from '@hubtrust/verify';
import { describeAnchor } from './anchor.js';
import { ErrorList } from './collect.js';
import { compareBytes, derHeader } from './der.js';
import { DEFAULT_FILE_NAME, type FormatError } from './errors.js';
import { ESP_ENTRY_HEADER_BYTES, type EspBundleFormat, espU16, u32le } from './esp-bundle-format.js';
import { MAX_ESP_BUNDLE_ENTRIES } from './limits.js';
import type { ReadOptions } from './pem-reader.js';

/** One root of an ESP bundle: a subject and a public key, nothing else. */
export interface EspBundleAnchor {
  /** Position in the bundle (0-based). */
  index: number;
  /** Byte offset of the entry (its length header) in the bundle. */
  offset: number;
  /** The subject Name as stored (DER). */
  subjectDer: Uint8Array;
  /** The SubjectPublicKeyInfo as stored (DER). */
  spkiDer: Uint8Array;
  /** The subject, decoded (RFC 4514 text and attributes). */
  subject: ParsedName;
  /** The key, decoded (`key.spkiSha256` identifies the root across formats). */
  key: ParsedKey;
}

/** Result of {@link readEspBundle}. */
export interface EspBundleReadResult {
  file: string;
  /** The layout found (or forced); undefined when the bytes fit neither. */
  format: EspBundleFormat | undefined;
  anchors: EspBundleAnchor[];
  errors: FormatError[];
}

/** Options of {@link readEspBundle}. */
export interface EspReadOptions extends ReadOptions {
  /** Read with this layout instead of detecting it. */
  format?: EspBundleFormat;
}

function readEntry(
  format: EspBundleFormat,
  b: Uint8Array,
  p: number,
  index: number,
  errors: ErrorList,
  anchors: EspBundleAnchor[],
): number | undefined {
  if (p + ESP_ENTRY_HEADER_BYTES > b.length) {
    errors.add(
      'TRUNCATED',
      { offset: p, index },
      `entry ${index} starts ${b.length - p} bytes before the end: no room for its lengths`,
    );
    return undefined;
  }
  const nameLen = espU16(format, b, p);
  const keyLen = espU16(format, b, p + 2);
  const nameAt = p + ESP_ENTRY_HEADER_BYTES;
  const keyAt = nameAt + nameLen;
  const end = keyAt + keyLen;
  if (end > b.length) {
    errors.add(
      'ESP_BAD_LENGTH',
      { offset: p, index },
      `entry ${index} claims a ${nameLen}-byte name and a ${keyLen}-byte key, ${end - b.length} bytes past the end of the bundle`,
    );
    return undefined;
  }
  const name = derHeader(b, nameAt, keyAt);
  const key = derHeader(b, keyAt, end);
  if (name?.tag !== 0x30 || name.end !== keyAt) {
    errors.add(
      'ESP_BAD_ENTRY',
      { offset: nameAt, index },
      `entry ${index}: the ${nameLen} name bytes are not one DER Name`,
    );
    return end;
  }
  if (key?.tag !== 0x30 || key.end !== end) {
    errors.add(
      'ESP_BAD_ENTRY',
      { offset: keyAt, index },
      `entry ${index}: the ${keyLen} key bytes are not one DER SubjectPublicKeyInfo`,
    );
    return end;
  }
  const subjectDer = b.slice(nameAt, keyAt);
  const spkiDer = b.slice(keyAt, end);
  try {
    const d = describeAnchor(subjectDer, spkiDer);
    anchors.push({ index, offset: p, subjectDer, spkiDer, subject: d.subject, key: d.key });
  } catch (e) {
    if (!(e instanceof VerifyError)) throw e;
    errors.add('ESP_BAD_ENTRY', { offset: nameAt, index }, `entry ${index}: ${e.message}`, e.code);
  }
  return end;
}

/**
 * Reads `count` entries from `p` on. `claimed(i)` is the v5.4 offset of entry i (checked against
 * where the entry really starts); `what` names the header field that gave the count.
 */
function readEntries(
  format: EspBundleFormat,
  b: Uint8Array,
  p: number,
  count: number,
  what: string,
  errors: ErrorList,
  anchors: EspBundleAnchor[],
  claimed?: (i: number) => number,
): void {
  for (let i = 0; i < count; i++) {
    const c = claimed?.(i);
    if (c !== undefined && c !== p) {
      errors.add(
        'ESP_BAD_OFFSET',
        { offset: 4 * i, index: i },
        `offset ${i} is ${c} but entry ${i} starts at ${p}, right after the previous one`,
      );
    }
    if (p >= b.length) {
      errors.add(
        'ESP_BAD_COUNT',
        { offset: 0 },
        `${what} counts ${count} entries but the data ends after ${i}`,
      );
      return;
    }
    const next = readEntry(format, b, p, i, errors, anchors);
    if (next === undefined) return;
    p = next;
  }
  if (p < b.length) {
    errors.add(
      'TRAILING_BYTES',
      { offset: p },
      `${b.length - p} bytes after the ${count} entries ${what} counts`,
    );
  }
}

function readV42(b: Uint8Array, errors: ErrorList, anchors: EspBundleAnchor[]): void {
  if (b.length < 2) {
    errors.add('TRUNCATED', { offset: 0 }, 'shorter than the 2-byte count');
    return;
  }
  const count = ((b[0] as number) << 8) | (b[1] as number);
  readEntries('v4.2', b, 2, count, 'the header', errors, anchors);
}

function readV54(b: Uint8Array, errors: ErrorList, anchors: EspBundleAnchor[]): void {
  if (b.length < 4) {
    errors.add('TRUNCATED', { offset: 0 }, 'shorter than one 4-byte offset');
    return;
  }
  const first = u32le(b, 0);
  if (first === 0 || first % 4 !== 0 || first >= b.length || first / 4 > MAX_ESP_BUNDLE_ENTRIES) {
    errors.add(
      'ESP_BAD_COUNT',
      { offset: 0 },
      `the first offset ${first} must be 4 × the entry count, non-zero and inside the ${b.length}-byte bundle`,
    );
    return;
  }
  readEntries('v5.4', b, first, first / 4, 'the offset table', errors, anchors, (i) => u32le(b, 4 * i));
}

function readAs(format: EspBundleFormat, b: Uint8Array, file: string): EspBundleReadResult {
  const errors = new ErrorList(file);
  const anchors: EspBundleAnchor[] = [];
  if (format === 'v4.2') readV42(b, errors, anchors);
  else readV54(b, errors, anchors);
  for (let i = 1; i < anchors.length; i++) {
    const prev = anchors[i - 1] as EspBundleAnchor;
    const cur = anchors[i] as EspBundleAnchor;
    if (compareBytes(prev.subjectDer, cur.subjectDer) > 0) {
      errors.add(
        'ESP_UNSORTED',
        { offset: cur.offset, index: cur.index },
        `entry ${cur.index} sorts before entry ${prev.index}: ESP-IDF's binary search by subject can miss roots`,
      );
    }
  }
  return { file, format, anchors, errors: errors.done() };
}

/**
 * Reads an ESP-IDF `x509_crt_bundle` (either layout; detected unless `options.format` is given).
 * The result holds trust anchors (subject + key), not certificates: the bundle stores nothing
 * else. Identify them across formats by `key.spkiSha256`.
 *
 * @returns the anchors and an error for every inconsistency: a count or offset the data does not
 *   match, a length past the end, a name or key that is not DER, trailing bytes, unsorted entries
 * @example
 * ```ts
 * await init();
 * const r = readEspBundle(readFileSync('x509_crt_bundle'), { file: 'x509_crt_bundle' });
 * console.log(r.format, r.anchors.map((a) => a.subject.text));
 * ```
 */
export function readEspBundle(input: Uint8Array, options: EspReadOptions = {}): EspBundleReadResult {
  const file = options.file ?? DEFAULT_FILE_NAME;
  if (options.format) return readAs(options.format, input, file);
  const first = input.length >= 4 ? u32le(input, 0) : 0;
  const v54plausible = first > 0 && first % 4 === 0 && first < input.length;
  const v54 = v54plausible ? readAs('v5.4', input, file) : undefined;
  if (v54 && v54.errors.length === 0) return v54;
  const v42 = input.length >= 2 ? readAs('v4.2', input, file) : undefined;
  if (v42 && v42.errors.length === 0) return v42;
  // Neither reads cleanly: report the reading that got further.
  const best = [v54, v42]
    .filter((r) => r !== undefined)
    .sort((a, b) => b.anchors.length - a.anchors.length)[0];
  if (best && best.anchors.length > 0) return best;
  const errors = new ErrorList(file);
  errors.add(
    'ESP_UNKNOWN_FORMAT',
    { offset: 0 },
    'neither ESP-IDF bundle layout (v4.2 or v5.4) fits these bytes',
  );
  for (const r of [v54, v42]) for (const e of r?.errors ?? []) errors.push(e);
  return { file, format: undefined, anchors: [], errors: errors.done() };
}
