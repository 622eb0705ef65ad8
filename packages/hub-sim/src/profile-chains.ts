// The chains hub-sim serves, each named by reference into a cloud profile of @hubtrust/roots:
// endpoint family → period → served chain → which of its issuing CAs signs the leaf. Everything
// else (the certificates sent above the issuing CA, cross-certificates, the root, the anchors a
// device may stop at, the leaf's key) is read from the profile, so when the profile changes the
// simulated PKI follows (twin-plan.ts builds a twin of every certificate named here, and the
// cache key changes with it). A reference the profile no longer has fails loudly at start-up.
//
// What the profiles do not say and hub-sim adds, each with its reason: the leaf's names and
// signature hash (no leaf of most chains is public) and, for AWS ATS, the Starfield Class 2
// cross-certificate of Starfield Services Root G2 that ATS endpoints also send (roots-data README,
// AWS IoT row: "Amazon Root CA 1 ← Starfield Services Root CA G2 ← Starfield Class 2 CA"; the
// profile's chain stops at Starfield Services Root G2).
import {
  chainAnchors,
  type EndpointFamily,
  getEndpointFamily,
  type LeafSpec,
  type ProfilePeriod,
  profileCertificate,
  type ServedChain,
} from '@hubtrust/roots';
import type { Cloud, KeyType } from './clouds.js';
import type { KeySpec } from './keys.js';
import type { SignatureHash } from './x509-signing.js';

/** Which of a cloud's chains a scenario serves. */
export type ChainRole = 'current' | 'legacy' | 'rotated';

/** How the leaf's AIA/CRL URLs are shaped (the issuing CA's operator). */
export type LeafUrlStyle = 'microsoft' | 'digicert' | 'amazon' | 'symantec';

/** A chain of a cloud profile, as hub-sim serves it. */
export interface ChainRef {
  readonly cloud: Cloud;
  readonly keyType: KeyType;
  readonly role: ChainRole;
  /** Endpoint family, period and served-chain ids of the profile. */
  readonly family: string;
  readonly period: string;
  readonly chain: string;
  /** The issuing CA (one of the chain's `issuers`) that signs hub-sim's leaf. */
  readonly issuer: string;
  /** Sent above the profile's `above`, nearest first (catalog slugs), and why. */
  readonly extraAbove?: { readonly slugs: readonly string[]; readonly why: string };
  /** The leaf's signature hash (what the issuing CA uses for its leaves) and URL shape. */
  readonly leafHash: SignatureHash;
  readonly leafUrls: { readonly style: LeafUrlStyle; readonly tag: string };
}

const STARFIELD_CLASS_2_CROSS = {
  slugs: ['starfield-services-root-g2-xsign-class2'],
  why: 'ATS endpoints send the Starfield Class 2 cross-certificate of Starfield Services Root G2 too (roots-data README, AWS IoT row); the profile stops at Starfield Services Root G2',
} as const;

