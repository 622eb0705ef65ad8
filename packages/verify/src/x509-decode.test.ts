import {
  createHash,
  generateKeyPairSync,
  type KeyObject,
  verify as nodeVerify,
  X509Certificate,
} from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  ALG,
  bits,
  buildCert,
  concat,
  ctx,
  ctxPrim,
  EXT,
  ext,
  generalizedTime,
  hex,
  ia5,
  int,
  name,
  nul,
  oid,
  pssAlg,
  seq,
  set,
  tlv,
  toHex,
  utcTime,
  utf8,
} from '@hubtrust/test-pki';
import { describe, expect, it } from 'vitest';
import { decodeCert, x509Wasm } from '../test/x509-test-wasm.js';
import { CERT_SIZE, ITER_LAYOUT, ITER_SIZE, IterKind, X509_DETAILS } from './abi.generated.js';
import { errorDetail } from './errors.js';
import { pemToDer } from './pem.js';

const ROOTS = new URL('../test-data/roots/', import.meta.url);
const CF_DECODED = 1 << 0;
const CF_CA = 1 << 1;
const CF_SELF_ISSUED = 1 << 2;
const CF_SIG_PARAMS_ABSENT = 1 << 8;
const EXT_SAN = 1 << 3;
const EXT_UNKNOWN = 1 << 31;
const KEY = { UNKNOWN: 0, RSA: 1, RSA_PSS: 2, EC: 3, ED25519: 4 };
const SIG = { UNKNOWN: 0, PKCS1: 1, PSS: 2, ECDSA: 3, ED25519: 4 };

const detailName = (n: number) => errorDetail(n).name;

describe('Cert layout contract', () => {
  it('the computed size matches the wasm and fits a slot', () => {
    const w = x509Wasm();
    expect(w.x509CertSize()).toBe(CERT_SIZE);
    expect(CERT_SIZE).toBeLessThanOrEqual(w.x509CertStride());
    expect(w.x509MaxCerts()).toBe(256);
  });

  it('rejects a slot beyond the table', () => {
    const w = x509Wasm();
    expect(w.x509Decode(256, w.ioReserve(8), 8)).toBe(22); // INVALID_ARGUMENT
    expect(w.x509CertPtr(256)).toBe(0);
  });
});

interface CatalogEntry {
  file: string;
  role: string;
  serial: string;
  not_before: string;
  not_after: string;
  spki_sha256: string;
  sha256_der: string;
  key: { type: string; bits: number; curve?: string };
  signature_algorithm: string;
  self_signed?: boolean;
  chains_to: string[];
  slug: string;
}
const catalog: CatalogEntry[] = JSON.parse(
  gunzipSync(readFileSync(new URL('catalog.json.gz', ROOTS))).toString(),
).certificates;

describe('real certificates (test-data/roots, cross-checked with the catalog and node:crypto)', () => {
  const files = readdirSync(ROOTS).filter((f) => f.endsWith('.pem'));

  it('has the 64 certificates', () => {
    expect(files.length).toBe(64);
    expect(catalog.length).toBe(64);
  });

  it.each(catalog.map((c) => [c.slug, c] as const))('%s decodes to the catalog values', (_slug, entry) => {
    const der = pemToDer(readFileSync(new URL(entry.file, ROOTS), 'utf8'));
    const d = decodeCert(der);
    if (entry.serial === '00') {
      // Serial 0 (Starfield roots): conforming as an anchor only.
      expect([d.code, detailName(d.f.detail), d.f.anchorStatus]).toEqual(['MALFORMED', 'SERIAL_ZERO', 0]);
    } else {
      expect(d.code).toBe('OK');
      expect(d.f.anchorStatus).toBe(0);
    }
    expect(d.f.flags & CF_DECODED).toBe(CF_DECODED);
    expect(toHex(d.bytes('serial')).replace(/^00(?=[89a-f])/, '')).toBe(entry.serial.toLowerCase());
    expect(new Date(d.f.notBefore * 1000).toISOString().replace('.000', '')).toBe(entry.not_before);
    expect(new Date(d.f.notAfter * 1000).toISOString().replace('.000', '')).toBe(entry.not_after);
    expect(createHash('sha256').update(d.bytes('spki')).digest('hex')).toBe(entry.spki_sha256);
    expect(d.f.derLen).toBe(der.length);
    expect(d.f.keyType).toBe(entry.key.type === 'RSA' ? KEY.RSA : KEY.EC);
    expect(d.f.keyBits).toBe(entry.key.bits);
    expect(d.f.keyCurve).toBe(entry.key.curve === undefined ? 0 : entry.key.curve === 'P-256' ? 1 : 2);
    const alg = entry.signature_algorithm;
    expect(d.f.sigAlg).toBe(alg.startsWith('ecdsa') ? SIG.ECDSA : SIG.PKCS1);
    expect(d.f.sigHash).toBe(alg.includes('sha1') || alg.includes('SHA1') ? 1 : alg.includes('384') ? 3 : 2);
    expect((d.f.flags & CF_SELF_ISSUED) !== 0).toBe(entry.role === 'root');
    // The tbs and signatureValue ranges are exactly what the issuer signed.
    const issuerSlug = entry.role === 'root' ? entry.slug : entry.chains_to[0];
    const issuer = catalog.find((c) => c.slug === issuerSlug) as CatalogEntry;
    const issuerKey = new X509Certificate(readFileSync(new URL(issuer.file, ROOTS), 'utf8')).publicKey;
    const hash = d.f.sigHash === 1 ? 'sha1' : d.f.sigHash === 3 ? 'sha384' : 'sha256';
    expect(nodeVerify(hash, d.bytes('tbs'), issuerKey, d.bytes('sigValue'))).toBe(true);
    // Issuer bytes are the issuing certificate's subject bytes.
    const issuerDer = pemToDer(readFileSync(new URL(issuer.file, ROOTS), 'utf8'));
    const issuerName = d.bytes('issuer');
    expect(toHex(decodeCert(issuerDer).bytes('subject'))).toBe(toHex(issuerName));
  });

  it('decodes the SPKI key fields like node:crypto does', () => {
    for (const f of files) {
      const pem = readFileSync(new URL(f, ROOTS), 'utf8');
      const d = decodeCert(pemToDer(pem));
      const key = new X509Certificate(pem).publicKey;
      const jwk = key.export({ format: 'jwk' });
      if (d.f.keyType === KEY.RSA) {
        expect(Buffer.from(d.bytes('keyData')).toString('base64url')).toBe(jwk.n);
        expect(Buffer.from(d.bytes('keyExp')).toString('base64url')).toBe(jwk.e);
      } else {
        const point = d.bytes('keyData');
        expect(point[0]).toBe(4);
        const half = (point.length - 1) / 2;
        expect(Buffer.from(point.subarray(1, 1 + half)).toString('base64url')).toBe(jwk.x);
        expect(Buffer.from(point.subarray(1 + half)).toString('base64url')).toBe(jwk.y);
      }
    }
  });
});

