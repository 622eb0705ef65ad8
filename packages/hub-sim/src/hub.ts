// startHub: one simulated hub = one scenario on three loopback TLS listeners (MQTT, HTTPS, echo).
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type net from 'node:net';
import tls from 'node:tls';
import { DEVICE_ID } from './authorities.js';
import { CLOUDS, type Cloud, type CloudApi, cloudOf, type KeyType, keyTypeFor } from './clouds.js';
import { echoConnection } from './echo-endpoint.js';
import { createHttpsHandler } from './https-endpoint.js';
import { seededBytes } from './keys.js';
import { DEFAULT_LARGE_MESSAGE_BYTES, largeMessage } from './large-message.js';
import { DEFAULT_LIMITS, type HubLimits } from './limits.js';
import { createMqttHandler, type DeviceIdentity } from './mqtt-endpoint.js';
import { loadTestPki, type TestPki, twinPlan } from './pki.js';
import { type ConnectionRecord, type Endpoint, RecordStore } from './records.js';
import { SCENARIOS, type ScenarioInfo, type ScenarioName, serverSetup } from './scenarios.js';
import { createTlsEndpoint } from './tls-endpoint.js';

/** Options of {@link startHub}. Everything is optional. */
export interface HubOptions {
  /** Default `current`. */
  readonly scenario?: ScenarioName;
  /** Which hub to impersonate (`CLOUD_NAMES`). Default `azure`. */
  readonly cloud?: Cloud;
  /**
   * The chain's key type, for clouds that serve both (`CLOUDS[cloud].keyTypes`): AWS `ecdsa` serves
   * the Amazon Root CA 3 (P-256) chain instead of Root CA 1 (RSA), AWS legacy the Symantec ECC
   * 256 bit issuing CA instead of the RSA one. Default: the cloud's first (`rsa`; `ecdsa` for azure-ecc).
   */
  readonly keyType?: KeyType;
  /** Azure clouds: the hub is `<hubName>.azure-devices.net` (`.cn` in Azure China). Default `hubtrust-test`. */
  readonly hubName?: string;
  /**
   * AWS clouds: the endpoint is `<endpointId>-ats.iot.<region>.amazonaws.com` (`<endpointId>.iot.…`
   * for the legacy endpoint). Defaults `a1b2c3d4e5f6g7`, `us-east-1`.
   */
  readonly endpointId?: string;
  readonly region?: string;
  /** Address to listen on. Default `127.0.0.1` (the simulator is meant for loopback). */
  readonly listenHost?: string;
  /** Fixed ports; 0 or absent = a free port chosen by the OS. */
  readonly ports?: { readonly mqtt?: number; readonly https?: number; readonly echo?: number };
  /** Seed of the test PKI. Default `hubtrust-hub-sim`. */
  readonly seed?: string;
  /** PKI cache directory, or false for memory only. Default: see the README ("Cache"). */
  readonly cacheDir?: string | false;
  /** Devices with SAS keys (Azure). Default: one device `hubtrust-device-1` with a key derived from the seed. */
  readonly devices?: readonly DeviceIdentity[];
  /** ALPN protocols the MQTT endpoint selects from (e.g. `['x-amzn-mqtt-ca', 'mqtt']`). Default: no ALPN. */
  readonly mqttAlpn?: readonly string[];
  /** Overrides of {@link DEFAULT_LIMITS}. */
  readonly limits?: Partial<HubLimits>;
  /**
   * Record-size scenarios (max-size-records, mfl-honoured): size in bytes of the MQTT PUBLISH
   * payload sent on subscribe and of the HTTPS device-bound body, 64 … 262,144. Default 16,384
   * (one full TLS record).
   */
  readonly largeMessageBytes?: number;
}

