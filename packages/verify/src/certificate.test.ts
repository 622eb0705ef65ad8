import 'reflect-metadata';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  buildCert,
  ctx,
  EXT,
  ext,
  hex,
  ia5,
  int,
  name,
  nul,
  oid,
  seq,
  set,
  tlv,
  utf8,
} from '@hubtrust/test-pki';
import * as peculiar from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from './certificate.js';
import { pemToDer } from './pem.js';
import { VerifyError } from './verify-error.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

const ROOTS = new URL('../test-data/roots/', import.meta.url);
interface CatalogEntry {
  file: string;
  slug: string;
  subject: string;
  issuer: string;
  sha256_der: string;
  sha1_der: string;
  spki_sha256: string;
  key: { type: string; bits: number; curve?: string };
  signature_algorithm: string;
}
const catalog: CatalogEntry[] = JSON.parse(
  gunzipSync(readFileSync(new URL('catalog.json.gz', ROOTS))).toString(),
).certificates;

/** node:crypto's "DNS:a, IP Address:1.2.3.4, email:x" list for our names. */
function nodeStyleSans(names: ReturnType<typeof parseCertificate>['subjectAltNames']): string | undefined {
  if (names.length === 0) return undefined;
  return names
    .map((n) => {
      if (n.type === 'dns') return `DNS:${n.value}`;
      if (n.type === 'ip') {
        // node:crypto prints IPv6 uncompressed: expand our RFC 5952 form.
        const v = n.value.includes('::')
          ? n.value
              .replace('::', `:${'0:'.repeat(9 - n.value.split(':').filter(Boolean).length - 1)}`)
              .replace(/^:|:$/g, '')
          : n.value;
        return `IP Address:${v.toUpperCase()}`;
      }
      if (n.type === 'email') return `email:${n.value}`;
      if (n.type === 'uri') return `URI:${n.value}`;
      if (n.type === 'dirName') return `DirName:${n.value}`;
      return `${n.type}:${n.value}`;
    })
    .join(', ');
}

describe('parseCertificate on real certificates vs node:crypto, @peculiar/x509 and the catalog', () => {
  it.each(catalog.map((c) => [c.slug, c] as const))('%s', (_slug, entry) => {
    const pem = readFileSync(new URL(entry.file, ROOTS), 'utf8');
    const ours = parseCertificate(pem);
    const node = new X509Certificate(pem);
    const pec = new peculiar.X509Certificate(pem);

    expect(ours.subject.text).toBe(entry.subject);
    expect(ours.issuer.text).toBe(entry.issuer);
    expect(ours.serial).toBe(node.serialNumber);
    expect(ours.validity.notBefore.getTime()).toBe(Date.parse(node.validFrom));
    expect(ours.validity.notAfter.getTime()).toBe(Date.parse(node.validTo));
    expect(ours.fingerprints.sha256).toBe(entry.sha256_der.toLowerCase());
    expect(ours.fingerprints.sha1).toBe(entry.sha1_der.toLowerCase());
    expect(ours.fingerprints.sha256.toUpperCase().match(/../g)?.join(':')).toBe(node.fingerprint256);
    expect(ours.key.spkiSha256).toBe(entry.spki_sha256);
    expect(ours.key.type).toBe(entry.key.type);
    expect(ours.key.bits).toBe(entry.key.bits);
    if (entry.key.curve) expect(ours.key.curve).toBe(entry.key.curve);
    expect(ours.signatureAlgorithm.name).toBe(entry.signature_algorithm);
    expect(ours.isCA).toBe(node.ca);
    expect(nodeStyleSans(ours.subjectAltNames)).toBe(node.subjectAltName);
    // node:crypto's keyUsage is the EKU OID list.
    const eku = pec.getExtension(peculiar.ExtendedKeyUsageExtension);
    expect(ours.extensions.extKeyUsage?.usages.length).toBe(eku?.usages.length);
    // Every extension, in order, with its criticality.
    expect(ours.extensions.all.map((e) => [e.oid, e.critical])).toEqual(
      pec.extensions.map((e) => [e.type, e.critical]),
    );
    // Subject attributes: the same (type, value) pairs in the same order as @peculiar/x509.
    const pecAttrs = pec.subjectName
      .toJSON()
      .flatMap((rdn) => Object.entries(rdn).flatMap(([k, vs]) => vs.map((v) => [k, v])));
    expect(ours.subject.attributes.map((a) => [a.type === a.oid ? a.oid : a.type, a.value])).toEqual(
      pecAttrs.map(([k, v]) => [k === 'E' ? 'emailAddress' : k, v]),
    );
    const bc = pec.getExtension(peculiar.BasicConstraintsExtension);
    if (bc) {
      expect(ours.extensions.basicConstraints?.ca).toBe(bc.ca);
      expect(ours.extensions.basicConstraints?.pathLen).toBe(bc.pathLength);
    }
    const ski = pec.getExtension(peculiar.SubjectKeyIdentifierExtension);
    expect(ours.extensions.subjectKeyIdentifier?.keyId).toBe(ski?.keyId);
    const aia = pec.getExtension(peculiar.AuthorityInfoAccessExtension);
    if (aia) expect(ours.extensions.authorityInfoAccess?.ocsp).toEqual(aia.ocsp.map((g) => g.value));
    expect(ours.problems.map((p) => p.detail)).toEqual(
      entry.file.startsWith('starfield-') && !entry.file.includes('xsign') ? ['SERIAL_ZERO'] : [],
    );
  });

  it('decodes the 2015 azure-devices.net leaf: SANs, EKU, AIA, CRL DP, key usage', () => {
    const c = parseCertificate(readFileSync(new URL('leaf-azure-devices-net-2015.pem', ROOTS), 'utf8'));
    expect(c.subjectAltNames.map((n) => n.value)).toEqual([
      '*.azure-devices.net',
      '*.amqpws.azure-devices.net',
      '*.su.management-azure-devices.net',
    ]);
    expect(c.extensions.extKeyUsage?.usages).toEqual(['serverAuth', 'clientAuth']);
    expect(c.extensions.authorityInfoAccess?.caIssuers).toEqual([
      'http://www.microsoft.com/pki/mscorp/msitwww2.crt',
    ]);
    expect(c.extensions.crlDistributionPoints?.uris.length).toBeGreaterThan(0);
    expect(c.extensions.keyUsage?.usages).toContain('digitalSignature');
    expect(c.version).toBe(3);
    expect(c.key.exponent).toBe('65537');
    expect(c.selfIssued).toBe(false);
  });
});

