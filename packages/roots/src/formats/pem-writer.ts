// Writers for PEM bundles (RFC 7468 §5: 64-character lines, LF) and DER files (one per
// certificate: most tools read only the first certificate of a DER file, so none is concatenated).
import { derToPem } from '@hubtrust/verify';
import {
  type CertificateInput,
  commonWarnings,
  decodeInputs,
  type SizeReport,
  type WarningOptions,
  type WriterCertificate,
  type WriterWarning,
} from './writer-input.js';

/** Result of {@link writePem}. */
export interface PemWriteResult {
  /** The bundle text (LF line endings, one block per certificate, each preceded by a comment line). */
  text: string;
  size: SizeReport;
  warnings: WriterWarning[];
}

/** Options of {@link writePem}. */
export interface PemWriteOptions extends WarningOptions {
  /** Put a `# subject / SHA-256 / notAfter` comment before each block (default true; RFC 7468 allows text between blocks). */
  comments?: boolean;
}

/** Bytes per certificate, in input order. */
export function perCertificate(
  certs: readonly WriterCertificate[],
  bytes: (c: WriterCertificate) => number,
): SizeReport['perCertificate'] {
  return certs.map((c) => ({ sha256: c.sha256, subject: c.certificate.subject.text, bytes: bytes(c) }));
}

/** A one-line description: subject, SHA-256, notAfter (for comments). */
export function describeForComment(c: WriterCertificate): string {
  return `${c.label ? `${c.label}: ` : ''}${c.certificate.subject.text} | SHA-256 ${c.sha256} | notAfter ${c.certificate.validity.notAfter.toISOString().slice(0, 10)}`;
}

const utf8 = (s: string) => new TextEncoder().encode(s).length;

/**
 * Writes certificates as one PEM bundle.
 * @throws FormatError `NOT_A_CERTIFICATE` for an input that does not decode; TypeError for an empty list
 * @example
 * ```ts
 * const { text, size, warnings } = writePem(certs, { now: new Date('2026-12-01') });
 * writeFileSync('roots.pem', text);
 * ```
 */
export function writePem(inputs: readonly CertificateInput[], options: PemWriteOptions = {}): PemWriteResult {
  const certs = decodeInputs(inputs, 'writePem');
  const comments = options.comments ?? true;
  const blocks = certs.map((c) => `${comments ? `# ${describeForComment(c)}\n` : ''}${derToPem(c.der)}`);
  const text = blocks.join('');
  const bytes = utf8(text);
  return {
    text,
    size: {
      format: 'pem',
      certificates: certs.length,
      fileBytes: bytes,
      flashBytes: bytes,
      perCertificate: perCertificate(certs, (c) => derToPem(c.der).length),
    },
    warnings: commonWarnings(certs, options),
  };
}

/** One written DER file. */
export interface DerFile {
  /** Suggested file name: the label (or an index and the subject's CN), `.der`. */
  name: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Result of {@link writeDer}. */
export interface DerWriteResult {
  files: DerFile[];
  size: SizeReport;
  warnings: WriterWarning[];
}

function fileStem(c: WriterCertificate, index: number): string {
  if (c.label) return c.label.replace(/[^A-Za-z0-9._-]+/g, '-');
  const cn = c.certificate.subject.attributes.find((a) => a.type === 'CN')?.value ?? 'certificate';
  return `${index}-${cn
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()}`;
}

/**
 * Writes each certificate as its own DER file.
 * @throws FormatError `NOT_A_CERTIFICATE` for an input that does not decode; TypeError for an empty list
 * @example
 * ```ts
 * for (const f of writeDer(certs).files) writeFileSync(f.name, f.bytes);
 * ```
 */
export function writeDer(inputs: readonly CertificateInput[], options: WarningOptions = {}): DerWriteResult {
  const certs = decodeInputs(inputs, 'writeDer');
  const files = certs.map((c, i) => ({
    name: `${fileStem(c, i)}.der`,
    bytes: c.der.slice(),
    sha256: c.sha256,
  }));
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  return {
    files,
    size: {
      format: 'der',
      certificates: certs.length,
      fileBytes: total,
      flashBytes: total,
      perCertificate: perCertificate(certs, (c) => c.der.length),
    },
    warnings: commonWarnings(certs, options),
  };
}
