// Wycheproof through the public API: every applicable vector goes through verifySignature with
// the group's SubjectPublicKeyInfo DER (`publicKeyDer`) and the signature as X.509 carries it.
// valid -> true; invalid -> false or a VerifyError (rejected); acceptable -> as documented below.
// Vectors whose hash the crypto core lacks (SHA-224, SHA-512/224, SHA-512/256, SHA-3) must be
// refused with UNSUPPORTED_ALGORITHM; they are counted, never silently skipped.
//
// Not applicable here: the *_p1363_test.json files (raw r||s signatures; X.509 carries DER): the
// ECDSA primitive's own tests run them.

import { hex } from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWycheproof, type WycheproofSpkiGroup, type WycheproofTest } from '../test/wycheproof.js';
import { type SignatureAlgorithm, verifySignature } from './signature.js';
import { VerifyError } from './verify-error.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

type WGroup = WycheproofSpkiGroup;

const SUPPORTED_HASHES = new Set(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

/** Files run here, and the acceptable-vector policy of each family. */
const FILES = [
  'ed25519_test.json',
  'ecdsa_secp256r1_sha256_test.json',
  'ecdsa_secp256r1_sha512_test.json',
  'ecdsa_secp384r1_sha384_test.json',
  'ecdsa_secp384r1_sha512_test.json',
  ...['2048', '3072', '4096'].flatMap((bits) =>
    ['sha256', 'sha384', 'sha512'].map((h) => `rsa_signature_${bits}_${h}_test.json`),
  ),
  'rsa_pss_2048_sha256_mgf1_0_test.json',
  'rsa_pss_2048_sha256_mgf1_32_test.json',
  'rsa_pss_2048_sha384_mgf1_48_test.json',
  'rsa_pss_3072_sha256_mgf1_32_test.json',
  'rsa_pss_4096_sha256_mgf1_32_test.json',
  'rsa_pss_4096_sha384_mgf1_48_test.json',
  'rsa_pss_misc_test.json',
  // RSASSA-PSS keys (id-RSASSA-PSS SPKI with RSASSA-PSS-params): the parameters bind the key.
  'rsa_pss_2048_sha256_mgf1_0_params_test.json',
  'rsa_pss_2048_sha256_mgf1_32_params_test.json',
  'rsa_pss_3072_sha256_mgf1_32_params_test.json',
  'rsa_pss_misc_params_test.json',
];

function algorithmOf(g: WGroup): SignatureAlgorithm {
  switch (g.type) {
    case 'EddsaVerify':
      return { name: 'Ed25519' };
    case 'EcdsaVerify':
      return { name: 'ECDSA', hash: g.sha as string };
    case 'RsassaPkcs1Verify':
      return { name: 'RSASSA-PKCS1-v1_5', hash: g.sha as string };
    case 'RsassaPssVerify':
    case 'RsassaPssWithParametersVerify':
      return {
        name: 'RSA-PSS',
        hash: g.sha as string,
        mgf1Hash: g.mgfSha as string,
        saltLength: g.sLen as number,
      };
    default:
      throw new Error(`unexpected group type ${g.type}`);
  }
}

type Verdict = 'accept' | 'reject' | 'unsupported';

function run(g: WGroup, t: WycheproofTest): { verdict: Verdict; code?: string } {
  try {
    const ok = verifySignature({
      algorithm: algorithmOf(g),
      publicKey: hex(g.publicKeyDer),
      data: hex(t.msg),
      signature: hex(t.sig),
    });
    return { verdict: ok ? 'accept' : 'reject' };
  } catch (e) {
    if (!(e instanceof VerifyError)) throw e;
    return { verdict: e.code === 'UNSUPPORTED_ALGORITHM' ? 'unsupported' : 'reject', code: e.code };
  }
}

/**
 * Acceptable vectors: Wycheproof lets either outcome pass. Our documented handling:
 * - RSA PKCS#1 `MissingNull` (DigestInfo without the NULL parameters): rejected. The whole
 *   encoded block is compared with the one and only DER DigestInfo (RFC 8017 §8.2.2 step 4).
 * Any other acceptable vector must be listed here before it can pass.
 */
const ACCEPTABLE: Readonly<Record<string, Verdict>> = { MissingNull: 'reject' };

describe.each(FILES)('Wycheproof %s via verifySignature', (file) => {
  const data = loadWycheproof<WGroup>(`${file}.gz`);
  it('every vector gets its expected verdict', () => {
    const counts = { valid: 0, invalid: 0, acceptable: 0, unsupported: 0 };
    const wrong: string[] = [];
    for (const g of data.testGroups) {
      const hashes = [g.sha, g.mgfSha].filter((h): h is string => h !== undefined);
      const supported = hashes.every((h) => SUPPORTED_HASHES.has(h));
      for (const t of g.tests) {
        const { verdict, code } = run(g, t);
        if (!supported) {
          counts.unsupported++;
          if (verdict !== 'unsupported')
            wrong.push(`tc${t.tcId} (${hashes}) expected UNSUPPORTED_ALGORITHM, got ${verdict}`);
          continue;
        }
        counts[t.result]++;
        let want: Verdict;
        if (t.result === 'valid') want = 'accept';
        else if (t.result === 'invalid') want = 'reject';
        else {
          const rule = t.flags.map((f) => ACCEPTABLE[f]).find((v) => v !== undefined);
          if (rule === undefined) {
            wrong.push(`tc${t.tcId} acceptable with flags ${t.flags} has no documented handling`);
            continue;
          }
          want = rule;
        }
        if (verdict !== want)
          wrong.push(`tc${t.tcId} ${t.result} [${t.flags}] ${t.comment}: got ${verdict} ${code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(counts.valid + counts.invalid + counts.acceptable + counts.unsupported).toBeGreaterThan(100);
  });
});
