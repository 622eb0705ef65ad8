// The test PKI's roots, intermediates and device certificates, each mirroring a real certificate
// from /work/shared/roots-data (slug in `mirrors`): same key type and size, same signature
// algorithm, same extensions in the same order with the same criticality. Names get the prefix
// "hubtrust TEST " and URLs move under `.hubtrust.invalid` so nothing can be mistaken for (or
// fetch) the real thing. Deviations from the real certificates are listed in `deviation`.

import {
  authorityInfoAccess,
  authorityKeyId,
  basicConstraints,
  certificatePolicies,
  crlDistributionPoints,
  extendedKeyUsage,
  KU,
  keyUsage,
  microsoftCaVersion,
  microsoftTemplateName,
  POLICY,
  subjectKeyId,
} from './extensions.js';
import type { KeySpec } from './keys.js';
import type { X509Module } from './x509.js';
import type { SignatureHash } from './x509-signing.js';

/** Every key of the test PKI, by id. Leaf keys are shared by all leaves of one cloud and key type. */
export const KEYS = {
  'digicert-global-root-g2': { type: 'RSA', bits: 2048 },
  'azure-rsa-tls-issuing-ca-03': { type: 'RSA', bits: 4096 },
  'baltimore-cybertrust-root': { type: 'RSA', bits: 2048 },
  'microsoft-rsa-tls-ca-01': { type: 'RSA', bits: 4096 },
  'microsoft-tls-rsa-root-g2': { type: 'RSA', bits: 4096 },
  'microsoft-tls-g2-rsa-ca-ocsp-02': { type: 'RSA', bits: 4096 },
  'amazon-root-ca-1': { type: 'RSA', bits: 2048 },
  'amazon-root-ca-3': { type: 'EC', curve: 'P-256' },
  'amazon-rsa-2048-m01': { type: 'RSA', bits: 2048 },
  'amazon-ecdsa-256-m02': { type: 'EC', curve: 'P-256' },
  'starfield-services-root-g2': { type: 'RSA', bits: 2048 },
  'starfield-class-2-ca': { type: 'RSA', bits: 2048, publicExponent: 3 },
  'untrusted-root': { type: 'RSA', bits: 2048 },
  'untrusted-issuing-ca': { type: 'RSA', bits: 2048 },
  'device-ca': { type: 'RSA', bits: 2048 },
  'unregistered-device-ca': { type: 'EC', curve: 'P-256' },
  'azure-leaf': { type: 'RSA', bits: 2048 },
  'aws-leaf-rsa': { type: 'RSA', bits: 2048 },
  'aws-leaf-ec': { type: 'EC', curve: 'P-256' },
  device: { type: 'EC', curve: 'P-256' },
} as const satisfies Record<string, KeySpec>;

export type KeyId = keyof typeof KEYS;

/** One certificate of the test PKI. */
export interface CertProfile {
  readonly id: string;
  /** The roots-data slug whose profile this certificate copies (or a description). */
  readonly mirrors: string;
  readonly key: KeyId;
  /** Issuing certificate id, or `self`. */
  readonly issuer: string;
  /** Real RDNs in order; {@link testName} marks them. */
  readonly subject: readonly (readonly [string, string])[];
  readonly notBefore: string;
  readonly notAfter: string;
  readonly hash: SignatureHash;
  /** Builds the extensions from the subject's and issuer's key identifiers (hex). */
  readonly extensions: (ids: { readonly subject: string; readonly issuer: string }) => X509Module.Extension[];
  /** How this certificate knowingly differs from the real one. */
  readonly deviation?: string;
  /** Use `subject` as is (device certificates: the CN must equal the device id). */
  readonly rawSubject?: boolean;
}

/** Attribute types whose values get the test prefix. */
const MARKED = new Set(['O', 'OU', 'CN']);

/** Marks a real name as a test name: `CN=DigiCert Global Root G2` → `CN=hubtrust TEST DigiCert Global Root G2`. */
export function testName(rdns: readonly (readonly [string, string])[]): X509Module.JsonName {
  return rdns.map(([type, value]) => ({ [type]: [MARKED.has(type) ? `hubtrust TEST ${value}` : value] }));
}

