// The one adapter between readiness and the device's TLS stack. Until @hubtrust/verify ships its
// device profiles (issue 12: `verifyChain({ profile })` and `deviceProfiles`), a device is given
// here as a profile id or a `DeviceBehaviour` (the verifyChain options that model a stack), and
// this file turns it into verifyChain options. When the profiles land, `verifyOptionsFor` returns
// `{ profile: id }` and the table below goes: nothing else in readiness changes.
//
// The table states what each stack does, from its documentation or source (named per row); it
// only uses options verifyChain has today. Where a stack differs in ways no option expresses yet,
// the issue-12 profiles will be more precise.
import type { VerifyChainOptions } from '@hubtrust/verify';
import { ReadinessError } from './errors.js';

/** Device profile ids (the names issue 12 gives @hubtrust/verify's device profiles). */
export const DEVICE_PROFILE_IDS = [
  'mbedtls-2.28',
  'mbedtls-3.6',
  'wolfssl-5.5',
  'bearssl-0.6',
  'esp-crt-bundle',
  'openssl-3.0',
  'webpki',
  'strict',
] as const;

/** A device profile id. */
export type DeviceProfileId = (typeof DEVICE_PROFILE_IDS)[number];

/** How a device's TLS stack verifies chains: the verifyChain options that model it. */
export type DeviceBehaviour = Readonly<
  Pick<
    VerifyChainOptions,
    | 'purpose'
    | 'maxDepth'
    | 'minRsaBits'
    | 'allowSha1'
    | 'enforceAnchorExpiry'
    | 'requireOrderedChain'
    | 'nameConstraints'
    | 'strictProfile'
  >
>;

/** The device readiness is computed for: a profile id, or an explicit behaviour with a name. */
export type DeviceSpec = DeviceProfileId | { id: string; behaviour: DeviceBehaviour };

const LENIENT = { strictProfile: false, purpose: 'serverAuth' } as const;

// mbedTLS 2.28 x509_crt.c: mbedtls_x509_crt_verify_with_profile checks every certificate's dates
// (x509_crt_verify_chain → mbedtls_x509_time_is_past/future, the trusted CA included),
// MBEDTLS_X509_MAX_INTERMEDIATE_CA 8, the default profile allows RSA ≥ 2048 and no SHA-1
// (mbedtls_x509_crt_profile_default), and x509_get_crt_ext rejects a critical extension it does
// not parse (name constraints: MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE).
const MBEDTLS: DeviceBehaviour = {
  ...LENIENT,
  maxDepth: 8,
  minRsaBits: 2048,
  allowSha1: false,
  enforceAnchorExpiry: true,
  requireOrderedChain: false,
  nameConstraints: 'reject-if-critical',
};

/** The behaviour of each profile id (see the file header). */
const BEHAVIOURS: Readonly<Record<DeviceProfileId, DeviceBehaviour>> = {
  'mbedtls-2.28': MBEDTLS,
  // mbedTLS 3.6: the same verification engine and default profile for these options.
  'mbedtls-3.6': MBEDTLS,
  // wolfSSL 5.5 (Debian's build): ProcessPeerCerts builds from the CAs it knows; a trusted root's
  // dates are not checked when it is loaded as a CA; RSA ≥ 1024 (RSA_MIN_SIZE), SHA-1 accepted;
  // name constraints processed.
  'wolfssl-5.5': {
    ...LENIENT,
    maxDepth: 14,
    minRsaBits: 1024,
    allowSha1: true,
    enforceAnchorExpiry: false,
    requireOrderedChain: false,
    nameConstraints: 'enforce',
  },
  // BearSSL 0.6 minimal engine (x509_minimal.t0): streams the chain in the order sent, a trust
  // anchor is a name and a key (br_x509_trust_anchor) with no dates, no EKU check, RSA ≥ 1024.
  'bearssl-0.6': {
    strictProfile: false,
    purpose: 'any',
    maxDepth: 14,
    minRsaBits: 1024,
    allowSha1: true,
    enforceAnchorExpiry: false,
    requireOrderedChain: true,
    nameConstraints: 'reject-if-critical',
  },
  // ESP-IDF esp_crt_bundle.c: the bundle keeps subject and key only; the certificate below the
  // root is checked against that key, the root itself (and its dates) never; mbedTLS for the rest.
  'esp-crt-bundle': { ...MBEDTLS, enforceAnchorExpiry: false },
  // OpenSSL 3.0 x509_vfy.c: build_chain from any order, dates checked on every certificate (the
  // anchor too); Debian's default security level 2 (openssl.cnf): RSA ≥ 2048, no SHA-1 signatures.
  'openssl-3.0': {
    ...LENIENT,
    maxDepth: 14,
    minRsaBits: 2048,
    allowSha1: false,
    enforceAnchorExpiry: true,
    requireOrderedChain: false,
    nameConstraints: 'enforce',
  },
  // rustls-webpki: trust anchors are subject + key (+ name constraints), no dates; CA/B profile.
  webpki: {
    strictProfile: true,
    purpose: 'serverAuth',
    maxDepth: 6,
    minRsaBits: 2048,
    allowSha1: false,
    enforceAnchorExpiry: false,
    requireOrderedChain: false,
    nameConstraints: 'enforce',
  },
  // hubtrust's strict RFC 5280 / CA/B Forum verdict.
  strict: {
    strictProfile: true,
    purpose: 'serverAuth',
    maxDepth: 8,
    minRsaBits: 2048,
    allowSha1: false,
    enforceAnchorExpiry: true,
    requireOrderedChain: false,
    nameConstraints: 'enforce',
  },
};

/** A resolved device: its id and the verifyChain options readiness runs with. */
export interface ResolvedDevice {
  id: string;
  /** The options every verifyChain call of the analysis starts from. */
  options: DeviceBehaviour;
  /** True for one of {@link DEVICE_PROFILE_IDS}. */
  known: boolean;
}

/**
 * Resolves a device spec to the verifyChain options readiness uses.
 * @throws ReadinessError `UNKNOWN_DEVICE_PROFILE` for an id that is not a profile.
 * @example resolveDevice('bearssl-0.6').options.enforceAnchorExpiry // false
 */
export function resolveDevice(spec: DeviceSpec): ResolvedDevice {
  if (typeof spec === 'string') {
    const options = (BEHAVIOURS as Readonly<Record<string, DeviceBehaviour>>)[spec];
    if (!options) {
      throw new ReadinessError(
        'UNKNOWN_DEVICE_PROFILE',
        `unknown device profile "${spec}"; known: ${DEVICE_PROFILE_IDS.join(', ')}`,
      );
    }
    return { id: spec, options, known: true };
  }
  if (!spec || typeof spec !== 'object' || typeof spec.id !== 'string' || !spec.behaviour) {
    throw new ReadinessError('INVALID_ARGUMENT', 'device: a profile id or { id, behaviour }');
  }
  return { id: spec.id, options: { ...spec.behaviour }, known: false };
}

/** The verifyChain options of a device (the line that becomes `{ profile: id }` with issue 12). */
export function verifyOptionsFor(device: ResolvedDevice): DeviceBehaviour {
  return device.options;
}
