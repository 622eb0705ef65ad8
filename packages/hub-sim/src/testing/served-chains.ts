// Every chain hub-sim serves — each cloud, key type and scenario — as the running hub serves it,
// for the end-to-end tests that send them through @hubtrust/verify. Each hub is started, read and
// stopped in turn (with a warm PKI cache a start costs milliseconds).
import { CLOUD_NAMES, CLOUDS, type Cloud, type KeyType } from '../clouds.js';
import { type Hub, startHub } from '../hub.js';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from '../scenarios.js';

/** One served chain and what a device needs to check it. */
export interface ServedCase {
  readonly cloud: Cloud;
  readonly keyType: KeyType;
  readonly scenario: ScenarioName;
  /** `azure`, `aws ecdsa`, ... */
  readonly label: string;
  readonly chainPem: string;
  readonly hostname: string;
  readonly caPem: string;
  readonly profileChain: Hub['profileChain'];
}

/** Every cloud × key type hub-sim serves. */
export const CLOUD_VARIANTS: readonly {
  readonly cloud: Cloud;
  readonly keyType: KeyType;
  readonly label: string;
}[] = CLOUD_NAMES.flatMap((cloud) =>
  CLOUDS[cloud].keyTypes.map((keyType) => ({
    cloud,
    keyType,
    label: CLOUDS[cloud].keyTypes.length > 1 ? `${cloud} ${keyType}` : cloud,
  })),
);

/** Starts every scenario of every cloud variant once and returns what each served. */
export async function servedCases(): Promise<ServedCase[]> {
  const cases: ServedCase[] = [];
  for (const variant of CLOUD_VARIANTS) {
    for (const scenario of SCENARIO_NAMES) {
      if (!SCENARIOS[scenario].clouds.includes(variant.cloud)) continue;
      const hub = await startHub({ cloud: variant.cloud, keyType: variant.keyType, scenario });
      try {
        cases.push({
          ...variant,
          scenario,
          chainPem: hub.chainPem,
          hostname: hub.hostname,
          caPem: hub.caPem,
          profileChain: hub.profileChain,
        });
      } finally {
        await hub.stop();
      }
    }
  }
  return cases;
}