/** Intermediates stay valid this long so the cached PKI keeps working (real ones expire sooner). */
const ICA_NOT_AFTER = '2037-12-31T23:59:59Z';
const EXTENDED = 'notAfter extended to 2037-12-31 so the test chain stays valid';

const DIGICERT_G2 = [
  ['C', 'US'],
  ['O', 'DigiCert Inc'],
  ['OU', 'www.digicert.com'],
  ['CN', 'DigiCert Global Root G2'],
] as const;
const MS_TLS_RSA_ROOT_G2 = [
  ['C', 'US'],
  ['O', 'Microsoft Corporation'],
  ['CN', 'Microsoft TLS RSA Root G2'],
] as const;
const AMAZON_ROOT_1 = [
  ['C', 'US'],
  ['O', 'Amazon'],
  ['CN', 'Amazon Root CA 1'],
] as const;
const AMAZON_ROOT_3 = [
  ['C', 'US'],
  ['O', 'Amazon'],
  ['CN', 'Amazon Root CA 3'],
] as const;
const STARFIELD_G2 = [
  ['C', 'US'],
  ['ST', 'Arizona'],
  ['L', 'Scottsdale'],
  ['O', 'Starfield Technologies, Inc.'],
  ['CN', 'Starfield Services Root Certificate Authority - G2'],
] as const;
const STARFIELD_CLASS_2 = [
  ['C', 'US'],
  ['O', 'Starfield Technologies, Inc.'],
  ['OU', 'Starfield Class 2 Certification Authority'],
] as const;

const ROOT_KU = KU.digitalSignature | KU.keyCertSign | KU.cRLSign;

/** Profile of DigiCert Global Root G2 / Amazon Root CA 1 and 3: BC, KU, SKI. */
function simpleRoot(ids: { subject: string }): X509Module.Extension[] {
  return [basicConstraints(true), keyUsage(ROOT_KU), subjectKeyId(ids.subject)];
}

/** Profile of `microsoft-azure-rsa-tls-issuing-ca-03-xsign` (DigiCert-G2-signed Azure issuing CA). */
function digicertIssuingCa(ids: { subject: string; issuer: string }): X509Module.Extension[] {
  return [
    basicConstraints(true, 0),
    subjectKeyId(ids.subject),
    authorityKeyId(ids.issuer),
    keyUsage(ROOT_KU),
    extendedKeyUsage('serverAuth', 'clientAuth'),
    authorityInfoAccess({
      ocsp: ['http://ocsp.digicert.com'],
      caIssuers: ['http://cacerts.digicert.com/DigiCertGlobalRootG2.crt'],
    }),
    crlDistributionPoints('http://crl3.digicert.com/DigiCertGlobalRootG2.crl'),
    certificatePolicies(POLICY.domainValidated, POLICY.organizationValidated),
  ];
}

/** Profile of `starfield-services-root-g2-xsign-class2`; AWS's Starfield-signed Amazon roots look alike. */
function starfieldCrossCert(ocsp: string, caIssuers: string, crl: string) {
  return (ids: { subject: string; issuer: string }): X509Module.Extension[] => [
    basicConstraints(true),
    keyUsage(ROOT_KU),
    subjectKeyId(ids.subject),
    authorityKeyId(ids.issuer),
    authorityInfoAccess({ ocsp: [ocsp], caIssuers: [caIssuers] }),
    crlDistributionPoints(crl),
    certificatePolicies(POLICY.anyPolicy),
  ];
}

/** Amazon Root CA 1 and 3 as cross-signed by Starfield Services Root G2 (URLs under rootg2). */
const amazonRootCrossCert = starfieldCrossCert(
  'http://ocsp.rootg2.amazontrust.com',
  'http://crt.rootg2.amazontrust.com/rootg2.cer',
  'http://crl.rootg2.amazontrust.com/rootg2.crl',
);

