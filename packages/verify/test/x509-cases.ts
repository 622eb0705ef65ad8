// X.509 decoder cases for the cross-runtime case file (runtime-cases.ts): x509Decode on the real
// CA certificates of test-data/roots, on the certificates of a deterministic sample of x509-limbo
// testcases, and on mutations of real certificates (truncations, bit flips, length and tag
// tampering). Each case prints the decoder's result code and the whole decoded Cert struct, so
// the runtimes must agree on every field, not only on the verdict.
import { createHash, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { pemToDer } from '../src/pem.js';
import { prngBytes } from './hash-cases.js';
import { loadLimbo } from './limbo.js';
import { type CheckedCase, expectNoTrap, type RuntimeCase } from './runtime-cases.js';

const ROOTS = new URL('../test-data/roots/', import.meta.url);

/** The real certificates (DER), by file name, in name order. */
export function realCertificates(): { name: string; der: Uint8Array }[] {
  return readdirSync(ROOTS)
    .filter((f) => f.endsWith('.pem'))
    .sort()
    .map((f) => ({ name: f.slice(0, -4), der: pemToDer(readFileSync(new URL(f, ROOTS), 'utf8')) }));
}

/**
 * A stable pseudo-random choice of x509-limbo testcases: those whose SHA-256(id) falls below
 * `fraction`. It depends only on the ids, so it does not change when the suite is reordered.
 */
export function limboSample(fraction: number): ReturnType<typeof loadLimbo> {
  const limit = Math.floor(fraction * 2 ** 32);
  return loadLimbo().filter((t) => createHash('sha256').update(t.id).digest().readUInt32BE(0) < limit);
}

/** x509Decode(0, der) in slot 0, then print the result code and the Cert struct. */
function decodeCase(name: string, der: Uint8Array, certSize: number): RuntimeCase {
  return {
    name,
    input: der,
    steps: [
      { call: 'x509Decode', args: [{ value: 0 }, { io: 0 }, { value: der.length }], report: true },
      { call: 'x509CertPtr', args: [{ value: 0 }], report: false },
    ],
    outputs: [{ base: 1, offset: 0, length: certSize }],
  };
}

/** Mutations of `der`: truncations, single bit flips, and tampered tags and lengths. */
function mutations(der: Uint8Array, seed: number): { kind: string; bytes: Uint8Array; mustFail: boolean }[] {
  const out: { kind: string; bytes: Uint8Array; mustFail: boolean }[] = [];
  for (const n of [0, 1, 2, 3, 4, 10, der.length >> 1, der.length - 2, der.length - 1]) {
    out.push({ kind: `cut${n}`, bytes: der.slice(0, n), mustFail: true });
  }
  out.push({ kind: 'extra', bytes: Uint8Array.from([...der, 0]), mustFail: true });
  const positions = prngBytes(seed, 64);
  for (let i = 0; i < 16; i++) {
    const at = ((positions[4 * i] as number) | ((positions[4 * i + 1] as number) << 8)) % der.length;
    const bit = (positions[4 * i + 2] as number) & 7;
    const bytes = der.slice();
    bytes[at] = (bytes[at] as number) ^ (1 << bit);
    // A flipped bit inside signed data can still decode (e.g. in a serial): no verdict required.
    out.push({ kind: `flip${at}.${bit}`, bytes, mustFail: false });
  }
  for (const [at, value] of [
    [0, 0x31],
    [1, 0x80],
    [1, 0x84],
    [1, 0xff],
    [4, 0x31],
    [5, 0x80],
    [5, 0xff],
  ] as const) {
    const bytes = der.slice();
    bytes[at] = value;
    out.push({ kind: `set${at}=${value.toString(16)}`, bytes, mustFail: true });
  }
  return out;
}

/**
 * The code x509Decode must return for a real certificate, by node:crypto's reading of it: OK, or
 * MALFORMED (1, a soft error: the slot is still decoded) for serial number 0, which RFC 5280
 * §4.1.2.2 forbids but the Starfield roots carry (usable only as trust anchors).
 */
function realCertCode(der: Uint8Array): string {
  return new X509Certificate(der).serialNumber.replace(/^0+/, '') === '' ? '1' : '0';
}

/**
 * Every x509 case: real certificates (OK, or the soft error for serial 0), limbo certificates (any typed
 * result), and mutations of every fourth real certificate (truncations and tampered outer
 * headers must fail; bit flips need only a typed result).
 * @param certSize - x509CertSize() of the module (bytes of the Cert struct to print)
 */
export function x509Cases(certSize: number): CheckedCase[] {
  const cases: CheckedCase[] = [];
  const real = realCertificates();
  for (const { name, der } of real) {
    const c = decodeCase(`x509-${name}`, der, certSize);
    cases.push({ ...c, expect: expectNoTrap(c, realCertCode(der)) });
  }
  const seen = new Set<string>();
  for (const t of limboSample(0.015)) {
    const pems = [t.peer_certificate, ...t.untrusted_intermediates, ...t.trusted_certs];
    pems.forEach((pem, i) => {
      const der = pemToDer(pem);
      const key = createHash('sha256').update(der).digest('hex');
      if (seen.has(key)) return;
      seen.add(key);
      const c = decodeCase(`x509-limbo-${t.id}-${i}`, der, certSize);
      cases.push({ ...c, expect: expectNoTrap(c) });
    });
  }
  real.forEach(({ name, der }, k) => {
    if (k % 4 !== 0) return;
    for (const m of mutations(der, k + 1)) {
      const c = decodeCase(`x509-${name}-${m.kind}`, m.bytes, certSize);
      cases.push({ ...c, expect: expectNoTrap(c, m.mustFail ? '[1-9]\\d*' : '\\d+') });
    }
  });
  return cases;
}
