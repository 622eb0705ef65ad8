// Server (leaf) certificates, issued when a hub starts (signing only: keys are in the cached PKI).
// Azure leaves copy the profile of the only real IoT Hub leaf with a public PEM
// (`leaf-azure-devices-net-2015`: CN and SANs *.azure-devices.net, KU DS/KE/DE, EKU server+client,
// Microsoft application policies). No real AWS IoT leaf PEM is public (roots-data README, "Not
// found"), so AWS leaves use Amazon's usual leaf profile: CN *.iot.<region>.amazonaws.com,
// critical KU DS/KE, EKU server+client, critical CA:FALSE, DV policy, AIA/CRL under the issuer.

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
import type { X509Module } from './x509.js';
import type { SignatureHash } from './x509-signing.js';

/** Which cloud a hub impersonates. */
export type Cloud = 'azure' | 'aws';

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

/** DNS names a leaf covers. */
function leafNames(cloud: Cloud, region: string, variant: LeafVariant): string[] {
  const names =
    cloud === 'azure'
      ? variant === 'wrong-host'
        ? ['*.servicebus.windows.net']
        : ['*.azure-devices.net', '*.amqpws.azure-devices.net', '*.su.management-azure-devices.net']
      : variant === 'wrong-host'
        ? [`*.iot.${region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1'}.amazonaws.com`]
        : [`*.iot.${region}.amazonaws.com`, `iot.${region}.amazonaws.com`];
  if (variant === 'large') {
    const domain = cloud === 'azure' ? 'azure-devices.net' : `iot.${region}.amazonaws.com`;
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

/**
 * Builds a leaf profile.
 * @param issuerAia - AIA/CRL base names of the issuer (`digicert` style for Azure, `r2m01` for AWS).
 */
export function leafProfile(options: {
  readonly cloud: Cloud;
  readonly region: string;
  readonly variant: LeafVariant;
  readonly hash: SignatureHash;
  readonly subjectKeyId: string;
  readonly issuerKeyId: string;
  readonly issuerTag: string;
}): LeafProfile {
  const { cloud, variant } = options;
  const names = leafNames(cloud, options.region, variant);
  const window =
    variant === 'expired' || variant === 'not-yet-valid' ? LEAF_VALIDITY[variant] : LEAF_VALIDITY.valid;
  const hash = variant === 'sha1' ? 'SHA-1' : options.hash;
  const tag = options.issuerTag;
  const extensions =
    cloud === 'azure'
      ? [
          keyUsage(KU.digitalSignature | KU.keyEncipherment | KU.dataEncipherment, false),
          extendedKeyUsage('serverAuth', 'clientAuth'),
          subjectKeyId(options.subjectKeyId),
          subjectAltNames(names),
          authorityKeyId(options.issuerKeyId),
          crlDistributionPoints(
            `http://www.microsoft.com/pkiops/crl/${tag}.crl`,
            `http://crl.microsoft.com/pkiops/crl/${tag}.crl`,
          ),
          authorityInfoAccess({
            caIssuers: [`http://www.microsoft.com/pkiops/certs/${tag}.crt`],
            ocsp: ['http://oneocsp.microsoft.com/ocsp'],
          }),
          certificatePolicies(POLICY.microsoftServerAuth),
          microsoftApplicationPolicies(),
        ]
      : [
          authorityKeyId(options.issuerKeyId),
          subjectKeyId(options.subjectKeyId),
          subjectAltNames(names),
          keyUsage(KU.digitalSignature | KU.keyEncipherment),
          extendedKeyUsage('serverAuth', 'clientAuth'),
          crlDistributionPoints(`http://crl.${tag}.amazontrust.com/${tag}.crl`),
          certificatePolicies(POLICY.domainValidated),
          authorityInfoAccess({
            ocsp: [`http://ocsp.${tag}.amazontrust.com`],
            caIssuers: [`http://crt.${tag}.amazontrust.com/${tag}.cer`],
          }),
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
