// End to end with @hubtrust/verify: every chain hub-sim serves (each scenario on each cloud and
// key type) goes through `verifyChain` as a correct device checks it — the twins of the cloud's
// trusted roots as anchors, the hub's host name, the hub's time (the clock the hub and the device
// share: now) — and the verdict must be the scenario's `expected.chainError`. Then real device
// bundles, mapped to the twins with simulatedBundle, against every scenario: the verdicts form the
// README table "Real bundles against the scenarios" (HUBTRUST_WRITE_README=1 rewrites it).
import { getCertificate, RECOMMENDED_SETS, type RecommendedSetId } from '@hubtrust/roots';
import { init, splitPem, type VerifyChainResult, verifyChain } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChainErrorCode } from './expectations.js';
import { LEAF_VALIDITY } from './leaves.js';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from './scenarios.js';
import { expectReadmeBlock, markdownTable } from './testing/readme-block.js';
import { CLOUD_VARIANTS, type ServedCase, servedCases } from './testing/served-chains.js';
import { simulatedBundle, twinOf } from './twins.js';

let cases: ServedCase[] = [];
/** The hub's time: the wall clock the hub and a device on the same machine share. */
const now = new Date();

beforeAll(async () => {
  await init();
  cases = await servedCases();
}, 240_000);

function verify(served: ServedCase, roots: readonly Uint8Array[]): VerifyChainResult {
  return verifyChain({ leaf: served.chainPem, roots, hostname: served.hostname, time: now });
}

const codeOf = (r: VerifyChainResult): ChainErrorCode | null => (r.ok ? null : r.error.code);
const hexOf = (der: Uint8Array | undefined) => Buffer.from(der ?? []).toString('hex');

it("the hub's time lies inside the simulated leaves' validity (else the PKI needs new dates)", () => {
  const [from, to] = LEAF_VALIDITY.valid.map((d) => new Date(d).getTime()) as [number, number];
  expect(now.getTime(), 'bump PKI_VERSION and move LEAF_VALIDITY/TWIN_MIN_NOT_AFTER').toBeGreaterThan(from);
  expect(now.getTime()).toBeLessThan(to);
});

describe('every served chain, verified with the cloud’s trusted twins, gives expected.chainError', () => {
  it('covers every scenario of every cloud and key type', () => {
    const expectedCount = CLOUD_VARIANTS.reduce(
      (n, v) => n + SCENARIO_NAMES.filter((s) => SCENARIOS[s].clouds.includes(v.cloud)).length,
      0,
    );
    expect(cases.length).toBe(expectedCount);
    expect(new Set(cases.map((c) => c.cloud)).size).toBe(5);
  });

  for (const variant of CLOUD_VARIANTS) {
    for (const scenario of SCENARIO_NAMES) {
      if (!SCENARIOS[scenario].clouds.includes(variant.cloud)) continue;
      const expected = SCENARIOS[scenario].expected.chainError;
      it(`${variant.label} ${scenario}: ${expected ?? 'verifies'}`, async () => {
        const served = cases.find(
          (c) => c.cloud === variant.cloud && c.keyType === variant.keyType && c.scenario === scenario,
        ) as ServedCase;
        const result = verify(served, splitPem(served.caPem));
        expect(codeOf(result), result.ok ? '' : result.error.message).toBe(expected);
        if (result.ok && served.profileChain) {
          // The path ends at the twin of one of the anchors the roots profile names for the chain.
          const anchors = await Promise.all(served.profileChain.anchors.map((slug) => twinOf(slug)));
          expect(anchors.map((t) => hexOf(t.der))).toContain(hexOf(result.chain.at(-1)?.der));
        }
      });
    }
  }

  it('the chain a device sees is what the roots profile says: each sent certificate is the twin of its slug', async () => {
    for (const served of cases.filter((c) => c.scenario === 'current')) {
      const sent = splitPem(served.chainPem).slice(1);
      const twins = await Promise.all((served.profileChain?.sent ?? []).map((slug) => twinOf(slug)));
      expect(sent.map(hexOf), served.label).toEqual(twins.map((t) => hexOf(t.der)));
    }
  });
});

/** Real bundles a device may carry, by the slugs of their real roots. */
const BUNDLES: readonly { readonly id: string; readonly title: string; readonly slugs: readonly string[] }[] =
  [
    {
      id: 'c-sdk-2017',
      title: 'Azure C SDK `certs.c` 2017 (Baltimore only)',
      slugs: ['baltimore-cybertrust-root'],
    },
    ...(['azure-rsa', 'azure-all', 'azure-china', 'aws'] as const satisfies readonly RecommendedSetId[]).map(
      (id) => ({ id, title: `\`${id}\` (recommended set)`, slugs: RECOMMENDED_SETS[id].slugs }),
    ),
    {
      id: 'aws-verisign',
      title: 'VeriSign Class 3 G5 only (AWS IoT `root-CA.crt` before ATS)',
      slugs: ['verisign-class3-g5'],
    },
  ];

