// Mutated certificates as verifyChain cases for the cross-runtime case file (runtime-cases.ts):
// the representative sample of the 5,000-mutation run (src/x509-mutation.test.ts, same mutation
// kinds from bench/mutate-lib.mjs) that the microcontroller build runs on the emulated board.
//
// Seeds are real certificates of test-data/roots that verify under their issuer as the only
// anchor (lenient profile and any purpose, so a CA certificate may stand in the leaf position and
// every byte of it is covered by a signature check). Each case verifies the chain mutant <- issuer
// (chain-cases.ts prints the code and the whole result struct, decoder details included); the
// oracle is the public API's code for the same request, which must be a rejection unless the
// mutant equals the seed.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MUTATION_KINDS, mutate, tlvOffsets } from '../bench/mutate-lib.mjs';
import { pemToDer } from '../src/pem.js';
import { chainCase } from './chain-cases.js';
import type { CheckedCase } from './runtime-cases.js';

const ROOTS = new URL('../test-data/roots/', import.meta.url);

/** Seeds: an RSA-2048 leaf, an RSA and an ECDSA issuing CA (slugs of the roots catalog). */
export const MUTATION_SEEDS = [
  'leaf-azure-devices-net-2015',
  'microsoft-azure-rsa-tls-issuing-ca-03-xsign',
  'microsoft-azure-ecc-tls-issuing-ca-03-xsign',
] as const;

interface Entry {
  slug: string;
  file: string;
  not_before: string;
  not_after: string;
  chains_to: string[];
}

interface Seed {
  slug: string;
  der: Uint8Array;
  issuer: Uint8Array;
  time: Date;
  offsets: number[];
}

function seeds(): Seed[] {
  const catalog: Entry[] = JSON.parse(
    gunzipSync(readFileSync(new URL('catalog.json.gz', ROOTS))).toString(),
  ).certificates;
  const bySlug = (slug: string) => {
    const e = catalog.find((c) => c.slug === slug);
    if (!e) throw new Error(`no ${slug} in the roots catalog`);
    return e;
  };
  return MUTATION_SEEDS.map((slug) => {
    const c = bySlug(slug);
    const i = bySlug(c.chains_to[0] as string);
    const from = Math.max(Date.parse(c.not_before), Date.parse(i.not_before));
    const to = Math.min(Date.parse(c.not_after), Date.parse(i.not_after));
    const der = pemToDer(readFileSync(new URL(c.file, ROOTS), 'utf8'));
    return {
      slug,
      der,
      issuer: pemToDer(readFileSync(new URL(i.file, ROOTS), 'utf8')),
      time: new Date(from + Math.floor((to - from) / 2)),
      offsets: tlvOffsets(der),
    };
  });
}

/** verifyChain(mutant <- issuer): the decoder's verdict shows in the result struct's detail. */
function mutationCase(name: string, seed: Seed, mutant: Uint8Array, same: boolean): CheckedCase {
  return chainCase(
    name,
    { leaf: mutant, roots: [seed.issuer], time: seed.time, purpose: 'any', strictProfile: false },
    same ? 'accept' : 'reject',
  );
}

/**
 * `count` mutation cases (a deterministic sample for `seed`), plus one unmutated case per seed
 * (which must verify, so the property can fail).
 */
export function mutationChainCases(count: number, seed: number): CheckedCase[] {
  const all = seeds();
  const picks = fc.sample(
    fc.tuple(
      fc.nat({ max: all.length - 1 }),
      fc.nat({ max: MUTATION_KINDS - 1 }),
      fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 8, maxLength: 8 }),
    ),
    { seed, numRuns: count },
  );
  return [
    ...all.map((s) => mutationCase(`mutation-${s.slug}-original`, s, s.der, true)),
    ...picks.map(([si, kind, r], i) => {
      const s = all[si] as Seed;
      const mutant = mutate(s.der, kind, r, s.offsets);
      // A few mutations give the seed back (a length byte rewritten to its own value): those verify.
      const same = mutant.length === s.der.length && mutant.every((b, j) => b === s.der[j]);
      return mutationCase(`mutation-${i}-${s.slug}-k${kind}${same ? '-unchanged' : ''}`, s, mutant, same);
    }),
  ];
}
