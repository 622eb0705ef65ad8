// The usage, extension, validity and algorithm options device profiles set (stack-options.ts,
// assembly/path/checks.ts, critical-extensions.ts, signatures.ts): each changes exactly the
// verdict it models on a chain of the generated profile corpus, the default keeps today's, and
// the no-clock prediction mode cannot be reached through verifyChain.

import { beforeAll, describe, expect, it } from 'vitest';
import { type CorpusCase, profileCorpus } from '../test/profile-corpus.js';
import { predictDevice } from './predict-device.js';
import type { StackOptions } from './stack-options.js';
import { type VerifyChainOptions, verifyChain } from './verify-chain.js';
import { initSync } from './wasm.js';

let cases: Map<string, CorpusCase>;

beforeAll(() => {
  initSync();
  cases = new Map(profileCorpus().map((c) => [c.id, c]));
});

function chain(id: string): VerifyChainOptions {
  const c = cases.get(id);
  if (!c) throw new Error(`no corpus case ${id}`);
  return {
    leaf: c.leaf,
    intermediates: [...c.intermediates],
    roots: [...c.roots],
    time: c.time,
    ...(c.host !== undefined ? { hostname: c.host } : {}),
    strictProfile: false,
  };
}

/** The error code (or OK) of the chain `id` with `options`. */
function code(id: string, options: StackOptions & Pick<VerifyChainOptions, 'policyProcessing'> = {}): string {
  const r = verifyChain({ ...chain(id), ...options });
  return r.ok ? 'OK' : r.error.code;
}

describe('leafKeyUsage', () => {
  it('checks the leaf keyUsage against the handshake only when asked', () => {
    const encipherment = 'usage::leaf-ku-key-encipherment::ec';
    expect(code(encipherment)).toBe('OK');
    expect(code(encipherment, { leafKeyUsage: 'ignore' })).toBe('OK');
    expect(code(encipherment, { leafKeyUsage: 'digital-signature' })).toBe('BAD_KEY_USAGE');
    expect(code(encipherment, { leafKeyUsage: 'signature' })).toBe('BAD_KEY_USAGE');
    expect(code(encipherment, { leafKeyUsage: 'tls-any' })).toBe('OK');
    const certSign = 'usage::leaf-ku-keycertsign::ec';
    expect(code(certSign)).toBe('OK');
    expect(code(certSign, { leafKeyUsage: 'tls-any' })).toBe('BAD_KEY_USAGE');
    const both = 'usage::leaf-ku-signature-and-encipherment::rsa';
    for (const rule of ['digital-signature', 'signature', 'tls-any'] as const)
      expect(code(both, { leafKeyUsage: rule }), rule).toBe('OK');
    // No keyUsage extension: nothing to check.
    expect(code('usage::leaf-ku-absent::rsa', { leafKeyUsage: 'digital-signature' })).toBe('OK');
    const r = verifyChain({ ...chain(encipherment), leafKeyUsage: 'digital-signature' });
    expect(r.ok ? undefined : r.error.reason?.name).toBe('LEAF_KEY_USAGE');
  });
});

describe('ekuScope and anyExtendedKeyUsage', () => {
  it('limits the EKU check to the leaf, or to nothing', () => {
    const intClient = 'usage::int-eku-client-only::rsa';
    expect(code(intClient)).toBe('BAD_EKU');
    expect(code(intClient, { ekuScope: 'chain' })).toBe('BAD_EKU');
    expect(code(intClient, { ekuScope: 'leaf' })).toBe('OK');
    const leafClient = 'usage::leaf-eku-client-only::rsa';
    expect(code(leafClient, { ekuScope: 'leaf' })).toBe('BAD_EKU');
    expect(code(leafClient, { ekuScope: 'none' })).toBe('OK');
  });

  it('refuses anyExtendedKeyUsage for the purpose when asked, on the leaf and on CAs', () => {
    expect(code('usage::leaf-eku-any::rsa')).toBe('OK');
    expect(code('usage::leaf-eku-any::rsa', { anyExtendedKeyUsage: false })).toBe('BAD_EKU');
    expect(code('usage::int-eku-any::rsa', { anyExtendedKeyUsage: false })).toBe('BAD_EKU');
    expect(code('usage::int-eku-any::rsa', { anyExtendedKeyUsage: false, ekuScope: 'leaf' })).toBe('OK');
    expect(code('usage::leaf-eku-server-and-client::rsa', { anyExtendedKeyUsage: false })).toBe('OK');
  });
});

