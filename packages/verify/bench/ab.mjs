#!/usr/bin/env node
// A/B speed check of two builds of this package: the current one (../dist, ../build) and a
// baseline (another checkout's packages/verify, or a copy of its dist/ and build/), interleaved in
// one process, batch by batch (bench/lib.mjs measureInterleaved), over the rows of the chain and
// signature benches:
//
// - chain: verifyChain on the 3-certificate chains of chain.bench.mjs (RSA-2048, RSA-4096 root →
//   RSA-2048, P-256, P-384), DER input, host name, every check;
// - signature: the raw exports as rsa/ecdsa/ed25519.bench.mjs call them (hashDigest + RSA PKCS#1
//   v1.5 warm and cold key, RSA-4096, RSA-PSS, ECDSA P-256 / P-384, Ed25519) and verifySignature
//   through the API (SPKI parsed on every call).
//
// Each row is measured `--runs` times (default 5, each a median of 41 interleaved batches of
// ~20 ms) and the median ratio current / baseline is printed with the range; a refactor must keep
// every row within 1.03. Batches are timed in CPU time of this process (process.cpuUsage), not
// wall time: on a shared machine a neighbour then only slows the batch it shares a core with,
// instead of adding its time slices to whichever competitor was running.
//
//   npm run build && node bench/ab.mjs --baseline /tmp/verify-main [--runs 5] [--only chain|signature|parse]
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const baseline = opt('baseline');
if (!baseline) {
  process.stderr.write(
    'usage: node bench/ab.mjs --baseline <dir with dist/ and build/> [--runs N] [--only chain|signature|parse]\n',
  );
  process.exit(2);
}
const RUNS = Number(opt('runs', '5'));
const ONLY = opt('only');
const here = new URL('..', import.meta.url).pathname;
const load = async (dir) => ({
  api: await import(pathToFileURL(join(dir, 'dist/index.js')).href),
  wasm: readFileSync(join(dir, 'build/verify.wasm')),
});
const builds = { baseline: await load(resolve(baseline)), current: await load(here) };
// The portable module on both sides (a baseline without variants ignores the argument).
for (const b of Object.values(builds)) b.api.initSync('portable');
const { intermediate, key, leaf, root } = await import('@hubtrust/test-pki');

const TIME = new Date('2030-01-01T00:00:00Z');
const HOST = 'device.example.com';
const instance = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;

function chainRows() {
  const rows = [];
  for (const [label, rk, ik, lk] of [
    ['RSA-2048', 'rsa2048', 'rsa2048', 'rsa2048'],
    ['RSA-4096 root → RSA-2048', 'rsa4096', 'rsa2048', 'rsa2048'],
    ['P-256', 'p256', 'p256', 'p256'],
    ['P-384', 'p384', 'p384', 'p384'],
  ]) {
    const r = root({ cn: `AB Root ${rk}`, key: key(rk, 'ab-root') });
    const i = intermediate(r, { cn: `AB ICA ${ik}`, key: key(ik, 'ab-ica') });
    const e = leaf(i, { cn: HOST, key: key(lk, 'ab-leaf'), san: [{ dns: HOST }] });
    const options = { leaf: e.der, intermediates: [i.der], roots: [r.der], hostname: HOST, time: TIME };
    const fn =
      ({ api }) =>
      () => {
        if (!api.verifyChain(options).ok) throw new Error(`verifyChain failed: ${label}`);
      };
    rows.push({ name: `chain: verifyChain ${label}`, fn });
  }
  return rows;
}

/** hashDigest + an RSA export over `keys` in rotation, inputs laid out once (as rsa.bench.mjs). */
function rsaVerifier(wasm, keys, pss) {
  const sizes = keys.map((k) => k.n.length + k.e.length + 64 + k.sig.length + k.msg.length);
  let p = wasm.ioReserve(sizes.reduce((a, b) => a + b, 0));
  const calls = keys.map((k) => {
    const mem = new Uint8Array(wasm.memory.buffer);
    const n = p;
    const e = n + k.n.length;
    const d = e + k.e.length;
    const s = d + 64;
    const m = s + k.sig.length;
    mem.set(k.n, n);
    mem.set(k.e, e);
    mem.set(k.sig, s);
    mem.set(k.msg, m);
    p = m + k.msg.length;
    return () => {
      wasm.hashDigest(2, m, k.msg.length, d);
      const r = pss
        ? wasm.rsaVerifyPss(n, k.n.length, e, k.e.length, 2, 2, 32, d, s, k.sig.length)
        : wasm.rsaVerifyPkcs1v15(n, k.n.length, e, k.e.length, 2, d, s, k.sig.length);
      if (r !== 0) throw new Error('rsa verify failed');
    };
  });
  let j = 0;
  return () => {
    calls[j]();
    j = j + 1 === calls.length ? 0 : j + 1;
  };
}

