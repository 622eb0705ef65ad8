// The shape of the generated catalog records (src/catalog.generated.ts, written by
// scripts/refresh-catalog.mjs from data/catalog.json). Field meanings follow data/roots-data.md,
// "Layout"; names are camelCase and fingerprints lower-case hex.

/** What a certificate is in the PKI: a self-signed trust anchor, a CA below one, or a server certificate. */
export type CertificateKind = 'root' | 'intermediate' | 'leaf';

/** Public key summary as the catalog states it. */
export interface CatalogKey {
  /** `RSA` or `EC`. */
  type: string;
  /** Modulus bits (RSA) or curve bits (EC). */
  bits: number;
  /** `P-256` or `P-384` for EC keys. */
  curve?: string;
}

/** A service that presents (or presented) a chain through this certificate, with the evidence. */
export interface CatalogUse {
  /** `azure`, `azure-china`, `azure-germany`, `aws`, `google`, `other` (several joined by `/`). */
  cloud: string;
  service: string;
  /** Free text, e.g. `until 2023-10 (hubs) / 2024-02 (DPS)`. */
  period: string;
  /** Document keys (see `DOCUMENTS`), repository paths or URLs. */
  evidence: string[];
}

/** Where a copy of the certificate was found: a repository file, a trust store, an index transcription. */
export interface CatalogSource {
  /** `repo`, `node-builtin`, `debian-ca-certificates` or `index-transcription`. */
  kind: string;
  repo?: string;
  path?: string;
  commit?: string;
  detail?: string;
  firstCommitWithCert?: string;
  firstCommitDate?: string;
  presentAtSnapshotHead?: boolean;
  snapshotHead?: string;
}

/** How the snapshot's author verified the certificate (an `openssl verify` run). */
export interface CatalogVerification {
  command: string;
  ok: boolean;
  output: string;
  /** For an alternative path: the slugs above the certificate, nearest first. */
  chain?: string[];
}

/** One generated record: the catalog facts plus the DER as base64. */
export interface CatalogRecord {
  slug: string;
  kind: CertificateKind;
  selfSigned: boolean;
  /** RFC 2253 / 4514 distinguished name (most significant attribute last). */
  subject: string;
  issuer: string;
  subjectCn: string;
  issuerCn: string;
  /** Serial number, lower-case hex as the catalog states it. */
  serial: string;
  key: CatalogKey;
  signatureAlgorithm: string;
  /** ISO 8601 UTC, second precision. */
  notBefore: string;
  notAfter: string;
  sha256: string;
  sha1: string;
  spkiSha256: string;
  /** The path above this certificate, nearest issuer first (empty for roots). */
  chainsTo: string[];
  /** Other catalog certificates with the same subject and key (cross-signed twins). */
  sameKeyAs: string[];
  usedBy: CatalogUse[];
  pemFrom: CatalogSource;
  foundIn: CatalogSource[];
  notes: string;
  sha1MatchesMicrosoftDocs: boolean | null;
  verification: CatalogVerification;
  /** A second verified path (for certificates reachable through a cross-certificate). */
  alternativePath?: CatalogVerification;
  derBase64: string;
}
