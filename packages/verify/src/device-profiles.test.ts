// Device profiles as data, `verifyChain({ profile })` and `predictDevice`: every profile is
// complete and evidenced, explicit options override a profile's, prediction-only profiles never
// reach a verdict, and the no-clock predictions say what they assumed.

import { intermediate, key, leaf, root, T } from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIFFERENTIAL } from '../test/profile-differential.js';
import { type AnyProfileId, deviceProfiles, isAnyProfileId, isDeviceProfileId } from './device-profiles.js';
import { predictDevice } from './predict-device.js';
import { verifyChain } from './verify-chain.js';
import { initSync } from './wasm.js';

const ids = Object.keys(deviceProfiles) as AnyProfileId[];
const DAY = 86_400_000;

beforeAll(() => initSync());

describe('deviceProfiles', () => {
  it('has every profile the issue asks for, plus no-clock variants', () => {
    for (const id of [
      'mbedtls-2.28',
      'mbedtls-3.6',
      'wolfssl-5.5',
      'bearssl-0.6',
      'esp-crt-bundle',
      'openssl-3.0',
      'webpki',
      'strict',
    ]) {
      expect(isDeviceProfileId(id), id).toBe(true);
    }
    const noClock = ids.filter((id) => !deviceProfiles[id].trustedClock);
    expect(noClock.length).toBeGreaterThanOrEqual(3);
    for (const id of noClock) {
      expect(id.endsWith('-no-clock'), id).toBe(true);
      expect(isDeviceProfileId(id)).toBe(false);
      expect(isAnyProfileId(id)).toBe(true);
    }
    expect(isAnyProfileId('mbedtls-9')).toBe(false);
    expect(isAnyProfileId('toString')).toBe(false);
  });

  it('describes each profile with its stack, options and evidenced behaviours', () => {
    for (const id of ids) {
      const p = deviceProfiles[id];
      expect(p.id).toBe(id);
      expect(p.description.length, id).toBeGreaterThan(60);
      expect(p.stack.version, id).not.toBe('');
      expect(p.behaviours.length, id).toBeGreaterThan(0);
      for (const b of p.behaviours) {
        expect(b.evidence.length, `${id} ${b.behaviour}`).toBeGreaterThan(0);
        expect(b.modelledBy ?? b.missing, `${id} ${b.behaviour}: modelled or missing`).toBeDefined();
        for (const e of b.evidence) expect(e.what.length, `${id} ${b.behaviour}`).toBeGreaterThan(3);
      }
      if (!p.trustedClock)
        expect(
          p.behaviours.some((b) => b.behaviour === 'clock'),
          id,
        ).toBe(true);
      // A profile is measured exactly when the differential knows its harness.
      expect('harness' in p.differential, id).toBe(DIFFERENTIAL[id] !== undefined);
    }
  });

  it('maps strictProfile onto the profiles: strict and webpki keep it, lenient stacks turn it off', () => {
    for (const id of ids) {
      const strict = id === 'strict' || id === 'webpki';
      expect(deviceProfiles[id].options.strictProfile, id).toBe(strict);
    }
  });
});

