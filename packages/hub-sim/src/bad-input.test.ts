// Bad input: non-TLS bytes, stalls, floods, malformed MQTT, bad credentials. The hub must stay
// up, bound every wait, and record every connection.
import { once } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Hub, type HubOptions, startHub } from './hub.js';
import type { ConnectionRecord } from './records.js';
import { captureHello, mqttAttempt, sasLogin, tlsAttempt } from './testing/clients.js';

const hubs: Hub[] = [];
async function hubWith(options: HubOptions): Promise<Hub> {
  const hub = await startHub(options);
  hubs.push(hub);
  return hub;
}
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
});

const sockets: net.Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});

/** Sends raw bytes over TCP and resolves when the hub closes the connection. */
async function rawExchange(port: number, bytes: Buffer, end = true): Promise<Buffer> {
  const socket = net.connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  socket.on('error', () => {});
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.write(bytes);
  if (end) socket.end();
  await once(socket, 'close');
  return Buffer.concat(chunks);
}

/** Completes a TLS handshake to the MQTT port, sends bytes, resolves when the hub closes. */
async function tlsThenBytes(hub: Hub, bytes: Buffer | null): Promise<void> {
  const socket = tls.connect({ host: hub.host, port: hub.port, servername: hub.hostname, ca: hub.caPem });
  socket.on('error', () => {});
  await once(socket, 'secureConnect');
  socket.on('data', () => {});
  if (bytes) socket.write(bytes);
  await once(socket, 'close');
}

function nextEnded(hub: Hub, after: number, endpoint?: ConnectionRecord['endpoint']) {
  return hub.waitForRecord(
    (r) => r.id > after && r.endedAt !== null && (!endpoint || r.endpoint === endpoint),
    30_000,
  );
}

const last = (hub: Hub) => hub.records.at(-1)?.id ?? 0;

describe('non-TLS and malformed TLS input', () => {
  it('records plaintext MQTT, HTTP and garbage sent to TLS ports, and keeps serving', async () => {
    const hub = await hubWith({});
    const inputs: [number, Buffer, string][] = [
      [hub.port, Buffer.from('101000044d5154540402003c000461626364', 'hex'), '10100004'],
      [hub.ports.https, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), '47455420'],
      [hub.ports.echo, Buffer.from('ffffffffffffffffffffffffffffffff', 'hex'), 'ffffffff'],
    ];
    for (const [port, bytes, prefix] of inputs) {
      const before = last(hub);
      await rawExchange(port, bytes);
      const record = await nextEnded(hub, before);
      expect(record.clientHelloPeek).toMatchObject({ kind: 'not-tls', error: null });
      expect(record.clientHelloPeek?.firstBytes.startsWith(prefix)).toBe(true);
      expect(record.handshake.completed).toBe(false);
      expect(record.handshake.error).not.toBe(null);
      expect(['server-alert', 'client-closed']).toContain(record.outcome);
    }
    expect((await tlsAttempt(hub)).ok).toBe(true);
  });

  it('records a malformed ClientHello with the reason, and what OpenSSL made of it', async () => {
    const hub = await hubWith({});
    const hello = await captureHello({ servername: hub.hostname });
    const broken = Buffer.from(hello);
    broken.writeUInt16BE(0xffff, 5 + 4 + 2 + 32 + 1 + 32); // cipher_suites length far too long
    const before = last(hub);
    await rawExchange(hub.ports.echo, broken);
    const record = await nextEnded(hub, before);
    expect(record.clientHelloPeek?.kind).toBe('malformed');
    expect(record.clientHelloPeek?.error).toMatch(/truncated|outside/);
    expect(record.outcome).not.toBe('established');
  });
});