describe('issuerKeyUsage', () => {
  it('drops the keyCertSign requirement of issuers only when asked', () => {
    for (const id of ['usage::int-ku-signature-only::rsa', 'usage::int-ku-crlsign-only::ec']) {
      expect(code(id), id).toBe('BAD_KEY_USAGE');
      expect(code(id, { issuerKeyUsage: 'enforce' }), id).toBe('BAD_KEY_USAGE');
      expect(code(id, { issuerKeyUsage: 'ignore' }), id).toBe('OK');
    }
  });
});

describe('criticalExtensions', () => {
  const MBEDTLS = [
    'basicConstraints',
    'keyUsage',
    'extKeyUsage',
    'subjectAltName',
    'nsCertType',
    'certificatePolicies/anyPolicy-only',
  ] as const;

  it("rejects a critical extension outside the stack's set", () => {
    for (const id of ['extension::critical-aki-leaf::rsa', 'extension::critical-ski-int::ec']) {
      expect(code(id), id).toBe('OK');
      expect(code(id, { criticalExtensions: MBEDTLS }), id).toBe('UNKNOWN_CRITICAL_EXTENSION');
      expect(
        code(id, { criticalExtensions: [...MBEDTLS, 'authorityKeyIdentifier', 'subjectKeyIdentifier'] }),
        id,
      ).toBe('OK');
    }
    expect(
      code('extension::critical-eku-leaf::rsa', { criticalExtensions: ['basicConstraints', 'keyUsage'] }),
    ).toBe('UNKNOWN_CRITICAL_EXTENSION');
    // An empty list: nothing may be critical (basicConstraints and keyUsage are, in the corpus).
    expect(code('extension::noncritical-bc-int::rsa', { criticalExtensions: [] })).toBe(
      'UNKNOWN_CRITICAL_EXTENSION',
    );
  });

  it('allows nsCertType when the stack parses it, and no other unknown extension', () => {
    const ns = 'extension::critical-ns-cert-type-leaf::rsa';
    expect(code(ns)).toBe('UNKNOWN_CRITICAL_EXTENSION');
    expect(code(ns, { criticalExtensions: MBEDTLS })).toBe('OK');
    expect(code('extension::unknown-critical-leaf::rsa', { criticalExtensions: MBEDTLS })).toBe(
      'UNKNOWN_CRITICAL_EXTENSION',
    );
  });

  it('applies the certificatePolicies content rules of mbedTLS and BearSSL', () => {
    expect(code('extension::critical-any-policy-leaf::rsa', { criticalExtensions: MBEDTLS })).toBe('OK');
    expect(code('extension::critical-policy-leaf::rsa', { criticalExtensions: MBEDTLS })).toBe(
      'UNKNOWN_CRITICAL_EXTENSION',
    );
    const bear = [
      'basicConstraints',
      'keyUsage',
      'subjectAltName',
      'certificatePolicies/cps-qualifiers-only',
    ] as const;
    expect(code('extension::critical-policy-cps-int::rsa', { criticalExtensions: bear })).toBe('OK');
    expect(code('extension::critical-policy-leaf::rsa', { criticalExtensions: bear })).toBe('OK');
    expect(code('extension::critical-policy-user-notice-int::rsa', { criticalExtensions: bear })).toBe(
      'UNKNOWN_CRITICAL_EXTENSION',
    );
    expect(code('extension::critical-policy-user-notice-int::rsa')).toBe('OK');
  });

  it('never accepts a critical extension the verifier does not process, whatever the set says', () => {
    const all = [...MBEDTLS, 'policyConstraints', 'policyMappings', 'inhibitAnyPolicy'] as const;
    for (const id of [
      'extension::policy-constraints-int::rsa',
      'extension::inhibit-any-policy-int::rsa',
      'extension::policy-mappings-int::rsa',
    ]) {
      // Processed by default (RFC 5280 §6.1): never refused as unknown.
      expect(code(id), id).not.toBe('UNKNOWN_CRITICAL_EXTENSION');
      // Left unprocessed by the request: refused, whatever the set says.
      const unprocessed = { policyProcessing: 'reject-if-critical' } as const;
      expect(code(id, unprocessed), id).toBe('UNKNOWN_CRITICAL_EXTENSION');
      expect(code(id, { ...unprocessed, criticalExtensions: all }), id).toBe('UNKNOWN_CRITICAL_EXTENSION');
    }
  });
});

describe('validityEnd', () => {
  it('makes the notAfter second expired only when exclusive', () => {
    for (const id of ['expiry::leaf-at-not-after::rsa', 'expiry::int1-at-not-after::ec']) {
      expect(code(id), id).toBe('OK');
      expect(code(id, { validityEnd: 'inclusive' }), id).toBe('OK');
      expect(code(id, { validityEnd: 'exclusive' }), id).toBe('EXPIRED');
    }
    // notBefore stays inclusive.
    expect(code('expiry::leaf-at-not-before::rsa', { validityEnd: 'exclusive' })).toBe('OK');
  });
});