// ─── built certificates: one rule per case ───────────────────────────────────────────────────

const ca = (pathLen?: number) =>
  ext(
    EXT.basicConstraints,
    true,
    seq(Uint8Array.of(0x01, 0x01, 0xff), ...(pathLen === undefined ? [] : [int(pathLen)])),
  );
const san = (...names: Uint8Array[]) => ext(EXT.san, false, seq(...names));
const dns = (s: string) => ia5(0x82, s);
const UNKNOWN_OID = '1.3.6.1.4.1.55738.666.1';

type Case = [string, Parameters<typeof buildCert>[0], string, string?];

const cases: Case[] = [
  ['a plain v3 certificate', {}, 'OK'],
  ['a v1 certificate (version omitted, no extensions)', { version: null }, 'OK'],
  ['a v2 certificate without extensions', { version: 1 }, 'OK'],
  ['an explicitly encoded v1', { version: 0 }, 'MALFORMED', 'VERSION'],
  ['version 4', { version: 3 }, 'MALFORMED', 'VERSION'],
  [
    'extensions in a v1 certificate',
    { version: null, extensions: [san(dns('a.example'))] },
    'MALFORMED',
    'EXTENSIONS_NOT_V3',
  ],
  [
    'extensions in a v2 certificate',
    { version: 1, extensions: [san(dns('a.example'))] },
    'MALFORMED',
    'EXTENSIONS_NOT_V3',
  ],
  ['an empty extensions SEQUENCE', { extensionsRaw: ctx(3, seq()) }, 'MALFORMED', 'EXTENSIONS_EMPTY'],
  [
    'extensions [3] holding two SEQUENCEs',
    { extensionsRaw: ctx(3, seq(san(dns('a'))), seq(san(dns('b')))) },
    'MALFORMED',
    'EXTENSIONS',
  ],
  [
    'inner and outer algorithms that differ',
    { sigAlg: ALG.ecdsaSha256, outerSigAlg: ALG.ecdsaSha384 },
    'ALGORITHM_MISMATCH',
    'ALGORITHM_MISMATCH',
  ],
  [
    'ECDSA with NULL parameters',
    { sigAlg: seq(oid('1.2.840.10045.4.3.2'), nul()) },
    'MALFORMED',
    'ALGORITHM_PARAMS',
  ],
  [
    'Ed25519 with NULL parameters',
    { sigAlg: seq(oid('1.3.101.112'), nul()) },
    'MALFORMED',
    'ALGORITHM_PARAMS',
  ],
  [
    'sha256WithRSA with INTEGER parameters',
    { sigAlg: seq(oid('1.2.840.113549.1.1.11'), int(0)) },
    'MALFORMED',
    'ALGORITHM_PARAMS',
  ],
  [
    'RSA-PSS without parameters',
    { sigAlg: seq(oid('1.2.840.113549.1.1.10')) },
    'MALFORMED',
    'ALGORITHM_PARAMS',
  ],
  [
    'RSA-PSS with trailerField 2',
    { sigAlg: seq(oid('1.2.840.113549.1.1.10'), seq(ctx(3, int(2)))) },
    'MALFORMED',
    'PSS_PARAMS',
  ],
  [
    'RSA-PSS with a mask generation function other than MGF1',
    {
      sigAlg: seq(oid('1.2.840.113549.1.1.10'), seq(ctx(1, seq(oid('1.2.3.4'), seq(oid('1.3.14.3.2.26')))))),
    },
    'MALFORMED',
    'PSS_PARAMS',
  ],
  ['an unknown signature algorithm', { sigAlg: seq(oid('1.2.3.4.5'), int(7)) }, 'OK'],
  [
    'the same known extension twice',
    { extensions: [san(dns('a')), san(dns('b'))] },
    'DUPLICATE_EXTENSION',
    'DUPLICATE_EXTENSION',
  ],
  [
    'the same unknown extension twice',
    { extensions: [ext(UNKNOWN_OID, false, nul()), san(dns('a')), ext(UNKNOWN_OID, false, nul())] },
    'DUPLICATE_EXTENSION',
    'DUPLICATE_EXTENSION',
  ],
  [
    'an unknown critical extension',
    { extensions: [ext(UNKNOWN_OID, true, nul())] },
    'UNKNOWN_CRITICAL_EXTENSION',
    'UNKNOWN_CRITICAL',
  ],
  ['an unknown non-critical extension', { extensions: [ext(UNKNOWN_OID, false, nul())] }, 'OK'],
  [
    'an explicit critical FALSE (tolerated)',
    { extensions: [seq(oid(EXT.san), Uint8Array.of(0x01, 0x01, 0x00), tlv(0x04, seq(dns('a'))))] },
    'OK',
  ],
  [
    'a critical BOOLEAN encoded as 0x01',
    { extensions: [seq(oid(EXT.san), Uint8Array.of(0x01, 0x01, 0x01), tlv(0x04, seq(dns('a'))))] },
    'MALFORMED',
    'EXTENSIONS',
  ],
  [
    'extension contents with trailing bytes',
    { extensions: [ext(EXT.san, false, concat(seq(dns('a')), nul()))] },
    'MALFORMED',
    'EXT_SAN',
  ],
  [
    'a SAN in ASCII instead of DER',
    { extensions: [ext(EXT.san, false, new TextEncoder().encode('example.com'))] },
    'MALFORMED',
    'EXT_SAN',
  ],
  [
    'a SAN with a 5-byte iPAddress',
    { extensions: [san(tlv(0x87, hex('c0 00 02 01 00')))] },
    'MALFORMED',
    'EXT_SAN',
  ],
  [
    'a SAN with an 8-byte iPAddress (a CIDR range)',
    { extensions: [san(tlv(0x87, hex('c0 00 02 00 ff ff ff 00')))] },
    'MALFORMED',
    'EXT_SAN',
  ],
  [
    'a SAN dNSName with non-ASCII bytes',
    { extensions: [san(tlv(0x82, hex('f0 9f 98 9c 2e 63 6f 6d')))] },
    'MALFORMED',
    'EXT_SAN',
  ],
  ['an empty SAN', { extensions: [ext(EXT.san, false, seq())] }, 'MALFORMED', 'EXT_SAN'],
  [
    'a SAN with an unknown GeneralName tag',
    { extensions: [san(tlv(0x89, hex('00')))] },
    'MALFORMED',
    'EXT_SAN',
  ],
  [
    'a SAN of every supported form',
    {
      extensions: [
        san(
          dns('a.example'),
          ia5(0x81, 'x@a.example'),
          ia5(0x86, 'https://a.example/'),
          tlv(0x87, hex('7f 00 00 01')),
          tlv(0x87, hex(`${'00'.repeat(15)}01`)),
          ctx(4, name(['2.5.4.3', 'dir'])),
          ctx(0, oid('1.3.6.1.5.5.7.8.4'), ctx(0, utf8('other'))),
          tlv(0x88, hex('2a 03')),
        ),
      ],
    },
    'OK',
  ],
  [
    'basicConstraints with a negative pathLen',
    { extensions: [ca(-1)] },
    'MALFORMED',
    'EXT_BASIC_CONSTRAINTS',
  ],
  [
    'pathLen without cA',
    { extensions: [ext(EXT.basicConstraints, true, seq(int(0)))] },
    'MALFORMED',
    'PATHLEN_NOT_CA',
  ],
  [
    'keyUsage with no bit set',
    { extensions: [ext(EXT.keyUsage, true, bits(new Uint8Array(0)))] },
    'MALFORMED',
    'KEY_USAGE_EMPTY',
  ],
  [
    'keyUsage with unused bits that are not zero',
    { extensions: [ext(EXT.keyUsage, true, bits(hex('81'), 1))] },
    'MALFORMED',
    'EXT_KEY_USAGE',
  ],
  [
    'keyUsage with bits past decipherOnly',
    { extensions: [ext(EXT.keyUsage, true, bits(hex('80 40'), 6))] },
    'MALFORMED',
    'EXT_KEY_USAGE',
  ],
  [
    'keyCertSign without cA',
    { extensions: [ext(EXT.keyUsage, true, bits(hex('04'), 2))] },
    'MALFORMED',
    'KEY_CERT_SIGN_NOT_CA',
  ],
  ['keyCertSign with cA', { extensions: [ca(), ext(EXT.keyUsage, true, bits(hex('06'), 1))] }, 'OK'],
  ['an empty extKeyUsage', { extensions: [ext(EXT.eku, false, seq())] }, 'MALFORMED', 'EXT_EXT_KEY_USAGE'],
  [
    'nameConstraints with neither subtree list',
    { extensions: [ca(), ext(EXT.nameConstraints, true, seq())] },
    'MALFORMED',
    'EXT_NAME_CONSTRAINTS',
  ],
  [
    'nameConstraints with NULL subtrees',
    { extensions: [ca(), ext(EXT.nameConstraints, true, seq(tlv(0xa0, nul()), tlv(0xa1, nul())))] },
    'MALFORMED',
    'EXT_NAME_CONSTRAINTS',
  ],
  [
    'nameConstraints with empty subtree lists',
    { extensions: [ca(), ext(EXT.nameConstraints, true, seq(ctx(0), ctx(1)))] },
    'MALFORMED',
    'EXT_NAME_CONSTRAINTS',
  ],
  [
    'a name constraint with a maximum',
    {
      extensions: [
        ca(),
        ext(EXT.nameConstraints, true, seq(ctx(0, seq(dns('a.example'), ctxPrim(1, hex('05')))))),
      ],
    },
    'MALFORMED',
    'EXT_NAME_CONSTRAINTS',
  ],
  [
    'a name constraint with minimum 1',
    {
      extensions: [
        ca(),
        ext(EXT.nameConstraints, true, seq(ctx(0, seq(dns('a.example'), ctxPrim(0, hex('01')))))),
      ],
    },
    'MALFORMED',
    'EXT_NAME_CONSTRAINTS',
  ],
  [
    'an iPAddress constraint with a non-contiguous mask',
    {
      extensions: [
        ca(),
        ext(EXT.nameConstraints, true, seq(ctx(0, seq(tlv(0x87, hex('c0 00 02 00 ff 00 ff 00')))))),
      ],
    },
    'MALFORMED',
    'EXT_NAME_CONSTRAINTS',
  ],
  [
    'an iPAddress constraint that is a bare address',
    { extensions: [ca(), ext(EXT.nameConstraints, true, seq(ctx(0, seq(tlv(0x87, hex('c0 00 02 00'))))))] },
    'MALFORMED',
    'EXT_NAME_CONSTRAINTS',
  ],
  [
    'valid name constraints in a CA',
    {
      extensions: [
        ca(),
        ext(
          EXT.nameConstraints,
          true,
          seq(
            ctx(0, seq(dns('a.example')), seq(tlv(0x87, hex('c0 00 02 00 ff ff ff 00')))),
            ctx(1, seq(ctx(4, name(['2.5.4.3', 'x'])))),
          ),
        ),
      ],
    },
    'OK',
  ],
  [
    'nameConstraints in a certificate that is not a CA',
    { extensions: [ext(EXT.nameConstraints, true, seq(ctx(0, seq(dns('a.example')))))] },
    'MALFORMED',
    'NAME_CONSTRAINTS_NOT_CA',
  ],
  [
    'a critical authorityKeyIdentifier',
    { extensions: [ext(EXT.aki, true, seq(ctxPrim(0, hex('0102'))))] },
    'MALFORMED',
    'AKI_CRITICAL',
  ],
  [
    'a critical subjectKeyIdentifier',
    { extensions: [ext(EXT.ski, true, tlv(0x04, hex('0102')))] },
    'MALFORMED',
    'SKI_CRITICAL',
  ],
  [
    'a critical authorityInfoAccess',
    { extensions: [ext(EXT.aia, true, seq(seq(oid('1.3.6.1.5.5.7.48.2'), ia5(0x86, 'http://a/'))))] },
    'MALFORMED',
    'AIA_CRITICAL',
  ],
  [
    'an authorityInfoAccess whose location is not a GeneralName',
    { extensions: [ext(EXT.aia, false, seq(seq(oid('1.3.6.1.5.5.7.48.2'), ia5(0x16, 'http://a/'))))] },
    'MALFORMED',
    'EXT_AIA',
  ],
  [
    'AKI with authorityCertIssuer but no serial',
    { extensions: [ext(EXT.aki, false, seq(ctxPrim(0, hex('01')), ctx(1, ctx(4, name(['2.5.4.3', 'r'])))))] },
    'MALFORMED',
    'AKI_ISSUER_SERIAL_PAIR',
  ],
  [
    'AKI with all three fields',
    {
      extensions: [
        ext(
          EXT.aki,
          false,
          seq(ctxPrim(0, hex('01')), ctx(1, ctx(4, name(['2.5.4.3', 'r']))), ctxPrim(2, hex('05'))),
        ),
      ],
    },
    'OK',
  ],
  [
    'a non-critical policyConstraints',
    { extensions: [ca(), ext(EXT.policyConstraints, false, seq(ctxPrim(0, hex('00'))))] },
    'MALFORMED',
    'POLICY_CONSTRAINTS_NOT_CRITICAL',
  ],
  [
    // Policies are processed along the path (assembly/path/policy.ts); the embedded build, which
    // leaves them out, answers UNKNOWN_CRITICAL_EXTENSION / UNPROCESSED_CRITICAL instead.
    'a critical policyConstraints',
    { extensions: [ca(), ext(EXT.policyConstraints, true, seq(ctxPrim(0, hex('00'))))] },
    'OK',
  ],
  [
    'certificatePolicies with qualifiers, critical',
    {
      extensions: [
        ext(
          EXT.certPolicies,
          true,
          seq(
            seq(oid('2.23.140.1.2.1')),
            seq(oid('1.2.3'), seq(seq(oid('1.3.6.1.5.5.7.2.1'), ia5(0x16, 'http://cps/')))),
          ),
        ),
      ],
    },
    'OK',
  ],
  [
    'an empty certificatePolicies',
    { extensions: [ext(EXT.certPolicies, false, seq())] },
    'MALFORMED',
    'EXT_CERT_POLICIES',
  ],
  [
    'a CRL distribution point with only reasons',
    { extensions: [ext(EXT.crlDp, false, seq(seq(ctxPrim(1, hex('07 80')))))] },
    'MALFORMED',
    'EXT_CRL_DP',
  ],
  [
    'a CRL distribution point with a full name',
    { extensions: [ext(EXT.crlDp, false, seq(seq(ctx(0, ctx(0, ia5(0x86, 'http://crl/'))))))] },
    'OK',
  ],
  ['serial 0', { serial: int(0) }, 'MALFORMED', 'SERIAL_ZERO'],
  ['a negative serial', { serial: int(-5) }, 'MALFORMED', 'SERIAL_NEGATIVE'],
  ['a 21-octet serial', { serial: tlv(0x02, hex('01'.repeat(21))) }, 'MALFORMED', 'SERIAL_TOO_LONG'],
  ['a 20-octet serial with its sign octet', { serial: tlv(0x02, hex(`00${'ff'.repeat(20)}`)) }, 'OK'],
  ['a serial with a superfluous leading zero', { serial: tlv(0x02, hex('00 01')) }, 'MALFORMED', 'SERIAL'],
  ['an empty issuer', { issuer: seq() }, 'MALFORMED', 'ISSUER_EMPTY'],
  ['an empty subject without SAN', { subject: seq() }, 'MALFORMED', 'EMPTY_SUBJECT_NO_CRITICAL_SAN'],
  [
    'an empty subject with a non-critical SAN',
    { subject: seq(), extensions: [san(dns('a'))] },
    'MALFORMED',
    'EMPTY_SUBJECT_NO_CRITICAL_SAN',
  ],
  [
    'an empty subject with a critical SAN',
    { subject: seq(), extensions: [ext(EXT.san, true, seq(dns('a')))] },
    'OK',
  ],
  ['a subject with an empty RDN', { subject: seq(set()) }, 'MALFORMED', 'SUBJECT'],
  [
    'an issuer whose attribute has no value',
    { issuer: seq(set(seq(oid('2.5.4.3')))) },
    'MALFORMED',
    'ISSUER',
  ],
  [
    'a BMPString of odd length',
    { subject: seq(set(seq(oid('2.5.4.3'), tlv(0x1e, hex('00 41 00'))))) },
    'MALFORMED',
    'SUBJECT',
  ],
  [
    'a multi-valued RDN',
    { subject: seq(set(seq(oid('2.5.4.3'), utf8('a')), seq(oid('2.5.4.10'), utf8('b')))) },
    'OK',
  ],
  [
    'GeneralizedTime with fractional seconds',
    {
      validity: seq(
        tlv(0x18, new TextEncoder().encode('20200101000000.5Z')),
        utcTime(new Date('2030-01-01T00:00:00Z')),
      ),
    },
    'MALFORMED',
    'VALIDITY',
  ],
  [
    'UTCTime without seconds',
    {
      validity: seq(
        tlv(0x17, new TextEncoder().encode('2001010000Z')),
        utcTime(new Date('2030-01-01T00:00:00Z')),
      ),
    },
    'MALFORMED',
    'VALIDITY',
  ],
  [
    'GeneralizedTime validity (accepted before 2050 too)',
    {
      validity: seq(
        generalizedTime(new Date('2020-01-01T00:00:00Z')),
        generalizedTime(new Date('2060-01-01T00:00:00Z')),
      ),
    },
    'OK',
  ],
  [
    'a validity with a third time',
    { validity: seq(utcTime(new Date(0)), utcTime(new Date(0)), utcTime(new Date(0))) },
    'MALFORMED',
    'VALIDITY',
  ],
  ['bytes after the last TBS field', { tbsTrailer: nul() }, 'MALFORMED', 'TBS_TRAILING'],
  ['issuerUniqueID in a v3 certificate', { tbsTrailer: ctxPrim(1, hex('00 ab')) }, 'OK'],
  [
    'issuerUniqueID in a v1 certificate',
    { version: null, tbsTrailer: ctxPrim(1, hex('00 ab')) },
    'MALFORMED',
    'UNIQUE_ID_V1',
  ],
  [
    'an RSA SPKI without NULL parameters',
    { spki: seq(seq(oid('1.2.840.113549.1.1.1')), bits(seq(int(0xc5n), int(3)))) },
    'MALFORMED',
    'SPKI_PARAMS',
  ],
  [
    'an RSA key with a negative modulus',
    { spki: seq(seq(oid('1.2.840.113549.1.1.1'), nul()), bits(seq(int(-5), int(3)))) },
    'MALFORMED',
    'RSA_KEY',
  ],
  [
    'an RSA key with trailing data',
    { spki: seq(seq(oid('1.2.840.113549.1.1.1'), nul()), bits(concat(seq(int(5), int(3)), nul()))) },
    'MALFORMED',
    'RSA_KEY',
  ],
  [
    'a P-256 key with a P-384-sized point',
    {
      spki: seq(
        seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')),
        bits(concat(hex('04'), new Uint8Array(96))),
      ),
    },
    'MALFORMED',
    'EC_POINT',
  ],
  [
    'an EC key in the hybrid form 06',
    {
      spki: seq(
        seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')),
        bits(concat(hex('06'), new Uint8Array(64))),
      ),
    },
    'MALFORMED',
    'EC_POINT',
  ],
  [
    'an EC key without parameters',
    { spki: seq(seq(oid('1.2.840.10045.2.1')), bits(hex('04 01'))) },
    'MALFORMED',
    'SPKI_PARAMS',
  ],
  [
    'an Ed25519 key of 31 bytes',
    { spki: seq(seq(oid('1.3.101.112')), bits(new Uint8Array(31))) },
    'MALFORMED',
    'ED25519_KEY',
  ],
  [
    'an Ed25519 key with parameters',
    { spki: seq(seq(oid('1.3.101.112'), nul()), bits(new Uint8Array(32))) },
    'MALFORMED',
    'SPKI_PARAMS',
  ],
  [
    'a key BIT STRING with unused bits',
    { spki: seq(seq(oid('1.3.101.112')), bits(new Uint8Array(32), 1)) },
    'MALFORMED',
    'SPKI',
  ],
  [
    'an unknown key algorithm (DSA)',
    { spki: seq(seq(oid('1.2.840.10040.4.1'), seq(int(7), int(5), int(3))), bits(int(9))) },
    'OK',
  ],
];

