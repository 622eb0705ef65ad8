// MQTT 3.1.1 over TLS as IoT hubs speak it, on aedes.
//
// Azure IoT Hub (Microsoft Learn, "Communicate with an IoT hub using the MQTT protocol"):
//   client id = device id; username = `{hub host}/{device id}/?api-version=...`;
//   password = SAS token with sr = `{hub host}/devices/{device id}` (or empty with X.509 auth,
//   where the certificate CN must be the device id); devices publish to
//   `devices/{id}/messages/events/...` and use `$iothub/...` topics.
// CONNACK return codes chosen here (MQTT 3.1.1 §3.2.2.3; the Azure C SDK treats 2 and 4 as bad
// credentials, 5 is what clients report for refused SAS tokens):
//   1 MQTT 5 or other protocol levels (aedes), 2 client id ≠ device id in the username,
//   4 username not `{this hub}/{device}/?api-version=...`, 5 unknown device, bad/expired SAS
//   token, missing password, or certificate CN ≠ device id.
// AWS IoT Core authenticates devices by client certificate and IoT policies; the simulator
// models the TLS side only: without client-cert-required it accepts any CONNECT with a client id.
// Record-size scenarios: after the SUBACK of a device's first SUBSCRIBE the hub publishes one
// large message to that device alone, on a topic matching the first granted filter (not a `$`
// one when there is another), at the granted QoS up to 1 — as AWS IoT Device Advisor's "TLS
// Receive Maximum Size Fragments" does on its trigger topic. Once per connection, so a client
// cannot make the hub send 16 KiB per 10-byte SUBSCRIBE.
import type tls from 'node:tls';
import { Aedes } from 'aedes';
import type { CloudApi } from './clouds.js';
import { topicForFilter } from './large-message.js';
import type { HubLimits } from './limits.js';
import { MqttGuard } from './mqtt-guard.js';
import type { ConnectionRecord, MqttInfo, RecordStore } from './records.js';
import { verifySasToken } from './sas.js';

/** A device the hub knows, with its SAS key (base64). */
export interface DeviceIdentity {
  readonly deviceId: string;
  readonly primaryKey: string;
}

/** The MQTT side of a hub. */
export interface MqttHandler {
  handle(socket: tls.TLSSocket, record: ConnectionRecord): void;
  close(): Promise<void>;
}

type Decision =
  | { readonly returnCode: 0; readonly auth: MqttInfo['auth'] }
  | { readonly returnCode: 2 | 4 | 5; readonly refusal: string };

/**
 * The CONNECT decision (exported for unit tests).
 * @param peerCommonName - CN of a verified client certificate, or null without one
 */
export function authorizeConnect(options: {
  readonly api: CloudApi;
  readonly hostname: string;
  readonly devices: ReadonlyMap<string, string>;
  readonly clientId: string;
  readonly username: string | undefined;
  readonly password: Buffer | undefined;
  readonly peerCommonName: string | null;
  readonly now?: Date;
}): Decision {
  const { clientId, username, password } = options;
  if (options.api === 'aws') {
    if (!clientId) return { returnCode: 2, refusal: 'empty client id' };
    return { returnCode: 0, auth: options.peerCommonName !== null ? 'x509' : 'none' };
  }
  const match = /^([^/]+)\/([^/]+)\/\?(.*)$/.exec(username ?? '');
  if (
    !match ||
    match[1]?.toLowerCase() !== options.hostname.toLowerCase() ||
    !/(^|&)api-version=/.test(match[3] ?? '')
  ) {
    return { returnCode: 4, refusal: `username is not "${options.hostname}/<device id>/?api-version=..."` };
  }
  const deviceId = match[2] as string;
  if (deviceId !== clientId)
    return { returnCode: 2, refusal: `client id "${clientId}" is not the device id "${deviceId}"` };
  if (options.peerCommonName !== null) {
    if (options.peerCommonName !== deviceId) {
      return { returnCode: 5, refusal: `certificate CN "${options.peerCommonName}" is not the device id` };
    }
    return { returnCode: 0, auth: 'x509' };
  }
  const key = options.devices.get(deviceId);
  if (!key) return { returnCode: 5, refusal: `unknown device "${deviceId}"` };
  if (!password || password.length === 0) return { returnCode: 5, refusal: 'no SAS token in the password' };
  const verdict = verifySasToken(password.toString('utf8'), {
    resourceUri: `${options.hostname}/devices/${deviceId}`,
    key,
    ...(options.now ? { now: options.now } : {}),
  });
  return verdict.ok
    ? { returnCode: 0, auth: 'sas' }
    : { returnCode: 5, refusal: `SAS token refused: ${verdict.reason}` };
}

/** CN of the (already verified) client certificate. */
function commonName(socket: tls.TLSSocket): string | null {
  const subject = socket.getPeerX509Certificate()?.subject ?? '';
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(subject);
  return cn ? (cn[1] as string) : null;
}