function rsaKey(bits, pss) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = publicKey.export({ format: 'jwk' });
  const msg = crypto.randomBytes(256);
  const opts = pss
    ? { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
    : privateKey;
  return {
    n: Buffer.from(jwk.n, 'base64url'),
    e: Buffer.from(jwk.e, 'base64url'),
    msg,
    sig: crypto.sign('sha256', msg, opts),
    spki: publicKey.export({ format: 'der', type: 'spki' }),
  };
}

function signatureRows() {
  const rows = [];
  const k2048 = rsaKey(2048, false);
  const cold = [k2048, ...[1, 2, 3, 4].map(() => rsaKey(2048, false))];
  const k4096 = rsaKey(4096, false);
  const pss = rsaKey(2048, true);
  const raw =
    (keys, isPss) =>
    ({ wasm }) =>
      rsaVerifier(instance(wasm), keys, isPss);
  rows.push({
    name: 'signature: RSA-2048 PKCS#1 v1.5 SHA-256, warm key (raw exports)',
    fn: raw([k2048], false),
  });
  rows.push({ name: 'signature: RSA-2048 PKCS#1 v1.5, cold key (5 rotating)', fn: raw(cold, false) });
  rows.push({ name: 'signature: RSA-4096 PKCS#1 v1.5 SHA-256, warm key', fn: raw([k4096], false) });
  rows.push({ name: 'signature: RSA-2048 PSS SHA-256, warm key', fn: raw([pss], true) });
  for (const [curve, id, hashId, hash, len] of [
    ['P-256', 1, 2, 'sha256', 32],
    ['P-384', 2, 3, 'sha384', 48],
  ]) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
    const point = publicKey.export({ format: 'jwk' });
    const pt = Buffer.concat([
      Buffer.of(4),
      Buffer.from(point.x, 'base64url'),
      Buffer.from(point.y, 'base64url'),
    ]);
    const msg = crypto.randomBytes(512);
    const rs = crypto.sign(hash, msg, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    rows.push({
      name: `signature: ECDSA ${curve} (hashDigest + ecdsaVerify)`,
      fn: ({ wasm }) => {
        const w = instance(wasm);
        const p = w.ioReserve(pt.length + 64 + rs.length + msg.length);
        const mem = new Uint8Array(w.memory.buffer);
        mem.set(pt, p);
        mem.set(rs, p + pt.length + 64);
        mem.set(msg, p + pt.length + 64 + rs.length);
        const d = p + pt.length;
        const s = d + 64;
        const m = s + rs.length;
        return () => {
          const dl = w.hashDigest(hashId, m, msg.length, d);
          if (w.ecdsaVerify(id, p, pt.length, d, dl, s, len, s + len, len) !== 0)
            throw new Error('ecdsa failed');
        };
      },
    });
    const der = crypto.sign(hash, msg, privateKey);
    const input = {
      algorithm: { name: 'ECDSA', hash: hash === 'sha256' ? 'SHA-256' : 'SHA-384' },
      publicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
      data: new Uint8Array(msg),
      signature: new Uint8Array(der),
    };
    rows.push({
      name: `signature: verifySignature ECDSA ${curve} (API, SPKI parsed)`,
      fn:
        ({ api }) =>
        () => {
          if (!api.verifySignature(input)) throw new Error('verifySignature failed');
        },
    });
  }
  const rsaInput = {
    algorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    publicKey: new Uint8Array(k2048.spki),
    data: new Uint8Array(k2048.msg),
    signature: new Uint8Array(k2048.sig),
  };
  rows.push({
    name: 'signature: verifySignature RSA-2048 PKCS#1 v1.5 (API, SPKI parsed)',
    fn:
      ({ api }) =>
      () => {
        if (!api.verifySignature(rsaInput)) throw new Error('verifySignature failed');
      },
  });
  const ed = crypto.generateKeyPairSync('ed25519');
  const pub = ed.publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  const emsg = crypto.randomBytes(256);
  const esig = crypto.sign(null, emsg, ed.privateKey);
  rows.push({
    name: 'signature: Ed25519 (ed25519Verify)',
    fn: ({ wasm }) => {
      const w = instance(wasm);
      const p = w.ioReserve(96 + emsg.length);
      const mem = new Uint8Array(w.memory.buffer);
      mem.set(pub, p);
      mem.set(esig, p + 32);
      mem.set(emsg, p + 96);
      return () => {
        if (w.ed25519Verify(p, p + 96, emsg.length, p + 32) !== 0) throw new Error('ed25519 failed');
      };
    },
  });
  return rows;
}

