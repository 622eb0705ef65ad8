// Signature-algorithm and key policy on generated chains with ECDSA and RSA keys.

import { key, leaf, root } from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, run } from '../test/chain-run.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

describe('algorithm policy', () => {
  it('rejects SHA-1 unless allowed, MD5 always', () => {
    const r = root({ key: key('rsa2048', 'sha1-root') });
    const sha1 = leaf(r, { hash: 'sha1' });
    expect(codeOf(run({ leaf: sha1.der, roots: [r.der] }))).toBe('WEAK_SIGNATURE_ALGORITHM');
    expect(codeOf(run({ leaf: sha1.der, roots: [r.der], allowSha1: true }))).toBe('OK');
    const rr = root({ key: key('rsa2048', 'md5-root') });
    const md5 = leaf(rr, { hash: 'md5' });
    expect(codeOf(run({ leaf: md5.der, roots: [rr.der], allowSha1: true }))).toBe('WEAK_SIGNATURE_ALGORITHM');
  });

  it('enforces minRsaBits on every key of the chain', () => {
    const small = root({ key: key('rsa2048', 'rsa-root') });
    const e = leaf(small, { key: key('rsa2048', 'rsa-leaf') });
    expect(codeOf(run({ leaf: e.der, roots: [small.der] }))).toBe('OK');
    expect(codeOf(run({ leaf: e.der, roots: [small.der], minRsaBits: 3072 }))).toBe('WEAK_KEY');
  });
});
