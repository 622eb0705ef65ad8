// What every reader returns: certificates with where they were found, plus typed errors.
import { type ParsedCertificate, parseCertificate, VerifyError } from '@hubtrust/verify';
import type { ErrorList } from './collect.js';
import type { FilePosition, FormatError } from './errors.js';

/** The shape a certificate had in the file. */
export type CertificateForm =
  | 'pem' // a PEM block in a text file or an image
  | 'der' // DER bytes (a .der/.cer file, or raw DER inside an image)
  | 'pem-string' // C string literal(s) holding a PEM block (certs.c style)
  | 'pem-define' // a #define whose string literals hold a PEM block
  | 'raw-string' // a C++ raw string literal R"delim(...)delim" (Arduino PROGMEM)
  | 'der-array' // a C brace list of byte values
  | 'der-string'; // a C string literal holding DER bytes ("\x30\x82...")

/** Where a certificate was found. Fields that do not apply to the input are absent. */
export interface CertificateLocation extends FilePosition {
  /** The file name given to the reader (`<input>` when none was). */
  file: string;
  /** The shape the certificate had. */
  form: CertificateForm;
  /** Byte offset (character offset for a string input) where the certificate's text or bytes start. */
  offset: number;
  /** C sources: the declared variable or macro that holds it. ELF: the symbol whose range holds it. */
  symbol?: string;
  /** C sources: the preprocessor condition it is compiled under, e.g. `defined(USE_BALTIMORE_CERT)`. */
  condition?: string;
  /** C sources: the last comment before it (often names the root). */
  comment?: string;
  /** ELF: the section holding it. */
  section?: string;
}

/** A certificate found by a reader or the scanner. */
export interface FoundCertificate {
  /** The DER bytes. */
  der: Uint8Array;
  /** SHA-256 of `der`, lower-case hex (computed by @hubtrust/verify). */
  sha256: string;
  /** Decoded fields (subject, issuer, validity, key, extensions, ...). */
  certificate: ParsedCertificate;
  /** Where it was found. */
  where: CertificateLocation;
}

/** What a reader returns: everything it could read, and an error for everything it could not. */
export interface ReadResult {
  file: string;
  certificates: FoundCertificate[];
  errors: FormatError[];
}

/**
 * Decodes one certificate with @hubtrust/verify and wraps it with its location; on failure adds a
 * `NOT_A_CERTIFICATE` error at `errorAt` (default: the location) and returns undefined.
 */
export function decodeFound(
  der: Uint8Array,
  where: CertificateLocation,
  errors: ErrorList,
  errorAt: FilePosition = where,
): FoundCertificate | undefined {
  try {
    const certificate = parseCertificate(der);
    return { der: certificate.der, sha256: certificate.fingerprints.sha256, certificate, where };
  } catch (e) {
    if (!(e instanceof VerifyError)) throw e;
    errors.add(
      'NOT_A_CERTIFICATE',
      positionOf(errorAt),
      `not a certificate the decoder accepts: ${e.message}`,
      e.code,
    );
    return undefined;
  }
}

function positionOf(p: FilePosition): FilePosition {
  const out: FilePosition = {};
  if (p.offset !== undefined) out.offset = p.offset;
  if (p.line !== undefined) out.line = p.line;
  if (p.column !== undefined) out.column = p.column;
  if (p.address !== undefined) out.address = p.address;
  if (p.index !== undefined) out.index = p.index;
  return out;
}

/**
 * Throws the first error of a read, for callers that want all-or-nothing.
 * @throws FormatError the first error in `result.errors`
 * @example
 * ```ts
 * const certs = strict(readPem(text, { file: 'ca.pem' })).certificates;
 * ```
 */
export function strict<T extends { errors: readonly FormatError[] }>(result: T): T {
  const [first] = result.errors;
  if (first) throw first;
  return result;
}
