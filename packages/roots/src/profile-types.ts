// The shape of the cloud profiles (src/profiles.data.ts): for each endpoint family — every host
// a device talks to, not only the hub — which chains it served over time, with the documents that
// say so. Designed for readiness over time (issue 14): every period boundary and every notBefore /
// notAfter of a certificate a chain names is a change point (profileChangePoints); inside a
// period the chain set is fixed, and a certificate of a chain is only served while it is valid.

/** `documented`: a document (or a captured chain) states it for this service. `inferred`: it follows
 * from an Azure-wide / AWS-wide / CA-wide document, or from the structure of the PKI. */
export type Evidence = 'documented' | 'inferred';

/** A document cited by the profiles. */
export interface ProfileSource {
  /** Short key, e.g. `AZ_MIGRATE`. */
  id: string;
  title: string;
  /** URL, or `owner/repo path @commit`. */
  ref: string;
  /** Date of the document version read (ms.date, published or last-updated date), YYYY-MM-DD. */
  date?: string;
  /** What it says that the profiles rely on (paraphrased). */
  says: string;
}

/** A certificate the catalog does not hold, modelled from the documentation (always inferred). */
export interface ModelledCertificate {
  /** Stable id, distinct from every catalog slug, e.g. `amazon-rsa-2048-m01`. */
  id: string;
  subjectCn: string;
  /** Catalog slug or modelled id of its issuer (itself for a modelled root). */
  issuer: string;
  kind: 'root' | 'intermediate';
  key: { type: 'RSA' | 'EC'; bits: number; curve?: 'P-256' | 'P-384' };
  /** Validity when known (YYYY-MM-DD); absent: assume valid for every period that names it. */
  notBefore?: string;
  notAfter?: string;
  /** Catalog slug of a certificate with the same subject and key (this one is its cross-signed twin). */
  sameKeyAs?: string;
  sources: string[];
  note: string;
}

/** The server certificate a chain starts with: only its shape, except for captured real leaves. */
export interface LeafSpec {
  /** Host-name pattern the leaf is issued for, e.g. `*.azure-devices.net`. */
  pattern: string;
  key: { type: 'RSA' | 'EC'; bits?: number; curve?: 'P-256' | 'P-384' };
  /** Catalog slug of a captured real leaf, when one exists. */
  slug?: string;
}

/** One issuer → subject link of a served chain and how we know it. */
export interface ChainLink {
  /** `leaf`, or a catalog slug / modelled id (for the issuing-CA alternatives: each of them). */
  subject: string;
  issuer: string;
  evidence: Evidence;
  sources: string[];
  note?: string;
}

/** A chain a server presents: the leaf, one issuing CA out of `issuers`, then `above` in order. */
export interface ServedChain {
  id: string;
  label: string;
  leaf: LeafSpec;
  /** Issuing-CA alternatives (catalog slugs or modelled ids): the service uses one of them per leaf. */
  issuers: readonly string[];
  /** Certificates sent above the issuing CA, nearest first (cross-certificates included). */
  above: readonly string[];
  /** The certificate that signs the last one sent (catalog slug or modelled id): the default anchor. */
  root: string;
  /** leaf → issuers, issuers → above[0] …, last → root, each with its evidence. */
  links: readonly ChainLink[];
  note?: string;
}

/** A stretch of time in which an endpoint family served a fixed set of chains. */
export interface ProfilePeriod {
  id: string;
  /** First day (YYYY-MM-DD, UTC, inclusive). */
  from: string;
  /** Day the period ends (exclusive); absent: still current. */
  to?: string;
  /** True when a boundary is an estimate (the document gives a month, or none). */
  approximate?: boolean;
  /** How the dates and the chain set of this period are known. */
  evidence: Evidence;
  /** Every chain the endpoint may present: hubs, regions and connections differ, so a device must verify each. */
  chains: readonly ServedChain[];
  /** True for a migration window: both old and new chains are served, hub by hub. */
  transition?: boolean;
  sources: string[];
  note?: string;
}

/** The cloud a family belongs to. */
export type ProfileCloud = 'azure' | 'azure-china' | 'aws' | 'generic';

/** What a device uses the endpoint for. */
export type EndpointRole = 'hub' | 'provisioning' | 'firmware-download' | 'broker';

/** Every endpoint that presents the same chains over time. */
export interface EndpointFamily {
  /** Stable id, e.g. `azure-iot-hub`. */
  id: string;
  name: string;
  cloud: ProfileCloud;
  role: EndpointRole;
  /** Host patterns (`*` matches within one DNS label: `*.azure-devices.net`, `*-ats.iot.*.amazonaws.com`). */
  hosts: readonly string[];
  /** Hosts the patterns match that belong to another family. */
  excludeHosts?: readonly string[];
  /** Ports devices use (MQTT 8883, AMQPS 5671, HTTPS 443, …). */
  ports: readonly number[];
  /** Server key type: RSA and ECC variants of one service are separate families. */
  keyType: 'RSA' | 'EC';
  /** Ordered, non-overlapping; after the last `to` (if any) the profile makes no claim. */
  periods: readonly ProfilePeriod[];
  /** Set when the endpoint family is deprecated or retired: what to tell the user. */
  deprecated?: string;
  sources: string[];
  notes: string;
}
