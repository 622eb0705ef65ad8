// Wycheproof ECDSA vectors with P1363 (raw r || s) signatures, for P-256, P-384 and P-521 (the
// P-521 groups of legacy/ecdsa_webcrypto_test.json; the testvectors_v1 ecdsa_secp521r1_* files are
// not vendored yet)
// (test-data/wycheproof/, see its README). The message is hashed with node:crypto; ecdsaVerify gets
// the digest, the SEC1 key and r, s as the two halves of the signature. Every file runs twice:
// in file order, where a group's key gets its comb table (ec-key-cache.ts) once it repeats, and
// with the key cache emptied before every vector (the uncached path); the verdicts must agree.
//
// P1363 framing is the caller's rule, emulated here as the glue applies it: a signature must be
// exactly 2 * field-size bytes, otherwise it is rejected before ecdsaVerify.
// 'acceptable' vectors (legacy file only) are pinned to our documented behaviour:
//   SigSize  (a signature shorter than 2 * field size): rejected, by the P1363 framing rule;
//   WeakHash (P-384 with SHA-256, weaker than the curve): accepted; ecdsaVerify takes any digest,
//            hash-strength policy belongs to the certificate layer.
import { describe, expect, it } from 'vitest';
import {
  CURVES,
  digestOf,
  ecWasm,
  hexBytes,
  keyCached,
  P256,
  P384,
  P521,
  pointCheckRaw,
  verifyRaw,
} from '../../test/ec-harness.js';
import { loadWycheproof, type WycheproofTest } from '../../test/wycheproof.js';

const OK = 0;

interface WycheproofGroup {
  publicKey?: { curve: string; uncompressed: string };
  key?: { curve: string; uncompressed: string };
  sha: string;
  tests: WycheproofTest[];
}

const CURVE_IDS: Record<string, number> = { secp256r1: P256, secp384r1: P384, secp521r1: P521 };
const HASHES: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/**
 * Runs every applicable vector of a file, the key cache warming up as it goes (`cold`: emptied
 * before every vector); returns counts, `cached` = vectors verified with a cached table.
 */
function runFile(name: string, cold = false) {
  const file = loadWycheproof<WycheproofGroup>(`${name}.gz`);
  const counts = { valid: 0, invalid: 0, acceptable: 0, framing: 0, skippedCurve: 0, total: 0, cached: 0 };
  const wasm = ecWasm();
  wasm.ecKeyCacheReset();
  for (const group of file.testGroups) {
    const key = group.publicKey ?? group.key;
    if (!key) throw new Error(`${name}: group without key`);
    const curve = CURVE_IDS[key.curve];
    if (curve === undefined) {
      counts.skippedCurve += group.tests.length;
      continue;
    }
    const hash = HASHES[group.sha];
    if (!hash) throw new Error(`${name}: unexpected hash ${group.sha}`);
    const nb = (CURVES[curve] as { bytes: number }).bytes;
    const point = hexBytes(key.uncompressed);
    expect(pointCheckRaw(curve, point, wasm), `${name}: key of a group`).toBe(OK);
    for (const t of group.tests) {
      counts.total++;
      const sig = hexBytes(t.sig);
      let accepted = false;
      if (sig.length === 2 * nb) {
        const digest = digestOf(hash, hexBytes(t.msg));
        if (cold) wasm.ecKeyCacheReset();
        if (keyCached(curve, point, wasm)) counts.cached++;
        const rc = verifyRaw(curve, point, digest, sig.subarray(0, nb), sig.subarray(nb), wasm);
        expect([0, 3], `tcId ${t.tcId}: result code`).toContain(rc);
        accepted = rc === OK;
      } else counts.framing++;
      const label = `${name} tcId ${t.tcId} (${t.comment}; ${t.flags.join(',')})`;
      if (t.result === 'valid') expect(accepted, label).toBe(true);
      else if (t.result === 'invalid') expect(accepted, label).toBe(false);
      else if (t.flags.includes('WeakHash')) expect(accepted, label).toBe(true);
      else if (t.flags.includes('SigSize')) expect(accepted, label).toBe(false);
      else throw new Error(`${label}: acceptable vector without a documented policy`);
      counts[t.result]++;
    }
  }
  return { ...counts, declared: file.numberOfTests };
}

describe('Wycheproof ECDSA (P1363 signatures)', () => {
  for (const name of [
    'ecdsa_secp256r1_sha256_p1363_test.json',
    'ecdsa_secp256r1_sha512_p1363_test.json',
    'ecdsa_secp384r1_sha384_p1363_test.json',
    'ecdsa_secp384r1_sha512_p1363_test.json',
  ]) {
    it(`passes every vector of ${name}, with and without cached key tables`, () => {
      const c = runFile(name);
      expect(c.total).toBe(c.declared);
      expect(c.valid).toBeGreaterThan(150);
      expect(c.invalid).toBeGreaterThan(80);
      // Most invalid vectors reach ecdsaVerify (only a few are decided by the framing rule).
      expect(c.framing).toBeLessThan(c.invalid / 2);
      // Groups share a key: from its second vector that reaches the multiplication on, a key has
      // a table (114 to 184 vectors per file).
      expect(c.cached).toBeGreaterThan(100);
      const cold = runFile(name, true);
      expect({ ...cold, cached: c.cached }).toEqual(c);
      expect(cold.cached).toBe(0);
    });
  }

  it('passes the P-256, P-384 and P-521 vectors of legacy/ecdsa_webcrypto_test.json', () => {
    for (const cold of [false, true]) {
      const c = runFile('legacy/ecdsa_webcrypto_test.json', cold);
      // 219 P-256 + 23 P-384 + 98 P-521 vectors (SHA-256/384/512: digests shorter than the
      // 521-bit order are used whole) apply; the 22 secp256k1 ones are out of scope.
      expect(c.total).toBe(340);
      expect(c.skippedCurve).toBe(22);
      expect(c.total + c.skippedCurve).toBe(c.declared);
      expect(c.acceptable).toBe(10);
      if (cold) expect(c.cached).toBe(0);
      else expect(c.cached).toBeGreaterThan(100);
    }
  });
});
