// Differential test of ecdsaVerify against node:crypto on P-256: 10,000 triples, half corrupted
// (see test/ec-differential.ts). SHA-256, with SHA-1, SHA-384 and SHA-512 mixed in to cover
// digests shorter and longer than the curve (bits2int truncation).
import { describe, expect, it } from 'vitest';
import { differentialProblems, runDifferential } from '../../test/ec-differential.js';
import { P256 } from '../../test/ec-harness.js';

describe('ECDSA P-256 vs node:crypto', () => {
  it('agrees on 10,000 random triples, half of them corrupted', () => {
    expect(
      differentialProblems(runDifferential(P256, 5000, ['sha256', 'sha1', 'sha384', 'sha512'], 0x256), 5000),
    ).toEqual([]);
  });
});