/** Profile of `amazon-server-ca-1b` (the only Amazon issuing CA with a public PEM in roots-data). */
function amazonIssuingCa(root: 'rootca1' | 'rootca3') {
  return (ids: { subject: string; issuer: string }): X509Module.Extension[] => [
    basicConstraints(true, 0),
    keyUsage(ROOT_KU),
    subjectKeyId(ids.subject),
    authorityKeyId(ids.issuer),
    authorityInfoAccess({
      ocsp: [`http://ocsp.${root}.amazontrust.com`],
      caIssuers: [`http://crt.${root}.amazontrust.com/${root}.cer`],
    }),
    crlDistributionPoints(`http://crl.${root}.amazontrust.com/${root}.crl`),
    certificatePolicies(POLICY.domainValidated),
  ];
}

/** All certificates except leaves, issuers before subjects. */
export const AUTHORITIES: readonly CertProfile[] = [
  // ---- Azure: current (DigiCert Global Root G2 → Microsoft Azure RSA TLS Issuing CA 03) ----
  {
    id: 'digicert-global-root-g2',
    mirrors: 'digicert-global-root-g2',
    key: 'digicert-global-root-g2',
    issuer: 'self',
    subject: DIGICERT_G2,
    notBefore: '2013-08-01T12:00:00Z',
    notAfter: '2038-01-15T12:00:00Z',
    hash: 'SHA-256',
    extensions: simpleRoot,
  },
  {
    id: 'azure-rsa-tls-issuing-ca-03',
    mirrors: 'microsoft-azure-rsa-tls-issuing-ca-03-xsign',
    key: 'azure-rsa-tls-issuing-ca-03',
    issuer: 'digicert-global-root-g2',
    subject: [
      ['C', 'US'],
      ['O', 'Microsoft Corporation'],
      ['CN', 'Microsoft Azure RSA TLS Issuing CA 03'],
    ],
    notBefore: '2023-06-08T00:00:00Z',
    notAfter: ICA_NOT_AFTER,
    hash: 'SHA-384',
    extensions: digicertIssuingCa,
    deviation: `${EXTENDED} (real: 2026-08-25)`,
  },
  // ---- Azure: legacy (Baltimore CyberTrust Root → Microsoft RSA TLS CA 01) ----
  {
    id: 'baltimore-cybertrust-root',
    mirrors: 'baltimore-cybertrust-root',
    key: 'baltimore-cybertrust-root',
    issuer: 'self',
    subject: [
      ['C', 'IE'],
      ['O', 'Baltimore'],
      ['OU', 'CyberTrust'],
      ['CN', 'Baltimore CyberTrust Root'],
    ],
    notBefore: '2000-05-12T18:46:00Z',
    notAfter: '2045-05-12T23:59:00Z',
    hash: 'SHA-1',
    extensions: (ids) => [
      subjectKeyId(ids.subject),
      basicConstraints(true, 3),
      keyUsage(KU.keyCertSign | KU.cRLSign),
    ],
    deviation: 'notAfter moved from 2025-05-12 (expired) to 2045 so the legacy layout itself can be tested',
  },
  {
    id: 'microsoft-rsa-tls-ca-01',
    mirrors: 'microsoft-rsa-tls-ca-01',
    key: 'microsoft-rsa-tls-ca-01',
    issuer: 'baltimore-cybertrust-root',
    subject: [
      ['C', 'US'],
      ['O', 'Microsoft Corporation'],
      ['CN', 'Microsoft RSA TLS CA 01'],
    ],
    notBefore: '2020-07-21T23:00:00Z',
    notAfter: ICA_NOT_AFTER,
    hash: 'SHA-256',
    extensions: (ids) => [
      subjectKeyId(ids.subject),
      authorityKeyId(ids.issuer),
      keyUsage(ROOT_KU),
      extendedKeyUsage('serverAuth', 'clientAuth'),
      basicConstraints(true, 0),
      authorityInfoAccess({ ocsp: ['http://ocsp.digicert.com'] }),
      crlDistributionPoints('http://crl3.digicert.com/Omniroot2025.crl'),
      certificatePolicies(POLICY.domainValidated, POLICY.organizationValidated, POLICY.microsoftServerAuth),
    ],
    deviation: `${EXTENDED} (real: 2024-10-08)`,
  },
  // ---- Azure: rotation (Microsoft TLS RSA Root G2, self-signed and cross-signed by DigiCert G2) ----
  {
    id: 'microsoft-tls-rsa-root-g2',
    mirrors: 'microsoft-tls-rsa-root-g2',
    key: 'microsoft-tls-rsa-root-g2',
    issuer: 'self',
    subject: MS_TLS_RSA_ROOT_G2,
    notBefore: '2025-04-10T18:36:30Z',
    notAfter: '2040-04-10T18:43:51Z',
    hash: 'SHA-384',
    extensions: (ids) => [
      keyUsage(ROOT_KU),
      basicConstraints(true),
      subjectKeyId(ids.subject),
      microsoftCaVersion(),
    ],
  },
  {
    id: 'microsoft-tls-rsa-root-g2-xsign',
    mirrors: 'microsoft-tls-rsa-root-g2-xsign',
    key: 'microsoft-tls-rsa-root-g2',
    issuer: 'digicert-global-root-g2',
    subject: MS_TLS_RSA_ROOT_G2,
    notBefore: '2025-05-21T00:00:00Z',
    notAfter: ICA_NOT_AFTER,
    hash: 'SHA-384',
    extensions: (ids) => [
      basicConstraints(true),
      subjectKeyId(ids.subject),
      authorityKeyId(ids.issuer),
      keyUsage(ROOT_KU),
      extendedKeyUsage('serverAuth'),
      authorityInfoAccess({
        ocsp: ['http://ocsp.digicert.com'],
        caIssuers: ['http://cacerts.digicert.com/DigiCertGlobalRootG2.crt'],
      }),
      crlDistributionPoints('http://crl3.digicert.com/DigiCertGlobalRootG2.crl'),
      certificatePolicies(POLICY.organizationValidated),
    ],
    deviation: `${EXTENDED} (real: 2029-06-19)`,
  },
  {
    id: 'microsoft-tls-g2-rsa-ca-ocsp-02',
    mirrors: 'microsoft-tls-g2-rsa-ca-ocsp-02',
    key: 'microsoft-tls-g2-rsa-ca-ocsp-02',
    issuer: 'microsoft-tls-rsa-root-g2',
    subject: [
      ['C', 'US'],
      ['O', 'Microsoft Corporation'],
      ['CN', 'Microsoft TLS G2 RSA CA OCSP 02'],
    ],
    notBefore: '2025-08-01T20:03:00Z',
    notAfter: ICA_NOT_AFTER,
    hash: 'SHA-384',
    extensions: (ids) => [
      keyUsage(ROOT_KU),
      microsoftCaVersion(),
      subjectKeyId(ids.subject),
      certificatePolicies(POLICY.organizationValidated),
      extendedKeyUsage('serverAuth'),
      microsoftTemplateName('SubCA'),
      basicConstraints(true, 0),
      authorityKeyId(ids.issuer),
      crlDistributionPoints(
        'http://www.microsoft.com/pkiops/crl/Microsoft%20TLS%20RSA%20Root%20G2.crl',
        'http://crl2.microsoft.com/pkiops/crl/Microsoft%20TLS%20RSA%20Root%20G2.crl',
      ),
      authorityInfoAccess({
        caIssuers: [
          'http://www.microsoft.com/pkiops/certs/Microsoft%20TLS%20RSA%20Root%20G2%20-%20xsign.crt',
          'http://caissuers.microsoft.com/pkiops/certs/Microsoft%20TLS%20RSA%20Root%20G2%20-%20xsign.crt',
        ],
        ocsp: ['http://oneocsp.microsoft.com/ocsp'],
      }),
    ],
    deviation: `${EXTENDED} (real: 2029-06-03); CA Version value is INTEGER 0`,
  },
  // ---- AWS: Starfield roots (cross-signing Amazon Root CA 1 and 3) ----
  {
    id: 'starfield-class-2-ca',
    mirrors: 'starfield-class-2-ca',
    key: 'starfield-class-2-ca',
    issuer: 'self',
    subject: STARFIELD_CLASS_2,
    notBefore: '2004-06-29T17:39:16Z',
    notAfter: '2034-06-29T17:39:16Z',
    hash: 'SHA-1',
    extensions: (ids) => [
      subjectKeyId(ids.subject),
      authorityKeyId(ids.subject),
      basicConstraints(true, undefined, false),
    ],
    deviation: 'AuthorityKeyIdentifier carries the key id only (real: also issuer name and serial)',
  },
  {
    id: 'starfield-services-root-g2',
    mirrors: 'starfield-services-root-g2',
    key: 'starfield-services-root-g2',
    issuer: 'self',
    subject: STARFIELD_G2,
    notBefore: '2009-09-01T00:00:00Z',
    notAfter: '2037-12-31T23:59:59Z',
    hash: 'SHA-256',
    extensions: (ids) => [
      basicConstraints(true),
      keyUsage(KU.keyCertSign | KU.cRLSign),
      subjectKeyId(ids.subject),
    ],
  },
  {
    id: 'starfield-services-root-g2-xsign',
    mirrors: 'starfield-services-root-g2-xsign-class2',
    key: 'starfield-services-root-g2',
    issuer: 'starfield-class-2-ca',
    subject: STARFIELD_G2,
    notBefore: '2009-09-02T00:00:00Z',
    notAfter: '2034-06-28T17:39:16Z',
    hash: 'SHA-256',
    extensions: starfieldCrossCert('http://o.ss2.us/', 'http://x.ss2.us/x.cer', 'http://s.ss2.us/r.crl'),
  },
  // ---- AWS: Amazon Trust Services (Amazon Root CA 1 RSA, Amazon Root CA 3 ECC) ----
  {
    id: 'amazon-root-ca-1',
    mirrors: 'amazon-root-ca-1',
    key: 'amazon-root-ca-1',
    issuer: 'self',
    subject: AMAZON_ROOT_1,
    notBefore: '2015-05-26T00:00:00Z',
    notAfter: '2038-01-17T00:00:00Z',
    hash: 'SHA-256',
    extensions: simpleRoot,
  },
  {
    id: 'amazon-root-ca-1-xsign',
    mirrors:
      'Amazon Root CA 1 cross-signed by Starfield Services Root G2 (no public PEM; Starfield cross-cert profile)',
    key: 'amazon-root-ca-1',
    issuer: 'starfield-services-root-g2',
    subject: AMAZON_ROOT_1,
    notBefore: '2015-05-25T12:00:00Z',
    notAfter: '2037-12-31T01:00:00Z',
    hash: 'SHA-256',
    extensions: amazonRootCrossCert,
  },
  {
    id: 'amazon-rsa-2048-m01',
    mirrors: 'amazon-server-ca-1b (profile) named after the current ATS issuing CA Amazon RSA 2048 M01',
    key: 'amazon-rsa-2048-m01',
    issuer: 'amazon-root-ca-1',
    subject: [
      ['C', 'US'],
      ['O', 'Amazon'],
      ['CN', 'Amazon RSA 2048 M01'],
    ],
    notBefore: '2022-08-23T22:21:28Z',
    notAfter: ICA_NOT_AFTER,
    hash: 'SHA-256',
    extensions: amazonIssuingCa('rootca1'),
  },
  {
    id: 'amazon-root-ca-3',
    mirrors: 'amazon-root-ca-3',
    key: 'amazon-root-ca-3',
    issuer: 'self',
    subject: AMAZON_ROOT_3,
    notBefore: '2015-05-26T00:00:00Z',
    notAfter: '2040-05-26T00:00:00Z',
    hash: 'SHA-256',
    extensions: simpleRoot,
  },
  {
    id: 'amazon-root-ca-3-xsign',
    mirrors:
      'Amazon Root CA 3 cross-signed by Starfield Services Root G2 (no public PEM; Starfield cross-cert profile)',
    key: 'amazon-root-ca-3',
    issuer: 'starfield-services-root-g2',
    subject: AMAZON_ROOT_3,
    notBefore: '2015-05-25T12:00:00Z',
    notAfter: '2037-12-31T01:00:00Z',
    hash: 'SHA-256',
    extensions: amazonRootCrossCert,
  },
  {
    id: 'amazon-ecdsa-256-m02',
    mirrors: 'amazon-server-ca-1b (profile) named after the ATS ECC issuing CA Amazon ECDSA 256 M02',
    key: 'amazon-ecdsa-256-m02',
    issuer: 'amazon-root-ca-3',
    subject: [
      ['C', 'US'],
      ['O', 'Amazon'],
      ['CN', 'Amazon ECDSA 256 M02'],
    ],
    notBefore: '2022-08-23T22:25:30Z',
    notAfter: ICA_NOT_AFTER,
    hash: 'SHA-256',
    extensions: amazonIssuingCa('rootca3'),
  },
  // ---- A root no device trusts, with an issuing CA shaped like Azure's ----
  {
    id: 'untrusted-root',
    mirrors: 'digicert-global-root-g2 (profile)',
    key: 'untrusted-root',
    issuer: 'self',
    subject: [
      ['C', 'US'],
      ['O', 'Untrusted'],
      ['CN', 'Untrusted Root CA'],
    ],
    notBefore: '2020-01-01T00:00:00Z',
    notAfter: '2040-01-01T00:00:00Z',
    hash: 'SHA-256',
    extensions: simpleRoot,
  },
  {
    id: 'untrusted-issuing-ca',
    mirrors: 'microsoft-azure-rsa-tls-issuing-ca-03-xsign (profile)',
    key: 'untrusted-issuing-ca',
    issuer: 'untrusted-root',
    subject: [
      ['C', 'US'],
      ['O', 'Untrusted'],
      ['CN', 'Untrusted TLS Issuing CA'],
    ],
    notBefore: '2020-01-01T00:00:00Z',
    notAfter: ICA_NOT_AFTER,
    hash: 'SHA-256',
    extensions: digicertIssuingCa,
    deviation: 'RSA 2048 (the profile it copies is RSA 4096) to keep generation fast',
  },
  // ---- Device X.509 authentication (client-cert-required) ----
  {
    id: 'device-ca',
    mirrors: 'a customer device CA registered with the hub (Azure "X.509 CA signed", AWS registered CA)',
    key: 'device-ca',
    issuer: 'self',
    subject: [
      ['C', 'US'],
      ['O', 'Devices'],
      ['CN', 'Device CA'],
    ],
    notBefore: '2025-01-01T00:00:00Z',
    notAfter: '2040-01-01T00:00:00Z',
    hash: 'SHA-256',
    extensions: simpleRoot,
  },
  {
    id: 'unregistered-device-ca',
    mirrors: 'a device CA the hub does not know',
    key: 'unregistered-device-ca',
    issuer: 'self',
    subject: [
      ['C', 'US'],
      ['O', 'Devices'],
      ['CN', 'Unregistered Device CA'],
    ],
    notBefore: '2025-01-01T00:00:00Z',
    notAfter: '2040-01-01T00:00:00Z',
    hash: 'SHA-256',
    extensions: simpleRoot,
  },
];

