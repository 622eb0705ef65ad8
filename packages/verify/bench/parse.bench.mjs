// Certificate parsing: hubtrust's wasm decoder (x509Decode on DER already copied into the IO
// area, plus the copy itself) and parseCertificate next to node:crypto `new X509Certificate`,
// @peculiar/x509 and pkijs. Rows give ns per certificate and say what each side does:
// - x509Decode: the decode alone; target (issue 4) ≥ 50× faster than `new X509Certificate`
//   (ratio ≤ 0.02);
// - parseCertificate, object: the plain object (names, serial, validity, SANs, key and
//   signature summaries), its fingerprints, SPKI pin and decoded extensions not read (they are
//   computed on first read); target (issue 11) ≤ 10 µs per certificate;
// - parseCertificate, equal work: the object plus reading what the node row reads (names, serial,
//   validity, SANs, key, both fingerprints), against `new X509Certificate` and the same fields;
//   target: ≥ 10× faster (the 10 µs object plus ~8 µs of SHA-1 and SHA-256 against node's
//   ~200 µs).
import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as peculiar from '@peculiar/x509';
import * as pkijs from 'pkijs';
import { initSync, parseCertificate, pemToDer, wasmBytes } from '../dist/index.js';
import { measureInterleaved } from './lib.mjs';

const CERTS = [
  ['RSA-2048 leaf, 3 SANs (azure-devices.net 2015)', 'leaf-azure-devices-net-2015.pem'],
  [
    'P-384 intermediate (Microsoft Azure ECC TLS Issuing CA 03)',
    'microsoft-azure-ecc-tls-issuing-ca-03-xsign.pem',
  ],
];

export default async function () {
  initSync('portable'); // the decoder has no SIMD path: measure the portable verify.wasm
  const wasm = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()), {}).exports;
  const rows = [];
  for (const [label, file] of CERTS) {
    const der = pemToDer(readFileSync(new URL(`../test-data/roots/${file}`, import.meta.url), 'utf8'));
    const decode = () => {
      const p = wasm.ioReserve(der.length);
      new Uint8Array(wasm.memory.buffer, p, der.length).set(der);
      if (wasm.x509Decode(0, p, der.length) !== 0) throw new Error('x509Decode failed');
    };
    const object = () => parseCertificate(der);
    const equalWork = () => {
      const c = parseCertificate(der);
      return [
        c.subject.text,
        c.issuer.text,
        c.serial,
        c.validity.notAfter,
        c.subjectAltNames,
        c.fingerprints.sha256,
        c.fingerprints.sha1,
        c.key,
      ];
    };
    const node = () => new X509Certificate(der);
    const nodeFields = () => {
      const c = new X509Certificate(der);
      return [
        c.subject,
        c.issuer,
        c.serialNumber,
        c.validTo,
        c.subjectAltName,
        c.fingerprint256,
        c.fingerprint,
        c.publicKey,
      ];
    };
    const pec = () => new peculiar.X509Certificate(der);
    const pki = () => pkijs.Certificate.fromBER(der);
    const t = await measureInterleaved({ decode, object, equalWork, node, nodeFields, pec, pki });
    rows.push(
      {
        group: 'parse',
        name: `x509Decode: ${label}`,
        ours: t.decode,
        peer: t.node,
        peerName: 'node:crypto new X509Certificate',
        target: 0.02,
      },
      {
        group: 'parse',
        name: `x509Decode: ${label}`,
        ours: t.decode,
        peer: t.pec,
        peerName: '@peculiar/x509',
      },
      {
        group: 'parse',
        name: `x509Decode: ${label}`,
        ours: t.decode,
        peer: t.pki,
        peerName: 'pkijs Certificate.fromBER',
      },
      {
        group: 'parse',
        name: `parseCertificate, object (fingerprints and extensions on first read): ${label}`,
        ours: t.object,
        peer: 10_000,
        peerName: 'target: 10 µs',
        target: 1,
      },
      {
        group: 'parse',
        name: `parseCertificate, equal work (object + names, serial, validity, SANs, key, both fingerprints read): ${label}`,
        ours: t.equalWork,
        peer: t.nodeFields,
        peerName: 'node:crypto new X509Certificate + the same fields',
        target: 0.1,
      },
    );
  }
  return rows;
}
