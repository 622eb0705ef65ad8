// Certificate parsing: hubtrust's wasm decoder (x509Decode on DER already copied into the IO
// area, plus the copy itself) and the full parseCertificate (plain object with names, SANs,
// extensions, SHA-1/SHA-256 fingerprints) next to node:crypto `new X509Certificate`,
// @peculiar/x509 and pkijs. Target (issue 4): decoding ≥ 50× faster than `new X509Certificate`,
// i.e. a ratio ≤ 0.02. Rows give ns per certificate.
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
    const full = () => parseCertificate(der);
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
    const t = await measureInterleaved({ decode, full, node, nodeFields, pec, pki });
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
        name: `parseCertificate (object + fingerprints): ${label}`,
        ours: t.full,
        peer: t.nodeFields,
        peerName: 'node:crypto X509Certificate + same fields',
      },
    );
  }
  return rows;
}