describe('stalls and timeouts', () => {
  it('times out a client that sends half a ClientHello, one that never answers the server flight, and a silent one', async () => {
    const hub = await hubWith({ limits: { handshakeTimeoutMs: 500 } });
    const hello = await captureHello({ servername: hub.hostname });
    const cases: [Buffer, ConnectionRecord['handshake']['stage'], boolean][] = [
      [hello.subarray(0, 40), 'client-hello', false],
      [hello, 'server-flight', true],
      [Buffer.alloc(0), 'client-hello', false],
    ];
    for (const [bytes, stage, parsed] of cases) {
      const before = last(hub);
      const started = performance.now();
      await rawExchange(hub.ports.echo, bytes, false);
      const record = await nextEnded(hub, before);
      expect(record).toMatchObject({
        outcome: 'timeout',
        closedBy: 'hub',
        handshake: { stage, completed: false },
      });
      expect(record.clientHello !== null).toBe(parsed);
      expect(performance.now() - started).toBeLessThan(20_000);
    }
  });

  it('closes idle connections after the handshake (idleTimeoutMs)', async () => {
    const hub = await hubWith({ limits: { idleTimeoutMs: 300 } });
    const before = last(hub);
    const socket = tls.connect({
      host: hub.host,
      port: hub.ports.echo,
      servername: hub.hostname,
      ca: hub.caPem,
    });
    socket.on('error', () => {});
    await once(socket, 'secureConnect');
    socket.resume();
    await once(socket, 'close');
    const record = await nextEnded(hub, before);
    expect(record).toMatchObject({
      outcome: 'handshake-only',
      closedBy: 'hub',
      handshake: { completed: true },
    });
  });
});

describe('connection floods (loopback only, bounded)', () => {
  it('refuses connections over maxConnections, records every one, and recovers', async () => {
    // The accepted 16 stay open (silent) until the handshake timeout, long enough for all 64 to arrive.
    const hub = await hubWith({ limits: { maxConnections: 16, handshakeTimeoutMs: 3_000 } });
    const before = last(hub);
    const flood = 64;
    const clients = await Promise.all(
      Array.from({ length: flood }, async () => {
        const socket = net.connect({ host: '127.0.0.1', port: hub.ports.echo });
        sockets.push(socket);
        socket.on('error', () => {});
        socket.resume();
        await once(socket, 'connect');
        return socket;
      }),
    );
    await Promise.all(clients.map((s) => (s.destroyed ? Promise.resolve() : once(s, 'close'))));
    await hub.waitForRecord(
      () => hub.records.filter((r) => r.id > before && r.endedAt !== null).length === flood,
      30_000,
    );
    const records = hub.records.filter((r) => r.id > before);
    expect(records).toHaveLength(flood);
    const refused = records.filter((r) => r.outcome === 'refused').length;
    expect(refused).toBeGreaterThanOrEqual(flood - 16);
    expect(records.filter((r) => r.outcome === 'timeout').length).toBe(flood - refused);
    expect((await tlsAttempt(hub)).ok).toBe(true);
  });

  it('serves 32 concurrent handshakes', async () => {
    const hub = await hubWith({});
    const results = await Promise.all(Array.from({ length: 32 }, () => tlsAttempt(hub)));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('keeps at most maxRecords records and counts the dropped ones', async () => {
    const hub = await hubWith({ limits: { maxRecords: 5 } });
    for (let i = 0; i < 8; i++) await tlsAttempt(hub);
    expect(hub.records).toHaveLength(5);
    expect(hub.droppedRecords).toBe(3);
    expect(hub.records.map((r) => r.id)).toEqual([4, 5, 6, 7, 8]);
  });
});

describe('malformed MQTT after the handshake', () => {
  const cases: [string, Buffer, RegExp][] = [
    ['reserved packet type', Buffer.from([0xf0, 0x00]), /reserved packet type 15/],
    [
      'PUBLISH before CONNECT',
      Buffer.from([0x30, 0x05, 0x00, 0x01, 0x61, 0x68, 0x69]),
      /first packet is type 3/,
    ],
    ['a 200 MB CONNECT', Buffer.from([0x10, 0x80, 0x80, 0x80, 0x60]), /over the 262149-byte limit/],
    ['a 5-byte remaining length', Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f]), /longer than 4 bytes/],
  ];
  for (const [label, bytes, reason] of cases) {
    it(`closes on ${label} without buffering it`, async () => {
      const hub = await hubWith({});
      const before = last(hub);
      await tlsThenBytes(hub, bytes);
      const record = await nextEnded(hub, before, 'mqtt');
      expect(record.mqtt?.error).toMatch(reason);
      expect(record.mqtt?.connackReturnCode).toBe(null);
      expect(record.closedBy).toBe('hub');
    });
  }

  it('closes on a CONNECT with a wrong protocol name (parser error from mqtt-packet)', async () => {
    const hub = await hubWith({});
    const body = Buffer.concat([
      Buffer.from([0, 4]),
      Buffer.from('XQTT'),
      Buffer.from([4, 2, 0, 60, 0, 1, 0x61]),
    ]);
    const before = last(hub);
    await tlsThenBytes(hub, Buffer.concat([Buffer.from([0x10, body.length]), body]));
    const record = await nextEnded(hub, before, 'mqtt');
    expect(record.mqtt?.error).toMatch(/protocol/i);
    expect(record.mqtt?.connackReturnCode).toBe(null);
  });

  it('closes a connection that never sends CONNECT (mqttConnectTimeoutMs)', async () => {
    const hub = await hubWith({ limits: { mqttConnectTimeoutMs: 300 } });
    const before = last(hub);
    await tlsThenBytes(hub, null);
    const record = await nextEnded(hub, before, 'mqtt');
    expect(record).toMatchObject({ outcome: 'handshake-only', closedBy: 'hub', applicationBytesIn: 0 });
  });

  it('refuses MQTT 5 with return code 1 (aedes speaks MQTT 3.1/3.1.1 only)', async () => {
    const hub = await hubWith({});
    const before = last(hub);
    const attempt = await mqttAttempt(hub, { protocolVersion: 5 });
    expect(attempt.connected).toBe(false);
    const record = await nextEnded(hub, before, 'mqtt');
    expect(record.mqtt).toMatchObject({ protocolVersion: 5, connackReturnCode: 1 });
  });
});

