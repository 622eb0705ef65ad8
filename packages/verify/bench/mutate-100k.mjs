#!/usr/bin/env node
// 100,000 mutated certificates through the X.509 decoder and the signature dispatcher of the
// test build (assertions on). Not part of CI (src/x509-mutation.test.ts runs 5,000 there).
//   npm run build && npx turbo run build --filter=@hubtrust/test-pki && node bench/mutate-100k.mjs [cases]
// Fails (exit 1) if the module traps, memory grows, or a changed certificate verifies.
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { buildCert, ctx, EXT, ext, hex, ia5, int, name, nul, oid, seq, tlv } from '@hubtrust/test-pki';
import { pemToDer } from '../dist/index.js';
import { MUTATION_KINDS, mutate, runCase, tlvOffsets } from './mutate-lib.mjs';

const cases = Number(process.argv[2] ?? 100_000);
const w = new WebAssembly.Instance(
  new WebAssembly.Module(readFileSync(new URL('../build/verify.test.wasm', import.meta.url))),
  {},
).exports;

// Seeds: self-signed Ed25519 / P-256 / RSA certificates with every parsed extension, and all the
// real certificates of test-data/roots (each with its issuer from the catalog).
const rich = [
  ext(EXT.basicConstraints, true, seq(Uint8Array.of(1, 1, 0xff), int(3))),
  ext(EXT.keyUsage, true, Uint8Array.of(0x03, 0x02, 0x01, 0x06)),
  ext(EXT.eku, false, seq(oid('1.3.6.1.5.5.7.3.1'))),
  ext(
    EXT.san,
    false,
    seq(ia5(0x82, 'a.example'), tlv(0x87, hex('c0000201')), ctx(4, name(['2.5.4.3', 'd']))),
  ),
  ext(
    EXT.nameConstraints,
    true,
    seq(ctx(0, seq(ia5(0x82, 'example')), seq(tlv(0x87, hex('c0000200ffffff00'))))),
  ),
  ext(EXT.aki, false, seq(tlv(0x80, hex('0102')))),
  ext(EXT.ski, false, tlv(0x04, hex('0102'))),
  ext(EXT.certPolicies, false, seq(seq(oid('2.23.140.1.2.1')))),
  ext(EXT.aia, false, seq(seq(oid('1.3.6.1.5.5.7.48.2'), ia5(0x86, 'http://ca/')))),
  ext(EXT.crlDp, false, seq(seq(ctx(0, ctx(0, ia5(0x86, 'http://crl/')))))),
  ext('1.2.3.4.5', false, nul()),
];
const seeds = [];
for (const kp of [
  generateKeyPairSync('ed25519'),
  generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  generateKeyPairSync('rsa', { modulusLength: 2048 }),
]) {
  const der = buildCert({ signer: kp.privateKey, extensions: rich });
  seeds.push({ label: `generated ${kp.privateKey.asymmetricKeyType}`, der, issuer: der });
}
const roots = new URL('../test-data/roots/', import.meta.url);
const catalog = JSON.parse(
  gunzipSync(readFileSync(new URL('catalog.json.gz', roots))).toString(),
).certificates;
const load = (file) => pemToDer(readFileSync(new URL(file, roots), 'utf8'));
for (const f of readdirSync(roots).filter((x) => x.endsWith('.pem'))) {
  const c = catalog.find((x) => x.file === f);
  const issuer = c.role === 'root' ? c : catalog.find((x) => x.slug === c.chains_to[0]);
  seeds.push({ label: c.slug, der: load(f), issuer: load(issuer.file) });
}
for (const s of seeds) {
  s.offsets = tlvOffsets(s.der);
  s.verifies = runCase(w, s.der, s.issuer, s.der).verified;
}

// xorshift32: reproducible runs.
let state = 0x9e3779b9;
const rnd = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};
const pages = w.memory.buffer.byteLength;
const t0 = performance.now();
let decoded = 0;
let verifiedChecks = 0;
const failures = [];
for (let i = 0; i < cases; i++) {
  const s = seeds[Math.floor(rnd() * seeds.length)];
  const kind = Math.floor(rnd() * MUTATION_KINDS);
  const r = Array.from({ length: 8 }, rnd);
  const mutant = mutate(s.der, kind, r, s.offsets);
  const res = runCase(w, s.der, s.issuer, mutant);
  if (res.decoded) decoded++;
  if (res.decoded && s.verifies) verifiedChecks++;
  if (!res.same && res.verified) failures.push({ seed: s.label, kind, r });
}
const ms = performance.now() - t0;
const grown = w.memory.buffer.byteLength - pages;
console.log(
  JSON.stringify(
    {
      cases,
      seeds: seeds.length,
      seedsThatVerify: seeds.filter((s) => s.verifies).length,
      mutantsDecoded: decoded,
      mutantsSignatureChecked: verifiedChecks,
      changedButVerified: failures.length,
      memoryGrowthBytes: grown,
      seconds: +(ms / 1000).toFixed(1),
    },
    null,
    2,
  ),
);
if (failures.length || grown) {
  console.error('FAIL', failures.slice(0, 5));
  process.exit(1);
}
