// Size budgets of the wasm builds (issue 3: the cryptographic core ≤ 48 KiB, raised to 64 KiB by
// issue 11 for the committed fixed-base tables of G, 10,256 bytes, and the per-key comb code,
// ~2.8 KB; issue 4: the whole module ≤ 96 KiB, raised to 104 KiB by issue 12 for what it added to
// the verifier: certificate policies, RFC 5280 §6.1 (policy.ts, +5.7 KB), the device-stack rules
// of the profiles (path building, names, usage, extensions, algorithms: +8 KB), the strict
// profile's issuance rules (+0.6 KB) and ECDSA P-521 (+1.2 KB); 103,030 bytes at that change).
// Size-bound hosts take verify.compact.wasm (compact-build.test.ts; the web page does) or the
// embedded build (≤ 64 KiB of flash, test/mcu.test.ts). Sizes are deterministic for a given source, so
// they are held here rather than in bench/; bench/size.bench.mjs prints the same figures with
// gzip sizes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const KiB = 1024;
const read = (name: string) => readFileSync(new URL(`../build/${name}`, import.meta.url));

describe('wasm size budgets', () => {
  it('the shipped verify.wasm stays within 104 KiB', () => {
    expect(read('verify.wasm').length).toBeLessThanOrEqual(104 * KiB);
  });

  it('the cryptographic core (hashes, RSA, ECDSA, Ed25519, verifySignature) stays within 64 KiB', () => {
    const core = read('verify.crypto.wasm');
    expect(core.length).toBeLessThanOrEqual(64 * KiB);
    expect(core.length).toBeLessThan(read('verify.wasm').length);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(core)).map((e) => e.name);
    expect(exports).toEqual(
      expect.arrayContaining(['verifySignature', 'rsaVerifyPss', 'ecdsaVerify', 'ed25519Verify']),
    );
    expect(exports).not.toContain('verifyChain');
    expect(WebAssembly.Module.imports(new WebAssembly.Module(core))).toEqual([]);
  });
});
