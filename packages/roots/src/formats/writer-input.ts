// What the writers take and what every writer returns besides its bytes: a size report and the
// warnings a firmware engineer needs before shipping a trust store.
import { type ParsedCertificate, parseCertificate, VerifyError } from '@hubtrust/verify';
import { usedBySomeProfile } from '../profile-use.js';
import { FormatError } from './errors.js';

/**
 * A certificate to write: DER bytes, PEM text, or anything with a `der` (a reader's
 * {@link FoundCertificate}, a catalog entry). `label` (or `slug`) names it in comments and file names.
 */
export type CertificateInput = Uint8Array | string | { der: Uint8Array; label?: string; slug?: string };

/** A decoded writer input. */
export interface WriterCertificate {
  der: Uint8Array;
  certificate: ParsedCertificate;
  sha256: string;
  label: string | undefined;
}

type DecodedInput = {
  der: Uint8Array;
  sha256: string;
  certificate: ParsedCertificate;
  label?: string;
  slug?: string;
};

function isDecoded(input: CertificateInput): input is DecodedInput {
  if (typeof input !== 'object' || input instanceof Uint8Array || input === null) return false;
  const d = input as Partial<DecodedInput>;
  return (
    d.der instanceof Uint8Array &&
    typeof d.sha256 === 'string' &&
    typeof d.certificate === 'object' &&
    d.certificate !== null &&
    d.certificate.der === d.der &&
    d.certificate.fingerprints?.sha256 === d.sha256
  );
}

/**
 * Decodes the writer inputs (a reader's {@link FoundCertificate} is used as decoded).
 * @throws FormatError `NOT_A_CERTIFICATE` (position `index` = the input's index) for an input the
 *   decoder rejects; TypeError for an empty list or a wrong type
 */
export function decodeInputs(inputs: readonly CertificateInput[], what: string): WriterCertificate[] {
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new TypeError(`${what} needs at least one certificate`);
  return inputs.map((input, index) => {
    // A reader's result (or a readiness anchor) was decoded already: do not decode it again.
    if (isDecoded(input)) {
      const label = input.label ?? input.slug;
      return { der: input.der, certificate: input.certificate, sha256: input.sha256, label };
    }
    const der = typeof input === 'string' || input instanceof Uint8Array ? input : input?.der;
    if (!(der instanceof Uint8Array) && typeof der !== 'string') {
      throw new TypeError(`${what}: input ${index} is neither DER bytes, PEM text nor an object with a der`);
    }
    let certificate: ParsedCertificate;
    try {
      certificate = parseCertificate(der);
    } catch (e) {
      if (!(e instanceof VerifyError)) throw e;
      throw new FormatError('NOT_A_CERTIFICATE', `${what} input`, { index }, e.message, e.code);
    }
    const label =
      typeof input === 'object' && !(input instanceof Uint8Array) ? (input.label ?? input.slug) : undefined;
    return { der: certificate.der, certificate, sha256: certificate.fingerprints.sha256, label };
  });
}

/** Stable codes of {@link WriterWarning}. */
export type WriterWarningCode =
  | 'EXPIRED' // notAfter is before `now`
  | 'EXPIRES_SOON' // notAfter is within the horizon
  | 'NOT_YET_VALID' // notBefore is after `now`
  | 'NOT_A_CA' // not a CA certificate (a leaf or an intermediate pinned as a root?)
  | 'DUPLICATE_CERTIFICATE' // the same DER twice
  | 'DUPLICATE_SUBJECT' // different certificates with the same subject (cross-signs, re-keys)
  | 'UNUSED_BY_PROFILES' // no cloud profile uses this root
  | 'ESP_IGNORES_EXPIRY' // ESP bundles store no validity: the device trusts the root after it expires
  | 'ESP_SUBJECT_SHADOWED' // ESP-IDF's binary search by subject finds only one of several same-subject roots
  | 'ESP_TOO_MANY' // more roots than ESP-IDF's default CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_MAX_CERTS
  | 'DROPS_INFORMATION'; // the format cannot hold everything the certificates say

/** Something to check before shipping the written trust store. */
export interface WriterWarning {
  code: WriterWarningCode;
  message: string;
  /** SHA-256 of the certificate concerned, when it is about one. */
  sha256?: string;
  /** Its subject (RFC 4514). */
  subject?: string;
}