describe('signatureAlgorithms', () => {
  const ALL = ['rsa-pss', 'rsa-pss-by-anchor', 'ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'ed25519'] as const;

  it("refuses keys and signatures outside the stack's list", () => {
    for (const id of ['algorithm::ed25519-leaf::rsa', 'algorithm::ed25519-int::ec']) {
      expect(code(id), id).toBe('OK');
      expect(code(id, { signatureAlgorithms: ALL }), id).toBe('OK');
      expect(code(id, { signatureAlgorithms: ALL.filter((a) => a !== 'ed25519') }), id).toBe(
        'UNSUPPORTED_ALGORITHM',
      );
    }
    expect(code('algorithm::pss-leaf::rsa', { signatureAlgorithms: ['ecdsa-p256', 'ecdsa-p384'] })).toBe(
      'UNSUPPORTED_ALGORITHM',
    );
    // P-384 root over P-256 intermediates: the list must hold both curves.
    expect(code('usage::leaf-ku-absent::ec', { signatureAlgorithms: ['ecdsa-p256'] })).toBe(
      'UNSUPPORTED_ALGORITHM',
    );
    expect(code('usage::leaf-ku-absent::ec', { signatureAlgorithms: ['ecdsa-p256', 'ecdsa-p384'] })).toBe(
      'OK',
    );
  });

  it('can refuse RSASSA-PSS made by a trust anchor key alone (ESP-IDF bundle)', () => {
    const pssInt = 'algorithm::pss-int::rsa';
    expect(code(pssInt, { signatureAlgorithms: ['rsa-pss', 'rsa-pss-by-anchor'] })).toBe('OK');
    expect(code(pssInt, { signatureAlgorithms: ['rsa-pss'] })).toBe('UNSUPPORTED_ALGORITHM');
    expect(code('algorithm::pss-leaf::rsa', { signatureAlgorithms: ['rsa-pss'] })).toBe('OK');
  });
});

describe('option values', () => {
  it('reports a value outside an option list as INVALID_ARGUMENT', () => {
    const bad: Record<string, unknown>[] = [
      { leafKeyUsage: 'key-agreement' },
      { ekuScope: 'intermediates' },
      { issuerKeyUsage: 'off' },
      { anyExtendedKeyUsage: 'no' },
      { validityEnd: 'never' },
      { criticalExtensions: ['everything'] },
      { criticalExtensions: 'keyUsage' },
      { signatureAlgorithms: ['md5'] },
      { signatureAlgorithms: ['rsa-pkcs1'] },
    ];
    for (const o of bad) {
      const r = verifyChain({ ...chain('usage::leaf-ku-absent::rsa'), ...(o as StackOptions) });
      expect(r.ok ? 'OK' : r.error.code, JSON.stringify(o)).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('the no-clock prediction mode', () => {
  const expired = [
    'expiry::leaf-expired::rsa',
    'expiry::int1-not-yet-valid::ec',
    'misc::leaf-validity-inverted::rsa',
  ];

  it('predicts that an mbedTLS device without a clock accepts any dates', () => {
    for (const id of expired) {
      const p = predictDevice({ ...chain(id), profile: 'mbedtls-2.28-no-clock', strictProfile: undefined });
      expect(p.prediction, id).toBe(true);
      expect(p.accepts, id).toBe(true);
      expect(p.exact, id).toBe(true);
      expect(p.notes.join(' '), id).toMatch(/no trusted clock/);
    }
  });

  it('is never reachable from verifyChain, whatever the options', () => {
    for (const id of expired) {
      const base = chain(id);
      expect(verifyChain(base).ok, id).toBe(false);
      for (const profile of ['mbedtls-2.28', 'esp-crt-bundle', 'openssl-3.0', 'wolfssl-5.5'] as const)
        expect(verifyChain({ ...base, profile, strictProfile: undefined }).ok, `${id} ${profile}`).toBe(
          false,
        );
      const noClock = verifyChain({ ...base, profile: 'mbedtls-2.28-no-clock' as never });
      expect(noClock.ok ? 'OK' : noClock.error.code).toBe('INVALID_ARGUMENT');
      // Unknown keys are ignored; no option sets the prediction bit.
      const sneaky = { ...base, noClock: true, predictNoClock: true, flags: 0xffffffff, trustedClock: false };
      expect(verifyChain(sneaky as VerifyChainOptions).ok, id).toBe(false);
    }
  });
});
