// Server (leaf) certificates, issued when a hub starts (signing only: keys are in the cached PKI).
// The profiles give a leaf's host pattern and key, not its extensions. Azure leaves (global, China
// and ECC) copy the profile of the only real IoT Hub leaf with a public PEM
// (`leaf-azure-devices-net-2015`: CN and SANs *.azure-devices.net, KU DS/KE/DE, EKU server+client,
// Microsoft application policies). No real AWS IoT leaf PEM is public (roots-data README, "Not
// found"), so AWS leaves (ATS and legacy) use Amazon's usual leaf profile: CN
// *.iot.<region>.amazonaws.com, critical KU DS/KE, EKU server+client, critical CA:FALSE, DV
// policy, AIA/CRL under the issuer. The AIA/CRL URLs follow the issuing CA's operator.

import { CLOUDS, type Cloud } from './clouds.js';
import {
  authorityInfoAccess,
  authorityKeyId,
  basicConstraints,
  certificatePolicies,
  crlDistributionPoints,
  extendedKeyUsage,
  KU,
  keyUsage,
  microsoftApplicationPolicies,
  POLICY,
  subjectAltNames,
  subjectKeyId,
} from './extensions.js';
import type { LeafUrlStyle } from './profile-chains.js';
import type { X509Module } from './x509.js';
import type { SignatureHash } from './x509-signing.js';

/** How a leaf deviates from a good one. */
export type LeafVariant = 'valid' | 'expired' | 'not-yet-valid' | 'wrong-host' | 'sha1' | 'large';

/** Validity windows (fixed, so the cached PKI is deterministic). */
export const LEAF_VALIDITY: Record<'valid' | 'expired' | 'not-yet-valid', readonly [string, string]> = {
  valid: ['2025-06-01T00:00:00Z', '2035-06-01T00:00:00Z'],
  expired: ['2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z'],
  'not-yet-valid': ['2036-01-01T00:00:00Z', '2037-01-01T00:00:00Z'],
};

/** Extra SAN entries in the `large` leaf: enough for a Certificate message well over 16 KiB. */
const LARGE_CHAIN_EXTRA_NAMES = 420;

/** DNS names a leaf of a cloud covers (the first is its CN), and the names of its wrong-host leaf. */
function cloudNames(cloud: Cloud, region: string): { names: string[]; wrongHost: string[]; domain: string } {
  switch (cloud) {
    case 'azure':
    case 'azure-ecc':
      return {
        names: ['*.azure-devices.net', '*.amqpws.azure-devices.net', '*.su.management-azure-devices.net'],
        wrongHost: ['*.servicebus.windows.net'],
        domain: 'azure-devices.net',
      };
    case 'azure-china':
      return {
        names: ['*.azure-devices.cn'],
        wrongHost: ['*.servicebus.chinacloudapi.cn'],
        domain: 'azure-devices.cn',
      };
    case 'aws':
    case 'aws-legacy':
      return {
        names: [`*.iot.${region}.amazonaws.com`, `iot.${region}.amazonaws.com`],
        wrongHost: [`*.iot.${region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1'}.amazonaws.com`],
        domain: `iot.${region}.amazonaws.com`,
      };
  }
}

/** DNS names a leaf covers. */
function leafNames(cloud: Cloud, region: string, variant: LeafVariant): string[] {
  const { names: valid, wrongHost, domain } = cloudNames(cloud, region);
  const names = variant === 'wrong-host' ? wrongHost : [...valid];
  if (variant === 'large') {
    for (let i = 0; i < LARGE_CHAIN_EXTRA_NAMES; i++) {
      names.push(`hubtrust-large-chain-${String(i).padStart(4, '0')}.${domain}`);
    }
  }
  return names;
}

/** Subject, validity, hash and extensions of a leaf. */
export interface LeafProfile {
  readonly subject: X509Module.JsonName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly hash: SignatureHash;
  readonly extensions: X509Module.Extension[];
}

/** The leaf's CRL, CA-issuers and OCSP URLs, shaped like those of the issuing CA's operator. */
function leafUrls(style: LeafUrlStyle, tag: string): { crl: string[]; caIssuers: string[]; ocsp: string[] } {
  switch (style) {
    case 'microsoft':
      return {
        crl: [
          `http://www.microsoft.com/pkiops/crl/${tag}.crl`,
          `http://crl.microsoft.com/pkiops/crl/${tag}.crl`,
        ],
        caIssuers: [`http://www.microsoft.com/pkiops/certs/${tag}.crt`],
        ocsp: ['http://oneocsp.microsoft.com/ocsp'],
      };
    case 'digicert':
      return {
        crl: [`http://crl3.digicert.com/${tag}.crl`, `http://crl4.digicert.com/${tag}.crl`],
        caIssuers: [`http://cacerts.digicert.com/${tag}.crt`],
        ocsp: ['http://ocsp.digicert.com'],
      };
    case 'amazon':
      return {
        crl: [`http://crl.${tag}.amazontrust.com/${tag}.crl`],
        caIssuers: [`http://crt.${tag}.amazontrust.com/${tag}.cer`],
        ocsp: [`http://ocsp.${tag}.amazontrust.com`],
      };
    case 'symantec':
      return {
        crl: [`http://${tag}.symcb.com/${tag}.crl`],
        caIssuers: [`http://${tag}.symcb.com/${tag}.crt`],
        ocsp: [`http://${tag}.symcd.com`],
      };
  }
}

/** Builds a leaf profile. */
export function leafProfile(options: {
  readonly cloud: Cloud;
  readonly region: string;
  readonly variant: LeafVariant;
  readonly hash: SignatureHash;
  readonly subjectKeyId: string;
  readonly issuerKeyId: string;
  readonly urls: { readonly style: LeafUrlStyle; readonly tag: string };
}): LeafProfile {
  const { cloud, variant } = options;
  const names = leafNames(cloud, options.region, variant);
  const window =
    variant === 'expired' || variant === 'not-yet-valid' ? LEAF_VALIDITY[variant] : LEAF_VALIDITY.valid;
  const hash = variant === 'sha1' ? 'SHA-1' : options.hash;
  const urls = leafUrls(options.urls.style, options.urls.tag);
  const extensions =
    CLOUDS[cloud].api === 'azure'
      ? [
          keyUsage(KU.digitalSignature | KU.keyEncipherment | KU.dataEncipherment, false),
          extendedKeyUsage('serverAuth', 'clientAuth'),
          subjectKeyId(options.subjectKeyId),
          subjectAltNames(names),
          authorityKeyId(options.issuerKeyId),
          crlDistributionPoints(...urls.crl),
          authorityInfoAccess({ caIssuers: urls.caIssuers, ocsp: urls.ocsp }),
          certificatePolicies(POLICY.microsoftServerAuth),
          microsoftApplicationPolicies(),
        ]
      : [
          authorityKeyId(options.issuerKeyId),
          subjectKeyId(options.subjectKeyId),
          subjectAltNames(names),
          keyUsage(KU.digitalSignature | KU.keyEncipherment),
          extendedKeyUsage('serverAuth', 'clientAuth'),
          crlDistributionPoints(...urls.crl),
          certificatePolicies(POLICY.domainValidated),
          authorityInfoAccess({ ocsp: urls.ocsp, caIssuers: urls.caIssuers }),
          basicConstraints(false, undefined, true),
        ];
  return {
    subject: [{ CN: [names[0] as string] }],
    notBefore: new Date(window[0]),
    notAfter: new Date(window[1]),
    hash,
    extensions,
  };
}