describe('x509Decode rules (one per case)', () => {
  it.each(cases)('%s', (_label, spec, code, detail) => {
    const d = decodeCert(buildCert(spec));
    expect([d.code, detailName(d.f.detail)]).toEqual([code, detail ?? 'NONE']);
    // Profile rules (details from UNKNOWN_CRITICAL on) leave a fully decoded slot; structural ones do not.
    const soft = d.f.detail === 0 || d.f.detail >= X509_DETAILS.findIndex(([n]) => n === 'UNKNOWN_CRITICAL');
    expect(d.f.flags & CF_DECODED).toBe(soft ? CF_DECODED : 0);
    if (!soft) expect(d.f.flags).toBe(0);
  });
});

describe('x509Decode fields', () => {
  it('keeps the serial as encoded, the version, and the anchor status', () => {
    const d = decodeCert(buildCert({ serial: int(0) }));
    expect(toHex(d.bytes('serial'))).toBe('00');
    expect(d.f.version).toBe(2);
    expect(d.f.anchorStatus).toBe(0);
    expect(d.f.status).toBe(1);
    const neg = decodeCert(buildCert({ serial: int(-5), extensions: [ext(UNKNOWN_OID, true, nul())] }));
    // The unknown critical extension is reported first; as an anchor it still fails.
    expect([neg.code, neg.f.anchorStatus]).toEqual(['UNKNOWN_CRITICAL_EXTENSION', 14]);
  });

  it('decodes basicConstraints, keyUsage, extKeyUsage, SAN, AKI/SKI, AIA, policies, CRL DPs', () => {
    const d = decodeCert(
      buildCert({
        extensions: [
          ca(7),
          ext(EXT.keyUsage, true, bits(hex('86 80'), 7)), // digitalSignature, keyCertSign, cRLSign, decipherOnly
          ext(
            EXT.eku,
            false,
            seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'), oid('2.5.29.37.0'), oid('1.2.3.4')),
          ),
          san(dns('a.example'), dns('b.example'), tlv(0x87, hex('0a 00 00 01'))),
          ext(EXT.aki, false, seq(ctxPrim(0, hex('aa bb')))),
          ext(EXT.ski, false, tlv(0x04, hex('cc dd ee'))),
          ext(EXT.aia, false, seq(seq(oid('1.3.6.1.5.5.7.48.2'), ia5(0x86, 'http://ca/')))),
          ext(EXT.certPolicies, false, seq(seq(oid('2.23.140.1.2.1')))),
          ext(EXT.crlDp, false, seq(seq(ctx(0, ctx(0, ia5(0x86, 'http://crl/')))))),
        ],
      }),
    );
    expect(d.code).toBe('OK');
    expect(d.f.flags & CF_CA).toBe(CF_CA);
    expect(d.f.pathLen).toBe(7);
    expect(d.f.keyUsage).toBe((1 << 0) | (1 << 5) | (1 << 6) | (1 << 8));
    expect(d.f.ekuFlags).toBe((1 << 0) | (1 << 1) | (1 << 6) | (1 << 7));
    expect(d.f.sanCount).toBe(3);
    expect(d.f.extCount).toBe(9);
    expect(d.f.extPresent & EXT_SAN).toBe(EXT_SAN);
    expect(toHex(d.bytes('akiKeyId'))).toBe('aabb');
    expect(toHex(d.bytes('ski'))).toBe('ccddee');
    expect(toHex(d.bytes('san'))).toBe(
      toHex(concat(dns('a.example'), dns('b.example'), tlv(0x87, hex('0a 00 00 01')))),
    );
    expect(d.bytes('aia').length).toBeGreaterThan(0);
    expect(d.bytes('policies').length).toBeGreaterThan(0);
    expect(d.bytes('crlDp').length).toBeGreaterThan(0);
  });

  it('marks unknown extensions and their criticality', () => {
    const d = decodeCert(buildCert({ extensions: [ext(UNKNOWN_OID, false, nul())] }));
    expect(d.f.extPresent >>> 0).toBe(EXT_UNKNOWN >>> 0);
    expect(d.f.extCritical).toBe(0);
  });

  it('accepts sha256WithRSAEncryption without NULL and flags it (RFC 4055 §5)', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const d = decodeCert(buildCert({ signer: rsa, sigAlg: ALG.sha256WithRSANoNull }));
    expect(d.code).toBe('OK');
    expect(d.f.flags & CF_SIG_PARAMS_ABSENT).toBe(CF_SIG_PARAMS_ABSENT);
    expect([d.f.sigAlg, d.f.sigHash, d.f.keyType, d.f.keyBits]).toEqual([SIG.PKCS1, 2, KEY.RSA, 2048]);
  });

  it('decodes RSASSA-PSS parameters, with defaults when fields are absent', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const d = decodeCert(
      buildCert({
        signer: rsa,
        sigAlg: pssAlg('2.16.840.1.101.3.4.2.2', '2.16.840.1.101.3.4.2.3', 48),
        pssSalt: 48,
      }),
    );
    expect([d.code, d.f.sigAlg, d.f.sigHash, d.f.pssMgf1Hash, d.f.pssSaltLen]).toEqual([
      'OK',
      SIG.PSS,
      3,
      4,
      48,
    ]);
    const dflt = decodeCert(
      buildCert({ signer: rsa, sigAlg: seq(oid('1.2.840.113549.1.1.10'), seq()), pssSalt: 20 }),
    );
    expect([dflt.code, dflt.f.sigAlg, dflt.f.sigHash, dflt.f.pssMgf1Hash, dflt.f.pssSaltLen]).toEqual([
      'OK',
      SIG.PSS,
      1,
      1,
      20,
    ]);
  });

  it('decodes Ed25519, P-384, other named curves and explicit curves', () => {
    const ed = generateKeyPairSync('ed25519').privateKey;
    const e = decodeCert(buildCert({ signer: ed }));
    expect([e.code, e.f.keyType, e.f.keyBits, e.f.keyDataLen, e.f.sigAlg]).toEqual([
      'OK',
      KEY.ED25519,
      256,
      32,
      SIG.ED25519,
    ]);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    const p = decodeCert(buildCert({ signer: p384 }));
    expect([p.code, p.f.keyType, p.f.keyCurve, p.f.keyBits, p.f.sigHash]).toEqual(['OK', KEY.EC, 2, 384, 3]);
    const p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' }).publicKey;
    const q = decodeCert(buildCert({ subjectKey: p521 }));
    expect([q.code, q.f.keyType, q.f.keyCurve, q.f.keyBits]).toEqual(['OK', KEY.EC, 5, 521]);
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey;
    const o = decodeCert(buildCert({ subjectKey: k1 }));
    expect([o.code, o.f.keyType, o.f.keyCurve]).toEqual(['OK', KEY.EC, 3]);
    const explicit = decodeCert(
      buildCert({
        spki: seq(
          seq(oid('1.2.840.10045.2.1'), seq(int(1), seq(oid('1.2.840.10045.1.1'), int(23)))),
          bits(hex('04 01 02')),
        ),
      }),
    );
    expect([explicit.code, explicit.f.keyCurve]).toEqual(['OK', 4]);
  });

  it('reports an RSASSA-PSS SPKI as KEY_RSA_PSS with its parameters', () => {
    // (The @types/node overloads reject these rsa-pss options although Node accepts them.)
    const pssKeyPair = generateKeyPairSync as unknown as (
      type: string,
      options: object,
    ) => { publicKey: KeyObject; privateKey: KeyObject };
    const pss = pssKeyPair('rsa-pss', {
      modulusLength: 2048,
      hashAlgorithm: 'sha256',
      mgf1HashAlgorithm: 'sha256',
      saltLength: 32,
    });
    const d = decodeCert(buildCert({ signer: pss.privateKey }));
    expect([d.code, d.f.keyType, d.f.keyBits]).toEqual(['OK', KEY.RSA_PSS, 2048]);
    expect(d.f.keyParamsLen).toBeGreaterThan(0);
    const spki = pss.publicKey.export({ type: 'spki', format: 'der' });
    expect(toHex(d.bytes('spki'))).toBe(spki.toString('hex'));
  });
});

