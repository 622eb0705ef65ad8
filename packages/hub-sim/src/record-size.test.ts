// Acceptance of the record-size scenarios with real clients: a C client on Debian's mbedTLS 2.28
// (16 KiB build; a 4 KiB build emulated in its receive callback, see the C file), openssl
// s_client -maxfraglen, mqtt.js. What each client does is checked against resolveExpectation()
// and against the outcome table of the README.
import tls from 'node:tls';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceRecordProfile, resolveExpectation } from './expectations.js';
import { type Hub, type HubOptions, startHub } from './hub.js';
import { largeMessage, topicForFilter } from './large-message.js';
import type { ConnectionRecord, Endpoint } from './records.js';
import { sasLogin, sClient } from './testing/clients.js';
import {
  httpLargeBodyRequest,
  type MbedtlsDevice,
  mbedtlsClientBinary,
  mqttExpectedBytes,
  mqttSubscribeRequest,
  runMbedtlsClient,
} from './testing/mbedtls-client.js';

/** MBEDTLS_ERR_SSL_BAD_INPUT_DATA: "requesting more data than fits" (the record is over the buffer). */
const BAD_INPUT_DATA = -0x7100;
/** MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE: mbedTLS 2.x "TLS handshake fragmentation not supported". */
const FEATURE_UNAVAILABLE = -0x7080;

interface Client {
  readonly label: string;
  readonly device: MbedtlsDevice;
  readonly profile: DeviceRecordProfile;
}

const CLIENTS: readonly Client[] = [
  { label: '16 KiB', device: {}, profile: { inputBuffer: 'in-16k' } },
  { label: '4 KiB (emulated)', device: { inContentLen: 4096 }, profile: { inputBuffer: 'in-4k' } },
  {
    label: '4 KiB (emulated) + max_fragment_length 4096',
    device: { inContentLen: 4096, maxFragmentLength: 4096 },
    profile: { inputBuffer: 'in-4k', maxFragmentLength: 4096 },
  },
];

/** The README's outcome table (Azure chain): `ok` or the failure detail. */
const OUTCOMES: Readonly<Record<'max-size-records' | 'mfl-honoured', readonly string[]>> = {
  'max-size-records': ['ok', 'record_too_large', 'ok'],
  'mfl-honoured': ['ok', 'record_too_large', 'ok'],
};

const hubs = new Map<string, Hub>();
async function hubFor(options: HubOptions): Promise<Hub> {
  const key = JSON.stringify(options);
  let hub = hubs.get(key);
  if (!hub) {
    hub = await startHub(options);
    hubs.set(key, hub);
  }
  return hub;
}
beforeAll(() => {
  mbedtlsClientBinary(); // compile (once per source version) before the first run
});
afterAll(async () => {
  await Promise.all([...hubs.values()].map((h) => h.stop()));
});

function ended(hub: Hub, endpoint: Endpoint, after: number): Promise<ConnectionRecord> {
  return hub.waitForRecord((r) => r.endpoint === endpoint && r.id > after && r.endedAt !== null, 30_000);
}

/** Runs the mbedTLS client over MQTT (subscribe, receive the PUBLISH) or HTTPS (GET the body). */
async function mbedtlsOver(hub: Hub, endpoint: 'mqtt' | 'https', device: MbedtlsDevice) {
  const payload = largeMessage(hub.largeMessageBytes ?? 0);
  const before = hub.records.at(-1)?.id ?? 0;
  const filter =
    hub.api === 'azure' ? `devices/${hub.devices[0]?.deviceId}/messages/devicebound/#` : 'test_1';
  const run =
    endpoint === 'mqtt'
      ? await runMbedtlsClient(
          hub,
          hub.ports.mqtt,
          device,
          mqttSubscribeRequest(hub, filter),
          mqttExpectedBytes(topicForFilter(filter), payload),
        )
      : await runMbedtlsClient(hub, hub.ports.https, device, httpLargeBodyRequest(hub), 0);
  const record = await ended(hub, endpoint, before);
  const delivered =
    run.stage === 'done' && run.data.subarray(run.data.length - payload.length).equals(payload);
  return { run, record, delivered, payload };
}

