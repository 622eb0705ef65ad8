// Reader for DER files (.der/.cer): one certificate, or several concatenated (as some tools write
// them and as FreeRTOS-style arrays hold them).
import { ErrorList, roomForCertificate } from './collect.js';
import { derHeader } from './der.js';
import { DEFAULT_FILE_NAME } from './errors.js';
import { decodeFound, type FoundCertificate, type ReadResult } from './found.js';
import type { ReadOptions } from './pem-reader.js';

/**
 * Splits `bytes` into consecutive DER elements and decodes each as a certificate. Used for DER
 * files and for C byte arrays. `place(offset)` gives the location of the element at `offset`;
 * `skip(start, end)` drops an element the caller already reported (a C array element that is not
 * a byte). Returns the certificates; errors go to `errors`.
 */
export function splitDer(
  bytes: Uint8Array,
  errors: ErrorList,
  place: (offset: number) => FoundCertificate['where'],
  skip: (start: number, end: number) => boolean = () => false,
): FoundCertificate[] {
  const out: FoundCertificate[] = [];
  let off = 0;
  while (off < bytes.length) {
    const h = derHeader(bytes, off);
    if (h?.tag !== 0x30) {
      const truncated = h === undefined && bytes[off] === 0x30 && off + 2 <= bytes.length;
      const where = place(off);
      if (truncated) {
        errors.add(
          'TRUNCATED',
          where,
          `a DER SEQUENCE starts here but its length runs past the end (${bytes.length - off} bytes left)`,
        );
      } else if (off === 0) {
        errors.add('NOT_A_CERTIFICATE', where, 'does not start with a DER SEQUENCE');
      } else {
        errors.add(
          'TRAILING_BYTES',
          where,
          `${bytes.length - off} bytes after the last certificate do not form another one`,
        );
      }
      break;
    }
    if (!skip(off, h.end)) {
      if (!roomForCertificate(out.length, errors, place(off))) break;
      const found = decodeFound(bytes.subarray(off, h.end), place(off), errors);
      if (found) out.push(found);
    }
    off = h.end;
  }
  return out;
}

/**
 * Reads a DER file: one certificate or several concatenated.
 *
 * @returns the certificates with their byte offset; `NOT_A_CERTIFICATE`, `TRUNCATED` or
 *   `TRAILING_BYTES` errors for what is not
 * @example
 * ```ts
 * await init();
 * const { certificates } = readDer(readFileSync('BaltimoreCyberTrustRoot.der'), { file: 'Baltimore.der' });
 * ```
 */
export function readDer(input: Uint8Array, options: ReadOptions = {}): ReadResult {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const errors = new ErrorList(file);
  const certificates = splitDer(input, errors, (offset) => ({ file, form: 'der', offset }));
  if (input.length === 0) errors.add('TRUNCATED', { offset: 0 }, 'empty file');
  return { file, certificates, errors: errors.done() };
}
