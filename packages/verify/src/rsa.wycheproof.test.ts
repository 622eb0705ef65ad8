// Every Wycheproof RSA signature vector (test-data/wycheproof/rsa_signature_*, rsa_pss_*) at the
// raw ABI level (rsaVerifyPkcs1v15 / rsaVerifyPss) with the modulus, exponent, hash, MGF1 hash
// and salt length of each test group. valid -> Err.OK; invalid -> BAD_SIGNATURE or
// BAD_PUBLIC_KEY; acceptable (only MissingNull: a DigestInfo without the NULL parameters) ->
// rejected, as documented in assembly/crypto/rsa.ts. Groups using SHA-224 (as the hash or the
// MGF1 hash, rsa_pss_misc*) need a hash this verifier does not implement: they must report
// UNSUPPORTED_ALGORITHM and are counted separately.
// Each vector is verified four times: in file order (the RSA key cache as the previous vectors
// left it: mostly warm, as a group shares its key), then with the cache emptied (a miss), again
// (the PKCS#1 constants are computed for the key, exponent and hash) and again (warm); every
// verdict must be the expected one.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUILD_VARIANTS,
  digestOf,
  ERR,
  HASH_IDS,
  loadTestWasmSimd,
  type RsaAbi,
  type RsaCacheProbes,
  rsaVerifyRaw,
} from '../test/rsa-abi.js';
import { loadTestWasm } from '../test/test-wasm.js';
import { loadWycheproof, WYCHEPROOF_DIR, type WycheproofTest } from '../test/wycheproof.js';

interface WycheproofGroup {
  type: string;
  sha: string;
  mgf?: string;
  mgfSha?: string;
  sLen?: number;
  publicKey: { modulus: string; publicExponent: string };
  tests: WycheproofTest[];
}

const FILES = readdirSync(WYCHEPROOF_DIR)
  .filter((f) => /^rsa_(signature|pss)_.*\.json\.gz$/.test(f))
  .sort();
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const { OK, BAD_SIGNATURE, BAD_PUBLIC_KEY, UNSUPPORTED_ALGORITHM } = ERR;
/** The hash ids no HashAlg exists for get this (unknown) id. */
const UNKNOWN_HASH = 99;

describe.each(BUILD_VARIANTS)('RSA: Wycheproof vectors (%s build)', (variant) => {
  const w =
    variant === 'simd'
      ? loadTestWasmSimd<RsaAbi & RsaCacheProbes>()
      : loadTestWasm<RsaAbi & RsaCacheProbes>();
  it('has all 20 RSA files', () => {
    expect(FILES.length).toBe(20);
  });

  const totals = { run: 0, valid: 0, invalid: 0, acceptable: 0, unsupported: 0 };
  for (const file of FILES) {
    it(file, () => {
      const data = loadWycheproof<WycheproofGroup>(file);
      const failures: string[] = [];
      let count = 0;
      for (const g of data.testGroups) {
        const pss = g.type.startsWith('RsassaPss');
        const hash = HASH_IDS[g.sha];
        const mgf1Hash = pss ? HASH_IDS[g.mgfSha ?? ''] : 0;
        if (pss) expect(g.mgf).toBe('MGF1');
        const supported = hash !== undefined && mgf1Hash !== undefined;
        const n = hex(g.publicKey.modulus);
        const e = hex(g.publicKey.publicExponent);
        for (const t of g.tests) {
          count++;
          const sig = hex(t.sig);
          const request = {
            n,
            e,
            sig,
            hash: hash ?? UNKNOWN_HASH,
            digest: supported ? digestOf(g.sha, hex(t.msg)) : new Uint8Array(64),
            ...(pss ? { pss: { mgf1Hash: mgf1Hash ?? UNKNOWN_HASH, saltLen: g.sLen ?? -1 } } : {}),
          };
          const got = rsaVerifyRaw(w, request);
          const where = `tcId ${t.tcId} (${t.result}, ${t.comment || t.flags.join(',')})`;
          w.keyCacheReset();
          const states = [rsaVerifyRaw(w, request), rsaVerifyRaw(w, request), rsaVerifyRaw(w, request)];
          if (states.some((c) => c !== got))
            failures.push(`${where}: ${got} in order, ${states} cold/2nd/warm`);
          if (!supported) {
            totals.unsupported++;
            if (got !== UNSUPPORTED_ALGORITHM) failures.push(`${where}: unsupported hash gave ${got}`);
            continue;
          }
          totals.run++;
          totals[t.result]++;
          if (t.result === 'valid') {
            if (got !== OK) failures.push(`${where}: rejected with ${got}`);
          } else if (got !== BAD_SIGNATURE && got !== BAD_PUBLIC_KEY) {
            failures.push(`${where}: gave ${got}, expected a rejection`);
          }
          if (t.result === 'acceptable') expect(t.flags).toEqual(['MissingNull']);
        }
      }
      expect(count).toBe(data.numberOfTests);
      expect(failures).toEqual([]);
    });
  }

  it('ran every supported vector (totals)', () => {
    // 3,658 RSA vectors in all; in each rsa_pss_misc* file, the 54 groups (one vector each) that
    // use SHA-224 as the hash or the MGF1 hash are unsupported.
    expect(totals).toEqual({ run: 3550, valid: 887, invalid: 2654, acceptable: 9, unsupported: 108 });
  });
});
