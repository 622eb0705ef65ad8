// Runs test-clients/mbedtls-record-client.c (compiled once per source version with gcc against
// Debian's mbedTLS 2.28) against a hub, and builds what it sends: an MQTT CONNECT + SUBSCRIBE or
// an HTTP request for the large device-bound body.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import mqttPacket from 'mqtt-packet';
import type { Hub } from '../hub.js';
import { defaultCacheDir } from '../pki.js';
import { pemFile, sasLogin, scratchPath } from './clients.js';

const SOURCE = new URL('../../test-clients/mbedtls-record-client.c', import.meta.url);

/**
 * Path of the compiled client: `<PKI cache dir>/mbedtls-record-client-<source hash>`, built with
 * gcc on first use (atomically: concurrent test workers may race).
 * @throws Error when gcc or the mbedTLS development files are missing
 */
export function mbedtlsClientBinary(): string {
  const source = readFileSync(SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = defaultCacheDir();
  const binary = join(dir, `mbedtls-record-client-${hash}`);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  execFileSync(
    'gcc',
    [
      '-O1',
      '-Wall',
      '-Wextra',
      '-Werror',
      '-o',
      partial,
      SOURCE.pathname,
      '-lmbedtls',
      '-lmbedx509',
      '-lmbedcrypto',
    ],
    {
      stdio: 'pipe',
    },
  );
  renameSync(partial, binary);
  return binary;
}

/** How the client is configured: a 16 KiB device by default. */
export interface MbedtlsDevice {
  /** Emulated MBEDTLS_SSL_IN_CONTENT_LEN (see the C file); absent: the library's 16,384. */
  readonly inContentLen?: number;
  /** max_fragment_length to offer. */
  readonly maxFragmentLength?: 512 | 1024 | 2048 | 4096;
}

/** The client's JSON line, plus the application data it received. */
export interface MbedtlsRun {
  readonly stage: 'setup' | 'connect' | 'handshake' | 'write' | 'read' | 'done';
  readonly error: number;
  readonly errorHex: string;
  readonly errorText: string;
  readonly emulatedError: string | null;
  readonly version: string;
  readonly suite: string;
  readonly maxFragmentLength: number;
  readonly received: number;
  readonly largestRecord: number;
  readonly emulatedRecordLimit: number;
  readonly data: Buffer;
}

/**
 * Connects to `port` of the hub (trusting its `caPem`), sends `request`, reads until `want`
 * application bytes (0: until the hub closes).
 */
export function runMbedtlsClient(
  hub: Hub,
  port: number,
  device: MbedtlsDevice,
  request: Buffer,
  want: number,
): Promise<MbedtlsRun> {
  const out = scratchPath('bin');
  const args = [
    '--host',
    hub.host,
    '--port',
    String(port),
    '--servername',
    hub.hostname,
    '--ca',
    pemFile(hub.caPem),
    '--out',
    out,
    '--send-hex',
    request.toString('hex'),
    '--want',
    String(want),
    '--timeout-ms',
    '20000',
    ...(device.inContentLen ? ['--emulate-in-content-len', String(device.inContentLen)] : []),
    ...(device.maxFragmentLength ? ['--mfl', String(device.maxFragmentLength)] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile(mbedtlsClientBinary(), args, { timeout: 40_000 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (!line.startsWith('{')) {
        reject(new Error(`mbedtls client: ${error?.message ?? ''} ${stderr}`));
        return;
      }
      resolve({ ...(JSON.parse(line) as Omit<MbedtlsRun, 'data'>), data: readFileSync(out) });
    });
  });
}

/** MQTT 3.1.1 CONNECT (SAS login on Azure, a thing name on AWS) and a QoS 0 SUBSCRIBE. */
export function mqttSubscribeRequest(hub: Hub, filter: string): Buffer {
  const login = hub.api === 'azure' ? sasLogin(hub) : null;
  const connect = mqttPacket.generate({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean: true,
    keepalive: 60,
    clientId: login?.clientId ?? 'thing-1',
    ...(login ? { username: login.username, password: Buffer.from(login.password) } : {}),
  });
  const subscribe = mqttPacket.generate({
    cmd: 'subscribe',
    messageId: 1,
    subscriptions: [{ topic: filter, qos: 0 }],
  });
  return Buffer.concat([connect, subscribe]);
}

/** The bytes the hub sends for {@link mqttSubscribeRequest}: CONNACK, SUBACK, then the PUBLISH. */
export function mqttExpectedBytes(topic: string, payload: Buffer): number {
  const publish = mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false });
  return 4 + 5 + publish.length;
}

/** HTTP/1.1 GET of the large body: the Azure device-bound message (SAS) or the AWS shadow. */
export function httpLargeBodyRequest(hub: Hub): Buffer {
  const path =
    hub.api === 'azure'
      ? `/devices/${hub.devices[0]?.deviceId}/messages/deviceBound?api-version=2021-04-12`
      : '/things/thing-1/shadow';
  const auth = hub.api === 'azure' ? `Authorization: ${sasLogin(hub).password}\r\n` : '';
  return Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${hub.hostname}\r\n${auth}Connection: close\r\n\r\n`);
}
