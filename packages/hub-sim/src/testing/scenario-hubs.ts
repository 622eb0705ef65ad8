// The per-scenario acceptance layout shared by scenarios.test.ts and openssl.test.ts: every
// scenario on every cloud (and key type) it exists for, each on its own hub. The full matrix
// (node:tls, mqtt.js, openssl) runs on the three original variants; the clouds that follow the
// other profiles (Azure China, Azure ECC, AWS legacy) run node:tls on every scenario and openssl
// on their current chain, which keeps the suite within its time budget (every chain of every
// variant is also verified with @hubtrust/verify in verify-e2e.test.ts).
import { afterAll, beforeAll, describe } from 'vitest';
import { type Hub, type HubOptions, startHub } from '../hub.js';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioInfo, type ScenarioName } from '../scenarios.js';

/** A hub variant: a cloud and key type. */
export interface HubVariant {
  readonly label: string;
  readonly options: HubOptions;
}

/** The hub variants of the full matrix: Azure, AWS with the RSA chain, AWS with the ECDSA chain. */
export const HUB_VARIANTS: readonly HubVariant[] = [
  { label: 'azure', options: { cloud: 'azure' } },
  { label: 'aws (RSA, Amazon Root CA 1)', options: { cloud: 'aws' } },
  { label: 'aws (ECDSA, Amazon Root CA 3)', options: { cloud: 'aws', keyType: 'ecdsa' } },
];

/** The other clouds: Azure China, Azure ECC, AWS legacy (RSA and ECDSA). */
export const PROFILE_VARIANTS: readonly HubVariant[] = [
  { label: 'azure-china (DigiCert Global Root CA)', options: { cloud: 'azure-china' } },
  { label: 'azure-ecc (DigiCert Global Root G3, P-384)', options: { cloud: 'azure-ecc' } },
  { label: 'aws-legacy (RSA, VeriSign Class 3 G5)', options: { cloud: 'aws-legacy' } },
  { label: 'aws-legacy (ECDSA, VeriSign Class 3 G5)', options: { cloud: 'aws-legacy', keyType: 'ecdsa' } },
];

/**
 * Declares `describe('<title>, <variant>') > describe('<scenario>')` for every variant and every
 * scenario its cloud has, with a hub of that scenario started before the block's tests and
 * stopped after; `tests` declares the tests, which get the running hub from `hub()`.
 * @example
 * ```ts
 * describeScenarioHubs('node:tls', (hub, scenario) => {
 *   it('connects', async () => expect((await tlsAttempt(hub())).ok).toBe(true));
 * });
 * ```
 */
export function describeScenarioHubs(
  title: string,
  tests: (hub: () => Hub, scenario: ScenarioName, info: ScenarioInfo) => void,
  variants: readonly HubVariant[] = HUB_VARIANTS,
  scenarios: readonly ScenarioName[] = SCENARIO_NAMES,
): void {
  for (const variant of variants) {
    describe(`${title}, ${variant.label}`, () => {
      for (const scenario of scenarios) {
        const info = SCENARIOS[scenario];
        if (!info.clouds.includes(variant.options.cloud ?? 'azure')) continue;
        describe(scenario, () => {
          let hub: Hub | undefined;
          beforeAll(async () => {
            hub = await startHub({ ...variant.options, scenario });
          });
          afterAll(async () => {
            await hub?.stop();
          });
          tests(() => hub as Hub, scenario, info);
        });
      }
    });
  }
}