/** Every chain hub-sim serves: cloud × key type × role. */
export const CHAIN_REFS: readonly ChainRef[] = [
  {
    cloud: 'azure',
    keyType: 'rsa',
    role: 'current',
    family: 'azure-iot-hub',
    period: 'digicert-g2',
    chain: 'digicert-g2-azure-tls-issuing',
    issuer: 'microsoft-azure-rsa-tls-issuing-ca-03-xsign',
    leafHash: 'SHA-384',
    leafUrls: { style: 'microsoft', tag: 'Microsoft%20Azure%20RSA%20TLS%20Issuing%20CA%2003' },
  },
  {
    cloud: 'azure',
    keyType: 'rsa',
    role: 'legacy',
    family: 'azure-iot-hub',
    period: 'baltimore-microsoft-rsa-tls',
    chain: 'baltimore-microsoft-rsa-tls',
    issuer: 'microsoft-rsa-tls-ca-01',
    leafHash: 'SHA-256',
    leafUrls: { style: 'microsoft', tag: 'Microsoft%20RSA%20TLS%20CA%2001' },
  },
  {
    cloud: 'azure',
    keyType: 'rsa',
    role: 'rotated',
    family: 'azure-iot-hub',
    period: 'microsoft-tls-rsa-root-g2',
    chain: 'microsoft-tls-rsa-root-g2-cross-signed',
    issuer: 'microsoft-tls-g2-rsa-ca-ocsp-02',
    leafHash: 'SHA-384',
    leafUrls: { style: 'microsoft', tag: 'Microsoft%20TLS%20G2%20RSA%20CA%20OCSP%2002' },
  },
  {
    cloud: 'azure-china',
    keyType: 'rsa',
    role: 'current',
    family: 'azure-china-iot-hub',
    period: 'digicert-global-root-ca',
    chain: 'digicert-global-root-ca-china',
    issuer: 'azure-china-tls-issuing-ca',
    leafHash: 'SHA-256',
    leafUrls: { style: 'digicert', tag: 'AzureChinaTLSIssuingCA' },
  },
  {
    cloud: 'azure-china',
    keyType: 'rsa',
    role: 'rotated',
    family: 'azure-china-iot-hub',
    period: 'move-to-digicert-g2',
    chain: 'digicert-global-root-g2-china',
    issuer: 'azure-china-g2-tls-issuing-ca',
    leafHash: 'SHA-256',
    leafUrls: { style: 'digicert', tag: 'AzureChinaG2TLSIssuingCA' },
  },
  {
    cloud: 'azure-ecc',
    keyType: 'ecdsa',
    role: 'current',
    family: 'azure-iot-hub-ecc',
    period: 'ecc-preview-azure-ecc-03',
    chain: 'digicert-g3-azure-ecc',
    issuer: 'microsoft-azure-ecc-tls-issuing-ca-03-xsign',
    leafHash: 'SHA-384',
    leafUrls: { style: 'microsoft', tag: 'Microsoft%20Azure%20ECC%20TLS%20Issuing%20CA%2003' },
  },
  {
    cloud: 'aws',
    keyType: 'rsa',
    role: 'current',
    family: 'aws-iot-core-ats-rsa',
    period: 'ats',
    chain: 'amazon-root-ca-1-rsa',
    issuer: 'amazon-rsa-2048-m01',
    extraAbove: STARFIELD_CLASS_2_CROSS,
    leafHash: 'SHA-256',
    leafUrls: { style: 'amazon', tag: 'r2m01' },
  },
  {
    cloud: 'aws',
    keyType: 'ecdsa',
    role: 'current',
    family: 'aws-iot-core-ats-ecc',
    period: 'ats',
    chain: 'amazon-root-ca-3-ecdsa',
    issuer: 'amazon-ecdsa-256-m02',
    extraAbove: STARFIELD_CLASS_2_CROSS,
    leafHash: 'SHA-256',
    leafUrls: { style: 'amazon', tag: 'e2m02' },
  },
  {
    cloud: 'aws-legacy',
    keyType: 'rsa',
    role: 'current',
    family: 'aws-iot-legacy-verisign',
    period: 'verisign-g5',
    chain: 'verisign-g5-symantec',
    issuer: 'symantec-class3-secure-server-ca-g4',
    leafHash: 'SHA-256',
    leafUrls: { style: 'symantec', tag: 'ss' },
  },
  {
    cloud: 'aws-legacy',
    keyType: 'ecdsa',
    role: 'current',
    family: 'aws-iot-legacy-verisign',
    period: 'verisign-g5',
    chain: 'verisign-g5-symantec',
    issuer: 'symantec-class3-ecc-256-ssl-ca-g2',
    leafHash: 'SHA-256',
    leafUrls: { style: 'symantec', tag: 'rj' },
  },
];

