// Certificates from what a user pastes or drops. Dropped files go through @hubtrust/roots'
// readers (PEM, DER, C sources such as certs.c, firmware images) and are shown as PEM in their
// text box; the text boxes are read as PEM or DER by @hubtrust/report's reader, as the CLI does.
import { CertificateInputError, readCertificateInput } from '@hubtrust/report';
import { readRootsBytes } from '@hubtrust/roots';
import { derToPem } from '@hubtrust/verify';

/** Input the page could not read. */
export { CertificateInputError as InputError };

/** What a dropped file gave: its certificates as PEM text, and what could not be read. */
export interface Dropped {
  /** PEM text; for an ESP-IDF bundle a `#` comment saying what it holds (it has no certificates). */
  text: string;
  /** roots' name for the format (`pem`, `c-source`, `esp-bundle`, `image`, …). */
  format: string;
  /** e.g. `certs.c (c-source): 3 certificates` */
  summary: string;
  problems: string[];
}

/**
 * Reads a dropped file with roots' readers. An ESP-IDF bundle keeps only the subject and key of
 * each root: it gives no certificate to verify a chain against, but the readiness analysis reads
 * it (the catalog's certificate with the same subject and key stands in).
 * @throws CertificateInputError when it holds no certificate (nor ESP-IDF anchor)
 */
export function readDropped(bytes: Uint8Array, name: string): Dropped {
  const result = readRootsBytes(bytes, { file: name });
  const problems = result.errors.map((e) => e.message);
  if (result.format === 'esp-bundle' && result.anchors.length > 0)
    return {
      text: `# ${name}: ESP-IDF certificate bundle with ${result.anchors.length} roots (subject and key only): the readiness analysis reads it; checking a chain needs the certificates\n`,
      format: result.format,
      summary: `${name} (esp-bundle): ${result.anchors.length} root(s)`,
      problems,
    };
  if (result.certificates.length === 0)
    throw new CertificateInputError(
      `${name}: ${problems[0] ?? `no certificate found (read as ${result.format})`}`,
    );
  const text =
    result.format === 'pem'
      ? new TextDecoder().decode(bytes)
      : result.certificates
          .map(
            (c) =>
              `# ${name} ${c.where.form} at ${c.where.line !== undefined ? `line ${c.where.line}` : `offset ${c.where.offset}`}\n${derToPem(c.der)}`,
          )
          .join('');
  return {
    text,
    format: result.format,
    summary: `${name} (${result.format}): ${result.certificates.length} certificate(s)`,
    problems,
  };
}

/**
 * DER certificates of a text box; a box that is empty or holds only `#` comment lines gives none.
 * @throws CertificateInputError
 */
export function pemCertificates(text: string, name: string): Uint8Array[] {
  return text.replace(/^#.*$/gm, '').trim() ? readCertificateInput(text, name).certificates : [];
}
