// What a user dropped or pasted, so the page can route it without asking: the chain a hub sends,
// the roots a device trusts (a certificate bundle, a C source such as certs.c, an ESP-IDF bundle,
// a firmware image), or a device log. The user can override the guess (main.ts); this file only
// guesses, from the file name's extension and the bytes, and says why in words.
//
// Rules, in order (the first that applies wins):
// 1. A C/C++ source by extension, an ELF or Intel HEX image by content (@hubtrust/roots'
//    detectors) → the device's roots.
// 2. Binary data (under 90 % text, UTF-8 counted as text, in the first 64 KiB): a DER certificate
//    → certificates; an ESP-IDF bundle → roots; anything else → a firmware image to scan (roots).
//    A serial log with line noise stays above 90 % text; random bytes or code stay far below.
// 3. Text that reads as C (roots' C heuristic) → roots.
// 4. Text with PEM CERTIFICATE blocks → certificates, unless the text around the blocks is a log
//    @hubtrust/logs recognises (openssl s_client -showcerts, a debug log that dumps the chain):
//    then a log, noting the certificates it holds.
// 5. Any other text → a log (the explanation says when it finds no TLS outcome in it).
// Certificates go to the chain when the first one is not a CA (a server certificate leads every
// chain a hub sends), else to the roots (a bundle of CA certificates).
import { explainLog } from '@hubtrust/logs';
import { detectImageFormat, detectRootsFormat, readRootsBytes } from '@hubtrust/roots';

/** Where an input goes on the page. */
export type InputKind = 'chain' | 'roots' | 'log';

/** Words for each kind, as the page shows them. */
export const KIND_LABEL: Readonly<Record<InputKind, string>> = {
  chain: 'the chain the hub sends',
  roots: 'the roots the device trusts',
  log: 'a device log',
};

/** The guess and its reason. */
export interface Detection {
  kind: InputKind;
  /** What the bytes are: `pem`, `der`, `c-source`, `elf`, `ihex`, `firmware`, `esp-bundle`, `text`. */
  format: string;
  /** Why, in a sentence fragment (`a C source (.c)`). */
  reason: string;
}

/** Bytes examined to tell text from binary (as @hubtrust/roots' format detection). */
const PROBE_BYTES = 64 * 1024;
/** Share of text bytes above which the input is text. */
const TEXT_SHARE = 0.9;
const C_EXTENSIONS = /\.(c|h|cc|cpp|cxx|hpp|hh|ino|pde)$/i;
const PEM_BEGIN = '-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----';
const PEM_END = '-----END ';

/** Length of the valid UTF-8 multi-byte sequence at `i` (2–4), or 0. */
function utf8Sequence(b: Uint8Array, i: number, end: number): number {
  const c = b[i] as number;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > end) return 0;
  for (let k = 1; k < n; k++) if (((b[i + k] as number) & 0xc0) !== 0x80) return 0;
  return n;
}

/** Share of the first PROBE_BYTES that are text: printable ASCII, tab, CR, LF, ESC, valid UTF-8. */
export function textShare(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, PROBE_BYTES);
  if (end === 0) return 1;
  let text = 0;
  let i = 0;
  // Each step advances i by at least 1, so this ends within PROBE_BYTES steps.
  while (i < end) {
    const c = bytes[i] as number;
    if ((c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x1b) {
      text++;
      i++;
      continue;
    }
    const n = c >= 0x80 ? utf8Sequence(bytes, i, end) : 0;
    if (n > 0) {
      text += n;
      i += n;
    } else i++;
  }
  return text / end;
}

/**
 * The PEM certificate blocks of a text and the text around them. One pass: each block's END is
 * searched from its BEGIN, and a BEGIN without an END ends the scan (a hostile text with many
 * BEGIN lines stays linear).
 */