/**
 * Creates the aedes broker of a hub and the function that attaches TLS connections to it.
 * @example
 * ```ts
 * const mqtt = await createMqttHandler({ api: 'azure', hostname, devices, limits, store, x509: false });
 * mqtt.handle(tlsSocket, record);
 * ```
 */
export async function createMqttHandler(options: {
  readonly api: CloudApi;
  readonly hostname: string;
  readonly devices: ReadonlyMap<string, string>;
  readonly limits: HubLimits;
  readonly store: RecordStore;
  /** Client certificates are verified by TLS (client-cert-required): authenticate by CN. */
  readonly x509: boolean;
  /** Published to each device on its first SUBSCRIBE (record-size scenarios); null: never. */
  readonly largeMessage: Buffer | null;
}): Promise<MqttHandler> {
  const { store } = options;
  const broker = await Aedes.createBroker({
    connectTimeout: options.limits.mqttConnectTimeoutMs,
    heartbeatInterval: 60_000,
    maxClientsIdLength: 128,
    drainTimeout: 10_000,
  });
  const records = new WeakMap<object, { record: ConnectionRecord; socket: tls.TLSSocket }>();
  const mqttOf = (record: ConnectionRecord): MqttInfo => {
    record.mqtt ??= {
      protocolVersion: null,
      clientId: null,
      username: null,
      passwordPresent: false,
      auth: null,
      connackReturnCode: null,
      refusal: null,
      packetsIn: 0,
      largeMessage: null,
      error: null,
    };
    return record.mqtt;
  };

  broker.preConnect = (client, packet, done) => {
    const entry = records.get(client.conn);
    if (entry) {
      const info = mqttOf(entry.record);
      info.protocolVersion = packet.protocolVersion ?? null;
      info.clientId = packet.clientId ?? '';
      info.username = packet.username ?? null;
      info.passwordPresent = packet.password !== undefined && packet.password.length > 0;
      store.changed(entry.record);
    }
    done(null, true);
  };

  broker.authenticate = (client, username, password, done) => {
    const entry = records.get(client.conn);
    const decision = authorizeConnect({
      api: options.api,
      hostname: options.hostname,
      devices: options.devices,
      clientId: client.id,
      username,
      password,
      peerCommonName: options.x509 && entry ? commonName(entry.socket) : null,
    });
    if (entry) {
      const info = mqttOf(entry.record);
      if (decision.returnCode === 0) info.auth = decision.auth;
      else info.refusal = decision.refusal;
      store.changed(entry.record);
    }
    if (decision.returnCode === 0) {
      done(null, true);
      return;
    }
    done(Object.assign(new Error(decision.refusal), { returnCode: decision.returnCode }), false);
  };

  broker.authorizePublish = (client, packet, done) => {
    if (
      options.api === 'azure' &&
      client &&
      !packet.topic.startsWith(`devices/${client.id}/`) &&
      !packet.topic.startsWith('$iothub/')
    ) {
      done(new Error(`publish to "${packet.topic}" is not allowed for device "${client.id}"`));
      return;
    }
    done(null);
  };

  const { largeMessage } = options;
  if (largeMessage) {
    broker.on('subscribe', (subscriptions, client) => {
      const entry = records.get(client.conn);
      const granted = subscriptions.filter((s) => (s.qos as number) !== 128); // 128: refused (§3.9.3)
      const sub = granted.find((s) => !s.topic.startsWith('$')) ?? granted[0];
      if (!entry || !sub) return;
      const info = mqttOf(entry.record);
      if (info.largeMessage) return;
      const qos = Math.min(sub.qos, 1) as 0 | 1;
      info.largeMessage = { topic: topicForFilter(sub.topic), bytes: largeMessage.length, qos };
      store.changed(entry.record);
      client.publish(
        {
          cmd: 'publish',
          topic: info.largeMessage.topic,
          payload: largeMessage,
          qos,
          retain: false,
          dup: false,
        },
        () => {},
      );
    });
  }

  broker.on('connackSent', (packet, client) => {
    const entry = records.get(client.conn);
    if (!entry) return;
    mqttOf(entry.record).connackReturnCode = packet.returnCode ?? null;
    store.changed(entry.record);
  });
  const onError = (client: { conn: object }, error: Error) => {
    const entry = records.get(client.conn);
    if (!entry) return;
    const info = mqttOf(entry.record);
    info.error ??= error.message;
    store.changed(entry.record);
  };
  broker.on('clientError', onError);
  broker.on('connectionError', onError);

  return {
    handle(socket, record) {
      const info = mqttOf(record);
      const guard = new MqttGuard(socket, options.limits.maxMqttPacketBytes, {
        packet() {
          info.packetsIn++;
        },
        bytes(count) {
          record.applicationBytesIn += count;
          store.changed(record);
        },
        violation(reason) {
          info.error ??= reason;
          store.changed(record);
        },
      });
      records.set(guard, { record, socket });
      broker.handle(guard);
    },
    close() {
      return new Promise((resolve) => broker.close(() => resolve()));
    },
  };
}
