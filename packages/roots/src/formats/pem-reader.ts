// Reader for PEM bundles (RFC 7468): `.pem`/`.crt` files, `ca-certificates.crt`, cacert.pem.
import { ErrorList, roomForCertificate } from './collect.js';
import { derHeader } from './der.js';
import { DEFAULT_FILE_NAME } from './errors.js';
import { decodeFound, type ReadResult } from './found.js';
import { CERTIFICATE_LABELS, pemBlocks, TRUSTED_CERTIFICATE_LABEL } from './pem-blocks.js';
import { asText, LineIndex } from './text.js';

/** Options of the readers. */
export interface ReadOptions {
  /** Name used in locations and error messages (default `<input>`). */
  file?: string;
}

/** A PEM block that is not a certificate (a key, a CRL, ...): listed, not decoded. */
export interface SkippedBlock {
  label: string;
  offset: number;
  line: number;
}

/** Result of {@link readPem}. */
export interface PemReadResult extends ReadResult {
  /** Blocks with other labels (`PRIVATE KEY`, `X509 CRL`, ...), which are not certificates. */
  skipped: SkippedBlock[];
}

/**
 * Reads every certificate of a PEM text: `CERTIFICATE` blocks (and the legacy `X509 CERTIFICATE`
 * and OpenSSL `TRUSTED CERTIFICATE` forms). Text between blocks is ignored. Call `init()` of
 * @hubtrust/verify once before (the certificates are decoded by its module).
 *
 * @param input - the file's text, or its bytes (read one byte per character)
 * @returns the certificates with file, line and offset of their BEGIN line; an error for each
 *   block with bad base64, a missing END line, mismatched labels or bytes that are not a certificate
 * @example
 * ```ts
 * await init();
 * const { certificates, errors } = readPem(readFileSync('roots.pem', 'utf8'), { file: 'roots.pem' });
 * for (const c of certificates) console.log(c.where.line, c.certificate.subject.text, c.sha256);
 * ```
 */
export function readPem(input: string | Uint8Array, options: ReadOptions = {}): PemReadResult {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const text = asText(input);
  const lines = new LineIndex(text);
  const errors = new ErrorList(file);
  const certificates: PemReadResult['certificates'] = [];
  const skipped: SkippedBlock[] = [];
  let index = 0;
  for (const block of pemBlocks(text)) {
    const at = lines.at(block.begin);
    const isCert = CERTIFICATE_LABELS.has(block.label) || block.label === TRUSTED_CERTIFICATE_LABEL;
    if (!isCert && block.body.ok) {
      skipped.push({ label: block.label, offset: block.begin, line: at.line });
      continue;
    }
    const blockIndex = index++;
    if (!block.body.ok) {
      const bad = lines.at(block.body.at);
      const code = 'code' in block.body ? block.body.code : 'PEM_BAD_BASE64';
      errors.add(code, { offset: block.body.at, ...bad, index: blockIndex }, block.body.reason);
      continue;
    }
    if (!roomForCertificate(certificates.length, errors, { offset: block.begin, ...at })) break;
    let der = block.body.bytes;
    if (block.label === TRUSTED_CERTIFICATE_LABEL) {
      const h = derHeader(der, 0);
      if (h) der = der.subarray(0, h.end);
    }
    const found = decodeFound(
      der,
      { file, form: 'pem', offset: block.begin, ...at, index: blockIndex },
      errors,
    );
    if (found) certificates.push(found);
  }
  return { file, certificates, errors: errors.done(), skipped };
}