describe('record-size scenarios × Debian mbedTLS 2.28 (Azure chain)', () => {
  for (const scenario of ['max-size-records', 'mfl-honoured'] as const) {
    CLIENTS.forEach((client, index) => {
      const outcome = OUTCOMES[scenario][index];
      for (const endpoint of ['mqtt', 'https'] as const) {
        it(`${scenario}, ${client.label}, ${endpoint}: ${outcome}`, async () => {
          const hub = await hubFor({ scenario });
          const expected = resolveExpectation(hub.scenario.expected, client.profile, hub);
          expect(expected.connects ? 'ok' : expected.detail).toBe(outcome);
          const { run, record, delivered } = await mbedtlsOver(hub, endpoint, client.device);
          const tr = record.tlsRecords;
          expect(record.handshake.completed).toBe(true); // the Azure Certificate record fits 4 KiB
          if (expected.connects) {
            expect(run, JSON.stringify(run)).toMatchObject({ stage: 'done', error: 0 });
            expect(delivered).toBe(true);
            expect(tr.closedDuringLargeRecord).toBe(false);
            if (client.device.maxFragmentLength) {
              expect(tr.maxFragmentLength).toBe(client.device.maxFragmentLength);
              expect(run.maxFragmentLength).toBe(client.device.maxFragmentLength);
              expect(tr.largestSent).toBeGreaterThan(4096);
              expect(tr.largestSent).toBeLessThanOrEqual(4096 + 256);
            } else {
              expect(tr.maxFragmentLength).toBe(null);
              expect(tr.largestSent).toBeGreaterThan(16_384); // a full record plus its AEAD expansion
            }
            expect(run.largestRecord).toBe(tr.largestSent);
            return;
          }
          // The 4 KiB build gives up on the first 16 KiB record, without an alert, and resets.
          expect(run).toMatchObject({
            stage: 'read',
            error: BAD_INPUT_DATA,
            emulatedError: 'requesting more data than fits',
          });
          expect(run.largestRecord).toBeGreaterThan(run.emulatedRecordLimit);
          expect(delivered).toBe(false);
          expect(tr).toMatchObject({ maxFragmentLength: null, closedDuringLargeRecord: true });
          expect(tr.largestSent).toBeGreaterThan(16_384);
          // Over HTTPS (Connection: close) the hub may have closed first; MQTT stays open.
          if (endpoint === 'mqtt') expect(record.closedBy).toBe('client');
        });
      }
    });
  }

  it('the hub records the large message it published and the MQTT session', async () => {
    const hub = await hubFor({ scenario: 'max-size-records' });
    const { record } = await mbedtlsOver(hub, 'mqtt', {});
    expect(record.mqtt).toMatchObject({
      connackReturnCode: 0,
      auth: 'sas',
      largeMessage: {
        topic: `devices/${hub.devices[0]?.deviceId}/messages/devicebound/hubtrust=record-size`,
        bytes: 16_384,
        qos: 0,
      },
    });
  });
});

describe('the chain record and max_fragment_length on AWS chains (mfl-honoured, HTTPS)', () => {
  it('RSA chain (Certificate message 5,002 bytes): a 4 KiB device fails in the handshake; with MFL 4096 mbedTLS 2.28 cannot reassemble the split message', async () => {
    const hub = await hubFor({ scenario: 'mfl-honoured', cloud: 'aws' });
    expect(hub.certificateMessageBytes['TLSv1.2']).toBe(5002);
    const full = await mbedtlsOver(hub, 'https', {});
    expect(full.delivered).toBe(true);

    const small = await mbedtlsOver(hub, 'https', { inContentLen: 4096 });
    expect(resolveExpectation(hub.scenario.expected, { inputBuffer: 'in-4k' }, hub)).toMatchObject({
      detail: 'record_too_large',
      from: 'certificate-record',
    });
    expect(small.run).toMatchObject({ stage: 'handshake', error: BAD_INPUT_DATA, largestRecord: 5002 });
    expect(small.record.handshake.completed).toBe(false);
    expect(small.record.tlsRecords).toMatchObject({ largestSent: 5002, closedDuringLargeRecord: true });

    // A correct 4 KiB device offering MFL connects (the resolver says so); mbedTLS before 3.6.3
    // does not reassemble a handshake message split over records (a known stack limitation).
    const mfl = await mbedtlsOver(hub, 'https', { inContentLen: 4096, maxFragmentLength: 4096 });
    expect(
      resolveExpectation(hub.scenario.expected, { inputBuffer: 'in-4k', maxFragmentLength: 4096 }, hub)
        .connects,
    ).toBe(true);
    expect(mfl.run).toMatchObject({ stage: 'handshake', error: FEATURE_UNAVAILABLE });
    expect(mfl.record.tlsRecords).toMatchObject({
      maxFragmentLength: 4096, // from the ServerHello echo: the handshake never completed
      largestSent: 4096,
      closedDuringLargeRecord: false,
    });
  });

  it('ECDSA chain (Certificate message 4,008 bytes): a 4 KiB device offering MFL 4096 receives the body', async () => {
    const hub = await hubFor({ scenario: 'mfl-honoured', cloud: 'aws', keyType: 'ecdsa' });
    expect(hub.certificateMessageBytes['TLSv1.2']).toBeLessThanOrEqual(4096);
    const mfl = await mbedtlsOver(hub, 'https', { inContentLen: 4096, maxFragmentLength: 4096 });
    expect(mfl.delivered).toBe(true);
    expect(mfl.record.tlsRecords.maxFragmentLength).toBe(4096);
    const small = await mbedtlsOver(hub, 'https', { inContentLen: 4096 });
    expect(small.run).toMatchObject({ stage: 'read', error: BAD_INPUT_DATA });
  });
});

