// TEMPORARY: replaced by the @hubtrust/roots export at merge.
//
// The cloud profiles, the host → endpoint-family helper and the recommended root sets are being
// added to @hubtrust/roots (branch roots-catalog). Until that lands, this one module holds the
// recommended sets and a host-pattern match so that remedies can name roots. Its interface is the
// narrow one the roots export will provide — host → { family, slugs, names } | undefined — so the
// swap touches this file only. Sets as of 2026 (roots catalog, /work/shared/roots-data README):
// - Azure IoT Hub / DPS (RSA chains): DigiCert Global Root G2 + Microsoft RSA Root CA 2017;
//   with the ECC chains too: + DigiCert Global Root G3 + Microsoft ECC Root CA 2017.
// - AWS IoT Core ATS endpoints (*-ats.iot.<region>.amazonaws.com): Amazon Root CA 1 (RSA) +
//   Amazon Root CA 3 (ECC) + Starfield Services Root G2 (the cross-sign AWS lists as backup).

/** The roots a device should carry for one endpoint family. */
export interface RecommendedRoots {
  /** Endpoint family: `azure-iot-hub`, `aws-iot-ats`, `aws-iot-legacy`. */
  readonly family: string;
  /** Catalog slugs of @hubtrust/roots. */
  readonly slugs: readonly string[];
  /** Human names, same order. */
  readonly names: readonly string[];
}

const AZURE: RecommendedRoots = {
  family: 'azure-iot-hub',
  slugs: [
    'digicert-global-root-g2',
    'microsoft-rsa-root-ca-2017',
    'digicert-global-root-g3',
    'microsoft-ecc-root-ca-2017',
  ],
  names: [
    'DigiCert Global Root G2',
    'Microsoft RSA Root Certificate Authority 2017',
    'DigiCert Global Root G3',
    'Microsoft ECC Root Certificate Authority 2017',
  ],
};

const AWS_ATS: RecommendedRoots = {
  family: 'aws-iot-ats',
  slugs: ['amazon-root-ca-1', 'amazon-root-ca-3', 'starfield-services-root-g2'],
  names: ['Amazon Root CA 1', 'Amazon Root CA 3', 'Starfield Services Root Certificate Authority - G2'],
};

const AWS_LEGACY: RecommendedRoots = { ...AWS_ATS, family: 'aws-iot-legacy' };

/**
 * The roots a device connecting to `host` should carry today, or undefined for a host of no known
 * cloud hub.
 * @example recommendedRootsForHost('myhub.azure-devices.net')?.family // 'azure-iot-hub'
 */
export function recommendedRootsForHost(host: string): RecommendedRoots | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/(?:^|\.)azure-devices\.net$|(?:^|\.)azure-devices-provisioning\.net$/.test(h)) return AZURE;
  if (/-ats\.iot\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/.test(h)) return AWS_ATS;
  if (/(?:^|\.)iot\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/.test(h)) return AWS_LEGACY;
  return undefined;
}
