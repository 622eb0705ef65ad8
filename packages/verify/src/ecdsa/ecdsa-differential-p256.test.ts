// Differential test of ecdsaVerify against node:crypto on P-256: 10,000 triples, half corrupted
// (see src/testing/ec-differential.ts). SHA-256, with SHA-1, SHA-384 and SHA-512 mixed in to cover
// digests shorter and longer than the curve (bits2int truncation).
import { describe, expect, it } from 'vitest';
import { runDifferential } from '../testing/ec-differential.js';
import { P256 } from '../testing/ec-harness.js';

describe('ECDSA P-256 vs node:crypto', () => {
  it('agrees on 10,000 random triples, half of them corrupted', () => {
    const r = runDifferential(P256, 5000, ['sha256', 'sha1', 'sha384', 'sha512'], 0x256);
    expect(r.mismatches.slice(0, 5)).toEqual([]);
    expect(r.triples).toBe(10_000);
    expect(r.corrupted).toBe(5000);
    // Genuine triples verify; (almost) no corrupted one does.
    expect(r.accepted).toBeGreaterThanOrEqual(5000);
    expect(r.accepted).toBeLessThan(5050);
    // Hybrid keys (0x06 / 0x07) occur (about 1 in 24 key flips) and were all rejected.
    expect(r.hybrid).toBeGreaterThan(0);
  });
});
