// Differential test of ecdsaVerify against node:crypto (OpenSSL) on P-521 (FIPS 186-5, RFC 5480):
// random keys (a quarter compressed) and messages, half of the triples corrupted by one bit in the
// signature, the message or the key (test/ec-differential.ts). SHA-512 mostly, with SHA-256 and
// SHA-384 mixed in: digests shorter than the 521-bit order are used whole (bits2int). Seeded
// choices; a modest count (P-521 runs the rolled field code and has no key cache), the bench and
// the nightly run more.
import { describe, expect, it } from 'vitest';
import { differentialProblems, runDifferential } from '../../test/ec-differential.js';
import { P521 } from '../../test/ec-harness.js';

describe('ECDSA P-521 vs node:crypto', () => {
  it('agrees on 800 random triples, half of them corrupted', () => {
    expect(
      differentialProblems(runDifferential(P521, 400, ['sha512', 'sha256', 'sha384'], 0x521), 400, false),
    ).toEqual([]);
  }, 180_000);
});
