// Robustness of the whole verifier: a valid chain with one certificate mutated (bit flips,
// truncation, length and tag tampering, inserted bytes) must never verify, never trap and never
// hang. Every byte of a certificate is covered by its signature or must equal a covered byte (the
// outer signatureAlgorithm), so no mutation may be accepted.

import { intermediate, leaf, root, T } from '@hubtrust/test-pki';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from './certificate.js';
import { verifyChain } from './verify-chain.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

const r = root({ cn: 'Mutation Root' });
const ica = intermediate(r, { cn: 'Mutation ICA', permitted: [{ dns: 'example.com' }] });
const ee = leaf(ica, { cn: 'www.example.com', san: [{ dns: 'www.example.com' }, { ip: [192, 0, 2, 1] }] });

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; value: number }
  | { kind: 'delete'; at: number };

function mutate(der: Uint8Array, m: Mutation): Uint8Array {
  const at = m.at % der.length;
  switch (m.kind) {
    case 'flip': {
      const out = Uint8Array.from(der);
      out[at] = (out[at] as number) ^ (1 << m.bit);
      return out;
    }
    case 'truncate':
      return der.slice(0, at);
    case 'set': {
      const out = Uint8Array.from(der);
      out[at] = m.value === out[at] ? (m.value + 1) & 0xff : m.value;
      return out;
    }
    case 'insert':
      return Uint8Array.from([...der.slice(0, at), m.value, ...der.slice(at)]);
    case 'delete':
      return Uint8Array.from([...der.slice(0, at), ...der.slice(at + 1)]);
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

/** A name's text as RFC 5280 §7.1 compares it for ASCII: case folded, spaces (RFC 4518 §2.2 controls included) collapsed. */
function chainingForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\t\n\v\f\r ]+/g, ' ')
    .trim();
}

describe('mutated chains', () => {
  const base = { intermediates: [ica.der], roots: [r.der], hostname: 'www.example.com', time: T };

  it('the unmutated chain verifies', () => {
    expect(verifyChain({ leaf: ee.der, ...base }).ok).toBe(true);
  });

  it('no mutation of the leaf or the intermediate verifies (2,000 cases)', () => {
    fc.assert(
      fc.property(fc.boolean(), mutation, (onLeaf, m) => {
        const res = onLeaf
          ? verifyChain({ leaf: mutate(ee.der, m), ...base })
          : verifyChain({ leaf: ee.der, ...base, intermediates: [mutate(ica.der, m)] });
        expect(res.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a mutated trust anchor verifies only if its subject and key are intact', () => {
    const original = parseCertificate(r.der);
    fc.assert(
      fc.property(mutation, (m) => {
        const mutated = mutate(r.der, m);
        const res = verifyChain({ leaf: ee.der, ...base, roots: [mutated] });
        // The anchor's own signature is not checked (RFC 5280 §6.1.1: an anchor is a name and a
        // key), so a mutation elsewhere (its validity, its signature) may still verify; names
        // chain under RFC 5280 §7.1, so a change of ASCII case, spacing or string type may too.
        if (res.ok) {
          const p = parseCertificate(mutated);
          expect(chainingForm(p.subject.text)).toBe(chainingForm(original.subject.text));
          expect(p.key.spkiSha256).toBe(original.key.spkiSha256);
        }
      }),
      { numRuns: 500 },
    );
  });
});
