// The per-scenario acceptance layout shared by scenarios.test.ts and openssl.test.ts: every
// scenario on every cloud (and AWS key type) it exists for, each on its own hub.
import { afterAll, beforeAll, describe } from 'vitest';
import { type Hub, type HubOptions, startHub } from '../hub.js';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioInfo, type ScenarioName } from '../scenarios.js';

/** The hub variants: Azure, AWS with the RSA chain, AWS with the ECDSA chain. */
export const HUB_VARIANTS: readonly { readonly label: string; readonly options: HubOptions }[] = [
  { label: 'azure', options: { cloud: 'azure' } },
  { label: 'aws (RSA, Amazon Root CA 1)', options: { cloud: 'aws' } },
  { label: 'aws (ECDSA, Amazon Root CA 3)', options: { cloud: 'aws', keyType: 'ecdsa' } },
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
): void {
  for (const variant of HUB_VARIANTS) {
    describe(`${title}, ${variant.label}`, () => {
      for (const scenario of SCENARIO_NAMES) {
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
