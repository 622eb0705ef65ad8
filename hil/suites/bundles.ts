// The trust bundles of the nightly matrix, mapped to hub-sim's test twins of the real roots.
//
// PENDING JOIN: hub-sim's `simulatedBundle(realBundle)` maps a real bundle to its twins; until
// then the twin ids are listed by hand below, from the real lists they stand for. The firmware C
// source comes from @hubtrust/roots' C writer (firmwareBundle).
import { firmwareBundle, type MatrixBundle } from '@hubtrust/hil';
import { type Cloud, loadTestPki } from '@hubtrust/hub-sim';

/** Bundle name → cloud and the hub-sim root ids standing in for its real roots. */
export const BUNDLE_TWINS: Readonly<
  Record<string, { cloud: Cloud; roots: readonly string[]; source: string }>
> = {
  // Azure IoT C SDK certs.c of 2017: Baltimore CyberTrust Root only (the global-cloud entry).
  'baltimore-only': {
    cloud: 'azure',
    roots: ['baltimore-cybertrust-root'],
    source: 'azure-iot-sdk-c certs.c (2017), global cloud root',
  },
  // Microsoft's current recommendation for IoT Hub devices: DigiCert Global Root G2 and the new
  // Microsoft TLS RSA Root G2 (the twins hub-sim has of that list).
  'azure-recommended': {
    cloud: 'azure',
    roots: ['digicert-global-root-g2', 'microsoft-tls-rsa-root-g2'],
    source: 'Microsoft IoT Hub TLS support (2025-26): DigiCert Global Root G2 + Microsoft TLS RSA Root G2',
  },
  // AWS IoT Core's documented server-authentication roots: Amazon Root CA 1 (RSA) and 3 (ECC).
  'aws-recommended': {
    cloud: 'aws',
    roots: ['amazon-root-ca-1', 'amazon-root-ca-3'],
    source: 'AWS IoT Core server authentication: Amazon Root CA 1 and 3',
  },
};

/** Loads the bundles (PEM for the prediction, C source for the board). */
export async function matrixBundles(
  names: readonly string[] = Object.keys(BUNDLE_TWINS),
): Promise<MatrixBundle[]> {
  const pki = await loadTestPki();
  return names.map((name) => {
    const twin = BUNDLE_TWINS[name];
    if (!twin) throw new Error(`unknown bundle ${name}`);
    const rootsPem = twin.roots.map((id) => pki.certificatePem(id));
    return { name, cloud: twin.cloud, rootsPem, firmware: firmwareBundle(name, rootsPem) };
  });
}