/** Options every writer takes for its warnings. */
export interface WarningOptions {
  /** The date the warnings are computed for (default: now). */
  now?: Date;
  /** Warn about roots expiring within this many days of `now` (default 365: one firmware release cycle). */
  horizonDays?: number;
  /**
   * Whether some cloud profile uses the root with this SHA-256. Default: the catalog and the cloud
   * profiles (`usedBySomeProfile`: a profile chain ends at the certificate or at one with its key;
   * certificates the catalog does not know count as unused). `false`: no `UNUSED_BY_PROFILES`
   * warnings (private PKIs).
   */
  usedBySomeProfile?: ((sha256Hex: string) => boolean) | false;
}

/** Default warning horizon: 365 days. */
export const DEFAULT_HORIZON_DAYS = 365;

const DAY_MS = 86_400_000;

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function about(c: WriterCertificate): { sha256: string; subject: string } {
  return { sha256: c.sha256, subject: c.certificate.subject.text };
}

function name(c: WriterCertificate): string {
  return c.label ?? c.certificate.subject.text;
}

/** Warnings that hold for any format: validity, CA flag, duplicates, profile use. */
export function commonWarnings(
  certs: readonly WriterCertificate[],
  options: WarningOptions = {},
): WriterWarning[] {
  const now = options.now ?? new Date();
  const horizon = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const used = options.usedBySomeProfile === undefined ? usedBySomeProfile : options.usedBySomeProfile;
  const out: WriterWarning[] = [];
  const seenDer = new Map<string, number>();
  const bySubject = new Map<string, WriterCertificate[]>();
  certs.forEach((c, i) => {
    const { notBefore, notAfter } = c.certificate.validity;
    if (notAfter.getTime() < now.getTime()) {
      out.push({ code: 'EXPIRED', message: `${name(c)} expired on ${day(notAfter)}`, ...about(c) });
    } else if (notAfter.getTime() < now.getTime() + horizon * DAY_MS) {
      out.push({
        code: 'EXPIRES_SOON',
        message: `${name(c)} expires on ${day(notAfter)}, within ${horizon} days of ${day(now)}`,
        ...about(c),
      });
    }
    if (notBefore.getTime() > now.getTime()) {
      out.push({
        code: 'NOT_YET_VALID',
        message: `${name(c)} is valid only from ${day(notBefore)}`,
        ...about(c),
      });
    }
    if (!c.certificate.isCA) {
      out.push({
        code: 'NOT_A_CA',
        message: `${name(c)} is not a CA certificate: pinning a leaf breaks at its next renewal`,
        ...about(c),
      });
    }
    const first = seenDer.get(c.sha256);
    if (first !== undefined) {
      out.push({
        code: 'DUPLICATE_CERTIFICATE',
        message: `input ${i} repeats input ${first} (${name(c)})`,
        ...about(c),
      });
    } else seenDer.set(c.sha256, i);
    const key = c.certificate.subject.text;
    const list = bySubject.get(key) ?? [];
    if (first === undefined) list.push(c);
    bySubject.set(key, list);
    if (used && !used(c.sha256)) {
      out.push({ code: 'UNUSED_BY_PROFILES', message: `no cloud profile uses ${name(c)}`, ...about(c) });
    }
  });
  for (const [subject, list] of bySubject) {
    if (list.length > 1) {
      out.push({
        code: 'DUPLICATE_SUBJECT',
        message: `${list.length} different certificates have the subject ${subject} (cross-signed or re-keyed): devices that pick a root by subject may try the wrong one`,
        subject,
      });
    }
  }
  return out;
}

/** How big a written trust store is. */
export interface SizeReport {
  /** The format written, e.g. `pem`, `der`, `c`, `esp-bundle-v5.4`. */
  format: string;
  /** Number of certificates (or anchors) written. */
  certificates: number;
  /** Bytes of the written file(s). */
  fileBytes: number;
  /**
   * Bytes the device stores (flash): the file for PEM, DER and ESP bundles; for C, the data
   * arrays, strings and tables the compiler emits on a 32-bit target (4-byte pointers and size_t).
   */
  flashBytes: number;
  /** Bytes each certificate contributes, in input order. */
  perCertificate: { sha256: string; subject: string; bytes: number }[];
}
