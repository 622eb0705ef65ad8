// The two device bundles the main job checks, by the real root slugs a device carries (the
// recommended set from @hubtrust/roots' RECOMMENDED_SETS), mapped to hub-sim's test twins with
// its simulatedBundle (hub-sim signs with twins of the real roots, so a real bundle never
// verifies its chains: the twin bundle is what "the same device" carries on the simulated rig).
import type { Cloud } from '@hubtrust/hub-sim';
import { RECOMMENDED_SETS } from '@hubtrust/roots';

/** A device bundle: the real roots it carries, per cloud. */
export interface DeviceBundle {
  id: string;
  title: string;
  /** Where the set comes from. */
  source: string;
  /** When firmware shipped with it (readiness follows it from then); absent: a set for today. */
  releasedOn?: Date;
  slugs: Readonly<Partial<Record<Cloud, readonly string[]>>>;
}

/** The bundles of the main job, in report order. */
export const DEVICE_BUNDLES: readonly DeviceBundle[] = [
  {
    id: 'azure-c-sdk-2017',
    title: 'Azure IoT C SDK certs.c (2017): Baltimore only',
    source: 'Azure/azure-iot-sdk-c certs/certs.c before the 2023 DigiCert Global Root G2 migration',
    // The SDK release whose certs.c @hubtrust/roots rebuilds (test-data/readiness/).
    releasedOn: new Date('2017-01-21T00:00:00Z'),
    slugs: { azure: ['baltimore-cybertrust-root'], aws: ['baltimore-cybertrust-root'] },
  },
  {
    id: 'recommended',
    title: 'current recommended set',
    source: `@hubtrust/roots RECOMMENDED_SETS azure-rsa (${RECOMMENDED_SETS['azure-rsa'].sources.join(', ')}) and aws (${RECOMMENDED_SETS.aws.sources.join(', ')})`,
    slugs: { azure: RECOMMENDED_SETS['azure-rsa'].slugs, aws: RECOMMENDED_SETS.aws.slugs },
  },
];

/** A bundle as a simulated device carries it: hub-sim's twins of its real roots, for one cloud. */
export interface TwinBundle {
  /** DEVICE_BUNDLES id. */
  id: string;
  cloud: Cloud;
  /** The twins, PEM each (what the board is flashed with) and DER. */
  rootsPem: string[];
  roots: Uint8Array[];
  /** Slugs of the bundle that have no twin (said, never dropped silently). */
  withoutTwin: string[];
}

/**
 * The bundles mapped to hub-sim's twins with its `simulatedBundle`, for each cloud.
 * @example const twins = await twinBundles(['azure']); // [{ id: 'azure-c-sdk-2017', cloud: 'azure', ... }, ...]
 */
export async function twinBundles(clouds: readonly Cloud[]): Promise<TwinBundle[]> {
  const { simulatedBundle } = await import('@hubtrust/hub-sim');
  const out: TwinBundle[] = [];
  for (const cloud of clouds)
    for (const bundle of DEVICE_BUNDLES) {
      const mapped = await simulatedBundle([...(bundle.slugs[cloud] ?? [])]);
      out.push({
        id: bundle.id,
        cloud,
        rootsPem: mapped.twins.map((t) => t.pem),
        roots: mapped.twins.map((t) => t.der),
        withoutTwin: mapped.missing.map((m) => m.slug ?? m.message),
      });
    }
  return out;
}