describe('x509Decode limits and framing', () => {
  it('rejects trailing bytes after the certificate and truncation', () => {
    const der = buildCert();
    expect(detailName(decodeCert(concat(der, hex('00'))).f.detail)).toBe('CERT_SEQUENCE');
    for (const cut of [1, 2, 10, der.length - 1])
      expect(decodeCert(der.subarray(0, cut)).code).toBe('MALFORMED');
  });

  it('rejects a signatureValue with unused bits', () => {
    const der = buildCert();
    // The last bytes are BIT STRING 00 || sig; rebuild with unused = 1.
    const d = decodeCert(der);
    const sigOff = d.offset('sigValue');
    const bad = Uint8Array.from(der);
    bad[sigOff - 1] = 1;
    bad[der.length - 1] = (bad[der.length - 1] as number) & 0xfe;
    expect(detailName(decodeCert(bad).f.detail)).toBe('SIGNATURE_VALUE');
  });

  it('caps extensions at 64 and certificates at 128 KiB', () => {
    const many = Array.from({ length: 65 }, (_, i) => ext(`1.2.3.${i}`, false, nul()));
    expect(decodeCert(buildCert({ extensions: many.slice(0, 64) })).code).toBe('OK');
    const d = decodeCert(buildCert({ extensions: many }));
    expect([d.code, detailName(d.f.detail)]).toEqual(['INPUT_TOO_LARGE', 'TOO_MANY_EXTENSIONS']);
    const big = buildCert({ extensions: [ext('1.2.3.4', false, tlv(0x04, new Uint8Array(130 * 1024)))] });
    expect(decodeCert(big).code).toBe('INPUT_TOO_LARGE');
    const fits = buildCert({ extensions: [ext('1.2.3.4', false, tlv(0x04, new Uint8Array(120 * 1024)))] });
    expect(decodeCert(fits).code).toBe('OK');
  });

  it('decodes into independent slots', () => {
    const a = buildCert({ subject: name(['2.5.4.3', 'slot-a']) });
    const b = buildCert({ subject: name(['2.5.4.3', 'slot-b']) });
    const w = x509Wasm();
    const p = w.ioReserve(a.length + b.length);
    new Uint8Array(w.memory.buffer).set(a, p);
    new Uint8Array(w.memory.buffer).set(b, p + a.length);
    expect(w.x509Decode(3, p, a.length)).toBe(0);
    expect(w.x509Decode(255, p + a.length, b.length)).toBe(0);
    const view = new DataView(w.memory.buffer);
    expect(view.getUint32(w.x509CertPtr(3) + 16, true)).toBe(p); // der
    expect(view.getUint32(w.x509CertPtr(255) + 16, true)).toBe(p + a.length);
  });
});

