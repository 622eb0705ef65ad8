// The readiness report: plain JSON (ISO 8601 dates, no class instances), described by the
// committed JSON Schema `schemas/readiness-v1.schema.json`. `schemaVersion` changes with every
// incompatible change of this shape; additions keep it.
import type { VerdictBasis } from './evaluate.js';

/** Version of the report shape (schemas/readiness-v1.schema.json). */
export const READINESS_SCHEMA_VERSION = 1;

/** One root of the device bundle, as the report lists it. */
export interface ReportRoot {
  index: number;
  kind: 'certificate' | 'esp-anchor';
  /** Catalog slug, when known. */
  slug?: string;
  subject: string;
  sha256?: string;
  spkiSha256: string;
  notBefore?: string;
  notAfter?: string;
  isCA: boolean;
  /** Where the bundle holds it (`file:line`, symbol, …) when the reader knows. */
  where?: string;
}

/** One failing chain (issuing CAs grouped when they fail the same way). */
export interface ReportFailure {
  /** Served chain id (cloud profile). */
  chain: string;
  /** The issuing CAs (slugs or modelled ids) this failure applies to. */
  issuers: string[];
  /** verify's error code (`UNKNOWN_ISSUER`, `EXPIRED`, `WEAK_KEY`, …). */
  code: string;
  reason: string;
  /** The certificate it is about (catalog slug, modelled id or anchor label). */
  certificate?: string;
  basis: VerdictBasis;
}

/** A stretch of time with one verdict for an endpoint family. */
export interface ReportInterval {
  /** Start (inclusive) and end (exclusive), ISO 8601. */
  from: string;
  to: string;
  /**
   * `verifies`: every chain the endpoint may serve verifies; `fails`: at least one does not
   * (`failures` says which); `unknown`: the cloud profile makes no claim for this time.
   */
  status: 'verifies' | 'fails' | 'unknown';
  /** The profile period (absent for `unknown`). */
  period?: string;
  /** How the profile knows this period's chains. */
  profileEvidence?: 'documented' | 'inferred';
  /** The period is a migration window (old and new chains served hub by hub). */
  transition?: boolean;
  /** A boundary of the period is an estimate. */
  approximate?: boolean;
  /** Served chains × issuing CAs evaluated, and how many verify. */
  alternatives: number;
  verifying: number;
  /** The weakest basis among the verdicts (verified > verified-from-issuing-ca > modelled). */
  basis?: VerdictBasis;
  /** Anchors the device stopped at (labels). */
  anchors: string[];
  failures: ReportFailure[];
}

/** The timeline of one endpoint family. */
export interface ReportEndpoint {
  family: string;
  name: string;
  /** Set for deprecated families: what to tell the user. */
  deprecated?: string;
  timeline: ReportInterval[];
  /** First instant in the range at which the endpoint fails (absent: never). */
  firstFailure?: string;
}

/** The device's client certificate (X.509 authentication) over the range. */
export interface ReportClient {
  certificate: { subject: string; sha256: string; notBefore: string; notAfter: string };
  ca?: { subject: string; sha256: string; notBefore: string; notAfter: string };
  /** Intervals in which the hub can accept the certificate (`verifies`) or not, and why. */
  timeline: { from: string; to: string; status: 'verifies' | 'fails'; code?: string; reason?: string }[];
}

/** A root to add. */
export interface ReportAdd {
  slug: string;
  subject: string;
  notAfter: string;
  /** Endpoint families it is needed for. */
  families: string[];
}

/** A root to remove. */
export interface ReportRemove {
  /** Bundle index, slug (when known) and subject. */
  index: number;
  slug?: string;
  subject: string;
  reason: 'expired' | 'distrusted' | 'unused';
  note: string;
}

/** Bytes per output format, before and after the change. */
export interface ReportSizes {
  /** PEM bundle (writePem), DER files (sum), C DER arrays and C PEM string (flash), ESP bundles. */
  format: 'pem' | 'der' | 'c-der' | 'c-pem' | 'esp-v4.2' | 'esp-v5.4';
  before: number;
  after: number;
  /** after − before. */
  grows: number;
  /** What adding the roots alone costs (without the removals). */
  addOnly: number;
}

/** The smallest change that keeps every chosen endpoint verifying. */
export interface ReportRecommendation {
  /** The window the recommendation covers: [from, until]. */
  from: string;
  until: string;
  add: ReportAdd[];
  remove: ReportRemove[];
  /** Chains no catalog root can make verify (say why). */
  uncovered: { family: string; chain: string; from: string; code: string; reason: string }[];
  /** Every endpoint verifies across the window with the change (none uncovered). */
  complete: boolean;
  sizes: ReportSizes[];
  /** Bundle entries whose size the formats cannot include (ESP anchors the catalog does not know). */
  sizeNote?: string;
}

/** The whole readiness report. */
export interface ReadinessReport {
  schemaVersion: typeof READINESS_SCHEMA_VERSION;
  range: { from: string; to: string };
  device: { profile: string; knownProfile: boolean; options: Record<string, unknown> };
  bundle: { file: string; format?: string; roots: ReportRoot[]; errors: { code: string; message: string }[] };
  endpoints: ReportEndpoint[];
  client?: ReportClient;
  recommendation: ReportRecommendation;
  /** The catalog snapshot the profiles come from. */
  catalogSnapshot: string;
  /** Work done: evaluation instants, chain evaluations, verifyChain calls. */
  work: { instants: number; evaluations: number; verifyCalls: number };
}
