// Recommended root sets by slug, each with the documents it comes from. Used by readiness
// (issue 14), the log classifier's remedies and the bundle writers' size tables.
//
// Checked against the documents (data/roots-data.md and src/profile-sources.ts):
// - azure-rsa / azure-all: as Microsoft documents them (AZ_MIGRATE, AZ_TLSSUP; ECC root G3 in
//   AZ_TLSSUP, Microsoft ECC Root CA 2017 signs the Azure ECC issuing CAs per AZ_CADET — the ja-JP
//   page's "Microsoft RSA root CA 2017" for ECC is read as the ECC root). Baltimore, which the
//   same pages still list, expired 2025-05-12 and is left out.
// - aws: as AWS IoT documents it (AWS_SA: RSA → Amazon Root CA 1, ECC → Amazon Root CA 3,
//   Starfield for clients that validate the cross-signed root). Amazon Trust Services itself
//   recommends all five of its roots for custom trust stores (AWS_ATS_REPO): that is `aws-all`,
//   an addition, not a correction.
// - Added, derived from the profiles (not a vendor recommendation): azure-china, letsencrypt.
import { type CatalogCertificate, getCertificates } from './catalog.js';
import { CatalogError } from './catalog-errors.js';

/** One recommended set of trust anchors. */
export interface RecommendedSet {
  id: string;
  name: string;
  /** Catalog slugs, most important first. */
  slugs: readonly string[];
  /** Endpoint families (src/profiles.data.ts) the set is meant to cover. */
  families: readonly string[];
  /** Ids of the documents it comes from (profileSources). */
  sources: readonly string[];
  /** True when hubtrust derived it from the profiles rather than a vendor stating it. */
  derived: boolean;
  note: string;
}

/** The recommended sets by id. */
export const RECOMMENDED_SETS = Object.freeze({
  'azure-rsa': {
    id: 'azure-rsa',
    name: 'Azure IoT Hub and DPS, RSA (Microsoft’s recommended device trust list, without the expired Baltimore)',
    slugs: ['digicert-global-root-g2', 'microsoft-rsa-root-ca-2017'],
    families: ['azure-iot-hub', 'azure-dps-global', 'azure-blob-storage'],
    sources: ['AZ_MIGRATE', 'AZ_TLSSUP'],
    derived: false,
    note: 'DigiCert Global Root G2 anchors every chain served since the 2023 migration, including the 2025-26 Microsoft TLS RSA Root G2 chain through its cross-certificate (until 2029-06-19); Microsoft RSA Root CA 2017 is Microsoft’s contingency root. Microsoft TLS RSA Root G2 itself is not in Microsoft’s IoT list nor in the Mozilla/Node stores yet.',
  },
  'azure-all': {
    id: 'azure-all',
    name: 'Azure IoT Hub and DPS, RSA and ECC',
    slugs: [
      'digicert-global-root-g2',
      'microsoft-rsa-root-ca-2017',
      'digicert-global-root-g3',
      'microsoft-ecc-root-ca-2017',
    ],
    families: ['azure-iot-hub', 'azure-dps-global', 'azure-iot-hub-ecc', 'azure-blob-storage'],
    sources: ['AZ_TLSSUP', 'AZ_MIGRATE', 'AZ_CADET'],
    derived: false,
    note: 'adds the ECC root of the IoT Hub ECC preview (DigiCert Global Root G3) and Microsoft’s ECC root.',
  },
  aws: {
    id: 'aws',
    name: 'AWS IoT Core ATS endpoints (RSA and ECC) and S3/CloudFront downloads',
    slugs: ['amazon-root-ca-1', 'amazon-root-ca-3', 'starfield-services-root-g2'],
    families: ['aws-iot-core-ats-rsa', 'aws-iot-core-ats-ecc', 'aws-s3', 'aws-cloudfront'],
    sources: ['AWS_SA', 'AWS_ATS_REPO'],
    derived: false,
    note: 'Amazon Root CA 1 for RSA, Amazon Root CA 3 for ECC, Starfield Services Root G2 for clients that anchor on the cross-signed path.',
  },
  'aws-all': {
    id: 'aws-all',
    name: 'Amazon Trust Services, all five roots',
    slugs: [
      'amazon-root-ca-1',
      'amazon-root-ca-2',
      'amazon-root-ca-3',
      'amazon-root-ca-4',
      'starfield-services-root-g2',
    ],
    families: ['aws-iot-core-ats-rsa', 'aws-iot-core-ats-ecc', 'aws-s3', 'aws-cloudfront'],
    sources: ['AWS_ATS_REPO'],
    derived: false,
    note: 'what Amazon Trust Services recommends for custom trust stores; Root CA 2 and 4 are "reserved for future use" by AWS IoT.',
  },
  'azure-china': {
    id: 'azure-china',
    name: 'Azure IoT in Azure China (21Vianet)',
    slugs: ['digicert-global-root-ca', 'digicert-global-root-g2'],
    families: ['azure-china-iot-hub'],
    sources: ['AZ_SDKC', 'AZ_PG'],
    derived: true,
    note: 'DigiCert Global Root CA is the documented root; G2 covers the move Microsoft documents for PostgreSQL in China after the 2026 Spring Festival. Never WoSign.',
  },
  letsencrypt: {
    id: 'letsencrypt',
    name: 'MQTT brokers with Let’s Encrypt certificates',
    slugs: ['isrg-root-x1', 'isrg-root-x2'],
    families: ['letsencrypt-mqtt-broker'],
    sources: ['LE_2024_CHAINS'],
    derived: true,
    note: 'ISRG Root X1 anchors every default chain; X2 the ECDSA-only alternate chain.',
  },
} as const satisfies Record<string, RecommendedSet>);

/** Ids of the recommended sets. */
export type RecommendedSetId = keyof typeof RECOMMENDED_SETS;

/**
 * The catalog certificates of a recommended set, in the set's order.
 * @throws CatalogError `INVALID_ARGUMENT` for an unknown set id.
 * @example recommendedRoots('aws').map((c) => c.subjectCn)
 */
export function recommendedRoots(id: RecommendedSetId): CatalogCertificate[] {
  const set = (RECOMMENDED_SETS as Readonly<Record<string, RecommendedSet>>)[id];
  if (!set) throw new CatalogError('INVALID_ARGUMENT', `no recommended set "${String(id)}"`);
  return getCertificates(set.slugs);
}