function splitPem(text: string): { blocks: number; around: string } {
  const around: string[] = [];
  let blocks = 0;
  let pos = 0;
  const begin = new RegExp(PEM_BEGIN, 'g');
  // Each iteration moves pos past an END line, so it ends.
  for (let m = begin.exec(text); m !== null; m = begin.exec(text)) {
    const end = text.indexOf(PEM_END, m.index);
    if (end < 0) break;
    const lineEnd = text.indexOf('\n', end);
    around.push(text.slice(pos, m.index));
    blocks++;
    pos = lineEnd < 0 ? text.length : lineEnd;
    begin.lastIndex = pos;
  }
  around.push(text.slice(pos));
  return { blocks, around: around.join('') };
}

/**
 * UTF-8 bytes of an input: a text with a UTF-16 byte-order mark (Windows PowerShell's `>` writes
 * UTF-16LE with one) is transcoded, anything else is returned as it is. Decoding is bounded by
 * the input's length.
 * @returns the bytes, and the encoding that was converted (absent when none was)
 */
export function utf8Of(bytes: Uint8Array): { bytes: Uint8Array; converted?: 'UTF-16LE' | 'UTF-16BE' } {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return { bytes };
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  return { bytes: new TextEncoder().encode(text), converted: le ? 'UTF-16LE' : 'UTF-16BE' };
}

/** Chain or roots, from the first certificate: a server certificate leads a chain; CAs are roots. */
function certificatesKind(bytes: Uint8Array, name: string, format: string, what: string): Detection {
  const first = readRootsBytes(bytes, { file: name }).certificates[0]?.certificate;
  if (first && !first.isCA)
    return {
      kind: 'chain',
      format,
      reason: `${what} starting with a server certificate (${first.subject.text}, not a CA)`,
    };
  return {
    kind: 'roots',
    format,
    reason: first
      ? `${what} starting with a CA certificate (${first.subject.text})`
      : `${what} in which no certificate could be read`,
  };
}

/**
 * Guesses what a dropped or pasted input is (see the file header for the rules).
 * @param name - the file name (`pasted text` for a paste): only its extension is used
 * @example detectInput(new TextEncoder().encode('E (4536) esp-tls: …'), 'boot.log').kind // 'log'
 */
export function detectInput(bytes: Uint8Array, name: string): Detection {
  if (C_EXTENSIONS.test(name)) return { kind: 'roots', format: 'c-source', reason: 'a C source file' };
  const image = detectImageFormat(bytes);
  if (image !== 'raw')
    return {
      kind: 'roots',
      format: image,
      reason: image === 'elf' ? 'an ELF firmware image' : 'an Intel HEX firmware image',
    };
  if (textShare(bytes) < TEXT_SHARE) {
    const format = detectRootsFormat(bytes, name);
    if (format === 'der') return certificatesKind(bytes, name, 'der', 'a DER certificate file');
    if (format === 'esp-bundle')
      return { kind: 'roots', format, reason: 'an ESP-IDF certificate bundle (x509_crt_bundle)' };
    return { kind: 'roots', format: 'firmware', reason: 'binary data, scanned as a firmware image' };
  }
  if (detectRootsFormat(bytes, name) === 'c-source')
    return { kind: 'roots', format: 'c-source', reason: 'text that reads as C source' };
  const { blocks, around } = splitPem(new TextDecoder().decode(bytes));
  if (blocks > 0) {
    const log = explainLog(around);
    if (log.cause !== 'other' && log.evidence.length > 0)
      return {
        kind: 'log',
        format: 'text',
        reason: `a ${log.stack === 'unknown' ? '' : `${log.stack} `}log that also holds ${blocks} certificate${blocks === 1 ? '' : 's'}`,
      };
    return certificatesKind(
      bytes,
      name,
      'pem',
      `PEM text with ${blocks} certificate${blocks === 1 ? '' : 's'}`,
    );
  }
  return { kind: 'log', format: 'text', reason: 'text without certificates' };
}