describe('x509Decode host entry point', () => {
  it('refuses ranges outside the IO area instead of trapping', () => {
    const w = x509Wasm();
    const top = w.memory.buffer.byteLength;
    expect(w.x509Decode(0, top - 4, 100)).toBe(22); // INVALID_ARGUMENT
    expect(w.x509Decode(0, 0xffffff00, 0x200)).toBe(22);
    expect(w.x509Decode(0, 8, 16)).toBe(22); // static data, not the IO area
  });
});

describe('Name attribute enumeration (x509IterStart / x509IterNext, ITER_NAME)', () => {
  interface IterExports {
    ioReserve(n: number): number;
    x509IterStart(iter: number, kind: number, p: number, n: number): number;
    x509IterNext(iter: number): number;
  }
  const w = x509Wasm() as unknown as IterExports & { memory: WebAssembly.Memory };
  const dn = seq(
    set(seq(oid('2.5.4.6'), tlv(0x13, new TextEncoder().encode('US')))),
    set(seq(oid('2.5.4.10'), utf8('Acme')), seq(oid('2.5.4.11'), utf8('Ops'))),
    set(seq(oid('2.5.4.3'), utf8('host'))),
  );
  /** The name in the IO area with an Iter record after it. */
  function setup() {
    const p = w.ioReserve(dn.length + 8 + ITER_SIZE);
    new Uint8Array(w.memory.buffer).set(dn, p);
    return { p, it: p + ((dn.length + 7) & ~3) };
  }
  const field = (it: number, name: keyof typeof ITER_LAYOUT) =>
    new DataView(w.memory.buffer).getUint32(it + ITER_LAYOUT[name][0], true);

  it('flattens RDNs in encoding order with their RDN index, type and value', () => {
    const { p, it } = setup();
    expect(w.x509IterStart(it, IterKind.NAME, p, dn.length)).toBe(0);
    const seen: [number, string, number, string][] = [];
    const bytes = (ptr: number, len: number) => new Uint8Array(w.memory.buffer).slice(ptr, ptr + len);
    while (w.x509IterNext(it)) {
      const o = bytes(field(it, 'oid'), field(it, 'oidLen'));
      const v = bytes(field(it, 'val'), field(it, 'valLen'));
      seen.push([field(it, 'group'), toHex(o), field(it, 'valTag'), new TextDecoder().decode(v)]);
    }
    expect(seen).toEqual([
      [0, '550406', 0x13, 'US'],
      [1, '55040a', 0x0c, 'Acme'],
      [1, '55040b', 0x0c, 'Ops'],
      [2, '550403', 0x0c, 'host'],
    ]);
    expect(field(it, 'kind')).toBe(IterKind.NONE);
    expect(w.x509IterNext(it)).toBe(0);
    expect(w.x509IterStart(it, IterKind.NAME, p, 1)).toBe(1); // not a Name
    expect(w.x509IterStart(it, 99, p, dn.length)).toBe(1); // no such kind
    expect(w.x509IterStart(8, IterKind.NAME, p, dn.length)).toBe(22); // record outside the IO area
  });

  it('refuses a record whose state the host corrupted instead of following it', () => {
    const { p, it } = setup();
    const dv = () => new DataView(w.memory.buffer);
    for (const [name, value] of [
      ['pos', 8],
      ['end', 0xfffffff0],
      ['kind', 77],
      ['innerEnd', 16],
    ] as const) {
      expect(w.x509IterStart(it, IterKind.NAME, p, dn.length)).toBe(0);
      expect(w.x509IterNext(it)).toBe(1);
      dv().setUint32(it + ITER_LAYOUT[name][0], value, true);
      expect(w.x509IterNext(it), name).toBe(0);
      expect(field(it, 'kind'), name).toBe(IterKind.NONE);
    }
  });
});
