// Writer for ESP-IDF `x509_crt_bundle` files in both layouts (esp-bundle-format.ts), byte for byte
// what ESP-IDF's gen_crt_bundle.py writes for the same roots: entries sorted by the subject's DER
// bytes (Python `bytes` order, stable for equal subjects), the subject and SPKI copied from the
// certificate. (gen_crt_bundle.py re-encodes both through pyca/cryptography, which yields the
// certificate's own bytes for DER-canonical names and keys, as every decodable certificate has.)
import { ErrorList } from './collect.js';
import { compareBytes, subjectAndKey } from './der.js';
import { FormatError } from './errors.js';
import {
  ESP_ENTRY_HEADER_BYTES,
  type EspBundleFormat,
  espHeaderBytes,
  putEspU16,
} from './esp-bundle-format.js';
import { readEspBundle } from './esp-bundle-reader.js';
import { ESP_IDF_DEFAULT_MAX_CERTS, MAX_ESP_BUNDLE_ENTRIES } from './limits.js';
import {
  type CertificateInput,
  commonWarnings,
  decodeInputs,
  type SizeReport,
  type WarningOptions,
  type WriterCertificate,
  type WriterWarning,
} from './writer-input.js';

/** Options of {@link writeEspBundle}. */
export interface EspWriteOptions extends WarningOptions {
  /** Layout: `'v4.2'` for ESP-IDF v4.2 – v5.3.x, `'v5.4'` for v5.4 onward. */
  format: EspBundleFormat;
}

/** Result of {@link writeEspBundle}. */
export interface EspWriteResult {
  bytes: Uint8Array;
  format: EspBundleFormat;
  size: SizeReport;
  warnings: WriterWarning[];
}

interface Entry {
  cert: WriterCertificate;
  subject: Uint8Array;
  spki: Uint8Array;
}

function espWarnings(entries: readonly Entry[], options: EspWriteOptions): WriterWarning[] {
  const now = options.now ?? new Date();
  const out: WriterWarning[] = [];
  const expired = entries.filter((e) => e.cert.certificate.validity.notAfter.getTime() < now.getTime());
  out.push({
    code: 'ESP_IGNORES_EXPIRY',
    message:
      expired.length > 0
        ? `the bundle stores no validity: ESP-IDF keeps trusting ${expired.map((e) => e.cert.label ?? e.cert.certificate.subject.text).join(', ')} after expiry (only the signature of the first certificate below the root is checked)`
        : 'the bundle stores no validity: ESP-IDF will keep trusting these roots after they expire (only the signature of the first certificate below the root is checked)',
  });
  const constrained = entries.filter(
    (e) => e.cert.certificate.extensions.nameConstraints || e.cert.certificate.extensions.extKeyUsage,
  );
  out.push({
    code: 'DROPS_INFORMATION',
    message: `an ESP bundle keeps only subject and public key: validity, issuer, serial, extensions and signature are dropped, so the bundle cannot be turned back into certificates${constrained.length > 0 ? `; the name constraints / extended key usage of ${constrained.map((e) => e.cert.certificate.subject.text).join(', ')} are not enforced by the device` : ''}`,
  });
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1] as Entry;
    const b = entries[i] as Entry;
    if (compareBytes(a.subject, b.subject) === 0 && compareBytes(a.spki, b.spki) !== 0) {
      out.push({
        code: 'ESP_SUBJECT_SHADOWED',
        message: `two roots with different keys have the subject ${b.cert.certificate.subject.text}: ESP-IDF's binary search by subject finds only one of them, so chains to the other fail`,
        sha256: b.cert.sha256,
        subject: b.cert.certificate.subject.text,
      });
    }
  }
  if (entries.length > ESP_IDF_DEFAULT_MAX_CERTS) {
    out.push({
      code: 'ESP_TOO_MANY',
      message: `${entries.length} roots: ESP-IDF refuses more than CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_MAX_CERTS (default ${ESP_IDF_DEFAULT_MAX_CERTS})`,
    });
  }
  return out;
}

/**
 * Encodes entries (subject + key) in a layout, sorted by subject bytes (stable, as
 * gen_crt_bundle.py's `sorted`).
 */
