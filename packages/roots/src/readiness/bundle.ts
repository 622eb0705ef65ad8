// The device bundle readiness works on: every trust anchor the device holds, from any file the
// readers accept (PEM, DER, C source, ESP-IDF bundle, firmware image) or from their results.
// ESP-IDF bundles keep only a subject and a key per root; such an anchor is matched to the
// catalog certificate with the same subject and key, which then stands in for it in verifyChain
// (its dates are not the device's: ESP-IDF never checks a root's dates, see device.ts).
import { type ParsedCertificate, VerifyError } from '@hubtrust/verify';
import { bySha256, bySpkiSha256, type CatalogCertificate } from '../catalog.js';
import { type RootsFileFormat, type RootsFileResult, readRootsBytes } from '../formats/detect.js';
import type { FormatError } from '../formats/errors.js';
import type { EspBundleAnchor } from '../formats/esp-bundle-reader.js';
import type { CertificateLocation, FoundCertificate } from '../formats/found.js';
import { nameKey } from '../names.js';
import { ReadinessError } from './errors.js';

/** What readiness accepts as the device bundle. */
export type BundleInput =
  | { bytes: Uint8Array; file?: string }
  | { text: string; file?: string }
  | {
      file?: string;
      format?: RootsFileFormat;
      certificates?: readonly FoundCertificate[];
      anchors?: readonly EspBundleAnchor[];
      errors?: readonly FormatError[];
    };

/** One trust anchor of the device. */
export interface BundleAnchor {
  /** Position in the bundle. */
  index: number;
  /** Identity for caches: the SHA-256 of the certificate, or `esp:` + SPKI hash + subject. */
  id: string;
  /** `certificate` (the bundle holds the certificate) or `esp-anchor` (subject and key only). */
  kind: 'certificate' | 'esp-anchor';
  /** The catalog slug, when the catalog knows it (by SHA-256, or for ESP anchors by subject and key). */
  slug?: string;
  /** Subject (RFC 4514) and its normalised key. */
  subject: string;
  subjectKey: string;
  /** SHA-256 of the DER (certificates only). */
  sha256?: string;
  spkiSha256: string;
  /** The certificate verifyChain gets: the bundle's own, or for an ESP anchor the catalog's. */
  der?: Uint8Array;
  /** `der` decoded, when the reader decoded it (the writers reuse it). */
  parsed?: ParsedCertificate;
  /** Validity (ms) of the certificate the device holds; absent for ESP anchors (not stored). */
  notBefore?: number;
  notAfter?: number;
  isCA: boolean;
  /** Key as the decoder saw it. */
  key: { type: string; bits?: number };
  where?: CertificateLocation;
}

/** The device bundle, read. */
export interface DeviceBundle {
  file: string;
  format?: RootsFileFormat;
  anchors: BundleAnchor[];
  errors: FormatError[];
}

function keyOf(k: ParsedCertificate['key']): { type: string; bits?: number } {
  const bits = 'bits' in k && typeof k.bits === 'number' ? k.bits : undefined;
  return bits === undefined ? { type: k.type } : { type: k.type, bits };
}

function fromCertificate(
  c: FoundCertificate,
  index: number,
  catalog: (sha: string) => CatalogCertificate | undefined,
): BundleAnchor {
  const known = catalog(c.sha256);
  const a: BundleAnchor = {
    index,
    id: c.sha256,
    kind: 'certificate',
    subject: c.certificate.subject.text,
    subjectKey: nameKey(c.certificate.subject.text),
    sha256: c.sha256,
    spkiSha256: c.certificate.key.spkiSha256,
    der: c.der,
    parsed: c.certificate,
    notBefore: c.certificate.validity.notBefore.getTime(),
    notAfter: c.certificate.validity.notAfter.getTime(),
    isCA: c.certificate.isCA,
    key: keyOf(c.certificate.key),
    where: c.where,
  };
  if (known) a.slug = known.slug;
  return a;
}

function fromEspAnchor(e: EspBundleAnchor, index: number): BundleAnchor {
  const subjectKey = nameKey(e.subject.text);
  const twin = bySpkiSha256(e.key.spkiSha256).find((c) => c.kind !== 'leaf' && c.subjectKey === subjectKey);
  const a: BundleAnchor = {
    index,
    id: `esp:${e.key.spkiSha256}:${subjectKey}`,
    kind: 'esp-anchor',
    subject: e.subject.text,
    subjectKey,
    spkiSha256: e.key.spkiSha256,
    isCA: true,
    key: keyOf(e.key),
  };
  if (twin) {
    a.slug = twin.slug;
    a.der = twin.der;
  }
  return a;
}

/**
 * Reads the device bundle: bytes or text of any format the readers accept, or a reader's result.
 * @throws ReadinessError `UNREADABLE_BUNDLE` when nothing could be read and there were errors,
 *   `EMPTY_BUNDLE` when the input holds no certificate at all, `INVALID_ARGUMENT` for other input.
 */
export function readDeviceBundle(
  input: BundleInput,
  catalog: (sha: string) => CatalogCertificate | undefined = bySha256,
): DeviceBundle {
  let read: Pick<RootsFileResult, 'file' | 'certificates' | 'anchors' | 'errors'> & {
    format?: RootsFileFormat;
  };
  try {
    if ('bytes' in input && input.bytes instanceof Uint8Array) {
      read = readRootsBytes(input.bytes, input.file ? { file: input.file } : {});
    } else if ('text' in input && typeof input.text === 'string') {
      read = readRootsBytes(new TextEncoder().encode(input.text), input.file ? { file: input.file } : {});
    } else if (input && typeof input === 'object' && ('certificates' in input || 'anchors' in input)) {
      const r = input as Exclude<BundleInput, { bytes: Uint8Array } | { text: string }>;
      read = {
        file: r.file ?? '<bundle>',
        certificates: [...(r.certificates ?? [])],
        anchors: [...(r.anchors ?? [])],
        errors: [...(r.errors ?? [])],
      };
      if (r.format) read.format = r.format;
    } else {
      throw new ReadinessError(
        'INVALID_ARGUMENT',
        'bundle: give { bytes, file }, { text, file } or a reader result ({ certificates } / { anchors })',
      );
    }
  } catch (e) {
    if (e instanceof VerifyError) throw new ReadinessError('UNREADABLE_BUNDLE', `bundle: ${e.message}`);
    throw e;
  }
  const anchors = [
    ...read.certificates.map((c, i) => fromCertificate(c, i, catalog)),
    ...read.anchors.map((e, i) => fromEspAnchor(e, read.certificates.length + i)),
  ];
  if (anchors.length === 0) {
    const [first] = read.errors;
    if (first) {
      throw new ReadinessError(
        'UNREADABLE_BUNDLE',
        `${read.file}: no certificate could be read (${read.errors.length} error${read.errors.length === 1 ? '' : 's'}; first: ${first.message})`,
      );
    }
    throw new ReadinessError(
      'EMPTY_BUNDLE',
      `${read.file}: the bundle holds no certificate, so the device trusts nothing: every TLS connection fails`,
    );
  }
  const out: DeviceBundle = { file: read.file, anchors, errors: [...read.errors] };
  if (read.format) out.format = read.format;
  return out;
}

/** Label of an anchor in reports: its slug, else its subject. */
export function anchorLabel(a: BundleAnchor): string {
  return a.slug ?? a.subject;
}