describe('verifyChain({ profile })', () => {
  // RSA: the builder signs ECDSA with SHA-256 whatever the hash asked for.
  const r = root({ key: key('rsa2048', 'profiles-root'), hash: 'sha1' });
  const i = intermediate(r, { key: key('p256', 'profiles-int') });
  const l = leaf(i, { key: key('p256', 'profiles-leaf') });
  const chain = { leaf: l.der, intermediates: [i.der], roots: [r.der], hostname: 'example.com', time: T };
  const sha1Int = intermediate(r, { key: key('rsa2048', 'profiles-int-sha1'), hash: 'sha1' });
  const sha1Chain = { ...chain, leaf: leaf(sha1Int).der, intermediates: [sha1Int.der] };

  it('accepts a plain chain under every profile with a clock', () => {
    for (const id of ids.filter(isDeviceProfileId)) {
      const result = verifyChain({ ...chain, profile: id });
      expect(result.ok, `${id}: ${result.ok ? '' : result.error.message}`).toBe(true);
    }
  });

  it("applies the profile's options, explicit options winning", () => {
    expect(verifyChain({ ...sha1Chain, profile: 'strict' })).toMatchObject({
      ok: false,
      error: { code: 'WEAK_SIGNATURE_ALGORITHM' },
    });
    expect(verifyChain({ ...sha1Chain, profile: 'wolfssl-5.5' }).ok).toBe(true);
    expect(verifyChain({ ...sha1Chain, profile: 'wolfssl-5.5', allowSha1: false }).ok).toBe(false);
    // An option given as undefined does not erase the profile's value.
    expect(verifyChain({ ...sha1Chain, profile: 'wolfssl-5.5', allowSha1: undefined }).ok).toBe(true);
    const expiredRoot = root({
      key: key('p256', 'profiles-old-root'),
      notAfter: new Date(T.getTime() - DAY),
    });
    const underOld = intermediate(expiredRoot, { key: key('p256', 'profiles-old-int') });
    const old = {
      ...chain,
      leaf: leaf(underOld, { key: key('p256', 'profiles-old-leaf') }).der,
      intermediates: [underOld.der],
      roots: [expiredRoot.der],
    };
    expect(verifyChain({ ...old, profile: 'mbedtls-2.28' })).toMatchObject({
      ok: false,
      error: { code: 'EXPIRED' },
    });
    expect(verifyChain({ ...old, profile: 'bearssl-0.6' }).ok).toBe(true);
    expect(verifyChain({ ...old, profile: 'bearssl-0.6', enforceAnchorExpiry: true }).ok).toBe(false);
  });

  it('refuses prediction-only and unknown profiles with INVALID_ARGUMENT', () => {
    const noClock = verifyChain({ ...chain, profile: 'mbedtls-2.28-no-clock' as never });
    expect(noClock).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!noClock.ok) expect(noClock.error.message).toMatch(/prediction-only.*predictDevice/);
    expect(verifyChain({ ...chain, profile: 'nope' as never })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('gives the same verdicts with profile strict as with no profile (the defaults)', () => {
    for (const c of [
      chain,
      sha1Chain,
      { ...chain, hostname: 'other.example' },
      { ...chain, time: new Date('2050-01-01') },
    ]) {
      const plain = verifyChain(c);
      const strict = verifyChain({ ...c, profile: 'strict' });
      expect(strict.ok).toBe(plain.ok);
      if (!plain.ok && !strict.ok) expect(strict.error.code).toBe(plain.error.code);
    }
  });
});

describe('predictDevice', () => {
  const r = root({ key: key('p256', 'predict-root') });
  const i = intermediate(r, { key: key('p256', 'predict-int') });
  const expiredLeaf = leaf(i, { key: key('p256', 'predict-leaf'), notAfter: new Date(T.getTime() - DAY) });
  const base = { intermediates: [i.der], roots: [r.der], hostname: 'example.com', time: T };

  it('is verifyChain with the profile for profiles with a clock, marked as a prediction', () => {
    const p = predictDevice({ ...base, leaf: expiredLeaf.der, profile: 'mbedtls-2.28' });
    expect(p).toMatchObject({
      prediction: true,
      accepts: false,
      exact: true,
      basis: { ok: false, error: { code: 'EXPIRED' } },
    });
  });

  it('predicts that a device without a clock accepts an expired chain, and says why', () => {
    const p = predictDevice({ ...base, leaf: expiredLeaf.der, profile: 'mbedtls-2.28-no-clock' });
    expect(p.accepts).toBe(true);
    expect(p.exact).toBe(true);
    expect(p.notes.join(' ')).toMatch(/no trusted clock/);
    expect(p.basis.ok).toBe(true);
    // The same chain is still refused as a verdict.
    expect(verifyChain({ ...base, leaf: expiredLeaf.der, profile: 'mbedtls-2.28' }).ok).toBe(false);
  });

  it('still rejects what a no-clock device rejects for another reason', () => {
    const wrongName = predictDevice({
      ...base,
      leaf: expiredLeaf.der,
      hostname: 'other.example',
      profile: 'esp-crt-bundle-no-clock',
    });
    expect(wrongName).toMatchObject({ accepts: false, exact: true, basis: { ok: false } });
  });

  it('decides validity periods that never overlap exactly: a device without a clock accepts them', () => {
    const late = intermediate(r, {
      key: key('p256', 'predict-late'),
      notBefore: new Date('2031-01-01'),
      notAfter: new Date('2032-01-01'),
    });
    const early = leaf(late, {
      key: key('p256', 'predict-early'),
      notBefore: new Date('2020-01-01'),
      notAfter: new Date('2021-01-01'),
    });
    const p = predictDevice({
      ...base,
      leaf: early.der,
      intermediates: [late.der],
      profile: 'mbedtls-2.28-no-clock',
    });
    expect(p).toMatchObject({ prediction: true, accepts: true, exact: true });
    // As a verdict, at any time, the same chain fails on a date.
    for (const time of [T, new Date('2020-06-01'), new Date('2031-06-01')])
      expect(
        verifyChain({ ...base, time, leaf: early.der, intermediates: [late.der], profile: 'mbedtls-2.28' })
          .ok,
      ).toBe(false);
  });

  it('predicts BearSSL without a clock rejects everything but a directly trusted leaf', () => {
    const ok = predictDevice({ ...base, leaf: leaf(i).der, profile: 'bearssl-0.6-no-clock' });
    expect(ok.accepts).toBe(false);
    const selfSigned = root({ key: key('p256', 'predict-pinned'), ca: null, keyUsage: ['digitalSignature'] });
    const pinned = predictDevice({
      leaf: selfSigned.der,
      roots: [selfSigned.der],
      time: T,
      profile: 'bearssl-0.6-no-clock',
    });
    expect(pinned.accepts).toBe(true);
  });
});
