import { init, parseCertificate, pemToDer, sha256 } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  byCloud,
  bySha1,
  bySha256,
  bySpkiSha256,
  bySubject,
  CatalogError,
  catalog,
  catalogFreshness,
  findCertificate,
  getCertificate,
  getCertificates,
} from './index.js';

beforeAll(async () => {
  await init();
});

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('catalog entries', () => {
  it('carry kind, DER, PEM, fingerprints, names, dates, key and sources that agree with the DER', () => {
    for (const c of catalog) {
      const parsed = parseCertificate(c.der);
      expect(hex(sha256(c.der))).toBe(c.sha256);
      expect(Buffer.from(pemToDer(c.pem)).equals(Buffer.from(c.der))).toBe(true);
      expect(parsed.subject.text).toBe(c.subject);
      expect(parsed.validity.notAfter.getTime()).toBe(c.notAfter.getTime());
      expect(['root', 'intermediate', 'leaf']).toContain(c.kind);
      expect(c.usedBy.length + c.foundIn.length).toBeGreaterThan(0);
      expect(c.pemFrom.kind).toMatch(/^(repo|node-builtin|debian-ca-certificates|index-transcription)$/);
    }
    expect(catalog.filter((c) => c.kind === 'leaf').map((c) => c.slug)).toEqual([
      'leaf-azure-devices-net-2015',
    ]);
  });

  it('cannot be changed through what they hand out', () => {
    const c = getCertificate('baltimore-cybertrust-root');
    const der = c.der;
    der[0] = 0;
    c.notAfter.setFullYear(2099);
    expect(c.der[0]).toBe(0x30);
    expect(c.notAfter.toISOString()).toBe('2025-05-12T23:59:00.000Z');
    expect(() => {
      (c as { slug: string }).slug = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (c.usedBy[0] as { cloud: string }).cloud = 'x';
    }).toThrow(TypeError);
  });

  it('know their validity and issuer', () => {
    const b = getCertificate('baltimore-cybertrust-root');
    expect(b.isValidAt(new Date('2025-05-12T23:59:00Z'))).toBe(true);
    expect(b.isValidAt(new Date('2025-05-13T00:00:00Z'))).toBe(false);
    expect(b.issuedBy).toBe('baltimore-cybertrust-root');
    expect(getCertificate('leaf-azure-devices-net-2015').issuedBy).toBe('microsoft-it-ssl-sha2');
    expect(JSON.parse(JSON.stringify(b))).toMatchObject({
      slug: b.slug,
      notAfter: '2025-05-12T23:59:00.000Z',
    });
  });
});

describe('lookups', () => {
  it('by slug: find returns undefined, get throws a typed error naming the slug', () => {
    expect(findCertificate('no-such-root')).toBeUndefined();
    expect(() => getCertificate('no-such-root')).toThrow(CatalogError);
    try {
      getCertificates(['amazon-root-ca-1', 'nope-1', 'digicert-global-root-g2', 'nope-2']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogError);
      expect((e as CatalogError).code).toBe('UNKNOWN_SLUG');
      expect((e as CatalogError).unknown).toEqual(['nope-1', 'nope-2']);
    }
    expect(getCertificates(['isrg-root-x2', 'isrg-root-x1']).map((c) => c.slug)).toEqual([
      'isrg-root-x2',
      'isrg-root-x1',
    ]);
  });

  it('by SHA-256 and SHA-1, in any hex spelling; malformed fingerprints are an error', () => {
    const g2 = getCertificate('digicert-global-root-g2');
    expect(bySha256(g2.sha256)).toBe(g2);
    expect(bySha256(g2.sha256.toUpperCase().replace(/(..)(?!$)/g, '$1:'))).toBe(g2);
    expect(bySha1('D4DE20D05E66FC53FE1A50882C78DB2852CAE474')?.slug).toBe('baltimore-cybertrust-root');
    expect(bySha256('00'.repeat(32))).toBeUndefined();
    expect(() => bySha256('abcd')).toThrow(/32 bytes of hex/);
    expect(() => bySha1('zz'.repeat(20))).toThrow(CatalogError);
  });

  it('by SPKI SHA-256: a root and its cross-signed twin share the key', () => {
    const root = getCertificate('microsoft-tls-rsa-root-g2');
    expect(
      bySpkiSha256(root.spkiSha256)
        .map((c) => c.slug)
        .sort(),
    ).toEqual(['microsoft-tls-rsa-root-g2', 'microsoft-tls-rsa-root-g2-xsign']);
  });

  it('by subject in RFC 4514, log (forward) and OpenSSL one-line form, or by CN', () => {
    const slugs = (name: string) => bySubject(name).map((c) => c.slug);
    expect(slugs('CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE')).toEqual([
      'baltimore-cybertrust-root',
    ]);
    expect(slugs('C=IE, O=Baltimore, OU=CyberTrust, CN=Baltimore CyberTrust Root')).toEqual([
      'baltimore-cybertrust-root',
    ]);
    expect(slugs('/C=IE/O=Baltimore/OU=CyberTrust/CN=Baltimore CyberTrust Root')).toEqual([
      'baltimore-cybertrust-root',
    ]);
    expect(slugs('baltimore cybertrust root')).toEqual(['baltimore-cybertrust-root']);
    // mbedTLS prints commas inside values unescaped
    expect(
      slugs('C=US, O=Starfield Technologies, Inc., OU=Starfield Class 2 Certification Authority'),
    ).toEqual(['starfield-class-2-ca']);
    // the cross-signed twin has the same subject
    expect(slugs('Microsoft TLS RSA Root G2').sort()).toEqual([
      'microsoft-tls-rsa-root-g2',
      'microsoft-tls-rsa-root-g2-xsign',
    ]);
    expect(slugs('CN=Baltimore CyberTrust Root,O=Baltimore,C=IE')).toEqual([]);
    expect(() => bySubject('x'.repeat(5000))).toThrow(CatalogError);
  });

  it('by cloud', () => {
    const aws = byCloud('aws').map((c) => c.slug);
    expect(aws).toContain('amazon-root-ca-1');
    expect(aws).toContain('verisign-class3-g5');
    expect(aws).not.toContain('digicert-global-root-g2');
    expect(byCloud('google').map((c) => c.slug)).toContain('globalsign-root-ca');
    expect(byCloud('azure-china').map((c) => c.slug)).toEqual(
      expect.arrayContaining(['digicert-global-root-ca', 'wosign-ca']),
    );
    expect(byCloud('nowhere')).toEqual([]);
  });
});

describe('catalog freshness', () => {
  it('warns only when the snapshot is older than 180 days at the given date', () => {
    expect(catalogFreshness(new Date('2026-11-29T12:00:00Z'))).toMatchObject({ ageDays: 0, stale: false });
    const at180 = catalogFreshness(new Date('2027-05-28T00:00:00Z'));
    expect(at180).toMatchObject({ ageDays: 180, stale: false });
    expect(at180.warning).toBeUndefined();
    const at181 = catalogFreshness(new Date('2027-05-29T00:00:00Z'));
    expect(at181).toMatchObject({ snapshotDate: '2026-11-29', ageDays: 181, stale: true });
    expect(at181.warning).toMatch(/2026-11-29 is 181 days old/);
    expect(catalogFreshness(new Date('2027-01-01'), 30).stale).toBe(true);
    expect(() => catalogFreshness(new Date('garbage'))).toThrow(RangeError);
    expect(() => catalogFreshness(Date.now(), -1)).toThrow(RangeError);
  });
});
