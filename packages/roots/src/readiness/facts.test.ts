// Known facts about real devices, asserted from the catalog's real certificates and the cloud
// profiles (never from hand-written dates): every date below is read from the data.
import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCertificate } from '../catalog.js';
import type { ServedChain } from '../profile-types.js';
import { cloudProfiles, getEndpointFamily } from '../profiles.js';
import { endpoint, intervalAt, readinessData } from '../testing/readiness.js';
import { analyzeReadiness } from './analyze.js';
import { resolveDevice } from './device.js';

beforeAll(async () => {
  await init();
});

const period = (family: string, id: string) => {
  const p = getEndpointFamily(family).periods.find((x) => x.id === id);
  if (!p) throw new Error(`${family} has no period ${id}`);
  return p;
};
const day = (d: string) => new Date(`${d}T00:00:00Z`);
const second = 1000;

describe('Azure IoT C SDK certs.c of 2017 (Baltimore only) and 2016 (Baltimore + Microsoft IT SSL SHA2 + pinned leaf)', () => {
  const migration = period('azure-iot-hub', 'migration-to-digicert-g2');
  const certs2017 = { bytes: readinessData('azure-iot-sdk-c-2017-01-21-certs.c'), file: 'certs.c' };
  const certs2016 = { bytes: readinessData('azure-iot-sdk-c-2016-01-25-certs.c'), file: 'certs.c' };

  it('2017: verifies Azure IoT Hub until the 2023 migration starts, then fails with UNKNOWN_ISSUER for DigiCert Global Root G2', () => {
    const r = analyzeReadiness({
      bundle: certs2017,
      families: ['azure-iot-hub'],
      device: 'mbedtls-2.28',
      from: day('2017-01-21'),
      to: day('2032-01-21'),
    });
    expect(r.bundle.roots.map((x) => x.slug)).toEqual(['baltimore-cybertrust-root']);
    const hub = endpoint(r, 'azure-iot-hub');
    expect(hub.firstFailure).toBe(day(migration.from).toISOString().replace('.000Z', 'Z'));
    const before = hub.timeline.filter((i) => Date.parse(i.to) <= day(migration.from).getTime());
    expect(before.length).toBeGreaterThan(0);
    expect(
      before.every((i) => i.status === 'verifies' && i.anchors.join() === 'baltimore-cybertrust-root'),
    ).toBe(true);
    const during = intervalAt(hub, day(migration.from));
    expect(during.status).toBe('fails');
    expect(during.transition).toBe(true);
    expect(during.verifying).toBeGreaterThan(0); // hubs still on Baltimore verify
    expect(new Set(during.failures.map((f) => [f.code, f.certificate].join()))).toEqual(
      new Set(['UNKNOWN_ISSUER,digicert-global-root-g2']),
    );
    // after the migration window nothing verifies
    const after = intervalAt(hub, day(migration.to as string));
    expect([after.status, after.verifying]).toEqual(['fails', 0]);
    // the smallest fix: DigiCert Global Root G2 alone (it anchors the 2025-26 rotation through the cross-certificate)
    expect(r.recommendation.add.map((a) => a.slug)).toEqual(['digicert-global-root-g2']);
  });

  it('2017: the first hours of the 2015 period verify (the captured leaf is valid from 03:18, the hub served a valid leaf before)', () => {
    const early = period('azure-iot-hub', 'baltimore-early');
    const leaf = getCertificate('leaf-azure-devices-net-2015');
    const notBefore = leaf.notBefore.getTime();
    expect(notBefore).toBeGreaterThan(day(early.from).getTime()); // the artefact's premise, read from the data
    const r = analyzeReadiness({
      bundle: certs2017,
      families: ['azure-iot-hub'],
      device: 'mbedtls-2.28',
      from: day(early.from),
      to: new Date(notBefore + 3600 * second),
    });
    const hub = endpoint(r, 'azure-iot-hub');
    expect(hub.timeline.length).toBeGreaterThan(0);
    expect(hub.timeline.map((i) => [i.status, i.failures.map((f) => f.code).join()])).toEqual(
      hub.timeline.map(() => ['verifies', '']),
    );
    expect(hub.firstFailure).toBeUndefined();
  });

  it('2016: the same story, and the pinned leaf expired years before (its own notAfter)', () => {
    const leaf = getCertificate('leaf-azure-devices-net-2015');
    const msit = getCertificate('microsoft-it-ssl-sha2');
    const r = analyzeReadiness({
      bundle: certs2016,
      families: ['azure-iot-hub'],
      device: 'mbedtls-2.28',
      from: day('2016-01-25'),
      to: day('2031-01-25'),
    });
    expect(r.bundle.roots.map((x) => x.slug)).toEqual([
      'baltimore-cybertrust-root',
      'microsoft-it-ssl-sha2',
      'leaf-azure-devices-net-2015',
    ]);
    const pinned = r.bundle.roots[2];
    expect([pinned?.isCA, pinned?.notAfter]).toEqual([
      false,
      leaf.notAfter.toISOString().replace('.000Z', 'Z'),
    ]);
    const hub = endpoint(r, 'azure-iot-hub');
    // 2016: the captured chain verifies for real (leaf included), stopping at the pinned intermediate
    const first = intervalAt(hub, day('2016-01-25'));
    expect([first.status, first.basis]).toEqual(['verifies', 'verified']);
    expect(hub.firstFailure).toBe(day(migration.from).toISOString().replace('.000Z', 'Z'));
    expect(leaf.notAfter.getTime()).toBeLessThan(day(migration.from).getTime());
    // seen from the migration on, the leaf and the intermediate are expired and go
    const late = analyzeReadiness({
      bundle: certs2016,
      families: ['azure-iot-hub'],
      device: 'mbedtls-2.28',
      from: day(migration.from),
      to: day('2031-01-25'),
    });
    const gone = late.recommendation.remove.map((x) => [x.slug, x.reason]);
    expect(gone).toContainEqual(['leaf-azure-devices-net-2015', 'expired']);
    expect(gone).toContainEqual(['microsoft-it-ssl-sha2', 'expired']);
    expect(msit.notAfter.getTime()).toBeLessThan(day(migration.from).getTime());
    expect(late.recommendation.add.map((a) => a.slug)).toEqual(['digicert-global-root-g2']);
  });
});

