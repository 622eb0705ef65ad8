// The two device bundles the main job checks, by the real root slugs a device carries, mapped to
// hub-sim's test twins (hub-sim signs with twins of the real roots, so a real bundle never
// verifies its chains). When @hubtrust/roots exports its recommended sets and
// `simulatedBundle(slugs)` (issues 10 and 14), `twinRoots` becomes that call.
import type { Cloud, Hub } from '@hubtrust/hub-sim';
import { pemToDer } from '@hubtrust/verify';

/** A device bundle: the real roots it carries, per cloud. */
export interface DeviceBundle {
  id: string;
  title: string;
  /** Where the set comes from. */
  source: string;
  slugs: Readonly<Record<Cloud, readonly string[]>>;
}

/** The bundles of the main job, in report order. */
export const DEVICE_BUNDLES: readonly DeviceBundle[] = [
  {
    id: 'azure-c-sdk-2017',
    title: 'Azure IoT C SDK certs.c (2017): Baltimore only',
    source: 'Azure/azure-iot-sdk-c certs/certs.c before the 2023 DigiCert Global Root G2 migration',
    slugs: { azure: ['baltimore-cybertrust-root'], aws: ['baltimore-cybertrust-root'] },
  },
  {
    id: 'recommended',
    title: 'current recommended set',
    source:
      'Azure: DigiCert Global Root G2 + Microsoft RSA Root CA 2017; AWS: Amazon Root CA 1 and 3 + Starfield Services Root G2',
    slugs: {
      azure: ['digicert-global-root-g2', 'microsoft-rsa-root-ca-2017'],
      aws: ['amazon-root-ca-1', 'amazon-root-ca-3', 'starfield-services-root-g2'],
    },
  },
];

/** The twins of a bundle's roots on a running hub, and the slugs hub-sim has no twin of. */
export function twinRoots(hub: Hub, bundle: DeviceBundle): { roots: Uint8Array[]; withoutTwin: string[] } {
  const roots: Uint8Array[] = [];
  const withoutTwin: string[] = [];
  for (const slug of bundle.slugs[hub.cloud]) {
    const pem = hub.roots[slug];
    if (pem) roots.push(pemToDer(pem));
    else withoutTwin.push(slug);
  }
  return { roots, withoutTwin };
}