/** Device id (certificate CN) of the device certificates. */
export const DEVICE_ID = 'hubtrust-device-1';

function deviceCert(id: string, issuer: string, notBefore: string, notAfter: string): CertProfile {
  return {
    id,
    mirrors: 'a device client certificate (CN = device id, clientAuth)',
    key: 'device',
    issuer,
    subject: [['CN', DEVICE_ID]],
    rawSubject: true,
    notBefore,
    notAfter,
    hash: 'SHA-256',
    extensions: (ids) => [
      basicConstraints(false, undefined, true),
      keyUsage(KU.digitalSignature),
      extendedKeyUsage('clientAuth'),
      subjectKeyId(ids.subject),
      ...(issuer === 'self' ? [] : [authorityKeyId(ids.issuer)]),
    ],
  };
}

/** Device certificates: one registered, and three a hub must refuse. */
export const DEVICE_CERTS: readonly CertProfile[] = [
  deviceCert('device-registered', 'device-ca', '2025-06-01T00:00:00Z', '2035-06-01T00:00:00Z'),
  deviceCert('device-expired', 'device-ca', '2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
  deviceCert('device-self-signed', 'self', '2025-06-01T00:00:00Z', '2035-06-01T00:00:00Z'),
  deviceCert(
    'device-unregistered-ca',
    'unregistered-device-ca',
    '2025-06-01T00:00:00Z',
    '2035-06-01T00:00:00Z',
  ),
];