describe('Baltimore CyberTrust Root expires (2025-05-12)', () => {
  const baltimore = getCertificate('baltimore-cybertrust-root');
  const after = new Date(baltimore.notAfter.getTime() + 86_400_000);

  it('no profile serves a Baltimore chain once it has expired: every such chain ends before, with its issuing CAs', () => {
    const chains: [string, ServedChain][] = [];
    for (const f of cloudProfiles)
      for (const p of f.periods)
        for (const c of p.chains) if (c.root === baltimore.slug) chains.push([f.id, c]);
    expect(chains.length).toBeGreaterThan(5);
    for (const [f, c] of chains) {
      const r = analyzeReadiness({
        bundle: { text: baltimore.pem },
        families: [f],
        device: 'bearssl-0.6',
        from: after,
        to: new Date(after.getTime() + 365 * 86_400_000),
      });
      // nothing served then reaches Baltimore, even for a device that ignores root expiry
      expect(
        endpoint(r, f).timeline.every((i) => i.anchors.length === 0),
        `${f}/${c.id}`,
      ).toBe(true);
    }
  });

  it('a device that checks anchor dates drops it; BearSSL and ESP-IDF bundles do not check them', () => {
    expect(resolveDevice('mbedtls-2.28').options.enforceAnchorExpiry).toBe(true);
    expect(resolveDevice('bearssl-0.6').options.enforceAnchorExpiry).toBe(false);
    expect(resolveDevice('esp-crt-bundle').options.enforceAnchorExpiry).toBe(false);
    const r = analyzeReadiness({
      bundle: { text: `${baltimore.pem}${getCertificate('digicert-global-root-g2').pem}` },
      families: ['azure-iot-hub'],
      device: 'mbedtls-2.28',
      from: after,
      to: day('2029-01-01'),
    });
    expect(r.recommendation.remove.map((x) => [x.slug, x.reason])).toEqual([
      ['baltimore-cybertrust-root', 'expired'],
    ]);
    expect(r.recommendation.remove[0]?.note).toContain(baltimore.notAfter.toISOString().slice(0, 10));
    expect(r.recommendation.remove[0]?.note).not.toContain('does not check');
    // a BearSSL device would go on accepting chains to it: the report says so
    const bear = analyzeReadiness({
      bundle: { text: `${baltimore.pem}${getCertificate('digicert-global-root-g2').pem}` },
      families: ['azure-iot-hub'],
      device: 'bearssl-0.6',
      from: after,
      to: day('2029-01-01'),
    });
    expect(bear.recommendation.remove.map((x) => [x.slug, x.reason])).toEqual([
      ['baltimore-cybertrust-root', 'expired'],
    ]);
    expect(bear.recommendation.remove[0]?.note).toContain('does not check its anchors');
  });
});