describe('record-size scenarios × openssl s_client', () => {
  for (const version of ['-tls1_2', '-tls1_3'] as const) {
    it(`mfl-honoured, -maxfraglen 512 ${version}: every record the hub sends stays within 512 bytes of plaintext`, async () => {
      const hub = await hubFor({ scenario: 'mfl-honoured' });
      const before = hub.records.at(-1)?.id ?? 0;
      const result = await sClient(hub, ['-maxfraglen', '512', version], hub.caPem, {
        port: hub.ports.https,
        input: httpLargeBodyRequest(hub).toString(),
      });
      expect(result.verify).toBe('0 (ok)');
      expect(result.output).toContain('HTTP/1.1 200');
      expect(result.output).toContain(largeMessage(16_384).toString());
      const record = await ended(hub, 'https', before);
      expect(record.clientHello?.maxFragmentLength).toBe(512);
      expect(record.handshake.protocol).toBe(version === '-tls1_2' ? 'TLSv1.2' : 'TLSv1.3');
      // Negotiated: the ServerHello echo in TLS 1.2, OpenSSL's session in TLS 1.3.
      expect(record.tlsRecords.maxFragmentLength).toBe(512);
      // The 3,374-byte Certificate message and the 16 KiB body were split: 512 + AEAD expansion.
      expect(record.tlsRecords.largestSent).toBeGreaterThan(512);
      expect(record.tlsRecords.largestSent).toBeLessThanOrEqual(512 + 24);
      expect(record.tlsRecords.sent).toBeGreaterThan(16_384 / 512);
    });
  }

  it('max-size-records without the extension: full 16,384-byte records (TLS 1.3: 16,401 on the wire)', async () => {
    const hub = await hubFor({ scenario: 'max-size-records' });
    const before = hub.records.at(-1)?.id ?? 0;
    const result = await sClient(hub, ['-tls1_3'], hub.caPem, {
      port: hub.ports.https,
      input: httpLargeBodyRequest(hub).toString(),
    });
    expect(result.output).toContain(largeMessage(16_384).toString());
    const record = await ended(hub, 'https', before);
    expect(record.tlsRecords).toMatchObject({ largestSent: 16_384 + 17, maxFragmentLength: null });
  });
});

describe('record-size scenarios × mqtt.js and node:tls', () => {
  const subscribeAndReceive = async (hub: Hub, filter: string, qos: 0 | 1) => {
    const login = hub.api === 'azure' ? sasLogin(hub) : { clientId: 'thing-1', username: '', password: '' };
    const client = mqtt.connect({
      protocol: 'mqtts',
      host: hub.host,
      port: hub.port,
      servername: hub.hostname,
      ca: hub.caPem,
      reconnectPeriod: 0,
      ...login,
    });
    try {
      return await new Promise<{ topic: string; payload: Buffer; qos: number }>((resolve, reject) => {
        client.on('error', reject);
        client.on('message', (topic, payload, packet) => resolve({ topic, payload, qos: packet.qos }));
        client.on('connect', () => client.subscribe(filter, { qos }));
      });
    } finally {
      client.end(true);
    }
  };

  it('AWS: the device subscribing at QoS 1 gets the message on its topic at QoS 1 (Device Advisor style)', async () => {
    const hub = await hubFor({ scenario: 'max-size-records', cloud: 'aws', largeMessageBytes: 40_000 });
    const before = hub.records.at(-1)?.id ?? 0;
    const message = await subscribeAndReceive(hub, 'test_1', 1);
    expect(message).toMatchObject({ topic: 'test_1', qos: 1 });
    expect(message.payload.equals(largeMessage(40_000))).toBe(true);
    const record = await ended(hub, 'mqtt', before);
    expect(record.mqtt?.largeMessage).toEqual({ topic: 'test_1', bytes: 40_000, qos: 1 });
    expect(record.tlsRecords.largestSent).toBeGreaterThan(16_384);
    expect(record.tlsRecords.largestSent).toBeLessThanOrEqual(16_384 + 256);
  });

  it('other scenarios publish nothing on subscribe and answer the device-bound GET with 204', async () => {
    const hub = await hubFor({ scenario: 'current' });
    expect(hub.largeMessageBytes).toBe(null);
    const status = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({
        host: hub.host,
        port: hub.ports.https,
        servername: hub.hostname,
        ca: hub.caPem,
      });
      let text = '';
      socket.on('secureConnect', () => socket.write(httpLargeBodyRequest(hub)));
      socket.on('data', (d: Buffer) => {
        text += d.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(status).toMatch(/^HTTP\/1\.1 204 /);
  });

  it('largeMessageBytes is bounded', async () => {
    await expect(startHub({ scenario: 'max-size-records', largeMessageBytes: 63 })).rejects.toThrow(
      RangeError,
    );
    await expect(
      startHub({ scenario: 'max-size-records', largeMessageBytes: 256 * 1024 + 1 }),
    ).rejects.toThrow(RangeError);
  });
});
