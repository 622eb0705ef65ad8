import { init, verifyChain } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CATALOG_SNAPSHOT_DATE,
  type ChainLink,
  chainAnchors,
  chainsAt,
  cloudProfiles,
  type EndpointFamily,
  endpointFamiliesForHost,
  findCertificate,
  getCertificate,
  getEndpointFamily,
  modelledCertificates,
  type ProfilePeriod,
  profileCertificate,
  profileCertificateValidity,
  profileChangePoints,
  profileSources,
  RECOMMENDED_SETS,
  type RecommendedSet,
  recommendedRoots,
  type ServedChain,
} from './index.js';

beforeAll(async () => {
  await init();
});

const DAY = 86_400_000;
const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
const sourceIds = new Set(profileSources.map((s) => s.id));

function* everyChain(): Generator<[EndpointFamily, ProfilePeriod, ServedChain]> {
  for (const f of cloudProfiles) for (const p of f.periods) for (const c of p.chains) yield [f, p, c];
}

/** Midpoint of the intersection of [lo, hi] intervals, or undefined when empty. */
function inside(...intervals: [number, number][]): number | undefined {
  const lo = Math.max(...intervals.map((i) => i[0]));
  const hi = Math.min(...intervals.map((i) => i[1]));
  return lo <= hi ? Math.floor((lo + hi) / 2 / 1000) * 1000 : undefined;
}

const validity = (id: string): [number, number] => {
  const v = profileCertificateValidity(id);
  return [Math.max(v.notBefore, day('1990-01-01')), Math.min(v.notAfter, day('2060-01-01'))];
};
const periodSpan = (p: ProfilePeriod): [number, number] => [
  day(p.from),
  p.to ? day(p.to) - 1000 : day('2060-01-01'),
];

/** verifyChain options modelling a lenient client: the point is the signatures and names, not policy. */
const lenient = { purpose: 'any', allowSha1: true, strictProfile: false, minRsaBits: 1024 } as const;

