import { describe, expect, it } from 'vitest';
import { authorizeConnect } from './mqtt-endpoint.js';
import { MqttFramer } from './mqtt-guard.js';
import { createSasToken } from './sas.js';

const hostname = 'myhub.azure-devices.net';
const key = Buffer.alloc(32, 7).toString('base64');
const devices = new Map([['dev1', key]]);
const now = new Date('2030-01-01T00:00:00Z');
const token = (deviceId = 'dev1', expiresAt = new Date('2030-01-01T01:00:00Z')) =>
  Buffer.from(createSasToken({ resourceUri: `${hostname}/devices/${deviceId}`, key, expiresAt }));

function azure(
  clientId: string,
  username: string | undefined,
  password?: Buffer,
  peerCommonName: string | null = null,
) {
  return authorizeConnect({
    api: 'azure',
    hostname,
    devices,
    clientId,
    username,
    password,
    peerCommonName,
    now,
  });
}

describe('CONNECT authorization', () => {
  it('accepts IoT Hub SAS and X.509 logins, whatever the case of the host name', () => {
    expect(azure('dev1', `${hostname}/dev1/?api-version=2021-04-12`, token())).toEqual({
      returnCode: 0,
      auth: 'sas',
    });
    expect(
      azure('dev1', `MYHUB.azure-devices.net/dev1/?api-version=2021-04-12&DeviceClientType=c`, token()),
    ).toEqual({
      returnCode: 0,
      auth: 'sas',
    });
    expect(azure('dev1', `${hostname}/dev1/?api-version=2021-04-12`, undefined, 'dev1')).toEqual({
      returnCode: 0,
      auth: 'x509',
    });
  });

  it('maps each refusal to its return code', () => {
    const user = `${hostname}/dev1/?api-version=2021-04-12`;
    expect(azure('dev1', undefined, token()).returnCode).toBe(4);
    expect(azure('dev1', 'dev1', token()).returnCode).toBe(4);
    expect(azure('dev1', `${hostname}/dev1/?foo=1`, token()).returnCode).toBe(4);
    expect(azure('dev1', `${hostname}/dev1/extra/?api-version=1`, token()).returnCode).toBe(4);
    expect(azure('dev2', user, token()).returnCode).toBe(2);
    expect(azure('dev1', user, undefined)).toMatchObject({
      returnCode: 5,
      refusal: 'no SAS token in the password',
    });
    expect(azure('dev1', user, token('dev1', new Date('2029-12-31T00:00:00Z')))).toMatchObject({
      returnCode: 5,
      refusal: 'SAS token refused: expired',
    });
    expect(azure('dev1', user, token('dev9'))).toMatchObject({
      returnCode: 5,
      refusal: 'SAS token refused: wrong-resource',
    });
    expect(azure('ghost', `${hostname}/ghost/?api-version=1`, token('ghost'))).toMatchObject({
      returnCode: 5,
    });
    expect(azure('dev1', user, undefined, 'someone')).toMatchObject({ returnCode: 5 });
  });

  it('AWS: any non-empty client id, x509 when a client certificate was verified', () => {
    const aws = (clientId: string, peerCommonName: string | null) =>
      authorizeConnect({
        api: 'aws',
        hostname,
        devices,
        clientId,
        username: undefined,
        password: undefined,
        peerCommonName,
      });
    expect(aws('thing', null)).toEqual({ returnCode: 0, auth: 'none' });
    expect(aws('thing', 'x')).toEqual({ returnCode: 0, auth: 'x509' });
    expect(aws('', null).returnCode).toBe(2);
  });
});

describe('MQTT framing guard', () => {
  it('frames packets split anywhere, including inside the remaining length', () => {
    const seen: [number, number][] = [];
    const framer = new MqttFramer(1000, (type, total) => seen.push([type, total]));
    // CONNECT with a 2-byte remaining length (200), then PINGREQ, then DISCONNECT.
    const connect = Buffer.concat([Buffer.from([0x10, 0xc8, 0x01]), Buffer.alloc(200)]);
    const stream = Buffer.concat([connect, Buffer.from([0xc0, 0x00, 0xe0, 0x00])]);
    for (let i = 0; i < stream.length; i++) expect(framer.feed(stream.subarray(i, i + 1))).toBe(true);
    expect(seen).toEqual([
      [1, 203],
      [12, 2],
      [14, 2],
    ]);
  });

  it('stops at the first violation and stays stopped', () => {
    const framer = new MqttFramer(100, () => {});
    expect(framer.feed(Buffer.from([0x10, 0x7f]))).toBe(false);
    expect(framer.failed).toMatch(/129 bytes over the 100-byte limit/);
    expect(framer.feed(Buffer.from([0x10, 0x00]))).toBe(false);
  });
});