describe('DigiCert Global Root G2 through the Microsoft TLS RSA Root G2 rotation', () => {
  const rotation = period('azure-iot-hub', 'rotation-to-microsoft-tls-rsa-root-g2');
  const xsign = getCertificate('microsoft-tls-rsa-root-g2-xsign');

  it('keeps IoT Hub, DPS and Blob Storage (RSA) verifying while the cross-certificate is served', () => {
    const families = ['azure-iot-hub', 'azure-dps-global', 'azure-blob-storage'];
    const r = analyzeReadiness({
      bundle: { text: getCertificate('digicert-global-root-g2').pem },
      families,
      device: 'mbedtls-2.28',
      from: day(rotation.from),
      to: xsign.notAfter,
    });
    for (const f of families) {
      const e = endpoint(r, f);
      const claimed = e.timeline.filter((i) => i.status !== 'unknown');
      expect(claimed.length, f).toBeGreaterThan(0);
      expect(
        claimed.every((i) => i.status === 'verifies' && i.anchors.join() === 'digicert-global-root-g2'),
        f,
      ).toBe(true);
      expect(e.firstFailure, f).toBeUndefined();
      // every link checked by verifyChain from the issuing CA up (the hub's leaf is modelled)
      expect(new Set(claimed.map((i) => i.basis)), f).toEqual(new Set(['verified-from-issuing-ca']));
    }
    // the profile's claim for the cross-signed chain ends before the cross-certificate does
    const last = endpoint(r, 'azure-iot-hub')
      .timeline.filter((i) => i.status !== 'unknown')
      .at(-1);
    expect(Date.parse(last?.to as string)).toBeLessThanOrEqual(xsign.notAfter.getTime() + second);
  });

  it('Microsoft TLS RSA Root G2 alone also anchors the new chain, but not the old one', () => {
    const r = analyzeReadiness({
      bundle: { text: getCertificate('microsoft-tls-rsa-root-g2').pem },
      families: ['azure-iot-hub'],
      device: 'mbedtls-2.28',
      from: day(rotation.from),
      to: day(rotation.to as string),
    });
    const i = intervalAt(endpoint(r, 'azure-iot-hub'), day(rotation.from));
    expect(i.status).toBe('fails');
    expect(i.anchors).toEqual(['microsoft-tls-rsa-root-g2']);
    expect(i.failures.every((f) => f.chain === 'digicert-g2-azure-tls-issuing')).toBe(true);
  });
});

describe('AWS IoT Core ATS RSA and Amazon Root CA 1', () => {
  const root1 = getCertificate('amazon-root-ca-1');
  const family = getEndpointFamily('aws-iot-core-ats-rsa');

  it('verifies every chain the profile models from the ATS launch until the profile ends, before Root CA 1 expires (2038)', () => {
    const start = day(family.periods[0]?.from as string);
    const r = analyzeReadiness({
      bundle: { text: root1.pem },
      families: [family.id],
      device: 'mbedtls-2.28',
      from: start,
      to: root1.notAfter,
    });
    const e = endpoint(r, family.id);
    expect(e.firstFailure).toBeUndefined();
    const claimed = e.timeline.filter((i) => i.status === 'verifies');
    expect(claimed[0]?.from).toBe(start.toISOString().replace('.000Z', 'Z'));
    expect(claimed.every((i) => i.anchors.join() === 'amazon-root-ca-1')).toBe(true);
    // Amazon RSA 2048 M01–M04 are modelled from AWS's documentation: those verdicts say so
    expect(claimed.some((i) => i.basis === 'modelled')).toBe(true);
    const end = Date.parse(claimed.at(-1)?.to as string);
    expect(end).toBe(day(family.periods.at(-1)?.to as string).getTime());
    expect(end).toBeLessThan(root1.notAfter.getTime());
    expect(r.recommendation.add).toEqual([]);
  });

  it('Starfield Services Root G2 verifies through the cross-certificate the endpoint sends (modelled link)', () => {
    const r = analyzeReadiness({
      bundle: { text: getCertificate('starfield-services-root-g2').pem },
      families: [family.id],
      device: 'mbedtls-2.28',
      from: day('2019-01-01'),
      to: day('2020-01-01'),
    });
    const i = intervalAt(endpoint(r, family.id), day('2019-06-01'));
    expect([i.status, i.basis, i.anchors]).toEqual(['verifies', 'modelled', ['starfield-services-root-g2']]);
  });
});

describe('the legacy VeriSign G5 endpoint family', () => {
  it('is flagged deprecated in the report, and VeriSign G5 is removed as distrusted once nothing uses it', () => {
    const g5 = getCertificate('verisign-class3-g5');
    const fam = getEndpointFamily('aws-iot-legacy-verisign');
    const r = analyzeReadiness({
      bundle: { text: g5.pem },
      families: [fam.id],
      device: 'openssl-3.0',
      from: day(fam.periods.at(-1)?.to as string),
      to: day('2030-01-01'),
    });
    expect(endpoint(r, fam.id).deprecated).toBe(fam.deprecated);
    expect(r.recommendation.remove.map((x) => [x.slug, x.reason])).toEqual([
      ['verisign-class3-g5', 'distrusted'],
    ]);
    const during = analyzeReadiness({
      bundle: { text: g5.pem },
      families: [fam.id],
      device: 'openssl-3.0',
      from: day(fam.periods[0]?.from as string),
      to: day(fam.periods.at(-1)?.to as string),
    });
    // still the anchor while the legacy endpoint runs: not removed then
    expect(during.recommendation.remove).toEqual([]);
    expect(endpoint(during, fam.id).timeline.some((i) => i.anchors.includes('verisign-class3-g5'))).toBe(
      true,
    );
  });
});