describe('parseCertificate on generated certificates', () => {
  it('formats every GeneralName form like node:crypto', () => {
    const der = buildCert({
      extensions: [
        ext(
          EXT.san,
          false,
          seq(
            ia5(0x82, 'a.example'),
            ia5(0x81, 'x@a.example'),
            ia5(0x86, 'https://a.example/p'),
            tlv(0x87, hex('c0 00 02 01')),
            tlv(0x87, hex('20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01')),
          ),
        ),
      ],
    });
    const ours = parseCertificate(der);
    const node = new X509Certificate(der);
    expect(nodeStyleSans(ours.subjectAltNames)).toBe(node.subjectAltName);
    expect(ours.subjectAltNames[4]).toEqual({ type: 'ip', value: '2001:db8::1' });
  });

  it('writes RFC 4514 names with escaping, multi-valued RDNs and hex values', () => {
    const subject = seq(
      set(seq(oid('2.5.4.6'), tlv(0x13, new TextEncoder().encode('US')))),
      set(seq(oid('2.5.4.10'), utf8('Acme, Inc.')), seq(oid('2.5.4.11'), utf8('R+D'))),
      set(seq(oid('2.5.4.3'), utf8(' #lead'))),
      set(seq(oid('1.2.3.4'), int(5))),
    );
    const c = parseCertificate(buildCert({ subject }));
    expect(c.subject.text).toBe('1.2.3.4=#020105,CN=\\ #lead,O=Acme\\, Inc.+OU=R\\+D,C=US');
    expect(c.subject.attributes.map((a) => a.rdn)).toEqual([0, 1, 1, 2, 3]);
  });

  it('decodes BMPString and UniversalString values', () => {
    const subject = seq(
      set(seq(oid('2.5.4.3'), tlv(0x1e, hex('00 e9 00 74 00 e9')))),
      set(seq(oid('2.5.4.10'), tlv(0x1c, hex('00 01 f6 00')))),
    );
    expect(parseCertificate(buildCert({ subject })).subject.text).toBe('O=\u{1f600},CN=été');
  });

  it('lists unknown extensions with OID and criticality, and reports problems', () => {
    const c = parseCertificate(buildCert({ extensions: [ext('1.3.6.1.4.1.55738.666.1', true, nul())] }));
    expect(c.extensions.unknown).toEqual([{ oid: '1.3.6.1.4.1.55738.666.1', critical: true, value: '0500' }]);
    expect(c.problems).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_CRITICAL_EXTENSION',
        detail: 'UNKNOWN_CRITICAL',
        acceptableInAnchor: false,
      }),
    ]);
  });

  it('decodes name constraints as text', () => {
    const ca = ext(EXT.basicConstraints, true, seq(Uint8Array.of(1, 1, 0xff)));
    const nc = ext(
      EXT.nameConstraints,
      true,
      seq(
        ctx(0, seq(ia5(0x82, 'example.com')), seq(tlv(0x87, hex('c0 00 02 00 ff ff ff 00')))),
        ctx(1, seq(ctx(4, name(['2.5.4.3', 'x'])))),
      ),
    );
    const c = parseCertificate(buildCert({ extensions: [ca, nc] }));
    expect(c.extensions.nameConstraints?.permitted).toEqual([
      { type: 'dns', value: 'example.com' },
      { type: 'ip', value: '192.0.2.0/24' },
    ]);
    expect(c.extensions.nameConstraints?.excluded).toEqual([
      expect.objectContaining({ type: 'dirName', value: 'CN=x' }),
    ]);
    expect(c.isCA).toBe(true);
  });

  it('serials: upper-case magnitude, negative with a sign', () => {
    expect(parseCertificate(buildCert({ serial: int(0xff01) })).serial).toBe('FF01');
    const neg = parseCertificate(buildCert({ serial: int(-5) }));
    expect(neg.serial).toBe('-5');
    expect(neg.problems[0]?.detail).toBe('SERIAL_NEGATIVE');
  });

  it('throws a typed error for input that is not a certificate', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof VerifyError ? [e.code, e.detail?.split(':')[0]] : e;
      }
      return undefined;
    };
    expect(err(() => parseCertificate(new Uint8Array([0x30, 0x03, 1, 2])))).toEqual([
      'MALFORMED',
      'CERT_SEQUENCE',
    ]);
    expect(err(() => parseCertificate('no pem here'))).toEqual(['MALFORMED', undefined]);
    expect(err(() => parseCertificate(42 as unknown as string))).toEqual(['INVALID_ARGUMENT', undefined]);
    const dup = buildCert({
      extensions: [ext(EXT.san, false, seq(ia5(0x82, 'a'))), ext(EXT.san, false, seq(ia5(0x82, 'b')))],
    });
    expect(err(() => parseCertificate(dup))).toEqual(['DUPLICATE_EXTENSION', 'DUPLICATE_EXTENSION']);
  });

  it('computes fingerprints, the pin and extensions on first read, keeps them, and lists them in JSON', () => {
    const der = buildCert({ extensions: [ext(EXT.san, false, seq(ia5(0x82, 'a.example')))] });
    const input = der.slice();
    const c = parseCertificate(input);
    input.fill(0); // our copy is ours: the caller may reuse its buffer
    const node = new X509Certificate(der);
    expect(Buffer.from(c.der).equals(Buffer.from(der))).toBe(true);
    expect(c.fingerprints.sha256.toUpperCase().match(/../g)?.join(':')).toBe(node.fingerprint256);
    expect(c.fingerprints).toBe(c.fingerprints);
    expect(c.extensions).toBe(c.extensions);
    expect(c.extensions.subjectAltName?.names).toEqual([{ type: 'dns', value: 'a.example' }]);
    const spki = node.publicKey.export({ type: 'spki', format: 'der' });
    expect(c.key.spkiSha256).toBe(createHash('sha256').update(spki).digest('hex'));
    // Only the fields the key has are properties (an EC key has no exponent).
    expect(Object.keys(c.key)).toEqual(
      c.key.type === 'EC'
        ? ['type', 'curve', 'algorithmOid', 'bits']
        : ['type', 'bits', 'exponent', 'algorithmOid'],
    );
    // Assigning replaces a lazy field.
    c.fingerprints = { sha1: 'x', sha256: 'y' };
    c.key.spkiSha256 = 'z';
    expect(c.fingerprints.sha256).toBe('y');
    const json = JSON.parse(JSON.stringify(c));
    expect(Object.keys(json)).toEqual([
      'version',
      'serial',
      'subject',
      'issuer',
      'validity',
      'subjectAltNames',
      'key',
      'fingerprints',
      'signatureAlgorithm',
      'extensions',
      'isCA',
      'selfIssued',
      'problems',
      'der',
    ]);
    expect(json.fingerprints).toEqual({ sha1: 'x', sha256: 'y' });
    expect(json.key.spkiSha256).toBe('z');
    expect(json.extensions.subjectAltName.names).toEqual([{ type: 'dns', value: 'a.example' }]);
  });

  it('keeps every certificate its own DER when many are parsed, and reads long values whole', () => {
    const long = 'l'.repeat(3000);
    const ders = Array.from({ length: 40 }, (_, i) =>
      buildCert({
        subject: seq(set(seq(oid('2.5.4.3'), utf8(`cert ${i}`)))),
        extensions: [ext(EXT.san, false, seq(ia5(0x82, `${i}.example`), ia5(0x86, `https://x/${long}`)))],
      }),
    );
    const parsed = ders.map((d) => parseCertificate(d));
    parsed.forEach((c, i) => {
      expect(Buffer.from(c.der).equals(Buffer.from(ders[i] as Uint8Array))).toBe(true);
      expect(c.subject.text).toBe(`CN=cert ${i}`);
      expect(c.subjectAltNames).toEqual([
        { type: 'dns', value: `${i}.example` },
        { type: 'uri', value: `https://x/${long}` },
      ]);
    });
  });

  it('reads PEM with surrounding text and keeps the DER', () => {
    const der = buildCert();
    const pem = `junk\n-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`;
    const c = parseCertificate(pem);
    expect(Buffer.from(c.der).equals(Buffer.from(der))).toBe(true);
    expect(Buffer.from(pemToDer(pem)).equals(Buffer.from(der))).toBe(true);
  });
});