/** A certificate and key a device can present (PEM). */
export interface DeviceCredential {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A running hub. */
export interface Hub {
  /** Address to connect to (loopback). */
  readonly host: string;
  /** The MQTT-over-TLS port (the hub's 8883). */
  readonly port: number;
  readonly ports: { readonly mqtt: number; readonly https: number; readonly echo: number };
  /** The hub's DNS name: use it as TLS servername (SNI) and for host-name verification. */
  readonly hostname: string;
  readonly cloud: Cloud;
  /** Whose MQTT/HTTPS conventions the endpoints speak: `azure` (IoT Hub) or `aws` (IoT Core). */
  readonly api: CloudApi;
  /** Key type of the chain served. */
  readonly keyType: KeyType;
  readonly scenario: ScenarioInfo;
  /**
   * The cloud-profile chain the served chain mirrors (ids into @hubtrust/roots' `cloudProfiles`),
   * the real certificates whose twins are sent after the leaf, and the anchors a device may stop
   * at; null when the hub serves hub-sim's own untrusted chain (`untrusted-root`).
   */
  readonly profileChain: {
    readonly family: string;
    readonly period: string;
    readonly chain: string;
    readonly sent: readonly string[];
    readonly anchors: readonly string[];
  } | null;
  /** Twins of the roots a correct device of this cloud trusts, PEM: the `ca` to give a client. */
  readonly caPem: string;
  /** Catalog slugs of those roots (`caPem` holds their twins, in this order). */
  readonly trustedSlugs: readonly string[];
  /**
   * Every root of the test PKI by id: the twins by the real root's catalog slug
   * (`digicert-global-root-g2`, `microsoft-tls-rsa-root-g2`, ...), `untrusted-root` and `device-ca`.
   */
  readonly roots: Readonly<Record<string, string>>;
  /** The chain the hub sends, leaf first, PEM. */
  readonly chainPem: string;
  /** Size in bytes of the Certificate handshake message for this chain, per TLS version. */
  readonly certificateMessageBytes: { readonly 'TLSv1.2': number; readonly 'TLSv1.3': number };
  /** Devices with SAS keys. */
  readonly devices: readonly DeviceIdentity[];
  /** Device certificates for client-cert-required: only `registered` is accepted. */
  readonly deviceCertificates: {
    readonly deviceId: string;
    readonly registered: DeviceCredential;
    readonly expired: DeviceCredential;
    readonly selfSigned: DeviceCredential;
    readonly unregisteredCa: DeviceCredential;
  };
  /** Connection records, oldest first, updated in place (see the README, "Records"). */
  readonly records: readonly ConnectionRecord[];
  /** Records dropped because `limits.maxRecords` was reached. */
  readonly droppedRecords: number;
  readonly limits: HubLimits;
  /** Size of the large message of the record-size scenarios; null in the other scenarios. */
  readonly largeMessageBytes: number | null;
  /** Milliseconds startHub took (PKI load, leaf issue, listeners). */
  readonly startupMs: number;
  /**
   * Resolves with the first record, existing or future, that matches.
   * @throws Error (rejects) after `timeoutMs` (default 10 s) without one.
   */
  waitForRecord(
    predicate: (record: ConnectionRecord) => boolean,
    timeoutMs?: number,
  ): Promise<ConnectionRecord>;
  /** Calls `listener` after every change to a record (opened, ClientHello read, handshake, MQTT, ended); returns unsubscribe. */
  onRecord(listener: (record: ConnectionRecord) => void): () => void;
  /** Closes the listeners and every open connection. */
  stop(): Promise<void>;
}

const HUB_NAME = /^[A-Za-z0-9-]{3,50}$/;
const AWS_LABEL = /^[a-z0-9-]{1,63}$/;

function hostnameOf(cloud: Cloud, options: HubOptions, region: string): string {
  const pattern = CLOUDS[cloud].hostPattern;
  if (CLOUDS[cloud].api === 'azure') {
    const hub = options.hubName ?? 'hubtrust-test';
    if (!HUB_NAME.test(hub)) throw new TypeError(`hubName "${hub}" is not a valid IoT hub name`);
    return pattern.replace('<hubName>', hub);
  }
  const id = options.endpointId ?? 'a1b2c3d4e5f6g7';
  if (!AWS_LABEL.test(id) || !AWS_LABEL.test(region))
    throw new TypeError('endpointId and region must be DNS labels');
  return pattern.replace('<endpointId>', id).replace('<region>', region);
}

function derLength(pem: string): number {
  return new X509Certificate(pem).raw.length;
}

function credential(pki: TestPki, certId: string): DeviceCredential {
  return { certPem: pki.certificatePem(certId), keyPem: pki.privateKeyPem('device') };
}

/**
 * Starts a simulated hub on loopback.
 * @throws TypeError for an unknown scenario or cloud, a key type the cloud does not serve, or a malformed
 *   name; Error when the scenario does not exist for the cloud (`SCENARIOS[name].clouds`) or the profiles
 *   no longer have a chain hub-sim serves; RangeError for `largeMessageBytes` outside 64 … 262,144.
 * @example
 * ```ts
 * const hub = await startHub({ scenario: 'expired-leaf' });
 * const socket = tls.connect({ host: hub.host, port: hub.port, servername: hub.hostname, ca: hub.caPem });
 * // ... socket errors with CERT_HAS_EXPIRED; hub.records[0].outcome tells how the hub saw it
 * await hub.stop();
 * ```
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const started = performance.now();
  const scenarioName = options.scenario ?? 'current';
  const scenario = SCENARIOS[scenarioName];
  if (!scenario) throw new TypeError(`unknown scenario "${scenarioName}"`);
  const cloud = cloudOf(options.cloud ?? 'azure');
  const keyType = keyTypeFor(cloud, options.keyType);
  const region = options.region ?? 'us-east-1';
  const hostname = hostnameOf(cloud, options, region);
  const setup = serverSetup(scenarioName, cloud, keyType, region);
  const limits: HubLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const large = largeMessage(options.largeMessageBytes ?? DEFAULT_LARGE_MESSAGE_BYTES); // validates
  const bigMessage = setup.largeMessages ? large : null;
  const pki = await loadTestPki({
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  });

  const leafPem = await pki.issueLeaf(setup.leaf);
  const chain = [leafPem, ...setup.chain.map((id) => pki.certificatePem(id))];
  const sizes = chain.map(derLength);
  const certificateMessageBytes = {
    'TLSv1.2': 4 + 3 + sizes.reduce((sum, n) => sum + 3 + n, 0),
    'TLSv1.3': 4 + 1 + 3 + sizes.reduce((sum, n) => sum + 3 + n + 2, 0),
  };
  const secureContext = tls.createSecureContext({
    key: pki.privateKeyPem(setup.leaf.key),
    cert: chain.join(''),
    minVersion: setup.tls.minVersion,
    maxVersion: setup.tls.maxVersion,
    ...(setup.tls.ciphers ? { ciphers: setup.tls.ciphers } : {}),
    ...(setup.tls.requestCert ? { ca: pki.certificatePem('device-ca') } : {}),
  });

  const devices: readonly DeviceIdentity[] = options.devices ?? [
    { deviceId: DEVICE_ID, primaryKey: seededBytes(pki.seed, `sas-key/${DEVICE_ID}`, 32).toString('base64') },
  ];
  const deviceKeys = new Map(devices.map((d) => [d.deviceId, d.primaryKey]));
  const store = new RecordStore({ maxRecords: limits.maxRecords });
  const active = new Set<net.Socket>();
  const mqtt = await createMqttHandler({
    api: CLOUDS[cloud].api,
    hostname,
    devices: deviceKeys,
    limits,
    store,
    x509: setup.tls.requestCert,
    largeMessage: bigMessage,
  });
  const https = createHttpsHandler({
    api: CLOUDS[cloud].api,
    hostname,
    scenario: scenarioName,
    devices: deviceKeys,
    limits,
    store,
    largeMessage: bigMessage,
  });

  const listen = async (endpoint: Endpoint, port: number | undefined): Promise<net.Server> => {
    const server = createTlsEndpoint({
      endpoint,
      scenario: scenarioName,
      secureContext,
      requestCert: setup.tls.requestCert,
      ...(endpoint === 'mqtt' && options.mqttAlpn ? { alpn: options.mqttAlpn } : {}),
      ...(endpoint === 'https' ? { alpn: ['http/1.1'] } : {}),
      limits,
      store,
      active,
      onEstablished:
        endpoint === 'mqtt'
          ? (socket, record) => mqtt.handle(socket, record)
          : endpoint === 'https'
            ? (socket, record) => https.handle(socket, record)
            : (socket, record) => echoConnection(socket, record, store, limits),
    });
    server.listen(port ?? 0, options.listenHost ?? '127.0.0.1');
    await once(server, 'listening');
    return server;
  };
  const servers: net.Server[] = [];
  const ports = { mqtt: 0, https: 0, echo: 0 };
  try {
    for (const endpoint of ['mqtt', 'https', 'echo'] as const) {
      const server = await listen(endpoint, options.ports?.[endpoint]);
      servers.push(server);
      ports[endpoint] = (server.address() as net.AddressInfo).port;
    }
  } catch (error) {
    for (const server of servers) server.close();
    await mqtt.close();
    throw error;
  }
  const rootIds = [
    ...twinPlan()
      .twins.filter((t) => t.issuer === 'self')
      .map((t) => t.id),
    'untrusted-root',
    'device-ca',
  ];
  const roots = Object.fromEntries(rootIds.map((id) => [id, pki.certificatePem(id)]));
  const profile = setup.profile;
  let stopped: Promise<void> | null = null;

  return {
    host: options.listenHost ?? '127.0.0.1',
    port: ports.mqtt,
    ports,
    hostname,
    cloud,
    api: CLOUDS[cloud].api,
    keyType: setup.keyType,
    scenario,
    profileChain: profile
      ? {
          family: profile.family.id,
          period: profile.period.id,
          chain: profile.chain.id,
          sent: setup.chain,
          anchors: profile.anchors,
        }
      : null,
    caPem: setup.trusted.map((id) => pki.certificatePem(id)).join(''),
    trustedSlugs: setup.trusted,
    roots,
    chainPem: chain.join(''),
    certificateMessageBytes,
    devices,
    deviceCertificates: {
      deviceId: DEVICE_ID,
      registered: credential(pki, 'device-registered'),
      expired: credential(pki, 'device-expired'),
      selfSigned: credential(pki, 'device-self-signed'),
      unregisteredCa: credential(pki, 'device-unregistered-ca'),
    },
    records: store.records,
    get droppedRecords() {
      return store.dropped;
    },
    limits,
    largeMessageBytes: bigMessage?.length ?? null,
    startupMs: Math.round(performance.now() - started),
    waitForRecord: (predicate, timeoutMs = 10_000) => store.waitFor(predicate, timeoutMs),
    onRecord: (listener) => store.subscribe(listener),
    stop() {
      stopped ??= (async () => {
        const closing = servers.map(
          (server) => new Promise<void>((resolve) => server.close(() => resolve())),
        );
        for (const socket of active) socket.destroy();
        await https.close();
        await mqtt.close();
        await Promise.all(closing);
      })();
      return stopped;
    },
  };
}
