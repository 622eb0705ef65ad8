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
  text: string;
  /** e.g. `certs.c (c-source): 3 certificates` */
  summary: string;
  problems: string[];
}

/**
 * Reads a dropped file with roots' readers. @throws CertificateInputError when it holds no
 * certificate (an ESP-IDF bundle keeps only subjects and keys, so it cannot be verified against)
 */
export function readDropped(bytes: Uint8Array, name: string): Dropped {
  const result = readRootsBytes(bytes, { file: name });
  const problems = result.errors.map((e) => e.message);
  if (result.certificates.length === 0) {
    const why =
      result.format === 'esp-bundle'
        ? 'an ESP-IDF bundle keeps only the subject and key of each root, not the certificates'
        : (problems[0] ?? `no certificate found (read as ${result.format})`);
    throw new CertificateInputError(`${name}: ${why}`);
  }
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
    summary: `${name} (${result.format}): ${result.certificates.length} certificate(s)`,
    problems,
  };
}

/** DER certificates of a text box; an empty box gives none. @throws CertificateInputError */
export function pemCertificates(text: string, name: string): Uint8Array[] {
  return text.trim() ? readCertificateInput(text, name).certificates : [];
}
