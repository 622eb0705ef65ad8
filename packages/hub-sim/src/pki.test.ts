import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findModelledCertificate, getCertificate } from '@hubtrust/roots';
import { beforeAll, describe, expect, it } from 'vitest';
import { urlsIn } from './der-rewrite.js';
import { deriveKey, type KeySpec } from './keys.js';
import { LEAF_VALIDITY } from './leaves.js';
import {
  allCertificates,
  allKeys,
  certificateIds,
  defaultCacheDir,
  issueAuthorities,
  type LeafRequest,
  loadTestPki,
  PKI_VERSION,
  pkiKeys,
  readCache,
  type TestPki,
  twinPlan,
} from './pki.js';
import { serverSetup } from './scenarios.js';
import { loadX509, type X509Module } from './x509.js';

let x509: typeof X509Module;

const real = (slug: string) => getCertificate(slug).pem;

/** What "same profile" compares: key, signature algorithm, extensions in order with criticality and values. */
function profile(pem: string, parts: { key?: boolean; signature?: boolean } = {}) {
  const cert = new x509.X509Certificate(pem);
  const node = new X509Certificate(pem);
  const details = node.publicKey.asymmetricKeyDetails;
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const sig = cert.signatureAlgorithm as { name: string; hash?: { name: string } };
  return {
    ...(parts.key === false
      ? {}
      : {
          key: `${node.publicKey.asymmetricKeyType} ${details?.modulusLength ?? details?.namedCurve}`,
          exponent: details?.publicExponent,
        }),
    ...(parts.signature === false ? {} : { signature: `${sig.name}/${sig.hash?.name}` }),
    extensions: cert.extensions.map(
      (e: X509Module.Extension) => `${e.type}${e.critical ? ' (critical)' : ''}`,
    ),
    basicConstraints: bc ? { ca: bc.ca, pathLength: bc.pathLength } : null,
    keyUsage: ku?.usages ?? null,
    extendedKeyUsage: eku?.usages ?? null,
  };
}

/** Subject lines (`O=…`) with the test prefix taken off O, OU and CN. */
function realNameOf(pem: string): string[] {
  return new X509Certificate(pem).subject
    .split('\n')
    .map((line) => line.replace(/^(O|OU|CN)=hubtrust TEST /, '$1='));
}

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
  x509 = await loadX509();
});