/** What a correct device carrying `roots` ends with: `connects`, or the cause (chain or protocol). */
function verdict(served: ServedCase, roots: readonly Uint8Array[]): string {
  const expected = SCENARIOS[served.scenario].expected;
  if (expected.alert?.sentBy === 'hub') return expected.cause; // refused before the chain is checked
  const code = codeOf(verify(served, roots));
  const causes: Record<string, string> = {
    UNKNOWN_ISSUER: 'unknown_ca',
    EXPIRED: 'expired',
    NOT_YET_VALID: 'not_yet_valid_clock',
    NAME_MISMATCH: 'hostname_mismatch',
    WEAK_SIGNATURE_ALGORITHM: 'other (SHA-1)',
  };
  if (code !== null) return causes[code] ?? code;
  return expected.connects ? 'connects' : expected.cause;
}

describe('real bundles mapped to the twins, against every scenario', () => {
  const table = new Map<string, string>(); // `${label}|${scenario}|${bundle}` → verdict
  let twinRoots: Map<string, Uint8Array[]>;

  beforeAll(async () => {
    twinRoots = new Map();
    for (const bundle of BUNDLES) {
      const mapped = await simulatedBundle(bundle.slugs);
      expect(mapped.missing, bundle.id).toEqual([]);
      twinRoots.set(
        bundle.id,
        mapped.twins.map((t) => t.der),
      );
    }
    for (const served of cases) {
      for (const bundle of BUNDLES) {
        table.set(
          `${served.label}|${served.scenario}|${bundle.id}`,
          verdict(served, twinRoots.get(bundle.id) ?? []),
        );
      }
    }
  });

  const at = (label: string, scenario: ScenarioName, bundle: string) =>
    table.get(`${label}|${scenario}|${bundle}`);

  it('a 2017 Baltimore-only device fails today’s Azure chain with unknown_ca, and connects to the Baltimore-era chain', () => {
    expect(at('azure', 'current', 'c-sdk-2017')).toBe('unknown_ca');
    expect(at('azure', 'rotated-root', 'c-sdk-2017')).toBe('unknown_ca');
    expect(at('azure', 'legacy-baltimore', 'c-sdk-2017')).toBe('connects');
    expect(at('azure-china', 'current', 'c-sdk-2017')).toBe('unknown_ca');
  });

  it('the recommended Azure set connects to the current and rotated chains, not to the Baltimore era', () => {
    expect(at('azure', 'current', 'azure-rsa')).toBe('connects');
    expect(at('azure', 'rotated-root', 'azure-rsa')).toBe('connects');
    expect(at('azure', 'legacy-baltimore', 'azure-rsa')).toBe('unknown_ca');
    expect(at('azure-ecc', 'current', 'azure-rsa')).toBe('unknown_ca');
    expect(at('azure-ecc', 'current', 'azure-all')).toBe('connects');
  });

  it('Azure China needs its own set; the global set only reaches the post-2026 DigiCert G2 chain', () => {
    expect(at('azure-china', 'current', 'azure-china')).toBe('connects');
    expect(at('azure-china', 'current', 'azure-rsa')).toBe('unknown_ca');
    expect(at('azure-china', 'rotated-root', 'azure-rsa')).toBe('connects');
  });

  it('the AWS set connects to ATS (RSA and ECDSA), not to the deprecated VeriSign endpoint', () => {
    expect(at('aws rsa', 'current', 'aws')).toBe('connects');
    expect(at('aws ecdsa', 'current', 'aws')).toBe('connects');
    expect(at('aws-legacy rsa', 'current', 'aws')).toBe('unknown_ca');
    expect(at('aws rsa', 'current', 'azure-rsa')).toBe('unknown_ca');
  });

  it('a device still carrying only VeriSign G5 reaches the legacy endpoint, never ATS', () => {
    expect(at('aws-legacy rsa', 'current', 'aws-verisign')).toBe('connects');
    expect(at('aws-legacy ecdsa', 'current', 'aws-verisign')).toBe('connects');
    expect(at('aws rsa', 'current', 'aws-verisign')).toBe('unknown_ca');
    expect(at('aws ecdsa', 'current', 'aws-verisign')).toBe('unknown_ca');
  });

  it('a real bundle never verifies a simulated chain: the real roots are not the twins', () => {
    for (const served of cases.filter((c) => c.scenario === 'current')) {
      const real = BUNDLES.flatMap((b) => b.slugs).map((slug) => getCertificate(slug).der);
      expect(codeOf(verify(served, real)), served.label).toBe('UNKNOWN_ISSUER');
    }
  });

  it('scenarios the hub refuses for protocol reasons give protocol_mismatch whatever the bundle', () => {
    for (const bundle of BUNDLES) expect(at('azure', 'tls10-only', bundle.id)).toBe('protocol_mismatch');
  });

  it('the README table "Real bundles against the scenarios" is up to date', () => {
    const lines: string[] = [];
    for (const variant of CLOUD_VARIANTS) {
      const rows = SCENARIO_NAMES.filter((scenario) =>
        SCENARIOS[scenario].clouds.includes(variant.cloud),
      ).map((scenario) => [
        `\`${scenario}\``,
        ...BUNDLES.map((b) => {
          const v = at(variant.label, scenario, b.id) ?? '?';
          return v === 'connects' ? '✓ connects' : v;
        }),
      ]);
      lines.push(
        `**${variant.label}**`,
        '',
        ...markdownTable(['scenario', ...BUNDLES.map((b) => b.title)], rows),
        '',
      );
    }
    expectReadmeBlock('bundle-verdicts', lines.slice(0, -1));
  });
});