/** A {@link ChainRef} resolved against the profile. */
export interface SimulatedChain {
  readonly ref: ChainRef;
  readonly family: EndpointFamily;
  readonly period: ProfilePeriod;
  readonly chain: ServedChain;
  /** Ids (catalog slugs or modelled ids) of the certificates sent after the leaf, in order. */
  readonly sent: readonly string[];
  /** The profile's root: the certificate that signs the last one the profile sends. */
  readonly root: string;
  /** Every anchor a device may stop at: the profile's (`chainAnchors`) and the extra cross-certificates' issuers. */
  readonly anchors: readonly string[];
  /** The leaf's key: EC with the profile's curve (P-256 unless it says P-384), else RSA 2048 (every RSA leaf the profiles describe). */
  readonly leafKey: KeySpec;
}

/** The issuer of a profile certificate (catalog or modelled); itself for a self-signed root. */
export function issuerOfProfileCertificate(id: string): string {
  const c = profileCertificate(id);
  if (c.source === 'catalog') return c.certificate.issuedBy ?? id;
  return c.modelled.issuer;
}

function leafKeyOf(spec: LeafSpec, keyType: KeyType): KeySpec {
  if (keyType === 'ecdsa') {
    return spec.key.type === 'EC' && spec.key.curve === 'P-384'
      ? { type: 'EC', curve: 'P-384' }
      : { type: 'EC', curve: 'P-256' };
  }
  return { type: 'RSA', bits: 2048 };
}

function fail(ref: ChainRef, what: string): never {
  throw new Error(
    `hub-sim's ${ref.cloud} ${ref.keyType} ${ref.role} chain: ${what} (update CHAIN_REFS in packages/hub-sim/src/profile-chains.ts to follow the profile)`,
  );
}

/**
 * Resolves a chain reference against the cloud profiles of @hubtrust/roots.
 * @throws Error naming the reference when the profile no longer has its family, period, chain or
 *   issuing CA, or when an extra certificate does not continue the chain
 */
export function resolveChain(ref: ChainRef): SimulatedChain {
  let family: EndpointFamily;
  try {
    family = getEndpointFamily(ref.family);
  } catch {
    fail(ref, `no endpoint family "${ref.family}"`);
  }
  const period = family.periods.find((p) => p.id === ref.period);
  if (!period) fail(ref, `family ${ref.family} has no period "${ref.period}"`);
  const chain = period.chains.find((c) => c.id === ref.chain);
  if (!chain) fail(ref, `period ${ref.family}/${ref.period} has no chain "${ref.chain}"`);
  if (!chain.issuers.includes(ref.issuer)) {
    fail(ref, `chain ${ref.chain} has no issuing CA "${ref.issuer}" (it has ${chain.issuers.join(', ')})`);
  }
  const extra = ref.extraAbove?.slugs ?? [];
  const anchors = [...chainAnchors(chain)];
  let previous = chain.above.at(-1) ?? ref.issuer;
  for (const slug of extra) {
    const certificate = profileCertificate(slug);
    if (certificate.source !== 'catalog') fail(ref, `extra certificate "${slug}" is not in the catalog`);
    const continues = [slug, ...certificate.certificate.sameKeyAs].includes(
      issuerOfProfileCertificate(previous),
    );
    if (!continues) fail(ref, `extra certificate "${slug}" does not certify the issuer of "${previous}"`);
    const issuer = issuerOfProfileCertificate(slug);
    if (!anchors.includes(issuer)) anchors.push(issuer);
    previous = slug;
  }
  return {
    ref,
    family,
    period,
    chain,
    sent: [ref.issuer, ...chain.above, ...extra],
    root: chain.root,
    anchors,
    leafKey: leafKeyOf(chain.leaf, ref.keyType),
  };
}

/**
 * The chain reference of a cloud, key type and role.
 * @throws Error when hub-sim has no such chain
 */
export function chainRef(cloud: Cloud, keyType: KeyType, role: ChainRole): ChainRef {
  const ref = CHAIN_REFS.find((r) => r.cloud === cloud && r.keyType === keyType && r.role === role);
  if (!ref) throw new Error(`hub-sim has no ${role} ${keyType} chain for ${cloud}`);
  return ref;
}