function encodeEspBundle<T extends { subject: Uint8Array; spki: Uint8Array }>(
  entries: readonly T[],
  format: EspBundleFormat,
): { bytes: Uint8Array; sorted: T[] } {
  const sorted = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compareBytes(a.e.subject, b.e.subject) || a.i - b.i)
    .map((x) => x.e);
  const header = espHeaderBytes(format, sorted.length);
  const total = sorted.reduce(
    (n, e) => n + ESP_ENTRY_HEADER_BYTES + e.subject.length + e.spki.length,
    header,
  );
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  if (format === 'v4.2') putEspU16(format, bytes, 0, sorted.length);
  let p = header;
  sorted.forEach((e, i) => {
    if (format === 'v5.4') view.setUint32(4 * i, p, true);
    putEspU16(format, bytes, p, e.subject.length);
    putEspU16(format, bytes, p + 2, e.spki.length);
    bytes.set(e.subject, p + ESP_ENTRY_HEADER_BYTES);
    bytes.set(e.spki, p + ESP_ENTRY_HEADER_BYTES + e.subject.length);
    p += ESP_ENTRY_HEADER_BYTES + e.subject.length + e.spki.length;
  });
  return { bytes, sorted };
}

/**
 * Re-encodes an ESP-IDF bundle in the other layout (for a custom bundle passed to
 * `esp_crt_bundle_set` when moving between ESP-IDF 5.3 and 5.4), keeping every anchor's subject
 * and key bytes. Reads with {@link readEspBundle}; refuses a bundle that does not read cleanly.
 * @throws FormatError the reader's first error when the input has any
 * @example
 * ```ts
 * const v54 = convertEspBundle(readFileSync('x509_crt_bundle'), 'v5.4');
 * ```
 */
export function convertEspBundle(input: Uint8Array, format: EspBundleFormat, file?: string): Uint8Array {
  if (format !== 'v4.2' && format !== 'v5.4') {
    throw new TypeError(`convertEspBundle: format must be 'v4.2' or 'v5.4', got ${String(format)}`);
  }
  const read = readEspBundle(input, file ? { file } : {});
  const [first] = read.errors;
  if (first) throw first;
  return encodeEspBundle(
    read.anchors.map((a) => ({ subject: a.subjectDer, spki: a.spkiDer })),
    format,
  ).bytes;
}

/**
 * Writes an ESP-IDF `x509_crt_bundle`.
 * @throws FormatError `NOT_A_CERTIFICATE` for an input that does not decode, `LIMIT_EXCEEDED` for
 *   more than 65,535 roots or a name or key longer than 65,535 bytes; TypeError for an empty list
 *   or an unknown format
 * @example
 * ```ts
 * const { bytes, warnings } = writeEspBundle(certs, { format: 'v5.4' });
 * writeFileSync('x509_crt_bundle', bytes); // then esp_crt_bundle_set(bytes, size) or embed it
 * ```
 */
export function writeEspBundle(
  inputs: readonly CertificateInput[],
  options: EspWriteOptions,
): EspWriteResult {
  const format = options?.format;
  if (format !== 'v4.2' && format !== 'v5.4')
    throw new TypeError(`writeEspBundle: format must be 'v4.2' or 'v5.4', got ${String(format)}`);
  const certs = decodeInputs(inputs, 'writeEspBundle');
  if (certs.length > MAX_ESP_BUNDLE_ENTRIES) {
    throw new FormatError(
      'LIMIT_EXCEEDED',
      'writeEspBundle input',
      {},
      `${certs.length} roots: a bundle holds at most ${MAX_ESP_BUNDLE_ENTRIES}`,
    );
  }
  const errors = new ErrorList('writeEspBundle input');
  const entries: Entry[] = certs.map((cert, index) => {
    const parts = subjectAndKey(cert.der);
    if (!parts || parts.subject.length > 0xffff || parts.spki.length > 0xffff) {
      errors.add('LIMIT_EXCEEDED', { index }, 'subject or key does not fit a 16-bit length');
      return { cert, subject: new Uint8Array(0), spki: new Uint8Array(0) };
    }
    return { cert, subject: parts.subject, spki: parts.spki };
  });
  const [first] = errors.done();
  if (first) throw first;
  // Array.prototype.sort is stable (ES2019), like Python's sorted().
  const { bytes, sorted } = encodeEspBundle(entries, format);
  const total = bytes.length;
  const perEntry = new Map(
    entries.map((e) => [
      e,
      ESP_ENTRY_HEADER_BYTES + e.subject.length + e.spki.length + (format === 'v5.4' ? 4 : 0),
    ]),
  );
  return {
    bytes,
    format,
    size: {
      format: `esp-bundle-${format}`,
      certificates: sorted.length,
      fileBytes: total,
      flashBytes: total,
      perCertificate: entries.map((e) => ({
        sha256: e.cert.sha256,
        subject: e.cert.certificate.subject.text,
        bytes: perEntry.get(e) ?? 0,
      })),
    },
    warnings: [...commonWarnings(certs, options), ...espWarnings(sorted, options)],
  };
}
