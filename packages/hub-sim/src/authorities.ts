// hub-sim's own certificates: a root no device trusts (with an issuing CA shaped like Azure's),
// the device CAs and device certificates of X.509 client authentication. They play no real
// certificate, so their profiles are written here; the certificates that play real ones are the
// twins (twin-plan.ts), copied from the catalog of @hubtrust/roots. Names get the prefix
// "hubtrust TEST " (device certificates excepted: their CN is the device id) and URLs move under
// `.hubtrust.invalid` so nothing can be mistaken for (or fetch) the real thing.

import {
  authorityInfoAccess,
  authorityKeyId,
  basicConstraints,
  certificatePolicies,
  crlDistributionPoints,
  extendedKeyUsage,
  KU,
  keyUsage,
  POLICY,
  subjectKeyId,
  testName,
} from './extensions.js';
import type { KeySpec } from './keys.js';
import { TWIN_MIN_NOT_AFTER } from './twin-plan.js';
import type { X509Module } from './x509.js';
import type { SignatureHash } from './x509-signing.js';

/** Keys of hub-sim's own certificates and of the leaves, by id (twin keys come from the plan). */
export const OWN_KEYS = {
  'untrusted-root': { type: 'RSA', bits: 2048 },
  'untrusted-issuing-ca': { type: 'RSA', bits: 2048 },
  'device-ca': { type: 'RSA', bits: 2048 },
  'unregistered-device-ca': { type: 'EC', curve: 'P-256' },
  device: { type: 'EC', curve: 'P-256' },
  'leaf-rsa-2048': { type: 'RSA', bits: 2048 },
  'leaf-ec-p256': { type: 'EC', curve: 'P-256' },
  'leaf-ec-p384': { type: 'EC', curve: 'P-384' },
} as const satisfies Record<string, KeySpec>;

/** The key every leaf of that key type shares (the profiles' RSA leaves are all 2048-bit). */
export function leafKeyId(spec: KeySpec): keyof typeof OWN_KEYS {
  if (spec.type === 'RSA') return 'leaf-rsa-2048';
  return spec.curve === 'P-384' ? 'leaf-ec-p384' : 'leaf-ec-p256';
}

/** What an extension builder knows when a certificate is issued. */
export interface IssueContext {
  /** Key identifier (hex) of the subject's key. */
  readonly subject: string;
  /** Key identifier (hex) of the issuer's key. */
  readonly issuer: string;
  /** The issuer's certificate, or null for a self-signed one. */
  readonly issuerCertificate: X509Module.X509Certificate | null;
  /** The serial number (hex) and subject name the certificate gets. */
  readonly serialNumber: string;
  readonly name: X509Module.JsonName;
}

/** One certificate of the test PKI. */
export interface CertProfile {
  readonly id: string;
  /** What this certificate plays: a roots catalog slug, or a description. */
  readonly mirrors: string;
  /** Key id (a twin key of the plan or one of {@link OWN_KEYS}). */
  readonly key: string;
  /** The subject name (called once the signing stack is loaded). */
  readonly subject: () => X509Module.JsonName;
  /** Issuing certificate id, or `self`. */
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly hash: SignatureHash;
  /** Builds the extensions (called once the signing stack is loaded). */
  readonly extensions: (context: IssueContext) => X509Module.Extension[];
  /** How this certificate knowingly differs from the real one. */
  readonly deviation?: string;
}

/** The untrusted issuing CA stays valid as long as the twins do. */
const ICA_NOT_AFTER = TWIN_MIN_NOT_AFTER;

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

/** hub-sim's own authorities, issuers before subjects. */
export const AUTHORITIES: readonly CertProfile[] = [
  // ---- A root no device trusts, with an issuing CA shaped like Azure's ----
  {
    id: 'untrusted-root',
    mirrors: 'digicert-global-root-g2 (profile)',
    key: 'untrusted-root',
    issuer: 'self',
    subject: () =>
      testName([
        ['C', 'US'],
        ['O', 'Untrusted'],
        ['CN', 'Untrusted Root CA'],
      ]),
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
    subject: () =>
      testName([
        ['C', 'US'],
        ['O', 'Untrusted'],
        ['CN', 'Untrusted TLS Issuing CA'],
      ]),
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
    subject: () =>
      testName([
        ['C', 'US'],
        ['O', 'Devices'],
        ['CN', 'Device CA'],
      ]),
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
    subject: () =>
      testName([
        ['C', 'US'],
        ['O', 'Devices'],
        ['CN', 'Unregistered Device CA'],
      ]),
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
    subject: () => [{ CN: [DEVICE_ID] }],
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