/**
 * parseCertificate on real certificates (test-data/roots, DER): the object alone, and the object with
 * both fingerprints read (computed on first access in builds since issue 11, eagerly before).
 */
function parseRows() {
  const rows = [];
  for (const [label, file] of [
    ['RSA-2048 leaf (azure-devices.net 2015)', 'leaf-azure-devices-net-2015.pem'],
    ['P-384 intermediate (Azure ECC TLS CA 03)', 'microsoft-azure-ecc-tls-issuing-ca-03-xsign.pem'],
    ['RSA-2048 root (DigiCert Global Root G2)', 'digicert-global-root-g2.pem'],
  ]) {
    const pem = readFileSync(new URL(`../test-data/roots/${file}`, import.meta.url), 'utf8');
    const der = builds.current.api.pemToDer(pem);
    rows.push({
      name: `parse: parseCertificate ${label}, object`,
      fn:
        ({ api }) =>
        () => {
          if (!api.parseCertificate(der).subject) throw new Error('parse failed');
        },
    });
    rows.push({
      name: `parse: parseCertificate ${label}, object + both fingerprints`,
      fn:
        ({ api }) =>
        () => {
          const c = api.parseCertificate(der);
          if (c.fingerprints.sha1.length + c.fingerprints.sha256.length !== 104)
            throw new Error('fingerprints');
        },
    });
  }
  return rows;
}

const rows = [
  ...(ONLY && ONLY !== 'chain' ? [] : chainRows()),
  ...(ONLY && ONLY !== 'signature' ? [] : signatureRows()),
  ...(ONLY && ONLY !== 'parse' ? [] : parseRows()),
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU microseconds of this process. */
function cpuNow() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** n calls of fn, in CPU nanoseconds. */
function batch(fn, n) {
  const t0 = cpuNow();
  for (let i = 0; i < n; i++) fn();
  return (cpuNow() - t0) * 1000;
}

/** The two competitors interleaved batch by batch; median CPU ns per call of each. */
function measureInterleaved(fns, { batchNs = 20e6, batches = 41 } = {}) {
  const names = Object.keys(fns);
  const counts = {};
  for (const name of names) {
    const fn = fns[name];
    for (let i = 0; i < 20; i++) fn(); // warm-up (JIT, caches)
    let n = 1;
    while (batch(fn, n) < batchNs / 4) n *= 2;
    counts[name] = Math.max(1, Math.round((n * batchNs) / Math.max(1, batch(fn, n))));
  }
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (let b = 0; b < batches; b++) {
    for (const name of names) samples[name].push(batch(fns[name], counts[name]) / counts[name]);
  }
  return Object.fromEntries(names.map((k) => [k, median(samples[k])]));
}
const lines = [
  '| row | baseline | current | current / baseline, median [range] |',
  '| --- | --- | --- | --- |',
];
let worst = 0;
for (const row of rows) {
  const fns = { baseline: row.fn(builds.baseline), current: row.fn(builds.current) };
  const ratios = [];
  const times = { baseline: [], current: [] };
  for (let r = 0; r < RUNS; r++) {
    const t = measureInterleaved(fns);
    ratios.push(t.current / t.baseline);
    times.baseline.push(t.baseline);
    times.current.push(t.current);
  }
  const m = median(ratios);
  worst = Math.max(worst, m);
  const us = (ns) => `${(ns / 1000).toFixed(1)} µs`;
  const line = `| ${row.name} | ${us(median(times.baseline))} | ${us(median(times.current))} | ${m.toFixed(3)} [${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}] |`;
  lines.push(line);
  process.stderr.write(`${line}\n`);
}
process.stdout.write(`\n${lines.join('\n')}\n\nworst median ratio: ${worst.toFixed(3)} (limit 1.03)\n`);
