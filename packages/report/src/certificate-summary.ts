// One certificate as every hubtrust output shows it (CLI text and JSON, HTML report, web page):
// names, validity against a reference time, key, signature algorithm, names it is valid for and
// the SHA-256 of its DER, the key every output carries so results can be joined.
import { type ParsedCertificate, parseCertificate, sha256, VerifyError } from '@hubtrust/verify';

/** Validity of a certificate at the reference time. */
export type ValidityStatus = 'valid' | 'expired' | 'not-yet-valid';

/** A decoded certificate, JSON-ready (dates as ISO 8601 text). */
export interface CertificateSummary {
  /** Lowercase hex SHA-256 of the DER: the join key across every hubtrust output. */
  sha256: string;
  subject: string;
  /** The subject's CN, else its last attribute, else the whole name: the short label. */
  label: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** At the reference time. */
  status: ValidityStatus;
  /** Whole days from the reference time to notAfter (negative once expired). */
  daysLeft: number;
  key: { type: string; bits?: number; curve?: string };
  signatureAlgorithm: string;
  isCA: boolean;
  selfIssued: boolean;
  /** DNS names, IP addresses, e-mail addresses and URIs of the subjectAltName extension. */
  subjectAltNames: string[];
  /** RFC 5280 rules the certificate breaks (it decodes but will not validate in a chain). */
  problems: { code: string; detail: string; message: string }[];
}

/** A certificate the decoder refused: still identified by its SHA-256. */
export interface UnreadableCertificate {
  sha256: string;
  error: { code: string; message: string };
}

const DAY_MS = 86_400_000;

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The short label of a name: its CN, else its last attribute value, else the whole text. */
export function nameLabel(name: ParsedCertificate['subject']): string {
  const cn = name.attributes.filter((a) => a.type === 'CN').pop();
  return cn?.value ?? name.attributes[name.attributes.length - 1]?.value ?? name.text;
}

/** The validity status of `notBefore..notAfter` at `at`. */
export function validityStatus(notBefore: Date, notAfter: Date, at: Date): ValidityStatus {
  if (at.getTime() > notAfter.getTime()) return 'expired';
  if (at.getTime() < notBefore.getTime()) return 'not-yet-valid';
  return 'valid';
}

/** ISO 8601 without milliseconds (`2035-06-01T00:00:00Z`). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Summarizes one certificate. Call `await init()` of `@hubtrust/verify` once before.
 *
 * @param der - the certificate's DER bytes
 * @param at - the reference time for `status` and `daysLeft`
 * @returns the summary, or an {@link UnreadableCertificate} when the decoder refuses the bytes
 * @throws Error when `@hubtrust/verify` is not initialised
 * @example
 * ```ts
 * await init();
 * const s = summarizeCertificate(der, new Date());
 * if ('error' in s) console.log(s.sha256, s.error.message); else console.log(s.label, s.notAfter);
 * ```
 */
export function summarizeCertificate(der: Uint8Array, at: Date): CertificateSummary | UnreadableCertificate {
  let cert: ParsedCertificate;
  try {
    cert = parseCertificate(der);
  } catch (error) {
    if (!(error instanceof VerifyError)) throw error;
    return { sha256: hex(sha256(der)), error: { code: error.code, message: error.message } };
  }
  const { notBefore, notAfter } = cert.validity;
  const key: CertificateSummary['key'] = { type: cert.key.type };
  if (cert.key.bits !== undefined) key.bits = cert.key.bits;
  if (cert.key.curve !== undefined) key.curve = cert.key.curve;
  return {
    sha256: cert.fingerprints.sha256,
    subject: cert.subject.text,
    label: nameLabel(cert.subject),
    issuer: cert.issuer.text,
    serial: cert.serial,
    notBefore: isoSeconds(notBefore),
    notAfter: isoSeconds(notAfter),
    status: validityStatus(notBefore, notAfter, at),
    daysLeft: Math.floor((notAfter.getTime() - at.getTime()) / DAY_MS),
    key,
    signatureAlgorithm: cert.signatureAlgorithm.name,
    isCA: cert.isCA,
    selfIssued: cert.selfIssued,
    subjectAltNames: cert.subjectAltNames.map((n) => n.value),
    problems: cert.problems.map((p) => ({ code: p.code, detail: p.detail, message: p.message })),
  };
}

/** True for a summary the decoder could read. */
export function isReadable(s: CertificateSummary | UnreadableCertificate): s is CertificateSummary {
  return !('error' in s);
}
