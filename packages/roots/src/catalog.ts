// The verified certificate catalog: the real roots, intermediates and one historical leaf of the
// IoT clouds, with their facts and sources (data/roots-data.md), embedded as a generated module
// (src/catalog.generated.ts) so the package needs no file system: it runs in browsers too.
// Lookups are by slug, fingerprint, subject, SPKI hash and cloud. Entries are immutable: `der`
// and the dates are returned as fresh copies.
import { derToPem } from '@hubtrust/verify';
import { RECORDS } from './catalog.generated.js';
import { CatalogError } from './catalog-errors.js';
import type {
  CatalogKey,
  CatalogRecord,
  CatalogSource,
  CatalogUse,
  CatalogVerification,
  CertificateKind,
} from './catalog-types.js';
import { deepFreeze } from './freeze.js';
import { nameKey } from './names.js';

function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** One certificate of the catalog with its facts and sources. */
export class CatalogCertificate {
  /** Stable identifier, e.g. `digicert-global-root-g2`. */
  readonly slug: string;
  readonly kind: CertificateKind;
  /** Subject and issuer as RFC 4514 text (`CN=…,O=…,C=…`). */
  readonly subject: string;
  readonly issuer: string;
  readonly subjectCn: string;
  readonly issuerCn: string;
  /** Serial number, lower-case hex. */
  readonly serial: string;
  readonly key: Readonly<CatalogKey>;
  readonly signatureAlgorithm: string;
  /** SHA-256 and SHA-1 of the DER, and SHA-256 of the SubjectPublicKeyInfo: lower-case hex. */
  readonly sha256: string;
  readonly sha1: string;
  readonly spkiSha256: string;
  /** Issuer and subject are the same and the certificate signs itself. */
  readonly selfSigned: boolean;
  /** The verified path above this certificate, nearest issuer first (empty for a root). */
  readonly chainsTo: readonly string[];
  /** Catalog certificates with the same subject and key (cross-signed twins). */
  readonly sameKeyAs: readonly string[];
  /** Clouds that use it (from `usedBy`, `google/other` split in two). */
  readonly clouds: readonly string[];
  readonly usedBy: readonly Readonly<CatalogUse>[];
  /** Where the stored bytes came from, and every other place they were found. */
  readonly pemFrom: Readonly<CatalogSource>;
  readonly foundIn: readonly Readonly<CatalogSource>[];
  readonly notes: string;
  /** True when the SHA-1 equals the thumbprint Microsoft publishes; null when Microsoft does not list it. */
  readonly sha1MatchesMicrosoftDocs: boolean | null;
  /** The `openssl verify` run that checked it when the snapshot was made. */
  readonly verification: Readonly<CatalogVerification>;
  readonly alternativePath?: Readonly<CatalogVerification>;
  readonly #der: Uint8Array;
  readonly #notBefore: number;
  readonly #notAfter: number;
  /** @internal normalised subject for {@link bySubject}. */
  readonly subjectKey: string;

  /** @internal built from the generated records; use the lookups. */
  constructor(r: CatalogRecord) {
    deepFreeze(r);
    this.slug = r.slug;
    this.kind = r.kind;
    this.subject = r.subject;
    this.issuer = r.issuer;
    this.subjectCn = r.subjectCn;
    this.issuerCn = r.issuerCn;
    this.serial = r.serial;
    this.key = r.key;
    this.signatureAlgorithm = r.signatureAlgorithm;
    this.sha256 = r.sha256;
    this.sha1 = r.sha1;
    this.spkiSha256 = r.spkiSha256;
    this.selfSigned = r.selfSigned;
    this.chainsTo = r.chainsTo;
    this.sameKeyAs = r.sameKeyAs;
    this.clouds = Object.freeze([...new Set(r.usedBy.flatMap((u) => u.cloud.split('/')))]);
    this.usedBy = r.usedBy;
    this.pemFrom = r.pemFrom;
    this.foundIn = r.foundIn;
    this.notes = r.notes;
    this.sha1MatchesMicrosoftDocs = r.sha1MatchesMicrosoftDocs;
    this.verification = r.verification;
    if (r.alternativePath) this.alternativePath = r.alternativePath;
    this.#der = base64ToBytes(r.derBase64);
    this.#notBefore = Date.parse(r.notBefore);
    this.#notAfter = Date.parse(r.notAfter);
    this.subjectKey = nameKey(r.subject);
    Object.freeze(this);
  }

  /** The certificate DER (a fresh copy). */
  get der(): Uint8Array {
    return this.#der.slice();
  }