describe('bad credentials get the CONNACK return code IoT Hub clients expect', () => {
  it('refuses wrong keys, expired tokens, unknown devices, foreign usernames and mismatched client ids', async () => {
    const hub = await hubWith({});
    const good = sasLogin(hub);
    const otherKeyHub = {
      ...hub,
      devices: [{ deviceId: good.clientId, primaryKey: Buffer.alloc(32, 1).toString('base64') }],
    };
    const cases: [string, Parameters<typeof mqttAttempt>[1], number, RegExp][] = [
      ['wrong key', sasLogin(otherKeyHub as Hub), 5, /bad-signature/],
      ['expired token', { password: sasLogin(hub, good.clientId, -60_000).password }, 5, /expired/],
      ['unknown device', { ...sasLogin(hub, 'nobody'), clientId: 'nobody' }, 5, /unknown device/],
      [
        'username of another hub',
        { username: `other.azure-devices.net/${good.clientId}/?api-version=2021-04-12` },
        4,
        /username/,
      ],
      ['username without api-version', { username: `${hub.hostname}/${good.clientId}/` }, 4, /username/],
      ['client id not the device id', { clientId: 'impostor' }, 2, /client id/],
      ['no password', { password: '' }, 5, /no SAS token/],
    ];
    for (const [label, options, code, reason] of cases) {
      const before = last(hub);
      const attempt = await mqttAttempt(hub, options);
      expect(attempt, label).toMatchObject({ connected: false, returnCode: code });
      const record = await nextEnded(hub, before, 'mqtt');
      expect(record.mqtt?.connackReturnCode, label).toBe(code);
      expect(record.mqtt?.refusal, label).toMatch(reason);
    }
    expect((await mqttAttempt(hub)).connected).toBe(true);
  });
});
