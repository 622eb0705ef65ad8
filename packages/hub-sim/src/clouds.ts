// The clouds hub-sim impersonates, each tied to a cloud profile of @hubtrust/roots (endpoint
// families in packages/roots/src/profiles.data.ts): which host names a device connects to, which
// key types it serves, which roots a correct device trusts, and whose MQTT/HTTPS conventions the
// endpoints speak. The chains themselves are in profile-chains.ts.
import { RECOMMENDED_SETS, type RecommendedSetId } from '@hubtrust/roots';

/** Every cloud, in the order `hubtrust hub-sim --cloud` lists them. */
export const CLOUD_NAMES = ['azure', 'azure-china', 'azure-ecc', 'aws', 'aws-legacy'] as const;

/** Which hub a simulator impersonates. */
export type Cloud = (typeof CLOUD_NAMES)[number];

/** Server key type of a hub's chain (AWS serves RSA or ECDSA by cipher suite). */
export type KeyType = 'rsa' | 'ecdsa';

/** Whose MQTT and HTTPS conventions a hub's endpoints speak (SAS/X.509 IoT Hub, or AWS IoT Core). */
export type CloudApi = 'azure' | 'aws';

/** What a cloud is and how a correct device of it is set up. */
export interface CloudInfo {
  readonly name: Cloud;
  readonly title: string;
  /** MQTT/HTTPS conventions: Azure IoT Hub's (SAS tokens, `{hub}/{device}/?api-version`) or AWS IoT's. */
  readonly api: CloudApi;
  /** Key types the cloud serves, the default first. */
  readonly keyTypes: readonly KeyType[];
  /** The host name a device connects to, with `<hubName>`, `<endpointId>` and `<region>` placeholders. */
  readonly hostPattern: string;
  /**
   * Roots a correct device trusts (catalog slugs; the hub's `caPem` holds their twins): a
   * recommended set of @hubtrust/roots plus documented additions, with the reason.
   */
  readonly trusted: {
    readonly set: RecommendedSetId | null;
    readonly plus: readonly string[];
    readonly why: string;
  };
}

/** The clouds by name. */
export const CLOUDS: Readonly<Record<Cloud, CloudInfo>> = {
  azure: {
    name: 'azure',
    title: 'Azure IoT Hub (global Azure, RSA)',
    api: 'azure',
    keyTypes: ['rsa'],
    hostPattern: '<hubName>.azure-devices.net',
    trusted: {
      set: 'azure-rsa',
      plus: ['baltimore-cybertrust-root'],
      why: "Microsoft's list during the 2023 migration (AZ_MIGRATE): keep Baltimore CyberTrust Root, add DigiCert Global Root G2 and Microsoft RSA Root CA 2017",
    },
  },
  'azure-china': {
    name: 'azure-china',
    title: 'Azure IoT Hub in Azure China (21Vianet)',
    api: 'azure',
    keyTypes: ['rsa'],
    hostPattern: '<hubName>.azure-devices.cn',
    trusted: {
      set: 'azure-china',
      plus: [],
      why: 'DigiCert Global Root CA (the C SDK root for Azure China) and DigiCert Global Root G2 (the 2026 move)',
    },
  },
  'azure-ecc': {
    name: 'azure-ecc',
    title: 'Azure IoT Hub with an ECC server certificate (preview hubs, ECDSA-only cipher suites)',
    api: 'azure',
    keyTypes: ['ecdsa'],
    hostPattern: '<hubName>.azure-devices.net',
    trusted: { set: 'azure-all', plus: [], why: "Microsoft's RSA and ECC list (AZ_TLSSUP, AZ_CADET)" },
  },
  aws: {
    name: 'aws',
    title: 'AWS IoT Core data endpoint (iot:Data-ATS)',
    api: 'aws',
    keyTypes: ['rsa', 'ecdsa'],
    hostPattern: '<endpointId>-ats.iot.<region>.amazonaws.com',
    trusted: {
      set: 'aws',
      plus: [],
      why: 'Amazon Root CA 1 (RSA), Amazon Root CA 3 (ECC) and Starfield Services Root G2 (AWS_SA)',
    },
  },
  'aws-legacy': {
    name: 'aws-legacy',
    title: 'AWS IoT Core legacy data endpoint (iot:Data, VeriSign Class 3 G5; deprecated)',
    api: 'aws',
    keyTypes: ['rsa', 'ecdsa'],
    hostPattern: '<endpointId>.iot.<region>.amazonaws.com',
    trusted: {
      set: null,
      plus: ['verisign-class3-g5'],
      why: 'the root AWS documented for iot:Data endpoints (AWS_SA, older text); no vendor set covers the deprecated endpoint',
    },
  },
};

/** Catalog slugs of the roots a correct device of `cloud` trusts (set first, then additions). */
export function trustedSlugs(cloud: Cloud): readonly string[] {
  const { set, plus } = CLOUDS[cloud].trusted;
  const fromSet: readonly string[] = set ? RECOMMENDED_SETS[set].slugs : [];
  return [...fromSet, ...plus.filter((slug) => !fromSet.includes(slug))];
}

/**
 * The cloud named `value`.
 * @throws TypeError naming the clouds when it is none of them
 */
export function cloudOf(value: unknown): Cloud {
  if (typeof value === 'string' && (CLOUD_NAMES as readonly string[]).includes(value)) return value as Cloud;
  throw new TypeError(`unknown cloud "${String(value)}" (one of ${CLOUD_NAMES.join(', ')})`);
}

/**
 * The key type a hub of `cloud` serves for the requested one.
 * @throws TypeError when the cloud does not serve that key type (Azure RSA only, Azure ECC ECDSA only)
 */
export function keyTypeFor(cloud: Cloud, requested: KeyType | undefined): KeyType {
  const types = CLOUDS[cloud].keyTypes;
  if (requested === undefined) return types[0] as KeyType;
  if (!types.includes(requested)) {
    throw new TypeError(`cloud "${cloud}" serves ${types.join(' or ')} chains, not ${requested}`);
  }
  return requested;
}