  /** The certificate as PEM text (LF line endings, 64-column base64). */
  get pem(): string {
    return derToPem(this.#der);
  }

  /** Start of validity (a fresh Date). */
  get notBefore(): Date {
    return new Date(this.#notBefore);
  }

  /** End of validity, inclusive as in RFC 5280 §4.1.2.5 (a fresh Date). */
  get notAfter(): Date {
    return new Date(this.#notAfter);
  }

  /** The slug of the issuing certificate (`chainsTo[0]`), itself for a self-signed root. */
  get issuedBy(): string | undefined {
    return this.selfSigned ? this.slug : this.chainsTo[0];
  }

  /** True when `at` lies within notBefore … notAfter (inclusive). */
  isValidAt(at: Date | number): boolean {
    const t = typeof at === 'number' ? at : at.getTime();
    return t >= this.#notBefore && t <= this.#notAfter;
  }

  /** Plain JSON: every fact, dates as ISO text and the DER as PEM. */
  toJSON(): Record<string, unknown> {
    const { subjectKey: _, ...facts } = this;
    return {
      ...facts,
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
      pem: this.pem,
    };
  }
}

/** Every certificate of the catalog, in catalog order (roots first). */
export const catalog: readonly CatalogCertificate[] = /* @__PURE__ */ Object.freeze(
  RECORDS.map((r) => new CatalogCertificate(r)),
);

const bySlugIndex: ReadonlyMap<string, CatalogCertificate> = /* @__PURE__ */ new Map(
  catalog.map((c) => [c.slug, c]),
);

/** Longest text a lookup accepts (a distinguished name is far shorter); bounds the normalisation work. */
const MAX_LOOKUP_TEXT = 4096;

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new CatalogError('INVALID_ARGUMENT', `${what} must be a string`);
  if (value.length > MAX_LOOKUP_TEXT) {
    throw new CatalogError('INVALID_ARGUMENT', `${what} is longer than ${MAX_LOOKUP_TEXT} characters`);
  }
  return value;
}

/**
 * Normalises a fingerprint: accepts lower- or upper-case hex, with or without `:` or spaces.
 * @throws CatalogError `INVALID_ARGUMENT` when it is not `bytes` bytes of hex.
 */
function fingerprint(value: unknown, bytes: number, what: string): string {
  const hex = text(value, what).replace(/[:\s]/g, '').toLowerCase();
  if (hex.length !== bytes * 2 || !/^[0-9a-f]*$/.test(hex)) {
    throw new CatalogError(
      'INVALID_ARGUMENT',
      `${what} must be ${bytes} bytes of hex, got ${JSON.stringify(value)}`,
    );
  }
  return hex;
}

/**
 * The certificate with this slug, or undefined.
 * @example findCertificate('digicert-global-root-g2')?.notAfter // 2038-01-15T12:00:00.000Z
 */
export function findCertificate(slug: string): CatalogCertificate | undefined {
  return bySlugIndex.get(text(slug, 'slug'));
}

/**
 * The certificate with this slug.
 * @throws CatalogError `UNKNOWN_SLUG` (with `unknown: [slug]`) when the catalog has no such slug.
 * @example getCertificate('amazon-root-ca-1').pem
 */
export function getCertificate(slug: string): CatalogCertificate {
  const c = findCertificate(slug);
  if (!c) throw new CatalogError('UNKNOWN_SLUG', `the catalog has no certificate "${slug}"`, [slug]);
  return c;
}

/**
 * The certificates with these slugs, in the order given.
 * @throws CatalogError `UNKNOWN_SLUG` naming every unknown slug.
 */
export function getCertificates(slugs: readonly string[]): CatalogCertificate[] {
  const unknown = slugs.filter((s) => !findCertificate(s));
  if (unknown.length) {
    throw new CatalogError(
      'UNKNOWN_SLUG',
      `the catalog has no certificate ${unknown.map((s) => `"${s}"`).join(', ')}`,
      unknown,
    );
  }
  return slugs.map((s) => bySlugIndex.get(s) as CatalogCertificate);
}

/**
 * The certificate whose DER has this SHA-256 fingerprint, or undefined.
 * @throws CatalogError `INVALID_ARGUMENT` when the value is not 32 bytes of hex.
 */
export function bySha256(sha256: string): CatalogCertificate | undefined {
  const hex = fingerprint(sha256, 32, 'SHA-256 fingerprint');
  return catalog.find((c) => c.sha256 === hex);
}

/**
 * The certificate whose DER has this SHA-1 fingerprint (Microsoft's "thumbprint"), or undefined.
 * @throws CatalogError `INVALID_ARGUMENT` when the value is not 20 bytes of hex.
 */
export function bySha1(sha1: string): CatalogCertificate | undefined {
  const hex = fingerprint(sha1, 20, 'SHA-1 fingerprint');
  return catalog.find((c) => c.sha1 === hex);
}

/**
 * Every certificate with this SubjectPublicKeyInfo SHA-256 (the key pin): a root and its
 * cross-signed twins share one.
 * @throws CatalogError `INVALID_ARGUMENT` when the value is not 32 bytes of hex.
 */
export function bySpkiSha256(spkiSha256: string): CatalogCertificate[] {
  const hex = fingerprint(spkiSha256, 32, 'SPKI SHA-256');
  return catalog.filter((c) => c.spkiSha256 === hex);
}

/**
 * Every certificate with this subject. `name` is a distinguished name in any common rendering —
 * RFC 4514 (`CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE`), the forward order
 * TLS stacks log (`C=IE, O=Baltimore, OU=CyberTrust, CN=Baltimore CyberTrust Root`) or OpenSSL's
 * `/C=IE/O=Baltimore/…` — compared attribute by attribute, case-insensitively; or a bare common
 * name (no `=`), matched against the subject CN.
 * @throws CatalogError `INVALID_ARGUMENT` for a non-string or a text over 4096 characters.
 * @example bySubject('C=US, O=DigiCert Inc, OU=www.digicert.com, CN=DigiCert Global Root G2')[0]?.slug
 */
export function bySubject(name: string): CatalogCertificate[] {
  const t = text(name, 'subject').trim();
  if (!t.includes('=')) {
    const cn = t.toLowerCase();
    return catalog.filter((c) => c.subjectCn.toLowerCase() === cn);
  }
  const key = nameKey(t);
  return catalog.filter((c) => c.subjectKey === key);
}

/**
 * Every certificate a cloud uses: `azure`, `azure-china`, `azure-germany`, `aws`, `google`, `other`.
 * @example byCloud('aws').map((c) => c.slug)
 */
export function byCloud(cloud: string): CatalogCertificate[] {
  const c = text(cloud, 'cloud').toLowerCase();
  return catalog.filter((e) => e.clouds.includes(c));
}
