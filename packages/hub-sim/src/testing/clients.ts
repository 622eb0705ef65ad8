// Test clients: a node:tls "correct device", mqtt.js connections, openssl s_client runs, and a
// raw ClientHello capture.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import mqtt from 'mqtt';
import { ClientHelloPeeker } from '../client-hello.js';
import type { Hub } from '../hub.js';
import { createSasToken } from '../sas.js';

/** Cipher suites a correct device offers in TLS 1.2: ECDHE with AEAD only (RFC 9325 §4.2). */
const MODERN_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/** How a TLS attempt ended on the client side. */
export interface TlsAttempt {
  readonly ok: boolean;
  readonly protocol: string | null;
  /** node:tls error code on failure. */
  readonly code: string | null;
  readonly message: string | null;
  /** What came back from the echo endpoint. */
  readonly echoed: string | null;
}

/**
 * Connects like a correct device (trusting the hub's `caPem`, checking the host name, modern
 * suites), writes a probe to the echo port and waits for it to come back or for the error.
 */
export function tlsAttempt(hub: Hub, extra: tls.ConnectionOptions = {}): Promise<TlsAttempt> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: hub.host,
      port: hub.ports.echo,
      servername: hub.hostname,
      ca: hub.caPem,
      ciphers: MODERN_CIPHERS,
      ...extra,
    });
    let settled = false;
    const done = (result: TlsAttempt) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(20_000, () =>
      done({ ok: false, protocol: null, code: 'TIMEOUT', message: null, echoed: null }),
    );
    socket.on('secureConnect', () => socket.write('hubtrust-probe'));
    socket.on('data', (data: Buffer) => {
      if (data.toString().includes('hubtrust-probe')) {
        const protocol = socket.getProtocol();
        socket.end();
        done({ ok: true, protocol, code: null, message: null, echoed: data.toString() });
      }
    });
    socket.on('error', (error: Error & { code?: string }) =>
      done({ ok: false, protocol: null, code: error.code ?? null, message: error.message, echoed: null }),
    );
    socket.on('close', () =>
      done({ ok: false, protocol: null, code: 'CLOSED', message: null, echoed: null }),
    );
  });
}

/** How an MQTT attempt ended. */
export interface MqttAttempt {
  readonly connected: boolean;
  /** CONNACK return code when one arrived. */
  readonly returnCode: number | null;
  readonly code: string | null;
  readonly message: string | null;
}

/** Options of {@link mqttAttempt}: credentials default to a valid SAS login of the hub's first device. */
export interface MqttAttemptOptions {
  readonly clientId?: string;
  readonly username?: string;
  readonly password?: string;
  readonly tls?: {
    readonly key?: string;
    readonly cert?: string;
    readonly ciphers?: string;
    readonly minVersion?: tls.SecureVersion;
    readonly maxVersion?: tls.SecureVersion;
    readonly ca?: string;
  };
  readonly protocolVersion?: 4 | 5;
}

/** The SAS login IoT Hub expects for `deviceId`. */
export function sasLogin(hub: Hub, deviceId = hub.devices[0]?.deviceId ?? '', expiresInMs = 3_600_000) {
  const key = hub.devices.find((d) => d.deviceId === deviceId)?.primaryKey ?? '';
  return {
    clientId: deviceId,
    username: `${hub.hostname}/${deviceId}/?api-version=2021-04-12`,
    password: createSasToken({
      resourceUri: `${hub.hostname}/devices/${deviceId}`,
      key,
      expiresAt: new Date(Date.now() + expiresInMs),
    }),
  };
}

/** Connects with mqtt.js (MQTT 3.1.1 over TLS, no reconnects) and resolves on CONNACK or error. */
export function mqttAttempt(hub: Hub, options: MqttAttemptOptions = {}): Promise<MqttAttempt> {
  const login = sasLogin(hub);
  return new Promise((resolve) => {
    const client = mqtt.connect({
      protocol: 'mqtts',
      host: hub.host,
      port: hub.port,
      servername: hub.hostname,
      ca: hub.caPem,
      ciphers: MODERN_CIPHERS,
      rejectUnauthorized: true,
      clientId: options.clientId ?? login.clientId,
      username: options.username ?? login.username,
      password: options.password ?? login.password,
      protocolVersion: options.protocolVersion ?? 4,
      reconnectPeriod: 0,
      connectTimeout: 20_000,
      ...options.tls,
    });
    let settled = false;
    const done = (result: MqttAttempt) => {
      if (settled) return;
      settled = true;
      client.end(true);
      resolve(result);
    };
    client.on('connect', (packet) =>
      done({ connected: true, returnCode: packet.returnCode ?? 0, code: null, message: null }),
    );
    client.on('error', (error: Error & { code?: string | number }) =>
      done({
        connected: false,
        returnCode: typeof error.code === 'number' ? error.code : null,
        code: typeof error.code === 'string' ? error.code : null,
        message: error.message,
      }),
    );
    client.on('close', () => done({ connected: false, returnCode: null, code: 'CLOSED', message: null }));
  });
}

/** Result of `openssl s_client`. */
export interface SClientResult {
  readonly exitCode: number | null;
  readonly output: string;
  /** The "Verify return code: N (text)" value, e.g. `10 (certificate has expired)`. */
  readonly verify: string | null;
}

const scratch = mkdtempSync(join(tmpdir(), 'hub-sim-sclient-'));
let files = 0;

/** A fresh path in this process's scratch directory. */
export function scratchPath(extension: string): string {
  return join(scratch, `${files++}.${extension}`);
}

/** Writes a PEM to a scratch file for openssl and returns its path. */
export function pemFile(pem: string): string {
  const path = scratchPath('pem');
  writeFileSync(path, pem);
  return path;
}

/** What `sClient` sends: to which port (default echo) and, with `input`, what (then waits for the hub to close). */
export interface SClientSession {
  readonly port?: number;
  readonly input?: string;
}

/**
 * Runs Debian's `openssl s_client -verify_return_error` against the hub's echo port (or
 * `session.port`), trusting only `caPem` (no system store), checking the hub's host name.
 */
export function sClient(
  hub: Hub,
  extraArgs: string[] = [],
  caPem = hub.caPem,
  session: SClientSession = {},
): Promise<SClientResult> {
  const args = [
    's_client',
    '-connect',
    `${hub.host}:${session.port ?? hub.ports.echo}`,
    '-servername',
    hub.hostname,
    '-CAfile',
    pemFile(caPem),
    '-no-CApath',
    '-no-CAstore',
    '-verify_return_error',
    '-verify_hostname',
    hub.hostname,
    ...(session.input !== undefined ? ['-ign_eof'] : []),
    ...extraArgs,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stdin.end(session.input ?? '');
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output, verify: /Verify return code: (.*)/.exec(output)?.[1]?.trim() ?? null });
    });
  });
}

/** Captures the raw first flight of a node:tls client (it never completes: nobody answers). */
export async function captureHello(options: tls.ConnectionOptions): Promise<Buffer> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const accepted = once(server, 'connection');
  const client = tls.connect({ host: '127.0.0.1', port, ...options });
  client.on('error', () => {});
  const [socket] = (await accepted) as [net.Socket];
  const peeker = new ClientHelloPeeker();
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (peeker.push(chunk)) resolve();
    });
  });
  client.destroy();
  socket.destroy();
  server.close();
  return Buffer.concat(chunks);
}
