// The scenarios: what each hub serves and what a correct device must do about it, and on which
// clouds each one makes sense.
import type { HandshakeCause } from '@hubtrust/roots';
import { leafKeyId } from './authorities.js';
import { CLOUD_NAMES, CLOUDS, type Cloud, type KeyType, trustedSlugs } from './clouds.js';
import { type ChainErrorCode, RECORD_TOO_LARGE, type ScenarioExpectation } from './expectations.js';
import type { LeafVariant } from './leaves.js';
import { type LeafRequest, twinPlan } from './pki.js';
import { type ChainRole, chainRef, type SimulatedChain } from './profile-chains.js';

/** Every scenario name, in the order `hubtrust hub-sim --list` shows them. */
export const SCENARIO_NAMES = [
  'current',
  'legacy-baltimore',
  'rotated-root',
  'expired-leaf',
  'not-yet-valid',
  'wrong-host',
  'untrusted-root',
  'sha1-signed',
  'missing-intermediate',
  'large-chain',
  'tls10-only',
  'tls12-only',
  'tls13-only',
  'weak-cipher-only',
  'client-cert-required',
  'max-size-records',
  'mfl-honoured',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** One scenario. */
export interface ScenarioInfo {
  readonly name: ScenarioName;
  readonly clouds: readonly Cloud[];
  /** What the hub does. */
  readonly serves: string;
  /** What a correct device must do, in words. */
  readonly correctDevice: string;
  readonly expected: ScenarioExpectation;
}

/** Every cloud. */
const ALL: readonly Cloud[] = CLOUD_NAMES;
/** Clouds with an RSA chain (static-RSA suites need an RSA certificate; Azure ECC hubs have none). */
const RSA_CLOUDS: readonly Cloud[] = CLOUD_NAMES.filter((c) => CLOUDS[c].keyTypes.includes('rsa'));

const CONNECTS: ScenarioExpectation = {
  connects: true,
  cause: 'handshake_success',
  alert: null,
  opensslVerifyError: null,
  chainError: null,
};

function rejects(
  cause: HandshakeCause,
  alert: string,
  sentBy: 'device' | 'hub',
  opensslVerifyError: string | null,
  chainError: ChainErrorCode | null,
): ScenarioExpectation {
  return { connects: false, cause, alert: { name: alert, sentBy }, opensslVerifyError, chainError };
}

/** All scenarios by name. */
export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioInfo>> = {
  current: {
    name: 'current',
    clouds: ALL,
    serves:
      'The cloud\'s current chain (twins of the real certificates, per its cloud profile): Azure "DigiCert Global Root G2 → Microsoft Azure RSA TLS Issuing CA 03 → *.azure-devices.net"; Azure China "DigiCert Global Root CA → Azure China TLS Issuing CA (modelled) → *.azure-devices.cn"; Azure ECC "DigiCert Global Root G3 → Microsoft Azure ECC TLS Issuing CA 03 → *.azure-devices.net" (P-384); AWS "*.iot.<region>.amazonaws.com → Amazon RSA 2048 M01 → Amazon Root CA 1 (cross-signed by Starfield Services Root G2) → Starfield Services Root G2 (cross-signed by Starfield Class 2)", or the Amazon Root CA 3 ECDSA chain with keyType ecdsa; AWS legacy "VeriSign Class 3 G5 → Symantec Class 3 Secure Server CA G4 (RSA) / ECC 256 bit SSL CA G2 (ecdsa) → *.iot.<region>.amazonaws.com".',
    correctDevice: 'Connect (TLS 1.2 or 1.3), then authenticate over MQTT.',
    expected: CONNECTS,
  },
  'legacy-baltimore': {
    name: 'legacy-baltimore',
    clouds: ['azure'],
    serves:
      'The pre-2023 IoT Hub layout: Baltimore CyberTrust Root (SHA-1 self-signature, pathlen 3, no digitalSignature key usage) → Microsoft RSA TLS CA 01 → leaf.',
    correctDevice:
      "Connect when Baltimore is in its trust store (Microsoft's recommended list had it until the 2023 migration); a device that only trusts DigiCert Global Root G2 rejects with unknown_ca. (The real Baltimore root expired 2025-05-12; the test copy does not expire, so this scenario checks the layout.)",
    expected: CONNECTS,
  },
  'rotated-root': {
    name: 'rotated-root',
    clouds: ['azure', 'azure-china'],
    serves:
      "The chain after the cloud's announced root rotation. Azure: under the new Microsoft TLS RSA Root G2, sending its cross-certificate from DigiCert Global Root G2: leaf → Microsoft TLS G2 RSA CA OCSP 02 → Microsoft TLS RSA Root G2 (issued by DigiCert Global Root G2). Azure China: the move from DigiCert Global Root CA to DigiCert Global Root G2 (no cross-certificate): leaf → Azure China G2 TLS Issuing CA (modelled) → DigiCert Global Root G2.",
    correctDevice:
      'Connect. Azure: build the path through the cross-certificate to DigiCert Global Root G2, or stop at Microsoft TLS RSA Root G2 if that root is trusted. Azure China: trust DigiCert Global Root G2 beside DigiCert Global Root CA; a device with the old root only rejects with unknown_ca. Never pin the intermediate.',
    expected: CONNECTS,
  },
  'expired-leaf': {
    name: 'expired-leaf',
    clouds: ALL,
    serves: 'The current chain with a leaf valid 2023-01-01 … 2024-01-01.',
    correctDevice: 'Reject the chain: certificate_expired (do not skip the time check).',
    expected: rejects('expired', 'certificate_expired', 'device', 'certificate has expired', 'EXPIRED'),
  },
  'not-yet-valid': {
    name: 'not-yet-valid',
    clouds: ALL,
    serves:
      'The current chain with a leaf valid 2036-01-01 … 2037-01-01, as a device with a clock behind would see it.',
    correctDevice: 'Reject the chain (bad_certificate): get the time right (NTP/RTC) before connecting.',
    expected: rejects(
      'not_yet_valid_clock',
      'bad_certificate',
      'device',
      'certificate is not yet valid',
      'NOT_YET_VALID',
    ),
  },
  'wrong-host': {
    name: 'wrong-host',
    clouds: ALL,
    serves:
      'A valid chain whose leaf names another service (*.servicebus.windows.net; *.servicebus.chinacloudapi.cn in Azure China; for AWS another region).',
    correctDevice: 'Reject: the host name it connects to is not in the certificate (bad_certificate).',
    expected: rejects('hostname_mismatch', 'bad_certificate', 'device', 'hostname mismatch', 'NAME_MISMATCH'),
  },
  'untrusted-root': {
    name: 'untrusted-root',
    clouds: ALL,
    serves: 'A well-formed chain under "hubtrust TEST Untrusted Root CA", a root the device does not trust.',
    correctDevice: 'Reject with unknown_ca.',
    expected: rejects(
      'unknown_ca',
      'unknown_ca',
      'device',
      'unable to get local issuer certificate',
      'UNKNOWN_ISSUER',
    ),
  },
  'sha1-signed': {
    name: 'sha1-signed',
    clouds: ALL,
    serves: 'The current chain with the leaf signed with SHA-1 (sha1WithRSAEncryption / ecdsa-with-SHA1).',
    correctDevice: 'Reject: SHA-1 signatures are not acceptable (bad_certificate).',
    expected: rejects(
      'other',
      'bad_certificate',
      'device',
      'CA signature digest algorithm too weak',
      'WEAK_SIGNATURE_ALGORITHM',
    ),
  },
  'missing-intermediate': {
    name: 'missing-intermediate',
    clouds: ALL,
    serves: 'The leaf alone, without its issuing CA.',
    correctDevice:
      'Reject with unknown_ca (devices must not trust a leaf they cannot chain; no AIA fetching).',
    expected: rejects(
      'unknown_ca',
      'unknown_ca',
      'device',
      'unable to get local issuer certificate',
      'UNKNOWN_ISSUER',
    ),
  },
  'large-chain': {
    name: 'large-chain',
    clouds: ALL,
    serves:
      'A valid chain whose Certificate handshake message is over 16 KiB (a leaf with 420 extra SANs), split over several TLS records.',
    correctDevice:
      'Connect: reassemble a Certificate message larger than one 16 KiB record (mbedTLS: MBEDTLS_SSL_IN_CONTENT_LEN ≥ the message size).',
    expected: CONNECTS,
  },
  'tls10-only': {
    name: 'tls10-only',
    clouds: ALL,
    serves: 'The current chain over TLS 1.0 only (OpenSSL 3 needs @SECLEVEL=0 for it).',
    correctDevice: 'Refuse TLS 1.0: offer TLS 1.2 or later only; the hub then fails with protocol_version.',
    expected: rejects('protocol_mismatch', 'protocol_version', 'hub', null, null),
  },
  'tls12-only': {
    name: 'tls12-only',
    clouds: ALL,
    serves: 'The current chain over TLS 1.2 only.',
    correctDevice: 'Connect with TLS 1.2 (the minimum IoT Hub and AWS IoT Core accept).',
    expected: CONNECTS,
  },
  'tls13-only': {
    name: 'tls13-only',
    clouds: ALL,
    serves: 'The current chain over TLS 1.3 only.',
    correctDevice:
      'Connect with TLS 1.3. A TLS 1.2-only stack fails with protocol_version: acceptable only if the device is documented as TLS 1.2-only.',
    expected: CONNECTS,
  },
  'weak-cipher-only': {
    name: 'weak-cipher-only',
    clouds: RSA_CLOUDS,
    serves:
      'TLS 1.2 with only TLS_RSA_WITH_AES_128_CBC_SHA / TLS_RSA_WITH_AES_256_CBC_SHA: RSA key transport, no forward secrecy, CBC with SHA-1 (RFC 9325 §4.1: SHOULD NOT; IoT Hub lists them as legacy). These suites need an RSA certificate: AWS and AWS legacy use their RSA chain whatever keyType says, and Azure ECC hubs (ECDSA-only suites, RSA served by the same host names to everyone else) do not have the scenario.',
    correctDevice:
      'Refuse: offer only ECDHE suites with AEAD ciphers; the hub then fails with handshake_failure.',
    expected: rejects('protocol_mismatch', 'handshake_failure', 'hub', null, null),
  },
  'client-cert-required': {
    name: 'client-cert-required',
    clouds: ALL,
    serves:
      'The current chain, and the hub requires a device certificate issued by the registered "hubtrust TEST Device CA" (X.509 CA authentication).',
    correctDevice:
      'Present the registered device certificate (CN = device id) and connect. Others are refused by the hub: no certificate → certificate_required (TLS 1.3) / handshake_failure (TLS 1.2); unknown issuer or self-signed → unknown_ca; expired → certificate_expired.',
    expected: CONNECTS,
  },
  'max-size-records': {
    name: 'max-size-records',
    clouds: ALL,
    serves:
      "The current chain; after the handshake the hub sends application data in records carrying the TLS maximum of 16,384 bytes of plaintext: on MQTT, once the device subscribes, one PUBLISH of `largeMessageBytes` (default 16,384) on the subscribed topic, at the granted QoS up to 1 (like AWS IoT Device Advisor's TLS Receive Maximum Size Fragments); over HTTPS, the body of GET /devices/{id}/messages/deviceBound (Azure) or GET /things/{name}/shadow (AWS). A device that negotiated max_fragment_length gets records within it: OpenSSL always honours the extension, so a hub that ignores it cannot be simulated.",
    correctDevice:
      'Receive and process full 16,384-byte records (a 16 KiB input buffer plus record overhead). A device built with a smaller input buffer (MBEDTLS_SSL_IN_CONTENT_LEN=4096, ESP-IDF asymmetric buffers) that does not negotiate max_fragment_length fails with record_too_large; negotiating it (see mfl-honoured) only helps against hubs that honour it.',
    expected: { ...CONNECTS, byBuffer: { 'in-8k': RECORD_TOO_LARGE } },
  },
  'mfl-honoured': {
    name: 'mfl-honoured',
    clouds: ALL,
    serves:
      'The current chain and the same large application data as max-size-records. For a device that offers RFC 6066 max_fragment_length the hub (OpenSSL) echoes it and splits every record it sends to that size, handshake messages included; the record shows the negotiated limit and the largest record sent. (OpenSSL also refuses device records larger than the limit with record_overflow.)',
    correctDevice:
      'A device with an input buffer under 16 KiB offers max_fragment_length no larger than it (512, 1,024, 2,048 or 4,096), reassembles handshake messages split over several records (RFC 5246 §6.2.1; here the Certificate message when it is larger than the limit), keeps its own records within the limit and receives the large message. Without the offer it fails as in max-size-records.',
    expected: { ...CONNECTS, byBuffer: { 'in-8k': RECORD_TOO_LARGE } },
  },
};

/** Scenarios whose hub sends large application data (MQTT PUBLISH on subscribe, HTTPS body). */
const LARGE_MESSAGE_SCENARIOS: ReadonlySet<ScenarioName> = new Set(['max-size-records', 'mfl-honoured']);

/** TLS settings of a scenario (node:tls option names). */
export interface TlsSettings {
  readonly minVersion: 'TLSv1' | 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion: 'TLSv1' | 'TLSv1.2' | 'TLSv1.3';
  readonly ciphers?: string;
  readonly requestCert: boolean;
}

/** What the hub serves for a scenario. */
export interface ServerSetup {
  readonly leaf: LeafRequest;
  /** Certificate ids sent after the leaf, in order. */
  readonly chain: readonly string[];
  readonly tls: TlsSettings;
  /** Root ids (catalog slugs of the real roots) whose twins a correct device trusts (the hub's `caPem`). */
  readonly trusted: readonly string[];
  /** The hub sends a large message on MQTT subscribe and as the HTTPS device-bound body. */
  readonly largeMessages: boolean;
  /** The key type of the chain served (weak-cipher-only serves RSA). */
  readonly keyType: KeyType;
  /** The profile chain the hub's chain mirrors; null when it serves hub-sim's untrusted chain. */
  readonly profile: SimulatedChain | null;
}

/** Which of a cloud's chains a scenario serves. */
function roleOf(name: ScenarioName): ChainRole {
  return name === 'legacy-baltimore' ? 'legacy' : name === 'rotated-root' ? 'rotated' : 'current';
}

/** The leaf each scenario serves; the others serve a valid one. */
const LEAF_VARIANT: Partial<Record<ScenarioName, LeafVariant>> = {
  'expired-leaf': 'expired',
  'not-yet-valid': 'not-yet-valid',
  'wrong-host': 'wrong-host',
  'sha1-signed': 'sha1',
  'large-chain': 'large',
};

/** TLS 1.2 and 1.3 with OpenSSL's default suites: what the real hubs accept. */
const MODERN_TLS: TlsSettings = { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', requestCert: false };

/** TLS settings of the scenarios that differ from {@link MODERN_TLS}. */
const TLS_SETTINGS: Partial<Record<ScenarioName, TlsSettings>> = {
  'tls10-only': {
    minVersion: 'TLSv1',
    maxVersion: 'TLSv1',
    ciphers: 'DEFAULT@SECLEVEL=0',
    requestCert: false,
  },
  'tls12-only': { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', requestCert: false },
  'tls13-only': { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', requestCert: false },
  'weak-cipher-only': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.2',
    ciphers: 'AES128-SHA:AES256-SHA',
    requestCert: false,
  },
  'sha1-signed': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    ciphers: 'DEFAULT@SECLEVEL=0',
    requestCert: false,
  },
  'client-cert-required': { ...MODERN_TLS, requestCert: true },
};

/**
 * The server side of a scenario.
 * @throws Error when the scenario does not exist for the cloud (see {@link ScenarioInfo.clouds})
 */
export function serverSetup(name: ScenarioName, cloud: Cloud, keyType: KeyType, region: string): ServerSetup {
  const info = SCENARIOS[name];
  if (!info.clouds.includes(cloud)) {
    throw new Error(`scenario "${name}" exists only for ${info.clouds.join(', ')}`);
  }
  const served = name === 'weak-cipher-only' ? 'rsa' : keyType;
  const ref = chainRef(cloud, served, roleOf(name));
  const profile = twinPlan().chains.find((c) => c.ref === ref) as SimulatedChain;
  const untrusted = name === 'untrusted-root';
  return {
    leaf: {
      cloud,
      region,
      variant: LEAF_VARIANT[name] ?? 'valid',
      issuer: untrusted ? 'untrusted-issuing-ca' : ref.issuer,
      key: leafKeyId(profile.leafKey),
      hash: untrusted ? 'SHA-256' : ref.leafHash,
      urls: ref.leafUrls,
    },
    chain: name === 'missing-intermediate' ? [] : untrusted ? ['untrusted-issuing-ca'] : profile.sent,
    tls: TLS_SETTINGS[name] ?? MODERN_TLS,
    trusted: trustedSlugs(cloud),
    largeMessages: LARGE_MESSAGE_SCENARIOS.has(name),
    keyType: served,
    profile: untrusted ? null : profile,
  };
}
