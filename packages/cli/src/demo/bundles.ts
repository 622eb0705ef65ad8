// The two device bundles the main job checks, by the real root slugs a device carries (the
// recommended set from @hubtrust/roots' RECOMMENDED_SETS), mapped to hub-sim's test twins
// (hub-sim signs with twins of the real roots, so a real bundle never verifies its chains). When
// hub-sim exports `simulatedBundle(slugs)` (issue 10), `twinRoots` becomes that call.
import type { Cloud, Hub } from '@hubtrust/hub-sim';
import { RECOMMENDED_SETS } from '@hubtrust/roots';
import { pemToDer } from '@hubtrust/verify';

/** A device bundle: the real roots it carries, per cloud. */
export interface DeviceBundle {
  id: string;
  title: string;
  /** Where the set comes from. */
  source: string;
  slugs: Readonly<Partial<Record<Cloud, readonly string[]>>>;
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
    source: `@hubtrust/roots RECOMMENDED_SETS azure-rsa (${RECOMMENDED_SETS['azure-rsa'].sources.join(', ')}) and aws (${RECOMMENDED_SETS.aws.sources.join(', ')})`,
    slugs: { azure: RECOMMENDED_SETS['azure-rsa'].slugs, aws: RECOMMENDED_SETS.aws.slugs },
  },
];

/** The twins of a bundle's roots on a running hub, and the slugs hub-sim has no twin of. */
export function twinRoots(hub: Hub, bundle: DeviceBundle): { roots: Uint8Array[]; withoutTwin: string[] } {
  const roots: Uint8Array[] = [];
  const withoutTwin: string[] = [];
  for (const slug of bundle.slugs[hub.cloud] ?? []) {
    const pem = hub.roots[slug];
    if (pem) roots.push(pemToDer(pem));
    else withoutTwin.push(slug);
  }
  return { roots, withoutTwin };
}