describe('profile data is consistent with the catalog', () => {
  it('names only catalog slugs, modelled certificates and known documents', () => {
    for (const m of modelledCertificates) {
      expect(findCertificate(m.id), `${m.id} collides with a catalog slug`).toBeUndefined();
      expect(() => profileCertificate(m.issuer)).not.toThrow();
      if (m.sameKeyAs) expect(getCertificate(m.sameKeyAs).key.type).toBe(m.key.type);
      for (const s of m.sources) expect(sourceIds, `${m.id} cites ${s}`).toContain(s);
    }
    for (const [f, p, c] of everyChain()) {
      const where = `${f.id}/${p.id}/${c.id}`;
      for (const id of [...c.issuers, ...c.above, c.root])
        expect(() => profileCertificate(id), where).not.toThrow();
      if (c.leaf.slug) expect(getCertificate(c.leaf.slug).kind, where).toBe('leaf');
      for (const l of c.links)
        for (const s of l.sources) expect(sourceIds, `${where} cites ${s}`).toContain(s);
      for (const s of [...p.sources, ...f.sources]) expect(sourceIds, `${where} cites ${s}`).toContain(s);
    }
  });

  it('gives every chain one link per step: leaf → each issuing CA → above … → root', () => {
    for (const [f, p, c] of everyChain()) {
      const where = `${f.id}/${p.id}/${c.id}`;
      const key = (l: ChainLink) => `${l.subject}>${l.issuer}`;
      const want = [
        ...c.issuers.map((i) => `leaf>${i}`),
        ...c.issuers.map((i) => `${i}>${c.above[0] ?? c.root}`),
        ...[...c.above, c.root].slice(1).map((x, k) => `${c.above[k]}>${x}`),
      ];
      expect(c.links.map(key).sort(), where).toEqual(want.sort());
      for (const l of c.links) {
        const touchesModel = [l.subject, l.issuer].some(
          (id) => id !== 'leaf' && profileCertificate(id).source === 'modelled',
        );
        if (touchesModel)
          expect(l.evidence, `${where} ${key(l)} needs a modelled certificate`).toBe('inferred');
        if (l.subject !== 'leaf') {
          const s = profileCertificate(l.subject);
          const claimed = s.source === 'modelled' ? s.modelled.issuer : s.certificate.issuedBy;
          // the served issuer may be the cross-signed twin (same subject and key) of the claimed one
          const i = profileCertificate(l.issuer);
          const twins =
            i.source === 'catalog'
              ? i.certificate.sameKeyAs
              : i.modelled.sameKeyAs
                ? [i.modelled.sameKeyAs]
                : [];
          expect([l.issuer, ...twins], `${where}: ${l.subject} is not issued by ${l.issuer}`).toContain(
            claimed,
          );
        }
      }
    }
  });

  it('verifies every link between catalog certificates with @hubtrust/verify at a date inside its period', () => {
    let checked = 0;
    for (const [f, p, c] of everyChain()) {
      for (const l of c.links) {
        const subject = l.subject === 'leaf' ? c.leaf.slug : l.subject;
        if (!subject) continue;
        const a = findCertificate(subject);
        const b = findCertificate(l.issuer);
        if (!a || !b) continue;
        const inPeriod = inside(periodSpan(p), validity(subject), validity(l.issuer));
        const servedInPeriod =
          l.subject === 'leaf' ||
          c.above.includes(l.subject) ||
          inside(periodSpan(p), validity(l.subject)) !== undefined;
        const at = inPeriod ?? (servedInPeriod ? undefined : inside(validity(subject), validity(l.issuer)));
        expect(
          at,
          `${f.id}/${p.id}/${c.id}: ${subject} ← ${l.issuer} is never valid in the period`,
        ).toBeDefined();
        const r = verifyChain({ ...lenient, leaf: a.der, roots: [b.der], time: at as number });
        expect(
          r.ok,
          `${f.id}/${p.id}/${c.id}: ${subject} ← ${l.issuer} at ${new Date(at as number).toISOString()}: ${r.ok ? '' : r.error.message}`,
        ).toBe(true);
        // negative control: the same call with an unrelated root must fail
        const wrong = getCertificate(l.issuer === 'isrg-root-x1' ? 'gts-root-r1' : 'isrg-root-x1');
        expect(verifyChain({ ...lenient, leaf: a.der, roots: [wrong.der], time: at as number }).ok).toBe(
          false,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('serves at least one valid issuing CA in every period, and only certificates valid during it', () => {
    for (const [f, p, c] of everyChain()) {
      const where = `${f.id}/${p.id}/${c.id}`;
      expect(
        c.issuers.some((i) => inside(periodSpan(p), validity(i)) !== undefined),
        `${where}: no issuing CA is valid in the period`,
      ).toBe(true);
      for (const id of c.above)
        expect(
          inside(periodSpan(p), validity(id)),
          `${where}: ${id} never valid in the period`,
        ).toBeDefined();
      // RSA and ECC variants are separate families; a Let's Encrypt broker and the legacy AWS endpoints serve both
      if (f.cloud !== 'generic' && f.id !== 'aws-iot-legacy-verisign')
        expect(c.leaf.key.type, where).toBe(f.keyType);
    }
  });

  it('verifies whole chains from the issuing CA to each anchor chainAnchors names', () => {
    let checked = 0;
    for (const [f, p, c] of everyChain()) {
      for (const issuer of c.issuers) {
        const ids = [issuer, ...c.above];
        if (!ids.every((id) => findCertificate(id))) continue;
        for (const anchor of chainAnchors(c)) {
          const root = findCertificate(anchor);
          if (!root) continue;
          // the anchor's own twin in the chain is where the path ends for a twin anchor
          const cut = ids.findIndex((id) => getCertificate(id).sameKeyAs.includes(anchor));
          const sent = cut >= 0 ? ids.slice(0, cut) : ids;
          const at = inside(periodSpan(p), ...sent.map(validity), validity(anchor));
          if (at === undefined || sent.length === 0) continue;
          const [leaf, ...intermediates] = sent.map((id) => getCertificate(id).der) as [
            Uint8Array,
            ...Uint8Array[],
          ];
          const r = verifyChain({ ...lenient, leaf, intermediates, roots: [root.der], time: at });
          expect(
            r.ok,
            `${f.id}/${p.id}/${c.id}: ${issuer} to ${anchor}: ${r.ok ? '' : r.error.message}`,
          ).toBe(true);
          checked++;
        }
      }
      if (c.leaf.slug) {
        const at = inside(periodSpan(p), validity(c.leaf.slug));
        const r = verifyChain({
          ...lenient,
          leaf: getCertificate(c.leaf.slug).der,
          intermediates: c.issuers.map((i) => getCertificate(i).der),
          roots: [getCertificate(c.root).der],
          time: at as number,
          hostname: 'myhub.azure-devices.net',
        });
        expect(r.ok, `${f.id}/${c.id} with the captured leaf: ${r.ok ? '' : r.error.message}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('orders periods without overlap; only the last one may be open', () => {
    for (const f of cloudProfiles) {
      f.periods.forEach((p, i) => {
        expect(p.from, `${f.id}/${p.id}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (p.to) expect(day(p.to), `${f.id}/${p.id}`).toBeGreaterThan(day(p.from));
        else expect(i, `${f.id}/${p.id} is open but not last`).toBe(f.periods.length - 1);
        const next = f.periods[i + 1];
        if (next)
          expect(day(next.from), `${f.id}: ${p.id} overlaps ${next.id}`).toBeGreaterThanOrEqual(
            day(p.to as string),
          );
      });
      expect(new Set(f.periods.map((p) => p.id)).size, f.id).toBe(f.periods.length);
    }
  });
});

describe('profile queries', () => {
  it('maps host names to endpoint families', () => {
    const ids = (h: string) => endpointFamiliesForHost(h).map((f) => f.id);
    expect(ids('myhub.azure-devices.net')).toEqual(['azure-iot-hub', 'azure-iot-hub-ecc']);
    expect(ids('MyHub.Azure-Devices.NET.:8883')).toEqual(['azure-iot-hub', 'azure-iot-hub-ecc']);
    expect(ids('global.azure-devices-provisioning.net')).toEqual(['azure-dps-global']);
    expect(ids('myhub.azure-devices.cn')).toEqual(['azure-china-iot-hub']);
    expect(ids('global.azure-devices-provisioning.cn')).toEqual(['azure-china-iot-hub']);
    expect(ids('fwstore.blob.core.windows.net')).toEqual(['azure-blob-storage']);
    expect(ids('a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com')).toEqual([
      'aws-iot-core-ats-rsa',
      'aws-iot-core-ats-ecc',
    ]);
    expect(ids('mqtts://a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com:8883/x')).toEqual([
      'aws-iot-core-ats-rsa',
      'aws-iot-core-ats-ecc',
    ]);
    expect(ids('c1a2b3.credentials.iot.us-east-1.amazonaws.com')).toEqual([
      'aws-iot-core-ats-rsa',
      'aws-iot-core-ats-ecc',
    ]);
    expect(ids('a1b2c3d4e5f6g7.iot.us-east-1.amazonaws.com')).toEqual(['aws-iot-legacy-verisign']);
    expect(ids('iot.us-east-1.amazonaws.com')).toEqual([]);
    expect(ids('firmware-bucket.s3.eu-central-1.amazonaws.com')).toEqual(['aws-s3']);
    expect(ids('firmware-bucket.s3.amazonaws.com')).toEqual(['aws-s3']);
    expect(ids('d111111abcdef8.cloudfront.net')).toEqual(['aws-cloudfront']);
    expect(ids('azure-devices.net')).toEqual([]);
    expect(ids('evil.azure-devices.net.example.com')).toEqual([]);
    expect(ids('example.com')).toEqual([]);
    expect(() => endpointFamiliesForHost('bad host!')).toThrow(/not a DNS host name/);
    expect(() => endpointFamiliesForHost('a'.repeat(300))).toThrow();
  });

  it('tells which chains are served at a date (Azure IoT Hub through both migrations)', () => {
    const hub = getEndpointFamily('azure-iot-hub');
    const anchorsAt = (d: string) =>
      [...new Set(chainsAt(hub, new Date(d))?.chains.flatMap(chainAnchors))].sort();
    expect(anchorsAt('2016-06-01')).toEqual(['baltimore-cybertrust-root']);
    expect(anchorsAt('2022-06-01')).toEqual(['baltimore-cybertrust-root']);
    expect(anchorsAt('2023-05-01')).toEqual(['baltimore-cybertrust-root', 'digicert-global-root-g2']);
    expect(anchorsAt('2024-06-01')).toEqual(['digicert-global-root-g2']);
    expect(anchorsAt('2026-01-15')).toEqual(['digicert-global-root-g2', 'microsoft-tls-rsa-root-g2']);
    expect(chainsAt(hub, new Date('2030-01-01'))).toBeUndefined();
    // expired issuing CAs are not served: in 2026-01 only the xsign 03/04/07/08 and the OCSP CAs remain
    const issuers = chainsAt(hub, new Date('2026-01-15'))?.chains.flatMap((c) => c.issuers) ?? [];
    expect(issuers).not.toContain('microsoft-azure-tls-issuing-ca-01');
    expect(issuers).toContain('microsoft-azure-rsa-tls-issuing-ca-03-xsign');
    expect(issuers).toContain('microsoft-tls-g2-rsa-ca-ocsp-02');
  });

  it('names the cross-sign anchors (Microsoft TLS RSA Root G2, Amazon Root CA 1, ISRG Root X1)', () => {
    const anchors = (family: string, chain: string) =>
      chainAnchors(
        getEndpointFamily(family)
          .periods.flatMap((p) => p.chains)
          .find((c) => c.id === chain) as ServedChain,
      );
    expect(anchors('azure-iot-hub', 'microsoft-tls-rsa-root-g2-cross-signed')).toEqual([
      'digicert-global-root-g2',
      'microsoft-tls-rsa-root-g2',
    ]);
    expect(anchors('aws-iot-core-ats-rsa', 'amazon-root-ca-1-rsa')).toEqual([
      'starfield-services-root-g2',
      'amazon-root-ca-1',
    ]);
    expect(anchors('aws-iot-core-ats-ecc', 'amazon-root-ca-3-ecdsa')).toEqual([
      'starfield-services-root-g2',
      'amazon-root-ca-3',
    ]);
    expect(anchors('letsencrypt-mqtt-broker', 'r3-long-chain')).toEqual(['dst-root-ca-x3', 'isrg-root-x1']);
    expect(anchors('letsencrypt-mqtt-broker', 'e1')).toEqual(['isrg-root-x1', 'isrg-root-x2']);
  });

  it('flags the legacy VeriSign endpoints', () => {
    expect(getEndpointFamily('aws-iot-legacy-verisign').deprecated).toMatch(/no longer supported/);
    expect(cloudProfiles.filter((f) => f.deprecated).map((f) => f.id)).toEqual(['aws-iot-legacy-verisign']);
  });

  it('lists every change point a readiness walk must visit', () => {
    const hub = getEndpointFamily('azure-iot-hub');
    const points = profileChangePoints(hub).map((d) => d.toISOString());
    // migration window, Baltimore's notAfter (+1 s), the OCSP CAs' end, the cross-certificate's end
    for (const p of [
      '2023-02-15T00:00:00',
      '2023-10-15T00:00:00',
      '2025-05-12T23:59:01',
      '2029-06-03T00:00:00',
      '2029-06-20T00:00:00',
    ]) {
      expect(
        points.some((x) => x.startsWith(p)),
        p,
      ).toBe(true);
    }
    expect(points).toEqual([...points].sort());
    expect(new Set(points).size).toBe(points.length);
    const clipped = profileChangePoints(hub, { from: new Date('2024-01-01'), to: new Date('2025-01-01') });
    expect(clipped.every((d) => d >= new Date('2024-01-01') && d <= new Date('2025-01-01'))).toBe(true);
    expect(clipped.length).toBeGreaterThan(0);
  });
});

describe('recommended root sets', () => {
  const sets = Object.values(RECOMMENDED_SETS) as RecommendedSet[];

  it('name catalog roots valid at the snapshot, known families and known documents', () => {
    for (const s of sets) {
      const roots = recommendedRoots(s.id as keyof typeof RECOMMENDED_SETS);
      expect(roots.map((r) => r.slug)).toEqual(s.slugs);
      for (const r of roots) {
        expect(r.kind, `${s.id}: ${r.slug}`).toBe('root');
        expect(
          r.isValidAt(new Date(`${CATALOG_SNAPSHOT_DATE}T00:00:00Z`)),
          `${s.id}: ${r.slug} expired`,
        ).toBe(true);
      }
      for (const f of s.families) expect(() => getEndpointFamily(f)).not.toThrow();
      for (const src of s.sources) expect(sourceIds).toContain(src);
    }
    expect(RECOMMENDED_SETS['azure-rsa'].slugs).toEqual([
      'digicert-global-root-g2',
      'microsoft-rsa-root-ca-2017',
    ]);
    expect(RECOMMENDED_SETS.aws.slugs).toEqual([
      'amazon-root-ca-1',
      'amazon-root-ca-3',
      'starfield-services-root-g2',
    ]);
  });

  it('anchor every chain their families serve in each family’s latest period', () => {
    for (const s of sets) {
      for (const id of s.families) {
        const f = getEndpointFamily(id);
        const last = f.periods.at(-1) as ProfilePeriod;
        for (const at of [
          day(last.from) + DAY,
          Math.min(day(CATALOG_SNAPSHOT_DATE), last.to ? day(last.to) - DAY : Number.POSITIVE_INFINITY),
        ]) {
          for (const c of chainsAt(f, at)?.chains ?? []) {
            expect(
              chainAnchors(c).some((a) => s.slugs.includes(a)),
              `${s.id} does not anchor ${id}/${c.id} at ${new Date(at).toISOString()}`,
            ).toBe(true);
          }
        }
      }
    }
  });
});
