// twinOf and simulatedBundle: real bundles in every shape the roots readers return, mapped to the
// twins by slug, by the SHA-256 of the DER through the catalog, or by key for ESP-IDF anchors.
import { X509Certificate } from 'node:crypto';
import {
  getCertificate,
  RECOMMENDED_SETS,
  readCSource,
  readEspBundle,
  readPem,
  writeC,
  writeEspBundle,
} from '@hubtrust/roots';
import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestPki } from './pki.js';
import { MAX_BUNDLE_CERTIFICATES, simulatedBundle, twinOf, twinSlugs } from './twins.js';

beforeAll(async () => {
  await init();
});

describe('twinOf', () => {
  it('returns the simulated certificate that plays a real one: same key type, prefixed subject, other bytes', async () => {
    const twin = await twinOf('digicert-global-root-g2');
    const real = getCertificate('digicert-global-root-g2');
    expect(twin).toMatchObject({ slug: 'digicert-global-root-g2', kind: 'root', realSha256: real.sha256 });
    expect(twin.subject).toBe(
      'C=US, O=hubtrust TEST DigiCert Inc, OU=hubtrust TEST www.digicert.com, CN=hubtrust TEST DigiCert Global Root G2',
    );
    expect(twin.sha256).not.toBe(real.sha256);
    const cert = new X509Certificate(twin.pem);
    expect(Buffer.from(cert.raw).equals(Buffer.from(twin.der))).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(twin.pem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
  });

  it('covers the chains, their anchors and the recommended sets of the simulated clouds; modelled ones too', async () => {
    const slugs = twinSlugs();
    for (const slug of [
      ...RECOMMENDED_SETS['azure-all'].slugs,
      ...RECOMMENDED_SETS['aws-all'].slugs,
      ...RECOMMENDED_SETS['azure-china'].slugs,
      'baltimore-cybertrust-root',
      'verisign-class3-g5',
      'starfield-class-2-ca',
      'microsoft-tls-rsa-root-g2',
      'microsoft-tls-rsa-root-g2-xsign',
    ]) {
      expect(slugs, slug).toContain(slug);
    }
    expect((await twinOf('amazon-rsa-2048-m01')).realSha256).toBe(null);
  });

  it('refuses a slug without a twin, naming the ones it has', async () => {
    await expect(twinOf('isrg-root-x1')).rejects.toThrow(
      /no twin of "isrg-root-x1".*digicert-global-root-g2/,
    );
    await expect(twinOf('no-such-slug')).rejects.toBeInstanceOf(TypeError);
  });
});

describe('simulatedBundle', () => {
  it('maps slugs, and reports unknown slugs and real roots hub-sim does not simulate', async () => {
    const bundle = await simulatedBundle([
      'baltimore-cybertrust-root',
      'isrg-root-x1',
      'not-a-slug',
      'baltimore-cybertrust-root',
    ]);
    expect(bundle.twins.map((t) => t.slug)).toEqual(['baltimore-cybertrust-root']);
    expect(bundle.entries.map((e) => e.missing)).toEqual([null, 'no-twin', 'unknown-slug', null]);
    expect(bundle.missing.map((e) => e.index)).toEqual([1, 2]);
    expect(bundle.pem).toBe((await twinOf('baltimore-cybertrust-root')).pem);
  });

  it('maps the recommended Azure set to the DigiCert G2 and Microsoft RSA 2017 twins', async () => {
    const bundle = await simulatedBundle(RECOMMENDED_SETS['azure-rsa'].slugs);
    expect(bundle.twins.map((t) => t.slug)).toEqual([
      'digicert-global-root-g2',
      'microsoft-rsa-root-ca-2017',
    ]);
    expect(bundle.missing).toEqual([]);
  });

  it('maps what the roots readers return from a C source (certs.c 2019 shape): D-TRUST has no twin', async () => {
    const real = ['baltimore-cybertrust-root', 'digicert-global-root-ca', 'd-trust-root-class-3-ca-2-2009'];
    const source = writeC(
      real.map((slug) => getCertificate(slug)),
      { forms: ['pem'], now: new Date('2019-10-24') },
    ).source.text;
    const { certificates, errors } = readCSource(source, { file: 'certs.c' });
    expect(errors).toEqual([]);
    const bundle = await simulatedBundle(certificates);
    expect(bundle.twins.map((t) => t.slug)).toEqual(['baltimore-cybertrust-root', 'digicert-global-root-ca']);
    expect(bundle.missing).toMatchObject([
      { index: 2, slug: 'd-trust-root-class-3-ca-2-2009', missing: 'no-twin' },
    ]);
    expect(bundle.missing[0]?.message).toMatch(/D-TRUST Root Class 3 CA 2 2009.*no twin/);
  });

  it('maps PEM text, DER bytes and catalog entries by SHA-256; a twin maps to itself; the rest is reported', async () => {
    const pki = await loadTestPki();
    const untrusted = pki.certificatePem('untrusted-root'); // hub-sim's own, in no catalog
    const garbage = '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n';
    const g3 = getCertificate('digicert-global-root-g3');
    const bundle = await simulatedBundle([
      `${getCertificate('amazon-root-ca-1').pem}${untrusted}`,
      g3.der,
      getCertificate('starfield-services-root-g2'),
      (await twinOf('verisign-class3-g5')).pem,
      garbage,
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]),
    ]);
    expect(bundle.entries.map((e) => [e.index, e.slug, e.missing])).toEqual([
      [0, 'amazon-root-ca-1', null],
      [0, null, 'not-in-catalog'],
      [1, 'digicert-global-root-g3', null],
      [2, 'starfield-services-root-g2', null],
      [3, 'verisign-class3-g5', null],
      [4, null, 'not-a-certificate'],
      [5, null, 'not-a-certificate'],
    ]);
    expect(bundle.entries[2]?.sha256).toBe(g3.sha256);
  });

  it('maps an ESP-IDF bundle (subject and key only) by key to the root twins', async () => {
    const esp = writeEspBundle(
      ['amazon-root-ca-1', 'starfield-services-root-g2', 'isrg-root-x1'].map((s) => getCertificate(s)),
      { format: 'v5.4' },
    );
    const { anchors } = readEspBundle(esp.bytes);
    const bundle = await simulatedBundle(anchors);
    expect(bundle.twins.map((t) => t.slug).sort()).toEqual([
      'amazon-root-ca-1',
      'starfield-services-root-g2',
    ]);
    expect(bundle.missing).toMatchObject([{ slug: 'isrg-root-x1', missing: 'no-twin' }]);
  });

  it('refuses a runaway input', async () => {
    const many = Array.from({ length: MAX_BUNDLE_CERTIFICATES + 1 }, () => 'baltimore-cybertrust-root');
    await expect(simulatedBundle(many)).rejects.toBeInstanceOf(RangeError);
    const pem = getCertificate('amazon-root-ca-1').pem;
    await expect(simulatedBundle(['x', pem.repeat(MAX_BUNDLE_CERTIFICATES + 1)])).rejects.toBeInstanceOf(
      RangeError,
    );
  });

  it('rejects entries of another type', async () => {
    await expect(simulatedBundle([42 as unknown as string])).rejects.toBeInstanceOf(TypeError);
    await expect(simulatedBundle('digicert-global-root-g2' as unknown as string[])).rejects.toBeInstanceOf(
      TypeError,
    );
  });

  it('a PEM bundle read with readPem maps the same as its slugs', async () => {
    const pem = RECOMMENDED_SETS.aws.slugs.map((s) => getCertificate(s).pem).join('');
    const read = await simulatedBundle(readPem(pem).certificates);
    const bySlug = await simulatedBundle(RECOMMENDED_SETS.aws.slugs);
    expect(read.pem).toBe(bySlug.pem);
  });
});
