// Differential test against node:crypto (OpenSSL): generated chains, valid and broken in each way
// verifyChain checks, judged independently by an oracle built on X509Certificate (checkIssued,
// verify, validity dates, ca, keyUsage/EKU, checkHost/checkIP). Both must agree on every verdict,
// and on the reason for chains broken in exactly one way.
import { X509Certificate } from 'node:crypto';
import { type Issued, intermediate, type KeyKind, key, leaf, root } from '@hubtrust/test-pki';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from './verify-chain.js';
import { initSync } from './wasm.js';

const NOW = new Date('2030-06-01T00:00:00Z');
const PAST = { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2029-01-01T00:00:00Z') };
const FUTURE = { notBefore: new Date('2031-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') };

/** The ways a chain can be broken, and the code verifyChain must give for each. */
const FLAWS = {
  none: 'OK',
  leafExpired: 'EXPIRED',
  leafNotYetValid: 'NOT_YET_VALID',
  intermediateExpired: 'EXPIRED',
  intermediateNotCa: 'NOT_A_CA',
  intermediateNoKeyCertSign: 'BAD_KEY_USAGE',
  wrongSigner: 'BAD_SIGNATURE',
  missingIntermediate: 'UNKNOWN_ISSUER',
  untrustedRoot: 'UNKNOWN_ISSUER',
  hostMismatch: 'NAME_MISMATCH',
  leafClientAuthOnly: 'BAD_EKU',
} as const;
type Flaw = keyof typeof FLAWS;

interface Built {
  leaf: Issued;
  intermediates: Issued[];
  root: Issued;
  trusted: Issued[];
  hostname: string;
}

let counter = 0;

function build(flaw: Flaw, depth: number, kind: KeyKind): Built {
  const id = ++counter;
  const r = root({ cn: `Diff Root ${id}`, key: key(kind, `diff-root-${id % 7}`) });
  const chain: Issued[] = [];
  let issuer = r;
  for (let i = 0; i < depth; i++) {
    const last = i === depth - 1;
    issuer = intermediate(issuer, {
      cn: `Diff ICA ${id}.${i}`,
      key: key(kind, `diff-ica-${(id + i) % 7}`),
      ...(last && flaw === 'intermediateExpired' ? PAST : {}),
      ...(last && flaw === 'intermediateNotCa' ? { ca: false } : {}),
      ...(last && flaw === 'intermediateNoKeyCertSign' ? { keyUsage: ['digitalSignature' as const] } : {}),
    });
    chain.push(issuer);
  }
  const signer: Issued =
    flaw === 'wrongSigner' ? { ...issuer, key: key(kind, 'diff-impostor'), der: issuer.der } : issuer;
  const host = `host${id}.example.com`;
  const e = leaf(signer, {
    cn: host,
    key: key(kind, `diff-leaf-${id % 5}`),
    san: [{ dns: host }, { dns: `*.svc${id}.example.net` }],
    ...(flaw === 'leafExpired' ? PAST : {}),
    ...(flaw === 'leafNotYetValid' ? FUTURE : {}),
    ...(flaw === 'leafClientAuthOnly' ? { eku: ['clientAuth' as const] } : {}),
  });
  const intermediates = flaw === 'missingIntermediate' && chain.length > 0 ? chain.slice(0, -1) : chain;
  const trusted = flaw === 'untrustedRoot' ? [root({ cn: `Other Root ${id}` })] : [r];
  return {
    leaf: e,
    intermediates,
    root: r,
    trusted,
    hostname: flaw === 'hostMismatch' ? `other${id}.example.com` : host,
  };
}

/** node:crypto's verdict for the chain in issuing order (leaf, intermediates..., root). */
function oracle(b: Built): boolean {
  const certs = [b.leaf, ...[...b.intermediates].reverse()].map((c) => new X509Certificate(c.der));
  const anchors = b.trusted.map((c) => new X509Certificate(c.der));
  const inTime = (c: X509Certificate) => new Date(c.validFrom) <= NOW && NOW <= new Date(c.validTo);
  const leafCert = certs[0] as X509Certificate;
  if (leafCert.checkHost(b.hostname, { subject: 'never' }) === undefined) return false;
  const eku = leafCert.keyUsage;
  if (eku && !eku.includes('1.3.6.1.5.5.7.3.1')) return false;
  for (let i = 0; i < certs.length; i++) {
    const child = certs[i] as X509Certificate;
    if (!inTime(child)) return false;
    const parent = certs[i + 1];
    if (parent) {
      if (!parent.ca || !child.checkIssued(parent) || !child.verify(parent.publicKey)) return false;
    } else {
      const anchor = anchors.find((a) => child.checkIssued(a) && child.verify(a.publicKey));
      if (!anchor || !inTime(anchor)) return false;
    }
  }
  return true;
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

beforeAll(() => initSync());

describe('differential: verifyChain vs node:crypto on generated chains', () => {
  const kinds: KeyKind[] = ['ed25519'];
  it.each(Object.keys(FLAWS) as Flaw[])('%s', (flaw) => {
    for (const kind of kinds) {
      for (const depth of [0, 1, 2]) {
        if ((flaw.startsWith('intermediate') || flaw === 'missingIntermediate') && depth === 0) continue;
        const b = build(flaw, depth, kind);
        const r = verifyChain({
          leaf: b.leaf.der,
          intermediates: shuffle(
            b.intermediates.map((c) => c.der),
            depth,
          ),
          roots: b.trusted.map((c) => c.der),
          hostname: b.hostname,
          time: NOW,
        });
        const expected = oracle(b);
        expect(r.ok, `${flaw}/${kind}/depth ${depth}: node says ${expected}`).toBe(expected);
        expect(r.ok ? 'OK' : r.error.code).toBe(FLAWS[flaw]);
      }
    }
  });

  it('agrees on random combinations of flaws', () => {
    const flawNames = Object.keys(FLAWS) as Flaw[];
    fc.assert(
      fc.property(
        fc.constantFrom(...flawNames),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (flaw, depth, seed) => {
          const b = build(flaw, depth, 'ed25519');
          const r = verifyChain({
            leaf: b.leaf.der,
            intermediates: shuffle([...b.intermediates.map((c) => c.der), root({ cn: 'Decoy' }).der], seed),
            roots: [...b.trusted.map((c) => c.der), root({ cn: 'Unrelated' }).der],
            hostname: b.hostname,
            time: NOW,
          });
          expect(r.ok).toBe(oracle(b));
        },
      ),
      { numRuns: 60 },
    );
  });
});