describe('the twins mirror the real certificates the cloud profiles name', () => {
  for (const twin of twinPlan().twins) {
    if (twin.source === 'catalog') {
      it(`${twin.id}: same key, signature, extensions and subject (prefixed) as the catalog's`, () => {
        const pem = pki.certificatePem(twin.id);
        expect(profile(pem)).toEqual(profile(real(twin.id)));
        expect(realNameOf(pem)).toEqual(new X509Certificate(real(twin.id)).subject.split('\n'));
      });
    } else {
      it(`${twin.id} (modelled): the profiles' key, the extensions of ${twin.extensionsFrom}`, () => {
        const pem = pki.certificatePem(twin.id);
        expect(profile(pem, { key: false, signature: false })).toEqual(
          profile(real(twin.extensionsFrom), { key: false, signature: false }),
        );
        const modelled = findModelledCertificate(twin.id);
        const key = new X509Certificate(pem).publicKey;
        const details = key.asymmetricKeyDetails;
        expect(key.asymmetricKeyType?.toUpperCase()).toBe(modelled?.key.type);
        if (modelled?.key.curve)
          expect(details?.namedCurve).toBe(modelled.key.curve === 'P-256' ? 'prime256v1' : 'secp384r1');
        else expect(details?.modulusLength).toBe(modelled?.key.bits);
      });
    }
  }

  it('same-key twins share their key, as a root and its cross-certificates do', () => {
    const spki = (id: string) =>
      new X509Certificate(pki.certificatePem(id)).publicKey.export({ type: 'spki', format: 'der' });
    expect(spki('microsoft-tls-rsa-root-g2-xsign')).toEqual(spki('microsoft-tls-rsa-root-g2'));
    expect(spki('starfield-services-root-g2-xsign-class2')).toEqual(spki('starfield-services-root-g2'));
    expect(spki('amazon-root-ca-1-by-starfield-g2')).toEqual(spki('amazon-root-ca-1'));
    expect(spki('amazon-root-ca-3-by-starfield-g2')).toEqual(spki('amazon-root-ca-3'));
    expect(spki('amazon-root-ca-1')).not.toEqual(spki('amazon-root-ca-3'));
    expect(new X509Certificate(pki.certificatePem('amazon-root-ca-1-by-starfield-g2')).subject).toBe(
      new X509Certificate(pki.certificatePem('amazon-root-ca-1')).subject,
    );
  });

  it('the Azure leaf has the profile of the real 2015 *.azure-devices.net leaf (SHA-384 signature aside)', async () => {
    const leaf = await pki.issueLeaf(serverSetup('current', 'azure', 'rsa', 'us-east-1').leaf);
    expect(profile(leaf, { signature: false })).toEqual(
      profile(real('leaf-azure-devices-net-2015'), { signature: false }),
    );
    const names = new x509.X509Certificate(leaf)
      .getExtension(x509.SubjectAlternativeNameExtension)
      ?.names.toJSON();
    expect(names?.map((n: { value: string }) => n.value)).toEqual([
      '*.azure-devices.net',
      '*.amqpws.azure-devices.net',
      '*.su.management-azure-devices.net',
    ]);
  });

  it('marks every authority as a test certificate and keeps every URL under .invalid', () => {
    for (const { id } of allCertificates()) {
      const pem = pki.certificatePem(id);
      const cert = new X509Certificate(pem);
      for (const line of cert.subject.split('\n')) {
        if (/^(O|OU|CN)=/.test(line) && !id.startsWith('device-')) {
          expect(line, id).toMatch(/^(O|OU|CN)=hubtrust TEST /);
        }
      }
      for (const extension of new x509.X509Certificate(pem).extensions) {
        for (const url of urlsIn(new Uint8Array(extension.value))) {
          expect(new URL(url).hostname, `${id} ${url}`).toMatch(/\.hubtrust\.invalid$/);
        }
      }
    }
  });

  it('chains verify with node:crypto: every certificate is signed by its issuer', () => {
    for (const p of allCertificates()) {
      const cert = new X509Certificate(pki.certificatePem(p.id));
      const issuer = new X509Certificate(pki.certificatePem(p.issuer === 'self' ? p.id : p.issuer));
      expect(cert.verify(issuer.publicKey), p.id).toBe(true);
      // A self-signed device certificate has no keyCertSign, so OpenSSL does not call it "issued".
      expect(cert.checkIssued(issuer), p.id).toBe(p.id !== 'device-self-signed');
    }
  });

  it('leaves carry the documented validity windows', async () => {
    const setup = serverSetup('expired-leaf', 'aws', 'ecdsa', 'eu-west-1');
    const expired = new X509Certificate(await pki.issueLeaf(setup.leaf));
    expect([new Date(expired.validFrom).toISOString(), new Date(expired.validTo).toISOString()]).toEqual(
      LEAF_VALIDITY.expired.map((d) => new Date(d).toISOString()),
    );
    expect(expired.subject).toBe('CN=*.iot.eu-west-1.amazonaws.com');
    expect(expired.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });
});

describe('determinism and the cache', () => {
  it('re-issuing every certificate from the cached keys gives byte-identical certificates', async () => {
    const rebuilt = await issueAuthorities(pki.seed, { ...pkiKeys(pki) });
    for (const id of certificateIds()) expect(rebuilt[id], id).toBe(pki.certificatePem(id));
  });

  it('re-deriving keys from the seed gives the cached keys (RSA-2048, RSA e=3, RSA-4096, P-256, P-384)', () => {
    const keys = pkiKeys(pki);
    for (const id of [
      'digicert-global-root-g2',
      'starfield-class-2-ca',
      'microsoft-tls-rsa-root-g2',
      'amazon-root-ca-3',
      'digicert-global-root-g3',
    ]) {
      expect(deriveKey(pki.seed, `key/${id}`, allKeys()[id] as KeySpec), id).toEqual(keys[id]);
    }
  });

  it('a second copy of the cache loads without deriving, and issues identical leaves (RSA and ECDSA)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-sim-cache-'));
    const file = pki.cacheFile as string;
    copyFileSync(file, join(dir, file.split('/').pop() as string));
    const copy = await loadTestPki({ cacheDir: dir });
    expect(copy).not.toBe(pki);
    expect(copy.generated).toBe(false);
    expect(copy.cacheFile?.startsWith(dir)).toBe(true);
    const requests: LeafRequest[] = [
      serverSetup('current', 'azure', 'rsa', 'us-east-1').leaf,
      serverSetup('current', 'aws', 'ecdsa', 'ap-south-1').leaf,
    ];
    for (const request of requests) expect(await copy.issueLeaf(request)).toBe(await pki.issueLeaf(request));
    // Leaves are cached next to the PKI file; a tampered leaf file is detected and re-issued.
    const leafFiles = readdirSync(dir).filter((f) => f.startsWith(`leaf-v${PKI_VERSION}-`));
    expect(leafFiles).toHaveLength(2);
    const other = mkdtempSync(join(tmpdir(), 'hub-sim-cache-'));
    copyFileSync(file, join(other, file.split('/').pop() as string));
    const [a, b] = leafFiles as [string, string];
    copyFileSync(join(dir, a), join(other, b));
    copyFileSync(join(dir, b), join(other, a));
    const third = await loadTestPki({ cacheDir: other });
    for (const request of requests) expect(await third.issueLeaf(request)).toBe(await pki.issueLeaf(request));
  });

  it('rejects cache files that are stale, for another seed, truncated, or inconsistent', () => {
    const file = pki.cacheFile as string;
    expect(file).toMatch(
      new RegExp(`pki-v${PKI_VERSION}-[0-9a-f]{16}-${twinPlan().digest.slice(0, 12)}\\.json$`),
    );
    expect(readCache(file, pki.seed)).not.toBe(null);
    expect(readCache(file, 'another seed')).toBe(null);
    const dir = mkdtempSync(join(tmpdir(), 'hub-sim-bad-cache-'));
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const variants: [string, unknown][] = [
      ['stale', { ...data, version: PKI_VERSION - 1 }],
      ['another plan (the profiles changed)', { ...data, plan: '0'.repeat(64) }],
      [
        'swapped certificate',
        { ...data, certs: { ...data.certs, 'amazon-root-ca-1': data.certs['digicert-global-root-g2'] } },
      ],
      ['missing key', { ...data, keys: { ...data.keys, device: undefined } }],
    ];
    for (const [label, content] of variants) {
      const path = join(dir, `${label}.json`);
      writeFileSync(path, JSON.stringify(content));
      expect(readCache(path, pki.seed), label).toBe(null);
    }
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(file, 'utf8').slice(0, 1000));
    expect(readCache(truncated, pki.seed)).toBe(null);
    expect(readCache(join(dir, 'absent.json'), pki.seed)).toBe(null);
    expect(readdirSync(dir).length).toBe(5);
  });

  it('uses HUBTRUST_HUB_SIM_CACHE when set, else the package cache directory', () => {
    const saved = process.env.HUBTRUST_HUB_SIM_CACHE;
    try {
      process.env.HUBTRUST_HUB_SIM_CACHE = '/tmp/somewhere';
      expect(defaultCacheDir()).toBe('/tmp/somewhere');
      delete process.env.HUBTRUST_HUB_SIM_CACHE;
      expect(defaultCacheDir()).toMatch(/hub-sim\/node_modules\/\.cache\/hubtrust-hub-sim$/);
    } finally {
      if (saved === undefined) delete process.env.HUBTRUST_HUB_SIM_CACHE;
      else process.env.HUBTRUST_HUB_SIM_CACHE = saved;
    }
  });
});
