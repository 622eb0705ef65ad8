// RSASSA-PSS differential test against node:crypto (OpenSSL): 10,000 random (key,
// message, signature) triples over 1024/1025/2048/2049/3072/4096-bit keys with e = 3 and 65537 and
// SHA-1/256/384/512 (MGF1 with the same hash; salt lengths 0, hLen and random up to the
// maximum), half of them corrupted by one bit flip (signature, message, modulus or
// exponent). The verdicts of verify.wasm and OpenSSL must be identical, and each triple is
// verified on both test builds (portable and SIMD), three times in a row (the RSA key cache cold or as left, then warm) with the same
// verdict.
import { describe, expect, it } from 'vitest';
import type { RsaAbi, RsaCacheProbes } from '../test/rsa-abi.js';
import { runDifferential } from '../test/rsa-differential.js';
import { loadTestWasm } from '../test/test-wasm.js';

describe('RSA-PSS: differential against node:crypto', () => {
  it('agrees on 10,000 triples, half corrupted', () => {
    // Both test builds (portable and SIMD) on the same triples.
    const builds = ['verify.test.wasm', 'verify.test.simd.wasm'].map((f) =>
      loadTestWasm<RsaAbi & RsaCacheProbes>(f),
    );
    const pages = builds.map((w) => w.memory.buffer.byteLength);
    const r = runDifferential(builds, true, 10_000, 0x5eed_0002);
    expect(r.mismatches).toEqual([]);
    expect(r.triples).toBe(10_000);
    expect(r.validByNode).toBe(5_000); // every fresh signature valid, every corruption detected
    for (const count of Object.values(r.corruptions)) expect(count).toBeGreaterThan(300);
    expect(builds.map((w) => w.memory.buffer.byteLength)).toEqual(pages);
  }, 120_000);
});
