// Typed errors of the format readers, writers and the image scanner. Readers never throw for bad
// content: they return what they could read plus a list of these errors, each naming the file and
// the position (byte offset, line and column for text, address for images), so a partially
// readable file still yields its good certificates. Thrown only by the `strict` helpers and for
// wrong argument types.

/** Stable codes of {@link FormatError}, grouped by the format they belong to. */
export const FORMAT_ERROR_CODES = [
  // any format
  'NOT_A_CERTIFICATE', // bytes that should be a certificate do not decode (detail: the decoder's code)
  'TRAILING_BYTES', // bytes after the last certificate that do not form another one
  'TRUNCATED', // the input ends inside a structure
  'INPUT_TOO_LARGE', // the input exceeds a documented limit (limits.ts)
  'LIMIT_EXCEEDED', // a count exceeds a documented limit (blocks, symbols, records, ...)
  // PEM (RFC 7468)
  'PEM_BAD_BASE64',
  'PEM_LABEL_MISMATCH',
  'PEM_UNTERMINATED',
  // C / C++ sources
  'C_BAD_ARRAY_ELEMENT', // an element of a certificate byte array that is not a byte
  'C_UNTERMINATED', // a string, raw string, comment or brace list that never ends
  'C_PREPROCESSOR', // #else/#endif without #if, #if without #endif
  // ESP-IDF x509_crt_bundle
  'ESP_UNKNOWN_FORMAT',
  'ESP_BAD_COUNT', // the header's certificate count does not match the data
  'ESP_BAD_OFFSET', // a v5.4 offset does not point right after the previous entry
  'ESP_BAD_LENGTH', // an entry's name or key length runs past the end or is not the DER length
  'ESP_BAD_ENTRY', // an entry's name or key is not valid DER of its type
  'ESP_UNSORTED', // entries are not sorted by subject: ESP-IDF's binary search misses roots
  // ELF
  'ELF_MALFORMED',
  'ELF_OVERLAPPING_SECTIONS',
  // Intel HEX
  'HEX_LINE_TOO_LONG',
  'HEX_BAD_RECORD',
  'HEX_CHECKSUM',
  'HEX_OVERLAP',
] as const;

/** Why a reader could not read part of its input. */
export type FormatErrorCode = (typeof FORMAT_ERROR_CODES)[number];

/** Where in a file something is. Text inputs have line/column (1-based); images an address. */
export interface FilePosition {
  /** Byte offset in the file (character offset for a string input), 0-based. */
  offset?: number;
  /** 1-based line (text inputs). */
  line?: number;
  /** 1-based column (text inputs). */
  column?: number;
  /** Load address (ELF sections, Intel HEX records). */
  address?: number;
  /** Index of the entry within its container (ESP bundle entry, array element, PEM block). */
  index?: number;
}

function positionText(p: FilePosition): string {
  const parts: string[] = [];
  if (p.line !== undefined) parts.push(p.column !== undefined ? `${p.line}:${p.column}` : `${p.line}`);
  if (p.offset !== undefined) parts.push(`offset ${p.offset} (0x${p.offset.toString(16)})`);
  if (p.address !== undefined) parts.push(`address 0x${p.address.toString(16)}`);
  if (p.index !== undefined) parts.push(`entry ${p.index}`);
  return parts.join(', ');
}

/**
 * A problem in an input file, with its file name and position. `message` starts with
 * `file:position:` so it can be printed as is.
 *
 * @example
 * ```ts
 * const r = readPem(text, { file: 'roots.pem' });
 * for (const e of r.errors) console.error(e.message); // roots.pem:12:7, offset 431 (0x1af): PEM_BAD_BASE64 ...
 * ```
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  /** Stable code. */
  readonly code: FormatErrorCode;
  /** The file name given to the reader (`<input>` when none was). */
  readonly file: string;
  /** Where the problem is. */
  readonly position: FilePosition;
  /** Finer reason, e.g. the `@hubtrust/verify` error code for `NOT_A_CERTIFICATE`. */
  readonly detail: string | undefined;

  constructor(code: FormatErrorCode, file: string, position: FilePosition, text: string, detail?: string) {
    const where = positionText(position);
    super(`${file}${where ? `:${where}` : ''}: ${code}: ${text}`);
    this.code = code;
    this.file = file;
    this.position = position;
    this.detail = detail;
  }
}

/** The file name used in messages when the caller gives none. */
export const DEFAULT_FILE_NAME = '<input>';
