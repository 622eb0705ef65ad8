// Real chains: the certificates of test-data/roots (Azure IoT Hub, AWS IoT Core and their roots)
// through verifyChain, against the facts of catalog.json (which root each intermediate chains to,
// established with openssl verify).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from './verify-chain.js';
import { initSync } from './wasm.js';

const ROOTS = new URL('../test-data/roots/', import.meta.url);

interface CatalogEntry {
  slug: string;
  file: string;
  role: 'root' | 'intermediate' | 'leaf';
  not_before: string;
  not_after: string;
  chains_to: string[];
}

const catalog = (
  JSON.parse(gunzipSync(readFileSync(new URL('catalog.json.gz', ROOTS))).toString('utf8')) as {
    certificates: CatalogEntry[];
  }
).certificates;
const pem = (slug: string) => readFileSync(new URL(`${slug}.pem`, ROOTS), 'utf8');
const bySlug = new Map(catalog.map((c) => [c.slug, c]));
const roots = catalog.filter((c) => c.role === 'root');

/** A time inside the validity of every listed certificate (the middle of their overlap). */
function timeInside(...slugs: string[]): Date {
  const entries = slugs.map((s) => bySlug.get(s));
  const start = Math.max(...entries.map((e) => Date.parse(e?.not_before ?? '')));
  const end = Math.min(...entries.map((e) => Date.parse(e?.not_after ?? '')));
  if (!(start < end)) throw new Error(`no common validity for ${slugs.join(', ')}`);
  return new Date((start + end) / 2);
}

beforeAll(() => initSync());

describe('the 2015 *.azure-devices.net chain (leaf -> Microsoft IT SSL SHA2 -> Baltimore CyberTrust Root)', () => {
  const options = {
    leaf: pem('leaf-azure-devices-net-2015'),
    intermediates: [pem('microsoft-it-ssl-sha2')],
    roots: [pem('baltimore-cybertrust-root')],
    hostname: 'contoso-hub.azure-devices.net',
  };

  it('verifies on 2016-06-01 and returns the chain leaf first', () => {
    const r = verifyChain({ ...options, time: new Date('2016-06-01T00:00:00Z') });
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.chain.map((c) => [c.source, c.index])).toEqual([
      ['leaf', 0],
      ['intermediates', 0],
      ['roots', 0],
    ]);
  });

  it('fails as EXPIRED in 2018, pointing at the leaf', () => {
    const r = verifyChain({ ...options, time: new Date('2018-01-01T00:00:00Z') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('EXPIRED');
    expect(r.error.certIndex).toBe(0);
  });

  it('fails as UNKNOWN_ISSUER without the intermediate, naming the certificate whose issuer is missing', () => {
    const r = verifyChain({ ...options, intermediates: [], time: new Date('2016-06-01T00:00:00Z') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('UNKNOWN_ISSUER');
    expect(r.error.hint).toMatch(/Microsoft IT SSL SHA2.*the issuer of .*\(the leaf\)/);
  });

  it('checks the host name against the wildcard SAN', () => {
    const t = new Date('2016-06-01T00:00:00Z');
    expect(verifyChain({ ...options, time: t, hostname: 'x.azure-devices.net' }).ok).toBe(true);
    const deeper = verifyChain({ ...options, time: t, hostname: 'a.b.azure-devices.net' });
    expect(deeper.ok).toBe(false);
    if (!deeper.ok) expect(deeper.error.code).toBe('NAME_MISMATCH');
  });
});

describe('Microsoft TLS G2 intermediates (2025 rotation)', () => {
  const g2 = catalog.filter((c) => c.slug.startsWith('microsoft-tls-g2-rsa-ca-ocsp-'));
  const t = timeInside('microsoft-tls-g2-rsa-ca-ocsp-02', 'microsoft-tls-rsa-root-g2-xsign');

  it('are eight', () => expect(g2).toHaveLength(8));

  it.each(g2.map((c) => c.slug))(
    '%s verifies under Microsoft TLS RSA Root G2 and, cross-signed, under DigiCert Global Root G2',
    (slug) => {
      const common = { leaf: pem(slug), time: t, strictProfile: false };
      const direct = verifyChain({ ...common, roots: [pem('microsoft-tls-rsa-root-g2')] });
      expect(direct).toMatchObject({ ok: true });
      const cross = verifyChain({
        ...common,
        intermediates: [pem('microsoft-tls-rsa-root-g2-xsign')],
        roots: [pem('digicert-global-root-g2')],
      });
      expect(cross).toMatchObject({ ok: true });
      if (cross.ok) expect(cross.chain.map((c) => c.source)).toEqual(['leaf', 'intermediates', 'roots']);
      // Without the cross-sign, DigiCert Global Root G2 alone does not issue it.
      const none = verifyChain({ ...common, roots: [pem('digicert-global-root-g2')] });
      expect(none.ok).toBe(false);
    },
  );

  it('prefer the shorter path when both anchors are trusted', () => {
    const r = verifyChain({
      leaf: pem('microsoft-tls-g2-rsa-ca-ocsp-02'),
      intermediates: [pem('microsoft-tls-rsa-root-g2-xsign')],
      roots: [pem('digicert-global-root-g2'), pem('microsoft-tls-rsa-root-g2')],
      time: t,
      strictProfile: false,
    });
    expect(r.ok && r.chain.length).toBe(2);
  });
});

describe('every catalog intermediate verifies under the root the catalog names, and under no other', () => {
  const intermediates = catalog.filter((c) => c.role === 'intermediate');
  it.each(intermediates.map((c) => [c.slug, c.chains_to[0] ?? '']))('%s -> %s', (slug, rootSlug) => {
    const t = timeInside(slug, rootSlug);
    const base = { leaf: pem(slug), time: t, strictProfile: false, purpose: 'any' as const };
    expect(verifyChain({ ...base, roots: [pem(rootSlug)] })).toMatchObject({ ok: true });
    for (const other of roots) {
      if (other.slug === rootSlug) continue;
      const r = verifyChain({ ...base, roots: [pem(other.slug)], enforceAnchorExpiry: false });
      expect(r.ok, `${slug} must not verify under ${other.slug}`).toBe(false);
    }
    // All roots at once: still a path, ending at the named root.
    const all = verifyChain({ ...base, roots: roots.map((r) => pem(r.slug)), enforceAnchorExpiry: false });
    expect(all.ok).toBe(true);
    if (all.ok) expect(roots[all.chain[all.chain.length - 1]?.index ?? -1]?.slug).toBe(rootSlug);
  });
});
