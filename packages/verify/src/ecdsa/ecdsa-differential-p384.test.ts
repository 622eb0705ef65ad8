// Differential test of ecdsaVerify against node:crypto on P-384: 10,000 triples, half corrupted
// (see test/ec-differential.ts). SHA-384, with SHA-1, SHA-256 and SHA-512 mixed in to cover
// digests shorter and longer than the curve (bits2int truncation).
import { describe, expect, it } from 'vitest';
import { differentialProblems, runDifferential } from '../../test/ec-differential.js';
import { P384 } from '../../test/ec-harness.js';

describe('ECDSA P-384 vs node:crypto', () => {
  it('agrees on 10,000 random triples, half of them corrupted', () => {
    expect(
      differentialProblems(runDifferential(P384, 5000, ['sha384', 'sha1', 'sha256', 'sha512'], 0x384), 5000),
    ).toEqual([]);
    // Fixed work (node key generations, signatures, verifications): 20-30 s alone, over 60 s
    // while every package tests in parallel on the loaded 2-core machine.
  }, 180_000);
});
