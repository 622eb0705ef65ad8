// The README's tables of clouds, served chains and twins are generated from the data they describe
// (CLOUDS, CHAIN_REFS resolved against the roots profiles, the twin plan); this test fails when
// they are stale. `npm run readme-tables` rewrites them.
import { findCertificate, findModelledCertificate } from '@hubtrust/roots';
import { describe, it } from 'vitest';
import { CLOUD_NAMES, CLOUDS, trustedSlugs } from './clouds.js';
import { twinPlan } from './pki.js';
import { SCENARIO_NAMES, SCENARIOS } from './scenarios.js';
import { expectReadmeBlock, markdownTable } from './testing/readme-block.js';
import { MODELLED_TWINS } from './twin-plan.js';

/** A certificate's common name for a table (the twin's subject for modelled ones). */
function nameOf(id: string): string {
  const real = findCertificate(id);
  // A subject without a CN (Starfield Class 2) is listed by its OU.
  if (real)
    return real.subjectCn.includes('=')
      ? (/OU=([^,]+)/.exec(real.subjectCn)?.[1] ?? real.subjectCn)
      : real.subjectCn;
  const recipe = MODELLED_TWINS[id];
  if (typeof recipe?.subject === 'string')
    return `${findCertificate(recipe.subject)?.subjectCn} (cross-certificate)`;
  return recipe?.subject.find(([type]) => type === 'CN')?.[1] ?? findModelledCertificate(id)?.subjectCn ?? id;
}

const code = (text: string) => `\`${text}\``;

describe('README tables', () => {
  it('clouds', () => {
    const rows = CLOUD_NAMES.map((cloud) => {
      const info = CLOUDS[cloud];
      return [
        code(cloud),
        info.title,
        code(info.hostPattern),
        info.keyTypes.join(', '),
        `${trustedSlugs(cloud).map(nameOf).join(', ')} — ${info.trusted.why}`,
      ];
    });
    expectReadmeBlock(
      'clouds',
      markdownTable(
        ['cloud', 'impersonates', 'host', 'key types', 'a correct device trusts (`caPem`: their twins)'],
        rows,
      ),
    );
  });

  it('served chains', () => {
    const scenariosOf = (role: string, cloud: string) =>
      role === 'legacy'
        ? '`legacy-baltimore`'
        : role === 'rotated'
          ? '`rotated-root`'
          : `${SCENARIO_NAMES.filter((s) => SCENARIOS[s].clouds.includes(cloud as 'azure') && !['legacy-baltimore', 'rotated-root'].includes(s)).length} others`;
    const rows = twinPlan().chains.map((chain) => {
      const { ref } = chain;
      const extra = new Set(ref.extraAbove?.slugs ?? []);
      return [
        `${code(ref.cloud)} ${ref.keyType}`,
        scenariosOf(ref.role, ref.cloud),
        `${code(ref.family)} / ${code(ref.period)} / ${code(ref.chain)}`,
        chain.sent.map((id) => (extra.has(id) ? `+ ${nameOf(id)}` : nameOf(id))).join(' → '),
        chain.anchors.map(nameOf).join(', '),
        `${chain.leafKey.type === 'RSA' ? `RSA ${chain.leafKey.bits}` : `EC ${chain.leafKey.curve}`}, ${ref.leafHash}`,
      ];
    });
    expectReadmeBlock(
      'served-chains',
      markdownTable(
        [
          'cloud, key',
          'scenarios',
          'profile: family / period / chain',
          'sent after the leaf',
          'anchors',
          'leaf key, hash',
        ],
        rows,
      ),
    );
  });

  it('twins', () => {
    const plan = twinPlan();
    const rows = plan.twins.map((twin) => [
      code(twin.id),
      twin.kind,
      twin.keySpec.type === 'RSA'
        ? `RSA ${twin.keySpec.bits}${'publicExponent' in twin.keySpec && twin.keySpec.publicExponent === 3 ? ' (e = 3)' : ''}`
        : `EC ${twin.keySpec.curve}`,
      twin.issuer === 'self' ? 'self-signed' : code(twin.issuer),
      twin.key === twin.id ? '' : `key of ${code(twin.key)}`,
      plan.setRoots.includes(twin.id) ? 'recommended set' : 'chains',
      twin.deviations.join('; '),
    ]);
    expectReadmeBlock(
      'twins',
      markdownTable(
        ['slug', 'kind', 'key', 'issuer', 'shares', 'why twinned', 'differs from the real one'],
        rows,
      ),
    );
  });
});
