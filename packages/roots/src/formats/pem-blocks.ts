// Finding PEM blocks (RFC 7468 §2–3) in text or in raw bytes. Lax where the RFC lets parsers be
// lax (any line length, whitespace anywhere in the body, text between blocks), strict where a
// mistake would change the bytes (base64 alphabet and padding, matching BEGIN/END labels).
// Shared by the PEM reader, the C source reader (on the text of string literals) and the image
// scanner (on bytes, without turning a 100 MB image into a string).
import { type Base64Result, decodeBase64 } from './base64.js';
import { MAX_PEM_BODY_CHARS } from './limits.js';

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';
/** Longest label considered (RFC 7468 labels are short: `CERTIFICATE`, `X509 CRL`, ...). */
const MAX_LABEL = 64;

/** One PEM block: label, positions and the decoded body (or why it did not decode). */
export interface PemBlockSpan {
  label: string;
  /** Index of the first `-` of the BEGIN line. */
  begin: number;
  /** Index just past the last `-` of the END line (or where the search stopped). */
  end: number;
  /** Decoded body, or the failure with the index of the offending character. */
  body:
    | Base64Result
    | { ok: false; at: number; reason: string; code: 'PEM_UNTERMINATED' | 'PEM_LABEL_MISMATCH' };
}

function charAt(src: string | Uint8Array, i: number): number {
  return typeof src === 'string' ? src.charCodeAt(i) : (src[i] as number);
}

/** Index of ASCII `needle` in `src` at or after `from` and before `limit`, or -1. */
export function indexOfAscii(
  src: string | Uint8Array,
  needle: string,
  from: number,
  limit = src.length,
): number {
  if (typeof src === 'string') {
    // Not src.indexOf(needle): it cannot stop at `limit`, and a text of many BEGIN lines without
    // END lines would then cost quadratic time. Stepping from one first character to the next stops.
    const first = needle[0] as string;
    const last = limit - needle.length;
    for (let i = src.indexOf(first, from); i >= 0 && i <= last; i = src.indexOf(first, i + 1)) {
      if (src.startsWith(needle, i)) return i;
    }
    return -1;
  }
  const first = needle.charCodeAt(0);
  const last = limit - needle.length;
  for (let i = src.indexOf(first, from); i >= 0 && i <= last; i = src.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && src[i + k] === needle.charCodeAt(k)) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** Reads `LABEL-----` at `p`; returns the label and the index after the dashes, or undefined. */
function readLabel(src: string | Uint8Array, p: number): { label: string; next: number } | undefined {
  let label = '';
  for (let i = p; i < src.length && i - p <= MAX_LABEL; i++) {
    const c = charAt(src, i);
    if (c === 0x2d) {
      for (let k = 0; k < DASHES.length; k++) if (charAt(src, i + k) !== 0x2d) return undefined;
      return label.length > 0 ? { label, next: i + DASHES.length } : undefined;
    }
    if (c < 0x20 || c > 0x7e) return undefined;
    label += String.fromCharCode(c);
  }
  return undefined;
}

/**
 * The PEM block whose BEGIN line starts at `begin`, or undefined when `begin` does not start a
 * `-----BEGIN LABEL-----` line (text can say "-----BEGIN "). A block whose END line is missing,
 * further than MAX_PEM_BODY_CHARS, or after the next BEGIN is `PEM_UNTERMINATED`.
 */
export function pemBlockAt(
  src: string | Uint8Array,
  begin: number,
  limit = src.length,
): PemBlockSpan | undefined {
  for (let k = 0; k < BEGIN.length; k++) if (charAt(src, begin + k) !== BEGIN.charCodeAt(k)) return undefined;
  const head = readLabel(src, begin + BEGIN.length);
  if (!head) return undefined;
  const bodyStart = head.next;
  // The END line is looked for only before the next BEGIN: with many BEGIN lines and no END,
  // each search stops at the next block, so the work stays linear in the input.
  const searchLimit = Math.min(limit, bodyStart + MAX_PEM_BODY_CHARS);
  const nextBegin = indexOfAscii(src, BEGIN, bodyStart, searchLimit);
  const endAt = indexOfAscii(src, END, bodyStart, nextBegin >= 0 ? nextBegin : searchLimit);
  if (endAt < 0) {
    const stop = nextBegin >= 0 ? nextBegin : searchLimit;
    return {
      label: head.label,
      begin,
      end: stop,
      body: {
        ok: false,
        at: begin,
        reason: `"-----BEGIN ${head.label}-----" has no END line${nextBegin >= 0 ? ' before the next BEGIN' : ''}`,
        code: 'PEM_UNTERMINATED',
      },
    };
  }
  const tail = readLabel(src, endAt + END.length);
  if (!tail || tail.label !== head.label) {
    return {
      label: head.label,
      begin,
      end: tail ? tail.next : endAt + END.length,
      body: {
        ok: false,
        at: endAt,
        reason: `BEGIN "${head.label}" does not match END "${tail?.label ?? '(unreadable)'}"`,
        code: 'PEM_LABEL_MISMATCH',
      },
    };
  }
  return { label: head.label, begin, end: tail.next, body: decodeBase64(src, bodyStart, endAt) };
}

/** Every PEM block in `src[from, limit)`, in order (see {@link pemBlockAt}). */
export function* pemBlocks(src: string | Uint8Array, from = 0, limit = src.length): Generator<PemBlockSpan> {
  let pos = from;
  while (pos < limit) {
    const begin = indexOfAscii(src, BEGIN, pos, limit);
    if (begin < 0) return;
    const block = pemBlockAt(src, begin, limit);
    if (!block) {
      pos = begin + BEGIN.length;
      continue;
    }
    yield block;
    pos = Math.max(block.end, begin + 1);
  }
}

/** Labels whose body is a certificate: RFC 7468 §5 and its legacy alias `X509 CERTIFICATE`. */
export const CERTIFICATE_LABELS: ReadonlySet<string> = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);

/**
 * OpenSSL's `TRUSTED CERTIFICATE` (a certificate followed by OpenSSL's trust settings): the
 * certificate is the leading DER element.
 */
export const TRUSTED_CERTIFICATE_LABEL = 'TRUSTED CERTIFICATE';
