// Robustness of the X.509 decoder and the signature dispatcher under mutation (fast-check):
// 5,000 mutated certificates (bit flips, truncation, length and tag tampering, insertions,
// deletions, BER long forms). Properties: the module never traps (test build, assertions on),
// memory does not grow, and a mutant that still decodes never verifies under the original
// issuer's key. bench/mutate-100k.mjs runs the same with 100,000 cases.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { buildCert, ctx, EXT, ext, hex, ia5, int, name, nul, oid, seq, tlv } from '@hubtrust/test-pki';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUTATION_KINDS, type MutationWasm, mutate, runCase, tlvOffsets } from '../bench/mutate-lib.mjs';
import { loadTestWasm } from '../test/test-wasm.js';
import { pemToDer } from './pem.js';

const w = loadTestWasm<MutationWasm>();
const ROOTS = new URL('../test-data/roots/', import.meta.url);

interface Seed {
  label: string;
  der: Uint8Array;
  issuer: Uint8Array;
}

/** Generated seeds: self-signed, every extension the decoder parses, Ed25519 so they verify today. */
function generatedSeeds(): Seed[] {
  const ed = generateKeyPairSync('ed25519').privateKey;
  const rich = [
    ext(EXT.basicConstraints, true, seq(Uint8Array.of(1, 1, 0xff), int(3))),
    ext(EXT.keyUsage, true, Uint8Array.of(0x03, 0x02, 0x01, 0x06)),
    ext(EXT.eku, false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    ext(
      EXT.san,
      false,
      seq(ia5(0x82, 'a.example'), tlv(0x87, hex('c0 00 02 01')), ctx(4, name(['2.5.4.3', 'd']))),
    ),
    ext(
      EXT.nameConstraints,
      true,
      seq(
        ctx(0, seq(ia5(0x82, 'example')), seq(tlv(0x87, hex('c0 00 02 00 ff ff ff 00')))),
        ctx(1, seq(ia5(0x81, 'x@y'))),
      ),
    ),
    ext(EXT.aki, false, seq(tlv(0x80, hex('0102030405')))),
    ext(EXT.ski, false, tlv(0x04, hex('0102030405'))),
    ext(
      EXT.certPolicies,
      false,
      seq(seq(oid('2.23.140.1.2.1'), seq(seq(oid('1.3.6.1.5.5.7.2.1'), ia5(0x16, 'http://cps/'))))),
    ),
    ext(EXT.aia, false, seq(seq(oid('1.3.6.1.5.5.7.48.2'), ia5(0x86, 'http://ca/')))),
    ext(EXT.crlDp, false, seq(seq(ctx(0, ctx(0, ia5(0x86, 'http://crl/')))))),
    ext('1.2.3.4.5', false, nul()),
  ];
  const a = buildCert({
    signer: ed,
    extensions: rich,
    issuer: name(['2.5.4.3', 'seed']),
    subject: name(['2.5.4.3', 'seed']),
  });
  const v1 = buildCert({ signer: ed, version: null });
  return [
    { label: 'ed25519 rich v3', der: a, issuer: a },
    { label: 'ed25519 v1', der: v1, issuer: v1 },
  ];
}

function realSeeds(): Seed[] {
  const catalog: { file: string; role: string; slug: string; chains_to: string[] }[] = JSON.parse(
    gunzipSync(readFileSync(new URL('catalog.json.gz', ROOTS))).toString(),
  ).certificates;
  const load = (file: string) => pemToDer(readFileSync(new URL(file, ROOTS), 'utf8'));
  const pick = [
    'leaf-azure-devices-net-2015',
    'isrg-root-x1',
    'amazon-root-ca-3',
    'microsoft-azure-ecc-tls-issuing-ca-03-xsign',
  ];
  return pick.map((slug) => {
    const c = catalog.find((x) => x.slug === slug) as (typeof catalog)[number];
    const issuer =
      c.role === 'root' ? c : (catalog.find((x) => x.slug === c.chains_to[0]) as (typeof catalog)[number]);
    return { label: slug, der: load(c.file), issuer: load(issuer.file) };
  });
}

const seeds = [...generatedSeeds(), ...realSeeds()].map((s) => ({ ...s, offsets: tlvOffsets(s.der) }));

describe('X.509 decoder and signature dispatcher under mutation', () => {
  it('every seed decodes and verifies under its issuer (so the property can fail)', () => {
    let verifiable = 0;
    for (const s of seeds) {
      const r = runCase(w, s.der, s.issuer, s.der);
      expect(r.decoded, s.label).toBe(true);
      if (r.verified) verifiable++;
    }
    expect(verifiable).toBe(seeds.length);
  });

  it('5,000 mutants: no trap, no memory growth, no mutant verifies', () => {
    const pages = w.memory.buffer.byteLength;
    const stats = { decoded: 0, rejected: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.nat({ max: MUTATION_KINDS - 1 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
          minLength: 8,
          maxLength: 8,
        }),
        (si, kind, r) => {
          const s = seeds[si] as (typeof seeds)[number];
          const mutant = mutate(s.der, kind, r, s.offsets);
          const res = runCase(w, s.der, s.issuer, mutant);
          if (res.decoded) stats.decoded++;
          else stats.rejected++;
          // A changed certificate must never verify under the original issuer key.
          return res.same || !res.verified;
        },
      ),
      { numRuns: 5000, seed: 0x5eed509 },
    );
    expect(w.memory.buffer.byteLength).toBe(pages);
    // Both outcomes occur, so the run exercised the decoder and the verifier.
    expect(stats.decoded).toBeGreaterThan(100);
    expect(stats.rejected).toBeGreaterThan(1000);
  });
});
