import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTHORITIES, DEVICE_CERTS, KEYS } from './authorities.js';
import { deriveKey } from './keys.js';
import { LEAF_VALIDITY } from './leaves.js';
import {
  CERTIFICATE_IDS,
  defaultCacheDir,
  issueAuthorities,
  type LeafRequest,
  loadTestPki,
  PKI_VERSION,
  pkiKeys,
  readCache,
  type TestPki,
} from './pki.js';
import { serverSetup } from './scenarios.js';
import { loadX509, type X509Module } from './x509.js';

let x509: typeof X509Module;

const realDir = new URL('../test-data/real-chains/', import.meta.url);
const real = (slug: string) => readFileSync(new URL(`${slug}.pem`, realDir), 'utf8');

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

/** Certificate id → roots-data slug with the same profile (and which parts to compare). */
const MIRRORS: [string, string, { key?: boolean; signature?: boolean }][] = [
  ['digicert-global-root-g2', 'digicert-global-root-g2', {}],
  ['azure-rsa-tls-issuing-ca-03', 'microsoft-azure-rsa-tls-issuing-ca-03-xsign', {}],
  ['baltimore-cybertrust-root', 'baltimore-cybertrust-root', {}],
  ['microsoft-rsa-tls-ca-01', 'microsoft-rsa-tls-ca-01', {}],
  ['microsoft-tls-rsa-root-g2', 'microsoft-tls-rsa-root-g2', {}],
  ['microsoft-tls-rsa-root-g2-xsign', 'microsoft-tls-rsa-root-g2-xsign', {}],
  ['microsoft-tls-g2-rsa-ca-ocsp-02', 'microsoft-tls-g2-rsa-ca-ocsp-02', {}],
  ['starfield-class-2-ca', 'starfield-class-2-ca', {}],
  ['starfield-services-root-g2', 'starfield-services-root-g2', {}],
  ['starfield-services-root-g2-xsign', 'starfield-services-root-g2-xsign-class2', {}],
  ['amazon-root-ca-1', 'amazon-root-ca-1', {}],
  ['amazon-root-ca-3', 'amazon-root-ca-3', {}],
  ['amazon-rsa-2048-m01', 'amazon-server-ca-1b', {}],
  // Same profiles, other keys: an ECDSA CA, and Amazon roots cross-signed by Starfield.
  ['amazon-ecdsa-256-m02', 'amazon-server-ca-1b', { key: false, signature: false }],
  ['amazon-root-ca-1-xsign', 'starfield-services-root-g2-xsign-class2', {}],
  ['amazon-root-ca-3-xsign', 'starfield-services-root-g2-xsign-class2', { key: false }],
];

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
  x509 = await loadX509();
});

describe('test PKI mirrors the real Azure and AWS chains', () => {
  for (const [id, slug, parts] of MIRRORS) {
    it(`${id} has the profile of ${slug}`, () => {
      expect(profile(pki.certificatePem(id), parts)).toEqual(profile(real(slug), parts));
    });
  }

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

  it('marks every authority as a test certificate and keeps its URLs under .invalid', () => {
    for (const profileDef of AUTHORITIES) {
      const cert = new X509Certificate(pki.certificatePem(profileDef.id));
      for (const line of cert.subject.split('\n')) {
        if (/^(O|OU|CN)=/.test(line)) expect(line, profileDef.id).toMatch(/^(O|OU|CN)=hubtrust TEST /);
      }
      expect(cert.infoAccess ?? '', profileDef.id).not.toMatch(
        /URI:http:\/\/[^/\n]*(?<!\.hubtrust\.invalid)\//,
      );
    }
  });

  it('chains verify with node:crypto: every certificate is signed by its issuer', () => {
    const byId = new Map([...AUTHORITIES, ...DEVICE_CERTS].map((p) => [p.id, p]));
    for (const [id, p] of byId) {
      const cert = new X509Certificate(pki.certificatePem(id));
      const issuer = new X509Certificate(pki.certificatePem(p.issuer === 'self' ? id : p.issuer));
      expect(cert.verify(issuer.publicKey), id).toBe(true);
      // A self-signed device certificate has no keyCertSign, so OpenSSL does not call it "issued".
      expect(cert.checkIssued(issuer), id).toBe(id !== 'device-self-signed');
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
    for (const id of CERTIFICATE_IDS) expect(rebuilt[id], id).toBe(pki.certificatePem(id));
  });

  it('re-deriving keys from the seed gives the cached keys (RSA-2048, RSA e=3, RSA-4096, P-256)', () => {
    const keys = pkiKeys(pki);
    for (const id of [
      'digicert-global-root-g2',
      'starfield-class-2-ca',
      'microsoft-tls-rsa-root-g2',
      'amazon-root-ca-3',
    ] as const) {
      expect(deriveKey(pki.seed, `key/${id}`, KEYS[id]), id).toEqual(keys[id]);
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
    expect(file).toMatch(new RegExp(`pki-v${PKI_VERSION}-[0-9a-f]{16}\\.json$`));
    expect(readCache(file, pki.seed)).not.toBe(null);
    expect(readCache(file, 'another seed')).toBe(null);
    const dir = mkdtempSync(join(tmpdir(), 'hub-sim-bad-cache-'));
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const variants: [string, unknown][] = [
      ['stale', { ...data, version: PKI_VERSION - 1 }],
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
    expect(readdirSync(dir).length).toBe(4);
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
