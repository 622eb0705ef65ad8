// Device profiles against the real stacks (CI sample; bench/profiles-nightly.mjs runs everything):
// the generated corpus and every x509-limbo case outside BetterTLS plus every 8th BetterTLS one
// (DNS peer name or none), through each measured profile (verify.wasm) and its harness
// (hosts/stacks/: mbedTLS 2.28, ESP-IDF's bundle on mbedTLS, wolfSSL 5.5.4, BearSSL 0.6, OpenSSL
// 3.0, built with gcc against the Debian libraries). Fails on a disagreement that
// test-data/profiles/disagreements.json does not list, and on a listed one that now agrees.
// mbedtls-3.6, webpki and bearssl-0.6-no-clock have no harness (see deviceProfiles[...].differential).
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_TIME } from '../test/profile-corpus.js';
import {
  type AgreementRow,
  checkAgainstTable,
  type DifferentialCase,
  type Disagreement,
  formatAgreement,
  generatedCorpus,
  limboCorpus,
  loadDisagreementTable,
  MEASURED_PROFILES,
  runDifferential,
} from '../test/profile-differential.js';
import { CLASSES } from '../test/profile-disagreement-rules.js';
import { buildStacks, runStack, STACKS, type StackBuild } from '../test/stacks.js';
import { deviceProfiles } from './device-profiles.js';
import { initSync } from './wasm.js';

/** CI runs every BETTERTLS_STRIDE-th BetterTLS case (the nightly runs all 5,132). */
const BETTERTLS_STRIDE = 8;

describe('device profiles against the real stacks', () => {
  let build: StackBuild;
  let cases: DifferentialCase[];
  let rows: AgreementRow[];
  let disagreements: Disagreement[];

  beforeAll(async () => {
    initSync();
    build = buildStacks();
    cases = [...limboCorpus({ stride: BETTERTLS_STRIDE }), ...generatedCorpus()];
    ({ rows, disagreements } = await runDifferential(build, cases));
  }, 240_000);

  it('gives every harness its case time through time(): the same chain passes before and fails after its notAfter', async () => {
    const chain = cases.find((c) => c.id === 'baseline::depth-1::rsa');
    expect(chain).toBeDefined();
    if (!chain) return;
    const probe = [
      { ...chain, id: 'now' },
      { ...chain, id: 'after', time: new Date('2036-01-01T00:00:00Z') },
      { ...chain, id: 'before', time: new Date('2024-06-01T00:00:00Z') },
    ];
    for (const stack of STACKS) {
      const v = await runStack(build, stack, probe);
      expect(v.get('now')?.accept, `${stack} at ${CORPUS_TIME.toISOString()}`).toBe(true);
      expect(v.get('after')?.accept, `${stack} after notAfter: ${v.get('after')?.detail}`).toBe(false);
      expect(v.get('before')?.accept, `${stack} before notBefore: ${v.get('before')?.detail}`).toBe(false);
    }
  });

  it('lists every disagreement in disagreements.json with its reason, and nothing that now agrees', () => {
    const table = loadDisagreementTable();
    const problems = checkAgainstTable(disagreements, table, new Set(cases.map((c) => c.id)));
    console.log(
      `\ndevice profiles vs real stacks (CI sample: x509-limbo outside BetterTLS + every ${BETTERTLS_STRIDE}th BetterTLS case, generated corpus):\n${formatAgreement(rows)}\n`,
    );
    expect(problems).toEqual([]);
  });

  it('has a consistent table: known profiles, known classes with a reason and what closes them', () => {
    const table = loadDisagreementTable();
    for (const [profile, byId] of Object.entries(table.cases)) {
      expect(MEASURED_PROFILES, profile).toContain(profile);
      for (const [id, cls] of Object.entries(byId)) {
        expect(table.classes[cls], `${profile} ${id}: class ${cls}`).toBeDefined();
        expect(CLASSES[cls], `${cls} is a class of the rules`).toBeDefined();
      }
    }
    for (const [id, c] of Object.entries(table.classes)) {
      expect(c.reason.length, id).toBeGreaterThan(60);
      expect(c.needs.length, id).toBeGreaterThan(8);
    }
  });

  it('covers both corpora for every measured profile, with the generated corpus over 1,000 chains', () => {
    const generated = cases.filter((c) => c.corpus === 'generated').length;
    expect(generated).toBeGreaterThanOrEqual(1000);
    for (const profile of MEASURED_PROFILES) {
      expect(deviceProfiles[profile].differential).toHaveProperty('harness');
      for (const corpus of ['limbo', 'generated'] as const) {
        const row = rows.find((r) => r.profile === profile && r.corpus === corpus);
        expect(row?.cases, `${profile} ${corpus}`).toBeGreaterThan(corpus === 'limbo' ? 500 : 1000);
      }
    }
  });
});
